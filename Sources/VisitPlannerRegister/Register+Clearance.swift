import Foundation
import GRDB
import VisitPlannerCore

extension Register {
    /// Takes one clearance step for a trip's report, in one transaction, with a history entry.
    ///
    /// `submit` needs a travelled trip (it moves it to report-submitted) or one whose report
    /// was marked submitted; each review is done once, by someone other than who submitted;
    /// `transmit` needs both reviews. A step not allowed is refused saying which are.
    @discardableResult
    public func clearReport(trip id: String, _ step: ReportClearance.Step, comment: String?, by actor: RegisterActor) throws
        -> ReportClearance
    {
        let now = clock.now()
        let at = RegisterClock.timestamp(now)
        let comment = comment.flatMap { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : $0 }
        return try database.write { db in
            let trip = try Self.trip(id, db)
            let old = try ReportClearance.fetchOne(db, key: id)
            let allowed = ReportClearance.allowed(after: old)
            guard allowed.contains(step) else {
                let stage = old.map { "is \($0.stage)" } ?? "has not been submitted"
                let steps = allowed.isEmpty ? "none (it has reached the mission)" : allowed.map(\.description).joined(separator: ", ")
                throw RegisterError.invalid(
                    "the report of trip \(id) \(stage) and cannot take the step \"\(step)\"; allowed from here: \(steps)")
            }
            var new: ReportClearance
            switch step {
            case .submit:
                switch trip.status {
                case .travelled:
                    _ = try Self.apply(.report, to: id, by: actor, at: at, today: RegisterClock.day(of: now), db)
                case .reportSubmitted, .closed: break
                default:
                    throw RegisterError.invalid(
                        "the report of trip \(id) cannot be submitted: the trip is \(trip.status); a report is submitted after travel")
                }
                new = ReportClearance(
                    trip: id, stage: .submitted, submittedAt: at, submittedBy: actor.recorded, submittedComment: comment)
            case .gender, .supervisor:
                guard var c = old else { preconditionFailure("allowed(after: nil) is [.submit]") }
                guard actor.recorded.lowercased() != c.submittedBy.lowercased() else {
                    throw RegisterError.invalid(
                        "the report of trip \(id) was submitted by \(c.submittedBy), who cannot review it; another person must (--by NAME)")
                }
                if step == .gender {
                    (c.genderAt, c.genderBy, c.genderComment) = (at, actor.recorded, comment)
                } else {
                    (c.supervisorAt, c.supervisorBy, c.supervisorComment) = (at, actor.recorded, comment)
                }
                if c.genderAt != nil && c.supervisorAt != nil { c.stage = .reviewed }
                new = c
            case .transmit:
                guard var c = old else { preconditionFailure("allowed(after: nil) is [.submit]") }
                (c.transmittedAt, c.transmittedBy, c.transmittedComment, c.stage) = (at, actor.recorded, comment, .transmitted)
                new = c
            }
            try new.save(db)
            var entry = HistoryEntry(
                at: at, by: actor.recorded, entity: "report", entityId: id, action: step.rawValue, field: "stage",
                old: old?.stage.databaseValue ?? .null, new: new.stage.databaseValue, comment: comment)
            try entry.insert(db)
            return new
        }
    }

    /// The clearance of every report in the register, by trip id.
    public func clearances() throws -> [String: ReportClearance] {
        try database.read { db in
            Dictionary(uniqueKeysWithValues: try ReportClearance.fetchAll(db).map { ($0.trip, $0) })
        }
    }
}
