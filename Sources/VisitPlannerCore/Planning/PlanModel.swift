import GLPK

/// The visit-planning MILP over a fixed set of trip candidates.
///
/// Variables: `x[c]` (binary) chooses trip candidate `c`; `v[o]` (binary) gives operation `o` a
/// virtual assessment; `w[m,k]` (continuous, 0–1) is manager `m` idle between two consecutive
/// time points. Each manager's time is a path from the horizon start to its end through trips
/// (which also occupy the rest days after them) and idle arcs, so trips never overlap and keep
/// the rest days. See README "The planning model" for the full statement.
struct PlanModel {
    enum Objective {
        /// Phase 1: the most assessment value.
        case maximizeValue
        /// Phase 2: the cheapest plan with at least this much value (points).
        case minimizeCost(atLeastValue: Int)
    }

    struct Options {
        var objective: Objective = .maximizeValue
        /// Travel cap; nil drops the budget row (used to explain infeasible coverage).
        var travelCap: Money?
        /// Operations that must get at least one in-person visit.
        var forced: Set<Int> = []
    }

    let model: LinearModel
    let candidates: [TripCandidate]
    /// Variable index of operation o's virtual assessment, if it can have one.
    let virtualVariable: [Int?]
    /// Value of each operation's virtual assessment, points.
    let virtualValue: [Int]
    /// Idle arcs: manager, from and to time points (day offsets), variable index.
    let idleArcs: [(manager: Int, from: Int, to: Int, variable: Int)]
    /// The day offset at which each candidate frees its manager again (after rest days).
    let freeAgain: [Int]

    init(data: PlanningData, candidates: [TripCandidate], virtualManagers: [Int?], options: Options) {
        let rules = ValueRules(policy: data.policy)
        let horizonLength = data.policy.horizon.count
        var lp: LinearModel
        switch options.objective {
        case .maximizeValue: lp = LinearModel(name: "visitplan_value", sense: .maximize)
        case .minimizeCost: lp = LinearModel(name: "visitplan_cost", sense: .minimize)
        }
        let valuePhase: Bool = { if case .maximizeValue = options.objective { return true } else { return false } }()

        // MARK: Trip variables
        for (i, c) in candidates.enumerated() {
            let manager = data.managers[c.manager].id
            let ops = c.stops.map { data.operations[$0].code }.joined(separator: "_")
            let name = "x\(i)_\(manager)_\(ops)_\(data.policy.horizon.first.advanced(by: c.depart).basic)"
            lp.addVariable(name: name, kind: .binary, lower: 0, upper: 1,
                           objective: valuePhase ? Double(c.value) : c.cost.total.dollarsApproximate)
        }

        // MARK: Virtual assessments
        var virtualVariable = [Int?](repeating: nil, count: data.operations.count)
        var virtualValue = [Int](repeating: 0, count: data.operations.count)
        for (o, op) in data.operations.enumerated() where virtualManagers[o] != nil && op.active.count > 0 {
            virtualValue[o] = rules.virtual(priority: op.priority)
            virtualVariable[o] = lp.addVariable(name: "v_\(op.code)", kind: .binary, lower: 0, upper: 1,
                                                objective: valuePhase ? Double(virtualValue[o]) : 0)
        }

        // MARK: Each manager's time: a path through trips and idle arcs
        var idleArcs: [(manager: Int, from: Int, to: Int, variable: Int)] = []
        let freeAgain = candidates.map { min($0.returnDay + data.managers[$0.manager].minRestDays + 1, horizonLength) }
        var tripsOf = [[Int]](repeating: [], count: data.managers.count)
        for (i, c) in candidates.enumerated() { tripsOf[c.manager].append(i) }
        for (m, manager) in data.managers.enumerated() {
            let trips = tripsOf[m]
            guard !trips.isEmpty else { continue }
            var points = Set([0, horizonLength])
            for i in trips { points.insert(candidates[i].depart); points.insert(freeAgain[i]) }
            let sorted = points.sorted()
            let node = Dictionary(uniqueKeysWithValues: sorted.enumerated().map { ($1, $0) })
            var outgoing = [[LinearModel.Term]](repeating: [], count: sorted.count)
            for i in trips {
                outgoing[node[candidates[i].depart]!].append(.init(i, 1))
                outgoing[node[freeAgain[i]]!].append(.init(i, -1))  // incoming counts negative
            }
            for k in 0..<(sorted.count - 1) {
                let w = lp.addVariable(name: "w_\(manager.id)_\(k)", kind: .continuous, lower: 0, upper: 1)
                outgoing[k].append(.init(w, 1))
                outgoing[k + 1].append(.init(w, -1))
                idleArcs.append((m, sorted[k], sorted[k + 1], w))
            }
            for k in sorted.indices {
                let rhs: Double = k == 0 ? 1 : (k == sorted.count - 1 ? -1 : 0)
                lp.addConstraint(name: "time_\(manager.id)_\(k)", terms: outgoing[k], lower: rhs, upper: rhs)
            }
            // Days away in the year.
            let days = trips.map { LinearModel.Term($0, Double(candidates[$0].days)) }
            if trips.map({ candidates[$0].days }).reduce(0, +) > manager.maxTravelDays {
                lp.addConstraint(name: "days_\(manager.id)", terms: days, upper: Double(manager.maxTravelDays))
            }
        }

        // MARK: Visits per operation
        var visitsOf = [[Int]](repeating: [], count: data.operations.count)
        for (i, c) in candidates.enumerated() { for o in c.stops { visitsOf[o].append(i) } }
        for (o, op) in data.operations.enumerated() {
            var terms = visitsOf[o].map { LinearModel.Term($0, 1) }
            let cap = Double(op.maxVisits)
            if let v = virtualVariable[o] {
                // A virtual assessment only where there is no in-person visit.
                terms.append(.init(v, max(cap, 1)))
                lp.addConstraint(name: "visits_\(op.code)", terms: terms, upper: max(cap, 1))
            } else if !terms.isEmpty {
                lp.addConstraint(name: "visits_\(op.code)", terms: terms, upper: cap)
            }
            if options.forced.contains(o) {
                lp.addConstraint(name: "cover_\(op.code)", terms: visitsOf[o].map { .init($0, 1) }, lower: 1)
            }
        }

        // MARK: Budget
        if let cap = options.travelCap {
            lp.addConstraint(name: "budget", terms: candidates.indices.map { .init($0, candidates[$0].cost.total.dollarsApproximate) },
                             upper: cap.dollarsApproximate)
        }

        // MARK: Phase 2 keeps phase 1's value
        if case .minimizeCost(let value) = options.objective {
            var terms = candidates.indices.map { LinearModel.Term($0, Double(candidates[$0].value)) }
            for o in data.operations.indices { if let v = virtualVariable[o] { terms.append(.init(v, Double(virtualValue[o]))) } }
            lp.addConstraint(name: "value", terms: terms, lower: Double(value))
        }

        self.model = lp
        self.candidates = candidates
        self.virtualVariable = virtualVariable
        self.virtualValue = virtualValue
        self.idleArcs = idleArcs
        self.freeAgain = freeAgain
    }

    /// The chosen candidates and virtual assessments of a solution.
    func decode(_ values: [Double]) -> (trips: [Int], virtual: [Int]) {
        let trips = candidates.indices.filter { values[$0] > 0.5 }
        let virtual = virtualVariable.indices.filter { o in virtualVariable[o].map { values[$0] > 0.5 } ?? false }
        return (trips, virtual)
    }

    /// Value of a selection, points.
    func value(trips: [Int], virtual: [Int]) -> Int {
        trips.map { candidates[$0].value }.reduce(0, +) + virtual.map { virtualValue[$0] }.reduce(0, +)
    }

    /// A solution vector for a selection, including the idle arcs that complete each manager's path.
    /// Used to hand phase 1's plan to phase 2 as a starting point.
    func point(trips: [Int], virtual: [Int]) -> [Double] {
        var x = [Double](repeating: 0, count: model.variables.count)
        for t in trips { x[t] = 1 }
        for o in virtual { if let v = virtualVariable[o] { x[v] = 1 } }
        // An idle arc is used unless a chosen trip of its manager spans it.
        for arc in idleArcs {
            let spanned = trips.contains { t in
                candidates[t].manager == arc.manager && candidates[t].depart <= arc.from && freeAgain[t] >= arc.to
            }
            if !spanned { x[arc.variable] = 1 }
        }
        return x
    }
}
