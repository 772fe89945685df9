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
    /// Entries (8 bytes each) the decomposition's tables may hold together: 256 MiB.
    static let decompositionTables = 1 << 25

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
    /// nil when it does not apply (a manager sharing more than 12 operations, more than
    /// `maxModels` manager models, a manager whose year `ManagerSearch` cannot take) or the
    /// deadline passes.
    ///
    /// Why it is exact: a plan's value is Σ_o w_o (every virtual assessment) plus what each
    /// manager's trips add over the virtual assessments they replace. For each manager m and
    /// each vector a of visits allowed to its shared operations (0 … `max_visits` each),
    /// G_m(a) is the best m can do within a: the most it adds, then the least it costs
    /// (`ManagerSearch`, exact, with m's calendar and dates). In any plan the managers' visits
    /// u_m to the shared operations add up to at most each operation's `max_visits`, and the
    /// plan is at best Σ G_m(u_m) in the order "more value, then less cost" (that order is
    /// compatible with sums). A small MIP choosing one vector per manager, the vectors adding
    /// up to at most each shared operation's `max_visits`, first for the most value, then for
    /// the least cost at that value, bounds every plan; its managers' plans together respect
    /// every operation's visits, so they are a plan, optimal when it fits the travel cap (each
    /// manager had the whole cap) and dates jointly (office cover). G_m(a) is found lazily: the
    /// plan found for a vector a′ ≥ a that visits within a is optimal for a too, and otherwise
    /// the result for a′ bounds a's from above.
    func decompose(
        pool: [TripType], travelCap: Money?, deadline: Date, maxModels: Int = 4096,
        progress: (@Sendable (String) -> Void)? = nil
    ) throws -> Decomposed? {
        var typesOf = [[Int]](repeating: [], count: data.managers.count)
        for (i, t) in pool.enumerated() { typesOf[t.manager].append(i) }
        let managers = typesOf.indices.filter { !typesOf[$0].isEmpty }
        var holders = [Set<Int>](repeating: [], count: data.operations.count)
        for t in pool { for o in t.stops { holders[o].insert(t.manager) } }
        let shared = Set(holders.indices.filter { holders[$0].count > 1 })
        let sharedOf = managers.map { m in Set(typesOf[m].flatMap { pool[$0].stops }).intersection(shared).sorted() }
        guard sharedOf.allSatisfy({ $0.count <= 12 }) else { return nil }
        let capacity = data.operations.map { max(1, $0.maxVisits) }
        // A column is (manager's position, code): the code numbers a vector of visits allowed
        // to the manager's shared operations in mixed radix (capacity + 1 per operation).
        let radices = sharedOf.map { $0.map { capacity[$0] + 1 } }
        func vector(_ k: Int, _ code: Int) -> [Int] {
            var rest = code
            return radices[k].map { r in
                defer { rest /= r }
                return rest % r
            }
        }
        func code(_ k: Int, _ v: [Int]) -> Int { zip(v, radices[k]).reversed().reduce(0) { $0 * $1.1 + $1.0 } }
        var codes = [Int](repeating: 1, count: managers.count)
        for k in managers.indices {
            for r in radices[k] {
                codes[k] *= r
                guard codes[k] <= maxModels else { return nil }
            }
        }
        var columns: [(k: Int, code: Int)] = []
        for k in managers.indices { for c in 0..<codes[k] { columns.append((k, c)) } }
        guard columns.count <= maxModels else { return nil }
        progress?("decomposition: \(shared.count) shared operations, \(columns.count) manager models possible")

        let rules = ValueRules(policy: data.policy)
        let virtualValue = data.operations.indices.map { o in
            virtualManagers[o] != nil && data.operations[o].active.count > 0 ? rules.virtual(priority: data.operations[o].priority) : 0
        }
        let horizon = data.policy.horizon.count
        // Every manager's table is held at once: together at most `Planner.decompositionTables`
        // entries (256 MiB), whatever the number of managers.
        var entriesLeft = Planner.decompositionTables
        var searches: [ManagerSearch] = []
        for m in managers {
            // A manager whose year the search cannot take (too many operations or days for the
            // tables, or no time left): GLPK's phases do better than one GLPK model per vector
            // (measured: 96 s on 128 × 10 against 1.6 s with the search).
            guard
                let search = ManagerSearch(
                    pool: pool, types: typesOf[m], virtualValue: virtualValue, capacity: capacity,
                    maxDays: data.managers[m].maxTravelDays, rest: data.managers[m].minRestDays, horizon: horizon,
                    travelCap: travelCap, maxEntries: entriesLeft, deadline: deadline)
            else {
                progress?("decomposition: not applicable (a manager's operations or days are too many for its table, or time ran out)")
                return nil
            }
            entriesLeft -= search.tableEntries
            searches.append(search)
        }
        let ownOps = managers.map { m in Set(typesOf[m].flatMap { pool[$0].stops }) }
        struct Found {
            var types: [Int]
            var gain: Int
            var cost: Money
            /// Visits of the plan to the manager's shared operations.
            var used: [Int]
        }
        var solved = [[Int: Found]](repeating: [:], count: managers.count)
        var proven = true
        func allowed(_ k: Int, _ c: Int) -> [Int: Int] {
            var allowed: [Int: Int] = [:]
            for o in ownOps[k] { allowed[o] = capacity[o] }
            for (i, v) in vector(k, c).enumerated() { allowed[sharedOf[k][i]] = v }
            return allowed
        }
        // Each manager's table bounds every vector at once, before any search.
        let tableBounds = columns.map { searches[$0.k].bound(visits: allowed($0.k, $0.code)) }
        var columnOf: [[Int: Int]] = Array(repeating: [:], count: managers.count)
        for (j, c) in columns.enumerated() { columnOf[c.k][c.code] = j }
        func solve(_ k: Int, _ c: Int) {
            let r = searches[k].best(visits: allowed(k, c), deadline: deadline)
            if !r.proven { proven = false }
            var used = [Int](repeating: 0, count: sharedOf[k].count)
            for t in r.types {
                for o in pool[t].stops { if let i = sharedOf[k].firstIndex(of: o) { used[i] += 1 } }
            }
            solved[k][c] = Found(types: r.types, gain: r.gain, cost: r.cost, used: used)
        }
        // The exact result for (k, c) when known, else the least of the results for larger
        // vectors and the table's bound, in the order "more value, then less cost" (an upper
        // bound in that order).
        func known(_ k: Int, _ c: Int) -> (gain: Int, cost: Money, types: [Int]?) {
            let a = vector(k, c)
            var bound: (gain: Int, cost: Money)? = tableBounds[columnOf[k][c]!]
            // In code order, not the dictionary's (which differs between runs): of several
            // exact plans of equal value and cost, the same one every run.
            for other in solved[k].keys.sorted() {
                let plan = solved[k][other]!
                let b = vector(k, other)
                guard zip(b, a).allSatisfy({ $0 >= $1 }) else { continue }
                if zip(plan.used, a).allSatisfy({ $0 <= $1 }) { return (plan.gain, plan.cost, plan.types) }
                if bound.map({ plan.gain < $0.gain || (plan.gain == $0.gain && plan.cost > $0.cost) }) ?? true {
                    bound = (plan.gain, plan.cost)
                }
            }
            return (bound?.gain ?? 0, bound?.cost ?? .zero, nil)
        }
        for k in managers.indices { solve(k, code(k, sharedOf[k].map { capacity[$0] })) }
        // The columns allowing visits to each shared operation (the master's rows).
        var uses: [Int: [(column: Int, visits: Int)]] = [:]
        for (j, c) in columns.enumerated() {
            for (i, v) in vector(c.k, c.code).enumerated() where v > 0 { uses[sharedOf[c.k][i], default: []].append((j, v)) }
        }
        var picked: [Int] = []
        var bounds: [(gain: Int, cost: Money, types: [Int]?)] = []
        var round = 1
        // The value of every possible virtual assessment, which the gains are counted over.
        let everyVirtual = virtualValue.reduce(0, +)
        while true {
            if deadline.timeIntervalSinceNow <= 0 { return nil }
            bounds = columns.map { known($0.k, $0.code) }
            guard
                let choice = try master(
                    managers: managers.count, columns: columns.map(\.k), uses: uses, capacity: capacity, bounds: bounds)
            else { return nil }
            picked = choice
            let open = picked.filter { bounds[$0].types == nil }
            let most = everyVirtual + picked.map { bounds[$0].gain }.reduce(0, +)
            progress?(
                "decomposition round \(round): bound \(AssessmentValue(points: most)), "
                    + "\(solved.map(\.count).reduce(0, +)) manager years solved, \(open.count) to solve")
            round += 1
            if open.isEmpty { break }
            for j in open { solve(columns[j].k, columns[j].code) }
        }
        // Every picked column is exact now (the last round had none to solve).
        let chosen = picked.flatMap { bounds[$0].types ?? [] }.sorted()
        let virtual = virtualAssessments(visited: Set(chosen.flatMap { pool[$0].stops }))
        let value = chosen.map { pool[$0].value }.reduce(0, +) + virtual.map { virtualValue[$0] }.reduce(0, +)
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
            departures: datedOK ? dated.departures : nil, sharedOperations: shared.count, modelsSolved: count,
            modelsPossible: columns.count)
    }

    /// The decomposition's master: one column per manager; the visits the chosen columns allow
    /// each shared operation add up to at most its `max_visits`; the most value, then the least
    /// cost at that value (two exact solves: values and costs are integers). Nil if GLPK does
    /// not prove either.
    private func master(
        managers: Int, columns: [Int], uses: [Int: [(column: Int, visits: Int)]], capacity: [Int],
        bounds: [(gain: Int, cost: Money, types: [Int]?)]
    ) throws -> [Int]? {
        var lp = LinearModel(name: "decomposition", sense: .maximize)
        for (j, b) in bounds.enumerated() { lp.addVariable(name: "z\(j)", kind: .binary, objective: Double(b.gain)) }
        var rows: [[Int]] = Array(repeating: [], count: managers)
        for (j, k) in columns.enumerated() { rows[k].append(j) }
        for (k, row) in rows.enumerated() {
            lp.addConstraint(name: "one_\(k)", terms: row.map { LinearModel.Term($0, 1) }, lower: 1, upper: 1)
        }
        for o in uses.keys.sorted() {
            lp.addConstraint(
                name: "shared_\(o)", terms: uses[o]!.map { LinearModel.Term($0.column, Double($0.visits)) },
                upper: Double(capacity[o]))
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
        return bounds.indices.filter { second.values[$0] > 0.5 }
    }
}
