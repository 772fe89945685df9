import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRender
import VisitPlannerReports
import VisitPlannerWriters

extension VisitPlan {
    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan budget scenarios side by side, and show what each extra step of budget buys.",
            discussion: """
                Scenarios come from a YAML file (default: scenarios.yaml in the data folder; see Data/README.md), \
                or one per envelope with --budgets. The first scenario is the base the others are compared with. \
                Each scenario is told in visits in person (and how many in preferred windows), virtual assessments \
                and operations left with nothing, with its assessment value in priority points. \
                Writes Reports/<name>/comparison.md, .csv and .json, and each scenario's full plan in a sub-folder. \
                --sweep also plans a range of envelopes, says what each step up buys and below which budget each \
                operation drops out (highest first), and draws sweep.svg and comparison.html.
                """)

        @OptionGroup var dataOptions: DataOptions

        @Option(help: "Scenarios file (default: scenarios.yaml in the data folder).")
        var scenarios: String?

        @Option(help: "One scenario per envelope instead of a scenarios file, e.g. 126560,100000,75000 (the first is the base).")
        var budgets: String?

        @Option(help: "Also plan envelopes from MIN to MAX by STEP (all else as in the base), e.g. 60000:140000:10000.")
        var sweep: String?

        @Option(help: "Folder for the comparison's folder.")
        var out: String = "Reports"

        @Option(help: "Name of the comparison (its folder under --out).")
        var name: String = "comparison"

        @Option(help: "Seconds the whole comparison may take (default: policy.yaml's solver.time_limit_seconds).")
        var timeLimit: Double?

        static let maxSweepPoints = 60

        func validate() throws {
            if scenarios != nil && budgets != nil {
                throw ValidationError("--scenarios and --budgets cannot be used together: --budgets makes the scenarios")
            }
            if let budgets { _ = try Self.parseBudgets(budgets) }
            if let sweep { _ = try Self.parseSweep(sweep) }
            if let timeLimit, !(timeLimit > 0 && timeLimit <= 86_400) {
                throw ValidationError("--time-limit: expected seconds between 1 and 86400")
            }
            try PlanName.check(name)
        }

        static func parseBudgets(_ text: String) throws -> [Money] {
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingCharacters(in: .whitespaces) }
            // "126,560" is one amount with a thousands separator far more often than $126 and $560.
            if parts.count > 1, Money(parsing: text) != nil {
                throw ValidationError(
                    "--budgets: \"\(text)\" looks like one amount with a thousands separator; "
                        + "write amounts without separators, such as 126560,100000,75000")
            }
            var out: [Money] = []
            for part in parts {
                let m = try BudgetArgument.parse(part, option: "--budgets")
                if out.contains(m) { throw ValidationError("--budgets: \(m) is given twice") }
                out.append(m)
            }
            return out
        }

        static func parseSweep(_ text: String) throws -> [Money] {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false).map { String($0) }
            let amounts = parts.map { Money(parsing: $0) }
            guard parts.count == 3, let lo = amounts[0], let hi = amounts[1], let step = amounts[2] else {
                throw ValidationError("--sweep: expected MIN:MAX:STEP in US dollars, such as 60000:140000:10000; found \"\(text)\"")
            }
            guard lo < hi else { throw ValidationError("--sweep: MIN (\(lo)) must be less than MAX (\(hi))") }
            guard step.cents > 0 else { throw ValidationError("--sweep: STEP must be more than $0") }
            let count = (hi.cents - lo.cents + step.cents - 1) / step.cents + 1
            guard count <= Int64(maxSweepPoints) else {
                throw ValidationError("--sweep: \(count) envelopes is too many (at most \(maxSweepPoints)); use a larger STEP")
            }
            return Sweep.envelopes(min: lo, max: hi, step: step)
        }

        func run() throws {
            let started = Date()
            let data = try dataOptions.load(outcome: "Nothing was compared.")
            for warning in data.warnings { Console.error("warning: \(warning)") }
            let cases = try loadScenarios(data)
            // The time limit bounds the whole comparison: every scenario shares its deadline.
            var jobs = cases.map { (scenario: $0, options: PlanOptions(timeLimit: timeLimit, started: started, explain: true)) }
            // The sweep varies the base scenario's envelope, all else equal; no explanations needed.
            let base = cases[0]
            var sweepEnvelopes = try sweep.map(Self.parseSweep) ?? []
            // The base envelope joins the sweep when inside its range, so its marginal value shows.
            let baseEnvelope = base.envelope ?? data.policy.budget.envelope
            if let lo = sweepEnvelopes.first, let hi = sweepEnvelopes.last, lo < baseEnvelope, baseEnvelope < hi,
                !sweepEnvelopes.contains(baseEnvelope)
            {
                sweepEnvelopes = (sweepEnvelopes + [baseEnvelope]).sorted()
            }
            for e in sweepEnvelopes {
                var point = base
                point.id = "sweep-\(e.plain)"
                point.title = "Sweep \(e)"
                point.envelope = e
                jobs.append((scenario: point, options: PlanOptions(timeLimit: timeLimit, started: started, explain: false)))
            }

            let workers = ProcessInfo.processInfo.activeProcessorCount
            let progress = Progress(enabled: isatty(STDERR_FILENO) == 1)
            progress.start(total: jobs.count, workers: workers)
            let runs = ScenarioRunner.run(jobs, on: data, workers: workers) { done, total, run in
                progress.update(done: done, total: total, run: run)
            }
            progress.finish()

            let comparison = Comparison(
                runs: Array(runs.prefix(cases.count)),
                sweep: sweep == nil ? nil : Array(runs.dropFirst(cases.count)), data: data)
            let folder = URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent(name, isDirectory: true)
            let written: [String]
            do {
                written = try ComparisonWriter.write(comparison, name: name, to: folder)
            } catch let error as CocoaError {
                Console.error("error: cannot write the comparison: \(error.localizedDescription)")
                throw ExitCode(2)
            } catch let error as FileSystemError {
                Console.error("error: cannot write the comparison: \(error)")
                throw ExitCode(2)
            }
            let doc = ComparisonDocument(name: name, comparison: comparison)
            Console.out(ComparisonTables.summary(doc))
            let reports = written.filter { !$0.contains("/") }
            Console.out(
                "Wrote \(reports.joined(separator: ", ")) and \(written.count - reports.count) plan files "
                    + "(one folder per scenario) to \(folder.path)/ in \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
            let failed = runs.filter { $0.error != nil }
            for run in failed { Console.error("error: \(Escape.terminal(run.scenario.id)): \(Escape.terminal(run.error!))") }
            if !failed.isEmpty { throw ExitCode(2) }
        }

        /// The scenarios to plan; on problems prints each located one and exits 1.
        func loadScenarios(_ data: PlanningData) throws -> [Scenario] {
            if let budgets { return Scenario.budgets(try Self.parseBudgets(budgets)) }
            let url = scenarios.map { URL(fileURLWithPath: $0) } ?? dataOptions.url.appendingPathComponent(ScenarioFile.defaultName)
            do {
                return try ScenarioFile.load(url, data: data)
            } catch let errors as DataErrors {
                let n = errors.issues.count
                Console.error((n == 1 ? "1 problem" : "\(n) problems") + " in the scenarios file \(url.path):")
                for issue in errors.issues { Console.error("  \(issue)") }
                Console.error("Nothing was compared. Fix the lines above (file:line: key: problem) and run again.")
                throw ExitCode(1)
            }
        }
    }
}

/// The one-line progress display on standard error, drawn only when it is a terminal.
private final class Progress: @unchecked Sendable {
    let enabled: Bool
    private let started = Date()

    init(enabled: Bool) { self.enabled = enabled }

    func start(total: Int, workers: Int) {
        guard enabled else { return }
        draw("Planning \(total) scenario\(total == 1 ? "" : "s") on \(workers) core\(workers == 1 ? "" : "s")…")
    }

    /// Called by the runner under its lock, so one call at a time.
    func update(done: Int, total: Int, run: ScenarioRun) {
        guard enabled else { return }
        let status = run.document?.solver.status.rawValue ?? "error"
        draw(
            "[\(done)/\(total)] \(Escape.terminal(run.scenario.id)): \(status) in \(String(format: "%.1f", run.seconds)) s; "
                + "\(String(format: "%.0f", Date().timeIntervalSince(started))) s elapsed")
    }

    func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }

    private func draw(_ line: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(line)".utf8))
    }
}
