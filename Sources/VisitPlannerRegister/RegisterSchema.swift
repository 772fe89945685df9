import Foundation
import GRDB

/// The register's schema, as named, versioned migrations.
///
/// A migration, once released, never changes: a later need is a new migration (`v3`…), and
/// `RegisterMigrationTests` migrates a database written at every earlier version to the latest.
/// Nothing is ever deleted: triggers refuse a DELETE of any row and an UPDATE of history.
public enum RegisterSchema {
    /// Every migration, in order.
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in try v1(db) }
        migrator.registerMigration("v2") { db in try v2(db) }
        migrator.registerMigration("v3") { db in try RegisterUser.createTable(db) }
        migrator.registerMigration("v4") { db in try v4(db) }
        migrator.registerMigration("v5") { db in try v5(db) }
        return migrator
    }

    /// The migration identifiers, oldest first.
    public static var versions: [String] { migrator.migrations }

    // MARK: - v1: plans, managers, trips, virtual assessments, history

    static func v1(_ db: Database) throws {
        try db.create(table: "plan") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull()
            t.column("adoptedAt", .text).notNull()
            t.column("adoptedBy", .text).notNull()
            t.column("horizonStart", .text).notNull()
            t.column("horizonEnd", .text).notNull()
            t.column("envelope", .integer).notNull()
            t.column("pscMillionths", .integer).notNull()
            t.column("travelCap", .integer).notNull()
            t.column("plannedTravel", .integer).notNull()
            t.column("document", .text).notNull()
        }
        try db.create(table: "manager") { t in
            t.primaryKey("id", .text)
            t.column("name", .text).notNull()
        }
        try db.create(table: "trip") { t in
            t.primaryKey("id", .text)
            t.column("manager", .text).notNull()
            t.column("status", .text).notNull()
                .check(
                    sql:
                        "status IN ('planned','requested','approved','booked','travelled','report-submitted','closed','postponed','cancelled')"
                )
            t.column("planId", .integer).notNull().references("plan")
            t.column("depart", .text).notNull()
            t.column("returnDay", .text).notNull()
            t.column("stops", .text).notNull()
            for name in ["estimatedAirfare", "estimatedDsa", "estimatedTerminal", "estimatedAccess", "estimatedOther"] {
                t.column(name, .integer).notNull().check { $0 >= 0 }
            }
            t.column("approvedCost", .integer)
            t.column("approvedBy", .text)
            t.column("approvedDepart", .text)
            t.column("approvedReturn", .text)
            t.column("approvedStops", .text)
            t.column("bookedTicket", .integer)
            t.column("bookedCost", .integer)
            t.column("bookedDepart", .text)
            t.column("bookedReturn", .text)
            t.column("actualDepart", .text)
            t.column("actualReturn", .text)
            t.column("actualTraveller", .text)
            t.column("actualStops", .text)
            for name in ["actualAirfare", "actualDsa", "actualTerminal", "actualAccess", "actualOther"] {
                t.column(name, .integer).check { $0 == nil || $0 >= 0 }
            }
            t.column("notAsPlanned", .boolean).notNull().defaults(to: false)
            t.column("needsReapproval", .boolean).notNull().defaults(to: false)
            t.column("reason", .text)
            t.column("justification", .text)
        }
        try db.create(table: "virtualAssessment") { t in
            t.primaryKey("operation", .text)
            t.column("manager", .text).notNull()
            t.column("status", .text).notNull().check(sql: "status IN ('planned','cancelled')")
            t.column("planId", .integer).notNull().references("plan")
            t.column("reason", .text)
        }
        try db.create(table: "history") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .text).notNull()
            t.column("by", .text).notNull()
            t.column("entity", .text).notNull()
            t.column("entityId", .text).notNull()
            t.column("action", .text).notNull()
            t.column("field", .text)
            // No declared type: SQLite keeps each value's own type (integer cents stay integers).
            t.column("old")
            t.column("new")
            t.column("comment", .text)
        }
        try db.create(index: "history_entity", on: "history", columns: ["entity", "entityId"])
        try db.execute(
            sql: """
                CREATE TRIGGER history_no_update BEFORE UPDATE ON history
                BEGIN SELECT RAISE(ABORT, 'the history is append-only: an entry cannot be changed'); END;
                CREATE TRIGGER history_no_delete BEFORE DELETE ON history
                BEGIN SELECT RAISE(ABORT, 'the history is append-only: an entry cannot be deleted'); END;
                CREATE TRIGGER trip_no_delete BEFORE DELETE ON trip
                BEGIN SELECT RAISE(ABORT, 'a trip is never deleted: cancel it with a reason'); END;
                CREATE TRIGGER plan_no_delete BEFORE DELETE ON plan
                BEGIN SELECT RAISE(ABORT, 'an adopted plan is never deleted'); END;
                CREATE TRIGGER plan_no_update BEFORE UPDATE ON plan
                BEGIN SELECT RAISE(ABORT, 'an adopted plan is never changed: adopt a new one'); END;
                CREATE TRIGGER virtual_no_delete BEFORE DELETE ON virtualAssessment
                BEGIN SELECT RAISE(ABORT, 'a virtual assessment is never deleted: it is cancelled'); END;
                CREATE TRIGGER manager_no_delete BEFORE DELETE ON manager
                BEGIN SELECT RAISE(ABORT, 'a manager is never deleted from the register'); END;
                """)
    }

    // MARK: - v2: settings shared by everyone who uses the register

    static func v2(_ db: Database) throws {
        try db.create(table: "setting") { t in
            t.primaryKey("key", .text)
            t.column("value", .text).notNull()
        }
        try db.execute(
            sql: "INSERT INTO setting (key, value) VALUES (?, ?), (?, ?)",
            arguments: [
                RegisterSettings.Key.requestLeadDays.rawValue, String(RegisterSettings.standard.requestLeadDays),
                RegisterSettings.Key.reapprovalThreshold.rawValue, RegisterSettings.standard.reapprovalThreshold.description,
            ])
        try db.execute(
            sql: """
                CREATE TRIGGER setting_no_delete BEFORE DELETE ON setting
                BEGIN SELECT RAISE(ABORT, 'a setting is never deleted: change its value'); END;
                """)
    }

    // MARK: - v4: recommendations of submitted reports, followed up (v3, accounts, is in RegisterUser)

    static func v4(_ db: Database) throws {
        try db.create(table: "recommendation") { t in
            t.primaryKey("id", .text)
            t.column("operation", .text).notNull()
            t.column("report", .text).notNull()
            t.column("reportFile", .text).notNull()
            t.column("reportDate", .text)
            t.column("text", .text).notNull()
            t.column("area", .text).notNull()
            t.column("addressedTo", .text).notNull()
            t.column("deadline", .text)
            t.column("priority", .text).notNull()
            t.column("status", .text).notNull()
                .check(sql: "status IN ('open','in-progress','implemented','not-accepted','superseded')")
        }
        try db.create(index: "recommendation_operation", on: "recommendation", columns: ["operation"])
        try db.execute(
            sql: """
                CREATE TRIGGER recommendation_no_delete BEFORE DELETE ON recommendation
                BEGIN SELECT RAISE(ABORT, 'a recommendation is never deleted: mark it superseded or not accepted'); END;
                """)
    }

    // MARK: - v5: clearance of reports (submitted, reviewed, transmitted)

    static func v5(_ db: Database) throws {
        try db.create(table: "reportClearance") { t in
            t.primaryKey("trip", .text).references("trip")
            t.column("stage", .text).notNull().check(sql: "stage IN ('submitted','reviewed','transmitted')")
            t.column("submittedAt", .text).notNull()
            t.column("submittedBy", .text).notNull()
            for step in ["submitted", "gender", "supervisor", "transmitted"] {
                if step != "submitted" {
                    t.column(step + "At", .text)
                    t.column(step + "By", .text)
                }
                t.column(step + "Comment", .text)
            }
        }
        try db.execute(
            sql: """
                CREATE TRIGGER report_clearance_no_delete BEFORE DELETE ON reportClearance
                BEGIN SELECT RAISE(ABORT, 'a report clearance is never deleted'); END;
                """)
    }
}
