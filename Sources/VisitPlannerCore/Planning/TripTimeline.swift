import Foundation

/// A trip laid out in time: every leg with its local departure and arrival day and time,
/// every stay with the day the visitor lands and the day they leave, and the nights spent in
/// flight. The one definition of a trip's calendar: trip-type generation, costing, the plan
/// verifier and every output read it from here (`TimelineBuilder`).
///
/// Rules (policy `journeys:` and operations.csv, see Data/README.md):
/// - the first leg leaves home on the departure day at `departHomeMinute` local time; every
///   later leg leaves an operation on the morning after its last night at
///   `departMissionMinute` local time;
/// - a leg lands at departure + the fare's journey hours (UTC arithmetic, so the zone
///   difference is included), plus the operation's access flight when it reaches one;
/// - a stay begins on the local arrival day and its nights are spent on the ground there;
///   the nights between a leg's local departure day and its local arrival day are spent in
///   flight;
/// - days away run from the departure day to the local day of landing back home.
public struct TripTimeline: Sendable, Hashable {
    public struct LegTime: Sendable, Hashable {
        public var from: String
        public var to: String
        public var departDay: Day
        /// Local minutes after midnight at `from`.
        public var departMinute: Int
        public var arriveDay: Day
        /// Local minutes after midnight at `to`.
        public var arriveMinute: Int
        /// Minutes since 1970-01-01T00:00Z.
        public var departUTC: Int
        public var arriveUTC: Int
        public var fare: Fare
        /// Nights between the local departure day and the local arrival day, spent in flight.
        public var nightsInFlight: Int { max(0, arriveDay.number - departDay.number) }
        /// The stop the leg flies to, nil for the flight home.
        public var toStop: Int?
        /// The stop the leg leaves, nil for the flight from home.
        public var fromStop: Int?
    }

    public struct StayTime: Sendable, Hashable {
        public var operation: String
        /// Local day and time the visitor reaches the operation.
        public var arrive: Day
        public var arriveMinute: Int
        public var nights: Int
        /// The day the visitor leaves: the morning after the last night.
        public var leave: Day { arrive + nights }
        /// The nights spent there, by local day (the night of day d follows day d).
        public var nightDays: [Day] { (0..<max(0, nights)).map { arrive + $0 } }
    }

    public var depart: Day
    /// The local day the visitor lands back home.
    public var returnDay: Day
    public var legs: [LegTime]
    public var stays: [StayTime]
    /// Days away, departure and return days included.
    public var days: Int { returnDay.number - depart.number + 1 }

    /// The same trip `k` days later (valid while no zone offset changes: `TimelineBuilder.canShift`).
    func shifted(by k: Int) -> TripTimeline {
        var t = self
        t.depart = depart + k
        t.returnDay = returnDay + k
        for i in t.legs.indices {
            t.legs[i].departDay = t.legs[i].departDay + k
            t.legs[i].arriveDay = t.legs[i].arriveDay + k
            t.legs[i].departUTC += k * 1440
            t.legs[i].arriveUTC += k * 1440
        }
        for i in t.stays.indices { t.stays[i].arrive = t.stays[i].arrive + k }
        return t
    }
}

/// UTC offsets of the airports, day by day, from the tz database (Foundation's TimeZone reads
/// /usr/share/zoneinfo). An airport without a zone is on UTC.
///
/// The offset of a day is the one in force at 12:00 UTC that day: a daylight-saving change
/// takes effect for the whole local day on which it happens, so a leg in the night of the
/// change may be shown an hour off; days are never affected by more than that hour.
struct ZoneTable: Sendable {
    private let first: Int
    private let offsets: [String: [Int]]
    private let zones: [String: TimeZone]
    /// For each airport and day of the table, how many times its offset changed before it.
    private let epochs: [String: [Int]]

    init(data: PlanningData) {
        let h = data.policy.horizon
        first = h.first.number - 7
        let count = h.count + 21
        var zones: [String: TimeZone] = [:]
        for (airport, name) in data.airportZones {
            if let zone = TimeZone(identifier: name) { zones[airport] = zone }
        }
        self.zones = zones
        var offsets: [String: [Int]] = [:]
        for (airport, zone) in zones {
            offsets[airport] = (0..<count).map { i in ZoneTable.minutes(zone, day: h.first.number - 7 + i) }
        }
        self.offsets = offsets
        self.epochs = offsets.mapValues { table in
            var e = [Int](repeating: 0, count: table.count)
            for i in table.indices.dropFirst() { e[i] = e[i - 1] + (table[i] != table[i - 1] ? 1 : 0) }
            return e
        }
        span = count
    }

    private let span: Int

    /// Whether each of `airports` keeps one offset over the days `from...to` (day numbers).
    func constant(_ airports: [String], from: Int, to: Int) -> Bool {
        let i = from - first, j = to - first
        guard i >= 0, j < span, i <= j else { return false }
        return airports.allSatisfy { a in epochs[a].map { $0[i] == $0[j] } ?? true }
    }

    /// For each day of the table (the first is the returned day number), the total number of
    /// offset changes of `airports` before it. Each airport's count never falls, so two days
    /// have equal sums iff no airport's offset changed between them: `constant` as one integer
    /// comparison, for the hot loop of trip generation.
    func epochSums(_ airports: [String]) -> (first: Int, sums: [Int]) {
        var sums = [Int](repeating: 0, count: span)
        for a in Set(airports) {
            guard let e = epochs[a] else { continue }
            for i in sums.indices { sums[i] += e[i] }
        }
        return (first, sums)
    }

    static func minutes(_ zone: TimeZone, day: Int) -> Int {
        zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(day * 86_400 + 43_200))) / 60
    }

    /// Minutes to add to UTC for local time at `airport` on `day` (a day number).
    func offset(_ airport: String, day: Int) -> Int {
        guard let table = offsets[airport] else { return 0 }
        let i = day - first
        if i >= 0 && i < table.count { return table[i] }
        return zones[airport].map { ZoneTable.minutes($0, day: day) } ?? 0
    }
}

/// One zone offset a timeline read: the airport, the day number and the offset in minutes.
struct ZoneProbe: Sendable {
    let airport: String
    let day: Int
    let offset: Int
}

/// Reads offsets from a `ZoneTable` for one timeline, noting each one read when `probes` is
/// set. A timeline is a function of the offsets it read: the same trip `k` days later reads the
/// same airports `k` days later, so where each of those offsets is unchanged it is exactly the
/// first timeline shifted (by induction over the legs, each reading days found from the last).
struct ZoneReader {
    let zones: ZoneTable
    var probes: [ZoneProbe]?

    init(zones: ZoneTable, recording: Bool = false) {
        self.zones = zones
        probes = recording ? [] : nil
    }

    mutating func offset(_ airport: String, day: Int) -> Int {
        let o = zones.offset(airport, day: day)
        probes?.append(ZoneProbe(airport: airport, day: day, offset: o))
        return o
    }

    mutating func utc(_ airport: String, day: Day, minute: Int) -> Int {
        day.number * 1440 + minute - offset(airport, day: day.number)
    }

    /// Local (day, minute) at `airport` of a UTC instant.
    mutating func local(_ airport: String, utc: Int) -> (day: Day, minute: Int) {
        func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }
        var local = utc + offset(airport, day: floorDiv(utc, 1440))
        let d = floorDiv(local, 1440)
        local = utc + offset(airport, day: d)
        let day = floorDiv(local, 1440)
        return (Day(number: day), local - day * 1440)
    }
}

/// Lays trips out in time (see `TripTimeline`).
public struct TimelineBuilder: Sendable {
    public let data: PlanningData
    let zones: ZoneTable
    private let operations: [String: Operation]

    public init(data: PlanningData) {
        self.data = data
        zones = ZoneTable(data: data)
        operations = Dictionary(data.operations.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The timeline of a trip leaving `home` on `depart` with `nights` on the ground at each
    /// operation of `codes`, or nil when an operation is unknown or a fare is missing.
    public func timeline(home: String, operations codes: [String], nights: [Int], depart: Day) -> TripTimeline? {
        var zones = ZoneReader(zones: self.zones)
        return timeline(home: home, operations: codes, nights: nights, depart: depart, zones: &zones)
    }

    /// The same, reading offsets through `zones` (which may note them: `ZoneReader`).
    func timeline(home: String, operations codes: [String], nights: [Int], depart: Day, zones: inout ZoneReader) -> TripTimeline? {
        guard codes.count == nights.count else { return nil }
        let rules = data.policy.journeys
        var legs: [TripTimeline.LegTime] = []
        var stays: [TripTimeline.StayTime] = []
        var here = home
        var leaveDay = depart
        var leaveMinute = rules.departHomeMinute
        for (i, code) in codes.enumerated() {
            guard let op = operations[code] else { return nil }
            if op.airport != here {
                guard let fare = data.fare(here, op.airport) else { return nil }
                let dep = zones.utc(here, day: leaveDay, minute: leaveMinute)
                let landed = dep + fare.tenthsOfHours * 6
                let at = zones.local(op.airport, utc: landed)
                legs.append(
                    TripTimeline.LegTime(
                        from: here, to: op.airport, departDay: leaveDay, departMinute: leaveMinute, arriveDay: at.day,
                        arriveMinute: at.minute, departUTC: dep, arriveUTC: landed, fare: fare, toStop: i,
                        fromStop: i == 0 ? nil : i - 1))
                let reached = zones.local(op.airport, utc: landed + op.accessMinutes)
                stays.append(.init(operation: code, arrive: reached.day, arriveMinute: reached.minute, nights: nights[i]))
            } else {
                // Same airport (or home): a move on the ground, plus the access flight if any.
                let start = leaveDay.number * 1440 + leaveMinute + op.accessMinutes
                let day = start >= 0 ? start / 1440 : -((-start + 1439) / 1440)
                stays.append(.init(operation: code, arrive: Day(number: day), arriveMinute: start - day * 1440, nights: nights[i]))
            }
            here = op.airport
            leaveDay = stays[i].leave
            leaveMinute = rules.departMissionMinute
        }
        var returnDay = leaveDay
        if here != home {
            guard let fare = data.fare(here, home) else { return nil }
            let dep = zones.utc(here, day: leaveDay, minute: leaveMinute)
            let landed = dep + fare.tenthsOfHours * 6
            let at = zones.local(home, utc: landed)
            legs.append(
                TripTimeline.LegTime(
                    from: here, to: home, departDay: leaveDay, departMinute: leaveMinute, arriveDay: at.day,
                    arriveMinute: at.minute, departUTC: dep, arriveUTC: landed, fare: fare, toStop: nil,
                    fromStop: codes.count - 1))
            returnDay = at.day
        }
        return TripTimeline(depart: depart, returnDay: max(returnDay, depart), legs: legs, stays: stays)
    }

    /// Whether a timeline laid out for departure day `a` may be shifted to departure day `b`:
    /// no zone offset changes from three days before the earlier departure to three days after
    /// the later return (legs land at most two days off their departure day).
    func canShift(_ airports: [String], from a: Day, to b: Day, days: Int) -> Bool {
        zones.constant(airports, from: min(a, b).number - 3, to: max(a, b).number + days + 3)
    }

    /// Working days of a stay: its days on the ground from the arrival day to the last day
    /// before it leaves (the day whose night is spent there), leaving out the operation's
    /// weekend, and the arrival day when the visitor lands after `workingArrivalMinute`.
    public func workingDays(_ stay: TripTimeline.StayTime) -> Int {
        guard let op = operations[stay.operation] else { return 0 }
        var n = 0
        for d in stay.nightDays where !op.weekend.contains(d) {
            if d == stay.arrive && stay.arriveMinute > data.policy.journeys.workingArrivalMinute { continue }
            n += 1
        }
        return n
    }

    /// The DSA of a trip: each stay's rate for each night on the ground, and for each night in
    /// flight `nightInFlightShare` of the rate of the operation the leg flies to (or, flying
    /// home, leaves).
    public func dsa(_ t: TripTimeline) -> Money {
        var total = Money.zero
        for s in t.stays {
            guard let op = operations[s.operation] else { continue }
            total += op.dsaRate * s.nights
        }
        let share = data.policy.journeys.nightInFlightShare
        for leg in t.legs where leg.nightsInFlight > 0 {
            guard let stop = leg.toStop ?? leg.fromStop, let op = operations[t.stays[stop].operation] else { continue }
            total += share.apply(to: op.dsaRate) * leg.nightsInFlight
        }
        return total
    }
}
