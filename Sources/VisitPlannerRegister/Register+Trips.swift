import Foundation
import GRDB
import VisitPlannerCore

extension Register {
    /// Applies one step to a trip, in its own transaction; returns the trip as it now is.
    ///
    /// - Throws: `RegisterError` (nothing applied) when the step is not allowed from the trip's
    ///   status, its facts are wrong, or the approver is the traveller.
    @discardableResult
    public func apply(_ step: TripStep, to id: String, by actor: RegisterActor) throws -> RegisterTrip {
        let now = clock.now()
        return try database.write { db in
            try Self.apply(step, to: id, by: actor, at: RegisterClock.timestamp(now), today: RegisterClock.day(of: now), db)
        }
    }

    /// Applies a step inside an open transaction (for `apply` and `trips import`).
    static func apply(_ step: TripStep, to id: String, by actor: RegisterActor, at: String, today: Day, _ db: Database) throws
        -> RegisterTrip
    {
        let old = try trip(id, db)
        let settings = try RegisterSettings.read(db)
        var new = old
        if let action = step.action {
            do {
                new.status = try TripLifecycle.next(from: old.status, needsReapproval: old.needsReapproval, action: action)
            } catch {
                throw RegisterError.refused(trip: id, error)
            }
        }
        var comment: String? = nil
        switch step {
        case .request(let depart, let justification):
            if let depart { new.shift(to: depart) }
            let ahead = today.distance(to: new.depart)
            let why = justification?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            if ahead < settings.requestLeadDays && why.isEmpty {
                throw RegisterError.justificationRequired(trip: id, daysAhead: ahead, leadDays: settings.requestLeadDays)
            }
            if old.status == .postponed && depart == nil {
                throw RegisterError.invalid("trip \(id) was postponed; say when it now leaves (--depart YYYY-MM-DD)")
            }
            new.justification = why.isEmpty ? nil : why
            new.reason = nil
            comment = new.justification
        case .approve(let amount):
            try checkNotTraveller(actor, traveller: old.manager, trip: id)
            new.approvedCost = amount ?? old.estimate.total
            new.approvedBy = actor.recorded
            new.approvedDepart = old.depart
            new.approvedReturn = old.returnDay
            new.approvedStops = old.stops
        case .book(let ticket, let depart, let returnDay):
            guard depart <= returnDay else {
                throw RegisterError.invalid("trip \(id): the booked return \(returnDay) is before the departure \(depart)")
            }
            new.bookedTicket = ticket
            new.bookedCost = ticket + old.estimatedDsa + old.estimatedTerminal + old.estimatedAccess + old.estimatedOther
            new.bookedDepart = depart
            new.bookedReturn = returnDay
        case .travelled(let facts):
            guard facts.depart <= facts.returnDay else {
                throw RegisterError.invalid("trip \(id): the actual return \(facts.returnDay) is before the departure \(facts.depart)")
            }
            new.actualDepart = facts.depart
            new.actualReturn = facts.returnDay
            new.actualTraveller = facts.traveller ?? old.manager
            let approvedStops = old.approvedStops ?? old.stops
            if let ops = facts.operations, ops != approvedStops.map(\.operation) {
                new.actualStops = ops.map { TripStop(operation: $0, arrive: facts.depart, leave: facts.returnDay, nights: 0) }
            } else {
                new.actualStops = approvedStops
            }
            new.setActual(facts.costs)
            new.notAsPlanned =
                facts.depart != (old.approvedDepart ?? old.depart) || facts.returnDay != (old.approvedReturn ?? old.returnDay)
                || new.actualTraveller != old.manager || new.actualStops!.map(\.operation) != approvedStops.map(\.operation)
            new.needsReapproval = overThreshold(new, settings)
        case .addCost(let costs, let note):
            guard old.status.hasTravelled, old.status != .closed else {
                throw RegisterError.invalid(
                    "trip \(id) is \(old.status): costs are added after travel and before the trip is closed")
            }
            new.setActual(old.actual! + costs)
            new.needsReapproval = old.needsReapproval || overThreshold(new, settings)
            comment = note
        case .report, .close:
            break
        case .reapprove(let note):
            try checkNotTraveller(actor, traveller: old.actualTraveller ?? old.manager, trip: id)
            new.needsReapproval = false
            comment = note ?? "actual cost \(old.actual?.total ?? .zero) accepted against \(old.referenceCost) approved"
        case .postpone(let reason), .cancel(let reason):
            let why = reason.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !why.isEmpty else { throw RegisterError.invalid("trip \(id): give the reason (--reason TEXT)") }
            new.reason = why
            comment = why
        }
        try update(old, to: new, action: step.name, by: actor, at: at, comment: comment, db)
        return new
    }

    private static func checkNotTraveller(_ actor: RegisterActor, traveller: String, trip: String) throws {
        if actor.managerId == traveller || actor.name.lowercased() == traveller.lowercased() {
            throw RegisterError.approverIsTraveller(trip: trip, traveller: traveller)
        }
    }

    /// Actual total above approved × (1 + threshold), in exact integers.
    static func overThreshold(_ trip: RegisterTrip, _ settings: RegisterSettings) -> Bool {
        guard let actual = trip.actual?.total else { return false }
        let lhs = actual.cents.multipliedFullWidth(by: 1_000_000)
        let rhs = trip.referenceCost.cents.multipliedFullWidth(by: 1_000_000 + settings.reapprovalThreshold.millionths)
        return lhs.high > rhs.high || (lhs.high == rhs.high && lhs.low > rhs.low)
    }

    // MARK: - Settings

    /// Changes the register's settings, recording the change.
    @discardableResult
    public func change(settings: RegisterSettings, by actor: RegisterActor) throws -> RegisterSettings {
        guard (0...365).contains(settings.requestLeadDays) else {
            throw RegisterError.invalid("the request lead time must be 0 to 365 days, not \(settings.requestLeadDays)")
        }
        return try database.write { db in
            let old = try RegisterSettings.read(db)
            let at = RegisterClock.timestamp(clock.now())
            for key in RegisterSettings.Key.allCases where old.values[key] != settings.values[key] {
                try db.execute(sql: "UPDATE setting SET value = ? WHERE key = ?", arguments: [settings.values[key], key.rawValue])
                var entry = HistoryEntry(
                    at: at, by: actor.recorded, entity: "setting", entityId: key.rawValue, action: "set", field: "value",
                    old: (old.values[key] ?? "").databaseValue, new: (settings.values[key] ?? "").databaseValue, comment: nil)
                try entry.insert(db)
            }
            return try RegisterSettings.read(db)
        }
    }
}

extension RegisterTrip {
    /// Moves the itinerary so that it leaves on `day` (every stop by the same number of days).
    mutating func shift(to day: Day) {
        let offset = depart.distance(to: day)
        guard offset != 0 else { return }
        depart = depart + offset
        returnDay = returnDay + offset
        stops = stops.map { TripStop(operation: $0.operation, arrive: $0.arrive + offset, leave: $0.leave + offset, nights: $0.nights) }
    }

    mutating func setActual(_ costs: TripCosts) {
        actualAirfare = costs.airfare
        actualDsa = costs.dsa
        actualTerminal = costs.terminal
        actualAccess = costs.access
        actualOther = costs.other
    }
}
