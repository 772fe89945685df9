import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRender

extension VisitPlan {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute the optimal one-year plan of assessment visits within the budget.",
            discussion: "Writes Reports/<name>/plan.json and the itinerary files, and prints a summary.")

        @OptionGroup var dataOptions: DataOptions

        @Option(help: "Folder for the plan's files.")
        var out: String = "Reports"

        @Option(help: "Name of the plan (its folder under --out). Default: plan-<horizon start>-to-<horizon end>.")
        var name: String?

        @Option(help: "Total envelope in USD including programme support costs, e.g. 126560 (default: policy.yaml).")
        var budget: String?

        @Option(help: "Seconds the solver may use (default: policy.yaml's solver.time_limit_seconds).")
        var timeLimit: Double?

        @Option(help: "Also write the exact model solved, as CPLEX LP (.lp) or free MPS (.mps, written as a minimization).")
        var exportModel: String?

        @Flag(help: "Show GLPK's progress.")
        var verbose = false

        func validate() throws {
            if let budget, Money(parsing: budget) == nil {
                throw ValidationError("--budget: expected an amount in US dollars such as 126560 or 126560.00, found \"\(budget)\"")
            }
            if let timeLimit, !(timeLimit > 0 && timeLimit <= 86_400) {
                throw ValidationError("--time-limit: expected seconds between 1 and 86400")
            }
            if let exportModel, !(exportModel.hasSuffix(".lp") || exportModel.hasSuffix(".mps")) {
                throw ValidationError("--export-model: the file name must end in .lp or .mps")
            }
            if let name, safeFileName(name) != name {
                throw ValidationError("--name: use letters, digits, '-', '_' and '.', e.g. \(safeFileName(name))")
            }
        }

        func run() throws {
            var data = try dataOptions.load()
            if let budget, let envelope = Money(parsing: budget) {
                data.policy.budget = BudgetSplit(envelope: envelope, pscRate: data.policy.budget.pscRate)
            }
            let planName = name ?? "plan-\(data.policy.horizon.first.iso)-to-\(data.policy.horizon.last.iso)"
            let folder = URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent(planName, isDirectory: true)
            let log: (@Sendable (String) -> Void)? = verbose ? { @Sendable line in Console.error(line) } : nil
            let result: PlanResult
            do {
                result = try Planner(data: data).plan(options: PlanOptions(timeLimit: timeLimit, log: log))
            } catch let error as PlanError {
                Console.error("error: \(error)")
                throw ExitCode(2)
            }
            let document = PlanDocument(name: planName, result: result, data: data)
            do {
                let written = try PlanWriter.write(
                    document, to: folder, reportTemplates: result.infeasibility == nil, onWait: { Console.error($0) })
                if let exportModel {
                    try result.exportModel(to: URL(fileURLWithPath: exportModel), mps: exportModel.hasSuffix(".mps"))
                }
                Console.out(PlanSummary.text(document))
                Console.out("Wrote \(folder.path)/: \(PlanWriter.describe(written.written))")
                for kept in written.kept { Console.out("Kept: \(kept)") }
                if let reports = written.reports {
                    for warning in reports.warnings { Console.error("warning: \(warning)") }
                    Console.out(reports.description)
                }
                if let exportModel { Console.out("Wrote the model to \(exportModel)") }
            } catch let error as FileSystemError {
                Console.error("error: cannot write the plan: \(error)")
                throw ExitCode(2)
            } catch let error as CocoaError {
                Console.error("error: cannot write the plan: \(error.localizedDescription)")
                throw ExitCode(2)
            } catch let error as ReportError {
                Console.error("error: \(error)")
                throw ExitCode(2)
            }
            if result.infeasibility != nil { throw ExitCode(3) }
        }
    }
}
