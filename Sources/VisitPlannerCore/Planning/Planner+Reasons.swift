import Dispatch
import Foundation
import GLPK

/// Reasons for what the plan leaves out, computed from the model rather than guessed:
/// first the facts that rule a visit out entirely (dates, people, money), then, for an
/// operation that could be visited, a re-solve with it forced in, which shows exactly what
/// it would displace.
extension Planner {
    /// Why an operation cannot be visited in person at all, or nil when some trip can visit it.
    func basicReason(_ o: Int) -> String? {
        let op = data.operations[o]
        let h = data.policy.horizon
        if op.active.count == 0 {
            return "\(op.code) is not active between \(h.first.iso) and \(h.last.iso)"
        }
        if op.virtualOnly { return "travel to \(op.code) is restricted; only a virtual assessment is possible" }
        if op.maxVisits == 0 { return "max_visits is 0 for \(op.code): the data allows no in-person visit" }
        let eligible = data.managers.indices.filter { data.managers[$0].eligible.contains(op.code) }
        if eligible.isEmpty { return "no mission manager has \(op.code) in their portfolio or backup list" }
        let open = calendar.nightsOpen[o]
        if open.longestRun < op.minNights {
            let blackouts = data.windows(of: op.code, kind: .blackout).map {
                "\($0.range.first.iso) – \($0.range.last.iso)" + ($0.reason.isEmpty ? "" : " (\($0.reason))")
            }
            return "\(op.code) is never open for \(op.minNights) consecutive nights: active \(op.active.first.iso) – \(op.active.last.iso)"
                + (blackouts.isEmpty ? "" : ", blackouts " + blackouts.joined(separator: ", "))
        }
        let names = eligible.map { data.managers[$0].id }.joined(separator: ", ")
        if eligible.allSatisfy({ data.managers[$0].maxTravelDays < op.minNights + 1 }) {
            return "a visit to \(op.code) takes at least \(op.minNights + 1) days away, more than the yearly travel days of \(names)"
        }
        let visiting = types.filter { $0.stops.contains(o) }
        if visiting.isEmpty {
            return "no day when \(op.code) is open for \(op.minNights) nights and an eligible manager (\(names)) is free for the whole trip"
        }
        let cheapest = visiting.map(\.cost.total).min()!
        if cheapest > data.policy.budget.travelCap {
            return
                "the cheapest trip that visits \(op.code) costs \(cheapest), more than the whole travel cap of \(data.policy.budget.travelCap)"
        }
        return nil
    }

    /// A reason for each active operation without an in-person visit.
    ///
    /// Never throws: a re-solve that fails or finds no time left gives its operation a reason
    /// that says so, and the plan stands.
    func explainNotVisited(outcome: Outcome, deadline: Date, progress: (@Sendable (String) -> Void)? = nil) -> [NotVisited] {
        let visited = Set(outcome.trips.flatMap(\.stops))
        let missing = data.operations.indices.filter { !visited.contains($0) }
        var reasons = [String?](repeating: nil, count: data.operations.count)
        var toForce: [Int] = []
        for o in missing {
            if let basic = basicReason(o) { reasons[o] = basic } else { toForce.append(o) }
        }
        // Re-solve with each remaining operation forced in; independent, so on all cores.
        // Each solve creates, solves and frees its GLPK problems on one worker thread.
        let cap = data.policy.budget.travelCap
        let baseCost = outcome.cost
        let cuts = outcome.cuts
        let results = ResultBox(count: toForce.count)
        let forcedOps = toForce
        if !forcedOps.isEmpty { progress?("explaining \(forcedOps.count) operation(s) left out") }
        // The time left is shared among the re-solves, as many at once as there are cores, and
        // a little is kept back for writing the files.
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let waves = Double((forcedOps.count + cores - 1) / cores)
        let reserve = 0.05 * max(0, deadline.timeIntervalSinceNow) + 0.2
        let done = Counter()
        DispatchQueue.concurrentPerform(iterations: forcedOps.count) { k in
            let o = forcedOps[k]
            let left = deadline.timeIntervalSinceNow - reserve
            guard left > 0.2 else { return }
            let perSolve = min(30, max(0.2, (deadline.timeIntervalSinceNow - reserve) / max(1, waves)))
            do {
                let (forced, _) = try solve(pool: affordable, forced: [o], travelCap: cap, timeLimit: perSolve, cuts: cuts, log: nil)
                results.set(k, .success(forced))
            } catch {
                results.set(k, .failure(error))
            }
            let n = done.increment()
            progress?("explaining: \(n) of \(forcedOps.count) done")
        }
        for (k, o) in toForce.enumerated() {
            let op = data.operations[o]
            let cheapest = affordable.filter { $0.stops.contains(o) }.map(\.cost.total).min()!
            let remaining = cap - baseCost
            let money = "the cheapest trip that visits \(op.code) costs \(cheapest); \(remaining) of the travel cap remains"
            switch results.get(k) {
            case .none:
                reasons[o] = "\(money); not explained further: the time limit was reached first (allow more time with --time-limit)"
            case .failure(let error):
                reasons[o] = "\(money); not explained further: the re-solve that would show what it displaces failed (\(error))"
            case .success(nil):
                reasons[o] = "\(money); no plan within the budget and the managers' calendars can include it"
            case .success(let forced?):
                let forcedVisited = Set(forced.trips.flatMap(\.stops))
                let displaced = data.operations.indices.filter { visited.contains($0) && !forcedVisited.contains($0) }
                    .map { data.operations[$0].code }
                let loss = AssessmentValue(points: outcome.value - forced.value)
                let approx = forced.valueStatus == .optimal ? "" : " (best found within the time limit)"
                if forced.value >= outcome.value {
                    let extra = forced.cost - baseCost
                    reasons[o] = "visiting \(op.code) gives the same value but the cheapest such plan costs \(extra) more"
                } else if displaced.isEmpty {
                    reasons[o] =
                        "\(money); fitting it in would lower the plan's value by \(loss) (other visits would move out of preferred windows or to backup managers)\(approx)"
                } else {
                    reasons[o] = "\(money); visiting \(op.code) would displace \(list(displaced)) (value −\(loss))\(approx)"
                }
            }
        }
        return missing.map { NotVisited(operation: data.operations[$0].code, reason: reasons[$0] ?? "not visited") }
    }

    /// Why `required` coverage has no plan: money or calendars.
    func explainRequiredInfeasible(timeLimit: Double) throws -> String {
        let ops = travelOperations
        // Without the budget row: is it the money or the calendars?
        // The cheapest cover, whatever its value: one cost-minimizing phase with every operation forced.
        var cuts = CutPool()
        let (cheapest, status) = try runPhase(
            pool: types, objective: .minimizeCost(atLeastValue: 0), forced: Set(ops), travelCap: nil,
            cuts: &cuts, deadline: Date().addingTimeInterval(timeLimit), start: nil, log: nil)
        guard let cheapest else {
            if status.status == .timeLimit {
                return
                    "coverage is required, but no plan visiting all \(ops.count) operations was found within \(Int(timeLimit)) s, even ignoring the budget"
            }
            return
                "coverage is required, but the managers' calendars cannot fit in-person visits to all \(ops.count) operations, even with unlimited money (check unavailability, travel days and windows)"
        }
        let cost = cheapest.chosen.map { types[$0].cost.total }.reduce(.zero, +)
        let exact = cheapest.status == .optimal
        return
            "covering all \(ops.count) operations in person needs \(exact ? "at least" : "about") \(cost) of travel; the cap is \(data.policy.budget.travelCap)"
    }

    func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }
}

/// Counts finished re-solves across threads, for progress lines.
final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func increment() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}

/// Collects results from concurrent solves; each slot is written by exactly one iteration.
final class ResultBox: @unchecked Sendable {
    private var slots: [Result<Planner.Outcome?, Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ value: Result<Planner.Outcome?, Error>) { lock.lock(); slots[i] = value; lock.unlock() }
    func get(_ i: Int) -> Result<Planner.Outcome?, Error>? { lock.lock(); defer { lock.unlock() }; return slots[i] }
}
