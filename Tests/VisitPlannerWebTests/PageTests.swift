import Foundation
import Hummingbird
import HummingbirdTesting
import VisitPlannerCore
import VisitPlannerRegister
import XCTest

@testable import VisitPlannerWeb

/// The pages and the trip steps, as each role sees and uses them.
final class PageTests: XCTestCase {
    func testYearAtAGlanceShowsThePositionAndWhatNeedsAction() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let (status, html) = try await paula.get(client, "/")
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(html.contains("<title>Year at a glance · VisitPlanner</title>"))
            XCTAssertTrue(html.contains("Plan plan-2027. Envelope $20,000.00 (travel $17,699.11 + programme support $2,300.89)."), html)
            // Planned: 5,000 + 2,050 + 1,000 = 8,050 travel, PSC 13 % = 1,046.50.
            XCTAssertTrue(
                html.contains(
                    #"<tr><th scope="row">Planned (not yet requested)</th><td class="num">3</td><td class="num">$8,050.00</td><td class="num">$1,046.50</td><td class="num">$9,096.50</td></tr>"#
                ), html)
            XCTAssertTrue(
                html.contains(#"<td class="num">$9,649.11</td><td class="num">$1,254.39</td><td class="num">$10,903.50</td>"#), html)
            // T03 leaves on 15 January, 11 days after "today" (4 January): inside the 21-day lead time.
            let toRequest = try XCTUnwrap(Self.section(html, "To request"))
            XCTAssertTrue(
                toRequest.contains(#"<a href="/trips/T03">T03</a>: M1, leaves 2027-01-15 (planned), inside the 21-day lead time"#),
                toRequest)
            XCTAssertFalse(toRequest.contains("T01"))
            XCTAssertTrue(try XCTUnwrap(Self.section(html, "To approve")).contains("<p>Nothing.</p>"))
        }
    }

    func testTheYearPageWithoutAPlanSaysSo() async throws {
        let web = try WebFixture.app(self, adopt: false)
        try await WebFixture.test(web) { client in
            let html = try await Browser.login(client, "paula").get(client, "/").1
            XCTAssertTrue(html.contains("No plan has been adopted in this register yet."))
        }
    }

    func testTripsByStatusAndADeskOfficerSeesOnlyTheirOwn() async throws {
        let web = try WebFixture.app(self)
        try web.register.apply(.request(depart: nil, justification: nil), to: "T02", by: RegisterActor(name: "setup"))
        try await WebFixture.test(web) { client in
            let html = try await Browser.login(client, "mona").get(client, "/trips").1
            XCTAssertTrue(html.contains(#"<h2 id="status-planned">Planned (2)</h2>"#), html)
            XCTAssertTrue(html.contains(#"<h2 id="status-requested">Requested (1)</h2>"#), html)
            XCTAssertTrue(
                html.contains(
                    #"<tr><td><a href="/trips/T02">T02</a></td><td>M2</td><td>2027-06-07</td><td>2027-06-10</td><td>BRAVO</td><td class="num">$2,050.00</td></tr>"#
                ), html)
            let dora = try await Browser.login(client, "dora").get(client, "/trips").1
            XCTAssertTrue(dora.contains("/trips/T01") && dora.contains("/trips/T03"))
            XCTAssertFalse(dora.contains("/trips/T02"))
            XCTAssertFalse(dora.contains("status-requested"))
        }
    }

    func testATripPageOffersOnlyTheStepsTheRoleAllows() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let planner = try await Browser.login(client, "paula").get(client, "/trips/T01").1
            for form in ["request", "postpone", "cancel"] { XCTAssertTrue(planner.contains(#"action="/trips/T01/\#(form)""#), form) }
            for form in ["approve", "book", "travelled"] { XCTAssertFalse(planner.contains(#"action="/trips/T01/\#(form)""#), form) }
            XCTAssertTrue(planner.contains("<td>setup</td><td>adopt</td>"), planner)
            let reviewer = try await Browser.login(client, "rita").get(client, "/trips/T01").1
            XCTAssertFalse(reviewer.contains("What you can do"))
            XCTAssertTrue(reviewer.contains("<h2 id=\"history\">History</h2>"))
        }
    }

    func testATripThroughRequestApprovalBookingAndTravel() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let mona = try await Browser.login(client, "mona")
            let dora = try await Browser.login(client, "dora")
            var r = try await paula.post(client, "/trips/T01/request")
            XCTAssertEqual(r.0, .seeOther)
            XCTAssertEqual(r.2, "/trips/T01?done=request")
            do {
                let got = try await paula.get(client, "/trips/T01?done=request").1
                XCTAssertTrue(got.contains("Done: request."))
            }
            r = try await mona.post(client, "/trips/T01/approve", [("amount", "")])
            XCTAssertEqual(r.0, .seeOther)
            r = try await dora.post(
                client, "/trips/T01/book", [("ticket", "3,900.00"), ("depart", "2027-03-08"), ("return", "2027-03-12")])
            XCTAssertEqual(r.0, .seeOther)
            r = try await dora.post(
                client, "/trips/T01/travelled",
                [("depart", "2027-03-08"), ("return", "2027-03-12"), ("airfare", "3900"), ("dsa", "810.5"), ("terminal", "200")])
            XCTAssertEqual(r.0, .seeOther)
            let trip = try web.register.trip("T01")
            XCTAssertEqual(trip.status, .travelled)
            XCTAssertEqual(trip.approvedCost, Money(dollars: 5000))
            XCTAssertEqual(trip.approvedBy, "mona")
            XCTAssertEqual(trip.bookedCost, Money(dollars: 4900))
            XCTAssertEqual(trip.actual?.total, Money(cents: 491_050))
            let by = try web.register.history(entity: "trip", id: "T01").filter { $0.field == "status" }.map { "\($0.action) \($0.by)" }
            XCTAssertEqual(by, ["request paula", "approve mona", "book M1", "travelled M1"])
        }
    }

    func testARefusedStepShowsTheRegistersMessage() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            // Inside the lead time a request needs a justification.
            var (status, html, _) = try await paula.post(client, "/trips/T03/request")
            XCTAssertEqual(status, .unprocessableContent)
            XCTAssertTrue(html.contains("fewer than the 21 days the policy asks"), html)
            (status, html, _) = try await paula.post(client, "/trips/T03/cancel", [("reason", "  ")])
            XCTAssertEqual(status, .unprocessableContent)
            XCTAssertTrue(html.contains("give the reason"), html)
            // A step the trip's status does not allow: the state machine's message.
            (status, html, _) = try await paula.post(
                client, "/trips/T01/book", [("ticket", "10"), ("depart", "2027-03-08"), ("return", "2027-03-12")])
            XCTAssertEqual(status, .unprocessableContent)
            XCTAssertTrue(html.contains("cannot take the step &quot;book&quot;; allowed from here: request, postpone, cancel"), html)
            // A field that cannot be read names the field.
            (status, html, _) = try await paula.post(
                client, "/trips/T01/book", [("ticket", "ten"), ("depart", "2027-03-08"), ("return", "2027-03-12")])
            XCTAssertEqual(status, .unprocessableContent)
            XCTAssertTrue(html.contains("Ticket cost: &quot;ten&quot; is not an amount in US dollars such as 1234.56"), html)
            XCTAssertEqual(try web.register.trip("T03").status, .planned)
        }
    }

    func testNobodyApprovesTheirOwnTrip() async throws {
        let web = try WebFixture.app(self)
        try web.register.apply(.request(depart: nil, justification: nil), to: "T01", by: RegisterActor(name: "setup"))
        try await WebFixture.test(web) { client in
            // The manager account named M1 is the traveller of T01.
            let (status, html, _) = try await Browser.login(client, "M1").post(client, "/trips/T01/approve")
            XCTAssertEqual(status, .unprocessableContent)
            XCTAssertTrue(html.contains("M1 travels on this trip and cannot approve it"), html)
            XCTAssertEqual(try web.register.trip("T01").status, .requested)
        }
    }

    func testTripIdsOfSeveralStopsWorkInLinksAndForms() async throws {
        var trips = WebFixture.trips
        trips[1].id = "2027-M2-BRAVO+CHARLIE"
        let web = try WebFixture.app(self, plan: WebFixture.planJSON(trips: trips))
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let list = try await paula.get(client, "/trips").1
            XCTAssertTrue(list.contains(#"<a href="/trips/2027-M2-BRAVO+CHARLIE">2027-M2-BRAVO+CHARLIE</a>"#), list)
            let page = try await paula.get(client, "/trips/2027-M2-BRAVO+CHARLIE")
            XCTAssertEqual(page.0, .ok)
            XCTAssertTrue(page.1.contains(#"action="/trips/2027-M2-BRAVO+CHARLIE/request""#))
            let (status, _, location) = try await paula.post(client, "/trips/2027-M2-BRAVO+CHARLIE/request")
            XCTAssertEqual(status, .seeOther)
            XCTAssertEqual(location, "/trips/2027-M2-BRAVO+CHARLIE?done=request")
            XCTAssertEqual(try web.register.trip("2027-M2-BRAVO+CHARLIE").status, .requested)
        }
    }

    func testUnknownTripsAndStepsAreNotFound() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            do {
                let got = try await paula.get(client, "/trips/T99").0
                XCTAssertEqual(got, .notFound)
            }
            do {
                let got = try await paula.post(client, "/trips/T01/explode").0
                XCTAssertEqual(got, .notFound)
            }
            do {
                let got = try await paula.post(client, "/trips/T99/request").0
                XCTAssertEqual(got, .notFound)
            }
        }
    }

    func testTheStylesheetIsServedWithoutLogIn() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            try await client.execute(uri: "/static/style.css", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(response.headers[.contentType], "text/css; charset=utf-8")
                XCTAssertTrue(String(buffer: response.body).contains("@media print"))
            }
            try await client.execute(uri: "/static/plan.js", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                XCTAssertEqual(response.headers[.contentType], "text/javascript; charset=utf-8")
                XCTAssertTrue(String(buffer: response.body).contains(#"fetch(box.getAttribute("data-status") || "/plan/status""#))
            }
            // Pages load nothing from elsewhere and run no inline script.
            let paula = try await Browser.login(client, "paula")
            try await client.execute(uri: "/plan", method: .get, headers: [.cookie: paula.cookie]) { response in
                let html = String(buffer: response.body)
                XCTAssertEqual(
                    response.headers[.init("Content-Security-Policy")!],
                    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'"
                )
                XCTAssertEqual(response.headers[.cacheControl], "no-store")
                XCTAssertTrue(html.contains(#"<script src="/static/plan.js"></script>"#))
                XCTAssertFalse(html.contains("<script>"))
                XCTAssertFalse(html.contains("http://") || html.contains("https://"))
            }
        }
    }

    // MARK: - Escaping

    func testHostileDataIsEscapedOnEveryPage() async throws {
        let hostile = "<script>alert(\"x\")</script>&'\u{1B}[2J\u{202E}\u{7}"
        var trips = WebFixture.trips
        trips[0].operation = hostile
        trips[1].id = "T<b>2"
        let web = try WebFixture.app(self, plan: WebFixture.planJSON(name: "plan-<i>", trips: trips))
        try web.register.apply(.cancel(reason: hostile), to: "T03", by: RegisterActor(name: hostile))
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            for path in ["/", "/trips", "/trips/T01", "/trips/T03", "/trips/T%3Cb%3E2"] {
                let (status, html) = try await paula.get(client, path)
                XCTAssertEqual(status, .ok, path)
                XCTAssertFalse(html.contains("<script>alert"), path)
                XCTAssertFalse(html.contains("<b>2"), path)
                XCTAssertFalse(html.contains("<i>"), path)
                for scalar in ["\u{1B}", "\u{202E}", "\u{7}"] { XCTAssertFalse(html.contains(scalar), path) }
            }
            let trip = try await paula.get(client, "/trips/T01").1
            XCTAssertTrue(trip.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&#39; [2J  "), trip)
            let list = try await paula.get(client, "/trips").1
            XCTAssertTrue(list.contains(#"<a href="/trips/T%3Cb%3E2">T&lt;b&gt;2</a>"#), list)
        }
    }
}

extension PageTests {
    /// The HTML from a heading `<h3>title</h3>` to the next `<h3>` or section end.
    static func section(_ html: String, _ title: String) -> String? {
        guard let start = html.range(of: "<h3>\(title)</h3>") else { return nil }
        let rest = html[start.upperBound...]
        let end = rest.range(of: "<h3>")?.lowerBound ?? rest.range(of: "</section>")?.lowerBound ?? rest.endIndex
        return String(rest[..<end])
    }
}
