import Foundation

/// Says on standard error what a long run is doing, and nothing for a short one.
///
/// Lines appear once the run has taken `quietFor` seconds: a new phase at once, further news
/// of the same phase at most every `interval` seconds. They go to standard error, so standard
/// output and the files stay the same from run to run.
final class ProgressLine: @unchecked Sendable {
    private let started: Date
    private let quietFor: Double
    private let interval: Double
    private let lock = NSLock()
    private var lastPhase = ""
    private var lastPrinted = Date.distantPast

    init(started: Date, quietFor: Double = 1, interval: Double = 2) {
        self.started = started
        self.quietFor = quietFor
        self.interval = interval
    }

    func report(_ message: String) {
        let now = Date()
        let elapsed = now.timeIntervalSince(started)
        let phase = String(message.prefix { $0 != ":" })
        lock.lock()
        defer { lock.unlock() }
        guard elapsed >= quietFor, phase != lastPhase || now.timeIntervalSince(lastPrinted) >= interval else {
            if elapsed < quietFor { lastPhase = "" }
            return
        }
        lastPhase = phase
        lastPrinted = now
        Console.error(String(format: "visitplan [%.0f s]: ", elapsed) + message)
    }

    var callback: @Sendable (String) -> Void { { [self] in report($0) } }
}
