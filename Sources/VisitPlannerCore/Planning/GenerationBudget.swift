import Foundation

/// Time and memory allowed for enumerating trip types, which grows with every ordered
/// sequence of stops and every nights vector (200 operations, portfolios of 8 and `max_stops`
/// 5 once took 2.4 GB and four minutes before anything was solved). Generation stops with a
/// message that says what to change, before the machine runs out of memory or the command
/// overruns its time limit, and reports what it is doing while it runs.
public struct GenerationBudget: Sendable {
    /// Bytes held by the types and sequences generated so far (an estimate from their sizes).
    var bytes = 0
    /// Trip types generated so far (before dominance).
    private(set) var generated = 0
    let maxBytes: Int
    let deadline: Date?
    let progress: (@Sendable (String) -> Void)?
    private var lastReport = Date()
    private var charges = 0
    /// Counters shared with the other budgets listing managers' types at the same time (nil
    /// when this budget lists alone): the limits apply to what all of them hold.
    private var shared: GenerationLedger?

    public init(maxBytes: Int, deadline: Date?, progress: (@Sendable (String) -> Void)? = nil) {
        self.maxBytes = maxBytes
        self.deadline = deadline
        self.progress = progress
    }

    static let unlimited = GenerationBudget(maxBytes: Int.max, deadline: nil)

    /// Estimated bytes of one trip type: the struct and its arrays (departure days dominate).
    static func bytes(of type: TripType) -> Int { estimate(starts: type.starts.count, stops: type.stops.count) }

    private static func estimate(starts: Int, stops: Int) -> Int { 192 + 8 * starts + 3 * (32 + 8 * stops) }

    mutating func charge(starts: Int, stops: Int, typesSoFar: Int) throws {
        try check(add(bytes: GenerationBudget.estimate(starts: starts, stops: stops), types: 1))
    }

    mutating func charge(sequenceOf stops: Int) throws {
        try check(add(bytes: 48 + 8 * stops, types: 0))
    }

    mutating func release(sequences: [Int]) {
        _ = add(bytes: -sequences.reduce(0) { $0 + 48 + 8 * $1 }, types: 0)
    }

    /// Bytes freed (negative) or newly held, without a check (dominated types dropped).
    mutating func adjust(bytes delta: Int) {
        _ = add(bytes: delta, types: 0)
    }

    /// A budget with the same limits for one of several workers listing at once, whose
    /// charges all count against `ledger`.
    func sharing(_ ledger: GenerationLedger) -> GenerationBudget {
        var copy = self
        copy.shared = ledger
        return copy
    }

    /// Takes over what every worker sharing `ledger` listed.
    mutating func absorb(_ ledger: GenerationLedger) {
        let totals = ledger.totals
        bytes = totals.bytes
        generated = totals.generated
    }

    /// Adds to this budget's counters (and the shared ones); the totals the limits apply to.
    private mutating func add(bytes delta: Int, types: Int) -> (bytes: Int, generated: Int) {
        bytes += delta
        generated += types
        return shared?.add(bytes: delta, types: types) ?? (bytes, generated)
    }

    private mutating func check(_ totals: (bytes: Int, generated: Int)) throws {
        if totals.bytes > maxBytes {
            throw PlanError.tooLarge(
                "the trip types of this data would need more than \(maxBytes / 1_048_576) MB "
                    + "(\(totals.generated) types so far): lower max_stops in policy.yaml, shorten portfolios and backup lists "
                    + "in managers.csv, narrow min/max nights in operations.csv, or raise the limit with --memory-limit")
        }
        charges += 1
        // The clock is read every 64 charges (a few microseconds of listing apart in release,
        // well under a millisecond in a debug build), so listing stops close to the deadline.
        guard charges % 64 == 0 else { return }
        if let deadline, Date() > deadline {
            throw PlanError.outOfTime(
                "listing the possible trips did not finish within the time limit (\(totals.generated) trip types so far): "
                    + "allow more time with --time-limit, or lower max_stops and shorten portfolios")
        }
        guard let progress else { return }
        let due: Bool
        if let shared {
            due = shared.reportDue()
        } else {
            due = Date().timeIntervalSince(lastReport) >= 2
            if due { lastReport = Date() }
        }
        if due { progress("listing possible trips: \(totals.generated) trip types so far (about \(totals.bytes / 1_048_576) MB)") }
    }
}

/// What several budgets listing managers' types at the same time hold together: bytes and
/// types listed, and when progress was last reported (so two workers do not both report).
final class GenerationLedger: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: Int
    private var generated: Int
    private var lastReport = Date()

    init(bytes: Int, generated: Int) {
        self.bytes = bytes
        self.generated = generated
    }

    var totals: (bytes: Int, generated: Int) { lock.withLock { (bytes, generated) } }

    func add(bytes delta: Int, types: Int) -> (bytes: Int, generated: Int) {
        lock.withLock {
            bytes += delta
            generated += types
            return (bytes, generated)
        }
    }

    /// True at most once every 2 s.
    func reportDue() -> Bool {
        lock.withLock {
            guard Date().timeIntervalSince(lastReport) >= 2 else { return false }
            lastReport = Date()
            return true
        }
    }
}
