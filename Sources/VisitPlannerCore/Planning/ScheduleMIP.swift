import Foundation

/// The exact schedule check for one manager's trips when the scheduler's table would be too
/// large: the joint time-indexed model (`JointSchedule`) with one manager and no office cover.
/// One binary per item and departure day, each item once, at most one item keeping the manager
/// busy on any day; its optimum exists exactly when the items can be scheduled. The day rows
/// form an interval matrix, so the relaxation is often integral and GLPK answers quickly; it
/// is still a MIP, solved to proof, and a deletion filter names a minimal conflicting set.
enum ScheduleMIP {
    typealias Answer = JointSchedule.Answer

    static func solve(_ items: [Scheduler.Item], timeLimit: Double) -> Answer {
        let last = items.map { ($0.starts.last ?? 0) + max(1, $0.occupancy) }.max() ?? 0
        let joint = JointSchedule(
            items: items.map { .init(manager: 0, starts: $0.starts, away: 0, occupancy: $0.occupancy) }, horizon: last + 1,
            capacity: nil)
        return joint.solve(deadline: Date().addingTimeInterval(timeLimit))
    }
}
