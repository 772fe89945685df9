import Foundation
import GRDB

/// What a person may do in the web application; one role per account.
public enum UserRole: String, Codable, Sendable, CaseIterable, CustomStringConvertible, DatabaseValueConvertible {
    /// Edits data, plans, re-plans, adopts and books.
    case planner
    /// Compares scenarios and approves trips.
    case manager
    /// A mission manager who travels: sees their own trips, books them, enters actual costs.
    case deskOfficer = "desk-officer"
    /// Clears submitted reports.
    case reviewer
    /// Manages accounts.
    case administrator

    /// `desk officer`: how people read it.
    public var description: String { self == .deskOfficer ? "desk officer" : rawValue }

    /// Reads `desk-officer`, `desk officer`, `deskofficer`, in any case.
    public init?(reading text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "-")
        self.init(rawValue: t == "deskofficer" ? "desk-officer" : t)
    }
}

/// An account of the web application, kept in the register so that one file holds the year.
///
/// Only the bcrypt hash of the password is stored; the register never sees a password. An
/// account is never deleted (the history names it): it is disabled.
public struct RegisterUser: Codable, Sendable, Equatable, FetchableRecord, MutablePersistableRecord {
    public static let databaseTableName = "account"

    public var id: Int64?
    /// The log-in name, unique ignoring case.
    public var name: String
    public var role: UserRole
    /// For a desk officer: the manager id of the adopted plans whose trips are theirs.
    public var managerId: String?
    public var passwordHash: String
    public var createdAt: String
    public var disabled: Bool

    public init(name: String, role: UserRole, managerId: String?, passwordHash: String, createdAt: String = "", disabled: Bool = false) {
        self.name = name
        self.role = role
        self.managerId = managerId
        self.passwordHash = passwordHash
        self.createdAt = createdAt
        self.disabled = disabled
    }

    public mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Who this account is in the history: its manager id when linked, else its name.
    public var actor: RegisterActor { RegisterActor(name: name, managerId: managerId) }

    /// Migration `v3`: accounts of the web application.
    static func createTable(_ db: Database) throws {
        try db.create(table: databaseTableName) { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull().unique(onConflict: .abort).collate(.nocase)
            t.column("role", .text).notNull()
                .check(sql: "role IN ('planner','manager','desk-officer','reviewer','administrator')")
            t.column("managerId", .text)
            t.column("passwordHash", .text).notNull()
            t.column("createdAt", .text).notNull()
            t.column("disabled", .boolean).notNull().defaults(to: false)
            t.check(sql: "(role = 'desk-officer') = (managerId IS NOT NULL)")
        }
        try db.execute(
            sql: """
                CREATE TRIGGER account_no_delete BEFORE DELETE ON account
                BEGIN SELECT RAISE(ABORT, 'an account is never deleted: disable it'); END;
                """)
    }
}
