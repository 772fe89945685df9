import Foundation
import GLPK

extension Planner {
    /// A good plan for large models, built one manager at a time: each manager's own model
    /// (its types whose operations still have a visit left, the budget that is left, its days,
    /// calendar and stretch rows) is solved by GLPK for the most value gained over the virtual
    /// assessments its visits replace, and its chosen trips are dated by the scheduler (a set
    /// that cannot be dated is cut and the manager's model solved again). Feasible by
    /// construction (office cover is checked on the whole plan, and repaired), so GLPK may
    /// start from it. Heuristic: it only gives a starting point, never a bound.
    func managerByManager(pool: [TripType], travelCap: Money?, deadline: Date) throws -> (types: [Int], virtual: [Int]) {
        var typesOf = [[Int]](repeating: [], count: data.managers.count)
        for (i, t) in pool.enumerated() { typesOf[t.manager].append(i) }
        let managers = typesOf.indices.filter { !typesOf[$0].isEmpty }
        var plans = [[Int]](repeating: [], count: data.managers.count)
        let rules = ValueRules(policy: data.policy)
        // The value a manager's trips add given the others' (what its own model maximizes).
        func gain(_ mine: [Int], visits: [Int]) -> Int {
            mine.map { t in
                pool[t].value
                    - pool[t].stops.filter { visits[$0] == 0 && virtualManagers[$0] != nil && data.operations[$0].active.count > 0 }
                    .map { rules.virtual(priority: data.operations[$0].priority) }.reduce(0, +)
            }.reduce(0, +)
        }
        // First each manager in turn, then passes that re-plan each manager given all the others
        // (block coordinate ascent) while that adds value and time remains.
        for pass in 0..<4 {
            var improved = false
            for (k, m) in managers.enumerated() where deadline.timeIntervalSinceNow > 0 {
                let turnsLeft = Double((pass == 0 ? 2 : 1) * managers.count - k)
                let share = Date().addingTimeInterval(max(0.05, deadline.timeIntervalSinceNow / turnsLeft))
                var visits = [Int](repeating: 0, count: data.operations.count)
                var spent = Money.zero
                for (other, trips) in plans.enumerated() where other != m {
                    for t in trips {
                        spent += pool[t].cost.total
                        for o in pool[t].stops { visits[o] += 1 }
                    }
                }
                let open = typesOf[m].filter { t in
                    pool[t].stops.allSatisfy { visits[$0] < data.operations[$0].maxVisits }
                        && (travelCap.map { spent + pool[t].cost.total <= $0 } ?? true)
                }
                guard !open.isEmpty else { continue }
                let mine = try managerPlan(
                    pool: pool, types: open, travelCap: travelCap.map { $0 - spent }, visits: visits, deadline: share
                ).types
                if gain(mine, visits: visits) > gain(plans[m], visits: visits) {
                    plans[m] = mine
                    improved = true
                }
            }
            if !improved || deadline.timeIntervalSinceNow <= 0 { break }
        }
        let types = repair(pool: pool, chosen: plans.flatMap { $0 })
        return (types, virtualAssessments(visited: Set(types.flatMap { pool[$0].stops })))
    }

    /// One manager's best trips among `types` by its own model, dated: the most value gained
    /// over the virtual assessments of operations not in `visits`, and at that value (roughly)
    /// the least cost, so that the cost phase starts from a cheap plan; [] when GLPK finds
    /// nothing in time. `gain` is that value (points); `proven` when GLPK proved its optimum and
    /// every scheduler check was exact.
    func managerPlan(
        pool: [TripType], types open: [Int], travelCap: Money?, visits: [Int], deadline: Date
    ) throws -> (types: [Int], gain: Int, proven: Bool) {
        let m = pool[open[0]].manager
        let sub = open.map { pool[$0] }
        let rest = data.managers[m].minRestDays
        var cuts: [ScheduleCut] = []
        var proven = true
        while deadline.timeIntervalSinceNow > 0 {
            let model = PlanModel(
                data: data, types: sub, virtualManagers: virtualManagers,
                options: .init(
                    objective: .maximizeValue, travelCap: travelCap, cuts: cuts, stretches: [m: calendar.managerFree[m].openRuns],
                    visitsTaken: visits))
            var lp = model.model
            // The value a trip adds: its own, less the virtual assessments of operations not yet visited.
            // Cost breaks ties only: all the trips the budget allows weigh less than half a value
            // step together, so the most value is still the optimum (GLPK's tolerances make the
            // tie-break itself approximate).
            let most = travelCap ?? sub.map(\.cost.total).reduce(.zero, +)
            let perCent = 0.5 / Double(max(1, most.cents))
            var objective = [Double](repeating: 0, count: lp.variables.count)
            var gains = [Int](repeating: 0, count: sub.count)
            for (j, t) in sub.enumerated() {
                let replaced = t.stops.filter { visits[$0] == 0 && model.virtualVariable[$0] != nil }.map { model.virtualValue[$0] }
                gains[j] = t.value - replaced.reduce(0, +)
                objective[j] = Double(gains[j] / model.step) - Double(t.cost.total.cents) * perCent
            }
            lp.setObjective(objective)
            var options = SolveOptions()
            options.timeLimit = max(0.05, deadline.timeIntervalSinceNow)
            let solution = try GLPKSolver.solve(lp, options: options)
            guard solution.hasSolution else { return ([], 0, false) }
            let chosen = model.decode(solution.values).types.filter { gains[$0] > 0 }
            let scheduler = Scheduler(
                items: chosen.map { .init(starts: sub[$0].starts, occupancy: sub[$0].days + rest) },
                timeLimit: max(0.05, deadline.timeIntervalSinceNow))
            if !scheduler.isExact { proven = false }
            if scheduler.schedule() != nil {
                return (chosen.map { open[$0] }, chosen.map { gains[$0] }.reduce(0, +), proven && solution.status == .optimal)
            }
            let conflicts = scheduler.minimalConflicts(limit: 20).map { ScheduleCut(terms: $0.map { chosen[$0] }, size: $0.count) }
            if conflicts.isEmpty { break }
            cuts += conflicts
        }
        return ([], 0, false)
    }
}
