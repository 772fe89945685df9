import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerWeb

extension VisitPlan {
    /// `visitplan users`: the web application's accounts.
    struct Users: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Manage the accounts of the web application (kept in the register).",
            subcommands: [Add.self, List.self, Disable.self, Enable.self, ResetPassword.self])

        struct Add: ParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Add an account; asks for its password on a terminal, or generates one (--generate).",
                discussion: "Roles: planner, manager, desk-officer (with --manager ID), reviewer, administrator.")

            @Argument(help: "The account's log-in name.")
            var name: String

            @Option(help: "planner, manager, desk-officer, reviewer or administrator.")
            var role: String

            @Option(help: "For a desk officer: the manager id whose trips are theirs.")
            var manager: String?

            @Flag(help: "Generate a password and print it once, instead of asking for one.")
            var generate = false

            @Option(help: "Who adds the account, for the history (default: the user name).")
            var by: String?

            @OptionGroup var options: WebOptions

            static let minimumLength = Passwords.minimumLength

            func validate() throws {
                guard let parsed = UserRole(reading: role) else {
                    throw ValidationError(
                        "--role: expected one of \(UserRole.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(role)\"")
                }
                if parsed == .deskOfficer && manager == nil {
                    throw ValidationError("--manager: a desk officer's account needs the manager id of their trips")
                }
                if parsed != .deskOfficer && manager != nil {
                    throw ValidationError("--manager: only a desk officer's account is linked to a manager id")
                }
            }

            func run() throws {
                let role = UserRole(reading: role)!
                let register = try options.open()
                let password = try Self.password(for: name, generate: generate, outcome: "nothing was added")
                let user = RegisterUser(name: name, role: role, managerId: manager, passwordHash: WebApp.hashPassword(password))
                let added = try registerErrors { try register.addUser(user, by: RegisterActor(name: by ?? Register.userName)) }
                Console.out(
                    "Added \(added.name) (\(added.role)\(added.managerId.map { ", manager \($0)" } ?? "")) to \(register.url.path).")
                if generate { Console.out("Password (shown once): \(password)") }
            }

            /// A generated password, or one asked twice on the terminal (never echoed).
            /// - Parameter outcome: what did not happen when the password is refused.
            static func password(for name: String, generate: Bool, outcome: String) throws -> String {
                if generate { return generatedPassword() }
                guard isatty(STDIN_FILENO) == 1 else {
                    throw CommandFailure(.badData, "no terminal to ask for a password on; use --generate to have one made and printed")
                }
                guard let first = readSecret("Password for \(name) (at least \(minimumLength) characters): "),
                    let second = readSecret("Again: ")
                else { throw CommandFailure(.badData, "no password was entered") }
                guard first == second else { throw CommandFailure(.badData, "the two passwords differ; \(outcome)") }
                guard first.count >= minimumLength else {
                    throw CommandFailure(.badData, "the password has fewer than \(minimumLength) characters; \(outcome)")
                }
                return first
            }

            /// The web application's rule, so the command line and the accounts page agree.
            static func generatedPassword() -> String { Passwords.generate() }

            /// Reads a line from the terminal without echoing it.
            static func readSecret(_ prompt: String) -> String? {
                FileHandle.standardError.write(Data(prompt.utf8))
                var old = termios()
                tcgetattr(STDIN_FILENO, &old)
                var silent = old
                silent.c_lflag &= ~tcflag_t(ECHO)
                tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent)
                defer {
                    tcsetattr(STDIN_FILENO, TCSAFLUSH, &old)
                    FileHandle.standardError.write(Data("\n".utf8))
                }
                return readLine(strippingNewline: true)
            }
        }

        struct List: ParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the accounts (never their passwords).")

            @OptionGroup var options: WebOptions

            func run() throws {
                let register = try options.open()
                let users = try registerErrors { try register.users() }
                if users.isEmpty { Console.out("No accounts in \(register.url.path).") }
                for u in users {
                    Console.out(
                        "\(u.name)\t\(u.role.rawValue)\t\(u.managerId ?? "")\t\(u.disabled ? "disabled" : "active")\t\(u.createdAt)")
                }
            }
        }
    }
}

extension VisitPlan.Users {
    /// `visitplan users disable NAME`: the account can no longer log in; its sessions end.
    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Disable an account (it cannot log in; its open sessions end). Accounts are never deleted.")

        @OptionGroup var account: AccountState

        func run() throws { try account.set(disabled: true) }
    }

    /// `visitplan users enable NAME`.
    struct Enable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Enable a disabled account again.")

        @OptionGroup var account: AccountState

        func run() throws { try account.set(disabled: false) }
    }

    /// What `disable` and `enable` take, and the change itself.
    struct AccountState: ParsableArguments {
        @Argument(help: "The account's log-in name.")
        var name: String

        @Option(help: "Why, for the history.")
        var note: String?

        @Option(help: "Who changes it, for the history (default: the user name).")
        var by: String?

        @OptionGroup var options: WebOptions

        func set(disabled: Bool) throws {
            let register = try options.open()
            let actor = RegisterActor(name: by ?? Register.userName)
            let user = try registerErrors { try register.setDisabled(name, disabled, by: actor, comment: note) }
            Console.out("\(user.name) is \(user.disabled ? "disabled" : "active").")
        }
    }

    /// `visitplan users reset-password NAME [--generate]`.
    struct ResetPassword: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "reset-password",
            abstract: "Give an account a new password; asks for it on a terminal, or generates one (--generate). Its open sessions end.")

        @Argument(help: "The account's log-in name.")
        var name: String

        @Flag(help: "Generate a password and print it once, instead of asking for one.")
        var generate = false

        @Option(help: "Who resets it, for the history (default: the user name).")
        var by: String?

        @OptionGroup var options: WebOptions

        func run() throws {
            let register = try options.open()
            // Refuse an unknown name before asking for a password.
            guard try registerErrors({ try register.users() }).contains(where: { $0.name.lowercased() == name.lowercased() }) else {
                throw CommandFailure(.badData, "there is no account named \(name) in \(register.url.path)")
            }
            let password = try Add.password(for: name, generate: generate, outcome: "the password was not changed")
            let user = try registerErrors {
                try register.resetPassword(name, hash: WebApp.hashPassword(password), by: RegisterActor(name: by ?? Register.userName))
            }
            Console.out("New password for \(user.name); the sessions opened with the old one have ended.")
            if generate { Console.out("Password (shown once): \(password)") }
        }
    }
}
