import ArgumentParser
import VisitPlannerCore

extension VisitPlan {
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check the data files and report every problem with its file, line and column.")

        @OptionGroup var dataOptions: DataOptions

        func run() throws {
            let data = try dataOptions.load()
            let p = data.policy
            Console.out(
                """
                \(data.source): the data is valid.
                  \(data.operations.count) operations, \(data.managers.count) mission managers, \(data.windows.count) windows, \(data.fares.count) fares
                  horizon \(p.horizon.first.iso) to \(p.horizon.last.iso); envelope \(p.budget.envelope) = travel cap \(p.budget.travelCap) + PSC \(p.budget.pscRate) \(p.budget.psc(on: p.budget.travelCap))
                """)
        }
    }
}
