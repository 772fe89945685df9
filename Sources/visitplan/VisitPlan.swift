import ArgumentParser
import Foundation
import VisitPlannerCore

struct VisitPlan: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visitplan",
        abstract: "Plan, cost and follow up the assessment visits of UN Police Division mission managers.",
        discussion: """
            Data lives in a folder of CSV files and one policy.yaml (default: Data/). \
            Start with `visitplan validate`, then `visitplan plan`.
            """,
        version: "0.1.0",
        subcommands: [
            Validate.self, Costs.self, Plan.self, Compare.self, Reports.self, Adopt.self, Replan.self, Trip.self, Trips.self,
            BudgetStatus.self, RegisterCommand.self, Recommendations.self, RecommendationCommand.self, ReportClearanceCommand.self,
            Serve.self, Users.self,
        ]
    )
}

/// The data folder option every command shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Folder with policy.yaml and the CSV data files.")
    var data: String = "Data"

    var url: URL { URL(fileURLWithPath: data, isDirectory: true) }

    /// Loads the data; on problems prints every one to standard error and exits 1.
    /// - Parameter outcome: what did not happen because of them, for the last line.
    func load(outcome: String = "Nothing was planned.") throws -> PlanningData {
        do {
            return try DataLoader.load(directory: url)
        } catch let errors as DataErrors {
            Console.error(errors.description)
            Console.error("\(outcome) Fix the lines above (file:line: column: problem) and run again.")
            throw ExitCode(1)
        }
    }
}

/// Where commands write: results to standard output, problems to standard error.
///
/// Everything printed passes through `safe`: whatever a message quotes (a file name, a value
/// from a hand-edited plan.json), no escape sequence reaches the terminal, where it could
/// retitle the window, clear the screen or write the clipboard.
enum Console {
    static func out(_ text: String) { print(safe(text)) }
    static func error(_ text: String) {
        let line = safe(text)
        FileHandle.standardError.write(Data((line.hasSuffix("\n") ? line : line + "\n").utf8))
    }

    /// The text with every control or bidi character other than line feeds shown as `\u{…}`.
    static func safe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { ControlCharacters.neutralized(String($0)) }.joined(separator: "\n")
    }
}
