import Foundation

/// What a re-plan keeps and prefers (issue "The plan lives through the year").
public struct ReplanRequest: Sendable {
    /// Trips that stand as they are, at their best-known cost (actual when travelled, booked,
    /// approved estimate): travelled, booked, approved, or departing within the lead time.
    public var fixed: [PlannedTrip]
    /// The adopted plan's other open trips: among equally good plans, the re-plan keeps as many
    /// of them as it can (same manager and operations; dates may move), ranked by `keepOrder`.
    public var open: [PlannedTrip]
    /// No new trip departs before this day (the as-of date plus the booking lead time).
    public var earliestDeparture: Day?
    public var keepOrder: KeepOrder
    /// Ids no new trip may take (cancelled trips keep theirs for ever).
    public var reservedIDs: [String]

    public init(
        fixed: [PlannedTrip], open: [PlannedTrip], earliestDeparture: Day?, keepOrder: KeepOrder = .afterCost,
        reservedIDs: [String] = []
    ) {
        self.fixed = fixed
        self.open = open
        self.earliestDeparture = earliestDeparture
        self.keepOrder = keepOrder
        self.reservedIDs = reservedIDs
    }
}

public enum ReplanError: Error, Equatable, CustomStringConvertible {
    /// The fixed trips alone cost more than the travel cap.
    case overspent(fixed: Money, cap: Money)

    public var description: String {
        switch self {
        case .overspent(let fixed, let cap):
            return "the fixed trips (travelled, booked, approved) already cost \(fixed), more than the travel cap \(cap): "
                + "nothing is left to plan; raise the envelope or cancel a trip that is not yet travelled"
        }
    }
}

/// Re-planning around what is fixed: the fixed trips are taken out of the problem (their
/// money, their manager's days and calendar, their visits), the rest is planned optimally as
/// `Planner` plans, and the two are put back together.
///
/// The residual problem is exact: a new trip may not overlap a fixed trip of its manager nor its
/// rest days (the fixed trip's days widened by the rest on both sides are unavailable, which is
/// the same rule as between two planned trips); the travel cap left is the cap less the fixed
/// trips' cost, so travel + PSC stays within the envelope exactly; an operation's visits left
/// are its `max_visits` less the fixed visits, and an operation visited by a fixed trip gets no
/// virtual assessment.
public enum Replanner {
    /// The data of what is left to plan.
    ///
    /// - Throws: `ReplanError.overspent` when the fixed trips alone pass the travel cap.
    public static func residual(_ data: PlanningData, _ request: ReplanRequest) throws -> PlanningData {
        var out = data
        let horizon = data.policy.horizon
        func clamp(_ from: Day, _ to: Day) -> DayRange? {
            let a = max(from, horizon.first), b = min(to, horizon.last)
            return a <= b ? DayRange(a, b) : nil
        }
        for trip in request.fixed {
            // Office cover: a fixed trip's manager is away from its departure to its return.
            if trip.returnDay >= trip.depart {
                for d in trip.depart...trip.returnDay where horizon.contains(d) { out.awayElsewhere[d, default: 0] += 1 }
            }
            if let m = out.managers.firstIndex(where: { $0.id == trip.manager }) {
                let rest = out.managers[m].minRestDays
                if let range = clamp(trip.depart - rest, trip.returnDay + rest) {
                    out.managers[m].unavailable.append(Period(range: range, reason: "fixed trip \(trip.id)"))
                }
                out.managers[m].maxTravelDays = max(0, out.managers[m].maxTravelDays - trip.days)
            }
            for stay in trip.stays {
                if let o = out.operations.firstIndex(where: { $0.code == stay.operation }) {
                    out.operations[o].maxVisits = max(0, out.operations[o].maxVisits - 1)
                }
                out.visitsMadeElsewhere[stay.operation, default: 0] += 1
            }
        }
        if let earliest = request.earliestDeparture, earliest > horizon.first {
            out.blockDepartures(through: earliest - 1, reason: "before the earliest departure \(earliest.iso)")
        }
        let fixedCost = request.fixed.map(\.cost.total).reduce(.zero, +)
        let cap = data.policy.budget.travelCap
        guard fixedCost <= cap else { throw ReplanError.overspent(fixed: fixedCost, cap: cap) }
        out.policy.budget = BudgetSplit(remainingOf: data.policy.budget, after: fixedCost)
        return out
    }

    /// The re-plan: fixed trips as they are, the rest optimal within what is left.
    ///
    /// - Returns: one plan holding both, the budget against the whole envelope; `solver`,
    ///   `virtual` and `notVisited` describe the part that was planned.
    public static func plan(_ data: PlanningData, _ request: ReplanRequest, options: PlanOptions) throws -> PlanResult {
        let residual = try Replanner.residual(data, request)
        var options = options
        options.keep = request.open.map { TripKey(manager: $0.manager, operations: $0.stays.map(\.operation)) }
        options.keepOrder = request.keepOrder
        var result = try Planner.make(data: residual, options: options).plan(options: options)
        guard result.infeasibility == nil else { return result }
        let fixedIDs = request.fixed.map(\.id)
        var taken = fixedIDs + request.reservedIDs
        var planned = result.trips
        for i in planned.indices {
            planned[i].id = Planner.tripID(planned[i], year: data.policy.horizon.first.year, taken: taken)
            taken.append(planned[i].id)
        }
        let managerOrder = Dictionary(uniqueKeysWithValues: data.managers.enumerated().map { ($1.id, $0) })
        result.trips = (request.fixed + planned).sorted {
            ($0.depart, managerOrder[$0.manager] ?? Int.max, $0.id) < ($1.depart, managerOrder[$1.manager] ?? Int.max, $1.id)
        }
        var budget = BudgetReport(split: data.policy.budget, airfare: .zero, dsa: .zero, terminal: .zero, access: .zero)
        for t in result.trips {
            budget.airfare += t.cost.airfare
            budget.dsa += t.cost.dsa
            budget.terminal += t.cost.terminal
            budget.access += t.cost.access
        }
        // The residual cap makes this hold; checked all the same, in cents.
        guard budget.travelCost <= data.policy.budget.travelCap, budget.total <= data.policy.budget.envelope else {
            throw PlanError.invalidPlan(["re-plan travel \(budget.travelCost) is over the travel cap \(data.policy.budget.travelCap)"])
        }
        result.budget = budget
        // The solver's figures describe the whole year: fixed trips' value and cost added.
        let fixedValue = request.fixed.map(\.value.points).reduce(0, +)
        let fixedCost = request.fixed.map(\.cost.total).reduce(.zero, +).dollarsApproximate
        result.solver.value = result.solver.value.map { AssessmentValue(points: $0.points + fixedValue) }
        result.solver.valueBound = result.solver.valueBound.map { AssessmentValue(points: $0.points + fixedValue) }
        result.solver.objective = budget.travelCost.dollarsApproximate
        result.solver.bound = result.solver.bound.map { $0 + fixedCost }
        let fixedOperations = Set(request.fixed.flatMap { $0.stays.map(\.operation) })
        result.notVisited.removeAll { fixedOperations.contains($0.operation) }
        return result
    }
}

extension BudgetSplit {
    /// What is left of `split` once `spent` of travel is fixed: the same PSC rate and a travel
    /// cap of exactly `split.travelCap − spent`, so that spent + new travel + PSC on the whole
    /// stays within the envelope exactly (the envelope given is the least that has that cap).
    public init(remainingOf split: BudgetSplit, after spent: Money) {
        let cap = split.travelCap - spent
        self.init(envelope: cap + split.psc(on: cap), pscRate: split.pscRate)
    }
}

extension Replanner {
    /// A trip that stands as it is (from the register), priced at its best-known cost and valued
    /// by today's rules, so a re-plan can hold it with the trips it plans.
    ///
    /// - Parameters:
    ///   - stays: operation, arrival day and nights of each stop, as travelled, booked or approved.
    ///   - cost: the best-known cost by category (the register's "other" costs go with airfare,
    ///     the plan's categories having none of their own).
    public static func fixedTrip(
        id: String, manager: String, stays: [(operation: String, arrive: Day, nights: Int)], depart: Day, returnDay: Day,
        cost: TripCost, data: PlanningData
    ) -> PlannedTrip {
        let rules = ValueRules(policy: data.policy)
        let portfolio = data.manager(manager)?.portfolio ?? []
        let planned = stays.map { stay -> PlannedStay in
            let op = data.operation(stay.operation)
            let rate = op?.dsaRate ?? .zero
            let own = portfolio.contains(stay.operation)
            let nights = (0..<max(0, stay.nights)).map { stay.arrive + $0 }
            let windows = data.windows(of: stay.operation, kind: .preferred).map(\.range)
            let preferred = !nights.isEmpty && nights.allSatisfy { n in windows.contains { $0.contains(n) } }
            return PlannedStay(
                operation: stay.operation, arrive: stay.arrive, leave: stay.arrive + stay.nights, nights: stay.nights,
                dsaRate: rate, dsa: rate * stay.nights, access: op?.accessFare ?? .zero, preferredWindow: preferred,
                ownPortfolio: own,
                value: AssessmentValue(points: op.map { rules.inPerson(priority: $0.priority, preferred: preferred, own: own) } ?? 0))
        }
        return PlannedTrip(
            id: id, manager: manager, depart: depart, returnDay: returnDay, stays: planned, legs: [], cost: cost,
            value: AssessmentValue(points: planned.map(\.value.points).reduce(0, +)))
    }
}
