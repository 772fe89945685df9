import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRender
import VisitPlannerReports
import VisitPlannerWriters

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

        @Option(
            help: """
                Total envelope in USD including programme support costs, e.g. 126560 (default: policy.yaml). \
                A what-if: unless --name is given, the plan goes to its own folder (…-budget-<amount>).
                """)
        var budget: String?

        @Option(
            name: .customLong("as-of"),
            help: ArgumentHelp(
                "Plan as of this date (YYYY-MM-DD): no trip departs within the booking lead time (policy.yaml's booking:).",
                valueName: "date"))
        var asOf: String?

        @Option(help: "Seconds the whole run may take (default: policy.yaml's solver.time_limit_seconds).")
        var timeLimit: Double?

        @Option(help: "Megabytes the list of possible trips may take before the run stops with advice (default: 1024).")
        var memoryLimit: Int?

        @Option(help: "Also write the exact model solved, as CPLEX LP (.lp) or free MPS (.mps, written as a minimization).")
        var exportModel: String?

        @Flag(help: "Show GLPK's progress.")
        var verbose = false

        func validate() throws {
            if let budget { _ = try BudgetArgument.parse(budget, option: "--budget") }
            if let timeLimit, !(timeLimit > 0 && timeLimit <= 86_400) {
                throw ValidationError("--time-limit: expected seconds between 1 and 86400")
            }
            if let memoryLimit, !(64...1_048_576).contains(memoryLimit) {
                throw ValidationError("--memory-limit: expected megabytes between 64 and 1048576")
            }
            if let exportModel, !(exportModel.hasSuffix(".lp") || exportModel.hasSuffix(".mps")) {
                throw ValidationError("--export-model: the file name must end in .lp or .mps")
            }
            if let name { try PlanName.check(name) }
            if let asOf, Day(iso: asOf) == nil { throw ValidationError("--as-of: expected a date as YYYY-MM-DD, found \(asOf)") }
        }

        func run() throws {
            let started = Date()
            let progress = ProgressLine(started: started)
            var data = try dataOptions.load()
            for warning in data.warnings { Console.error("warning: \(warning)") }
            var whatIf: [String] = []
            if let budget {
                let envelope = try BudgetArgument.parse(budget, option: "--budget")
                data.policy.budget = BudgetSplit(envelope: envelope, pscRate: data.policy.budget.pscRate)
                whatIf.append("budget-" + (envelope.cents % 100 == 0 ? String(envelope.cents / 100) : envelope.plain))
            }
            if let asOf, let day = Day(iso: asOf) {
                data.policy.booking.asOf = day
                whatIf.append("as-of-\(day.iso)")
            }
            // A what-if never lands on the year's plan unless --name says so.
            let planName =
                name ?? (["plan-\(data.policy.horizon.first.iso)-to-\(data.policy.horizon.last.iso)"] + whatIf).joined(separator: "-")
            let folder = URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent(planName, isDirectory: true)
            if let exportModel { try Self.checkWritable(exportModel) }
            let log: (@Sendable (String) -> Void)? = verbose ? { @Sendable line in Console.error(line) } : nil
            var options = PlanOptions(timeLimit: timeLimit, started: started, log: log, progress: progress.callback)
            if let memoryLimit { options.memoryLimitBytes = memoryLimit * 1_048_576 }
            let result = try Planner.make(data: data, options: options).plan(options: options)
            progress.report("writing the plan's files")
            let document = PlanDocument(name: planName, result: result, data: data)
            let written = try PlanWriter.write(
                document, to: folder, reportTemplates: result.infeasibility == nil, onWait: { Console.error($0) })
            Console.out(PlanSummary.text(document))
            Console.out("Wrote \(folder.path)/: \(PlanWriter.describe(written.written))")
            for kept in written.kept { Console.out("Kept: \(kept)") }
            if let reports = written.reports {
                for warning in reports.warnings { Console.error("warning: \(warning)") }
                Console.out(reports.description)
            }
            if let exportModel {
                if result.finalModel != nil {
                    do {
                        try result.exportModel(to: URL(fileURLWithPath: exportModel), mps: exportModel.hasSuffix(".mps"))
                    } catch {
                        throw CommandFailure(.failed, "cannot write the model to \(exportModel): \(error)")
                    }
                    Console.out("Wrote the model to \(exportModel)")
                } else {
                    Console.out("No model was written to \(exportModel): no plan was solved.")
                }
            }
            if result.infeasibility != nil { throw Exit.noPlan.code }
        }

        /// Refuses an export path whose folder is missing or read-only before anything is planned
        /// or written, so the command never stops half-way through its outputs.
        static func checkWritable(_ path: String) throws {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw CommandFailure(.failed, "--export-model: the folder \(folder) does not exist; create it or choose another path")
            }
            guard FileManager.default.isWritableFile(atPath: folder) else {
                throw CommandFailure(.failed, "--export-model: the folder \(folder) cannot be written to")
            }
        }
    }
}
