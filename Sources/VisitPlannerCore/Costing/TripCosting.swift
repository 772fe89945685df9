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
    /// Local day of departure at `from`.
    public var date: Day
    public var travelClass: TravelClass
    public var tenthsOfHours: Int
    public var fare: Money
    /// Local time of departure at `from`, minutes after midnight.
    public var departMinute: Int = 0
    /// Local day and time of landing at `to`.
    public var arriveDate: Day = Day(number: 0)
    public var arriveMinute: Int = 0
    /// IANA zones of the two airports ("UTC" when airports.csv gives none).
    public var fromZone: String = "UTC"
    public var toZone: String = "UTC"
    /// Departure and landing, minutes since 1970-01-01T00:00Z.
    public var departUTC: Int = 0
    public var arriveUTC: Int = 0
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
/// Travel model: `TripTimeline` (legs leave at the policy's local times and land after their
/// journey hours; a stay's first night is its local arrival day; nights in flight are paid at
/// `nightInFlightShare`). Two stops sharing an airport need no flight between them.
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

    /// The legs of a laid-out trip, with local days and times.
    public func legs(_ t: TripTimeline) -> [Leg] {
        t.legs.map { l in
            let cls = travelClass(for: l.fare)
            return Leg(
                from: l.from, to: l.to, date: l.departDay, travelClass: cls, tenthsOfHours: l.fare.tenthsOfHours,
                fare: cls == .business ? l.fare.business : l.fare.economy, departMinute: l.departMinute,
                arriveDate: l.arriveDay, arriveMinute: l.arriveMinute, fromZone: data.airportZones[l.from] ?? "UTC",
                toZone: data.airportZones[l.to] ?? "UTC", departUTC: l.departUTC, arriveUTC: l.arriveUTC)
        }
    }

    /// The cost of a laid-out trip: fares, DSA where each night is spent (`TimelineBuilder.dsa`),
    /// terminal expenses per flown leg and access fares per stop.
    public func cost(_ t: TripTimeline, builder: TimelineBuilder) -> TripCost {
        var cost = TripCost(airfare: .zero, dsa: builder.dsa(t), terminal: .zero, access: .zero)
        let legs = legs(t)
        for leg in legs { cost.airfare += leg.fare }
        cost.terminal = data.policy.terminalExpense * (2 * legs.count)
        for stay in t.stays { cost.access += operations[stay.operation]?.accessFare ?? .zero }
        return cost
    }

    /// The cost of a trip by its nights on the ground alone (no night in flight paid), or nil
    /// when a fare is missing: the figure of `visitplan costs`, which has no dates.
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
