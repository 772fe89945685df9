import Foundation
import Hummingbird
import HummingbirdTesting
import VisitPlannerRegister
import XCTest

@testable import VisitPlannerWeb

/// Every request outside one's role is refused (403) and recorded in the register's history.
final class PermissionTests: XCTestCase {
    /// The route that takes each action, and the fields it posts (nil: a GET).
    static func route(_ action: WebAction) -> (String, [(String, String)]?) {
        switch action {
        case .viewYear: return ("/", nil)
        case .viewTrips: return ("/trips", nil)
        case .requestTrip: return ("/trips/T01/request", [])
        case .approveTrip: return ("/trips/T01/approve", [])
        case .bookTrip: return ("/trips/T01/book", [("ticket", "1"), ("depart", "2027-03-08"), ("return", "2027-03-12")])
        case .travelledTrip: return ("/trips/T01/travelled", [])
        case .postponeTrip: return ("/trips/T01/postpone", [("reason", "r")])
        case .cancelTrip: return ("/trips/T01/cancel", [("reason", "r")])
        case .viewPlan: return ("/plan", nil)
        case .runPlan: return ("/plan/run", [])
        case .cancelPlan: return ("/plan/cancel", [])
        case .adoptPlan: return ("/plan/adopt", [("plan", "x")])
        case .download: return ("/plan/files/x/trips.csv", nil)
        case .manageUsers: return ("/users", nil)
        case .viewData: return ("/data", nil)
        case .editData: return ("/data/dsa.csv/1", [("c.rate", "1")])
        case .viewReports: return ("/reports", nil)
        case .uploadReport: return ("/reports/submit/T01", [])
        case .reviewReport: return ("/reports/clear/T01", [("step", "gender")])
        case .trackRecommendations: return ("/reports/recommendations", [("id", "x"), ("status", "open"), ("note", "n")])
        case .viewScenarios: return ("/scenarios", nil)
        case .editScenarios: return ("/scenarios/save", [("scenarios", "x")])
        case .runComparison: return ("/scenarios/run", [])
        }
    }

    func testTheTableGivesEachRoleItsWork() {
        XCTAssertEqual(
            Permissions.table[.manager],
            [
                .viewYear, .viewTrips, .approveTrip, .viewPlan, .download, .viewData, .viewReports, .reviewReport, .trackRecommendations,
                .viewScenarios, .editScenarios, .runComparison,
            ])
        XCTAssertEqual(Permissions.table[.reviewer], [.viewYear, .viewTrips, .viewReports, .reviewReport, .trackRecommendations])
        XCTAssertEqual(Permissions.table[.administrator], [.viewYear, .manageUsers])
        XCTAssertFalse(Permissions.allows(.planner, .approveTrip))
        XCTAssertFalse(Permissions.allows(.deskOfficer, .approveTrip))
        XCTAssertTrue(Permissions.allows(.deskOfficer, .travelledTrip))
    }

    /// Every (role, action) the table refuses, through its route: 403, the trip untouched, one
    /// history entry naming the account and the action.
    func testEveryRefusalIs403AndRecorded() async throws {
        let web = try WebFixture.app(self)
        let users = ["paula": UserRole.planner, "mona": .manager, "dora": .deskOfficer, "rita": .reviewer, "adam": .administrator]
        try await WebFixture.test(web) { client in
            var checked = 0
            for (name, role) in users.sorted(by: { $0.key < $1.key }) {
                let browser = try await Browser.login(client, name)
                for action in WebAction.allCases where !Permissions.allows(role, action) {
                    let before = try web.register.history().count
                    let (path, fields) = Self.route(action)
                    let status: HTTPResponse.Status
                    if let fields {
                        status = try await browser.post(client, path, fields).0
                    } else {
                        status = try await browser.get(client, path).0
                    }
                    XCTAssertEqual(status, .forbidden, "\(name) \(action)")
                    let after = try web.register.history()
                    XCTAssertEqual(after.count, before + 1, "\(name) \(action)")
                    let entry = try XCTUnwrap(after.last)
                    XCTAssertEqual(entry.entity, "access")
                    XCTAssertEqual(entry.action, "refused")
                    XCTAssertEqual(entry.by, name == "dora" ? "M1" : name)
                    XCTAssertEqual(HistoryEntry.shown(entry.new), action.rawValue)
                    XCTAssertEqual(entry.at.count, "2027-01-04T09:00:00Z".count)
                    checked += 1
                }
            }
            XCTAssertEqual(checked, 4 + 11 + 16 + 18 + 21)
            XCTAssertEqual(try web.register.trip("T01").status, .planned)
        }
    }

    func testADeskOfficerIsRefusedAnotherManagersTrip() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let dora = try await Browser.login(client, "dora")
            do {
                let got = try await dora.get(client, "/trips/T02").0
                XCTAssertEqual(got, .forbidden)
            }
            do {
                let got = try await dora.post(client, "/trips/T02/request").0
                XCTAssertEqual(got, .forbidden)
            }
            let refusals = try web.register.history().filter { $0.entity == "access" }
            XCTAssertEqual(refusals.map(\.entityId), ["trip T02", "trip T02"])
            XCTAssertEqual(refusals.map { HistoryEntry.shown($0.new) }, ["trips.view", "trip.request"])
            XCTAssertEqual(try web.register.trip("T02").status, .planned)
            // Their own trip is theirs to request.
            do {
                let got = try await dora.post(client, "/trips/T01/request").0
                XCTAssertEqual(got, .seeOther)
            }
        }
    }

    func testNavigationShowsOnlyWhatTheRoleMayOpen() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let admin = try await Browser.login(client, "adam").get(client, "/").1
            XCTAssertTrue(admin.contains(#"<a href="/users">Accounts</a>"#))
            XCTAssertFalse(admin.contains(#"<a href="/trips">"#))
            let rita = try await Browser.login(client, "rita").get(client, "/").1
            XCTAssertFalse(rita.contains(#"<a href="/plan">"#))
            let users = try await Browser.login(client, "adam").get(client, "/users").1
            XCTAssertTrue(users.contains("<tr><td>dora</td><td>desk officer</td><td>M1</td>"), users)
            XCTAssertFalse(users.contains("$2"), "no password hash is shown")
        }
    }
}
