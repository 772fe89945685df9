import Foundation

/// One manager's best year over some of its operations, found exactly without an LP: the
/// most value gained over the virtual assessments its visits replace, then the least cost,
/// among multisets of its trip types that visit each operation at most as often as allowed,
/// fit its travel days, its calendar row and the travel cap, and can be dated by the
/// `Scheduler`.
///
/// Why not GLPK: a single manager's model is a set packing with a knapsack (travel days) on
/// top, and its LP bound is weak. Measured on a 128 × 10 manager: LP 427 against an optimum
/// of 407; GLPK needed 23,000 nodes and 43 s (6–37 s with other branching options). Here:
/// - a table over the manager's operations holds, for every vector of visits left (a subset
///   of the operations where each allows one visit) and every number of travel days, the best
///   any packing of types within them can do (it ignores the calendar row, the cap and the
///   dates, and for an operation allowing several visits it does not count the virtual
///   assessment a visit replaces, so it is an upper bound);
/// - a depth-first search decides the operations in order (the lowest with visits left is
///   either closed or visited by a type that contains it and only operations with visits left;
///   types chosen at one operation in list order, so each multiset is reached once), prunes a
///   branch whose value so far plus the table's bound for what is left cannot beat the best
///   plan found, checks the calendar row and the cap exactly as it goes, and dates each
///   improving plan with the exact `Scheduler` (a plan that cannot be dated is skipped; the
///   search goes on).
/// Every plan is either reached or cut off by a valid bound, so the result is optimal
/// (`proven`), unless the deadline stops the search or a scheduler check.
///
/// Value and cost are compared as one integer key, `gain << 40 − cost in cents` (gain in
/// steps): a larger key is more value, then less cost, and keys add, so the table's recurrence
/// and the bound are exact in that order. A second use of a type is its next copy
/// (`TripType.copy`), so the copies are chosen in order, as the planning model requires.
struct ManagerSearch {
    /// A manager's best plan: `types` are pool indices; `gain` points over the virtual
    /// assessments the visits replace; `proven` when the search finished.
    struct Result: Sendable {
        var types: [Int]
        var gain: Int
        var cost: Money
        var proven: Bool
    }

    /// One type the search may choose (its first copy; later uses take the next copies).
    private struct Candidate {
        /// Pool indices of the type's copies, in order.
        let copies: [Int]
        /// Its operations, by local number.
        let ops: [Int]
        /// What one use takes from the state (Σ of its operations' place values).
        let delta: Int
        let days: Int
        let occupancy: Int
        let cents: Int64
        /// `value << 40 − cents` (value in steps), without any virtual assessment.
        let valueKey: Int64
        /// The table's key: the value less the virtual assessments of its operations that allow
        /// one visit (which it surely replaces).
        let boundKey: Int64
        let starts: [Int]
    }

    /// The table's largest size (entries of 8 bytes): 64 MiB.
    static let maxTableEntries = 1 << 23

    /// The operations this manager's types visit, by local number.
    let operations: [Int]
    /// Visits each local operation allows.
    private let capacity: [Int]
    /// Mixed-radix place value of each local operation in a state (visits left per operation).
    private let stride: [Int]
    /// Virtual assessment of each local operation as a key (0 where it has none).
    private let virtualKey: [Int64]
    /// Candidates by their lowest local operation, best first.
    private let byLowest: [[Candidate]]
    /// `table[state * width + d]`: the bound's best key within `state` and `d` travel days.
    private let table: [Int64]
    private let width: Int
    /// Entries of the table (8 bytes each).
    var tableEntries: Int { table.count }
    private let calendarCapacity: Int
    private let capCents: Int64?
    private let step: Int

    /// Nil when the manager's operations or days are too many for the table, the values and
    /// costs too large for the key, or the deadline passes while the table is built (the
    /// planner then leaves the model to GLPK).
    /// - Parameters:
    ///   - types: pool indices of one manager's types (copies included).
    ///   - virtualValue: per operation, the points of its virtual assessment (0 where none).
    ///   - capacity: per operation, the visits it allows.
    ///   - maxEntries: the largest table allowed (entries of 8 bytes).
    ///   - deadline: building the table stops there (nil is returned).
    init?(
        pool: [TripType], types: [Int], virtualValue: [Int], capacity: [Int], maxDays: Int, rest: Int, horizon: Int,
        travelCap: Money?, maxEntries: Int = ManagerSearch.maxTableEntries, deadline: Date = .distantFuture
    ) {
        func single(_ o: Int) -> Bool { capacity[o] <= 1 }
        func bound(_ t: TripType) -> Int { t.value - t.stops.filter(single).map { virtualValue[$0] }.reduce(0, +) }
        let firsts = types.filter { pool[$0].copy == 0 && pool[$0].days <= maxDays && bound(pool[$0]) > 0 }
        let ops = Array(Set(firsts.flatMap { pool[$0].stops })).sorted()
        let width = max(0, maxDays) + 1
        guard firsts.allSatisfy({ Set(pool[$0].stops).count == pool[$0].stops.count }) else { return nil }
        var stride = [Int](repeating: 1, count: ops.count)
        var states = 1
        for (i, o) in ops.enumerated() {
            stride[i] = states
            let (product, overflow) = states.multipliedReportingOverflow(by: max(1, capacity[o]) + 1)
            guard !overflow, product <= min(maxEntries, ManagerSearch.maxTableEntries) / width else { return nil }
            states = product
        }
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
        let step = max(1, (firsts.map { pool[$0].value } + ops.map { virtualValue[$0] }).reduce(0, gcd))
        let visits = max(1, ops.map { max(1, capacity[$0]) }.reduce(0, +))
        let mostValue = firsts.map { pool[$0].value / step }.max() ?? 0
        let mostCents = firsts.map { pool[$0].cost.total.cents }.max() ?? 0
        // A plan has at most one type per visit: its value and cost stay within the key's fields.
        guard mostValue <= (1 << 22) / visits, mostCents >= 0, mostCents <= (1 << 39) / Int64(visits) else { return nil }
        let local = Dictionary(uniqueKeysWithValues: ops.enumerated().map { ($1, $0) })
        var byLowest = [[Candidate]](repeating: [], count: ops.count)
        for first in firsts {
            let t = pool[first]
            // Its copies, in order (as many as its operations allow visits; adjacent in the pool).
            let most = t.stops.map { max(1, capacity[$0]) }.min() ?? 1
            var copies = [first]
            while copies.count < most {
                let next = first + copies.count
                guard next < pool.count, pool[next].copy == copies.count, pool[next].manager == t.manager,
                    pool[next].stops == t.stops, pool[next].nights == t.nights, pool[next].starts == t.starts
                else { break }
                copies.append(next)
            }
            let mine = t.stops.map { local[$0]! }.sorted()
            let cents = t.cost.total.cents
            byLowest[mine[0]].append(
                Candidate(
                    copies: copies, ops: mine, delta: mine.map { stride[$0] }.reduce(0, +), days: t.days, occupancy: t.days + rest,
                    cents: cents, valueKey: (Int64(t.value / step) << 40) - cents,
                    boundKey: (Int64(bound(t) / step) << 40) - cents, starts: t.starts))
        }
        for k in byLowest.indices {
            byLowest[k].sort { ($0.boundKey, -$0.copies[0]) > ($1.boundKey, -$1.copies[0]) }
        }
        let radix = ops.map { max(1, capacity[$0]) + 1 }
        // The table, by states in increasing order (each refers only to smaller ones).
        var table = [Int64](repeating: 0, count: states * width)
        let finished = table.withUnsafeMutableBufferPointer { h -> Bool in
            for state in 1..<states {
                if state & 1023 == 0 && deadline.timeIntervalSinceNow <= 0 { return false }
                var low = 0
                while (state / stride[low]) % radix[low] == 0 { low += 1 }
                let base = state * width
                let without = (state - ((state / stride[low]) % radix[low]) * stride[low]) * width
                for d in 0..<width { h[base + d] = h[without + d] }
                for c in byLowest[low] where c.ops.allSatisfy({ (state / stride[$0]) % radix[$0] > 0 }) {
                    let offset = (state - c.delta) * width - c.days
                    for d in c.days..<width {
                        let v = c.boundKey + h[offset + d]
                        if v > h[base + d] { h[base + d] = v }
                    }
                }
            }
            return true
        }
        guard finished else { return nil }
        self.operations = ops
        self.capacity = ops.map { max(1, capacity[$0]) }
        self.stride = stride
        self.virtualKey = ops.map { Int64(virtualValue[$0] / step) << 40 }
        self.byLowest = byLowest
        self.table = table
        self.width = width
        self.calendarCapacity = horizon + rest
        self.capCents = travelCap?.cents
        self.step = step
    }

    /// The best plan using only `allowed` operations (pool operation indices), each as often as
    /// it allows.
    func best(allowed: Set<Int>, deadline: Date) -> Result {
        var visits: [Int: Int] = [:]
        for (i, o) in operations.enumerated() where allowed.contains(o) { visits[o] = capacity[i] }
        return best(visits: visits, deadline: deadline)
    }

    /// An upper bound, in the order "more value, then less cost", on `best(visits:)`: the
    /// table's entry (no search), in points and cents.
    func bound(visits allowed: [Int: Int]) -> (gain: Int, cost: Money) {
        let key = table[state(allowed) * width + width - 1]
        // key = gain << 40 − cents with 0 ≤ cents < 2^40.
        let gain = (key + (1 << 40) - 1) >> 40
        return (Int(gain) * step, Money(cents: (gain << 40) - key))
    }

    /// The state of `allowed` visits (each at most what its operation allows).
    private func state(_ allowed: [Int: Int]) -> Int {
        var start = 0
        for (i, o) in operations.enumerated() { start += min(capacity[i], max(0, allowed[o] ?? 0)) * stride[i] }
        return start
    }

    /// The best plan visiting each operation at most `visits[o]` times (0 where absent).
    func best(visits allowed: [Int: Int], deadline: Date) -> Result {
        let start = state(allowed)
        var bestKey: Int64 = 0
        var bestSet: [Candidate] = []
        var chosen: [Candidate] = []
        var visited = [Int](repeating: 0, count: operations.count)
        var proven = true
        var nodes = 0
        var stopped = false
        let maxDays = width - 1
        func digit(_ state: Int, _ o: Int) -> Int { (state / stride[o]) % (capacity[o] + 1) }
        func search(_ state: Int, _ from: Int, _ days: Int, _ occupancy: Int, _ cents: Int64, _ key: Int64) {
            if stopped { return }
            nodes += 1
            if nodes & 1023 == 0 && deadline.timeIntervalSinceNow <= 0 {
                stopped = true
                return
            }
            if key + table[state * width + maxDays - days] <= bestKey { return }
            if state == 0 {
                // An improving plan: keep it if each type is used at most as often as it has
                // copies, and its trips can be dated.
                var uses: [Int: Int] = [:]
                for c in chosen { uses[c.copies[0], default: 0] += 1 }
                guard chosen.allSatisfy({ uses[$0.copies[0]]! <= $0.copies.count }) else { return }
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
            var low = 0
            while digit(state, low) == 0 { low += 1 }
            let list = byLowest[low]
            for index in from..<list.count {
                let c = list[index]
                guard c.ops.allSatisfy({ digit(state, $0) > 0 }), days + c.days <= maxDays,
                    occupancy + c.occupancy <= calendarCapacity, capCents.map({ cents + c.cents <= $0 }) ?? true
                else { continue }
                var gained = c.valueKey
                for o in c.ops {
                    if visited[o] == 0 { gained -= virtualKey[o] }
                    visited[o] += 1
                }
                chosen.append(c)
                let next = state - c.delta
                search(next, digit(next, low) > 0 ? index : 0, days + c.days, occupancy + c.occupancy, cents + c.cents, key + gained)
                chosen.removeLast()
                for o in c.ops { visited[o] -= 1 }
                if stopped { return }
            }
            search(state - digit(state, low) * stride[low], 0, days, occupancy, cents, key)
        }
        search(start, 0, 0, 0, 0, 0)
        // The k-th use of a type is its k-th copy.
        var uses: [Int: Int] = [:]
        var types: [Int] = []
        for c in bestSet {
            let k = uses[c.copies[0], default: 0]
            uses[c.copies[0]] = k + 1
            types.append(c.copies[min(k, c.copies.count - 1)])
        }
        let value = bestSet.map(\.valueKey).reduce(0, +) + bestSet.map(\.cents).reduce(0, +)
        let replaced = Set(bestSet.flatMap(\.ops)).map { virtualKey[$0] }.reduce(0, +)
        return Result(
            types: types.sorted(), gain: Int((value - replaced) >> 40) * step,
            cost: Money(cents: bestSet.map(\.cents).reduce(0, +)), proven: proven && !stopped)
    }
}
