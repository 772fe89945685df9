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
        bytes += GenerationBudget.estimate(starts: starts, stops: stops)
        generated += 1
        try check()
    }

    mutating func charge(sequenceOf stops: Int) throws {
        bytes += 48 + 8 * stops
        try check()
    }

    mutating func release(sequences: [Int]) {
        bytes -= sequences.reduce(0) { $0 + 48 + 8 * $1 }
    }

    private mutating func check() throws {
        if bytes > maxBytes {
            throw PlanError.tooLarge(
                "the trip types of this data would need more than \(maxBytes / 1_048_576) MB "
                    + "(\(generated) types so far): lower max_stops in policy.yaml, shorten portfolios and backup lists "
                    + "in managers.csv, narrow min/max nights in operations.csv, or raise the limit with --memory-limit")
        }
        charges += 1
        // The clock is read every 64 charges (a few microseconds of listing apart in release,
        // well under a millisecond in a debug build), so listing stops close to the deadline.
        guard charges % 64 == 0 else { return }
        if let deadline, Date() > deadline {
            throw PlanError.outOfTime(
                "listing the possible trips did not finish within the time limit (\(generated) trip types so far): "
                    + "allow more time with --time-limit, or lower max_stops and shorten portfolios")
        }
        if let progress, Date().timeIntervalSince(lastReport) >= 2 {
            lastReport = Date()
            progress("listing possible trips: \(generated) trip types so far (about \(bytes / 1_048_576) MB)")
        }
    }
}
