import GLPK

/// The planning MILP over trip types (see README, "The planning model").
///
/// Variables: `x[t]` (binary) chooses trip type `t`; `v[o]` (binary) gives operation `o` a
/// virtual assessment. Dates are left to the `Scheduler`; a set of one manager's trips that
/// cannot be scheduled is excluded by a cut `sum of x over the set ≤ size − 1`, added lazily
/// until the chosen trips can all be scheduled (logic-based Benders decomposition). The cuts
/// only remove unschedulable choices, so the model with its cuts stays a relaxation of the
/// dated problem, and an optimum that schedules is optimal for the dated problem too.
/// `sum of x over terms ≤ size − 1`: the `size` trips of a conflicting set (or stand-ins for
/// them, see `Planner.lift`) cannot all be made.
struct ScheduleCut: Sendable {
    var terms: [Int]
    var size: Int
}

/// The schedule cuts found so far, kept across phases and re-solves (each stays valid).
struct CutPool: Sendable {
    var cuts: [ScheduleCut] = []
    /// `sum of x over terms ≤ size − 1` for sets of trip types that together cost more than the
    /// travel cap (knapsack covers): GLPK compares the budget row with a relative tolerance, so
    /// a plan a cent over the cap can pass as feasible; each such plan yields a cover that
    /// excludes it exactly. Valid for every solve with the same (or a smaller) cap.
    var covers: [ScheduleCut] = []
    /// Set when a schedule check could not be finished within its time limit and was counted
    /// as a conflict: the plan is then not proven optimal.
    var unproven = false
    /// Managers whose trips have conflicted: every pair of their trip types that can never both
    /// be made is cut, and their stretches between absences get capacity rows.
    var conflictedManagers: Set<Int> = []
}

struct PlanModel {
    enum Objective {
        /// Phase 1: the most assessment value.
        case maximizeValue
        /// Phase 2: the cheapest plan with at least this much value (points).
        case minimizeCost(atLeastValue: Int)
        /// Re-planning: the most trips kept from the adopted plan (`Options.keepWeights`), with
        /// at least this much value.
        case maximizeKept(atLeastValue: Int)

        /// The value phase 1 found, which every later phase holds.
        var heldValue: Int? {
            switch self {
            case .maximizeValue: return nil
            case .minimizeCost(let value), .maximizeKept(let value): return value
            }
        }
    }

    struct Options {
        var objective: Objective = .maximizeValue
        /// Travel cap; nil drops the budget row (used to explain infeasible coverage).
        var travelCap: Money?
        /// Operations that must get at least one in-person visit.
        var forced: Set<Int> = []
        /// Sets of trip types that cannot all be scheduled.
        var cuts: [ScheduleCut] = []
        /// Sets of trip types that together cost more than `travelCap` (used only with a cap).
        var covers: [ScheduleCut] = []
        /// Re-planning: 1 for a type that keeps a trip of the adopted plan, else 0.
        var keepWeights: [Int] = []
        /// Re-planning: at least this many adopted trips kept (set once a phase maximized it).
        var minimumKept: Int?
        /// For some managers, the stretches of days between their absences, each of which gets a
        /// capacity row.
        var stretches: [Int: [Range<Int>]] = [:]
        /// Visits of each operation already made by trips outside this model (one manager's own
        /// model, the others' trips fixed): they use up its `max_visits`. Empty: none.
        var visitsTaken: [Int] = []
    }

    let model: LinearModel
    let types: [TripType]
    /// Variable index of operation o's virtual assessment, if it can have one.
    let virtualVariable: [Int?]
    /// Value of each operation's virtual assessment, points.
    let virtualValue: [Int]
    /// Points per unit of the value objective (the values' common divisor).
    let step: Int

    init(data: PlanningData, types: [TripType], virtualManagers: [Int?], options: Options) {
        let rules = ValueRules(policy: data.policy)
        let horizonLength = data.policy.horizon.count
        let valuePhase: Bool = { if case .maximizeValue = options.objective { return true } else { return false } }()
        let keepPhase: Bool = { if case .maximizeKept = options.objective { return true } else { return false } }()
        var lp = LinearModel(
            name: valuePhase ? "visitplan_value" : keepPhase ? "visitplan_keep" : "visitplan_cost",
            sense: valuePhase || keepPhase ? .maximize : .minimize)
        // Values are multiples of a common step; dividing by it keeps them integral and lets
        // GLPK round its bound to whole steps (an exact, stronger pruning).
        let step = PlanModel.valueStep(types: types, data: data, rules: rules)

        // MARK: Trip types
        for (i, t) in types.enumerated() {
            let manager = data.managers[t.manager].id
            let ops = t.stops.map { data.operations[$0].code }.joined(separator: "_")
            let nights = t.nights.map(String.init).joined(separator: "_")
            let pref = t.preferred.map { $0 ? "p" : "n" }.joined()
            lp.addVariable(
                name: "x\(i)_\(manager)_\(ops)_n\(nights)_\(pref)\(t.copy > 0 ? "_c\(t.copy)" : "")", kind: .binary,
                lower: 0, upper: 1,
                objective: valuePhase
                    ? Double(t.value / step) : keepPhase ? Double(options.keepWeights[i]) : t.cost.total.dollarsApproximate)
        }

        // MARK: Virtual assessments
        var virtualVariable = [Int?](repeating: nil, count: data.operations.count)
        var virtualValue = [Int](repeating: 0, count: data.operations.count)
        for (o, op) in data.operations.enumerated() where virtualManagers[o] != nil && op.active.count > 0 {
            virtualValue[o] = rules.virtual(priority: op.priority)
            virtualVariable[o] = lp.addVariable(
                name: "v_\(op.code)", kind: .binary, lower: 0, upper: 1,
                objective: valuePhase ? Double(virtualValue[o] / step) : 0)
        }

        // MARK: Each manager's year
        var typesOf = [[Int]](repeating: [], count: data.managers.count)
        for (i, t) in types.enumerated() { typesOf[t.manager].append(i) }
        for (m, manager) in data.managers.enumerated() where !typesOf[m].isEmpty {
            let mine = typesOf[m]
            lp.addConstraint(
                name: "days_\(manager.id)", terms: mine.map { .init($0, Double(types[$0].days)) },
                upper: Double(manager.maxTravelDays))
            // Trips and the rest after each fit in the horizon plus one last rest.
            lp.addConstraint(
                name: "calendar_\(manager.id)",
                terms: mine.map { .init($0, Double(types[$0].days + manager.minRestDays)) },
                upper: Double(horizonLength + manager.minRestDays))
            // The same within each stretch between the manager's absences: trips that can only
            // fall inside [a, b) fit there with their rest days (valid, and much tighter than the
            // whole-year row when leave splits the year). Added once a manager's trips conflict.
            let segments = options.stretches[m] ?? []
            for i in segments.indices {
                for j in i..<segments.count where !(i == 0 && j == segments.count - 1) {
                    let a = segments[i].lowerBound, b = segments[j].upperBound
                    let inside = mine.filter { t in types[t].starts.first! >= a && types[t].starts.last! + types[t].days <= b }
                    let capacity = b - a + manager.minRestDays
                    guard inside.map({ types[$0].days + manager.minRestDays }).reduce(0, +) > capacity else { continue }
                    lp.addConstraint(
                        name: "stretch_\(manager.id)_\(i)_\(j)",
                        terms: inside.map { .init($0, Double(types[$0].days + manager.minRestDays)) }, upper: Double(capacity))
                }
            }
        }
        // Identical copies (operations visited more than once) are used in order.
        for (i, t) in types.enumerated() where t.copy > 0 {
            lp.addConstraint(name: "copy_\(i)", terms: [.init(i, 1), .init(i - 1, -1)], upper: 0)
        }

        // MARK: Visits per operation
        var visitsOf = [[Int]](repeating: [], count: data.operations.count)
        for (i, t) in types.enumerated() { for o in t.stops { visitsOf[o].append(i) } }
        for (o, op) in data.operations.enumerated() {
            var terms = visitsOf[o].map { LinearModel.Term($0, 1) }
            let cap = Double(max(op.maxVisits, 1))
            if let v = virtualVariable[o] {
                // A virtual assessment only where there is no in-person visit.
                terms.append(.init(v, cap))
            }
            let taken = Double(o < options.visitsTaken.count ? options.visitsTaken[o] : 0)
            if !terms.isEmpty { lp.addConstraint(name: "visits_\(op.code)", terms: terms, upper: max(0, cap - taken)) }
            if options.forced.contains(o) {
                lp.addConstraint(name: "cover_\(op.code)", terms: visitsOf[o].map { .init($0, 1) }, lower: 1)
            }
        }

        // MARK: Budget, as a share of the travel cap
        // Normalised (cost / cap ≤ 1, right-hand side 1) so that the row is as well scaled as the
        // others whatever the currency amounts; GLPK's floating-point answer is then checked in
        // cents, and a plan over the cap by any amount is cut off exactly (`CutPool.covers`).
        if let cap = options.travelCap {
            let capCents = Double(max(cap.cents, 1))
            lp.addConstraint(
                name: "budget_share", terms: types.indices.map { .init($0, Double(types[$0].cost.total.cents) / capCents) },
                upper: cap.cents > 0 ? 1 : 0)
            for (k, cover) in options.covers.enumerated() {
                lp.addConstraint(name: "budgetcover_\(k)", terms: cover.terms.map { .init($0, 1) }, upper: Double(cover.size - 1))
            }
        }

        // MARK: Schedule cuts
        for (k, cut) in options.cuts.enumerated() {
            lp.addConstraint(name: "schedule_\(k)", terms: cut.terms.map { .init($0, 1) }, upper: Double(cut.size - 1))
        }

        // MARK: Phase 2 keeps phase 1's value
        if let value = options.objective.heldValue {
            var terms = types.indices.map { LinearModel.Term($0, Double(types[$0].value / step)) }
            for o in data.operations.indices { if let v = virtualVariable[o] { terms.append(.init(v, Double(virtualValue[o] / step))) } }
            lp.addConstraint(name: "value", terms: terms, lower: Double(value / step))
        }
        if let kept = options.minimumKept, !options.keepWeights.isEmpty {
            let terms = types.indices.filter { options.keepWeights[$0] > 0 }.map { LinearModel.Term($0, Double(options.keepWeights[$0])) }
            lp.addConstraint(name: "kept", terms: terms, lower: Double(kept))
        }

        self.model = lp
        self.types = types
        self.virtualVariable = virtualVariable
        self.virtualValue = virtualValue
        self.step = step
    }

    /// The greatest common divisor of every value in the model (at least 1).
    static func valueStep(types: [TripType], data: PlanningData, rules: ValueRules) -> Int {
        func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
        var g = 0
        for t in types { g = gcd(g, t.value) }
        for op in data.operations { g = gcd(g, rules.virtual(priority: op.priority)) }
        return max(g, 1)
    }

    /// The chosen types and virtual assessments of a solution.
    func decode(_ values: [Double]) -> (types: [Int], virtual: [Int]) {
        let chosen = types.indices.filter { values[$0] > 0.5 }
        let virtual = virtualVariable.indices.filter { o in virtualVariable[o].map { values[$0] > 0.5 } ?? false }
        return (chosen, virtual)
    }

    /// Value of a selection, points.
    func value(types chosen: [Int], virtual: [Int]) -> Int {
        chosen.map { types[$0].value }.reduce(0, +) + virtual.map { virtualValue[$0] }.reduce(0, +)
    }

    /// A solution vector for a selection, to hand a known plan to GLPK as a starting point.
    func point(types chosen: [Int], virtual: [Int]) -> [Double] {
        var x = [Double](repeating: 0, count: model.variables.count)
        for t in chosen { x[t] = 1 }
        for o in virtual { if let v = virtualVariable[o] { x[v] = 1 } }
        return x
    }
}
