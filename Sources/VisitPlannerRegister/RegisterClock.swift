import Foundation
import VisitPlannerCore

/// Where the register reads the time: history timestamps, "today" for the request lead time.
///
/// Injected so that tests (and a replay) are deterministic; the command line uses `system`.
public struct RegisterClock: Sendable {
    private let read: @Sendable () -> Date

    public init(_ read: @escaping @Sendable () -> Date) { self.read = read }

    /// The machine's clock.
    public static let system = RegisterClock { Date() }

    /// Always the same instant.
    public static func fixed(_ date: Date) -> RegisterClock { RegisterClock { date } }

    /// Starts at `start` and moves `step` seconds on at every reading, so history entries made
    /// one after another get distinct, increasing times.
    public static func stepping(from start: Date, by step: TimeInterval = 1) -> RegisterClock {
        let counter = Counter()
        return RegisterClock { start.addingTimeInterval(step * Double(counter.next())) }
    }

    public func now() -> Date { read() }

    /// Today's date in UTC.
    public func today() -> Day { Self.day(of: now()) }

    // MARK: - Formatting

    /// The UTC day an instant falls on.
    public static func day(of date: Date) -> Day {
        Day(number: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// `2027-03-01T09:30:00Z`: fixed width, so text order is time order (SQL compares them as text).
    public static func timestamp(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = Day(number: Int((Double(seconds) / 86_400).rounded(.down)))
        let s = seconds - day.number * 86_400
        return day.iso + String(format: "T%02d:%02d:%02dZ", s / 3600, s / 60 % 60, s % 60)
    }

    /// The first instant after a day ends, as a timestamp: entries before it were made on or
    /// before that day.
    public static func endOf(_ day: Day) -> String { (day + 1).iso + "T00:00:00Z" }
}

/// A thread-safe counter for `stepping`.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        defer { value += 1 }
        return value
    }
}
