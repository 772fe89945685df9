import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRender
import VisitPlannerReports
import VisitPlannerWriters

/// The exit codes of every command, from one place (README, "Exit codes").
enum Exit: Int32 {
    /// Done.
    case done = 0
    /// Bad data: a data, scenarios or report file breaks a rule (every problem is listed).
    case badData = 1
    /// The solver or the file system failed, or a run was out of time or memory.
    case failed = 2
    /// No plan exists (e.g. `required` coverage that cannot be met); the reason is printed.
    case noPlan = 3
    /// The command line is wrong (unknown option, bad value): the usage is printed.
    case usage = 64

    var code: ExitCode { ExitCode(rawValue) }
}

/// A command that stops with a message for the user and an exit code.
struct CommandFailure: Error {
    var exit: Exit
    var message: String

    init(_ exit: Exit, _ message: String) {
        self.exit = exit
        self.message = message
    }
}

/// Runs the command line and turns every error into its message and exit code, so that no
/// error is ever reported with a code the README does not give it.
@main
enum Main {
    static func main() {
        // Before anything else: a crash must never hold the caller's terminal.
        CrashHandling.configureBacktracer()
        let command: ParsableCommand
        do {
            command = try VisitPlan.parseAsRoot()
        } catch {
            // Help, version and usage errors: ArgumentParser prints them (usage errors exit 64).
            VisitPlan.exit(withError: error)
        }
        do {
            var command = command
            try command.run()
            Foundation.exit(Exit.done.rawValue)
        } catch {
            // `--help`, `help <command>`, `--version` and usage errors end as ArgumentParser ends
            // them (0 or 64); it answers 1 only for errors that are not its own.
            if !(error is CommandFailure || error is ExitCode), VisitPlan.exitCode(for: error) != .failure {
                VisitPlan.exit(withError: error)
            }
            let (exit, message) = describe(error)
            if let message { Console.error(message) }
            Foundation.exit(exit.rawValue)
        }
    }

    /// The exit code and message (nil when already printed) of an error a command threw.
    static func describe(_ error: Error) -> (Exit, String?) {
        switch error {
        case let failure as CommandFailure:
            return (failure.exit, "error: \(failure.message)")
        case let code as ExitCode:
            return (Exit(rawValue: code.rawValue) ?? .failed, nil)
        case let errors as DataErrors:
            return (.badData, errors.description)
        case let error as PlanError:
            return (.failed, "error: \(error)")
        case let error as FileSystemError:
            return (.failed, "error: \(error)")
        case let error as ReportError:
            return (.failed, "error: \(error)")
        case let error as CocoaError:
            let path = (error.userInfo[NSFilePathErrorKey] as? String).map { " \($0)" } ?? ""
            let reason = (error.userInfo[NSUnderlyingErrorKey] as? NSError)?.localizedDescription ?? error.localizedDescription
            return (.failed, "error: cannot read or write\(path): \(reason)")
        default:
            return (.failed, "error: \(error)")
        }
    }
}
