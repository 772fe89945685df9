import Foundation
import GLPK

/// Departure days for the chosen trips of every manager at once, when office cover
/// (`max_away_at_once`) couples their calendars, and the spreading of those days.
///
/// One time-indexed model: a binary `y[i,s]` per trip `i` and departure day `s`; each trip once;
/// per manager and day, at most one trip keeping the manager busy (days away plus rest); per
/// day, at most the day's capacity of managers away. Its solutions are exactly the schedules
/// of the chosen trips that keep the office covered, so the check is exact: a set it calls
/// unschedulable is unschedulable in every plan that contains it (more trips only make it
/// harder), which makes the minimal sets it finds valid cuts for the planning model.
///
/// Spreading works on the same model with cost and value fixed (every departure day of a trip
/// type has the same cost and value), lexicographically and exactly:
/// 1. the fewest managers away on the busiest day (the peak; feasibility checks from a lower
///    bound up);
/// 2. at that peak, the shortest longest stretch of days with nobody away (searched by
///    bisection, each step a feasibility solve);
/// 3. at both, each departure as close as possible to the middle of the run of consecutive
///    departure days it lies in (away from the edges of open stretches and preferred windows),
///    ties going to the earlier days.
/// A level stopped by its time limit keeps the best schedule found so far and says so.
struct JointSchedule {
    struct Item: Equatable {
        let manager: Int
        /// Departure days, ascending.
        let starts: [Int]
        /// Days away: from the departure day to the day back home.
        let away: Int
        /// Days the trip keeps its manager busy: days away plus rest days.
        let occupancy: Int
    }

    /// What spreading achieved.
    struct Spread: Equatable {
        var days: [Int]
        /// Most managers away on one day (trips of this plan and trips made elsewhere).
        var peak: Int
        /// Longest run of days of the horizon with nobody away.
        var longestIdle: Int
        /// Every level solved to optimality.
        var proven: Bool
    }

    let items: [Item]
    /// Days of the horizon (0 ..< horizon).
    let horizon: Int
    /// How many of these trips may be away on each day; nil = no office-cover limit.
    let capacity: [Int]?
    /// Days someone is away on a trip outside these items (counts as "somebody travelling").
    let busyElsewhere: [Int]

    init(items: [Item], horizon: Int, capacity: [Int]?, busyElsewhere: [Int] = []) {
        self.items = items
        self.horizon = horizon
        self.capacity = capacity
        self.busyElsewhere = busyElsewhere.isEmpty ? [Int](repeating: 0, count: horizon) : busyElsewhere
    }

    // MARK: - Facts about a schedule

    /// Managers away on each day when item `i` departs on `days[i]` (items of this set only).
    func awayCounts(_ days: [Int], of subset: [Int]? = nil) -> [Int] {
        var count = [Int](repeating: 0, count: horizon)
        for i in subset ?? Array(items.indices) {
            for d in days[i]..<(days[i] + items[i].away) where d >= 0 && d < horizon { count[d] += 1 }
        }
        return count
    }

    /// Whether `days` keeps every day within its capacity.
    func covers(_ days: [Int]) -> Bool {
        guard let capacity else { return true }
        return zip(awayCounts(days), capacity).allSatisfy { $0 <= $1 }
    }

    /// Longest run of days with nobody away (these items nor trips elsewhere).
    func longestIdle(_ days: [Int]) -> Int {
        var best = 0, run = 0
        for (d, n) in awayCounts(days).enumerated() {
            if n + busyElsewhere[d] == 0 {
                run += 1
                best = max(best, run)
            } else {
                run = 0
            }
        }
        return best
    }

    func peak(_ days: [Int]) -> Int {
        zip(awayCounts(days), busyElsewhere).map { $0 + $1 }.max() ?? 0
    }

    /// No schedule has a lower peak: on each day, the trips away on it whatever their
    /// departure (from their last possible departure to the end of their earliest trip) plus
    /// those away elsewhere; and with any trip, somebody is away on some day.
    func peakLowerBound() -> Int {
        var forced = busyElsewhere
        for item in items {
            guard let first = item.starts.first, let last = item.starts.last else { continue }
            let from = max(0, last), to = min(horizon, first + item.away)
            if from < to { for d in from..<to { forced[d] += 1 } }
        }
        return max(forced.max() ?? 0, items.isEmpty ? 0 : 1)
    }

    // MARK: - Feasibility

    /// The answer of a joint check: departure days, or a minimal set of items (indices) that
    /// cannot be scheduled together; `isExact` false when a solve stopped at its time limit.
    struct Answer {
        var days: [Int]?
        var minimalConflict: [Int]?
        var isExact: Bool
    }

    enum Check {
        case days([Int])
        case infeasible
        case unknown
    }

    /// Departure days for every item, or a minimal conflicting set found by a deletion filter.
    func solve(deadline: Date) -> Answer {
        let all = Array(items.indices)
        switch feasible(all, deadline: deadline) {
        case .days(let days): return Answer(days: days, minimalConflict: nil, isExact: true)
        case .unknown: return Answer(days: nil, minimalConflict: all, isExact: false)
        case .infeasible: break
        }
        var conflict = all
        for i in all {
            let without = conflict.filter { $0 != i }
            switch feasible(without, deadline: deadline) {
            case .infeasible: conflict = without
            case .days: continue
            case .unknown: return Answer(days: nil, minimalConflict: conflict, isExact: true)
            }
        }
        return Answer(days: nil, minimalConflict: conflict, isExact: true)
    }

    /// Departure days for `subset` (a full-length array, other entries 0), `.infeasible` when
    /// none exist, `.unknown` at the deadline.
    func feasible(_ subset: [Int], deadline: Date) -> Check {
        if subset.isEmpty { return .days([Int](repeating: 0, count: items.count)) }
        if subset.contains(where: { items[$0].starts.isEmpty }) { return .infeasible }
        var built = build(subset)
        switch run(&built, deadline: deadline) {
        case .solved(let days, _): return .days(days)
        case .infeasible: return .infeasible
        case .unknown: return .unknown
        }
    }

    // MARK: - Spreading

    /// Spreads `initial` (a schedule that keeps the office covered) as the type describes.
    func spread(initial: [Int], deadline: Date) -> Spread {
        let all = Array(items.indices)
        var best = Spread(days: initial, peak: peak(initial), longestIdle: longestIdle(initial), proven: true)
        guard !items.isEmpty else { return best }

        // Level 1: the fewest away on the busiest day, by feasibility checks from a lower bound
        // up (the first peak that can be met is the least; feasibility solves are far quicker
        // than minimizing a peak variable, whose relaxation says little).
        var limit = peakLowerBound()
        while limit < best.peak {
            var step = build(all, peakLimit: limit)
            switch run(&step, deadline: deadline) {
            case .solved(let days, _):
                best.days = days
                best.peak = peak(days)
            case .infeasible:
                limit += 1
            case .unknown:
                best.proven = false
                return best
            }
        }

        // Level 2: at that peak, the shortest longest idle stretch (bisection on its length).
        best.longestIdle = longestIdle(best.days)
        var low = 0, high = best.longestIdle
        while low < high {
            let mid = (low + high) / 2
            var step = build(all, peakLimit: best.peak, idleLimit: mid)
            switch run(&step, deadline: deadline) {
            case .solved(let days, _):
                best.days = days
                high = longestIdle(days)
            case .infeasible:
                low = mid + 1
            case .unknown:
                best.proven = false
                low = high
            }
        }
        best.longestIdle = longestIdle(best.days)

        // Level 3: at both, departures in the middle of their runs of possible days.
        var centred = build(all, peakLimit: best.peak, idleLimit: best.longestIdle)
        var centre = [Double](repeating: 0, count: centred.lp.variables.count)
        for (v, column) in centred.columns.enumerated() { centre[v] = Double(placement(item: column.item, day: column.day)) }
        centred.lp.setObjective(centre)
        switch run(&centred, deadline: deadline, start: best.days) {
        case .solved(let days, let optimal):
            if cost(days) <= cost(best.days) { best.days = days }
            best.proven = best.proven && optimal
        case .infeasible, .unknown:
            best.proven = false
        }
        return best
    }

    /// Twice the distance from `day` to the middle of the run of consecutive departure days of
    /// `item` that contains it (an integer: the middle may fall between two days).
    func offCentre(item i: Int, day: Int) -> Int {
        let starts = items[i].starts
        guard let k = starts.firstIndex(of: day) else { return 0 }
        var a = k, b = k
        while a > 0 && starts[a - 1] == starts[a] - 1 { a -= 1 }
        while b + 1 < starts.count && starts[b + 1] == starts[b] + 1 { b += 1 }
        return abs(2 * day - starts[a] - starts[b])
    }

    /// Level 3's price of departing on `day`: off-centre distance first, then the day itself
    /// (ties go to the earlier departures; the distance weighs more than any sum of days).
    func placement(item i: Int, day: Int) -> Int { offCentre(item: i, day: day) * (items.count * horizon + 1) + day }

    func cost(_ days: [Int]) -> Int { items.indices.reduce(0) { $0 + placement(item: $1, day: days[$1]) } }

    // MARK: - The model

    struct Built {
        var lp: LinearModel
        var columns: [(item: Int, day: Int)]
    }

    /// The time-indexed model of `subset`; optionally a peak limit and the rule that no
    /// `idleLimit + 1` consecutive days pass with nobody away.
    func build(_ subset: [Int], peakLimit: Int? = nil, idleLimit: Int? = nil) -> Built {
        var lp = LinearModel(name: "joint_schedule", sense: .minimize)
        var columns: [(item: Int, day: Int)] = []
        var busy: [Int: [Int: [LinearModel.Term]]] = [:]
        var away = [[LinearModel.Term]](repeating: [], count: horizon)
        for i in subset {
            let item = items[i]
            var once: [LinearModel.Term] = []
            for s in item.starts {
                let v = lp.addVariable(name: "y\(i)_\(s)", kind: .binary, lower: 0, upper: 1, objective: 0)
                columns.append((i, s))
                once.append(.init(v, 1))
                for d in s..<(s + max(1, item.occupancy)) { busy[item.manager, default: [:]][d, default: []].append(.init(v, 1)) }
                for d in s..<(s + item.away) where d >= 0 && d < horizon { away[d].append(.init(v, 1)) }
            }
            lp.addConstraint(name: "once_\(i)", terms: once, lower: 1, upper: 1)
        }
        for m in busy.keys.sorted() {
            for d in busy[m]!.keys.sorted() where busy[m]![d]!.count > 1 {
                lp.addConstraint(name: "busy_\(m)_\(d)", terms: busy[m]![d]!, upper: 1)
            }
        }
        for d in 0..<horizon where !away[d].isEmpty {
            var upper = Double(away[d].count)
            if let capacity { upper = min(upper, Double(capacity[d])) }
            if let peakLimit { upper = min(upper, Double(peakLimit - busyElsewhere[d])) }
            if upper < Double(away[d].count) { lp.addConstraint(name: "cover_\(d)", terms: away[d], upper: upper) }
        }
        if let idleLimit, idleLimit < horizon {
            // Every run of idleLimit + 1 days has somebody away: a trip away on one of its days
            // (each trip counted once per window, which keeps the relaxation tight), unless
            // someone is away elsewhere within it.
            let width = idleLimit + 1
            var windows = [[LinearModel.Term]](repeating: [], count: horizon - width + 1)
            for (v, column) in columns.enumerated() {
                let first = column.day, last = column.day + items[column.item].away - 1
                // Windows [w, w + width) meeting [first, last].
                let lo = max(0, first - width + 1), hi = min(horizon - width, last)
                if lo <= hi { for w in lo...hi { windows[w].append(.init(v, 1)) } }
            }
            var elsewhereBefore = [0]
            for d in 0..<horizon { elsewhereBefore.append(elsewhereBefore[d] + (busyElsewhere[d] > 0 ? 1 : 0)) }
            for w in windows.indices where elsewhereBefore[w + width] == elsewhereBefore[w] {
                lp.addConstraint(name: "idle_\(w)", terms: windows[w], lower: 1)
            }
        }
        return Built(lp: lp, columns: columns)
    }

    enum Outcome {
        /// Days per item (0 for items outside the subset), and whether optimality was proven.
        case solved([Int], optimal: Bool)
        case infeasible
        case unknown
    }

    func run(_ built: inout Built, deadline: Date, start: [Int]? = nil) -> Outcome {
        let remaining = deadline.timeIntervalSinceNow
        guard remaining > 0.02 else { return .unknown }
        if built.lp.variables.isEmpty { return .solved([Int](repeating: 0, count: items.count), optimal: true) }
        var options = SolveOptions()
        options.timeLimit = max(0.01, remaining)
        if let start {
            // With a schedule to start from, the feasibility pump (a heuristic that searches
            // for a first solution) only costs time: on 32 x 10 it was 3 of level 3's 3.4 s.
            options.feasibilityPump = false
            var point = [Double](repeating: 0, count: built.lp.variables.count)
            for (v, column) in built.columns.enumerated() where start[column.item] == column.day { point[v] = 1 }
            options.initialSolution = point
        }
        guard let solution = try? GLPKSolver.solve(built.lp, options: options) else { return .unknown }
        switch solution.status {
        case .infeasible: return .infeasible
        case .optimal,
            .feasible where solution.hasSolution,
            .timeLimit where solution.hasSolution:
            var days = [Int](repeating: 0, count: items.count)
            for (v, column) in built.columns.enumerated() where solution.values[v] > 0.5 { days[column.item] = column.day }
            return .solved(days, optimal: solution.status == .optimal)
        default: return .unknown
        }
    }
}
