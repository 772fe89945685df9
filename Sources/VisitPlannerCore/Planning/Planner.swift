import Dispatch
import Foundation
import GLPK

/// Settings of one planning run that are not part of the data.
public struct PlanOptions: Sendable {
    /// Seconds for the whole planning run (solve and explanations); nil uses
    /// `solver.time_limit_seconds` from the policy. Counted from `started`.
    public var timeLimit: Double?
    /// When the run began (the command's start, so that loading and listing trips count too);
    /// nil = when `plan` is called.
    public var started: Date?
    /// Explain each operation left out by re-solving with it forced in.
    public var explain: Bool = true
    /// GLPK's own progress lines go here when set.
    public var log: (@Sendable (String) -> Void)?
    /// Short lines saying what a long run is doing (phase, incumbent, bound, gap).
    public var progress: (@Sendable (String) -> Void)?
    /// Memory the trip types of one planner may take (an estimate from their sizes); listing
    /// stops with a message saying what to change before it is exceeded.
    public var memoryLimitBytes: Int = PlanOptions.defaultMemoryLimitBytes

    /// 1 GiB.
    public static let defaultMemoryLimitBytes = 1 << 30
    /// Re-planning: the adopted plan's open trips, as (manager id, operation codes in order);
    /// among equally good plans, the one that keeps most of them is chosen (see `keepOrder`).
    public var keep: [TripKey] = []
    /// Where keeping adopted trips ranks against cost (value always comes first).
    public var keepOrder: KeepOrder = .afterCost

    public init(
        timeLimit: Double? = nil, started: Date? = nil, explain: Bool = true, log: (@Sendable (String) -> Void)? = nil,
        progress: (@Sendable (String) -> Void)? = nil
    ) {
        self.timeLimit = timeLimit
        self.started = started
        self.explain = explain
        self.log = log
        self.progress = progress
    }
}

/// A trip's shape for re-planning: who travels and where, in order (dates may move).
public struct TripKey: Hashable, Sendable {
    public var manager: String
    public var operations: [String]
    public init(manager: String, operations: [String]) {
        self.manager = manager
        self.operations = operations
    }
}

/// How a re-plan orders keeping the adopted plan's trips against cost.
public enum KeepOrder: String, Sendable, CaseIterable {
    /// Most value, then least cost, then most adopted trips kept: stability never costs a cent.
    case afterCost = "after-cost"
    /// Most value, then most adopted trips kept, then least cost: stability may cost money.
    case beforeCost = "before-cost"
}

/// Computes the optimal plan: the most assessment value the budget buys, and among plans of
/// that value the cheapest, by two GLPK solves (value first, then cost with value held).
///
/// Lexicographic phases rather than one weighted objective: weights big enough to stop cost
/// from buying value would push the objective to ~1e11, where GLPK's relative tolerances
/// would blur differences of dollars.
public struct Planner: Sendable {
    public let data: PlanningData
    /// Every trip type, whatever its cost.
    let types: [TripType]
    /// Types cheap enough to fit under the travel cap on their own.
    let affordable: [TripType]
    /// Who holds each operation's virtual assessment (portfolio manager, else a backup).
    let virtualManagers: [Int?]
    /// Open nights and free days, built once for type generation and for the reasons.
    let calendar: PlanningCalendar
    /// Models with more trip types than this are first decomposed over the operations managers
    /// share, and else start from the better of the greedy and manager-by-manager plans (small
    /// models are solved by GLPK at once). Tests lower it to take that path on small data.
    var largeModel = 5_000

    /// A planner over every trip type of the data, however many (for small data and tests).
    public init(data: PlanningData) {
        let data = data.applyingBookingLead()
        let calendar = PlanningCalendar(data: data)
        self.init(data: data, calendar: calendar, types: TripTypeGenerator(data: data, calendar: calendar).types(costLimit: nil))
    }

    /// A planner whose trip types are listed within `budget` (time and memory).
    ///
    /// - Throws: `PlanError.tooLarge` or `PlanError.outOfTime`, saying what to change.
    public init(data: PlanningData, budget: GenerationBudget) throws {
        var budget = budget
        let data = data.applyingBookingLead()
        let calendar = PlanningCalendar(data: data)
        budget.progress?("listing possible trips")
        let types = try TripTypeGenerator(data: data, calendar: calendar).types(costLimit: nil, budget: &budget)
        self.init(data: data, calendar: calendar, types: types)
    }

    /// A planner within the time and memory `options` allow, counted from `options.started`.
    public static func make(data: PlanningData, options: PlanOptions) throws -> Planner {
        let limit = options.timeLimit ?? data.policy.timeLimitSeconds
        let deadline = (options.started ?? Date()).addingTimeInterval(limit)
        return try Planner(
            data: data, budget: GenerationBudget(maxBytes: options.memoryLimitBytes, deadline: deadline, progress: options.progress))
    }

    private init(data: PlanningData, calendar: PlanningCalendar, types generated: [TripType]) {
        self.data = data
        self.calendar = calendar
        types = generated
        affordable = generated.filter { $0.cost.total <= data.policy.budget.travelCap }
        virtualManagers = data.operations.map { op in
            // Visited in person outside this plan (a re-plan's fixed trips): no virtual assessment.
            guard data.visitsMadeElsewhere[op.code, default: 0] == 0 else { return nil }
            return data.managers.firstIndex { $0.portfolio.contains(op.code) }
                ?? data.managers.firstIndex { $0.backup.contains(op.code) }
        }
    }

    /// Operations that are active in the horizon and may be travelled to.
    var travelOperations: [Int] {
        data.operations.indices.filter {
            let op = data.operations[$0]; return op.active.count > 0 && !op.virtualOnly && op.maxVisits > 0
        }
    }

    // MARK: - Solving

    /// A solved, scheduled plan.
    struct Outcome {
        /// The model of the last phase solved.
        var model: PlanModel
        var solution: Solution
        var valueSolution: Solution
        var valueStatus: SolveStatus
        var costStatus: SolveStatus
        var trips: [ScheduledTrip]
        var virtual: [Int]
        var value: Int
        var cost: Money { trips.map(\.cost.total).reduce(.zero, +) }
        var cuts: CutPool
        /// What spreading the dates achieved (the main plan only, not the explanations' re-solves).
        var spread: JointSchedule.Spread?
    }

    /// One phase: solve, schedule each manager's chosen trips, cut what cannot be scheduled, repeat.
    struct PhaseResult {
        var model: PlanModel
        var solution: Solution
        var chosen: [Int]
        var virtual: [Int]
        var departures: [Int: Int]
        var status: SolveStatus
    }

    func runPhase(
        pool: [TripType], objective: PlanModel.Objective, forced: Set<Int>, travelCap: Money?,
        cuts: inout CutPool, deadline: Date, start initialStart: (types: [Int], virtual: [Int])?,
        log: (@Sendable (String) -> Void)?, keep: Keep? = nil, rounds: (phase: String, report: (@Sendable (String) -> Void))? = nil
    ) throws -> (PhaseResult?, Solution) {
        var start = initialStart
        var round = 0
        while true {
            round += 1
            let model = PlanModel(
                data: data, types: pool, virtualManagers: virtualManagers,
                options: .init(
                    objective: objective, travelCap: travelCap, forced: forced, cuts: cuts.cuts, covers: cuts.covers,
                    keepWeights: keep?.weights ?? [], minimumKept: keep?.minimum, stretches: stretches(cuts)))
            if model.model.variables.isEmpty {
                // Nothing to decide (no trip and no virtual assessment possible): the empty plan.
                let empty = Solution(
                    status: .optimal, values: [], objective: 0, bound: 0, gap: 0, seconds: 0,
                    rows: model.model.constraints.count, columns: 0, nonzeros: 0)
                return (PhaseResult(model: model, solution: empty, chosen: [], virtual: [], departures: [:], status: .optimal), empty)
            }
            var options = SolveOptions()
            options.log = log
            // Leave time for another round: a solve stopped by its limit with trips that do not
            // schedule is repaired, cut, and solved again starting from the repaired plan.
            options.timeLimit = max(0.5, deadline.timeIntervalSinceNow * 0.6)
            if case .minimizeCost = objective {
                // Phase 2 compares costs to the cent: keep GLPK's relative tolerance far below a cent.
                options.objectiveTolerance = 1e-10
            }
            if let plan = start {
                // A starting plan is only ever offered when it satisfies every row; one that does
                // not (a defect of the heuristic that built it) is set aside and said, never a failure.
                let point = model.point(types: plan.types, virtual: plan.virtual)
                if let why = SolveOptions.violation(of: point, in: model.model) {
                    rounds?.report("\(rounds!.phase) round \(round): starting plan set aside: \(why)")
                    start = nil
                } else {
                    options.initialSolution = point
                }
            }
            let solution = try GLPKSolver.solve(model.model, options: options)
            if let rounds {
                // What each round of cuts costs and how far it is from a proof (issue "Scale").
                let shown = { (x: Double?) -> String in
                    guard let x, x.isFinite else { return "none" }
                    return objective.heldValue == nil
                        ? AssessmentValue(points: Int(x.rounded()) * model.step).description : String(format: "%.0f", x)
                }
                rounds.report(
                    "\(rounds.phase) round \(round): \(model.model.constraints.count) rows, GLPK \(solution.status.rawValue) in "
                        + String(format: "%.2f s", solution.seconds)
                        + ", incumbent \(shown(solution.objective)), bound \(shown(solution.bound))")
            }
            guard solution.hasSolution else { return (nil, solution) }
            let (chosen, _) = model.decode(solution.values)
            // Every operation without an in-person visit gets its virtual assessment when it can
            // have one (always feasible, never less value), whatever GLPK's incumbent says: a
            // time-limited or cost-phase incumbent may leave a zero-cost `v` at 0.
            let virtual = virtualAssessments(visited: Set(chosen.flatMap { pool[$0].stops }))
            if let travelCap, let cover = budgetCover(pool: pool, chosen: chosen, cap: travelCap) {
                // GLPK accepted a plan over the cap within its tolerance: exclude it exactly, solve again.
                cuts.covers.append(cover)
                if deadline.timeIntervalSinceNow < 0 {
                    // Out of time with no plan within the cap from this phase: say so (phase 1
                    // then reports no plan in time; a later phase gives way to the one before).
                    var none = solution
                    none.status = .timeLimit
                    none.values = []
                    return (nil, none)
                }
                continue
            }
            let scheduling = Date()
            let (departures, conflicts) = schedule(pool: pool, chosen: chosen, deadline: deadline, cuts: &cuts)
            rounds?.report(
                "\(rounds!.phase) round \(round): \(chosen.count) trips, \(conflicts.count) conflicting sets found in "
                    + String(format: "%.2f s", Date().timeIntervalSince(scheduling)))
            if conflicts.isEmpty {
                return (
                    PhaseResult(
                        model: model, solution: solution, chosen: chosen, virtual: virtual,
                        departures: departures, status: solution.status), solution
                )
            }
            cuts.cuts += conflicts
            addPairCuts(managers: Set(conflicts.map { pool[$0.terms[0]].manager }), pool: pool, cuts: &cuts)
            // Keep what schedules; operations that lose their visit get a virtual assessment.
            let repaired = repair(pool: pool, chosen: chosen)
            let visited = Set(repaired.flatMap { pool[$0].stops })
            let virtualNow = virtualAssessments(visited: visited)
            if deadline.timeIntervalSinceNow < 0.5 {
                let (kept, _) = schedule(pool: pool, chosen: repaired, deadline: deadline, cuts: &cuts)
                return (
                    PhaseResult(
                        model: model, solution: solution, chosen: repaired, virtual: virtualNow,
                        departures: kept, status: .timeLimit), solution
                )
            }
            // The repaired plan satisfies every cut; it is a valid start unless it lost a forced
            // visit or (in phase 2) value.
            var usable = forced.isSubset(of: visited)
            if let value = objective.heldValue, model.value(types: repaired, virtual: virtualNow) < value { usable = false }
            if let keep, let minimum = keep.minimum, keep.count(repaired) < minimum { usable = false }
            if usable { start = (repaired, virtualNow) }
        }
    }

    /// Re-planning's preference for the adopted plan's trips: a weight per trip type of the pool
    /// (1 where the type keeps an adopted trip), and the least number kept, once known.
    struct Keep {
        var weights: [Int]
        var minimum: Int?
        func count(_ chosen: [Int]) -> Int { chosen.reduce(0) { $0 + weights[$1] } }
    }

    /// A minimal set of the chosen types that together cost more than `cap`, or nil when the
    /// chosen types fit (compared in cents, exactly).
    func budgetCover(pool: [TripType], chosen: [Int], cap: Money) -> ScheduleCut? {
        let total = chosen.map { pool[$0].cost.total }.reduce(.zero, +)
        guard total > cap else { return nil }
        // Dearest first until over the cap, then drop any member the rest does not need.
        var cover: [Int] = []
        var sum = Money.zero
        for t in chosen.sorted(by: { (pool[$0].cost.total, $1) > (pool[$1].cost.total, $0) }) where sum <= cap {
            cover.append(t)
            sum += pool[t].cost.total
        }
        for t in cover.reversed() where sum - pool[t].cost.total > cap {
            sum = sum - pool[t].cost.total
            cover.removeAll { $0 == t }
        }
        return ScheduleCut(terms: cover.sorted(), size: cover.count)
    }

    /// Departure days for the chosen types, or the minimal sets of them that cannot be scheduled.
    func schedule(pool: [TripType], chosen: [Int]) -> (departures: [Int: Int], conflicts: [ScheduleCut]) {
        var cuts = CutPool()
        return schedule(pool: pool, chosen: chosen, deadline: Date().addingTimeInterval(60), cuts: &cuts)
    }

    /// The same, noting in `cuts` when a large set's check was stopped by the deadline.
    func schedule(
        pool: [TripType], chosen: [Int], deadline: Date, cuts: inout CutPool
    ) -> (departures: [Int: Int], conflicts: [ScheduleCut]) {
        var departures: [Int: Int] = [:]
        var conflicts: [ScheduleCut] = []
        let byManager = Dictionary(grouping: chosen) { pool[$0].manager }
        for m in byManager.keys.sorted() {
            let mine = byManager[m]!.sorted()
            let rest = data.managers[m].minRestDays
            let scheduler = Scheduler(
                items: mine.map { .init(starts: pool[$0].starts, occupancy: pool[$0].days + rest) },
                timeLimit: max(1, deadline.timeIntervalSinceNow))
            if !scheduler.isExact { cuts.unproven = true }
            if let days = scheduler.schedule() {
                for (k, t) in mine.enumerated() { departures[t] = days[k] }
            } else {
                conflicts += scheduler.minimalConflicts(limit: 20).map { lift($0.map { mine[$0] }, pool: pool) }
            }
        }
        if conflicts.isEmpty,
            let cut = coverConflict(pool: pool, chosen: chosen.sorted(), departures: &departures, deadline: deadline, cuts: &cuts)
        {
            conflicts.append(cut)
        }
        return (departures, conflicts)
    }

    /// Office cover: when each manager's trips schedule but more managers than
    /// `max_away_at_once` would be away on some day, the joint time-indexed check either
    /// re-dates the trips to keep the office covered or returns a minimal set of them that
    /// cannot be (lifted as schedule cuts are: a stand-in keeps its manager away at least as long).
    func coverConflict(
        pool: [TripType], chosen: [Int], departures: inout [Int: Int], deadline: Date, cuts: inout CutPool
    ) -> ScheduleCut? {
        guard let joint = jointSchedule(pool: pool, chosen: chosen, coverOnly: true) else { return nil }
        if joint.covers(chosen.map { departures[$0]! }) { return nil }
        let answer = joint.solve(deadline: Date().addingTimeInterval(max(1, deadline.timeIntervalSinceNow)))
        if !answer.isExact { cuts.unproven = true }
        if let days = answer.days {
            for (k, t) in chosen.enumerated() { departures[t] = days[k] }
            return nil
        }
        return lift((answer.minimalConflict ?? chosen.indices.map { $0 }).map { chosen[$0] }, pool: pool)
    }

    /// The joint model of the chosen types; with `coverOnly`, nil when office cover cannot bind
    /// (no limit, or no more managers travelling than the limit on any day).
    func jointSchedule(pool: [TripType], chosen: [Int], coverOnly: Bool = false) -> JointSchedule? {
        let horizon = data.policy.horizon
        let days = horizon.count
        let capacity = data.policy.maxAwayAtOnce.map { _ in (0..<days).map { data.awayCapacity(on: horizon.first + $0) ?? Int.max } }
        if coverOnly {
            guard let capacity else { return nil }
            let travelling = Set(chosen.map { pool[$0].manager }).count
            if capacity.allSatisfy({ $0 >= travelling }) { return nil }
        }
        let items = chosen.map { t in
            JointSchedule.Item(
                manager: pool[t].manager, starts: pool[t].starts, away: pool[t].days,
                occupancy: pool[t].days + data.managers[pool[t].manager].minRestDays)
        }
        let elsewhere = (0..<days).map { data.awayElsewhere[horizon.first + $0, default: 0] }
        return JointSchedule(items: items, horizon: days, capacity: capacity, busyElsewhere: elsewhere)
    }

    /// Strengthens a schedule cut: a trip of the same manager and operations whose departure
    /// days are a subset of a conflicting trip's, and which keeps the manager away at least as
    /// long, can stand in for it and still conflict. Where every operation allows one visit,
    /// at most one such stand-in is ever chosen, so the cut may count them all.
    func lift(_ conflict: [Int], pool: [TripType]) -> ScheduleCut {
        var lifted = Set(conflict)
        for t in conflict {
            let type = pool[t]
            guard type.stops.allSatisfy({ data.operations[$0].maxVisits == 1 }) else { continue }
            let ops = type.stops.sorted()
            for u in pool.indices
            where u != t && pool[u].manager == type.manager && pool[u].days >= type.days
                && pool[u].stops.sorted() == ops && isSubset(pool[u].starts, of: type.starts)
            {
                lifted.insert(u)
            }
        }
        return ScheduleCut(terms: lifted.sorted(), size: conflict.count)
    }

    /// For managers with a modest number of trip types, cuts every pair of types that can never
    /// both be made (their departure days always overlap, rest included) at once, instead of
    /// discovering them one solve at a time. Done once per manager.
    func addPairCuts(managers: Set<Int>, pool: [TripType], cuts: inout CutPool) {
        for m in managers.sorted() where !cuts.conflictedManagers.contains(m) {
            cuts.conflictedManagers.insert(m)
            let mine = pool.indices.filter { pool[$0].manager == m }
            guard mine.count <= 400 else { continue }
            let rest = data.managers[m].minRestDays
            for (i, a) in mine.enumerated() {
                for b in mine[(i + 1)...] {
                    // Sharing an operation that allows one visit already keeps them apart.
                    let shared = Set(pool[a].stops).intersection(pool[b].stops)
                    if shared.contains(where: { data.operations[$0].maxVisits == 1 }) { continue }
                    let pair = Scheduler(items: [a, b].map { .init(starts: pool[$0].starts, occupancy: pool[$0].days + rest) })
                    if !pair.isFeasible { cuts.cuts.append(ScheduleCut(terms: [a, b], size: 2)) }
                }
            }
        }
    }

    /// The stretches between absences of every manager whose trips have conflicted.
    func stretches(_ cuts: CutPool) -> [Int: [Range<Int>]] {
        Dictionary(uniqueKeysWithValues: cuts.conflictedManagers.map { ($0, calendar.managerFree[$0].openRuns) })
    }

    /// Whether every element of `a` is in `b` (both ascending).
    func isSubset(_ a: [Int], of b: [Int]) -> Bool {
        var j = 0
        for x in a {
            while j < b.count && b[j] < x { j += 1 }
            if j == b.count || b[j] != x { return false }
        }
        return true
    }

    /// Drops the least valuable trips of each unschedulable manager until the rest schedules.
    func repair(pool: [TripType], chosen: [Int]) -> [Int] {
        var kept = chosen
        while true {
            let (_, conflicts) = schedule(pool: pool, chosen: kept)
            guard let conflict = conflicts.first else { return kept }
            let worst = conflict.terms.filter { kept.contains($0) }.min { (pool[$0].value, -$0) < (pool[$1].value, -$1) }!
            kept.removeAll { $0 == worst }
        }
    }

    /// A good plan found quickly: types by value per dollar, then by value per day away, each
    /// added when it still fits the budget, the visits allowed, the manager's days and calendar.
    /// The better of the two orders is kept. Feasible by construction, so GLPK may start from it.
    func greedy(pool: [TripType], travelCap: Money?) -> (types: [Int], virtual: [Int]) {
        func run(_ order: [Int]) -> (types: [Int], value: Int) {
            var chosen: [Int] = []
            var spent = Money.zero
            var visits = [Int](repeating: 0, count: data.operations.count)
            var days = [Int](repeating: 0, count: data.managers.count)
            var mine = [[Int]](repeating: [], count: data.managers.count)
            var value = 0
            for t in order {
                let type = pool[t]
                let manager = data.managers[type.manager]
                if let travelCap, spent + type.cost.total > travelCap { continue }
                if type.stops.contains(where: { visits[$0] >= data.operations[$0].maxVisits }) { continue }
                if days[type.manager] + type.days > manager.maxTravelDays { continue }
                let trial = mine[type.manager] + [t]
                let scheduler = Scheduler(
                    items: trial.map { .init(starts: pool[$0].starts, occupancy: pool[$0].days + manager.minRestDays) })
                guard scheduler.isFeasible else { continue }
                chosen.append(t)
                mine[type.manager] = trial
                spent += type.cost.total
                days[type.manager] += type.days
                for o in type.stops { visits[o] += 1 }
                value += type.value
            }
            return (chosen, value)
        }
        // Ratios compared by cross-multiplying at full width: exact, and no overflow.
        func wide(_ x: Int, _ y: Int) -> (Int, UInt) { let p = x.multipliedFullWidth(by: y); return (p.high, p.low) }
        let byMoney = pool.indices.sorted { a, b in
            let l = wide(pool[a].value, Int(pool[b].cost.total.cents)), r = wide(pool[b].value, Int(pool[a].cost.total.cents))
            return l != r ? l > r : a < b
        }
        let byDays = pool.indices.sorted { a, b in
            let l = pool[a].value * pool[b].days, r = pool[b].value * pool[a].days
            return l != r ? l > r : a < b
        }
        let first = run(byMoney), second = run(byDays)
        let best = first.value >= second.value ? first.types : second.types
        return (best, virtualAssessments(visited: Set(best.flatMap { pool[$0].stops })))
    }

    /// Operations that get a virtual assessment when `visited` are visited in person: every
    /// other active one that has a manager to hold it (the model's `v` variables).
    func virtualAssessments(visited: Set<Int>) -> [Int] {
        data.operations.indices.filter { !visited.contains($0) && virtualManagers[$0] != nil && data.operations[$0].active.count > 0 }
    }

    /// Both phases with `forced` operations visited; nil when phase 1 finds no plan.
    func solve(
        pool: [TripType], forced: Set<Int>, travelCap: Money?, timeLimit: Double, cuts initialCuts: CutPool = CutPool(),
        log: (@Sendable (String) -> Void)?, progress: (@Sendable (String) -> Void)? = nil,
        keep: Keep? = nil, keepOrder: KeepOrder = .afterCost, spread: Bool = false
    ) throws -> (Outcome?, Solution) {
        let started = Date()
        // Phase 1 gets three quarters of the time; phase 2 the rest (at least half a second).
        let deadline = started.addingTimeInterval(timeLimit * 0.75)
        // GLPK's own progress lines ("+ 1234: mip = … >= … gap") say how a long phase is going.
        func phaseLog(_ phase: String) -> (@Sendable (String) -> Void)? {
            if let log { return log }
            guard let progress else { return nil }
            return { line in if line.hasPrefix("+") { progress("\(phase): \(line.dropFirst().trimmingCharacters(in: .whitespaces))") } }
        }
        progress?("solving: most assessment value (phase 1 of 2)")
        var cuts = initialCuts
        // Large models, where GLPK's branch-and-bound can stall on near-symmetric columns, are
        // first decomposed over the operations that managers share (exact where it applies and
        // finishes within its share of the time; see `decompose` and README "Solving").
        var decomposed: Decomposed?
        if pool.count > largeModel && forced.isEmpty && keep == nil {
            progress?("solving: each manager's best year for each way of sharing operations (decomposition)")
            decomposed = try decompose(
                pool: pool, travelCap: travelCap, deadline: started.addingTimeInterval(timeLimit * 0.4), progress: progress)
        }
        var phase1: PhaseResult?
        var firstSolution: Solution
        if let d = decomposed, d.proven, let departures = d.departures {
            let model = PlanModel(
                data: data, types: pool, virtualManagers: virtualManagers, options: .init(objective: .maximizeValue, travelCap: travelCap))
            let objective = Double(d.value / model.step)
            firstSolution = Solution(
                status: .optimal, values: model.point(types: d.types, virtual: d.virtual), objective: objective, bound: objective,
                gap: 0, seconds: Date().timeIntervalSince(started), rows: model.model.constraints.count,
                columns: model.model.variables.count, nonzeros: model.model.nonzeros)
            phase1 = PhaseResult(
                model: model, solution: firstSolution, chosen: d.types, virtual: d.virtual, departures: departures, status: .optimal)
        } else {
            // Large models get a good incumbent from the start (small ones don't need it): the
            // better of the greedy plan and the plan built one manager at a time.
            var greedyStart: (types: [Int], virtual: [Int])?
            if pool.count > largeModel && forced.isEmpty {
                let quick = greedy(pool: pool, travelCap: travelCap)
                // A tenth of the limit from now: a decomposition that gave up leaves it its time.
                let byManager = try managerByManager(
                    pool: pool, travelCap: travelCap, deadline: Date().addingTimeInterval(timeLimit * 0.1))
                let model = PlanModel(data: data, types: pool, virtualManagers: virtualManagers, options: .init())
                let quickValue = model.value(types: quick.types, virtual: quick.virtual)
                let byManagerValue = model.value(types: byManager.types, virtual: byManager.virtual)
                progress?(
                    "starting plans: greedy \(AssessmentValue(points: quickValue)), manager by manager \(AssessmentValue(points: byManagerValue))"
                )
                greedyStart = byManagerValue > quickValue ? byManager : quick
            }
            (phase1, firstSolution) = try runPhase(
                pool: pool, objective: .maximizeValue, forced: forced, travelCap: travelCap,
                cuts: &cuts, deadline: deadline, start: greedyStart, log: phaseLog("value phase"),
                rounds: progress.map { ("value phase", $0) })
            if phase1 == nil && firstSolution.status == .timeLimit && forced.isEmpty {
                // Out of time before GLPK found any plan: the greedy plan, marked as such, is still a plan.
                let greedyPlan = greedyStart ?? greedy(pool: pool, travelCap: travelCap)
                // The greedy plan schedules each manager's trips; office cover may still drop some.
                let types = repair(pool: pool, chosen: greedyPlan.types)
                let fallback = (types: types, virtual: virtualAssessments(visited: Set(types.flatMap { pool[$0].stops })))
                let model = PlanModel(
                    data: data, types: pool, virtualManagers: virtualManagers,
                    options: .init(
                        objective: .maximizeValue, travelCap: travelCap, forced: forced, cuts: cuts.cuts,
                        stretches: stretches(cuts)))
                phase1 = PhaseResult(
                    model: model, solution: firstSolution, chosen: fallback.types, virtual: fallback.virtual,
                    departures: schedule(pool: pool, chosen: fallback.types).departures, status: .timeLimit)
            }
        }
        guard let first = phase1 else { return (nil, firstSolution) }
        let value = first.model.value(types: first.chosen, virtual: first.virtual)
        // With adopted trips to keep, phases 2 and 3 share the remaining quarter.
        let end = started.addingTimeInterval(timeLimit)
        let deadline2 = max(keep == nil ? end : started.addingTimeInterval(timeLimit * 0.875), Date().addingTimeInterval(0.5))
        var costStatus: SolveStatus
        var best: PhaseResult
        var lastSolution: Solution
        switch (keep, keepOrder) {
        case (let keep?, .beforeCost):
            // Value, then the adopted trips kept, then cost.
            progress?("re-planning: most adopted trips kept at that value (phase 2 of 3)")
            let (kept, keptSolution) = try runPhase(
                pool: pool, objective: .maximizeKept(atLeastValue: value), forced: forced, travelCap: travelCap, cuts: &cuts,
                deadline: deadline2, start: (first.chosen, first.virtual), log: phaseLog("keep phase"), keep: keep)
            let keptPlan = try held(kept, keptSolution, value: value, fallback: first)
            var pinned = keep
            pinned.minimum = keep.count(keptPlan.chosen)
            progress?("solving: cheapest plan of that value and stability (phase 3 of 3)")
            let (cheapest, cheapestSolution) = try runPhase(
                pool: pool, objective: .minimizeCost(atLeastValue: value), forced: forced, travelCap: travelCap, cuts: &cuts,
                deadline: max(end, Date().addingTimeInterval(0.5)), start: (keptPlan.chosen, keptPlan.virtual),
                log: phaseLog("cost phase"), keep: pinned)
            best = try held(cheapest, cheapestSolution, value: value, fallback: keptPlan)
            costStatus = worse(keptPlan.status, best.status)
            lastSolution = cheapest?.solution ?? cheapestSolution
        case (nil, _) where decomposed.map({ $0.proven && $0.types == first.chosen }) ?? false:
            // The decomposition already proved the least cost at that value.
            best = first
            costStatus = .optimal
            let dollars = decomposed!.cost.dollarsApproximate
            lastSolution = Solution(
                status: .optimal, values: first.solution.values, objective: dollars, bound: dollars, gap: 0,
                seconds: first.solution.seconds, rows: first.solution.rows, columns: first.solution.columns,
                nonzeros: first.solution.nonzeros)
        default:
            progress?("solving: cheapest plan of that value (phase 2 of \(keep == nil ? 2 : 3))")
            let (second, secondSolution) = try runPhase(
                pool: pool, objective: .minimizeCost(atLeastValue: value), forced: forced,
                travelCap: travelCap, cuts: &cuts, deadline: deadline2,
                start: (first.chosen, first.virtual), log: phaseLog("cost phase"), rounds: progress.map { ("cost phase", $0) })
            best = try held(second, secondSolution, value: value, fallback: first)
            costStatus = best.status
            lastSolution = second?.solution ?? secondSolution
            if let keep {
                // Value, then cost, then the adopted trips kept: a cap at the cost just found.
                let cost = best.chosen.map { pool[$0].cost.total }.reduce(.zero, +)
                progress?("re-planning: most adopted trips kept at that value and cost (phase 3 of 3)")
                var local = cuts
                let (kept, keptSolution) = try runPhase(
                    pool: pool, objective: .maximizeKept(atLeastValue: value), forced: forced, travelCap: cost, cuts: &local,
                    deadline: max(end, Date().addingTimeInterval(0.5)), start: (best.chosen, best.virtual),
                    log: phaseLog("keep phase"), keep: keep)
                let stable = try held(kept, keptSolution, value: value, fallback: best)
                if stable.chosen.map({ pool[$0].cost.total }).reduce(.zero, +) <= cost {
                    best = stable
                    costStatus = worse(costStatus, stable.status)
                }
            }
        }
        var spreadReport: JointSchedule.Spread?
        if spread, !best.chosen.isEmpty, end.timeIntervalSinceNow > 0.25,
            let joint = jointSchedule(pool: pool, chosen: best.chosen.sorted())
        {
            // Dates only: every departure day of a type has its cost and value, so spreading
            // never costs a dollar or a point. It gets a tenth of the run's time limit (at
            // least 2 s, never past the limit), so the explanations keep theirs; a level it
            // cannot finish keeps the best dates found and the plan says so.
            progress?("spreading the dates: fewest away at once, then no long stretch with nobody travelling")
            let order = best.chosen.sorted()
            let spreadDeadline = min(end, Date().addingTimeInterval(Planner.spreadShare(of: timeLimit)))
            let result = joint.spread(initial: order.map { best.departures[$0]! }, deadline: spreadDeadline)
            for (k, t) in order.enumerated() { best.departures[t] = result.days[k] }
            spreadReport = result
        }
        let trips = best.chosen.sorted().map { t -> ScheduledTrip in
            let type = pool[t]
            return ScheduledTrip(
                manager: type.manager, stops: type.stops, nights: type.nights, depart: best.departures[t]!,
                days: type.days, cost: type.cost, value: type.value, preferred: type.preferred)
        }
        return (
            Outcome(
                model: best.model, solution: best.solution.hasSolution ? best.solution : lastSolution, valueSolution: firstSolution,
                valueStatus: first.status, costStatus: costStatus,
                trips: trips, virtual: best.virtual, value: best.model.value(types: best.chosen, virtual: best.virtual),
                cuts: cuts, spread: spreadReport), firstSolution
        )
    }

    /// The plan of a later phase, which must hold the value phase 1 found. A phase stopped by
    /// the time limit with less (its repaired plan lost a trip) gives way to the previous
    /// phase's plan, marked `timeLimit`; anything else that loses value is a defect.
    func held(_ phase: PhaseResult?, _ solution: Solution, value: Int, fallback: PhaseResult) throws -> PhaseResult {
        if let phase, phase.model.value(types: phase.chosen, virtual: phase.virtual) >= value { return phase }
        if solution.status == .timeLimit || phase?.status == .timeLimit {
            var previous = fallback
            previous.status = .timeLimit
            return previous
        }
        throw PlanError.solver(
            "a later phase lost the value phase's plan (GLPK status \(solution.status.rawValue)); nothing was planned")
    }

    /// Weights of the pool's types for the adopted trips to keep: 1 for a type of the same
    /// manager and operations in order, for as many copies as there are such adopted trips.
    func keepWeights(_ keys: [TripKey]) -> Keep? {
        guard !keys.isEmpty else { return nil }
        var wanted: [TripKey: Int] = [:]
        for key in keys { wanted[key, default: 0] += 1 }
        let weights = affordable.map { t -> Int in
            let key = TripKey(manager: data.managers[t.manager].id, operations: t.stops.map { data.operations[$0].code })
            return t.copy < wanted[key, default: 0] ? 1 : 0
        }
        return weights.contains(1) ? Keep(weights: weights, minimum: nil) : nil
    }

    /// The less conclusive of two statuses.
    func worse(_ a: SolveStatus, _ b: SolveStatus) -> SolveStatus {
        if a == .timeLimit || b == .timeLimit { return .timeLimit }
        return a == .optimal && b == .optimal ? .optimal : .feasible
    }

    /// Plans the horizon.
    ///
    /// - Returns: the plan with its budget, solver report and a reason for every operation
    ///   not visited in person; for `required` coverage that cannot be met, a result whose
    ///   `infeasibility` says why, with no trips.
    /// - Throws: `PlanError.solver` when GLPK fails outright.
    public func plan(options: PlanOptions = .init()) throws -> PlanResult {
        let started = Date()
        let limit = options.timeLimit ?? data.policy.timeLimitSeconds
        // The whole run ends by this moment: listing trips (before this call) counts too.
        let deadline = (options.started ?? started).addingTimeInterval(limit)
        // The solve leaves a fifth of what remains for the explanations of what it leaves out.
        let remaining = max(0.5, deadline.timeIntervalSinceNow)
        let timeLimit = options.explain ? max(0.5, remaining * 0.8) : remaining
        let required = data.policy.coverage == .required
        let forced = required ? Set(travelOperations) : []

        if required {
            let uncovered = travelOperations.filter { o in !affordable.contains { $0.stops.contains(o) } }
            if !uncovered.isEmpty {
                let reasons = uncovered.map {
                    NotVisited(operation: data.operations[$0].code, reason: basicReason($0) ?? "no affordable trip")
                }
                return infeasibleResult(
                    "coverage is required, but \(uncovered.count) operation(s) cannot be visited in person at all: "
                        + reasons.map { "\($0.operation): \($0.reason)" }.joined(separator: "; "),
                    notVisited: reasons, seconds: Date().timeIntervalSince(started))
            }
        }

        let (outcome, phase1) = try wrapSolver {
            try solve(
                pool: affordable, forced: forced, travelCap: data.policy.budget.travelCap, timeLimit: timeLimit, log: options.log,
                progress: options.progress, keep: keepWeights(options.keep), keepOrder: options.keepOrder, spread: true)
        }
        guard let outcome else {
            if phase1.status == .infeasible && required {
                return infeasibleResult(
                    try wrapSolver { try explainRequiredInfeasible(timeLimit: max(0.5, deadline.timeIntervalSinceNow)) }, notVisited: [],
                    seconds: Date().timeIntervalSince(started))
            }
            return infeasibleResult(
                phase1.status == .timeLimit
                    ? "no plan was found within the time limit of \(Int(limit)) s; allow more time with --time-limit"
                    : "no plan satisfies the constraints (GLPK status: \(phase1.status.rawValue))",
                notVisited: [], seconds: Date().timeIntervalSince(started), timeLimit: phase1.status == .timeLimit)
        }

        var result = makeResult(outcome)
        let problems = PlanVerifier.problems(result, data: data)
        guard problems.isEmpty else { throw PlanError.invalidPlan(problems) }
        if options.explain {
            result.notVisited = explainNotVisited(outcome: outcome, deadline: deadline, progress: options.progress)
        }
        result.solver.seconds = Date().timeIntervalSince(started)
        return result
    }

    private func wrapSolver<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as GLPKError { throw PlanError.solver(error.description) }
    }

    // MARK: - Building the result

    func makeResult(_ outcome: Outcome) -> PlanResult {
        let coster = TripCoster(data: data)
        let builder = TimelineBuilder(data: data)
        let horizon = data.policy.horizon
        let rules = ValueRules(policy: data.policy)
        var trips: [PlannedTrip] = outcome.trips.map { c in
            let manager = data.managers[c.manager]
            let codes = c.stops.map { data.operations[$0].code }
            // Generation laid this trip out the same way, so the timeline exists.
            let timeline = builder.timeline(
                home: manager.homeAirport, operations: codes, nights: c.nights, depart: horizon.first + c.depart)
            var inFlight = [Money](repeating: .zero, count: c.stops.count)
            for leg in timeline?.legs ?? [] where leg.nightsInFlight > 0 {
                guard let stop = leg.toStop ?? leg.fromStop else { continue }
                inFlight[stop] +=
                    data.policy.journeys.nightInFlightShare.apply(to: data.operations[c.stops[stop]].dsaRate) * leg.nightsInFlight
            }
            let planned: [PlannedStay] = c.stops.indices.map { i in
                let op = data.operations[c.stops[i]]
                let own = manager.portfolio.contains(op.code)
                let arrive = timeline?.stays[i].arrive ?? horizon.first + c.depart
                return PlannedStay(
                    operation: op.code, arrive: arrive, leave: arrive + c.nights[i], nights: c.nights[i],
                    dsaRate: op.dsaRate, dsa: op.dsaRate * c.nights[i] + inFlight[i], access: op.accessFare,
                    preferredWindow: c.preferred[i], ownPortfolio: own,
                    value: AssessmentValue(points: rules.inPerson(priority: op.priority, preferred: c.preferred[i], own: own)),
                    arriveMinute: timeline?.stays[i].arriveMinute ?? 0,
                    workingDays: timeline.map { builder.workingDays($0.stays[i]) } ?? 0)
            }
            return PlannedTrip(
                id: "", manager: manager.id, depart: horizon.first + c.depart,
                returnDay: horizon.first + c.returnDay, stays: planned,
                legs: timeline.map(coster.legs) ?? [],
                cost: c.cost, value: AssessmentValue(points: c.value))
        }
        let managerOrder = Dictionary(uniqueKeysWithValues: data.managers.enumerated().map { ($1.id, $0) })
        trips.sort {
            ($0.depart, managerOrder[$0.manager]!, $0.stays[0].operation) < ($1.depart, managerOrder[$1.manager]!, $1.stays[0].operation)
        }
        for i in trips.indices { trips[i].id = "" }
        for i in trips.indices {
            trips[i].id = Planner.tripID(trips[i], year: horizon.first.year, taken: trips[..<i].map(\.id))
        }

        let virtual = outcome.virtual.map { o in
            VirtualAssessment(
                operation: data.operations[o].code, manager: data.managers[virtualManagers[o]!].id,
                value: AssessmentValue(points: outcome.model.virtualValue[o]))
        }
        var budget = BudgetReport(split: data.policy.budget, airfare: .zero, dsa: .zero, terminal: .zero, access: .zero)
        for t in trips {
            budget.airfare += t.cost.airfare
            budget.dsa += t.cost.dsa
            budget.terminal += t.cost.terminal
            budget.access += t.cost.access
        }
        let s = outcome.solution
        let valueStatus = planStatus(outcome.valueStatus)
        let costStatus = planStatus(outcome.costStatus)
        // A schedule check stopped by its time limit counted its trips as conflicting, which may
        // have cut off a better plan: then nothing is proven.
        let proven = !outcome.cuts.unproven
        let status: PlanStatus =
            valueStatus == .optimal && costStatus == .optimal && proven
            ? .optimal
            : (valueStatus == .timeLimit || costStatus == .timeLimit || !proven ? .timeLimit : .feasible)
        let step = outcome.model.step
        let valueBound = outcome.valueSolution.bound.map { AssessmentValue(points: Int(($0 + 1e-6).rounded(.down)) * step) }
        let solver = SolverReport(
            status: status, objective: budget.travelCost.dollarsApproximate,
            bound: s.bound.map { min($0, budget.travelCost.dollarsApproximate) }, gap: s.gap, seconds: 0, rows: s.rows, columns: s.columns,
            nonzeros: s.nonzeros,
            candidates: affordable.count,
            value: AssessmentValue(points: outcome.value),
            valueBound: !proven ? nil : valueStatus == .optimal ? AssessmentValue(points: outcome.value) : valueBound,
            valueStatus: proven ? valueStatus : .timeLimit)
        var result = PlanResult(
            horizon: horizon, coverage: data.policy.coverage, budget: budget, solver: solver, trips: trips,
            virtual: virtual, notVisited: [], infeasibility: nil, finalModel: outcome.model.model)
        result.spread = outcome.spread.map {
            SpreadSummary(peakAway: $0.peak, longestIdle: $0.longestIdle, proven: $0.proven, maxAwayAtOnce: data.policy.maxAwayAtOnce)
        }
        return result
    }

    /// Seconds spreading the dates may take in a run limited to `timeLimit` seconds.
    static func spreadShare(of timeLimit: Double) -> Double { max(2, timeLimit / 10) }

    /// A trip's identity across runs: the planning year, its manager and its operations in
    /// order (`2027-DO-HOA-UNOAU+UNSOS`), and `-2`, `-3`, … for a second or third such trip in
    /// the year (numbered by departure). It does not depend on dates or on the other trips, so
    /// calendar UIDs, itinerary entries and report names stay put when a re-plan moves the trip.
    public static func tripID(_ trip: PlannedTrip, year: Int, taken: [String]) -> String {
        let base = "\(year)-\(trip.manager)-" + trip.stays.map(\.operation).joined(separator: "+")
        var id = base
        var n = 1
        while taken.contains(id) {
            n += 1
            id = "\(base)-\(n)"
        }
        return id
    }

    func planStatus(_ s: SolveStatus) -> PlanStatus {
        switch s {
        case .optimal: return .optimal
        case .feasible: return .feasible
        case .timeLimit: return .timeLimit
        case .infeasible, .unbounded: return .infeasible
        }
    }

    func infeasibleResult(_ why: String, notVisited: [NotVisited], seconds: Double, timeLimit: Bool = false) -> PlanResult {
        let budget = BudgetReport(split: data.policy.budget, airfare: .zero, dsa: .zero, terminal: .zero, access: .zero)
        let solver = SolverReport(
            status: timeLimit ? .timeLimit : .infeasible, objective: nil, bound: nil, gap: nil,
            seconds: seconds, rows: 0, columns: 0, nonzeros: 0, candidates: affordable.count,
            value: nil, valueBound: nil, valueStatus: timeLimit ? .timeLimit : .infeasible)
        return PlanResult(
            horizon: data.policy.horizon, coverage: data.policy.coverage, budget: budget, solver: solver,
            trips: [], virtual: [], notVisited: notVisited, infeasibility: why, finalModel: nil)
    }
}
