import Dispatch
import Foundation
import GLPK

/// Settings of one planning run that are not part of the data.
public struct PlanOptions: Sendable {
    /// Seconds for the whole solve; nil uses `solver.time_limit_seconds` from the policy.
    public var timeLimit: Double?
    /// Explain each operation left out by re-solving with it forced in.
    public var explain: Bool = true
    /// GLPK's own progress lines go here when set.
    public var log: (@Sendable (String) -> Void)?

    public init(timeLimit: Double? = nil, explain: Bool = true, log: (@Sendable (String) -> Void)? = nil) {
        self.timeLimit = timeLimit
        self.explain = explain
        self.log = log
    }
}

/// Computes the optimal plan: the most assessment value the budget buys, and among plans of
/// that value the cheapest, by two GLPK solves (value first, then cost with value held).
///
/// Lexicographic phases rather than one weighted objective: weights big enough to stop cost
/// from buying value would push the objective to ~1e11, where GLPK's relative tolerances
/// would blur differences of dollars.
public struct Planner: Sendable {
    public let data: PlanningData
    let candidates: [TripCandidate]
    /// Candidates cheap enough to fit under the travel cap on their own.
    let affordable: [TripCandidate]
    /// Who holds each operation's virtual assessment (portfolio manager, else a backup).
    let virtualManagers: [Int?]

    public init(data: PlanningData) {
        self.data = data
        let generated = CandidateGenerator(data: data).candidates()
        candidates = generated
        affordable = generated.filter { $0.cost.total <= data.policy.budget.travelCap }
        virtualManagers = data.operations.map { op in
            data.managers.firstIndex { $0.portfolio.contains(op.code) }
                ?? data.managers.firstIndex { $0.backup.contains(op.code) }
        }
    }

    /// Operations that are active in the horizon and may be travelled to.
    var travelOperations: [Int] {
        data.operations.indices.filter { let op = data.operations[$0]; return op.active.count > 0 && !op.virtualOnly && op.maxVisits > 0 }
    }

    // MARK: - Solving

    struct Outcome {
        var model: PlanModel
        var solution: Solution
        var trips: [Int]
        var virtual: [Int]
        var value: Int
        var valueSolution: Solution
    }

    /// Runs both phases on `pool` with `forced` operations visited; nil when phase 1 finds no plan.
    func solve(pool: [TripCandidate], forced: Set<Int>, travelCap: Money?, timeLimit: Double,
               log: (@Sendable (String) -> Void)?) throws -> (Outcome?, Solution) {
        let started = Date()
        var options = SolveOptions()
        options.timeLimit = timeLimit
        options.log = log
        let phase1 = PlanModel(data: data, candidates: pool, virtualManagers: virtualManagers,
                               options: .init(objective: .maximizeValue, travelCap: travelCap, forced: forced))
        let first = try GLPKSolver.solve(phase1.model, options: options)
        guard first.hasSolution else { return (nil, first) }
        let chosen = phase1.decode(first.values)
        let value = phase1.value(trips: chosen.trips, virtual: chosen.virtual)

        let phase2 = PlanModel(data: data, candidates: pool, virtualManagers: virtualManagers,
                               options: .init(objective: .minimizeCost(atLeastValue: value), travelCap: travelCap, forced: forced))
        var options2 = options
        // Phase 2 compares costs to the cent: keep GLPK's relative tolerance far below a cent.
        options2.objectiveTolerance = 1e-10
        options2.timeLimit = max(timeLimit - Date().timeIntervalSince(started), min(10, timeLimit))
        options2.initialSolution = phase2.point(trips: chosen.trips, virtual: chosen.virtual)
        let second = try GLPKSolver.solve(phase2.model, options: options2)
        guard second.hasSolution else {
            // Phase 2 cannot lose phase 1's plan: it is feasible there. Keep phase 1's selection.
            return (Outcome(model: phase2, solution: second, trips: chosen.trips, virtual: chosen.virtual, value: value,
                            valueSolution: first), first)
        }
        let final = phase2.decode(second.values)
        return (Outcome(model: phase2, solution: second, trips: final.trips, virtual: final.virtual,
                        value: phase2.value(trips: final.trips, virtual: final.virtual), valueSolution: first), first)
    }

    /// Plans the horizon.
    ///
    /// - Returns: the plan with its budget, solver report and a reason for every operation
    ///   not visited in person; for `required` coverage that cannot be met, a result whose
    ///   `infeasibility` says why, with no trips.
    /// - Throws: `PlanError.solver` when GLPK fails outright.
    public func plan(options: PlanOptions = .init()) throws -> PlanResult {
        let started = Date()
        let timeLimit = options.timeLimit ?? data.policy.timeLimitSeconds
        let required = data.policy.coverage == .required
        let forced = required ? Set(travelOperations) : []

        if required {
            let uncovered = travelOperations.filter { o in !affordable.contains { $0.stops.contains(o) } }
            if !uncovered.isEmpty {
                let reasons = uncovered.map { NotVisited(operation: data.operations[$0].code, reason: basicReason($0) ?? "no affordable trip") }
                return infeasibleResult("coverage is required, but \(uncovered.count) operation(s) cannot be visited in person at all: "
                                        + reasons.map { "\($0.operation): \($0.reason)" }.joined(separator: "; "),
                                        notVisited: reasons, seconds: Date().timeIntervalSince(started))
            }
        }

        let (outcome, phase1) = try wrapSolver {
            try solve(pool: affordable, forced: forced, travelCap: data.policy.budget.travelCap, timeLimit: timeLimit, log: options.log)
        }
        guard let outcome else {
            if phase1.status == .infeasible && required {
                return infeasibleResult(try explainRequiredInfeasible(timeLimit: timeLimit), notVisited: [],
                                        seconds: Date().timeIntervalSince(started))
            }
            return infeasibleResult(phase1.status == .timeLimit
                                    ? "no plan was found within the time limit of \(Int(timeLimit)) s; allow more time with --time-limit"
                                    : "no plan satisfies the constraints (GLPK status: \(phase1.status.rawValue))",
                                    notVisited: [], seconds: Date().timeIntervalSince(started), timeLimit: phase1.status == .timeLimit)
        }

        var result = makeResult(outcome)
        if options.explain {
            result.notVisited = try wrapSolver { try explainNotVisited(outcome: outcome, timeLimit: timeLimit) }
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
        let horizon = data.policy.horizon
        let rules = ValueRules(policy: data.policy)
        var trips: [PlannedTrip] = outcome.trips.map { t in
            let c = outcome.model.candidates[t]
            let manager = data.managers[c.manager]
            let stays = c.stops.indices.map { i in
                Stay(operation: data.operations[c.stops[i]].code, arrive: horizon.first + c.arrival(i), nights: c.nights[i])
            }
            let planned: [PlannedStay] = c.stops.indices.map { i in
                let op = data.operations[c.stops[i]]
                let own = manager.portfolio.contains(op.code)
                return PlannedStay(operation: op.code, arrive: stays[i].arrive, leave: stays[i].leave, nights: c.nights[i],
                                   dsaRate: op.dsaRate, dsa: op.dsaRate * c.nights[i], access: op.accessFare,
                                   preferredWindow: c.preferred[i], ownPortfolio: own,
                                   value: AssessmentValue(points: rules.inPerson(priority: op.priority, preferred: c.preferred[i], own: own)))
            }
            return PlannedTrip(id: "", manager: manager.id, depart: horizon.first + c.depart,
                               returnDay: horizon.first + c.returnDay, stays: planned,
                               legs: coster.legs(home: manager.homeAirport, stays: stays) ?? [],
                               cost: c.cost, value: AssessmentValue(points: c.value))
        }
        let managerOrder = Dictionary(uniqueKeysWithValues: data.managers.enumerated().map { ($1.id, $0) })
        trips.sort { ($0.depart, managerOrder[$0.manager]!) < ($1.depart, managerOrder[$1.manager]!) }
        let width = max(2, String(trips.count).count)
        for i in trips.indices { trips[i].id = "T" + String(repeating: "0", count: width - String(i + 1).count) + String(i + 1) }

        let virtual = outcome.virtual.map { o in
            VirtualAssessment(operation: data.operations[o].code, manager: data.managers[virtualManagers[o]!].id,
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
        let v = outcome.valueSolution
        let valueStatus = planStatus(v.status)
        let costStatus = planStatus(s.status)
        let status: PlanStatus = valueStatus == .optimal && costStatus == .optimal ? .optimal
            : (valueStatus == .timeLimit || costStatus == .timeLimit ? .timeLimit : .feasible)
        let solver = SolverReport(
            status: status, objective: s.hasSolution ? s.objective : budget.travelCost.dollarsApproximate,
            bound: s.bound, gap: s.gap, seconds: 0, rows: s.rows, columns: s.columns, nonzeros: s.nonzeros,
            candidates: outcome.model.candidates.count,
            value: AssessmentValue(points: outcome.value),
            valueBound: v.bound.map { AssessmentValue(points: Int(($0 + 1e-6).rounded(.down))) },
            valueStatus: valueStatus)
        return PlanResult(horizon: horizon, coverage: data.policy.coverage, budget: budget, solver: solver, trips: trips,
                          virtual: virtual, notVisited: [], infeasibility: nil, finalModel: outcome.model.model)
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
        let solver = SolverReport(status: timeLimit ? .timeLimit : .infeasible, objective: nil, bound: nil, gap: nil,
                                  seconds: seconds, rows: 0, columns: 0, nonzeros: 0, candidates: candidates.count,
                                  value: nil, valueBound: nil, valueStatus: timeLimit ? .timeLimit : .infeasible)
        return PlanResult(horizon: data.policy.horizon, coverage: data.policy.coverage, budget: budget, solver: solver,
                          trips: [], virtual: [], notVisited: notVisited, infeasibility: why, finalModel: nil)
    }
}
