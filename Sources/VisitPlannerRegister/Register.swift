import Foundation
import GRDB
import VisitPlannerCore

/// The year's register: one SQLite file holding the adopted plan, every trip's status and
/// money, and the append-only history of every change.
///
/// Every change is one IMMEDIATE transaction (GRDB's default for writes): it sees the latest
/// committed state and either applies completely or not at all. The database runs in WAL mode
/// with a busy timeout, so several people's commands wait for each other instead of failing,
/// and readers never block the writer.
public final class Register: Sendable {
    /// The SQLite file.
    public let url: URL
    public let clock: RegisterClock
    let database: DatabaseQueue

    /// How long a command waits for another one's write before giving up.
    public static let busyTimeout: TimeInterval = 30

    /// Opens (creating if needed) and migrates the register.
    ///
    /// - Parameters:
    ///   - url: the SQLite file; its folder is created.
    ///   - clock: where history times and "today" come from.
    ///   - migrateUpTo: for migration tests only: stop at this schema version.
    public init(url: URL, clock: RegisterClock = .system, migrateUpTo: String? = nil) throws {
        self.url = url
        self.clock = clock
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        var config = Configuration()
        config.journalMode = .wal
        config.busyMode = .timeout(Self.busyTimeout)
        config.foreignKeysEnabled = true
        database = try DatabaseQueue(path: url.path, configuration: config)
        if let migrateUpTo {
            try RegisterSchema.migrator.migrate(database, upTo: migrateUpTo)
        } else {
            try RegisterSchema.migrator.migrate(database)
        }
    }

    /// `Reports/register-2027.sqlite`: the default register of a planning year.
    public static func defaultURL(year: Int, reports: URL = URL(fileURLWithPath: "Reports", isDirectory: true)) -> URL {
        reports.appendingPathComponent("register-\(year).sqlite")
    }

    /// `Reports/register-2027/`: where `status` writes, next to the register.
    public var reportFolder: URL {
        url.deletingLastPathComponent().appendingPathComponent(url.deletingPathExtension().lastPathComponent, isDirectory: true)
    }

    /// The applied schema versions, oldest first.
    public func appliedMigrations() throws -> [String] {
        try database.read { db in try RegisterSchema.migrator.appliedMigrations(db) }
    }

    /// Runs a read-only closure on a consistent snapshot; for tests and reports.
    public func read<T>(_ body: (Database) throws -> T) throws -> T { try database.read(body) }

    /// Runs a write transaction; for tests (the register's own changes use the typed methods).
    public func write<T>(_ body: (Database) throws -> T) throws -> T { try database.write(body) }

    // MARK: - Reading

    public func trips() throws -> [RegisterTrip] {
        try database.read { db in try RegisterTrip.order(Column("id")).fetchAll(db) }
    }

    public func trip(_ id: String) throws -> RegisterTrip {
        try database.read { db in try Self.trip(id, db) }
    }

    public func virtualAssessments() throws -> [RegisterVirtual] {
        try database.read { db in try RegisterVirtual.order(Column("operation")).fetchAll(db) }
    }

    public func plans() throws -> [AdoptedPlan] {
        try database.read { db in try AdoptedPlan.order(Column("id")).fetchAll(db) }
    }

    public func history(entity: String? = nil, id: String? = nil) throws -> [HistoryEntry] {
        try database.read { db in
            var request = HistoryEntry.order(Column("id"))
            if let entity { request = request.filter(Column("entity") == entity) }
            if let id { request = request.filter(Column("entityId") == id) }
            return try request.fetchAll(db)
        }
    }

    public func settings() throws -> RegisterSettings {
        try database.read { db in try RegisterSettings.read(db) }
    }

    static func trip(_ id: String, _ db: Database) throws -> RegisterTrip {
        if let trip = try RegisterTrip.fetchOne(db, key: id) { return trip }
        let known = try String.fetchAll(db, sql: "SELECT id FROM trip ORDER BY id")
        throw RegisterError.unknownTrip(id, known: known)
    }

    static func currentPlan(_ db: Database, register: URL) throws -> AdoptedPlan {
        guard let plan = try AdoptedPlan.order(Column("id").desc).fetchOne(db) else {
            throw RegisterError.noPlan(register: register.lastPathComponent)
        }
        return plan
    }

    // MARK: - Who

    /// Who makes a change: `--by` (or the user name), matched to a manager when it is one.
    ///
    /// A name equal (ignoring case) to a manager's id or full name in the register is that
    /// manager, recorded by id; anything else is recorded as given.
    public func actor(named name: String) throws -> RegisterActor {
        try database.read { db in try Self.actor(named: name, db) }
    }

    static func actor(named name: String, _ db: Database) throws -> RegisterActor {
        let wanted = name.trimmingCharacters(in: .whitespaces)
        let managers = try RegisterManager.order(Column("id")).fetchAll(db)
        let match =
            managers.first { $0.id.lowercased() == wanted.lowercased() }
            ?? managers.first { $0.name.lowercased() == wanted.lowercased() }
        return RegisterActor(name: wanted, managerId: match?.id)
    }

    /// The operating system's user name, for when `--by` is not given.
    public static var userName: String {
        let env = ProcessInfo.processInfo.environment
        for key in ["USER", "LOGNAME", "USERNAME"] {
            if let v = env[key], !v.isEmpty { return v }
        }
        let name = NSUserName()
        return name.isEmpty ? "unknown" : name
    }

    // MARK: - History

    /// Records the change of a record: one entry per changed column (or one creation entry).
    static func record(
        _ db: Database, entity: String, id: String, action: String, old: [String: DatabaseValue]?, new: [String: DatabaseValue],
        by: RegisterActor, at: String, comment: String?
    ) throws -> Int {
        guard let old else {
            var entry = HistoryEntry(
                at: at, by: by.recorded, entity: entity, entityId: id, action: action, field: nil, old: .null, new: id.databaseValue,
                comment: comment)
            try entry.insert(db)
            return 1
        }
        var count = 0
        for key in new.keys.sorted() where old[key] != new[key] {
            var entry = HistoryEntry(
                at: at, by: by.recorded, entity: entity, entityId: id, action: action, field: key, old: old[key] ?? .null,
                new: new[key] ?? .null, comment: comment)
            try entry.insert(db)
            count += 1
        }
        return count
    }

    /// Writes a changed trip and its history entries; an action that changes no field still
    /// leaves one entry (e.g. a re-approval), so every step is on record.
    static func update(
        _ old: RegisterTrip, to new: RegisterTrip, action: String, by: RegisterActor, at: String, comment: String?, _ db: Database
    ) throws {
        let before = try old.databaseDictionary
        let after = try new.databaseDictionary
        try new.update(db)
        let n = try record(db, entity: "trip", id: new.id, action: action, old: before, new: after, by: by, at: at, comment: comment)
        if n == 0 {
            var entry = HistoryEntry(
                at: at, by: by.recorded, entity: "trip", entityId: new.id, action: action, field: "status",
                old: old.status.databaseValue, new: new.status.databaseValue, comment: comment)
            try entry.insert(db)
        }
    }
}

/// Who makes a change.
public struct RegisterActor: Sendable, Equatable {
    /// As given (`--by`, or the user name).
    public var name: String
    /// The manager this is, when the name is a manager's id or name.
    public var managerId: String?

    public init(name: String, managerId: String? = nil) {
        self.name = name
        self.managerId = managerId
    }

    /// What the history records: the manager id when known, else the name.
    public var recorded: String { managerId ?? name }
}
