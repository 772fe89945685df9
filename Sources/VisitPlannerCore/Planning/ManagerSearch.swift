import Foundation

/// One manager's best year over some of its operations, found exactly without an LP: the
/// most value gained, then the least cost, among sets of its trip types that visit each
/// operation at most once, fit its travel days, its calendar row and the travel cap, and can
/// be dated by the `Scheduler`.
///
/// Why not GLPK: a single manager's model is a set packing with a knapsack (travel days) on
/// top, and its LP bound is weak. Measured on a 128 × 10 manager: LP 427 against an optimum
/// of 407; GLPK needed 23,000 nodes and 43 s (6–37 s with other branching options). Here:
/// - a table over the manager's operations holds, for every subset of them and every number
///   of travel days, the best any packing of types within that subset and those days can do
///   (it ignores the calendar row, the cap and the dates, so it is an upper bound);
/// - a depth-first search decides the operations in order (the lowest undecided one is either
///   left out or visited by a type that contains it and only undecided operations), prunes a
///   branch whose value so far plus the table's bound for what is left cannot beat the best
///   plan found, checks the calendar row and the cap exactly as it goes, and dates each
///   improving plan with the exact `Scheduler` (a plan that cannot be dated is skipped; the
///   search goes on).
/// Every plan is either reached or cut off by a valid bound, so the result is optimal
/// (`proven`), unless the deadline stops the search or a scheduler check.
///
/// Value and cost are compared as one integer key, `gain << 40 − cost in cents` (gain in
/// steps): a larger key is more value, then less cost, and keys add, so the table's recurrence
/// and the bound are exact in that order.
struct ManagerSearch {
    /// A manager's best plan: `types` are pool indices; `gain` points over the virtual
    /// assessments the visits replace; `proven` when the search finished.
    struct Result: Sendable {
        var types: [Int]
        var gain: Int
        var cost: Money
        var proven: Bool
    }

    /// One type the search may choose.
    private struct Candidate {
        let type: Int
        /// Its operations, as bits of the manager's local operation numbers.
        let mask: Int
        let days: Int
        let occupancy: Int
        let cents: Int64
        let key: Int64
        let gain: Int
        let starts: [Int]
    }

    /// The table's largest size (entries of 8 bytes): 64 MiB.
    static let maxTableEntries = 1 << 23

    /// The operations this manager's types visit, by local number (bit position).
    let operations: [Int]
    /// Candidates by their lowest local operation, best key first.
    private let byLowest: [[Candidate]]
    /// `table[mask * width + d]`: the best key within operations `mask` and `d` travel days.
    private let table: [Int64]
    private let width: Int
    private let calendarCapacity: Int
    private let capCents: Int64?

    /// Nil when the manager's operations or days are too many for the table, or the values
    /// and costs too large for the key (the caller then uses GLPK).
    /// - Parameters:
    ///   - types: pool indices of one manager's types; `gains[i]` is what `types[i]` adds, points.
    init?(
        pool: [TripType], types: [Int], gains: [Int], maxDays: Int, rest: Int, horizon: Int, travelCap: Money?
    ) {
        let useful = types.indices.filter { gains[$0] > 0 && pool[types[$0]].days <= maxDays }
        let ops = Array(Set(useful.flatMap { pool[types[$0]].stops })).sorted()
        let width = max(0, maxDays) + 1
        guard ops.count < 31, (1 << ops.count) <= ManagerSearch.maxTableEntries / width else { return nil }
        guard useful.allSatisfy({ pool[types[$0]].copy == 0 && Set(pool[types[$0]].stops).count == pool[types[$0]].stops.count })
        else { return nil }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
        let step = max(1, useful.reduce(0) { gcd($0, gains[$1]) })
        let mostGain = useful.map { gains[$0] / step }.max() ?? 0
        let mostCents = useful.map { pool[types[$0]].cost.total.cents }.max() ?? 0
        // A plan has at most one type per operation: its gain and cost stay within the key's fields.
        guard mostGain <= (1 << 22) / max(1, ops.count), mostCents >= 0, mostCents <= (1 << 39) / Int64(max(1, ops.count)) else {
            return nil
        }
        let local = Dictionary(uniqueKeysWithValues: ops.enumerated().map { ($1, $0) })
        var byLowest = [[Candidate]](repeating: [], count: ops.count)
        for i in useful {
            let t = pool[types[i]]
            let mask = t.stops.reduce(0) { $0 | (1 << local[$1]!) }
            let cents = t.cost.total.cents
            let candidate = Candidate(
                type: types[i], mask: mask, days: t.days, occupancy: t.days + rest, cents: cents,
                key: (Int64(gains[i] / step) << 40) - cents, gain: gains[i], starts: t.starts)
            byLowest[mask.trailingZeroBitCount].append(candidate)
        }
        for k in byLowest.indices { byLowest[k].sort { ($0.key, -$0.type) > ($1.key, -$1.type) } }
        // The table, by subsets in increasing order (each refers only to smaller ones).
        let masks = 1 << ops.count
        var table = [Int64](repeating: 0, count: masks * width)
        table.withUnsafeMutableBufferPointer { h in
            for mask in 1..<masks {
                let low = mask.trailingZeroBitCount
                let base = mask * width
                let without = (mask & ~(1 << low)) * width
                for d in 0..<width { h[base + d] = h[without + d] }
                for c in byLowest[low] where c.mask & ~mask == 0 {
                    let offset = (mask & ~c.mask) * width - c.days
                    for d in c.days..<width {
                        let v = c.key + h[offset + d]
                        if v > h[base + d] { h[base + d] = v }
                    }
                }
            }
        }
        self.operations = ops
        self.byLowest = byLowest
        self.table = table
        self.width = width
        self.calendarCapacity = horizon + rest
        self.capCents = travelCap?.cents
    }

    /// The best plan using only `allowed` operations (pool operation indices).
    func best(allowed: Set<Int>, deadline: Date) -> Result {
        let start = operations.indices.filter { allowed.contains(operations[$0]) }.reduce(0) { $0 | (1 << $1) }
        var bestKey: Int64 = 0
        var bestSet: [Candidate] = []
        var chosen: [Candidate] = []
        var proven = true
        var nodes = 0
        var stopped = false
        let maxDays = width - 1
        func search(_ remaining: Int, _ days: Int, _ occupancy: Int, _ cents: Int64, _ key: Int64) {
            if stopped { return }
            nodes += 1
            if nodes & 1023 == 0 && deadline.timeIntervalSinceNow <= 0 {
                stopped = true
                return
            }
            if key + table[remaining * width + maxDays - days] <= bestKey { return }
            if remaining == 0 {
                // An improving plan: keep it if its trips can be dated.
                let scheduler = Scheduler(
                    items: chosen.map { .init(starts: $0.starts, occupancy: $0.occupancy) },
                    timeLimit: max(0.05, deadline.timeIntervalSinceNow))
                if !scheduler.isExact { proven = false }
                if scheduler.schedule() != nil {
                    bestKey = key
                    bestSet = chosen
                }
                return
            }
            let low = remaining.trailingZeroBitCount
            for c in byLowest[low] where c.mask & ~remaining == 0 {
                guard days + c.days <= maxDays, occupancy + c.occupancy <= calendarCapacity,
                    capCents.map({ cents + c.cents <= $0 }) ?? true
                else { continue }
                chosen.append(c)
                search(remaining & ~c.mask, days + c.days, occupancy + c.occupancy, cents + c.cents, key + c.key)
                chosen.removeLast()
                if stopped { return }
            }
            search(remaining & ~(1 << low), days, occupancy, cents, key)
        }
        search(start, 0, 0, 0, 0)
        return Result(
            types: bestSet.map(\.type).sorted(), gain: bestSet.map(\.gain).reduce(0, +),
            cost: Money(cents: bestSet.map(\.cents).reduce(0, +)), proven: proven && !stopped)
    }
}
