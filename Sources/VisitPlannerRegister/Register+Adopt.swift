import Foundation
import GRDB
import VisitPlannerCore

/// What adopting a plan changed in the register.
public struct AdoptionChanges: Sendable, Equatable, CustomStringConvertible {
    /// A trip the plan changed, with the fields that changed.
    public struct Change: Sendable, Equatable {
        public var trip: String
        public var fields: [String]
    }

    /// A trip the register holds fixed (past `requested`, or cancelled): the plan's version of
    /// it was not applied.
    public struct Kept: Sendable, Equatable {
        public var trip: String
        public var status: TripStatus
        /// The plan has the trip with a different itinerary, manager or estimate.
        public var differs: Bool
    }

    public var plan: String
    public var planId: Int64
    public var added: [String] = []
    public var updated: [Change] = []
    public var unchanged: [String] = []
    /// Open trips the plan no longer has: now cancelled.
    public var cancelled: [String] = []
    /// Fixed trips the plan still has (unchanged or not): left as they are.
    public var fixed: [Kept] = []
    /// Fixed trips the plan no longer has: left as they are.
    public var fixedNotInPlan: [Kept] = []
    public var virtualAdded: [String] = []
    public var virtualCancelled: [String] = []

    public var description: String {
        var lines = ["Adopted \(plan) as the baseline (plan #\(planId))."]
        func list(_ title: String, _ items: [String]) {
            if !items.isEmpty { lines.append("  \(title) (\(items.count)): \(items.joined(separator: ", "))") }
        }
        list("added", added)
        list("updated", updated.map { "\($0.trip) [\($0.fields.joined(separator: ", "))]" })
        list("unchanged", unchanged)
        list("cancelled (not in the plan)", cancelled)
        list("fixed, plan's version not applied", fixed.filter(\.differs).map { "\($0.trip) (\($0.status))" })
        list("fixed, as in the plan", fixed.filter { !$0.differs }.map { "\($0.trip) (\($0.status))" })
        list("fixed, not in the plan (kept)", fixedNotInPlan.map { "\($0.trip) (\($0.status))" })
        list("virtual assessments added", virtualAdded)
        list("virtual assessments cancelled", virtualCancelled)
        return lines.joined(separator: "\n")
    }
}

extension Register {
    /// Makes a plan the year's baseline, in one transaction.
    ///
    /// The first adoption enters every trip and virtual assessment as `planned`. A later plan
    /// (a re-plan) keeps trip ids: a trip still `planned`, `requested` or `postponed` takes the
    /// new itinerary and estimate (a postponed one is `planned` again); a new id is added; an
    /// open trip the plan no longer has is cancelled with the reason "dropped by re-plan <name>".
    /// Trips past `requested` (approved, booked, travelled…) and cancelled ones are fixed: never
    /// touched, and listed when the plan disagrees with them.
    ///
    /// - Throws: `RegisterError.invalid` for a plan without a solution, with amounts not exact
    ///   to the cent, duplicate ids, or for another year than the register's.
    @discardableResult
    public func adopt(_ doc: PlanDocument, by actor: RegisterActor) throws -> AdoptionChanges {
        let incoming = try Self.tripsOf(doc)
        return try database.write { db in
            let at = RegisterClock.timestamp(clock.now())
            if let first = try AdoptedPlan.order(Column("id")).fetchOne(db), first.horizonStart.year != doc.horizon.start.year {
                throw RegisterError.invalid(
                    "\(url.lastPathComponent) is the register of \(first.horizonStart.year); plan \(doc.name) is for "
                        + "\(doc.horizon.start.year) and belongs in its own register (--register PATH)")
            }
            var plan = try Self.plan(of: doc, at: at, by: actor)
            try plan.insert(db)
            let planId = plan.id!
            _ = try Self.record(
                db, entity: "plan", id: String(planId), action: "adopt", old: nil, new: [:], by: actor, at: at,
                comment: "adopted \(doc.name)")
            for m in doc.managers {
                let manager = RegisterManager(id: m.id, name: m.name)
                if let old = try RegisterManager.fetchOne(db, key: m.id) {
                    if old != manager {
                        try manager.update(db)
                        _ = try Self.record(
                            db, entity: "manager", id: m.id, action: "adopt", old: try old.databaseDictionary,
                            new: try manager.databaseDictionary, by: actor, at: at, comment: doc.name)
                    }
                } else {
                    try manager.insert(db)
                }
            }
            var changes = AdoptionChanges(plan: doc.name, planId: planId)
            var seen = Set<String>()
            for var new in incoming {
                seen.insert(new.id)
                new.planId = planId
                guard let old = try RegisterTrip.fetchOne(db, key: new.id) else {
                    try new.insert(db)
                    _ = try Self.record(
                        db, entity: "trip", id: new.id, action: "adopt", old: nil, new: [:], by: actor, at: at, comment: "from \(doc.name)")
                    changes.added.append(new.id)
                    continue
                }
                let differs =
                    old.manager != new.manager || old.depart != new.depart || old.returnDay != new.returnDay || old.stops != new.stops
                    || old.estimate != new.estimate
                guard old.status.isReplannable else {
                    changes.fixed.append(.init(trip: old.id, status: old.status, differs: differs))
                    continue
                }
                var updated = old
                updated.manager = new.manager
                updated.depart = new.depart
                updated.returnDay = new.returnDay
                updated.stops = new.stops
                updated.estimatedAirfare = new.estimatedAirfare
                updated.estimatedDsa = new.estimatedDsa
                updated.estimatedTerminal = new.estimatedTerminal
                updated.estimatedAccess = new.estimatedAccess
                updated.estimatedOther = new.estimatedOther
                updated.planId = planId
                if old.status == .postponed {
                    updated.status = .planned
                    updated.reason = nil
                }
                let fields = try Self.changedFields(old, updated).filter { $0 != "planId" }
                try Self.update(old, to: updated, action: "adopt", by: actor, at: at, comment: "re-plan \(doc.name)", db)
                if fields.isEmpty { changes.unchanged.append(old.id) } else { changes.updated.append(.init(trip: old.id, fields: fields)) }
            }
            for old in try RegisterTrip.order(Column("id")).fetchAll(db) where !seen.contains(old.id) {
                if old.status.isReplannable {
                    var updated = old
                    updated.status = .cancelled
                    updated.reason = "dropped by re-plan \(doc.name)"
                    try Self.update(old, to: updated, action: "cancel", by: actor, at: at, comment: updated.reason, db)
                    changes.cancelled.append(old.id)
                } else if old.status != .cancelled {
                    changes.fixedNotInPlan.append(.init(trip: old.id, status: old.status, differs: true))
                }
            }
            try adoptVirtual(doc, planId: planId, by: actor, at: at, changes: &changes, db)
            return changes
        }
    }

    private func adoptVirtual(
        _ doc: PlanDocument, planId: Int64, by actor: RegisterActor, at: String, changes: inout AdoptionChanges, _ db: Database
    ) throws {
        var seen = Set<String>()
        for v in doc.virtual {
            guard seen.insert(v.operation).inserted else {
                throw RegisterError.invalid("plan \(doc.name) gives \(v.operation) two virtual assessments")
            }
            let new = RegisterVirtual(operation: v.operation, manager: v.manager, status: .planned, planId: planId, reason: nil)
            if let old = try RegisterVirtual.fetchOne(db, key: v.operation) {
                try new.update(db)
                _ = try Self.record(
                    db, entity: "virtual", id: v.operation, action: "adopt", old: try old.databaseDictionary,
                    new: try new.databaseDictionary, by: actor, at: at, comment: "re-plan \(doc.name)")
                if old.status != .planned { changes.virtualAdded.append(v.operation) }
            } else {
                try new.insert(db)
                _ = try Self.record(
                    db, entity: "virtual", id: v.operation, action: "adopt", old: nil, new: [:], by: actor, at: at,
                    comment: "from \(doc.name)")
                changes.virtualAdded.append(v.operation)
            }
        }
        for old in try RegisterVirtual.order(Column("operation")).fetchAll(db) where !seen.contains(old.operation) {
            guard old.status == .planned else { continue }
            var new = old
            new.status = .cancelled
            new.reason = "dropped by re-plan \(doc.name)"
            try new.update(db)
            _ = try Self.record(
                db, entity: "virtual", id: old.operation, action: "cancel", old: try old.databaseDictionary,
                new: try new.databaseDictionary, by: actor, at: at, comment: new.reason)
            changes.virtualCancelled.append(old.operation)
        }
    }

    // MARK: - From plan.json

    static func changedFields(_ a: RegisterTrip, _ b: RegisterTrip) throws -> [String] {
        let x = try a.databaseDictionary, y = try b.databaseDictionary
        return y.keys.sorted().filter { x[$0] != y[$0] }
    }

    static func plan(of doc: PlanDocument, at: String, by actor: RegisterActor) throws -> AdoptedPlan {
        guard doc.infeasibility == nil else {
            throw RegisterError.invalid("plan \(doc.name) has no solution (\(doc.infeasibility!)); there is nothing to adopt")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(doc), as: UTF8.self)
        let rate = doc.budget.pscRate * 1_000_000
        guard let millionths = Int64(exactly: NSDecimalNumber(decimal: rate).int64Value), Decimal(millionths) == rate else {
            throw RegisterError.invalid("plan \(doc.name): PSC rate \(doc.budget.pscRate) is not exact to a millionth")
        }
        return AdoptedPlan(
            id: nil, name: doc.name, adoptedAt: at, adoptedBy: actor.recorded, horizonStart: doc.horizon.start,
            horizonEnd: doc.horizon.end, envelope: try money(doc.budget.envelope, "budget.envelope", doc),
            pscMillionths: millionths, travelCap: try money(doc.budget.travelCap, "budget.travelCap", doc),
            plannedTravel: try money(doc.budget.travelCost, "budget.travelCost", doc), document: text)
    }

    static func tripsOf(_ doc: PlanDocument) throws -> [RegisterTrip] {
        var ids = Set<String>()
        return try doc.trips.map { t in
            guard !t.id.isEmpty, ids.insert(t.id).inserted else {
                throw RegisterError.invalid("plan \(doc.name) has the trip id \"\(t.id)\" more than once (or empty)")
            }
            guard t.depart <= t.return else {
                throw RegisterError.invalid("plan \(doc.name): trip \(t.id) returns before it leaves")
            }
            let stops = t.stops.map { TripStop(operation: $0.operation, arrive: $0.arrive, leave: $0.leave, nights: $0.nights) }
            return RegisterTrip(
                id: t.id, manager: t.manager, status: .planned, planId: 0, depart: t.depart, returnDay: t.return, stops: stops,
                estimatedAirfare: try money(t.cost.airfare, "trip \(t.id) airfare", doc),
                estimatedDsa: try money(t.cost.dsa, "trip \(t.id) dsa", doc),
                estimatedTerminal: try money(t.cost.terminal, "trip \(t.id) terminal", doc),
                estimatedAccess: try money(t.cost.access, "trip \(t.id) access", doc), estimatedOther: .zero,
                approvedCost: nil, approvedBy: nil, approvedDepart: nil, approvedReturn: nil, approvedStops: nil, bookedTicket: nil,
                bookedCost: nil, bookedDepart: nil, bookedReturn: nil, actualDepart: nil, actualReturn: nil, actualTraveller: nil,
                actualStops: nil, actualAirfare: nil, actualDsa: nil, actualTerminal: nil, actualAccess: nil, actualOther: nil,
                notAsPlanned: false, needsReapproval: false, reason: nil, justification: nil)
        }
    }

    private static func money(_ amount: Decimal, _ what: String, _ doc: PlanDocument) throws -> Money {
        guard let m = Money(exactly: amount), m.cents >= 0 else {
            throw RegisterError.invalid("plan \(doc.name): \(what) \(amount) is not an amount in cents")
        }
        return m
    }
}
