import Foundation
import XCTest

/// The register commands as a planner, a manager and a supervisor run them, on the default data.
final class RegisterCommandTests: XCTestCase {
    func run(_ arguments: [String]) throws -> EndToEndTests.Run { try Executable.run(arguments) }

    func testAYearOnTheCommandLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vp-register-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let plan = try run(["plan", "--data", EndToEndTests.dataFolder, "--out", folder.path, "--name", "plan-2027"])
        XCTAssertEqual(plan.status, 0, plan.err)
        let db = folder.appendingPathComponent("register-2027.sqlite").path
        let adopt = try run(["adopt", folder.appendingPathComponent("plan-2027").path, "--register", db, "--by", "Paula"])
        XCTAssertEqual(adopt.status, 0, adopt.err)
        XCTAssertTrue(adopt.out.hasPrefix("Adopted plan-2027 as the baseline (plan #1).\n  added ("), adopt.out)
        // The plan's first trip, by its stable id.
        let planJSON =
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("plan-2027/plan.json"))) as? [String: Any]
        let t1 = try XCTUnwrap(((planJSON?["trips"] as? [[String: Any]])?.first)?["id"] as? String)
        // Its traveller (the first line of `show` names the manager in brackets).
        let show = try run(["trip", t1, "show", "--register", db])
        let manager = try XCTUnwrap(show.out.split(separator: "(").dropFirst().first?.split(separator: ")").first).description
        XCTAssertEqual(try run(["trip", t1, "request", "--register", db, "--by", manager, "--justification", "as planned"]).status, 0)
        let own = try run(["trip", t1, "approve", "--register", db, "--by", manager])
        XCTAssertEqual(own.status, 1)
        XCTAssertEqual(
            own.err, "error: trip \(t1): \(manager) travels on this trip and cannot approve it; another person must (--by NAME)\n")
        let illegal = try run([
            "trip", t1, "travelled", "--register", db, "--depart", "2027-01-04", "--return", "2027-01-07", "--airfare", "1", "--dsa",
            "1",
        ])
        XCTAssertEqual(illegal.status, 1)
        XCTAssertEqual(
            illegal.err,
            "error: trip \(t1): a trip that is requested cannot take the step \"travelled\"; allowed from here: approve, postpone, cancel\n"
        )
        XCTAssertEqual(try run(["trip", t1, "approve", "--register", db, "--by", "Sam"]).status, 0)
        let status = try run(["status", "--register", db])
        XCTAssertEqual(status.status, 0, status.err)
        XCTAssertTrue(status.out.contains("  envelope     $126,560.00  = $112,000.00 + $14,560.00"), status.out)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("register-2027/status.csv").path))
        // A bad import names file, line and column, exits 1 and applies nothing.
        let sheet = folder.appendingPathComponent("bookings.csv")
        try Data("id,step,ticket,depart,return\r\n\(t1),book,abc,2027-01-04,2027-01-07\r\n".utf8).write(to: sheet)
        let bad = try run(["trips", "import", sheet.path, "--register", db])
        XCTAssertEqual(bad.status, 1)
        XCTAssertTrue(
            bad.err.contains(
                "bookings.csv:2: ticket: expected an amount in US dollars such as 1234.56 (two decimals at most), found \"abc\""),
            bad.err)
        let backup = try run(["register", "backup", folder.appendingPathComponent("copy.sqlite").path, "--register", db])
        XCTAssertEqual(backup.status, 0, backup.err)
        let missing = try run(["status", "--register", folder.appendingPathComponent("nope.sqlite").path])
        XCTAssertEqual(missing.status, 1)
    }

    /// Recommendations: import (twice adds nothing), list with --overdue, a status change
    /// with and without its note, and the next template following them up.
    func testRecommendationsOnTheCommandLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vp-recs-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(try run(["plan", "--data", EndToEndTests.dataFolder, "--out", folder.path, "--name", "plan-2027"]).status, 0)
        let db = folder.appendingPathComponent("register-2027.sqlite").path
        let planFolder = folder.appendingPathComponent("plan-2027")
        XCTAssertEqual(try run(["adopt", planFolder.path, "--register", db, "--by", "Paula"]).status, 0)
        let planJSON =
            try JSONSerialization.jsonObject(with: Data(contentsOf: planFolder.appendingPathComponent("plan.json"))) as? [String: Any]
        let trip = try XCTUnwrap((planJSON?["trips"] as? [[String: Any]])?.first)
        let stop = try XCTUnwrap((trip["stops"] as? [[String: Any]])?.first)
        let op = try XCTUnwrap(stop["operation"] as? String), manager = try XCTUnwrap(trip["manager"] as? String)
        // A report from the year before, named by its date as reports once were.
        let report = folder.appendingPathComponent("\(op)-2026-12-01.md")
        try Data(
            """
            # Assessment visit report: \(op)

            ## Recommendations

            | Recommendation | Addressed to | Deadline | Priority | SGF area |
            | --- | --- | --- | --- | --- |
            | Recruit women officers | Police Commissioner | 2027-02-28 | high | operations |

            """.utf8
        ).write(to: report)
        let first = try run(["recommendations", "import", report.path, "--register", db, "--by", "Desk"])
        XCTAssertEqual(first.out, "1 report read: 1 recommendation entered, 0 already in the register.\n", first.err)
        let again = try run(["recommendations", "import", report.path, "--register", db, "--by", "Desk"])
        XCTAssertEqual(again.out, "1 report read: 0 recommendations entered, 1 already in the register.\n", again.err)
        let id = "\(op)-2026-12-01#1"
        let none = try run(["recommendations", "--overdue", "--as-of", "2027-02-28", "--register", db])
        XCTAssertTrue(none.out.contains("0 of 1 recommendations shown."), none.out)
        let late = try run(["recommendations", "--overdue", "--as-of", "2027-03-01", "--register", db])
        XCTAssertTrue(late.out.contains("\(id)  \(op)"), late.out)
        XCTAssertTrue(late.out.contains("open, overdue"), late.out)
        XCTAssertTrue(late.out.contains("1 of 1 recommendations shown."), late.out)
        XCTAssertTrue(FileManager.default.fileExists(atPath: folder.appendingPathComponent("register-2027/recommendations.csv").path))
        let noNote = try run(["recommendation", id, "status", "in progress", "--register", db, "--by", "Ana"])
        XCTAssertEqual(noNote.status, 1)
        XCTAssertEqual(noNote.err, "error: recommendation \(id): a change of status needs a note saying why (--note TEXT)\n")
        let moved = try run(["recommendation", id, "status", "in progress", "--note", "drive started", "--register", db, "--by", "Ana"])
        XCTAssertEqual(moved.out, "\(id) (\(op)): in progress\n", moved.err)
        let badStatus = try run(["recommendation", id, "status", "done", "--note", "x", "--register", db])
        XCTAssertEqual(badStatus.status, 64)
        // The next visit's template follows it up.
        let initRun = try run(["reports", "init", planFolder.path, "--register", db])
        XCTAssertEqual(initRun.status, 0, initRun.err)
        let template = try String(contentsOf: planFolder.appendingPathComponent("reports/\(op)-2027-\(manager).md"), encoding: .utf8)
        XCTAssertTrue(template.contains("Recommendations still open in the register register-2027.sqlite for this operation."), template)
        XCTAssertTrue(template.contains("| Recruit women officers (\(op)-2026-12-01\\#1) | Police Commissioner | 2027-02-28 |"), template)
    }

    /// Report clearance: submit, both reviews, transmit; an illegal step refused saying what
    /// is allowed; `reports status --register` shows where the report stands.
    func testReportClearanceOnTheCommandLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vp-clear-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        XCTAssertEqual(try run(["plan", "--data", EndToEndTests.dataFolder, "--out", folder.path, "--name", "plan-2027"]).status, 0)
        let db = folder.appendingPathComponent("register-2027.sqlite").path
        let planFolder = folder.appendingPathComponent("plan-2027")
        XCTAssertEqual(try run(["adopt", planFolder.path, "--register", db, "--by", "Paula"]).status, 0)
        let planJSON =
            try JSONSerialization.jsonObject(with: Data(contentsOf: planFolder.appendingPathComponent("plan.json"))) as? [String: Any]
        let trip = try XCTUnwrap((planJSON?["trips"] as? [[String: Any]])?.first)
        let t1 = try XCTUnwrap(trip["id"] as? String), depart = try XCTUnwrap(trip["depart"] as? String)
        let back = try XCTUnwrap(trip["return"] as? String)
        for step in [
            ["request", "--justification", "as planned"], ["approve", "--by", "Sam"],
            ["book", "--ticket", "1000", "--depart", depart, "--return", back],
            ["travelled", "--depart", depart, "--return", back, "--airfare", "1000", "--dsa", "500"],
        ] {
            let r = try run(["trip", t1] + step + ["--register", db])
            XCTAssertEqual(r.status, 0, r.err)
        }
        let early = try run(["report", t1, "review", "--kind", "transmit", "--register", db, "--by", "Lead"])
        XCTAssertEqual(early.status, 1)
        XCTAssertEqual(
            early.err,
            "error: the report of trip \(t1) has not been submitted and cannot take the step \"review --kind transmit\"; allowed from here: submit\n"
        )
        XCTAssertEqual(try run(["report", t1, "submit", "--register", db, "--by", "Desk", "--note", "final"]).status, 0)
        XCTAssertEqual(try run(["trip", t1, "show", "--register", db]).out.contains(": report submitted,"), true)
        let noKind = try run(["report", t1, "review", "--register", db])
        XCTAssertEqual(noKind.status, 64)
        XCTAssertEqual(try run(["report", t1, "review", "--kind", "gender", "--register", db, "--by", "Gita"]).status, 0)
        let status = try run(["reports", "status", planFolder.path, "--register", db])
        XCTAssertTrue(status.out.contains("Clearance of reports (register-2027.sqlite):\n  \(t1): submitted: submitted "), status.out)
        XCTAssertTrue(status.out.contains(" by Desk; gender review "), status.out)
        XCTAssertTrue(status.out.contains(" by Gita; next: review --kind supervisor\n"), status.out)
        XCTAssertEqual(try run(["report", t1, "review", "--kind", "supervisor", "--register", db, "--by", "Sam"]).status, 0)
        let sent = try run(["report", t1, "review", "--kind", "transmit", "--register", db, "--by", "Lead"])
        XCTAssertEqual(sent.status, 0, sent.err)
        XCTAssertTrue(sent.out.hasPrefix("\(t1): transmitted: submitted "), sent.out)
        XCTAssertTrue(sent.out.hasSuffix(" by Lead; next: none\n"), sent.out)
    }
}
