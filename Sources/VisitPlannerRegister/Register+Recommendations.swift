import Foundation
import GRDB
import VisitPlannerCore
import VisitPlannerReports

/// What an import of reports did.
public struct RecommendationImport: Equatable, Sendable {
    /// Ids of the recommendations entered.
    public var added: [String] = []
    /// Ids already in the register (the report was imported before): left as they are.
    public var known: [String] = []
    /// Reports read.
    public var reports = 0
}

extension Register {
    // MARK: - Import

    /// Enters the recommendations of submitted reports, each `open`, with one history entry.
    ///
    /// All or nothing: a report whose recommendations table has a problem (a deadline that is
    /// not a date, an unknown priority or SGF area, no addressee) stops the import with every
    /// problem named by file, and nothing is entered. Importing the same report again adds
    /// nothing: ids are `<report key>#<row>`.
    public func importRecommendations(_ reports: [SubmittedReport], by actor: RegisterActor) throws -> RecommendationImport {
        let problems = reports.flatMap { r in r.problems.map { "\(r.file): \($0)" } }
        guard problems.isEmpty else {
            throw RegisterError.invalid(
                "the recommendations cannot be entered; fix these reports and import again:\n"
                    + problems.map { "  \($0)" }.joined(separator: "\n"))
        }
        let at = RegisterClock.timestamp(clock.now())
        return try database.write { db in
            var result = RecommendationImport(reports: reports.count)
            for report in reports {
                for (index, rec) in report.recommendations.enumerated() {
                    let id = "\(report.key)#\(index + 1)"
                    if try RegisterRecommendation.exists(db, key: id) {
                        result.known.append(id)
                        continue
                    }
                    let record = RegisterRecommendation(
                        id: id, operation: report.operation, report: report.key, reportFile: report.file, reportDate: report.date,
                        text: rec.text, area: SGFArea.matching(rec.area)?.rawValue ?? rec.area, addressedTo: rec.addressedTo,
                        deadline: Day(iso: rec.deadline), priority: rec.priority.lowercased(), status: .open)
                    try record.insert(db)
                    _ = try Self.record(
                        db, entity: "recommendation", id: id, action: "import", old: nil, new: [:], by: actor, at: at,
                        comment: "from \(report.file)")
                    result.added.append(id)
                }
            }
            return result
        }
    }

    // MARK: - Reading

    /// Every recommendation, by operation, then report, then row.
    public func recommendations() throws -> [RegisterRecommendation] {
        try database.read { db in try RegisterRecommendation.fetchAll(db).sorted(by: Self.order) }
    }

    /// The open and in-progress recommendations on `operation` made before `day`: what the
    /// next visit follows up.
    public func pendingRecommendations(operation: String, before day: Day) throws -> [RegisterRecommendation] {
        try recommendations().filter { $0.operation == operation && $0.status.isPending && ($0.reportDate.map { $0 < day } ?? true) }
    }

    static func order(_ a: RegisterRecommendation, _ b: RegisterRecommendation) -> Bool {
        let ka = (a.operation, a.reportDate?.number ?? Int.min, a.report, Self.row(a.id))
        let kb = (b.operation, b.reportDate?.number ?? Int.min, b.report, Self.row(b.id))
        return ka < kb
    }

    private static func row(_ id: String) -> Int { id.split(separator: "#").last.flatMap { Int($0) } ?? 0 }

    // MARK: - Follow-up

    /// Moves a recommendation to `status`; the note says why and goes into the history.
    /// - Throws: `RegisterError.invalid` for an unknown id, an empty note, or the status it has.
    @discardableResult
    public func setRecommendationStatus(
        _ id: String, to status: RecommendationStatus, note: String, by actor: RegisterActor
    ) throws -> RegisterRecommendation {
        let note = note.trimmingCharacters(in: .whitespacesAndNewlines)
        let at = RegisterClock.timestamp(clock.now())
        return try database.write { db in
            guard var rec = try RegisterRecommendation.fetchOne(db, key: id) else {
                throw RegisterError.invalid("no recommendation \(id) in the register; `visitplan recommendations` lists them")
            }
            guard !note.isEmpty else {
                throw RegisterError.invalid(
                    "recommendation \(id): a change of status needs a note saying why (--note TEXT)")
            }
            guard rec.status != status else {
                let others = RecommendationStatus.allCases.filter { $0 != status }.map(\.description)
                throw RegisterError.invalid(
                    "recommendation \(id) is \(status) already; it can become \(others.joined(separator: ", "))")
            }
            let before = try rec.databaseDictionary
            rec.status = status
            try rec.update(db)
            _ = try Self.record(
                db, entity: "recommendation", id: id, action: "status", old: before, new: try rec.databaseDictionary, by: actor,
                at: at, comment: note)
            return rec
        }
    }
}
