import Foundation
import GLPK

/// What `Planner.valueByDecomposition` proved.
public struct DecompositionResult: Sendable {
    /// The most assessment value of any plan (when `proven`), else the value of the plan found.
    public var value: AssessmentValue
    public var proven: Bool
    /// Operations more than one manager can visit.
    public var sharedOperations: Int
    /// Manager models solved, of all (manager, subset of its shared operations) pairs.
    public var modelsSolved: Int
    public var modelsPossible: Int
}

/// A plan found by decomposition over the operations managers share (`Planner.decompose`).
struct Decomposed {
    /// Pool indices of the chosen types, ascending.
    var types: [Int]
    var virtual: [Int]
    /// Points.
    var value: Int
    var cost: Money
    /// The most value of any plan and the least cost at that value (the search finished, and
    /// the plan fits the cap and dates jointly).
    var proven: Bool
    /// Departure days of `types`, when they can all be dated together (office cover included).
    var departures: [Int: Int]?
    var sharedOperations: Int
    var modelsSolved: Int
    var modelsPossible: Int
}

extension Planner {
    /// The most assessment value, by decomposition (a measurement for `visitplan-bench
    /// --decompose`); nil when it does not apply.
    public func valueByDecomposition(
        timeLimit: Double, maxModels: Int = 4096, progress: (@Sendable (String) -> Void)? = nil
    ) throws -> DecompositionResult? {
        guard
            let d = try decompose(
                pool: affordable, travelCap: data.policy.budget.travelCap, deadline: Date().addingTimeInterval(timeLimit),
                maxModels: maxModels, progress: progress)
        else { return nil }
        return DecompositionResult(
            value: AssessmentValue(points: d.value), proven: d.proven, sharedOperations: d.sharedOperations,
            modelsSolved: d.modelsSolved, modelsPossible: d.modelsPossible)
    }

    /// The best plan by decomposition over the operations that more than one manager can visit;
    /// nil when it does not apply (an operation allowing more than one visit, a manager sharing
    /// more than 12 operations, more than `maxModels` manager models, a manager whose year
    /// `ManagerSearch` cannot take) or the deadline passes.
    ///
    /// Why it is exact: a plan's value is Σ_o w_o (every virtual assessment) plus what each
    /// manager's trips add over the virtual assessments they replace. For each manager m and
    /// each subset A of its shared operations, G_m(A) is the best m can do using only A of them:
    /// the most it adds, then the least it costs (`ManagerSearch`, exact, with m's calendar and
    /// dates). In any plan
    /// each shared operation is visited by at most one manager, so the sets A_m of shared
    /// operations the managers visit are disjoint, and the plan is at best Σ G_m(A_m) in the
    /// order "more value, then less cost" (that order is compatible with sums). A small MIP
    /// choosing one subset per manager, each shared operation in at most one, first for the
    /// most value, then for the least cost at that value, bounds every plan; its managers'
    /// plans are disjoint, so together they are a plan, optimal when it fits the travel cap
    /// (each manager had the whole cap) and dates jointly (office cover). G_m(A) is found
    /// lazily: the plan found for a superset of A that uses only A's shared operations is
    /// optimal for A too, and otherwise the superset's result bounds A's from above.
    func decompose(
        pool: [TripType], travelCap: Money?, deadline: Date, maxModels: Int = 4096,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws -> Decomposed? {
        guard data.operations.allSatisfy({ $0.maxVisits <= 1 }) else { return nil }
        var typesOf = [[Int]](repeating: [], count: data.managers.count)
        for (i, t) in pool.enumerated() { typesOf[t.manager].append(i) }
        let managers = typesOf.indices.filter { !typesOf[$0].isEmpty }
        var holders = [Set<Int>](repeating: [], count: data.operations.count)
        for t in pool { for o in t.stops { holders[o].insert(t.manager) } }
        let shared = Set(holders.indices.filter { holders[$0].count > 1 })
        let sharedOf = managers.map { m in Set(typesOf[m].flatMap { pool[$0].stops }).intersection(shared).sorted() }
        guard sharedOf.allSatisfy({ $0.count <= 12 }) else { return nil }
        // Columns: (manager's position, allowed subset of its shared operations as a bit mask).
        var columns: [(k: Int, mask: Int)] = []
        for k in managers.indices { for mask in 0..<(1 << sharedOf[k].count) { columns.append((k, mask)) } }
        guard columns.count <= maxModels else { return nil }
        progress?("decomposition: \(shared.count) shared operations, \(columns.count) manager models possible")

        // What each type adds over the virtual assessments of the operations it visits.
        let rules = ValueRules(policy: data.policy)
        let gains = pool.map { t in
            t.value
                - t.stops.filter { virtualManagers[$0] != nil && data.operations[$0].active.count > 0 }
                .map { rules.virtual(priority: data.operations[$0].priority) }.reduce(0, +)
        }
        let horizon = data.policy.horizon.count
        let searches = managers.map { m in
            ManagerSearch(
                pool: pool, types: typesOf[m], gains: typesOf[m].map { gains[$0] }, maxDays: data.managers[m].maxTravelDays,
                rest: data.managers[m].minRestDays, horizon: horizon, travelCap: travelCap)
        }
        // A manager whose year the search cannot take (too many operations or days for its
        // table): GLPK's phases do better than one GLPK model per subset (measured: 96 s on
        // 128 × 10 against 1.6 s with the search).
        guard searches.allSatisfy({ $0 != nil }) else {
            progress?("decomposition: not applicable (a manager's operations or days are too many for its table)")
            return nil
        }
        struct Found {
            var types: [Int]
            var gain: Int
            var cost: Money
            /// Bit mask of the shared operations the plan visits.
            var used: Int
        }
        var solved = [[Int: Found]](repeating: [:], count: managers.count)
        var proven = true
        func solve(_ k: Int, _ mask: Int) {
            let banned = Set(sharedOf[k].indices.filter { mask & (1 << $0) == 0 }.map { sharedOf[k][$0] })
            let search = searches[k]!
            let r = search.best(allowed: Set(search.operations).subtracting(banned), deadline: deadline)
            if !r.proven { proven = false }
            let visited = Set(r.types.flatMap { pool[$0].stops })
            let used = sharedOf[k].indices.filter { visited.contains(sharedOf[k][$0]) }.reduce(0) { $0 | (1 << $1) }
            solved[k][mask] = Found(types: r.types, gain: r.gain, cost: r.cost, used: used)
        }
        // The exact result for (k, mask) when known, else the least of its supersets' results
        // in the order "more value, then less cost" (an upper bound in that order).
        func known(_ k: Int, _ mask: Int) -> (gain: Int, cost: Money, types: [Int]?) {
            var bound: (gain: Int, cost: Money)?
            for (other, plan) in solved[k] where other & mask == mask {
                if plan.used & ~mask == 0 { return (plan.gain, plan.cost, plan.types) }
                if bound.map({ plan.gain < $0.gain || (plan.gain == $0.gain && plan.cost > $0.cost) }) ?? true {
                    bound = (plan.gain, plan.cost)
                }
            }
            return (bound?.gain ?? 0, bound?.cost ?? .zero, nil)
        }
        for k in managers.indices { solve(k, (1 << sharedOf[k].count) - 1) }
        var picked: [Int] = []
        var round = 1
        // The value of every possible virtual assessment, which the gains are counted over.
        let everyVirtual = virtualAssessments(visited: []).map { rules.virtual(priority: data.operations[$0].priority) }.reduce(0, +)
        while true {
            if deadline.timeIntervalSinceNow <= 0 { return nil }
            let bounds = columns.map { known($0.k, $0.mask) }
            guard let choice = try master(columns: columns, sharedOf: sharedOf, managers: managers.count, bounds: bounds) else {
                return nil
            }
            picked = choice
            let open = picked.filter { bounds[$0].types == nil }
            let most = everyVirtual + picked.map { bounds[$0].gain }.reduce(0, +)
            progress?(
                "decomposition round \(round): bound \(AssessmentValue(points: most)), "
                    + "\(solved.map(\.count).reduce(0, +)) manager years solved, \(open.count) to solve")
            round += 1
            if open.isEmpty { break }
            for j in open { solve(columns[j].k, columns[j].mask) }
        }
        let chosen = picked.flatMap { known(columns[$0].k, columns[$0].mask).types ?? [] }.sorted()
        let model = PlanModel(data: data, types: pool, virtualManagers: virtualManagers, options: .init())
        let virtual = virtualAssessments(visited: Set(chosen.flatMap { pool[$0].stops }))
        let value = model.value(types: chosen, virtual: virtual)
        let cost = chosen.map { pool[$0].cost.total }.reduce(.zero, +)
        let fits = travelCap.map { cost <= $0 } ?? true
        var cuts = CutPool()
        let dated = schedule(pool: pool, chosen: chosen, deadline: deadline, cuts: &cuts)
        let datedOK = dated.conflicts.isEmpty && !cuts.unproven
        let count = solved.map(\.count).reduce(0, +)
        progress?(
            "decomposition: \(count) of \(columns.count) manager models solved, value \(AssessmentValue(points: value)), "
                + "within the cap \(fits), dated \(datedOK)")
        return Decomposed(
            types: chosen, virtual: virtual, value: value, cost: cost, proven: proven && fits && datedOK,
            departures: datedOK ? dated.departures : nil,
            sharedOperations: shared.count, modelsSolved: count, modelsPossible: columns.count)
    }

    /// The decomposition's master: one column per manager, each shared operation in at most
    /// one chosen column; the most value, then the least cost at that value (two exact solves:
    /// values and costs are integers). Nil if GLPK does not prove either.
    private func master(
        columns: [(k: Int, mask: Int)], sharedOf: [[Int]], managers: Int, bounds: [(gain: Int, cost: Money, types: [Int]?)]
    ) throws -> [Int]? {
        var lp = LinearModel(name: "decomposition", sense: .maximize)
        for (j, b) in bounds.enumerated() { lp.addVariable(name: "z\(j)", kind: .binary, objective: Double(b.gain)) }
        var rows: [[Int]] = Array(repeating: [], count: managers)
        for (j, c) in columns.enumerated() { rows[c.k].append(j) }
        for (k, row) in rows.enumerated() {
            lp.addConstraint(name: "one_\(k)", terms: row.map { LinearModel.Term($0, 1) }, lower: 1, upper: 1)
        }
        var sharing: [Int: [Int]] = [:]
        for (j, c) in columns.enumerated() {
            for (bit, o) in sharedOf[c.k].enumerated() where c.mask & (1 << bit) != 0 { sharing[o, default: []].append(j) }
        }
        for o in sharing.keys.sorted() {
            lp.addConstraint(name: "shared_\(o)", terms: sharing[o]!.map { LinearModel.Term($0, 1) }, upper: 1)
        }
        let first = try GLPKSolver.solve(lp)
        guard first.status == .optimal, let most = first.objective else { return nil }
        // At that value (an integer, so rounding GLPK's answer is exact), the least cost.
        lp.addConstraint(
            name: "value", terms: bounds.indices.map { LinearModel.Term($0, Double(bounds[$0].gain)) }, lower: most.rounded() - 0.5)
        lp.sense = .minimize
        lp.setObjective(bounds.map { Double($0.cost.cents) })
        let second = try GLPKSolver.solve(lp)
        guard second.status == .optimal else { return nil }
        return columns.indices.filter { second.values[$0] > 0.5 }
    }
}
