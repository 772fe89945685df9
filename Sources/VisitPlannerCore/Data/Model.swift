import Foundation

// MARK: - Operations

/// Peacekeeping operation or special political mission.
public enum OperationType: String, Sendable, Codable, CaseIterable {
    case pko = "PKO"
    case spm = "SPM"
}

/// A peace operation with a police component, as the planner sees it.
public struct Operation: Sendable, Hashable {
    public var code: String
    public var name: String
    public var type: OperationType
    public var hqCity: String
    public var country: String
    public var airport: String
    public var region: String
    public var latitude: Double
    public var longitude: Double
    public var policeStrength: Int
    /// Assessment priority weight: the value of one in-person visit before bonuses.
    public var priority: Int
    public var minNights: Int
    public var maxNights: Int
    public var maxVisits: Int
    /// The days the operation can be visited at all (from opening to closure or drawdown).
    public var active: DayRange
    /// Month (1–12) of the Security Council mandate renewal, if it has one.
    public var mandateRenewal: Int?
    /// Travel restricted: only a virtual assessment is possible.
    public var virtualOnly: Bool
    /// Fare from the airport to the HQ and back (e.g. a UN flight), paid once per stop.
    public var accessFare: Money
    public var dsaRate: Money
    public var dsaSource: String
    public var notes: String
    /// The days of the week the operation does not work (its host country's weekend).
    public var weekend: Weekend = .saturdaySunday
    /// Working days a stay must contain to count as a visit (`TripTimeline.workingDays`).
    /// Zero here means no requirement; the loader's default for an empty cell is 2.
    public var minWorkingDays: Int = 0
    /// Minutes of the access flight from the airport to the HQ (e.g. the UN flight to Abyei),
    /// added to the arrival of the journey that reaches the operation.
    public var accessMinutes: Int = 0
}

/// The days of the week an operation does not work, as a bit set over weekdays 0 = Monday …
/// 6 = Sunday (`Day.weekday`).
public struct Weekend: Sendable, Hashable {
    public var days: Set<Int>
    public init(days: Set<Int>) { self.days = days }

    public static let saturdaySunday = Weekend(days: [5, 6])
    public static let fridaySaturday = Weekend(days: [4, 5])

    public func contains(_ day: Day) -> Bool { days.contains(day.weekday) }

    static let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Sat-Sun`, `Fri-Sat`, `Fri`, `none`: as written in operations.csv.
    public var text: String {
        if days.isEmpty { return "none" }
        return days.sorted().map { Weekend.names[$0] }.joined(separator: "+")
    }

    /// Parses `Sat-Sun` (a range, wrapping past Sunday), `Fri+Sat`, `Sun` or `none`, in any case.
    public init?(text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased()
        if t == "none" {
            self.days = []
            return
        }
        func index(_ s: Substring) -> Int? {
            Weekend.names.firstIndex { $0.lowercased() == s.trimmingCharacters(in: .whitespaces) }
        }
        var set = Set<Int>()
        for part in t.split(separator: "+", omittingEmptySubsequences: false) {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(ends.count), let a = index(ends[0]) else { return nil }
            guard let b = ends.count == 2 ? index(ends[1]) : a else { return nil }
            var d = a
            set.insert(d)
            while d != b {
                d = (d + 1) % 7
                set.insert(d)
            }
        }
        guard set.count < 7 else { return nil }
        self.days = set
    }
}

// MARK: - Managers

/// A headquarters mission manager (desk officer) who travels.
public struct Manager: Sendable, Hashable {
    public var id: String
    public var name: String
    public var portfolio: [String]
    public var backup: [String]
    public var homeAirport: String
    public var maxTravelDays: Int
    public var minRestDays: Int
    /// Periods away from the desk or travel (leave, C34, …), including the ALL rows.
    public var unavailable: [Period]

    /// Operations this manager may visit: portfolio first, then backups.
    public var eligible: [String] { portfolio + backup.filter { !portfolio.contains($0) } }
}

/// A period with a reason, as written in the data.
public struct Period: Sendable, Hashable {
    public var range: DayRange
    public var reason: String
}

// MARK: - Windows

public enum WindowKind: String, Sendable, Codable {
    /// No night of a stay may fall inside.
    case blackout
    /// A stay wholly inside earns the preferred-window bonus.
    case preferred
}

/// A blackout or preferred window of one operation (or of all, when `operation` is nil).
public struct TimeWindow: Sendable, Hashable {
    public var operation: String?
    public var kind: WindowKind
    public var range: DayRange
    public var reason: String
}

// MARK: - Travel

/// An unordered pair of airports, the key of the fares table.
public struct AirportPair: Hashable, Sendable {
    public let a: String
    public let b: String
    public init(_ x: String, _ y: String) {
        if x <= y { a = x; b = y } else { a = y; b = x }
    }
}

/// A one-way journey between two airports, either direction.
public struct Fare: Sendable, Hashable {
    public var from: String
    public var to: String
    public var economy: Money
    public var business: Money
    /// Journey time in tenths of an hour, kept whole so the class rule compares exactly.
    public var tenthsOfHours: Int
    public var connections: Int

    public var hours: Double { Double(tenthsOfHours) / 10 }
}

public enum TravelClass: String, Sendable, Codable {
    case economy
    case business
}

public enum ClassPolicy: String, Sendable, Codable {
    /// Business class where ST/AI/2013/3's duration thresholds are met.
    case rule
    /// Economy on every journey.
    case economyOnly = "economy-only"
}

public enum CoverageMode: String, Sendable, Codable {
    /// The most assessment value the budget buys.
    case maximize
    /// Every active operation visited in person, or a precise reason why that is impossible.
    case required
}

// MARK: - Policy

/// Policy and settings from `policy.yaml`.
public struct Policy: Sendable, Equatable {
    public var horizon: DayRange
    public var currency: String
    public var budget: BudgetSplit
    public var maxStops: Int
    public var classPolicy: ClassPolicy
    public var businessMinLegTenths: Int
    public var businessMinJourneyTenths: Int
    public var terminalExpense: Money
    public var coverage: CoverageMode
    public var preferredWindowBonus: Rate
    public var ownPortfolioBonus: Rate
    public var virtualShare: Rate
    public var timeLimitSeconds: Double
    /// When legs leave and how nights in flight and arrival days count.
    public var journeys: JourneyRules = .standard
    /// Office cover: at most this many managers away on any one day (`office.max_away_at_once`);
    /// nil = no limit.
    public var maxAwayAtOnce: Int? = nil
    /// Booking lead times and the date a plan is made as of (`booking:`).
    public var booking: BookingRules = .standard
}

/// Booking settings (`booking:` in policy.yaml): UN travel is requested at least
/// `requestLeadDays` before departure (a justification is needed otherwise) and tickets are
/// bought at least `ticketLeadDays` ahead. With no `asOf` the plan is made before the year
/// starts and no lead time applies.
public struct BookingRules: Sendable, Equatable {
    /// What a plan made as of a date does with trips departing within the request lead time.
    public enum Late: String, Sendable, CaseIterable {
        /// Not planned: every trip departs at least `requestLeadDays` after the as-of date.
        case exclude
        /// Planned from `ticketLeadDays` on, and flagged: their request needs a justification.
        case flag
    }
    public var asOf: Day?
    public var requestLeadDays: Int
    public var ticketLeadDays: Int
    public var late: Late

    public init(asOf: Day?, requestLeadDays: Int, ticketLeadDays: Int, late: Late) {
        self.asOf = asOf
        self.requestLeadDays = requestLeadDays
        self.ticketLeadDays = ticketLeadDays
        self.late = late
    }

    /// The defaults of policy.yaml: 21 days to request, 16 to buy a ticket (indicative), late
    /// trips excluded, no as-of date.
    public static let standard = BookingRules(asOf: nil, requestLeadDays: 21, ticketLeadDays: 16, late: .exclude)

    /// The first day a trip may depart, or nil when no lead time applies.
    public var earliestDeparture: Day? {
        guard let asOf else { return nil }
        return asOf + (late == .exclude ? requestLeadDays : ticketLeadDays)
    }

    /// Whether a trip departing on `day` is requested later than the request lead time allows.
    public func needsJustification(departing day: Day) -> Bool {
        guard let asOf else { return false }
        return day < asOf + requestLeadDays
    }
}

/// Journey settings (`journeys:` in policy.yaml): local times of departure, the pay of a night
/// spent in flight, and until when an arrival leaves a working day.
public struct JourneyRules: Sendable, Equatable {
    /// Local time (minutes after midnight) a trip's first leg leaves home.
    public var departHomeMinute: Int
    /// Local time later legs leave an operation (towards the next one or home).
    public var departMissionMinute: Int
    /// Share of a DSA rate paid for a night spent in flight (at the rate of the operation the
    /// leg flies to, or leaves on the way home).
    public var nightInFlightShare: Rate
    /// The arrival day counts as a working day when the visitor lands by this local time.
    public var workingArrivalMinute: Int

    public init(departHomeMinute: Int, departMissionMinute: Int, nightInFlightShare: Rate, workingArrivalMinute: Int) {
        self.departHomeMinute = departHomeMinute
        self.departMissionMinute = departMissionMinute
        self.nightInFlightShare = nightInFlightShare
        self.workingArrivalMinute = workingArrivalMinute
    }

    /// The defaults of policy.yaml: leave home at 18:00, leave a mission at 08:00, no DSA for a
    /// night in flight, an arrival by 12:00 leaves a working day.
    public static let standard = JourneyRules(
        departHomeMinute: 18 * 60, departMissionMinute: 8 * 60, nightInFlightShare: Rate(millionths: 0),
        workingArrivalMinute: 12 * 60)

    /// Every leg leaves at midnight and every arrival day is a working day: with short legs
    /// and one time zone, trips land on the day they leave (hand-checked test instances).
    public static let midnight = JourneyRules(
        departHomeMinute: 0, departMissionMinute: 0, nightInFlightShare: Rate(millionths: 0),
        workingArrivalMinute: 24 * 60)
}

// MARK: - The data set

/// A loaded, cross-checked data set: the planner's input. Immutable once made.
public struct PlanningData: Sendable {
    public var policy: Policy
    /// In file order, which is also the order of every report.
    public var operations: [Operation]
    public var managers: [Manager]
    public var windows: [TimeWindow]
    public var fares: [AirportPair: Fare]
    /// Where the data was read from, for messages.
    public var source: String
    /// Things worth a look that did not stop loading (an operation inactive all year, a
    /// workbook left beside its table); commands print them.
    public var warnings: [DataIssue] = []
    /// In-person visits to an operation that lie outside the plan being made (a re-plan's
    /// fixed trips, by operation code): such an operation gets no virtual assessment.
    public var visitsMadeElsewhere: [String: Int] = [:]
    /// IANA time zone of each airport (from airports.csv); an airport not listed is on UTC.
    public var airportZones: [String: String] = [:]
    /// Managers away on each day on trips outside the plan being made (a re-plan's fixed
    /// trips): they count against `policy.maxAwayAtOnce`.
    public var awayElsewhere: [Day: Int] = [:]

    /// How many more managers may be away on `day` under office cover (nil = no limit).
    public func awayCapacity(on day: Day) -> Int? {
        policy.maxAwayAtOnce.map { max(0, $0 - awayElsewhere[day, default: 0]) }
    }

    public func operation(_ code: String) -> Operation? { operations.first { $0.code == code } }
    public func manager(_ id: String) -> Manager? { managers.first { $0.id == id } }
    public func fare(_ from: String, _ to: String) -> Fare? { fares[AirportPair(from, to)] }

    /// Windows of one operation, including those given for ALL.
    public func windows(of code: String, kind: WindowKind) -> [TimeWindow] {
        windows.filter { ($0.operation == nil || $0.operation == code) && $0.kind == kind }
    }
}
