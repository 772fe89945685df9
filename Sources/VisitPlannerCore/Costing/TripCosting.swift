import Foundation

/// A stay at one operation on a trip.
public struct Stay: Sendable, Hashable, Codable {
    public var operation: String
    public var arrive: Day
    public var nights: Int
    /// The day the visitor leaves: the morning after the last night.
    public var leave: Day { arrive + nights }

    public init(operation: String, arrive: Day, nights: Int) {
        self.operation = operation
        self.arrive = arrive
        self.nights = nights
    }
}

/// One flown journey of a trip.
public struct Leg: Sendable, Hashable {
    public var from: String
    public var to: String
    public var date: Day
    public var travelClass: TravelClass
    public var tenthsOfHours: Int
    public var fare: Money
}

/// What a trip costs, by the categories the budget table shows.
public struct TripCost: Sendable, Hashable {
    public var airfare: Money
    public var dsa: Money
    public var terminal: Money
    public var access: Money
    public var total: Money { airfare + dsa + terminal + access }

    public init(airfare: Money, dsa: Money, terminal: Money, access: Money) {
        self.airfare = airfare
        self.dsa = dsa
        self.terminal = terminal
        self.access = access
    }
}

/// Costs trips by the UN travel rules in the data: fares by class of travel, DSA per night,
/// terminal expenses per airport transfer, and access fares (e.g. UN flights) per stop.
///
/// Travel model: a leg departs and arrives on the same calendar day; the stay's first night
/// is the arrival day, and the next leg leaves on the morning after the last night. Two stops
/// sharing an airport need no flight between them.
public struct TripCoster: Sendable {
    public let data: PlanningData
    private let operations: [String: Operation]

    public init(data: PlanningData) {
        self.data = data
        self.operations = Dictionary(data.operations.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The class of travel the policy allows on a journey.
    public func travelClass(for fare: Fare) -> TravelClass {
        let p = data.policy
        guard p.classPolicy == .rule else { return .economy }
        let qualifies =
            fare.connections == 0
            ? fare.tenthsOfHours >= p.businessMinLegTenths
            : fare.tenthsOfHours >= p.businessMinJourneyTenths
        return qualifies ? .business : .economy
    }

    /// The airports visited in order, home first and last, with repeats merged.
    public func route(home: String, operations codes: [String]) -> [String] {
        var airports = [home]
        for code in codes {
            guard let op = operations[code] else { continue }
            if airports.last != op.airport { airports.append(op.airport) }
        }
        if airports.last != home { airports.append(home) }
        return airports
    }

    /// Whether every leg of the route has a fare.
    public func isRoutable(home: String, operations codes: [String]) -> Bool {
        let r = route(home: home, operations: codes)
        return zip(r, r.dropFirst()).allSatisfy { data.fare($0, $1) != nil }
    }

    /// The legs of a trip with its stays, or nil when a fare is missing.
    public func legs(home: String, stays: [Stay]) -> [Leg]? {
        guard let last = stays.last else { return [] }
        var legs: [Leg] = []
        var here = home
        for stay in stays {
            guard let op = operations[stay.operation] else { return nil }
            if op.airport != here {
                guard let fare = data.fare(here, op.airport) else { return nil }
                let cls = travelClass(for: fare)
                legs.append(
                    Leg(
                        from: here, to: op.airport, date: stay.arrive, travelClass: cls,
                        tenthsOfHours: fare.tenthsOfHours, fare: cls == .business ? fare.business : fare.economy))
                here = op.airport
            }
        }
        if here != home {
            guard let fare = data.fare(here, home) else { return nil }
            let cls = travelClass(for: fare)
            legs.append(
                Leg(
                    from: here, to: home, date: last.leave, travelClass: cls, tenthsOfHours: fare.tenthsOfHours,
                    fare: cls == .business ? fare.business : fare.economy))
        }
        return legs
    }

    /// The cost of a trip, or nil when a fare is missing.
    public func cost(home: String, stays: [Stay]) -> TripCost? {
        guard let legs = legs(home: home, stays: stays) else { return nil }
        var cost = TripCost(airfare: .zero, dsa: .zero, terminal: .zero, access: .zero)
        for leg in legs { cost.airfare += leg.fare }
        cost.terminal = data.policy.terminalExpense * (2 * legs.count)
        for stay in stays {
            guard let op = operations[stay.operation] else { return nil }
            cost.dsa += op.dsaRate * stay.nights
            cost.access += op.accessFare
        }
        return cost
    }
}
