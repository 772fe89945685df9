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
            Validate.self, Costs.self, Plan.self, Compare.self, Reports.self, Adopt.self, Trip.self, Trips.self, BudgetStatus.self,
            RegisterCommand.self,
        ]
    )
}

/// The data folder option every command shares.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: "Folder with policy.yaml and the CSV data files.")
    var data: String = "Data"

    var url: URL { URL(fileURLWithPath: data, isDirectory: true) }

    /// Loads the data; on problems prints every one to standard error and exits 1.
    func load() throws -> PlanningData {
        do {
            return try DataLoader.load(directory: url)
        } catch let errors as DataErrors {
            Console.error(errors.description)
            Console.error("Nothing was planned. Fix the lines above (file:line: column: problem) and run again.")
            throw ExitCode(1)
        }
    }
}

/// Where commands write: results to standard output, problems to standard error.
enum Console {
    static func out(_ text: String) { print(text) }
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text.hasSuffix("\n") ? text : text + "\n").utf8))
    }
}
