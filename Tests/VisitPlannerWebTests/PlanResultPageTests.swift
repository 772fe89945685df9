import Foundation
import Hummingbird
import HummingbirdTesting
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerWriters
import XCTest

@testable import VisitPlannerWeb

/// The result of a plan run from the web: trips, budget, every operation left out with its
/// reason, the change list against the adopted plan; and a re-plan as of a date.
final class PlanResultPageTests: XCTestCase {
    static func wait(_ jobs: PlanJobs) async throws {
        for _ in 0..<600 where jobs.current?.isBusy == true { try await Task.sleep(nanoseconds: 100_000_000) }
    }

    func testAPlanIsRunShownAdoptedAndReplanned() async throws {
        // A tight envelope, so that some operations are left out and each says why.
        let policy = DataFixture.files["policy.yaml"]!.replacingOccurrences(of: "10000.00", with: "6000.00")
        let web = try WebFixture.app(self, adopt: false) { $0.planTimeLimit = 20 }
        try DataFixture.write(to: web.configuration.dataFolder, overrides: ["policy.yaml": policy])
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let run = try await paula.post(client, "/plan/run")
            XCTAssertEqual(run.0, .seeOther)
            try await Self.wait(web.planJobs)
            XCTAssertEqual(web.planJobs.current?.state, .finished, web.planJobs.current?.detail ?? "")
            let name = try XCTUnwrap(web.planJobs.current?.plan)
            let planPage = try await paula.get(client, "/plan").1
            XCTAssertTrue(planPage.contains(#"<a href="/plan/result/\#(name)" id="result-\#(name)">"#), planPage)
            let doc = try PlanDocument.decode(
                Data(contentsOf: web.configuration.reportsFolder.appendingPathComponent(name).appendingPathComponent("plan.json")))
            XCTAssertFalse(doc.notVisited.isEmpty, "the tight envelope leaves operations out")
            let (status, html) = try await paula.get(client, "/plan/result/\(name)")
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(html.contains(#"<tr><th scope="row">Envelope</th><td class="num">$6,000.00</td></tr>"#), html)
            XCTAssertTrue(
                html.contains(#"<tr><th scope="row">Total</th><td class="num">\#(Figures.money(doc.budget.total))</td></tr>"#), html)
            for trip in doc.trips {
                XCTAssertTrue(
                    html.contains(
                        "<tr><td>\(trip.id)</td><td>\(trip.manager)</td><td>\(trip.depart.iso)</td><td>\(trip.return.iso)</td><td>\(trip.stops.map(\.operation).joined(separator: ", "))</td><td class=\"num\">\(Figures.money(trip.cost.total))</td></tr>"
                    ), trip.id)
            }
            for left in doc.notVisited {
                let reason = left.reason.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                    .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
                    .replacingOccurrences(of: "'", with: "&#39;")
                XCTAssertTrue(html.contains("<tr><td>\(left.operation)</td><td>\(reason)</td></tr>"), left.operation)
            }
            XCTAssertTrue(html.contains("No plan is adopted yet: every trip is new."), html)
            let adopt = try await paula.post(client, "/plan/adopt", [("plan", name)])
            XCTAssertEqual(adopt.0, .ok)
            let after = try await paula.get(client, "/plan/result/\(name)").1
            for trip in doc.trips { XCTAssertTrue(after.contains("<tr><td>\(trip.id)</td><td>unchanged</td></tr>"), after) }

            let bad = try await paula.post(client, "/plan/replan", [("asOf", "June")])
            XCTAssertEqual(bad.0, .unprocessableContent)
            XCTAssertTrue(bad.1.contains("Re-plan as of: expected a date YYYY-MM-DD, found &quot;June&quot;."), bad.1)
            let replan = try await paula.post(client, "/plan/replan", [("asOf", "2027-06-01")])
            XCTAssertEqual(replan.0, .seeOther)
            try await Self.wait(web.planJobs)
            XCTAssertEqual(web.planJobs.current?.state, .finished, web.planJobs.current?.detail ?? "")
            XCTAssertEqual(web.planJobs.current?.plan, "replan-2027-06-01")
            let replanned = try await paula.get(client, "/plan/result/replan-2027-06-01")
            XCTAssertEqual(replanned.0, .ok)
            XCTAssertTrue(replanned.1.contains(#"<table id="result-changes">"#), replanned.1)

            let mona = try await Browser.login(client, "mona")
            let refused = try await mona.post(client, "/plan/replan", [("asOf", "2027-06-01")])
            XCTAssertEqual(refused.0, .forbidden)
            let entry = try XCTUnwrap(try web.register.history().last)
            XCTAssertEqual(entry.entityId, "/plan/replan")
            XCTAssertEqual(HistoryEntry.shown(entry.new), "plan.run")
            let missing = try await paula.get(client, "/plan/result/nope").0
            XCTAssertEqual(missing, .notFound)
        }
    }
}
