import Foundation
import Hummingbird
import HummingbirdTesting
import VisitPlannerCore
import VisitPlannerRegister
import XCTest

@testable import VisitPlannerWeb

/// The scenarios page: the scenarios file edited with the loader's checks, a comparison run
/// off the request path, its table and chart.
final class ScenarioPageTests: XCTestCase {
    func app() throws -> WebApp {
        let web = try WebFixture.app(self) { $0.planTimeLimit = 20 }
        try DataFixture.write(to: web.configuration.dataFolder)
        return web
    }

    static let valid =
        "# Two budgets\nscenarios:\n  - id: base\n    title: Base budget\n  - id: cut\n    title: Cut <by> 20%\n    envelope: 8000.00\n"

    func testScenariosAreSavedOnlyWhenTheyPassTheChecks() async throws {
        let web = try app()
        try await WebFixture.test(web) { client in
            let mona = try await Browser.login(client, "mona")
            let page = try await mona.get(client, "/scenarios")
            XCTAssertEqual(page.0, .ok)
            XCTAssertTrue(page.1.contains("<p>" + WebApp.valueInWords.replacingOccurrences(of: "'", with: "&#39;") + "</p>"), page.1)
            let bad = "scenarios:\n  - id: base\n    envelope: lots\n"
            let refused = try await mona.post(client, "/scenarios/save", [("digest", ""), ("scenarios", bad)])
            XCTAssertEqual(refused.0, .unprocessableContent)
            XCTAssertTrue(refused.1.contains(#"<ul id="scenarios-errors" class="field-error"><li>scenarios.yaml:3: "#), refused.1)
            XCTAssertTrue(refused.1.contains(">\nscenarios:\n  - id: base\n    envelope: lots\n</textarea>"), "what was typed is kept")
            XCTAssertFalse(FileManager.default.fileExists(atPath: web.scenariosURL().path))
            let saved = try await mona.post(client, "/scenarios/save", [("digest", ""), ("scenarios", Self.valid)])
            XCTAssertEqual(saved.0, .ok)
            XCTAssertTrue(saved.1.contains("Saved scenarios.yaml."), saved.1)
            XCTAssertTrue(saved.1.contains("    title: Cut &lt;by&gt; 20%\n"), saved.1)
            XCTAssertEqual(try String(contentsOf: web.scenariosURL(), encoding: .utf8), Self.valid)
            let entry = try XCTUnwrap(try web.register.history(entity: "data").last)
            XCTAssertEqual(entry.entityId, "scenarios.yaml")
            XCTAssertEqual(entry.by, "mona")
            XCTAssertEqual(HistoryEntry.shown(entry.new), Self.valid)
            let stale = try await mona.post(client, "/scenarios/save", [("digest", "old"), ("scenarios", "scenarios: []\n")])
            XCTAssertEqual(stale.0, .conflict)
        }
    }

    func testTwoBudgetsAreComparedInTheBackground() async throws {
        let web = try app()
        try await WebFixture.test(web) { client in
            let mona = try await Browser.login(client, "mona")
            let wrong = try await mona.post(client, "/scenarios/run", [("budgets", "10000 lots")])
            XCTAssertEqual(wrong.0, .unprocessableContent)
            XCTAssertTrue(wrong.1.contains("found &quot;lots&quot;."), wrong.1)
            let (status, _, location) = try await mona.post(client, "/scenarios/run", [("budgets", "10000 6000")])
            XCTAssertEqual(status, .seeOther)
            XCTAssertEqual(location, "/scenarios")
            for _ in 0..<600 where web.compareJobs.current?.isBusy == true { try await Task.sleep(nanoseconds: 100_000_000) }
            XCTAssertEqual(web.compareJobs.current?.state, .finished, web.compareJobs.current?.detail ?? "")
            let page = try await mona.get(client, "/scenarios").1
            XCTAssertTrue(page.contains(#"<table id="comparison">"#), page)
            XCTAssertTrue(page.contains(#"<td class="num">$10,000.00</td>"#), page)
            XCTAssertTrue(page.contains(#"<td class="num">$6,000.00</td>"#), page)
            XCTAssertTrue(page.contains(#"<img src="/scenarios/chart.svg""#), page)
            try await client.execute(uri: "/scenarios/chart.svg", method: .get, headers: [.cookie: mona.cookie]) { r in
                XCTAssertEqual(r.status, .ok)
                XCTAssertEqual(r.headers[.contentType], "image/svg+xml")
                XCTAssertTrue(String(buffer: r.body).contains("<svg"))
            }
        }
    }

    func testOnlyPlannersAndManagersCompare() async throws {
        let web = try app()
        try await WebFixture.test(web) { client in
            for name in ["dora", "rita", "adam"] {
                let browser = try await Browser.login(client, name)
                let view = try await browser.get(client, "/scenarios").0
                XCTAssertEqual(view, .forbidden, name)
                let run = try await browser.post(client, "/scenarios/run", [("budgets", "1000")]).0
                XCTAssertEqual(run, .forbidden, name)
                XCTAssertEqual(HistoryEntry.shown(try web.register.history().last!.new), "scenarios.compare")
            }
            XCTAssertNil(web.compareJobs.current)
        }
    }
}
