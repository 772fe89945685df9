import Foundation
import Hummingbird
import HummingbirdTesting
import VisitPlannerRegister
import XCTest

@testable import VisitPlannerWeb

/// The plan page: a run off the request path, adopting a plan folder, and downloads that never
/// leave the plan folder.
final class PlanPageTests: XCTestCase {
    /// Reports/plan-b/ with a plan, its files and a calendar; a secret next to it; a symbolic
    /// link inside pointing out.
    func makeReports(_ web: WebApp) throws {
        let fm = FileManager.default
        let reports = web.configuration.reportsFolder
        let plan = reports.appendingPathComponent("plan-b")
        try fm.createDirectory(at: plan.appendingPathComponent("calendar"), withIntermediateDirectories: true)
        try Data(WebFixture.planJSON(name: "plan-b").utf8).write(to: plan.appendingPathComponent("plan.json"))
        try Data("id,manager\nT01,M1\n".utf8).write(to: plan.appendingPathComponent("trips.csv"))
        try Data("<html></html>".utf8).write(to: plan.appendingPathComponent("plan.html"))
        try Data("BEGIN:VCALENDAR\r\n".utf8).write(to: plan.appendingPathComponent("calendar/M1.ics"))
        try Data("secret".utf8).write(to: reports.appendingPathComponent("secret.csv"))
        try fm.createSymbolicLink(atPath: plan.appendingPathComponent("link.csv").path, withDestinationPath: "../secret.csv")
        try fm.createSymbolicLink(atPath: reports.appendingPathComponent("plan-link").path, withDestinationPath: plan.path)
    }

    func testDownloadsServeThePlanFolderAndNothingElse() async throws {
        let web = try WebFixture.app(self)
        try makeReports(web)
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let page = try await paula.get(client, "/plan").1
            XCTAssertTrue(page.contains(#"<a href="/plan/files/plan-b/trips.csv" download>trips.csv</a>"#), page)
            XCTAssertTrue(page.contains(#"<a href="/plan/calendar/plan-b/M1.ics" download>calendar/M1.ics</a>"#), page)
            XCTAssertFalse(page.contains("link.csv"), "a symbolic link is not offered")
            XCTAssertFalse(page.contains("plan-link"), "a linked folder is not a plan folder")
            try await client.execute(uri: "/plan/files/plan-b/trips.csv", method: .get, headers: [.cookie: paula.cookie]) { r in
                XCTAssertEqual(r.status, .ok)
                XCTAssertEqual(String(buffer: r.body), "id,manager\nT01,M1\n")
                XCTAssertEqual(r.headers[.contentDisposition], "attachment; filename=\"trips.csv\"")
            }
            do {
                let got = try await paula.get(client, "/plan/calendar/plan-b/M1.ics").1
                XCTAssertEqual(got, "BEGIN:VCALENDAR\r\n")
            }
            for path in [
                "/plan/files/plan-b/link.csv", "/plan/files/plan-b/..%2Fsecret.csv", "/plan/files/plan-b/%2E%2E%2Fsecret.csv",
                "/plan/files/..%2F..%2Fetc/passwd", "/plan/files/plan-link/trips.csv", "/plan/files/plan-b/plan.json%00.csv",
                "/plan/files/plan-b/reports/x.md", "/plan/calendar/plan-b/..%2Ftrips.csv", "/plan/calendar/plan-b/trips.csv",
                "/plan/files/nope/trips.csv",
                "/plan/files/plan-b/.hidden.csv",
            ] {
                let status = try await paula.get(client, path).0
                XCTAssertEqual(status, .notFound, path)
            }
        }
    }

    func testAPlannerAdoptsAPlanFolder() async throws {
        let web = try WebFixture.app(self, adopt: false)
        try makeReports(web)
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let (status, html, _) = try await paula.post(client, "/plan/adopt", [("plan", "plan-b")])
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(html.contains("Adopted plan-b: 3 trips added, 0 updated, 0 cancelled."), html)
            XCTAssertEqual(try web.register.trips().map(\.id), ["T01", "T02", "T03"])
            XCTAssertEqual(try web.register.plans().last?.adoptedBy, "paula")
            let bad = try await paula.post(client, "/plan/adopt", [("plan", "../plan-b")])
            XCTAssertEqual(bad.0, .unprocessableContent)
        }
    }

    func testAPlanRunsOffTheRequestPathAndReportsItsOutcome() async throws {
        // No data folder: the run fails, and says so in the status fragment.
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            do {
                let got = try await paula.get(client, "/plan/status").1
                XCTAssertTrue(got.contains("No plan is running."))
            }
            let (status, _, location) = try await paula.post(client, "/plan/run")
            XCTAssertEqual(status, .seeOther)
            XCTAssertEqual(location, "/plan")
            var fragment = ""
            for _ in 0..<100 {
                fragment = try await paula.get(client, "/plan/status").1
                if !fragment.contains("data-running") { break }
                try await Task.sleep(for: .milliseconds(50))
            }
            XCTAssertTrue(fragment.contains("<strong>Failed</strong>: the data has problems"), fragment)
            XCTAssertTrue(fragment.contains("by paula"), fragment)
        }
    }

    /// A plan run and a comparison share one gate: while either solves, the other cannot start,
    /// however close together the two clicks come; once it is done, the other may.
    func testPlanAndComparisonNeverSolveAtOnce() throws {
        let gate = PlanJobs.Gate()
        let plans = PlanJobs(gate: gate), comparisons = PlanJobs(gate: gate)
        let hold = DispatchSemaphore(value: 0)
        XCTAssertTrue(
            plans.start(by: "a") { _ in
                hold.wait()
                return "plan-x"
            })
        XCTAssertFalse(comparisons.start(by: "b") { _ in "comparison" })
        XCTAssertNil(comparisons.current)
        hold.signal()
        for _ in 0..<200 where plans.current?.isBusy == true { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(plans.current?.state, .finished)
        XCTAssertTrue(comparisons.start(by: "b") { _ in "comparison" })
        for _ in 0..<200 where comparisons.current?.isBusy == true { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(comparisons.current?.plan, "comparison")
        // Separate gates (two servers, two data sets) do not hold each other up.
        let other = PlanJobs()
        XCTAssertTrue(other.start(by: "c") { _ in "elsewhere" })
    }

    func testOnlyOneRunAtATimeAndACancelledRunIsDiscarded() throws {
        let jobs = PlanJobs()
        let gate = DispatchSemaphore(value: 0)
        XCTAssertTrue(
            jobs.start(by: "a") { progress in
                progress("solving")
                gate.wait()
                return "plan-x"
            })
        XCTAssertFalse(jobs.start(by: "b") { _ in "plan-y" })
        XCTAssertEqual(jobs.current?.by, "a")
        XCTAssertTrue(jobs.cancel())
        XCTAssertEqual(jobs.current?.state, .cancelling)
        gate.signal()
        for _ in 0..<200 where jobs.current?.isBusy == true { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(jobs.current?.state, .cancelled)
        XCTAssertNil(jobs.current?.plan)
        XCTAssertTrue(jobs.start(by: "b") { _ in "plan-y" })
        for _ in 0..<200 where jobs.current?.isBusy == true { Thread.sleep(forTimeInterval: 0.01) }
        XCTAssertEqual(jobs.current?.state, .finished)
        XCTAssertEqual(jobs.current?.plan, "plan-y")
    }
}
