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

    public func operation(_ code: String) -> Operation? { operations.first { $0.code == code } }
    public func manager(_ id: String) -> Manager? { managers.first { $0.id == id } }
    public func fare(_ from: String, _ to: String) -> Fare? { fares[AirportPair(from, to)] }

    /// Windows of one operation, including those given for ALL.
    public func windows(of code: String, kind: WindowKind) -> [TimeWindow] {
        windows.filter { ($0.operation == nil || $0.operation == code) && $0.kind == kind }
    }
}
