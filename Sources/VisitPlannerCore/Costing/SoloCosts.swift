/// What each operation costs to visit on its own, from the home of its portfolio manager,
/// for its shortest useful stay: the baseline a planner compares multi-stop plans against.
public struct SoloCost: Sendable, Hashable {
    public var operation: Operation
    public var home: String
    public var nights: Int
    public var cost: TripCost?
    /// Why there is no cost (travel restricted, no fare), when `cost` is nil.
    public var note: String?
}

public struct SoloCostTable: Sendable {
    public var rows: [SoloCost]
    public var budget: BudgetSplit

    /// Sum of every costed visit.
    public var naiveTravel: Money { rows.compactMap(\.cost?.total).reduce(.zero, +) }
    public var naivePSC: Money { budget.psc(on: naiveTravel) }
    public var naiveTotal: Money { naiveTravel + naivePSC }
    /// Travel cap minus the naive total (negative when visiting all one by one does not fit).
    public var headroom: Money { budget.travelCap - naiveTravel }

    public init(data: PlanningData) {
        let coster = TripCoster(data: data)
        budget = data.policy.budget
        rows = data.operations.map { op in
            let manager =
                data.managers.first { $0.portfolio.contains(op.code) }
                ?? data.managers.first { $0.backup.contains(op.code) }
            let home = manager?.homeAirport ?? "JFK"
            let stay = Stay(operation: op.code, arrive: data.policy.horizon.first, nights: op.minNights)
            if op.virtualOnly {
                return SoloCost(operation: op, home: home, nights: op.minNights, cost: nil, note: "travel restricted (virtual only)")
            }
            if op.active.count == 0 {
                return SoloCost(operation: op, home: home, nights: op.minNights, cost: nil, note: "not active in the horizon")
            }
            guard let cost = coster.cost(home: home, stays: [stay]) else {
                return SoloCost(operation: op, home: home, nights: op.minNights, cost: nil, note: "no fare from \(home)")
            }
            return SoloCost(operation: op, home: home, nights: op.minNights, cost: cost, note: nil)
        }
    }
}
