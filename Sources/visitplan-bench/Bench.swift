import ArgumentParser
import Foundation
import VisitPlannerCore

/// Times model building and solving on the default data and on generated instances, and
/// prints model size, seconds, gap and peak memory: the figures README.md quotes.
///
/// Each instance runs in a child process of its own, so its peak memory is its own.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "visitplan-bench",
        abstract: "Benchmark VisitPlanner's planner (not a test: it measures, it does not judge).")

    @Option(help: "Default data folder.")
    var data: String = "Data"

    @Option(parsing: .upToNextOption, help: "Operation counts of generated instances.")
    var operations: [Int] = [16, 32, 64, 128]

    @Option(parsing: .upToNextOption, help: "Manager counts of generated instances.")
    var managers: [Int] = [10, 20, 40]

    @Option(help: "Seconds allowed per instance.")
    var timeLimit: Double = 60

    @Option(help: "Seed of generated instances.")
    var seed: UInt64 = 1

    @Flag(help: "Show GLPK's progress on standard error.")
    var verbose = false

    @Flag(help: "Show the planner's progress lines (phase, rounds, incumbent, bound) on standard error.")
    var progress = false

    @Flag(help: "Instead of planning, prove the most value by decomposition over shared operations (a measurement).")
    var decompose = false

    @Option(
        parsing: .upToNextOption,
        help: """
            Further instances OPS:MANAGERS[:MAXSTOPS[:REPEATS[:PORTFOLIO]]] (REPEATS operations allow two visits; each \
            manager holds at most PORTFOLIO operations), e.g. 200:25:5:0:8 16:6:3:4.
            """)
    var extra: [String] = []

    @Option(help: "Run one instance: 'default' or a spec as for --extra (used internally).")
    var one: String?

    func run() throws {
        if let one {
            print(try measure(one))
            return
        }
        print(
            "instance                         types   rows  columns  nonzeros  build s  solve s   wall s  status     gap      value      bound  peak MiB  spread"
        )
        var instances = ["default"]
        for n in operations { for m in managers { instances.append("\(n):\(m)") } }
        instances += extra
        for instance in instances {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
            process.arguments =
                ["--one", instance, "--data", data, "--time-limit", String(timeLimit), "--seed", String(seed)]
                + (verbose ? ["--verbose"] : []) + (progress ? ["--progress"] : []) + (decompose ? ["--decompose"] : [])
            let pipe = Pipe()
            process.standardOutput = pipe
            try process.run()
            let output = pipe.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            print(String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
        }
        print(
            "(peak MiB: each instance's own process, its largest resident set; spread: whether spreading the dates was proven or stopped at its budget, a tenth of the time limit and at least 2 s)"
        )
    }

    /// `text` padded with spaces to `width` characters (Foundation's `%-31@` pads nothing on Linux).
    static func padded(_ text: String, _ width: Int = 31) -> NSString {
        (text + String(repeating: " ", count: max(0, width - text.count))) as NSString
    }

    /// This process's peak resident set in MiB (Linux reports `ru_maxrss` in KiB).
    static func peakMiB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }

    /// `128 ops × 10 mgr`, with `, 5 stops`, `, 4 rep` and `, pf 8` when given.
    static func label(_ instance: String) -> String {
        let p = instance.split(separator: ":")
        var text = "\(p[0]) ops × \(p[1]) mgr"
        if p.count > 2 { text += ", \(p[2]) stops" }
        if p.count > 3, p[3] != "0" || p.count == 4 { text += ", \(p[3]) rep" }
        if p.count > 4 { text += ", pf \(p[4])" }
        return text
    }

    func measure(_ instance: String) throws -> String {
        let started = Date()
        let planningData: PlanningData
        if instance == "default" {
            planningData = try DataLoader.load(directory: URL(fileURLWithPath: data, isDirectory: true))
        } else {
            let fields = instance.split(separator: ":", omittingEmptySubsequences: false)
            let parts = fields.compactMap { Int($0) }
            guard (2...5).contains(fields.count), parts.count == fields.count, parts[0] >= 1, parts[1] >= 1,
                parts.dropFirst(2).allSatisfy({ $0 >= 0 })
            else {
                throw ValidationError(
                    "--one takes default or OPS:MANAGERS[:MAXSTOPS[:REPEATS[:PORTFOLIO]]] (whole numbers), got '\(instance)'")
            }
            planningData = SyntheticData.make(
                operations: parts[0], managers: parts[1], seed: seed, maxStops: parts.count >= 3 ? parts[2] : 3,
                repeatVisits: parts.count >= 4 ? parts[3] : 0, portfolio: parts.count == 5 ? parts[4] : nil)
        }
        let stderr: @Sendable (String) -> Void = { line in FileHandle.standardError.write(Data((line + "\n").utf8)) }
        // The whole run, listing trips included, within the time limit (as `visitplan plan`).
        let options = PlanOptions(
            timeLimit: timeLimit, started: started, explain: false, log: verbose ? stderr : nil, progress: progress ? stderr : nil)
        let planner: Planner
        do {
            planner = try Planner.make(data: planningData, options: options)
        } catch {
            return String(
                format: "%@  stopped after %.1f s: %@  (peak %.0f MiB)", Bench.padded(instance), Date().timeIntervalSince(started),
                "\(error)" as NSString, Bench.peakMiB())
        }
        let built = Date()
        if decompose {
            let label = instance == "default" ? "default" : Bench.label(instance)
            guard let d = try planner.valueByDecomposition(timeLimit: timeLimit, progress: options.progress) else {
                return "\(Bench.padded(label))  decomposition not applicable or out of time"
            }
            return String(
                format: "%@  %d shared operations, %d of %d manager models, %.2f s: value %@ %@  (peak %.0f MiB)",
                Bench.padded(label), d.sharedOperations, d.modelsSolved, d.modelsPossible, Date().timeIntervalSince(built),
                d.value.description as NSString, (d.proven ? "proven optimal" : "not proven") as NSString, Bench.peakMiB())
        }
        let result = try planner.plan(options: options)
        let solved = Date()
        let s = result.solver
        let gap =
            s.valueStatus == .optimal
            ? 0 : (s.valueBound.map { Double($0.points - result.value.points) / Double(max(1, $0.points)) } ?? .nan)
        let label =
            instance == "default" ? "default (\(planningData.operations.count) ops)" : Bench.label(instance)
        let bound = (s.valueBound ?? result.value).description
        return String(
            format: "%@  %6d  %5d  %7d  %8d  %7.3f  %7.3f  %7.2f  %@  %5.2f%%  %9@  %9@  %8.0f  %@",
            Bench.padded(label), s.candidates, s.rows, s.columns, s.nonzeros,
            built.timeIntervalSince(started), solved.timeIntervalSince(built), solved.timeIntervalSince(started),
            Bench.padded(s.status.rawValue, 9), gap * 100, result.value.description as NSString, bound as NSString, Bench.peakMiB(),
            (result.spread.map { $0.proven ? "proven" : "time limit" } ?? "-") as NSString)
    }
}
