import Foundation
import VisitPlannerCore
import VisitPlannerReports
import XCTest

@testable import VisitPlannerRegister

private typealias F = RegisterFixture

/// Recommendations of submitted reports in the register: import (idempotent, all or
/// nothing), follow-up with a note, overdue, the roll-up for HQ.
final class RecommendationTests: XCTestCase {
    static let table = """
        | Recommendation | Addressed to | Deadline | Priority | SGF area |
        | --- | --- | --- | --- | --- |
        """

    /// A filled report with the given recommendation rows.
    func report(_ name: String = "ALPHA-2027-M1.md", rows: [String]) throws -> URL {
        let url = try F.folder(self).appendingPathComponent(name)
        let text =
            "# Assessment visit report: ALPHA, 8 Mar 2027 – 12 Mar 2027\n\n## Recommendations\n\n" + Self.table + "\n"
            + rows.joined(separator: "\n") + "\n"
        try Data(text.utf8).write(to: url)
        return url
    }

    static let goodRows = [
        "| Recruit women officers | Police Commissioner | 2027-04-30 | High | operations |",
        "| Publish a training plan | Chief of Staff | 2027-09-30 | low | capacity-building |",
    ]

    func testImportEntersEachRecommendationOpenAndTwiceAddsNothing() throws {
        let register = try F.register(self)
        let reports = try SubmittedReport.read(try report(rows: Self.goodRows))
        let first = try register.importRecommendations(reports, by: RegisterActor(name: "Desk"))
        XCTAssertEqual(first.added, ["ALPHA-2027-M1#1", "ALPHA-2027-M1#2"])
        let again = try register.importRecommendations(reports, by: RegisterActor(name: "Desk"))
        XCTAssertEqual(again.added, [])
        XCTAssertEqual(again.known, ["ALPHA-2027-M1#1", "ALPHA-2027-M1#2"])
        let recs = try register.recommendations()
        XCTAssertEqual(
            recs,
            [
                RegisterRecommendation(
                    id: "ALPHA-2027-M1#1", operation: "ALPHA", report: "ALPHA-2027-M1", reportFile: "ALPHA-2027-M1.md",
                    reportDate: F.day("2027-03-08"), text: "Recruit women officers", area: "Police operations",
                    addressedTo: "Police Commissioner", deadline: F.day("2027-04-30"), priority: "high", status: .open),
                RegisterRecommendation(
                    id: "ALPHA-2027-M1#2", operation: "ALPHA", report: "ALPHA-2027-M1", reportFile: "ALPHA-2027-M1.md",
                    reportDate: F.day("2027-03-08"), text: "Publish a training plan",
                    area: "Police capacity-building and development", addressedTo: "Chief of Staff", deadline: F.day("2027-09-30"),
                    priority: "low", status: .open),
            ])
        XCTAssertEqual(try register.history(entity: "recommendation").map(\.action), ["import", "import"])
    }

    func testAReportWithABadDeadlineIsRefusedAndNothingEntered() throws {
        let register = try F.register(self)
        let bad = try report(rows: [Self.goodRows[0], "| Train drivers | Chief of Staff | soon | medium | operations |"])
        XCTAssertThrowsError(try register.importRecommendations(try SubmittedReport.read(bad), by: RegisterActor(name: "Desk"))) {
            XCTAssertEqual(
                "\($0)",
                "the recommendations cannot be entered; fix these reports and import again:\n  ALPHA-2027-M1.md: recommendation 2 (Train drivers): deadline \"soon\" is not a date (write YYYY-MM-DD)"
            )
        }
        XCTAssertEqual(try register.recommendations(), [])
    }

    func testAFolderWithoutPlanIsRefused() throws {
        let folder = try F.folder(self)
        XCTAssertThrowsError(try SubmittedReport.read(folder)) {
            XCTAssertEqual($0 as? ReportError, .planMissing(path: folder.appendingPathComponent("plan.json").path))
        }
    }

    func testStatusChangeNeedsANoteAndANewStatus() throws {
        let register = try F.register(self)
        _ = try register.importRecommendations(try SubmittedReport.read(try report(rows: Self.goodRows)), by: RegisterActor(name: "Desk"))
        let id = "ALPHA-2027-M1#1"
        XCTAssertThrowsError(try register.setRecommendationStatus(id, to: .implemented, note: "  ", by: RegisterActor(name: "Ana"))) {
            XCTAssertEqual("\($0)", "recommendation ALPHA-2027-M1#1: a change of status needs a note saying why (--note TEXT)")
        }
        XCTAssertThrowsError(try register.setRecommendationStatus(id, to: .open, note: "x", by: RegisterActor(name: "Ana"))) {
            XCTAssertEqual(
                "\($0)",
                "recommendation ALPHA-2027-M1#1 is open already; it can become in progress, implemented, not accepted, superseded")
        }
        XCTAssertThrowsError(try register.setRecommendationStatus("ALPHA#9", to: .open, note: "x", by: RegisterActor(name: "Ana"))) {
            XCTAssertEqual("\($0)", "no recommendation ALPHA#9 in the register; `visitplan recommendations` lists them")
        }
        let rec = try register.setRecommendationStatus(
            id, to: .inProgress, note: "recruitment drive started", by: RegisterActor(name: "Ana"))
        XCTAssertEqual(rec.status, .inProgress)
        let last = try XCTUnwrap(try register.history(entity: "recommendation", id: id).last)
        XCTAssertEqual(last.action, "status")
        XCTAssertEqual(last.field, "status")
        XCTAssertEqual(last.old, "open".databaseValue)
        XCTAssertEqual(last.new, "in-progress".databaseValue)
        XCTAssertEqual(last.comment, "recruitment drive started")
        XCTAssertEqual(last.by, "Ana")
        XCTAssertThrowsError(try register.write { db in try db.execute(sql: "DELETE FROM recommendation") })
    }

    func testOverdueRollUpAndFollowUp() throws {
        let register = try F.register(self)
        _ = try register.importRecommendations(try SubmittedReport.read(try report(rows: Self.goodRows)), by: RegisterActor(name: "Desk"))
        try register.setRecommendationStatus("ALPHA-2027-M1#2", to: .implemented, note: "published", by: RegisterActor(name: "Ana"))
        let recs = try register.recommendations()
        XCTAssertEqual(recs.map { $0.isOverdue(asOf: F.day("2027-04-30")) }, [false, false])
        XCTAssertEqual(recs.map { $0.isOverdue(asOf: F.day("2027-05-01")) }, [true, false])
        XCTAssertEqual(
            RecommendationRollUp.csv(recs, asOf: F.day("2027-05-01")),
            "\u{FEFF}id,operation,sgf_area,priority,recommendation,addressed_to,deadline,status,overdue,report\r\n"
                + "ALPHA-2027-M1#1,ALPHA,Police operations,high,Recruit women officers,Police Commissioner,2027-04-30,open,yes,ALPHA-2027-M1.md\r\n"
                + "ALPHA-2027-M1#2,ALPHA,Police capacity-building and development,low,Publish a training plan,Chief of Staff,2027-09-30,implemented,no,ALPHA-2027-M1.md\r\n"
        )
        let md = RecommendationRollUp.markdown(recs, asOf: F.day("2027-05-01"))
        XCTAssertTrue(
            md.hasPrefix(
                "# Recommendations as of 2027-05-01\n\n2 recommendations: 1 open, 0 in progress, 1 implemented, 0 not accepted, 0 superseded; 1 overdue.\n"
            ), md)
        XCTAssertTrue(
            md.contains(
                "| ALPHA-2027-M1\\#1 | Police operations | high | Recruit women officers | Police Commissioner | 2027-04-30 | open (overdue) |"
            ), md)
        let urls = try RecommendationRollUp.write(recs, asOf: F.day("2027-05-01"), to: register.reportFolder)
        XCTAssertEqual(urls.map(\.lastPathComponent), ["recommendations.csv", "recommendations.md"])
        XCTAssertEqual(try String(contentsOf: urls[1], encoding: .utf8), md)
        // Only pending recommendations made before the visit are followed up.
        XCTAssertEqual(
            try register.pendingRecommendations(operation: "ALPHA", before: F.day("2027-09-06")).map(\.id), ["ALPHA-2027-M1#1"])
        XCTAssertEqual(try register.pendingRecommendations(operation: "ALPHA", before: F.day("2027-03-08")).map(\.id), [])
        XCTAssertEqual(try register.pendingRecommendations(operation: "BRAVO", before: F.day("2027-12-31")).map(\.id), [])
    }
}
