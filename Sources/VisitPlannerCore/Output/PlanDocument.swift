import Foundation

/// `plan.json`: the contract every other output and tool reads.
///
/// Fields may be added, never removed or renamed. Money is a JSON number of US dollars with
/// at most two decimals (encoded from `Decimal`, so never a binary fraction); dates are
/// `YYYY-MM-DD`. The only timing figure is `solver.seconds`, so two runs on the same input
/// differ in that one field alone.
public struct PlanDocument: Codable, Sendable, Equatable {
    public struct Horizon: Codable, Sendable, Equatable {
        public var start: Day
        public var end: Day
        public init(start: Day, end: Day) { self.start = start; self.end = end }
    }

    public struct Budget: Codable, Sendable, Equatable {
        public var envelope: Decimal
        public var pscRate: Decimal
        public var travelCap: Decimal
        public var travelCost: Decimal
        public var psc: Decimal
        public var total: Decimal
        public var remaining: Decimal
        public var airfare: Decimal
        public var dsa: Decimal
        public var terminal: Decimal
        public var access: Decimal
    }

    public struct Solver: Codable, Sendable, Equatable {
        public var status: PlanStatus
        public var objective: Decimal?
        public var bound: Decimal?
        public var gap: Decimal?
        public var seconds: Decimal
        public var rows: Int
        public var columns: Int
        public var nonzeros: Int
        public var candidates: Int
        public var valueStatus: PlanStatus
    }

    public struct Value: Codable, Sendable, Equatable {
        public var total: Decimal
        public var bound: Decimal?
        /// (bound − total) / bound: how far the value may be from the best possible, 0 when proven.
        public var gap: Decimal?
        public var inPerson: Decimal
        public var virtual: Decimal
    }

    public struct Stop: Codable, Sendable, Equatable {
        public var operation: String
        public var arrive: Day
        public var leave: Day
        public var nights: Int
        public var dsaRate: Decimal
        public var dsa: Decimal
        public var access: Decimal
        public var preferredWindow: Bool
        public var ownPortfolio: Bool
        public var value: Decimal
    }

    public struct Leg: Codable, Sendable, Equatable {
        public var from: String
        public var to: String
        public var date: Day
        public var `class`: TravelClass
        public var hours: Decimal
        public var fare: Decimal
        /// Local departure time (`18:00`) and zone at `from`; local landing day, time and zone
        /// at `to`; both instants in UTC (`20270101T230000Z`). Absent in plans written before
        /// journeys had times.
        public var departTime: String? = nil
        public var fromZone: String? = nil
        public var arriveDate: Day? = nil
        public var arriveTime: String? = nil
        public var toZone: String? = nil
        public var departUTC: String? = nil
        public var arriveUTC: String? = nil

        /// `HH:MM` of minutes after midnight.
        public static func clock(_ minutes: Int) -> String { String(format: "%02d:%02d", minutes / 60, minutes % 60) }

        /// `YYYYMMDDTHHMMSSZ` of minutes since 1970-01-01T00:00Z, as iCalendar writes UTC.
        public static func utcStamp(_ minutes: Int) -> String {
            let day = Day(number: minutes >= 0 ? minutes / 1440 : -((-minutes + 1439) / 1440))
            let rest = minutes - day.number * 1440
            return day.basic + String(format: "T%02d%02d00Z", rest / 60, rest % 60)
        }
    }

    public struct Cost: Codable, Sendable, Equatable {
        public var airfare: Decimal
        public var dsa: Decimal
        public var terminal: Decimal
        public var access: Decimal
        public var total: Decimal
    }

    public struct Trip: Codable, Sendable, Equatable {
        public var id: String
        public var manager: String
        public var depart: Day
        public var `return`: Day
        public var days: Int
        public var value: Decimal
        public var stops: [Stop]
        public var legs: [Leg]
        public var cost: Cost
        /// True when the plan is made as of a date and the trip departs within the request lead
        /// time: its request needs a justification. Absent otherwise.
        public var lateRequest: Bool? = nil
    }

    /// What spreading the dates achieved (absent in plans written before it existed).
    public struct Spread: Codable, Sendable, Equatable {
        public var peakAway: Int
        public var longestIdle: Int
        public var proven: Bool
        public var maxAwayAtOnce: Int?
    }

    /// The booking lead times a plan made as of a date respected.
    public struct Booking: Codable, Sendable, Equatable {
        public var asOf: Day
        public var earliestDeparture: Day
        public var requestLeadDays: Int
        public var ticketLeadDays: Int
        public var lateDepartures: String
    }

    public struct Virtual: Codable, Sendable, Equatable {
        public var operation: String
        public var manager: String
        public var value: Decimal
    }

    public struct NotVisited: Codable, Sendable, Equatable {
        public var operation: String
        public var reason: String
    }

    /// Enough about each operation for reports to stand alone.
    public struct OperationInfo: Codable, Sendable, Equatable {
        public var code: String
        public var name: String
        public var type: String
        public var hqCity: String
        public var country: String
        public var airport: String
        public var region: String
        public var policeStrength: Int
        public var priority: Int
        public var mandateRenewal: String?
        public var active: Horizon
        public var blackouts: [Horizon]
        public var preferred: [Horizon]
    }

    public struct ManagerInfo: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var home: String
        public var portfolio: [String]
        public var unavailable: [Horizon]
    }

    public var name: String
    public var horizon: Horizon
    public var coverage: CoverageMode
    public var budget: Budget
    public var solver: Solver
    public var value: Value
    public var trips: [Trip]
    public var virtual: [Virtual]
    public var notVisited: [NotVisited]
    public var infeasibility: String?
    public var operations: [OperationInfo]
    public var managers: [ManagerInfo]
    public var spread: Spread? = nil
    public var booking: Booking? = nil
}

// MARK: - From a plan

extension PlanDocument {
    public init(name: String, result r: PlanResult, data: PlanningData) {
        func d(_ m: Money) -> Decimal { Decimal(m.cents) / 100 }
        func v(_ a: AssessmentValue) -> Decimal { Decimal(a.points) / Decimal(ValueRules.base) }
        func range(_ x: DayRange) -> Horizon { Horizon(start: x.first, end: x.last) }
        self.name = name
        horizon = range(r.horizon)
        coverage = r.coverage
        let b = r.budget
        budget = Budget(
            envelope: d(b.split.envelope), pscRate: Decimal(b.split.pscRate.millionths) / 1_000_000,
            travelCap: d(b.split.travelCap), travelCost: d(b.travelCost), psc: d(b.psc), total: d(b.total),
            remaining: d(b.remaining), airfare: d(b.airfare), dsa: d(b.dsa), terminal: d(b.terminal), access: d(b.access))
        let s = r.solver
        solver = Solver(
            status: s.status, objective: s.objective.map { rounded($0, 2) }, bound: s.bound.map { rounded($0, 2) },
            gap: s.gap.map { rounded($0, 6) }, seconds: rounded(s.seconds, 3), rows: s.rows, columns: s.columns,
            nonzeros: s.nonzeros, candidates: s.candidates, valueStatus: s.valueStatus)
        let inPerson = r.trips.map(\.value.points).reduce(0, +)
        let virtualPoints = r.virtual.map(\.value.points).reduce(0, +)
        let valueGap = s.valueBound.map { b in b.points > 0 ? rounded(Double(b.points - r.value.points) / Double(b.points), 6) : 0 }
        value = Value(
            total: v(r.value), bound: s.valueBound.map(v), gap: valueGap, inPerson: v(AssessmentValue(points: inPerson)),
            virtual: v(AssessmentValue(points: virtualPoints)))
        trips = r.trips.map { t in
            Trip(
                id: t.id, manager: t.manager, depart: t.depart, return: t.returnDay, days: t.days, value: v(t.value),
                stops: t.stays.map { st in
                    Stop(
                        operation: st.operation, arrive: st.arrive, leave: st.leave, nights: st.nights, dsaRate: d(st.dsaRate),
                        dsa: d(st.dsa), access: d(st.access), preferredWindow: st.preferredWindow, ownPortfolio: st.ownPortfolio,
                        value: v(st.value))
                },
                legs: t.legs.map { l in
                    Leg(
                        from: l.from, to: l.to, date: l.date, class: l.travelClass, hours: Decimal(l.tenthsOfHours) / 10,
                        fare: d(l.fare), departTime: Leg.clock(l.departMinute), fromZone: l.fromZone, arriveDate: l.arriveDate,
                        arriveTime: Leg.clock(l.arriveMinute), toZone: l.toZone, departUTC: Leg.utcStamp(l.departUTC),
                        arriveUTC: Leg.utcStamp(l.arriveUTC))
                },
                cost: Cost(
                    airfare: d(t.cost.airfare), dsa: d(t.cost.dsa), terminal: d(t.cost.terminal), access: d(t.cost.access),
                    total: d(t.cost.total)))
        }
        let rules = data.policy.booking
        if let asOf = rules.asOf, let earliest = rules.earliestDeparture {
            booking = Booking(
                asOf: asOf, earliestDeparture: earliest, requestLeadDays: rules.requestLeadDays, ticketLeadDays: rules.ticketLeadDays,
                lateDepartures: rules.late.rawValue)
            for i in trips.indices where rules.needsJustification(departing: trips[i].depart) { trips[i].lateRequest = true }
        }
        spread = r.spread.map {
            Spread(peakAway: $0.peakAway, longestIdle: $0.longestIdle, proven: $0.proven, maxAwayAtOnce: $0.maxAwayAtOnce)
        }
        virtual = r.virtual.map { Virtual(operation: $0.operation, manager: $0.manager, value: v($0.value)) }
        notVisited = r.notVisited.map { NotVisited(operation: $0.operation, reason: $0.reason) }
        infeasibility = r.infeasibility
        operations = data.operations.map { op in
            OperationInfo(
                code: op.code, name: op.name, type: op.type.rawValue, hqCity: op.hqCity, country: op.country,
                airport: op.airport, region: op.region, policeStrength: op.policeStrength, priority: op.priority,
                mandateRenewal: op.mandateRenewal.map { Day.monthNames[$0 - 1] },
                active: op.active.count > 0 ? range(op.active) : Horizon(start: r.horizon.first, end: r.horizon.first - 1),
                blackouts: data.windows(of: op.code, kind: .blackout).map { range($0.range) },
                preferred: data.windows(of: op.code, kind: .preferred).map { range($0.range) })
        }
        managers = data.managers.map { m in
            ManagerInfo(
                id: m.id, name: m.name, home: m.homeAirport, portfolio: m.portfolio, unavailable: m.unavailable.map { range($0.range) })
        }
    }

    /// Pretty, key-sorted JSON: the same plan always gives the same bytes.
    public func encoded() throws -> Data {
        try DeterministicJSON.encode(self)
    }

    public static func decode(_ data: Data) throws -> PlanDocument {
        try JSONDecoder().decode(PlanDocument.self, from: data)
    }
}

/// A Double rounded to `places` decimals, as an exact Decimal for JSON.
func rounded(_ x: Double, _ places: Int) -> Decimal {
    guard x.isFinite else { return 0 }
    var scale: Double = 1
    for _ in 0..<places { scale *= 10 }
    let n = (x * scale).rounded()
    var result = Decimal(Int64(n))
    for _ in 0..<places { result /= 10 }
    return result
}
