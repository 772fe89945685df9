import Foundation
import GRDB
import VisitPlannerCore

/// The spreadsheet template of `trips export` / `trips import`: bookings and actual costs in bulk.
///
/// One row per trip (a trip may appear on several rows, applied in order). `step` says what to
/// do with the row; an empty `step` leaves the trip alone. Columns:
///
/// | column | read for | meaning |
/// |---|---|---|
/// | `id` | every step | the trip id (`T01`) |
/// | `manager`, `estimate`, `approved` | — | for reading only (ignored on import) |
/// | `status` | every step | the status the sheet was made from; if filled and the register's differs, the row is refused (someone changed the trip since the export) |
/// | `step` | | `request`, `approve`, `book`, `travelled`, `cost`, `report`, `close`, `reapprove`, `postpone`, `cancel`, or empty |
/// | `depart`, `return` | book, travelled (required); request (optional new departure) | dates as booked, or as travelled |
/// | `ticket` | book (required) | the ticket's cost |
/// | `airfare`, `dsa`, `terminal`, `access`, `other` | travelled (airfare and dsa required, the rest $0 when empty); cost (added) | actual costs |
/// | `traveller` | travelled | who travelled, when not the planned manager |
/// | `operations` | travelled | operations visited, `;`-separated, when not the approved ones |
/// | `approved` | approve | the amount approved (empty: the estimate) |
/// | `note` | request (justification), postpone and cancel (reason, required), cost and reapprove (comment) | |
///
/// Written in the project's CSV dialect (UTF-8 with BOM, CRLF); read as the data loader reads
/// (BOM or not, CRLF or LF, quoted cells, `$1,234.56`), so a sheet saved by Excel comes back.
public enum TripSheet {
    public static let columns = [
        "id", "manager", "status", "estimate", "approved", "step", "depart", "return", "ticket", "airfare", "dsa", "terminal",
        "access", "other", "traveller", "operations", "note",
    ]

    /// What an import did.
    public struct Summary: Sendable, Equatable, CustomStringConvertible {
        /// Each row applied: `T01 book`.
        public var applied: [String]
        public var skipped: Int

        public var description: String {
            "Applied \(applied.count) step\(applied.count == 1 ? "" : "s")"
                + (applied.isEmpty ? "" : ": " + applied.joined(separator: ", "))
                + "; \(skipped) row\(skipped == 1 ? "" : "s") without a step left alone."
        }
    }

    // MARK: - Export

    /// The template filled with the register's trips: best known dates, booking and actuals.
    public static func render(_ trips: [RegisterTrip]) -> String {
        var rows = [columns]
        for t in trips.sorted(by: { $0.id < $1.id }) {
            let depart = t.actualDepart ?? t.bookedDepart ?? t.depart
            let back = t.actualReturn ?? t.bookedReturn ?? t.returnDay
            let ops = t.actualStops.map { $0.map(\.operation).joined(separator: ";") } ?? ""
            rows.append([
                CSVText.field(t.id), CSVText.field(t.manager), t.status.rawValue, t.estimate.total.plain, t.approvedCost?.plain ?? "",
                "", depart.iso, back.iso, t.bookedTicket?.plain ?? "", t.actualAirfare?.plain ?? "", t.actualDsa?.plain ?? "",
                t.actualTerminal?.plain ?? "", t.actualAccess?.plain ?? "", t.actualOther?.plain ?? "",
                CSVText.field(t.actualTraveller ?? ""), CSVText.field(ops), "",
            ])
        }
        return CSVText.document(rows)
    }

    // MARK: - Import

    struct Planned {
        var line: Int
        var id: String
        var status: TripStatus?
        var step: TripStep
    }

    static let steps: [(String, String)] = TripAction.allCases.map { ($0.rawValue, $0.rawValue) } + [("cost", "cost")]

    /// Reads every row; returns the steps and every located problem.
    static func read(_ data: Data, file: String) -> ([Planned], [DataIssue], skipped: Int) {
        let (sheet, parseIssues) = CSVSheet.parse(data, file: file, required: ["id", "step"], optional: columns)
        guard let sheet else { return ([], parseIssues, 0) }
        var skipped = 0
        let cells = CSVSheet.Cells(file: file)
        var planned: [Planned] = []
        for row in sheet.rows {
            guard !row["step"].isEmpty else {
                skipped += 1
                continue
            }
            guard let id = cells.text(row, "id"), let name = cells.choice(row, "step", steps) else { continue }
            var status: TripStatus? = nil
            if !row["status"].isEmpty {
                status = TripStatus(reading: row["status"])
                if status == nil {
                    cells.add(
                        line: row.line, field: "status",
                        "expected one of \(TripStatus.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(row["status"])\"")
                    continue
                }
            }
            let note = row["note"].isEmpty ? nil : cells.text(row, "note")
            let before = cells.issues.count
            var step: TripStep?
            switch name {
            case "request": step = .request(depart: cells.day(row, "depart", required: false), justification: note)
            case "approve": step = .approve(amount: row["approved"].isEmpty ? nil : cells.money(row, "approved"))
            case "book":
                let ticket = cells.money(row, "ticket"), depart = cells.day(row, "depart"), back = cells.day(row, "return")
                if let ticket, let depart, let back { step = .book(ticket: ticket, depart: depart, returnDay: back) }
            case "travelled":
                let depart = cells.day(row, "depart"), back = cells.day(row, "return")
                let costs = readCosts(row, cells, required: ["airfare", "dsa"])
                let traveller = row["traveller"].isEmpty ? nil : cells.text(row, "traveller")
                let ops = row["operations"].isEmpty ? nil : cells.codeList(row, "operations", required: true)
                if let depart, let back, let costs {
                    step = .travelled(TravelFacts(depart: depart, returnDay: back, costs: costs, traveller: traveller, operations: ops))
                }
            case "cost":
                if let costs = readCosts(row, cells, required: []) { step = .addCost(costs, note: note) }
            case "report": step = .report
            case "close": step = .close
            case "reapprove": step = .reapprove(note: note)
            case "postpone", "cancel":
                if note == nil {
                    cells.add(line: row.line, field: "note", "is empty; give the reason to \(name) the trip")
                } else {
                    step = name == "postpone" ? .postpone(reason: note!) : .cancel(reason: note!)
                }
            default: break
            }
            if let step, cells.issues.count == before { planned.append(Planned(line: row.line, id: id, status: status, step: step)) }
        }
        return (planned, parseIssues + cells.issues, skipped)
    }

    private static func readCosts(_ row: CSVSheet.Row, _ cells: CSVSheet.Cells, required: [String]) -> TripCosts? {
        var values: [String: Money] = [:]
        var good = true
        for column in ["airfare", "dsa", "terminal", "access", "other"] {
            let needed = required.contains(column)
            if let m = cells.money(row, column, default: needed ? nil : .zero) { values[column] = m } else { good = false }
        }
        guard good else { return nil }
        return TripCosts(
            airfare: values["airfare"]!, dsa: values["dsa"]!, terminal: values["terminal"]!, access: values["access"]!,
            other: values["other"]!)
    }
}

extension Register {
    /// Applies a filled template: every row in one transaction, or nothing.
    ///
    /// - Throws: `DataErrors` with every problem as `file:line: column: what is wrong` (cells
    ///   that cannot be read, unknown trips, stale statuses, refused steps); then nothing is applied.
    @discardableResult
    public func importSheet(_ data: Data, file: String, by actor: RegisterActor) throws -> TripSheet.Summary {
        let (planned, readIssues, skipped) = TripSheet.read(data, file: file)
        guard readIssues.isEmpty else { throw DataErrors(readIssues) }
        let now = clock.now()
        let at = RegisterClock.timestamp(now), today = RegisterClock.day(of: now)
        return try database.write { db in
            var issues: [DataIssue] = []
            var summary = TripSheet.Summary(applied: [], skipped: skipped)
            for row in planned {
                guard let trip = try RegisterTrip.fetchOne(db, key: row.id) else {
                    issues.append(
                        DataIssue(
                            file: file, line: row.line, field: "id",
                            "\(RegisterError.unknownTrip(row.id, known: try String.fetchAll(db, sql: "SELECT id FROM trip ORDER BY id")))"))
                    continue
                }
                if let expected = row.status, expected != trip.status {
                    issues.append(
                        DataIssue(
                            file: file, line: row.line, field: "status",
                            "the sheet says \(expected) but trip \(row.id) is \(trip.status) in the register; export a fresh sheet"))
                    continue
                }
                do {
                    _ = try Self.apply(row.step, to: row.id, by: actor, at: at, today: today, db)
                    summary.applied.append("\(row.id) \(row.step.name)")
                } catch let error as RegisterError {
                    issues.append(DataIssue(file: file, line: row.line, field: "step", "\(error)"))
                }
            }
            // Throwing rolls the whole transaction back.
            guard issues.isEmpty else { throw DataErrors(issues) }
            return summary
        }
    }

    /// The template, filled with the register's trips.
    public func exportSheet() throws -> String { TripSheet.render(try trips()) }
}
