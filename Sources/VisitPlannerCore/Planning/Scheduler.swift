/// Gives each of one manager's chosen trips a departure day so that no two trips, nor a trip
/// and the rest days after another, overlap — or proves that no such schedule exists.
///
/// Exact dynamic programme over sub-multisets: items with the same departure days and the same
/// occupancy are interchangeable (e.g. the copies of a trip to an operation visited several
/// times a year), so a state counts how many of each kind are done. `finish[S]` is the earliest
/// day the manager is free again after doing every trip in `S`. Finishing a set earlier never
/// hurts the next trip (its later departure days are a subset of its earlier ones), so
/// `finish[S] = min over kinds k in S of (first start of k on or after finish[S − k]) + occupancy(k)`.
/// The table also tells which sub-multisets are infeasible, so one pass yields the minimal
/// conflicting sets that become cuts in the planning model.
///
/// There is no limit on the number of trips: with distinct trips the table has 2^k states, and
/// past `maxStates` the scheduler switches to an exact time-indexed check solved by GLPK
/// (`ScheduleMIP`), which is exact too, only slower.
struct Scheduler {
    /// Largest table (states) the dynamic programme builds: 2^24, about 80 MB.
    static let maxStates = 1 << 24

    struct Item: Equatable {
        /// Departure days, ascending.
        let starts: [Int]
        /// Days the trip keeps the manager busy: days away plus rest days after it.
        let occupancy: Int
    }

    /// Interchangeable items: one kind, several members (item indices, ascending).
    private struct Kind {
        let item: Item
        var members: [Int]
    }

    let items: [Item]
    private var kinds: [Kind] = []
    /// Mixed-radix place value of each kind in a state number.
    private var stride: [Int] = []
    /// Earliest free day after each state; `Int32.max` where it cannot be scheduled (DP only).
    private var finish: [Int32] = []
    /// The kind done last in the best schedule of each state (DP only).
    private var last: [Int16] = []
    /// The answer of the time-indexed check, when the table would be too large.
    private var fallback: ScheduleMIP.Answer?

    /// Whether the answer is proven. Only a time-indexed check stopped by its time limit is not;
    /// the scheduler then answers "cannot be scheduled", which may cut off a feasible plan.
    var isExact: Bool { fallback?.isExact ?? true }

    /// - Parameters:
    ///   - timeLimit: seconds for the time-indexed check of a set too large for the table.
    ///   - maxStates: the largest table built (tests lower it to exercise the time-indexed check).
    init(items: [Item], timeLimit: Double = 60, maxStates: Int = Scheduler.maxStates) {
        self.items = items
        for (i, item) in items.enumerated() {
            if let k = kinds.firstIndex(where: { $0.item == item }) {
                kinds[k].members.append(i)
            } else {
                kinds.append(Kind(item: item, members: [i]))
            }
        }
        var states = 1
        for kind in kinds {
            stride.append(states)
            let (product, overflow) = states.multipliedReportingOverflow(by: kind.members.count + 1)
            states = overflow ? Int.max : product
            if states > maxStates { break }
        }
        if states > maxStates || kinds.count > Int(Int16.max) {
            fallback = ScheduleMIP.solve(items, timeLimit: timeLimit)
        } else {
            run(states: states)
        }
    }

    private static func firstStart(_ starts: [Int], atOrAfter day: Int) -> Int? {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return lo < starts.count ? starts[lo] : nil
    }

    /// How many of kind `k` state `s` holds.
    private func count(_ s: Int, _ k: Int) -> Int { (s / stride[k]) % (kinds[k].members.count + 1) }

    private mutating func run(states: Int) {
        finish = [Int32](repeating: Int32.max, count: states)
        last = [Int16](repeating: -1, count: states)
        finish[0] = Int32.min
        for s in 1..<states {
            var best = Int.max
            var bestLast: Int16 = -1
            for k in kinds.indices where count(s, k) > 0 {
                let before = finish[s - stride[k]]
                guard before != Int32.max,
                    let start = Scheduler.firstStart(kinds[k].item.starts, atOrAfter: Int(before))
                else { continue }
                let end = start + kinds[k].item.occupancy
                if end < best {
                    best = end
                    bestLast = Int16(k)
                }
            }
            // Departure days and occupancies are days of one horizon: far inside Int32.
            finish[s] = best == Int.max ? Int32.max : Int32(clamping: best)
            last[s] = bestLast
        }
    }

    private var fullState: Int { kinds.indices.reduce(0) { $0 + kinds[$1].members.count * stride[$1] } }

    var isFeasible: Bool {
        if let fallback { return fallback.days != nil }
        return finish[fullState] != Int32.max
    }

    /// Departure day of each item in a schedule of all of them, or nil if none exists.
    func schedule() -> [Int]? {
        if let fallback { return fallback.days }
        var s = fullState
        guard finish[s] != Int32.max else { return nil }
        var result = [Int](repeating: 0, count: items.count)
        while s != 0 {
            let k = Int(last[s])
            let n = count(s, k)
            let before = finish[s - stride[k]]
            result[kinds[k].members[n - 1]] = Scheduler.firstStart(kinds[k].item.starts, atOrAfter: Int(before))!
            s -= stride[k]
        }
        return result
    }

    /// Sets of items that cannot be scheduled although every smaller part of them can, smallest
    /// first (then by their bit masks), at most `limit`.
    func minimalConflicts(limit: Int) -> [[Int]] {
        if let fallback { return fallback.minimalConflict.map { [$0] } ?? [] }
        var found: [[Int]] = []
        for s in 1..<finish.count where finish[s] == Int32.max {
            let minimal = kinds.indices.allSatisfy { k in count(s, k) == 0 || finish[s - stride[k]] != Int32.max }
            if minimal { found += expand(s, limit: limit) }
        }
        found.sort { a, b in a.count != b.count ? a.count < b.count : Scheduler.maskPrecedes(a, b) }
        return Array(found.prefix(limit))
    }

    /// The item sets a sub-multiset stands for: every choice of members of each kind when there
    /// are few (so the cuts are the exact minimal sets), else the first members of each kind.
    private func expand(_ s: Int, limit: Int) -> [[Int]] {
        var choices: [[[Int]]] = []
        var total = 1
        for k in kinds.indices where count(s, k) > 0 {
            let options = Scheduler.combinations(kinds[k].members, choose: count(s, k), atMost: limit + 1)
            choices.append(options)
            total = total.multipliedReportingOverflow(by: options.count).overflow ? Int.max : total * options.count
        }
        guard total <= 10_000 else { return [choices.flatMap { $0[0] }.sorted()] }
        var sets: [[Int]] = [[]]
        for options in choices { sets = sets.flatMap { prefix in options.map { prefix + $0 } } }
        return sets.map { $0.sorted() }
    }

    /// Up to `atMost` ways to choose `n` of `members` (ascending), in lexicographic order.
    private static func combinations(_ members: [Int], choose n: Int, atMost: Int) -> [[Int]] {
        var out: [[Int]] = []
        var pick: [Int] = []
        func go(_ from: Int) {
            if out.count >= atMost { return }
            if pick.count == n {
                out.append(pick)
                return
            }
            guard members.count - from >= n - pick.count else { return }
            for i in from..<members.count {
                pick.append(members[i])
                go(i + 1)
                pick.removeLast()
                if out.count >= atMost { return }
            }
        }
        go(0)
        return out
    }

    /// Whether set `a` has the smaller bit mask: at the highest index where they differ, `b` has it.
    static func maskPrecedes(_ a: [Int], _ b: [Int]) -> Bool {
        var i = a.count - 1, j = b.count - 1
        while i >= 0 && j >= 0 {
            if a[i] != b[j] { return a[i] < b[j] }
            i -= 1
            j -= 1
        }
        return i < j
    }
}
