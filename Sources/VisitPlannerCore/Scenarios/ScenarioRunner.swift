import Dispatch
import Foundation

/// One scenario, planned: the data it was planned on and the plan, or why planning failed.
public struct ScenarioRun: Sendable {
    public var scenario: Scenario
    public var data: PlanningData
    /// The plan as written to `plan.json`; nil when the solver failed outright.
    public var document: PlanDocument?
    /// The solver's failure, when there is no plan at all.
    public var error: String?
    /// Wall-clock seconds of this scenario's solve.
    public var seconds: Double
}

/// Plans many scenarios at once, one per worker thread.
///
/// GLPK keeps its state per thread, and a problem must be created, solved and freed on one
/// thread with no suspension in between. `Planner.plan` does all three inside one synchronous
/// call, so each scenario runs wholly inside one `concurrentPerform` iteration on one worker
/// thread, and no Swift concurrency (which may hop threads at an `await`) is involved.
public enum ScenarioRunner {
    /// Plans every scenario against `data`.
    ///
    /// - Parameters:
    ///   - scenarios: the cases; each is applied to `data` on its own.
    ///   - data: the base data.
    ///   - options: solver options for every scenario (each solve gets the full time limit).
    ///   - workers: threads to use; defaults to the active cores.
    ///   - progress: called after each scenario finishes with (finished, total, that run);
    ///     from a worker thread, one call at a time.
    /// - Returns: one run per scenario, in the order given, whatever order they finished in.
    public static func run(
        _ scenarios: [Scenario], on data: PlanningData, options: PlanOptions,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Int, Int, ScenarioRun) -> Void)? = nil
    ) -> [ScenarioRun] {
        run(scenarios.map { ($0, options) }, on: data, workers: workers, progress: progress)
    }

    /// Plans every scenario against `data`, each with its own options (e.g. explanations for
    /// the scenarios a manager reads, none for the points of a sweep).
    public static func run(
        _ jobs: [(scenario: Scenario, options: PlanOptions)], on data: PlanningData,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount,
        progress: (@Sendable (Int, Int, ScenarioRun) -> Void)? = nil
    ) -> [ScenarioRun] {
        let box = RunBox(count: jobs.count)
        let threads = max(1, min(workers, jobs.count))
        // Each iteration is a worker that takes the next scenario until none is left, so a long
        // solve does not hold up the short ones queued behind it.
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while let index = box.next() {
                let run = plan(jobs[index].scenario, on: data, options: jobs[index].options)
                box.store(run, at: index, progress: progress)
            }
        }
        return box.results()
    }

    /// Plans one scenario synchronously on the calling thread.
    public static func plan(_ scenario: Scenario, on base: PlanningData, options: PlanOptions) -> ScenarioRun {
        let started = Date()
        let data = scenario.apply(to: base)
        do {
            let result = try Planner.make(data: data, options: options).plan(options: options)
            return ScenarioRun(
                scenario: scenario, data: data, document: PlanDocument(name: scenario.id, result: result, data: data),
                error: nil, seconds: Date().timeIntervalSince(started))
        } catch {
            return ScenarioRun(
                scenario: scenario, data: data, document: nil, error: "\(error)",
                seconds: Date().timeIntervalSince(started))
        }
    }
}

/// The shared work queue and result slots of one `run`, guarded by a lock.
private final class RunBox: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var finished = 0
    private var slots: [ScenarioRun?]

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func next() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard nextIndex < slots.count else { return nil }
        defer { nextIndex += 1 }
        return nextIndex
    }

    /// Stores a run and reports it, under the lock so reports come one at a time, in order.
    func store(_ run: ScenarioRun, at index: Int, progress: (@Sendable (Int, Int, ScenarioRun) -> Void)?) {
        lock.lock(); defer { lock.unlock() }
        slots[index] = run
        finished += 1
        progress?(finished, slots.count, run)
    }

    func results() -> [ScenarioRun] {
        lock.lock(); defer { lock.unlock() }
        // concurrentPerform returns only when every iteration has, so every slot is filled.
        return slots.map { $0! }
    }
}
