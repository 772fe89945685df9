import Foundation
import GRDB
import VisitPlannerCore

/// One stay of a trip as the register keeps it.
public struct TripStop: Codable, Sendable, Equatable {
    public var operation: String
    public var arrive: Day
    public var leave: Day
    public var nights: Int

    public init(operation: String, arrive: Day, leave: Day, nights: Int) {
        self.operation = operation
        self.arrive = arrive
        self.leave = leave
        self.nights = nights
    }
}

/// Costs by category, in cents: the plan's estimate or what was actually paid.
public struct TripCosts: Sendable, Equatable {
    public var airfare: Money
    public var dsa: Money
    public var terminal: Money
    public var access: Money
    public var other: Money

    public init(airfare: Money = .zero, dsa: Money = .zero, terminal: Money = .zero, access: Money = .zero, other: Money = .zero) {
        self.airfare = airfare
        self.dsa = dsa
        self.terminal = terminal
        self.access = access
        self.other = other
    }

    public var total: Money { airfare + dsa + terminal + access + other }

    public static func + (a: TripCosts, b: TripCosts) -> TripCosts {
        TripCosts(
            airfare: a.airfare + b.airfare, dsa: a.dsa + b.dsa, terminal: a.terminal + b.terminal, access: a.access + b.access,
            other: a.other + b.other)
    }
}

/// A trip in the register: the plan's itinerary and estimate, then what was approved, booked
/// and spent. One row per trip id, updated in place; every change also goes to `history`.
///
/// Money columns are integer cents; dates `YYYY-MM-DD`; stops a JSON array.
public struct RegisterTrip: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "trip"

    /// The plan's trip id (`T01`): stable across re-adoptions of later plans.
    public var id: String
    /// The traveller: the manager id from the plan.
    public var manager: String
    public var status: TripStatus
    /// The plan that last set this trip's itinerary.
    public var planId: Int64
    // Itinerary and estimate (from the plan, shifted by a request with new dates).
    public var depart: Day
    public var returnDay: Day
    public var stops: [TripStop]
    public var estimatedAirfare: Money
    public var estimatedDsa: Money
    public var estimatedTerminal: Money
    public var estimatedAccess: Money
    public var estimatedOther: Money
    // Approval: what was approved, and by whom.
    public var approvedCost: Money?
    public var approvedBy: String?
    public var approvedDepart: Day?
    public var approvedReturn: Day?
    public var approvedStops: [TripStop]?
    // Booking: the ticket, the dates booked, and the trip's cost once booked.
    public var bookedTicket: Money?
    public var bookedCost: Money?
    public var bookedDepart: Day?
    public var bookedReturn: Day?
    // What happened.
    public var actualDepart: Day?
    public var actualReturn: Day?
    public var actualTraveller: String?
    public var actualStops: [TripStop]?
    public var actualAirfare: Money?
    public var actualDsa: Money?
    public var actualTerminal: Money?
    public var actualAccess: Money?
    public var actualOther: Money?
    // Flags.
    /// What happened differs from what was approved (dates, stops or traveller).
    public var notAsPlanned: Bool
    /// Actual cost over the approved estimate by more than the threshold.
    public var needsReapproval: Bool
    /// Why the trip was postponed or cancelled.
    public var reason: String?
    /// Why a request came later than the lead time.
    public var justification: String?

    // MARK: - Derived

    public var estimate: TripCosts {
        TripCosts(
            airfare: estimatedAirfare, dsa: estimatedDsa, terminal: estimatedTerminal, access: estimatedAccess, other: estimatedOther)
    }

    /// Actual costs, nil before travel.
    public var actual: TripCosts? {
        guard status.hasTravelled || actualAirfare != nil else { return nil }
        return TripCosts(
            airfare: actualAirfare ?? .zero, dsa: actualDsa ?? .zero, terminal: actualTerminal ?? .zero,
            access: actualAccess ?? .zero, other: actualOther ?? .zero)
    }

    /// The estimate against which actual costs are judged: the approved cost, else the plan's.
    public var referenceCost: Money { approvedCost ?? estimate.total }

    /// The best known departure day: actual, else booked, else the itinerary's.
    public var bestDepart: Day { actualDepart ?? bookedDepart ?? depart }
}

/// A virtual assessment of the adopted plan.
public struct RegisterVirtual: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "virtualAssessment"

    public enum Status: String, Codable, Sendable, DatabaseValueConvertible {
        case planned
        case cancelled
    }

    public var operation: String
    public var manager: String
    public var status: Status
    public var planId: Int64
    public var reason: String?
}

/// A plan adopted as the year's baseline; the latest one is the current baseline.
public struct AdoptedPlan: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "plan"

    public var id: Int64?
    public var name: String
    public var adoptedAt: String
    public var adoptedBy: String
    public var horizonStart: Day
    public var horizonEnd: Day
    public var envelope: Money
    public var pscMillionths: Int64
    public var travelCap: Money
    public var plannedTravel: Money
    /// The plan.json as adopted, so the register stands alone.
    public var document: String

    public var budget: BudgetSplit { BudgetSplit(envelope: envelope, pscRate: Rate(millionths: pscMillionths)) }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A mission manager of the adopted plans: who travels, and who may not approve their own trip.
public struct RegisterManager: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "manager"
    public var id: String
    public var name: String
}

/// One line of the append-only history: a change of one field of one entity.
///
/// `old` and `new` keep the column's own SQLite type (integer cents stay integers), so a past
/// state can be rebuilt exactly by undoing later entries (`status --as-of`).
public struct HistoryEntry: Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "history"

    public var id: Int64?
    /// When, from the register's clock, as `YYYY-MM-DDTHH:MM:SSZ`.
    public var at: String
    /// Who: a manager id when `--by` names one, else the person's name.
    public var by: String
    /// `trip`, `virtual`, `plan`, `setting`.
    public var entity: String
    public var entityId: String
    /// The step (`request`, `adopt`, `cost`…).
    public var action: String
    /// The column changed; nil for the entry that creates the entity.
    public var field: String?
    public var old: DatabaseValue
    public var new: DatabaseValue
    public var comment: String?

    public init(
        at: String, by: String, entity: String, entityId: String, action: String, field: String?, old: DatabaseValue,
        new: DatabaseValue, comment: String?
    ) {
        self.at = at
        self.by = by
        self.entity = entity
        self.entityId = entityId
        self.action = action
        self.field = field
        self.old = old
        self.new = new
        self.comment = comment
    }

    public init(row: Row) throws {
        id = row["id"]
        at = row["at"]
        by = row["by"]
        entity = row["entity"]
        entityId = row["entityId"]
        action = row["action"]
        field = row["field"]
        old = row["old"]
        new = row["new"]
        comment = row["comment"]
    }

    public func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["at"] = at
        container["by"] = by
        container["entity"] = entity
        container["entityId"] = entityId
        container["action"] = action
        container["field"] = field
        container["old"] = old
        container["new"] = new
        container["comment"] = comment
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// A value as people read it in `history` listings.
    public static func shown(_ value: DatabaseValue) -> String {
        switch value.storage {
        case .null: return "—"
        case .int64(let n): return String(n)
        case .double(let x): return String(x)
        case .string(let s): return s
        case .blob(let b): return "<\(b.count) bytes>"
        }
    }
}
