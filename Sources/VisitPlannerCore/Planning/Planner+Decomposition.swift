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

extension Planner {
    /// The most assessment value, by decomposition over the operations that more than one
    /// manager can visit (a measurement for `visitplan-bench --decompose`, see README "128 × 10's
    /// gap"; the planner itself does not use it).
    ///
    /// Why it is exact: a plan's value is Σ_o w_o (every virtual assessment) plus what each
    /// manager's trips add over the virtual assessments they replace. For each manager m and
    /// each subset A of its shared operations, G_m(A) is the most m adds using only A of them
    /// (m's own model with its calendar, solved exactly: GLPK and the scheduler). In an optimal
    /// plan each shared operation is visited by at most one manager, so the sets A_m of shared
    /// operations each manager visits are disjoint and the plan adds at most Σ G_m(A_m): a small
    /// MIP choosing one subset per manager, each shared operation in at most one, bounds the
    /// optimum, and its plans are disjoint, so together they are a plan. Each manager's model
    /// has the whole budget and ignores office cover, so the combined plan is proven optimal
    /// only if it fits the cap and dates jointly; and only where every operation allows one
    /// visit (else nil). G_m(A) is found lazily: a plan found for a superset that uses only A's
    /// shared operations is optimal for A too, and otherwise bounds it from above.
    public func valueByDecomposition(
        timeLimit: Double, maxModels: Int = 4096, progress: (@Sendable (String) -> Void)? = nil
    ) throws -> DecompositionResult? {
        let pool = affordable
        let travelCap = data.policy.budget.travelCap
        let deadline = Date().addingTimeInterval(timeLimit)
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
        progress?("decomposition: \(shared.count) shared operations, \(columns.count) manager models possible")
        guard columns.count <= maxModels else { return nil }
        let zero = [Int](repeating: 0, count: data.operations.count)
        // Plans found so far, per manager: mask → (types, gain, mask of the shared operations used).
        var solved = [[Int: (types: [Int], gain: Int, used: Int)]](repeating: [:], count: managers.count)
        var proven = true
        func solve(_ k: Int, _ mask: Int) throws {
            let banned = Set(sharedOf[k].indices.filter { mask & (1 << $0) == 0 }.map { sharedOf[k][$0] })
            let open = typesOf[managers[k]].filter { t in !pool[t].stops.contains { banned.contains($0) } }
            guard !open.isEmpty else {
                solved[k][mask] = ([], 0, 0)
                return
            }
            let plan = try managerPlan(pool: pool, types: open, travelCap: travelCap, visits: zero, deadline: deadline)
            if !plan.proven { proven = false }
            let visited = Set(plan.types.flatMap { pool[$0].stops })
            let used = sharedOf[k].indices.filter { visited.contains(sharedOf[k][$0]) }.reduce(0) { $0 | (1 << $1) }
            solved[k][mask] = (plan.types, plan.gain, used)
        }
        func known(_ k: Int, _ mask: Int) -> (gain: Int, types: [Int]?) {
            var bound = Int.max
            for (other, plan) in solved[k] where other & mask == mask {
                if plan.used & ~mask == 0 { return (plan.gain, plan.types) }
                bound = min(bound, plan.gain)
            }
            return (bound, nil)
        }
        for k in managers.indices { try solve(k, (1 << sharedOf[k].count) - 1) }
        var picked: [Int] = []
        while true {
            var master = LinearModel(name: "decomposition", sense: .maximize)
            for (j, c) in columns.enumerated() {
                master.addVariable(name: "z\(j)", kind: .binary, objective: Double(known(c.k, c.mask).gain))
            }
            for k in managers.indices {
                let terms = columns.indices.filter { columns[$0].k == k }.map { LinearModel.Term($0, 1) }
                master.addConstraint(name: "one_\(k)", terms: terms, lower: 1, upper: 1)
            }
            for o in shared.sorted() {
                let terms = columns.indices.filter { j in
                    let c = columns[j]
                    return sharedOf[c.k].indices.contains { sharedOf[c.k][$0] == o && c.mask & (1 << $0) != 0 }
                }.map { LinearModel.Term($0, 1) }
                master.addConstraint(name: "shared_\(o)", terms: terms, upper: 1)
            }
            let solution = try GLPKSolver.solve(master)
            guard solution.status == .optimal else { return nil }
            picked = columns.indices.filter { solution.values[$0] > 0.5 }
            let open = picked.filter { known(columns[$0].k, columns[$0].mask).types == nil }
            if open.isEmpty { break }
            if deadline.timeIntervalSinceNow <= 0 { return nil }
            for j in open { try solve(columns[j].k, columns[j].mask) }
        }
        let chosen = picked.flatMap { known(columns[$0].k, columns[$0].mask).types ?? [] }
        let model = PlanModel(data: data, types: pool, virtualManagers: virtualManagers, options: .init())
        let value = model.value(types: chosen, virtual: virtualAssessments(visited: Set(chosen.flatMap { pool[$0].stops })))
        let fits = chosen.map { pool[$0].cost.total }.reduce(.zero, +) <= travelCap
        let dated = schedule(pool: pool, chosen: chosen).conflicts.isEmpty
        let count = solved.map(\.count).reduce(0, +)
        progress?("decomposition: \(count) of \(columns.count) manager models solved, within the cap \(fits), dated \(dated)")
        return DecompositionResult(
            value: AssessmentValue(points: value), proven: proven && fits && dated, sharedOperations: shared.count,
            modelsSolved: count, modelsPossible: columns.count)
    }
}
