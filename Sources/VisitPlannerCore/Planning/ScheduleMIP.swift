import Foundation
import GLPK

/// The exact schedule check for sets of trips too large for the scheduler's table: one binary
/// per item and departure day, each item once, and at most one item keeping the manager busy on
/// any day. Its optimum exists exactly when the items can be scheduled.
///
/// The day rows form an interval matrix (each column covers consecutive days), so the LP
/// relaxation is often integral and GLPK answers quickly; it is still a MIP, solved to proof.
enum ScheduleMIP {
    struct Answer {
        /// A departure day per item, or nil when the items cannot all be scheduled.
        var days: [Int]?
        /// A set of items (indices) that cannot be scheduled while every smaller part can.
        var minimalConflict: [Int]?
        /// False when a solve stopped at its time limit (then `days` is nil: not proven feasible).
        var isExact: Bool
    }

    private enum Check {
        case days([Int])
        case infeasible
        case unknown
    }

    static func solve(_ items: [Scheduler.Item], timeLimit: Double) -> Answer {
        let deadline = Date().addingTimeInterval(timeLimit)
        func check(_ subset: [Int]) -> Check {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0.05 else { return .unknown }
            return feasible(subset.map { items[$0] }, timeLimit: remaining)
        }
        let all = Array(items.indices)
        switch check(all) {
        case .days(let days): return Answer(days: days, minimalConflict: nil, isExact: true)
        case .unknown: return Answer(days: nil, minimalConflict: all, isExact: false)
        case .infeasible: break
        }
        // Deletion filter: drop each item whose removal leaves the rest still unschedulable.
        var conflict = all
        for i in all {
            let without = conflict.filter { $0 != i }
            switch check(without) {
            case .infeasible: conflict = without
            case .days: continue
            case .unknown: return Answer(days: nil, minimalConflict: conflict, isExact: true)
            }
        }
        return Answer(days: nil, minimalConflict: conflict, isExact: true)
    }

    /// Departure days for `items`, `.infeasible` when none exist, `.unknown` at the time limit.
    private static func feasible(_ items: [Scheduler.Item], timeLimit: Double) -> Check {
        if items.isEmpty { return .days([]) }
        if items.contains(where: { $0.starts.isEmpty }) { return .infeasible }
        var lp = LinearModel(name: "schedule", sense: .minimize)
        var columns: [(item: Int, day: Int)] = []
        var busy: [Int: [LinearModel.Term]] = [:]
        for (i, item) in items.enumerated() {
            var once: [LinearModel.Term] = []
            for s in item.starts {
                let v = lp.addVariable(name: "y\(i)_\(s)", kind: .binary, lower: 0, upper: 1, objective: 0)
                columns.append((i, s))
                once.append(.init(v, 1))
                for d in s..<(s + max(1, item.occupancy)) { busy[d, default: []].append(.init(v, 1)) }
            }
            lp.addConstraint(name: "once_\(i)", terms: once, lower: 1, upper: 1)
        }
        for d in busy.keys.sorted() where busy[d]!.count > 1 {
            lp.addConstraint(name: "day_\(d)", terms: busy[d]!, upper: 1)
        }
        var options = SolveOptions()
        options.timeLimit = max(0.01, timeLimit)
        guard let solution = try? GLPKSolver.solve(lp, options: options) else { return .unknown }
        switch solution.status {
        case .infeasible: return .infeasible
        case .optimal,
            .feasible where solution.hasSolution:
            var days = [Int](repeating: 0, count: items.count)
            for (v, column) in columns.enumerated() where solution.values[v] > 0.5 { days[column.item] = column.day }
            return .days(days)
        default: return .unknown
        }
    }
}
