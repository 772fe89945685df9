import Foundation

/// The one plan run of the server (one data folder per server, so one solve at a time per
/// data set), off the request path on its own thread, with its progress for the status
/// fragment.
///
/// GLPK cannot be interrupted from outside, so cancelling marks the run: its result is then
/// discarded (no plan folder is written) and the next run may start once the solve returns
/// (at the latest at the time limit). The server keeps answering meanwhile.
final class PlanJobs: @unchecked Sendable {
    /// One solve at a time per data set: the plan runs and the comparisons of one server share
    /// a gate, entered atomically when a run starts and left when its work returns, so two
    /// clicks at the same instant on "Run a plan" and "Compare" never start both.
    final class Gate: @unchecked Sendable {
        private let lock = NSLock()
        private var busy = false
        init() {}
        func tryEnter() -> Bool {
            lock.withLock {
                if busy { return false }
                busy = true
                return true
            }
        }
        func leave() { lock.withLock { busy = false } }
    }

    enum State: String, Sendable {
        case running = "Running"
        case cancelling = "Cancelling"
        case finished = "Finished"
        case failed = "Failed"
        case cancelled = "Cancelled"
    }

    struct Job: Sendable {
        var number: Int
        var state: State
        var detail: String
        var started: Date
        var by: String
        /// The plan folder's name once written.
        var plan: String?
        var isBusy: Bool { state == .running || state == .cancelling }
    }

    private let lock = NSLock()
    private var job: Job?
    private var count = 0
    private let gate: Gate

    init(gate: Gate = Gate()) { self.gate = gate }

    /// The latest run, if any.
    var current: Job? { lock.withLock { job } }

    /// Starts `work` on its own thread unless a run is busy.
    ///
    /// - Parameter work: runs the plan, reporting progress; returns the plan folder's name.
    /// - Returns: false when a run is already busy, this one or another behind the same gate
    ///   (nothing is started).
    func start(by: String, work: @escaping @Sendable (@escaping @Sendable (String) -> Void) throws -> String) -> Bool {
        let number: Int? = lock.withLock {
            if job?.isBusy == true { return nil }
            if !gate.tryEnter() { return nil }
            count += 1
            job = Job(number: count, state: .running, detail: "loading the data", started: Date(), by: by, plan: nil)
            return count
        }
        guard let number else { return false }
        let thread = Thread { [self] in
            let progress: @Sendable (String) -> Void = { [self] line in
                update(number) { if $0.state == .running { $0.detail = line } }
            }
            do {
                let plan = try work(progress)
                // The gate opens before the run shows as done: whoever sees it done may start.
                gate.leave()
                update(number) { job in
                    if job.state == .cancelling {
                        job.state = .cancelled
                        job.detail = "cancelled; the result was discarded"
                    } else {
                        job.state = .finished
                        job.detail = "wrote \(plan)"
                        job.plan = plan
                    }
                }
            } catch {
                gate.leave()
                update(number) { job in
                    job.state = job.state == .cancelling ? .cancelled : .failed
                    job.detail = job.state == .cancelled ? "cancelled" : "\(error)"
                }
            }
        }
        thread.stackSize = 16 << 20
        thread.start()
        return true
    }

    /// Asks the running job to stop; returns false when none is running.
    func cancel() -> Bool {
        lock.withLock {
            guard job?.state == .running else { return false }
            job?.state = .cancelling
            job?.detail = "cancelling: the result will be discarded when the solver returns"
            return true
        }
    }

    /// Whether a cancelled run's result must be discarded (asked by the work before writing).
    func isCancelled(_ number: Int? = nil) -> Bool { lock.withLock { job?.state == .cancelling } }

    private func update(_ number: Int, _ change: (inout Job) -> Void) {
        lock.withLock {
            guard var j = job, j.number == number else { return }
            change(&j)
            job = j
        }
    }
}
