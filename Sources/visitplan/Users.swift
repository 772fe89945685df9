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
            subcommands: [Add.self, List.self])

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
                let password: String
                if generate {
                    password = Self.generatedPassword()
                } else {
                    guard isatty(STDIN_FILENO) == 1 else {
                        throw CommandFailure(.badData, "no terminal to ask for a password on; use --generate to have one made and printed")
                    }
                    guard let first = Self.readSecret("Password for \(name) (at least \(Self.minimumLength) characters): "),
                        let second = Self.readSecret("Again: ")
                    else { throw CommandFailure(.badData, "no password was entered") }
                    guard first == second else { throw CommandFailure(.badData, "the two passwords differ; nothing was added") }
                    guard first.count >= Self.minimumLength else {
                        throw CommandFailure(.badData, "the password has fewer than \(Self.minimumLength) characters; nothing was added")
                    }
                    password = first
                }
                let user = RegisterUser(name: name, role: role, managerId: manager, passwordHash: WebApp.hashPassword(password))
                let added = try registerErrors { try register.addUser(user, by: RegisterActor(name: by ?? Register.userName)) }
                Console.out(
                    "Added \(added.name) (\(added.role)\(added.managerId.map { ", manager \($0)" } ?? "")) to \(register.url.path).")
                if generate { Console.out("Password (shown once): \(password)") }
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
