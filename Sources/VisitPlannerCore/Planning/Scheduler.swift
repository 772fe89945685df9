/// Gives each of one manager's chosen trips a departure day so that no two trips, nor a trip
/// and the rest days after another, overlap — or proves that no such schedule exists.
///
/// Exact dynamic programme over subsets: `finish[S]` is the earliest day the manager is free
/// again after doing every trip in `S`. Finishing a set earlier never hurts the next trip (its
/// later departure days are a subset of its earlier ones), so
/// `finish[S] = min over t in S of (first start of t on or after finish[S − t]) + occupancy(t)`.
/// The table also tells which subsets are infeasible, so one pass yields the minimal
/// conflicting subsets that become cuts in the planning model.
struct Scheduler {
    /// Most trips one manager can make in a horizon (2^k table); the model caps trips at this.
    static let maxTrips = 18

    struct Item {
        /// Departure days, ascending.
        let starts: [Int]
        /// Days the trip keeps the manager busy: days away plus rest days after it.
        let occupancy: Int
    }

    let items: [Item]

    /// Earliest possible free day after each subset; `Int.max` where the subset cannot be scheduled.
    private(set) var finish: [Int] = []
    private var last: [Int8] = []

    init(items: [Item]) {
        precondition(items.count <= Scheduler.maxTrips, "the model caps trips per manager at Scheduler.maxTrips")
        self.items = items
        run()
    }

    private static func firstStart(_ starts: [Int], atOrAfter day: Int) -> Int? {
        var lo = 0, hi = starts.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if starts[mid] < day { lo = mid + 1 } else { hi = mid }
        }
        return lo < starts.count ? starts[lo] : nil
    }

    private mutating func run() {
        let k = items.count
        let size = 1 << k
        finish = [Int](repeating: Int.max, count: size)
        last = [Int8](repeating: -1, count: size)
        finish[0] = 0
        for s in 1..<size {
            var best = Int.max
            var bestLast: Int8 = -1
            var bits = s
            while bits != 0 {
                let t = bits.trailingZeroBitCount
                bits &= bits - 1
                let before = finish[s ^ (1 << t)]
                guard before != Int.max, let start = Scheduler.firstStart(items[t].starts, atOrAfter: before) else { continue }
                let end = start + items[t].occupancy
                if end < best { best = end; bestLast = Int8(t) }
            }
            finish[s] = best
            last[s] = bestLast
        }
    }

    var isFeasible: Bool { finish[(1 << items.count) - 1] != Int.max }

    /// Departure day of each item in a schedule of all of them, or nil if none exists.
    func schedule() -> [Int]? {
        var s = (1 << items.count) - 1
        guard finish[s] != Int.max else { return nil }
        var result = [Int](repeating: 0, count: items.count)
        while s != 0 {
            let t = Int(last[s])
            let before = finish[s ^ (1 << t)]
            result[t] = Scheduler.firstStart(items[t].starts, atOrAfter: before)!
            s ^= 1 << t
        }
        return result
    }

    /// Subsets that cannot be scheduled although every smaller part of them can, smallest first.
    func minimalConflicts(limit: Int) -> [[Int]] {
        let k = items.count
        var found: [Int] = []
        for s in 1..<(1 << k) where finish[s] == Int.max {
            var minimal = true
            var bits = s
            while bits != 0 {
                let t = bits.trailingZeroBitCount
                bits &= bits - 1
                if finish[s ^ (1 << t)] == Int.max { minimal = false; break }
            }
            if minimal { found.append(s) }
        }
        found.sort { ($0.nonzeroBitCount, $0) < ($1.nonzeroBitCount, $1) }
        return found.prefix(limit).map { s in (0..<k).filter { s & (1 << $0) != 0 } }
    }
}
