import Foundation
import GRDB
import VisitPlannerCore

/// Where the year's money stands: spent, committed, requested, planned and free, each as
/// travel + PSC, against the adopted plan's envelope; by quarter; and actual against estimate.
///
/// Every figure is integer cents and the table adds up exactly: PSC is charged on each line's
/// travel (rounded half up to the cent, as Core's `BudgetSplit` does), the forecast is the sum
/// of the lines, and `free` is the envelope minus the forecast in each column (the envelope's
/// own split is the plan's travel cap plus the PSC it leaves room for).
public struct BudgetPosition: Sendable, Equatable {
    /// What a trip's money counts as.
    public enum Category: String, CaseIterable, Sendable {
        /// Actual costs of trips travelled (travelled, report submitted, closed).
        case spent
        /// Booked trips at their booked cost; approved ones at the approved estimate.
        case committed
        /// Requested, awaiting approval, at the estimate.
        case requested
        /// Planned or postponed, not yet requested, at the estimate.
        case planned

        /// The category of a trip in a status; nil for cancelled trips, which cost nothing.
        public static func of(_ status: TripStatus) -> Category? {
            switch status {
            case .travelled, .reportSubmitted, .closed: return .spent
            case .booked, .approved: return .committed
            case .requested: return .requested
            case .planned, .postponed: return .planned
            case .cancelled: return nil
            }
        }
    }

    /// Travel and the PSC on it.
    public struct Line: Sendable, Equatable {
        public var travel: Money
        public var psc: Money
        public var total: Money { travel + psc }

        public static let zero = Line(travel: .zero, psc: .zero)
        static func + (a: Line, b: Line) -> Line { Line(travel: a.travel + b.travel, psc: a.psc + b.psc) }
        static func - (a: Line, b: Line) -> Line { Line(travel: a.travel - b.travel, psc: a.psc - b.psc) }
    }

    /// Travel by category in one calendar quarter (by the trip's best known departure).
    public struct Quarter: Sendable, Equatable {
        public var label: String
        public var travel: [Category: Money]
        public var total: Money { Category.allCases.reduce(.zero) { $0 + (travel[$1] ?? .zero) } }
    }

    /// A travelled trip's actual cost against its approved estimate (or the plan's).
    public struct Variance: Sendable, Equatable {
        public var trip: String
        public var manager: String
        public var status: TripStatus
        public var estimate: Money
        public var approved: Money?
        public var actual: Money
        /// actual − (approved, else estimate).
        public var variance: Money
        public var needsReapproval: Bool
        public var notAsPlanned: Bool
    }

    /// Travel by month of departure, cumulative: the baseline as adopted (every adopted trip at
    /// its plan estimate and planned date), what is spent or committed, and the forecast.
    public struct Month: Sendable, Equatable {
        /// `2027-06`.
        public var label: String
        public var baseline: Money
        public var spentOrCommitted: Money
        public var forecast: Money
    }

    public var plan: String
    public var asOf: Day?
    /// One entry per month of the plan's year, for the burn-down chart.
    public var months: [Month]
    public var envelope: Line
    public var lines: [Category: Line]
    public var quarters: [Quarter]
    public var variances: [Variance]
    /// Trips counted in each category.
    public var counts: [Category: Int]
    public var cancelled: Int

    /// Spent + committed + requested + planned: where the year ends if everything goes ahead.
    public var forecast: Line { Category.allCases.reduce(.zero) { $0 + (lines[$1] ?? .zero) } }
    /// The envelope minus the forecast; negative when the year is over budget.
    public var free: Line { envelope - forecast }
    public var totalVariance: Money { variances.reduce(.zero) { $0 + $1.variance } }

    /// Computes the position of a set of trips against a plan's envelope.
    public init(plan: AdoptedPlan, trips: [RegisterTrip], asOf: Day?) {
        self.plan = plan.name
        self.asOf = asOf
        let split = plan.budget
        envelope = Line(travel: split.travelCap, psc: split.envelope - split.travelCap)
        var travel: [Category: Money] = [:]
        var counts: [Category: Int] = [:]
        var quarters: [String: [Category: Money]] = [:]
        var variances: [Variance] = []
        var cancelled = 0
        var byMonth: [Int: (baseline: Money, spent: Money, forecast: Money)] = [:]
        for trip in trips where trip.planId == plan.id {
            byMonth[trip.depart.month, default: (.zero, .zero, .zero)].baseline += trip.estimate.total
        }
        for trip in trips.sorted(by: { $0.id < $1.id }) {
            guard let category = Category.of(trip.status) else {
                cancelled += 1
                continue
            }
            let amount: Money
            switch trip.status {
            case .travelled, .reportSubmitted, .closed: amount = trip.actual?.total ?? .zero
            case .booked: amount = trip.bookedCost ?? trip.referenceCost
            case .approved: amount = trip.referenceCost
            default: amount = trip.estimate.total
            }
            travel[category, default: .zero] += amount
            counts[category, default: 0] += 1
            let d = trip.bestDepart
            byMonth[d.month, default: (.zero, .zero, .zero)].forecast += amount
            if category == .spent || category == .committed { byMonth[d.month, default: (.zero, .zero, .zero)].spent += amount }
            quarters["\(d.year)-Q\((d.month - 1) / 3 + 1)", default: [:]][category, default: .zero] += amount
            if category == .spent {
                variances.append(
                    Variance(
                        trip: trip.id, manager: trip.actualTraveller ?? trip.manager, status: trip.status, estimate: trip.estimate.total,
                        approved: trip.approvedCost, actual: amount, variance: amount - trip.referenceCost,
                        needsReapproval: trip.needsReapproval, notAsPlanned: trip.notAsPlanned))
            }
        }
        lines = Dictionary(
            uniqueKeysWithValues: Category.allCases.map { c in
                let t = travel[c] ?? .zero
                return (c, Line(travel: t, psc: split.psc(on: t)))
            })
        self.quarters = quarters.keys.sorted().map { Quarter(label: $0, travel: quarters[$0]!) }
        var running = (baseline: Money.zero, spent: Money.zero, forecast: Money.zero)
        let year = trips.map(\.depart.year).min() ?? 0
        months = (1...12).map { m in
            let here = byMonth[m] ?? (.zero, .zero, .zero)
            running = (running.baseline + here.baseline, running.spent + here.spent, running.forecast + here.forecast)
            return Month(
                label: String(format: "%04d-%02d", year, m), baseline: running.baseline, spentOrCommitted: running.spent,
                forecast: running.forecast)
        }
        self.variances = variances
        self.counts = counts
        self.cancelled = cancelled
    }
}

extension Register {
    /// The budget position now, or as the register stood at the end of `asOf` (UTC): later
    /// changes are undone from the history, trips adopted later are left out, and the envelope
    /// is the plan adopted by then.
    public func position(asOf: Day? = nil) throws -> BudgetPosition {
        try database.read { db in
            guard let asOf else {
                let plan = try Self.currentPlan(db, register: url)
                return BudgetPosition(plan: plan, trips: try RegisterTrip.fetchAll(db), asOf: nil)
            }
            let cutoff = RegisterClock.endOf(asOf)
            guard
                let plan = try AdoptedPlan.filter(Column("adoptedAt") < cutoff).order(Column("id").desc).fetchOne(db)
            else {
                throw RegisterError.invalid("no plan had been adopted in \(url.lastPathComponent) by \(asOf.iso)")
            }
            var rows: [String: [String: DatabaseValue]] = [:]
            for trip in try RegisterTrip.fetchAll(db) { rows[trip.id] = try trip.databaseDictionary }
            let later = try HistoryEntry.filter(Column("entity") == "trip" && Column("at") >= cutoff).order(Column("id").desc).fetchAll(db)
            for entry in later {
                if let field = entry.field {
                    rows[entry.entityId]?[field] = entry.old
                } else {
                    rows[entry.entityId] = nil
                }
            }
            let trips = try rows.values.map { try RegisterTrip(row: Row($0)) }
            return BudgetPosition(plan: plan, trips: trips, asOf: asOf)
        }
    }
}
