import Foundation
import Hummingbird
import HummingbirdTesting
import VisitPlannerCore
import VisitPlannerRegister
import XCTest

@testable import VisitPlannerWeb

/// The reports page: templates, uploads that never overwrite, clearance by reviewers, and the
/// recommendations tracker.
final class ReportPageTests: XCTestCase {
    /// An app whose adopted plan (plan-2027) has its folder under Reports/.
    func app() throws -> WebApp {
        let web = try WebFixture.app(self)
        let folder = web.configuration.reportsFolder.appendingPathComponent("plan-2027")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try Data(WebFixture.planJSON().utf8).write(to: folder.appendingPathComponent("plan.json"))
        return web
    }

    static let boundary = "----vp-test-boundary"

    /// A multipart body as a browser sends the upload form.
    static func multipart(csrf: String, fileName: String, data: Data) -> ByteBuffer {
        var body = Data()
        body.append(Data("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n".utf8))
        body.append(
            Data(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"report\"; filename=\"\(fileName)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                    .utf8))
        body.append(data)
        body.append(Data("\r\n--\(boundary)--\r\n".utf8))
        return ByteBuffer(bytes: body)
    }

    static func upload(_ client: any TestClientProtocol, _ browser: Browser, key: String, fileName: String, data: Data, csrf: String? = nil)
        async throws -> (HTTPResponse.Status, String)
    {
        try await client.execute(
            uri: "/reports/upload/\(key)", method: .post,
            headers: [.cookie: browser.cookie, .contentType: "multipart/form-data; boundary=\(boundary)"],
            body: multipart(csrf: csrf ?? browser.csrf, fileName: fileName, data: data)
        ) { ($0.status, String(buffer: $0.body)) }
    }

    func testADeskOfficerSeesTheirVisitsAndDownloadsTheTemplate() async throws {
        let web = try app()
        try await WebFixture.test(web) { client in
            let dora = try await Browser.login(client, "dora")
            let (status, html) = try await dora.get(client, "/reports")
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(html.contains(#"<tr id="visit-ALPHA-2027-M1"><th scope="row">ALPHA-2027-M1</th>"#), html)
            XCTAssertTrue(html.contains(#"<tr id="visit-BRAVO-2027-M1">"#), html)
            XCTAssertFalse(html.contains("BRAVO-2027-M2"), "another manager's visit is not shown")
            try await client.execute(uri: "/reports/template/ALPHA-2027-M1", method: .get, headers: [.cookie: dora.cookie]) { r in
                XCTAssertEqual(r.status, .ok)
                XCTAssertEqual(r.headers[.contentDisposition], "attachment; filename=\"ALPHA-2027-M1.docx\"")
                XCTAssertEqual(Array(Data(r.body.readableBytesView).prefix(2)), [0x50, 0x4B])
            }
            let other = try await dora.get(client, "/reports/template/BRAVO-2027-M2").0
            XCTAssertEqual(other, .forbidden)
            let entry = try XCTUnwrap(try web.register.history().last)
            XCTAssertEqual(entry.entityId, "report BRAVO-2027-M2")
            XCTAssertEqual(HistoryEntry.shown(entry.new), "reports.view")
            let missing = try await dora.get(client, "/reports/template/NOPE-2027-M1").0
            XCTAssertEqual(missing, .notFound)
        }
    }

    /// Adopting a re-plan that moves a visit brings its uploads along: same report name, the
    /// new plan's folder, the previous folder untouched.
    func testAdoptingAReplanCarriesTheUploadsOfTheVisitsItKeeps() async throws {
        let web = try app()
        let reports = web.configuration.reportsFolder
        var moved = WebFixture.trips
        moved[0].depart = "2027-03-22"
        moved[0].returnDay = "2027-03-26"
        let replan = reports.appendingPathComponent("replan-2027-02-01")
        try FileManager.default.createDirectory(at: replan, withIntermediateDirectories: true)
        try Data(WebFixture.planJSON(name: "replan-2027-02-01", trips: moved).utf8).write(to: replan.appendingPathComponent("plan.json"))
        try await WebFixture.test(web) { client in
            let dora = try await Browser.login(client, "dora")
            let (status, _) = try await Self.upload(client, dora, key: "ALPHA-2027-M1", fileName: "mine.md", data: Data("# Mine\n".utf8))
            XCTAssertEqual(status, .ok)
            let paula = try await Browser.login(client, "paula")
            let adopted = try await paula.post(client, "/plan/adopt", [("plan", "replan-2027-02-01")])
            XCTAssertEqual(adopted.0, .ok)
            XCTAssertTrue(
                adopted.1.contains("Adopted replan-2027-02-01: 0 trips added, 1 updated, 0 cancelled. Reports: 1 upload carried over."),
                adopted.1)
            let copied = replan.appendingPathComponent("reports/uploads/ALPHA-2027-M1/1/ALPHA-2027-M1.md")
            XCTAssertEqual(try Data(contentsOf: copied), Data("# Mine\n".utf8))
            let kept = reports.appendingPathComponent("plan-2027/reports/uploads/ALPHA-2027-M1/1/ALPHA-2027-M1.md")
            XCTAssertEqual(try Data(contentsOf: kept), Data("# Mine\n".utf8))
            // The desk officer's page now shows the re-plan's visit, with its upload.
            let page = try await dora.get(client, "/reports").1
            XCTAssertTrue(page.contains("22 Mar 2027") || page.contains("2027-03-22"), page)
            XCTAssertTrue(page.contains("ALPHA-2027-M1"), page)
        }
    }

    func testUploadsAreCheckedAndNeverOverwritten() async throws {
        let web = try app()
        let folder = web.configuration.reportsFolder.appendingPathComponent("plan-2027")
        try await WebFixture.test(web) { client in
            let dora = try await Browser.login(client, "dora")
            let template = try await client.execute(
                uri: "/reports/template/ALPHA-2027-M1", method: .get, headers: [.cookie: dora.cookie]
            ) { Data($0.body.readableBytesView) }
            var (status, html) = try await Self.upload(client, dora, key: "ALPHA-2027-M1", fileName: "mine.docx", data: template)
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(html.contains("Stored upload 1 of ALPHA-2027-M1: not started."), html)
            (status, html) = try await Self.upload(client, dora, key: "ALPHA-2027-M1", fileName: "x.docx", data: Data("not a zip".utf8))
            XCTAssertEqual(status, .unprocessableContent)
            XCTAssertTrue(html.contains("Stored upload 2 of ALPHA-2027-M1: unreadable."), html)
            let first = folder.appendingPathComponent("reports/uploads/ALPHA-2027-M1/1/ALPHA-2027-M1.docx")
            let second = folder.appendingPathComponent("reports/uploads/ALPHA-2027-M1/2/ALPHA-2027-M1.docx")
            XCTAssertEqual(try Data(contentsOf: first), template)
            XCTAssertEqual(try Data(contentsOf: second), Data("not a zip".utf8))
            let history = try web.register.history(entity: "report", id: "ALPHA-2027-M1")
            XCTAssertEqual(
                history.map { "\($0.by) \($0.field ?? "") \(HistoryEntry.shown($0.new))" },
                ["M1 upload 1 not started", "M1 upload 2 unreadable"])

            (status, _) = try await Self.upload(client, dora, key: "ALPHA-2027-M1", fileName: "notes.txt", data: Data("x".utf8))
            XCTAssertEqual(status, .unprocessableContent)
            (status, _) = try await Self.upload(
                client, dora, key: "ALPHA-2027-M1", fileName: "big.docx", data: Data(count: WebApp.largestUpload + 1))
            XCTAssertEqual(status, .contentTooLarge)
            (status, _) = try await Self.upload(client, dora, key: "ALPHA-2027-M1", fileName: "a.docx", data: template, csrf: "forged")
            XCTAssertEqual(status, .forbidden)
            (status, _) = try await Self.upload(client, dora, key: "BRAVO-2027-M2", fileName: "a.docx", data: template)
            XCTAssertEqual(status, .forbidden)
            let rita = try await Browser.login(client, "rita")
            (status, _) = try await Self.upload(client, rita, key: "ALPHA-2027-M1", fileName: "a.docx", data: template)
            XCTAssertEqual(status, .forbidden)
            XCTAssertEqual(HistoryEntry.shown(try web.register.history().last!.new), "report.upload")
            XCTAssertEqual(web.uploads(folder: folder, key: "ALPHA-2027-M1").count, 2)
        }
    }

    func testAReportIsSubmittedAndClearedByReviewers() async throws {
        let web = try app()
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let mona = try await Browser.login(client, "mona")
            let dora = try await Browser.login(client, "dora")
            let rita = try await Browser.login(client, "rita")
            var r = try await dora.post(client, "/reports/submit/T01")
            XCTAssertEqual(r.0, .unprocessableContent)
            XCTAssertTrue(r.1.contains("the trip is planned; a report is submitted after travel."), r.1)
            _ = try await paula.post(client, "/trips/T01/request")
            _ = try await mona.post(client, "/trips/T01/approve", [("amount", "")])
            _ = try await dora.post(client, "/trips/T01/book", [("ticket", "3900"), ("depart", "2027-03-08"), ("return", "2027-03-12")])
            _ = try await dora.post(
                client, "/trips/T01/travelled", [("depart", "2027-03-08"), ("return", "2027-03-12"), ("airfare", "3900"), ("dsa", "800")])
            XCTAssertEqual(try web.register.trip("T01").status, .travelled)
            let page = try await dora.get(client, "/reports").1
            XCTAssertTrue(page.contains(#"<form method="post" action="/reports/submit/T01" id="submit-T01">"#), page)
            r = try await dora.post(client, "/reports/submit/T01", [("comment", "all done")])
            XCTAssertEqual(r.0, .seeOther)
            XCTAssertEqual(try web.register.trip("T01").status, .reportSubmitted)
            let refused = try await dora.post(client, "/reports/clear/T01", [("step", "gender")])
            XCTAssertEqual(refused.0, .forbidden)
            XCTAssertEqual(HistoryEntry.shown(try web.register.history().last!.new), "report.review")
            let review = try await rita.get(client, "/reports").1
            XCTAssertTrue(
                review.contains(#"<option value="gender">gender review</option><option value="supervisor">supervisor review</option>"#),
                review)
            r = try await rita.post(client, "/reports/clear/T01", [("step", "gender"), ("comment", "Gender data <complete>")])
            XCTAssertEqual(r.0, .seeOther)
            r = try await mona.post(client, "/reports/clear/T01", [("step", "transmit")])
            XCTAssertEqual(r.0, .unprocessableContent)
            XCTAssertTrue(r.1.contains("allowed from here: review --kind supervisor"), r.1)
            r = try await mona.post(client, "/reports/clear/T01", [("step", "supervisor")])
            XCTAssertEqual(r.0, .seeOther)
            r = try await rita.post(client, "/reports/clear/T01", [("step", "transmit")])
            XCTAssertEqual(r.0, .seeOther)
            let c = try XCTUnwrap(try web.register.clearances()["T01"])
            XCTAssertEqual(c.stage, .transmitted)
            XCTAssertEqual(c.submittedBy, "M1")
            XCTAssertEqual(c.genderBy, "rita")
            XCTAssertEqual(c.genderComment, "Gender data <complete>")
            XCTAssertEqual(c.supervisorBy, "mona")
            let shown = try await rita.get(client, "/reports").1
            XCTAssertTrue(shown.contains("transmitted: submitted "), shown)
            XCTAssertFalse(shown.contains(#"id="review-T01""#), "nothing left to review")
        }
    }

    func testTheTrackerChangesStatusesAndMarksOverdue() async throws {
        let web = try app()
        try web.register.write { db in
            for (id, deadline) in [("ALPHA-2026-11-02#1", "2027-01-01"), ("ALPHA-2026-11-02#2", "2027-06-30")] {
                try db.execute(
                    sql: """
                        INSERT INTO recommendation (id, operation, report, reportFile, reportDate, text, area, addressedTo, deadline, priority, status)
                        VALUES (?, 'ALPHA', 'ALPHA-2026-11-02', 'ALPHA-2026-11-02.docx', '2026-11-02', 'Train <trainers>', 'Training', 'Head of police', ?, 'high', 'open')
                        """, arguments: [id, deadline])
            }
        }
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let page = try await paula.get(client, "/reports").1
            XCTAssertTrue(
                page.contains(
                    #"<tr class="bad"><td>ALPHA-2026-11-02#1</td><td>ALPHA</td><td>Train &lt;trainers&gt;</td><td>Head of police</td><td>2027-01-01 <strong class="over">overdue</strong></td><td>high</td><td>open</td>"#
                ), page)
            XCTAssertTrue(page.contains(#"<tr><td>ALPHA-2026-11-02#2</td>"#), page)
            var r = try await paula.post(
                client, "/reports/recommendations", [("id", "ALPHA-2026-11-02#1"), ("status", "in-progress"), ("note", "")])
            XCTAssertEqual(r.0, .unprocessableContent)
            XCTAssertTrue(r.1.contains("a change of status needs a note saying why"), r.1)
            r = try await paula.post(
                client, "/reports/recommendations", [("id", "ALPHA-2026-11-02#1"), ("status", "implemented"), ("note", "Course held")])
            XCTAssertEqual(r.0, .seeOther)
            XCTAssertEqual(try web.register.recommendations().first?.status, .implemented)
            let entry = try XCTUnwrap(try web.register.history(entity: "recommendation").last)
            XCTAssertEqual(entry.by, "paula")
            XCTAssertEqual(entry.comment, "Course held")
            let dora = try await Browser.login(client, "dora")
            let refused = try await dora.post(
                client, "/reports/recommendations", [("id", "ALPHA-2026-11-02#2"), ("status", "implemented"), ("note", "x")])
            XCTAssertEqual(refused.0, .forbidden)
            XCTAssertEqual(HistoryEntry.shown(try web.register.history().last!.new), "recommendations.track")
            let adam = try await Browser.login(client, "adam")
            let admin = try await adam.get(client, "/reports").0
            XCTAssertEqual(admin, .forbidden)
        }
    }
}
