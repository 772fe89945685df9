import Foundation
import GRDB
import VisitPlannerCore
import XCTest

@testable import VisitPlannerRegister

/// Nothing is lost: migrations keep data, deletes and history edits are refused, concurrent
/// writers never lose an update, a failed transaction leaves nothing, a backup is consistent.
final class SafetyTests: XCTestCase {
    typealias F = RegisterFixture

    // MARK: - Migrations

    func testTheSchemaVersionsAreNamedInOrder() {
        XCTAssertEqual(RegisterSchema.versions, ["v1", "v2", "v3", "v4", "v5"])
    }

    /// A register written at each earlier version, with data, migrates to the latest and keeps it.
    func testMigratesFromEveryEarlierVersion() throws {
        for version in RegisterSchema.versions.dropLast() {
            let url = try F.folder(self).appendingPathComponent("old.sqlite")
            do {
                let old = try Register(url: url, clock: F.clock(), migrateUpTo: version)
                XCTAssertEqual(try old.appliedMigrations().last, version)
                try old.adopt(try F.plan(), by: F.planner)
                // Raw SQL only: a step's code may need tables of later versions.
                try old.write { db in
                    try db.execute(sql: "UPDATE trip SET status = 'requested', justification = 'old data' WHERE id = 'T02'")
                }
            }
            let register = try Register(url: url, clock: F.clock())
            XCTAssertEqual(try register.appliedMigrations(), RegisterSchema.versions, "from \(version)")
            let t02 = try register.trip("T02")
            XCTAssertEqual(t02.status, .requested)
            XCTAssertEqual(t02.justification, "old data")
            XCTAssertEqual(try register.trips().map(\.estimate.total), [500_000, 205_000, 102_550].map { Money(cents: $0) })
            XCTAssertEqual(try register.settings(), .standard)
            XCTAssertEqual(try register.history(entity: "trip").count, 3)
            // The migrated register works.
            try register.apply(.approve(amount: nil), to: "T02", by: F.planner)
            XCTAssertEqual(try register.trip("T02").status, .approved)
        }
    }

    // MARK: - Nothing is deleted

    func testTripsAndHistoryCannotBeDeletedNorHistoryChanged() throws {
        let register = try F.register(self)
        let statements = [
            ("DELETE FROM trip WHERE id = 'T01'", "a trip is never deleted: cancel it with a reason"),
            ("DELETE FROM history", "the history is append-only: an entry cannot be deleted"),
            ("UPDATE history SET by = 'someone else'", "the history is append-only: an entry cannot be changed"),
            ("DELETE FROM plan", "an adopted plan is never deleted"),
            ("UPDATE plan SET envelope = 1", "an adopted plan is never changed: adopt a new one"),
            ("DELETE FROM virtualAssessment", "a virtual assessment is never deleted: it is cancelled"),
            ("DELETE FROM setting", "a setting is never deleted: change its value"),
        ]
        for (sql, message) in statements {
            XCTAssertThrowsError(try register.write { db in try db.execute(sql: sql) }, sql) { error in
                XCTAssertEqual((error as? DatabaseError)?.message, message, sql)
            }
        }
        XCTAssertEqual(try register.trips().count, 3)
    }

    /// A transaction whose last statement fails leaves none of its earlier ones applied.
    func testAFailedTransactionLeavesNothingApplied() throws {
        let register = try F.register(self)
        let history = try register.history().count
        XCTAssertThrowsError(
            try register.write { db in
                try db.execute(sql: "UPDATE trip SET status = 'cancelled', reason = 'oops'")
                try db.execute(sql: "DELETE FROM trip WHERE id = 'T03'")
            })
        XCTAssertEqual(try register.trips().map(\.status), [.planned, .planned, .planned])
        XCTAssertEqual(try register.history().count, history)
    }

    // MARK: - Concurrency

    /// Two connections (as two commands would open) each add 200 cost entries to the same trip
    /// and move their own trips: every entry lands, the total is exact, history has them all.
    func testConcurrentWritersNeverLoseAnUpdate() throws {
        let first = try F.register(self)
        let url = first.url
        for id in ["T01", "T02"] {
            try first.apply(.request(depart: nil, justification: nil), to: id, by: F.planner)
            try first.apply(.approve(amount: nil), to: id, by: F.supervisor)
            try first.apply(
                .book(ticket: F.money("1000"), depart: F.day("2027-03-08"), returnDay: F.day("2027-03-12")), to: id, by: F.planner)
            try first.apply(
                .travelled(.init(depart: F.day("2027-03-08"), returnDay: F.day("2027-03-12"), costs: TripCosts())), to: id, by: F.planner)
        }
        let before = try first.history().count
        let writers = 2, entries = 200
        let errors = ErrorBox()
        DispatchQueue.concurrentPerform(iterations: writers) { w in
            do {
                let register = try Register(url: url, clock: .stepping(from: F.start, by: 1))
                let actor = RegisterActor(name: "writer \(w)")
                for i in 0..<entries {
                    try register.apply(.addCost(TripCosts(other: Money(cents: 1)), note: "w\(w) #\(i)"), to: "T01", by: actor)
                    try register.apply(.addCost(TripCosts(dsa: Money(cents: 100)), note: nil), to: w == 0 ? "T02" : "T01", by: actor)
                }
            } catch {
                errors.add(error)
            }
        }
        XCTAssertEqual(errors.all.map { "\($0)" }, [])
        let t01 = try first.trip("T01"), t02 = try first.trip("T02")
        XCTAssertEqual(t01.actualOther, Money(cents: Int64(writers * entries)))
        XCTAssertEqual(t01.actualDsa, Money(cents: Int64(entries * 100)))
        XCTAssertEqual(t02.actualDsa, Money(cents: Int64(entries * 100)))
        let costEntries = try first.history().dropFirst(before).filter { $0.action == "cost" }
        XCTAssertEqual(costEntries.count, writers * entries * 2)
        // Each entry's old value is the previous one's new value: a chain with no gap.
        let others = costEntries.filter { $0.entityId == "T01" && $0.field == "actualOther" }
        XCTAssertEqual(others.map { HistoryEntry.shown($0.new) }, (1...(writers * entries)).map(String.init))
    }

    // MARK: - Backup

    func testBackupIsAConsistentCopyWhileAnotherConnectionWrites() throws {
        let register = try F.register(self)
        let copy = try F.folder(self).appendingPathComponent("backup.sqlite")
        let writer = try Register(url: register.url, clock: F.clock())
        let group = DispatchGroup()
        let errors = ErrorBox()
        DispatchQueue.global().async(group: group) {
            do {
                for i in 0..<100 {
                    try writer.change(
                        settings: RegisterSettings(requestLeadDays: 22 + i % 2, reapprovalThreshold: Rate(millionths: 100_000)),
                        by: F.planner)
                }
            } catch { errors.add(error) }
        }
        try register.backup(to: copy)
        group.wait()
        XCTAssertEqual(errors.all.map { "\($0)" }, [])
        let restored = try Register(url: copy, clock: F.clock())
        XCTAssertEqual(try restored.trips().map(\.id), ["T01", "T02", "T03"])
        // Consistent: the lead-days setting matches the last "set" entry of the copy's history.
        let lastSet = try restored.history(entity: "setting").last.map { HistoryEntry.shown($0.new) } ?? "21"
        XCTAssertEqual(String(try restored.settings().requestLeadDays), lastSet)
        XCTAssertThrowsError(try register.backup(to: copy)) {
            XCTAssertEqual("\($0)", "\(copy.path) exists; choose a new file name (a backup never overwrites)")
        }
    }
}

/// Errors gathered from several threads.
final class ErrorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var errors: [Error] = []
    func add(_ error: Error) { lock.lock(); errors.append(error); lock.unlock() }
    var all: [Error] { lock.lock(); defer { lock.unlock() }; return errors }
}
