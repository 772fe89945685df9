import Foundation
import VisitPlannerRegister
import XCTest

@testable import VisitPlannerWeb

/// Accounts in the register: the rules `users add` relies on, and what the history keeps.
final class AccountTests: XCTestCase {
    func register() throws -> Register {
        try Register(url: try WebFixture.folder(self).appendingPathComponent("r.sqlite"), clock: .stepping(from: WebFixture.start))
    }

    func testAnAccountIsAddedWithItsRoleAndRecordedWithoutItsHash() throws {
        let r = try register()
        let hash = WebApp.hashPassword("a long enough password", cost: 4)
        let added = try r.addUser(
            RegisterUser(name: " dora ", role: .deskOfficer, managerId: "M1", passwordHash: hash), by: RegisterActor(name: "adam"))
        XCTAssertEqual(added.name, "dora")
        XCTAssertEqual(added.createdAt, "2027-01-04T09:00:00Z")
        XCTAssertEqual(try r.user(named: "DORA")?.managerId, "M1")
        let history = try r.history(entity: "account")
        XCTAssertEqual(history.count, 1)
        XCTAssertEqual(history[0].by, "adam")
        XCTAssertEqual(HistoryEntry.shown(history[0].new), "desk-officer")
        XCTAssertEqual(history[0].comment, "manager M1")
        XCTAssertFalse(try r.read { db in try String.fetchAll(db, sql: "SELECT new FROM history") }.contains(hash))
    }

    func testTheRulesOfAnAccount() throws {
        let r = try register()
        let by = RegisterActor(name: "adam")
        try r.addUser(RegisterUser(name: "paula", role: .planner, managerId: nil, passwordHash: "h"), by: by)
        let cases: [(RegisterUser, String)] = [
            (RegisterUser(name: "PAULA", role: .manager, managerId: nil, passwordHash: "h"), "an account named PAULA already exists"),
            (RegisterUser(name: "  ", role: .manager, managerId: nil, passwordHash: "h"), "an account name must have 1 to 64 characters"),
            (
                RegisterUser(name: "dora", role: .deskOfficer, managerId: nil, passwordHash: "h"),
                "a desk officer's account needs the manager id of their trips (--manager ID)"
            ),
            (
                RegisterUser(name: "mona", role: .manager, managerId: "M1", passwordHash: "h"),
                "only a desk officer's account is linked to a manager id (--manager)"
            ),
            (
                RegisterUser(name: "a\u{1B}[2Jb", role: .manager, managerId: nil, passwordHash: "h"),
                "the account name contains a control character (U+001B ESC)"
            ),
        ]
        for (user, message) in cases {
            XCTAssertThrowsError(try r.addUser(user, by: by), user.name) { error in
                XCTAssertEqual((error as? RegisterError)?.description, message)
            }
        }
        XCTAssertEqual(try r.users().map(\.name), ["paula"])
    }

    func testAnAccountIsNeverDeleted() throws {
        let r = try register()
        try r.addUser(RegisterUser(name: "paula", role: .planner, managerId: nil, passwordHash: "h"), by: RegisterActor(name: "a"))
        XCTAssertThrowsError(try r.write { db in try db.execute(sql: "DELETE FROM account") })
        XCTAssertEqual(try r.users().count, 1)
    }

    /// Disable and enable are recorded, saying nothing twice; the last administrator stays;
    /// a reset password is recorded as reset, never as its hash.
    func testDisablingAndResettingAreRecordedAndTheLastAdministratorStays() throws {
        let r = try register()
        let a = RegisterActor(name: "adam")
        try r.addUser(RegisterUser(name: "adam", role: .administrator, managerId: nil, passwordHash: "h0"), by: a)
        try r.addUser(RegisterUser(name: "paula", role: .planner, managerId: nil, passwordHash: "h1"), by: a)
        XCTAssertTrue(try r.setDisabled("PAULA", true, by: a, comment: "left the Division").disabled)
        XCTAssertNil(try r.user(named: "paula"), "a disabled account is not found for log-in")
        XCTAssertTrue(try r.setDisabled("paula", true, by: a).disabled, "disabling twice changes nothing")
        XCTAssertFalse(try r.setDisabled("paula", false, by: a).disabled)
        XCTAssertNotNil(try r.user(named: "paula"))
        XCTAssertThrowsError(try r.setDisabled("adam", true, by: a)) { error in
            XCTAssertEqual("\(error)", "adam is the last enabled administrator: enable or add another one first")
        }
        XCTAssertThrowsError(try r.setDisabled("nobody", true, by: a)) { error in
            XCTAssertEqual("\(error)", "there is no account named nobody")
        }
        try r.resetPassword("paula", hash: "h2-secret-hash", by: a)
        XCTAssertEqual(try r.user(named: "paula")?.passwordHash, "h2-secret-hash")
        let entries = try r.history(entity: "account").filter { $0.entityId == "paula" }
        XCTAssertEqual(
            entries.map {
                "\($0.action) \($0.field ?? "") \(HistoryEntry.shown($0.old)) → \(HistoryEntry.shown($0.new)) \($0.comment ?? "")"
            },
            [
                "add role — → planner ", "disable state active → disabled left the Division", "enable state disabled → active ",
                "reset-password password — → reset ",
            ])
        XCTAssertFalse(
            try r.read { db in try String.fetchAll(db, sql: "SELECT coalesce(new, '') FROM history") }.contains("h2-secret-hash"))
    }

    func testPasswordsAreBcryptHashes() {
        let hash = WebApp.hashPassword("correct horse battery staple", cost: 4)
        XCTAssertTrue(hash.hasPrefix("$2b$04$"), hash)
        XCTAssertFalse(hash.contains("correct"))
    }

    func testRolesReadAsPeopleWriteThem() {
        XCTAssertEqual(UserRole(reading: "Desk Officer"), .deskOfficer)
        XCTAssertEqual(UserRole(reading: "desk-officer"), .deskOfficer)
        XCTAssertEqual(UserRole(reading: "ADMINISTRATOR"), .administrator)
        XCTAssertNil(UserRole(reading: "boss"))
    }
}
