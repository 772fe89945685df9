import Foundation
import Hummingbird
import HummingbirdTesting
import VisitPlannerRegister
import XCTest

@testable import VisitPlannerWeb

/// The accounts page: an administrator adds accounts in the browser, by the rules of
/// `visitplan users add`; nobody else may.
final class AccountPageTests: XCTestCase {
    static func generatedPassword(_ html: String) -> String? {
        guard let r = html.range(of: #"<code id="generated-password">"#) else { return nil }
        let rest = html[r.upperBound...]
        return rest.firstIndex(of: "<").map { String(rest[..<$0]) }
    }

    func testAnAdministratorAddsAnAccountThatCanLogIn() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let adam = try await Browser.login(client, "adam")
            let form = try await adam.get(client, "/users").1
            XCTAssertTrue(form.contains(#"<form id="add-user" method="post" action="/users/add" class="card">"#), form)
            XCTAssertTrue(form.contains(#"<option value="desk-officer">desk officer</option>"#), form)
            let (status, html, _) = try await adam.post(client, "/users/add", [("name", " Gina "), ("role", "reviewer"), ("manager", "")])
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(html.contains("Added Gina (reviewer)."), html)
            let password = try XCTUnwrap(Self.generatedPassword(html))
            XCTAssertEqual(password.count, 20)
            XCTAssertTrue(html.contains("<tr><td>Gina</td><td>reviewer</td><td></td><td>2027-01-04T09:00"), html)
            let gina = try await Browser.attempt(client, "gina", password: password)
            XCTAssertEqual(gina.0, .seeOther)
            let entry = try XCTUnwrap(try web.register.history(entity: "account").last)
            XCTAssertEqual(entry.by, "adam")
            XCTAssertEqual(entry.entityId, "Gina")
            XCTAssertEqual(HistoryEntry.shown(entry.new), "reviewer")
            XCTAssertFalse(try web.register.read { db in try String.fetchAll(db, sql: "SELECT new FROM history") }.contains(password))
            // The list shown again holds no password.
            let again = try await adam.get(client, "/users").1
            XCTAssertNil(Self.generatedPassword(again))
        }
    }

    func testADeskOfficerIsLinkedToTheirManager() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let adam = try await Browser.login(client, "adam")
            let (status, html, _) = try await adam.post(
                client, "/users/add", [("name", "dina"), ("role", "desk officer"), ("manager", "M2")])
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(html.contains("Added dina (desk officer, manager M2)."), html)
            XCTAssertEqual(try web.register.user(named: "dina")?.managerId, "M2")
        }
    }

    /// Each rule of `users add`, refused with its message, what was typed kept, nothing added.
    func testTheRulesOfUsersAddAreTheFormsRules() async throws {
        let web = try WebFixture.app(self)
        let cases: [([(String, String)], String, String)] = [
            (
                [("name", "dora2"), ("role", "desk-officer"), ("manager", "")],
                "a desk officer&#39;s account needs the manager id of their trips (--manager ID).", #"value="dora2""#
            ),
            (
                [("name", "mo<b>"), ("role", "manager"), ("manager", "M1")],
                "only a desk officer&#39;s account is linked to a manager id (--manager).", #"value="mo&lt;b&gt;""#
            ),
            ([("name", "PAULA"), ("role", "planner"), ("manager", "")], "an account named PAULA already exists.", #"value="PAULA""#),
            (
                [("name", "x"), ("role", "boss"), ("manager", "")],
                "Role: expected one of planner, manager, desk-officer, reviewer, administrator, found &quot;boss&quot;.", #"value="x""#
            ),
            ([("name", ""), ("role", "planner"), ("manager", "")], "an account name must have 1 to 64 characters.", #"value="""#),
        ]
        try await WebFixture.test(web) { client in
            let adam = try await Browser.login(client, "adam")
            let before = try web.register.users().count
            for (fields, message, kept) in cases {
                let (status, html, _) = try await adam.post(client, "/users/add", fields)
                XCTAssertEqual(status, .unprocessableContent, message)
                XCTAssertTrue(html.contains(#"<p class="error" role="alert">\#(message)</p>"#), html)
                XCTAssertTrue(
                    html.contains(#"<input id="user-name" name="name" required maxlength="64" autocomplete="off" \#(kept)>"#), html)
                XCTAssertNil(Self.generatedPassword(html))
            }
            XCTAssertEqual(try web.register.users().count, before)
        }
    }

    func testOnlyAnAdministratorAddsAccounts() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            for name in ["paula", "mona", "dora", "rita"] {
                let browser = try await Browser.login(client, name)
                let (status, _, _) = try await browser.post(client, "/users/add", [("name", "eve"), ("role", "administrator")])
                XCTAssertEqual(status, .forbidden, name)
                let entry = try XCTUnwrap(try web.register.history().last)
                XCTAssertEqual(entry.action, "refused")
                XCTAssertEqual(entry.entityId, "/users/add")
                XCTAssertEqual(HistoryEntry.shown(entry.new), "users.manage")
            }
            let adam = try await Browser.login(client, "adam")
            let forged = try await adam.post(client, "/users/add", [("name", "eve"), ("role", "administrator")], csrf: "forged")
            XCTAssertEqual(forged.0, .forbidden)
            XCTAssertNil(try web.register.user(named: "eve"))
        }
    }

    /// Disabling an account ends its sessions and its log-ins; a new password ends the
    /// sessions opened with the old one and is shown once; only an administrator may.
    func testAnAdministratorDisablesAndResetsAccounts() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let adam = try await Browser.login(client, "adam")
            let dora = try await Browser.login(client, "dora")
            let list = try await adam.get(client, "/users").1
            XCTAssertTrue(
                list.contains(
                    #"<form method="post" action="/users/state" class="inline"><input type="hidden" name="csrf" value="\#(adam.csrf)"><input type="hidden" name="name" value="dora"><input type="hidden" name="state" value="disabled"><button type="submit">Disable</button></form>"#
                ), list)
            var (status, html, _) = try await adam.post(client, "/users/state", [("name", "dora"), ("state", "disabled")])
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(html.contains("dora is disabled."), html)
            XCTAssertTrue(html.contains("<tr><td>dora</td><td>desk officer</td><td>M1</td>"), html)
            let ended = try await dora.get(client, "/trips").0
            XCTAssertEqual(ended, .seeOther, "the open session has ended")
            let refused = try await Browser.attempt(client, "dora", password: WebFixture.password).0
            XCTAssertEqual(refused, .unauthorized)
            (status, html, _) = try await adam.post(client, "/users/state", [("name", "adam"), ("state", "disabled")])
            XCTAssertEqual(status, .unprocessableContent)
            XCTAssertTrue(html.contains("adam is the last enabled administrator: enable or add another one first."), html)
            (status, html, _) = try await adam.post(client, "/users/state", [("name", "dora"), ("state", "active")])
            XCTAssertTrue(html.contains("dora is active."), html)

            let again = try await Browser.login(client, "dora")
            (status, html, _) = try await adam.post(client, "/users/password", [("name", "dora")])
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(html.contains("New password for dora; the sessions opened with the old one have ended."), html)
            let password = try XCTUnwrap(Self.generatedPassword(html))
            let oldSession = try await again.get(client, "/trips").0
            XCTAssertEqual(oldSession, .seeOther, "the session of the old password has ended")
            let oldPassword = try await Browser.attempt(client, "dora", password: WebFixture.password).0
            XCTAssertEqual(oldPassword, .unauthorized)
            let newPassword = try await Browser.attempt(client, "dora", password: password).0
            XCTAssertEqual(newPassword, .seeOther)
            let own = try await adam.get(client, "/users").0
            XCTAssertEqual(own, .ok, "the administrator's own session is untouched")

            let paula = try await Browser.login(client, "paula")
            for (path, fields) in [("/users/state", [("name", "dora"), ("state", "disabled")]), ("/users/password", [("name", "dora")])] {
                let byPlanner = try await paula.post(client, path, fields).0
                XCTAssertEqual(byPlanner, .forbidden, path)
                let forged = try await adam.post(client, path, fields, csrf: "forged").0
                XCTAssertEqual(forged, .forbidden, path)
            }
            XCTAssertNotNil(try web.register.user(named: "dora"))
        }
    }
}
