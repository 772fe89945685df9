import Foundation
import VisitPlannerRegister
import XCTest

/// `visitplan users` and `visitplan serve`: the account commands and the listening rules.
final class WebCommandTests: XCTestCase {
    func run(_ arguments: [String]) throws -> EndToEndTests.Run { try Executable.run(arguments) }

    func testUsersAddGeneratesAPasswordAndRefusesWhatItCannotDo() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("vp-users-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("register-2027.sqlite").path
        let added = try run(["users", "add", "adam", "--role", "administrator", "--generate", "--register", db, "--by", "setup"])
        XCTAssertEqual(added.status, 0, added.err)
        let lines = added.out.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.first, "Added adam (administrator) to \(db).")
        let password = try XCTUnwrap(lines.last?.components(separatedBy: "Password (shown once): ").last)
        XCTAssertEqual(password.count, 20)
        // No terminal to ask on (the test's standard input is not one): refused, nothing added.
        let asked = try run(["users", "add", "paula", "--role", "planner", "--register", db])
        XCTAssertEqual(asked.status, 1)
        XCTAssertEqual(asked.err, "error: no terminal to ask for a password on; use --generate to have one made and printed\n")
        XCTAssertEqual(try run(["users", "add", "dora", "--role", "desk-officer", "--generate", "--register", db]).status, 64)
        XCTAssertEqual(try run(["users", "add", "x", "--role", "boss", "--generate", "--register", db]).status, 64)
        let again = try run(["users", "add", "ADAM", "--role", "planner", "--generate", "--register", db])
        XCTAssertEqual(again.status, 1)
        XCTAssertEqual(again.err, "error: an account named ADAM already exists\n")
        let list = try run(["users", "list", "--register", db])
        XCTAssertEqual(list.status, 0, list.err)
        XCTAssertTrue(list.out.hasPrefix("adam\tadministrator\t\tactive\t"), list.out)
        XCTAssertFalse(list.out.contains("$2b$"))

        // Disable, enable and a new password; the last administrator stays.
        XCTAssertEqual(try run(["users", "add", "paula", "--role", "planner", "--generate", "--register", db]).status, 0)
        let disabled = try run(["users", "disable", "Paula", "--note", "left", "--register", db, "--by", "adam"])
        XCTAssertEqual(disabled.out, "paula is disabled.\n", disabled.err)
        XCTAssertTrue(try run(["users", "list", "--register", db]).out.contains("paula\tplanner\t\tdisabled\t"))
        XCTAssertEqual(try run(["users", "enable", "paula", "--register", db]).out, "paula is active.\n")
        let last = try run(["users", "disable", "adam", "--register", db])
        XCTAssertEqual(last.status, 1)
        XCTAssertEqual(last.err, "error: adam is the last enabled administrator: enable or add another one first\n")
        let before = try XCTUnwrap(try Register(url: URL(fileURLWithPath: db)).user(named: "paula")).passwordHash
        let reset = try run(["users", "reset-password", "paula", "--generate", "--register", db])
        XCTAssertEqual(reset.status, 0, reset.err)
        XCTAssertTrue(
            reset.out.hasPrefix("New password for paula; the sessions opened with the old one have ended.\nPassword (shown once): "))
        let after = try XCTUnwrap(try Register(url: URL(fileURLWithPath: db)).user(named: "paula"))
        XCTAssertNotEqual(after.passwordHash, before)
        XCTAssertTrue(after.passwordHash.hasPrefix("$2b$"), "a bcrypt hash")
        let unknown = try run(["users", "reset-password", "nobody", "--generate", "--register", db])
        XCTAssertEqual(unknown.status, 1)
        XCTAssertEqual(unknown.err, "error: there is no account named nobody in \(db)\n")
        let noTerminal = try run(["users", "reset-password", "paula", "--register", db])
        XCTAssertEqual(noTerminal.err, "error: no terminal to ask for a password on; use --generate to have one made and printed\n")
    }

    func testServeListensOnLoopbackUnlessToldOtherwise() throws {
        let remote = try run(["serve", "--host", "0.0.0.0", "--register", "/nonexistent/r.sqlite"])
        XCTAssertEqual(remote.status, 64)
        XCTAssertTrue(
            remote.err.contains("--host 0.0.0.0 is reachable from other machines; add --allow-remote, and put the server behind HTTPS"),
            remote.err)
        XCTAssertEqual(try run(["serve", "--port", "0"]).status, 64)
    }
}
