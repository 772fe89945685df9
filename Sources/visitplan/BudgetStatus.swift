import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister

extension VisitPlan {
    struct BudgetStatus: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "The year's budget position from the register: spent, committed, requested, planned and free, with PSC.",
            discussion: """
                Writes status.md, status.csv, quarters.csv and variance.csv into the register's report folder \
                (Reports/register-<year>/), or status-<date>.md… with --as-of, and prints a summary.
                """)

        @OptionGroup var options: RegisterOptions

        @Option(help: "The position as the register stood at the end of this day (YYYY-MM-DD).")
        var asOf: String?

        func run() throws {
            let register = try options.open()
            let asOf = try dayOption(asOf, "--as-of")
            let position = try registerErrors { try register.position(asOf: asOf) }
            let urls = try StatusReport.write(position, to: register.reportFolder)
            Console.out(StatusReport.summary(position))
            Console.out("Wrote " + urls.map(\.path).joined(separator: ", "))
        }
    }
}
