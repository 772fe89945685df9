import ArgumentParser
import Foundation
import VisitPlannerCore

extension VisitPlan {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the data files and report every problem with its file, line and column.",
            discussion: """
                Also checks the folder's scenarios.yaml, when there is one, against the data.
                """)

        @OptionGroup var dataOptions: DataOptions

        func run() throws {
            let data = try dataOptions.load(outcome: "The data is not valid.")
            let p = data.policy
            Console.out(
                """
                \(data.source): the data is valid.
                  \(data.operations.count) operations, \(data.managers.count) mission managers, \(data.windows.count) windows, \(data.fares.count) fares
                  horizon \(p.horizon.first.iso) to \(p.horizon.last.iso); envelope \(p.budget.envelope) = travel cap \(p.budget.travelCap) + PSC \(p.budget.pscRate) \(p.budget.psc(on: p.budget.travelCap))
                """)
            for warning in data.warnings {
                Console.out("  warning: \(warning)")
            }
            try validateScenarios(data)
        }

        /// The scenarios `compare` would read by default, checked now rather than after a
        /// planner has started a long comparison.
        private func validateScenarios(_ data: PlanningData) throws {
            let url = dataOptions.url.appendingPathComponent(ScenarioFile.defaultName)
            guard FileManager.default.fileExists(atPath: url.path) else { return }
            do {
                let scenarios = try ScenarioFile.load(url, data: data)
                Console.out("  \(ScenarioFile.defaultName): \(scenarios.count) scenario\(scenarios.count == 1 ? "" : "s"), valid")
            } catch let errors as DataErrors {
                fflush(nil)  // the summary above first, even when both streams go to one file
                Console.error(errors.description)
                Console.error("Fix the lines above (file:line: key: problem) before running compare.")
                throw ExitCode(1)
            }
        }
    }
}
