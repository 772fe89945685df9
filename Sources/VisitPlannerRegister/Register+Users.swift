import Foundation
import GRDB
import VisitPlannerCore

// MARK: - Accounts and refused requests

extension Register {
    /// Adds an account; its creation is recorded in the history (never its password hash).
    ///
    /// - Throws: `RegisterError.invalid` for an empty or taken name, a name with control
    ///   characters, a desk officer without a manager id, or a manager id on another role.
    @discardableResult
    public func addUser(_ user: RegisterUser, by actor: RegisterActor) throws -> RegisterUser {
        let name = user.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64 else { throw RegisterError.invalid("an account name must have 1 to 64 characters") }
        if let bad = ControlCharacters.first(in: name) {
            throw RegisterError.invalid("the account name contains a control character (\(ControlCharacters.describe(bad)))")
        }
        let managerId = user.managerId?.trimmingCharacters(in: .whitespaces)
        if user.role == .deskOfficer && (managerId ?? "").isEmpty {
            throw RegisterError.invalid("a desk officer's account needs the manager id of their trips (--manager ID)")
        }
        if user.role != .deskOfficer && managerId != nil {
            throw RegisterError.invalid("only a desk officer's account is linked to a manager id (--manager)")
        }
        return try database.write { db in
            if try RegisterUser.filter(sql: "name = ? COLLATE NOCASE", arguments: [name]).fetchOne(db) != nil {
                throw RegisterError.invalid("an account named \(name) already exists")
            }
            let at = RegisterClock.timestamp(clock.now())
            var new = user
            new.name = name
            new.managerId = managerId
            new.createdAt = at
            try new.insert(db)
            var entry = HistoryEntry(
                at: at, by: actor.recorded, entity: "account", entityId: name, action: "add", field: "role", old: .null,
                new: new.role.rawValue.databaseValue, comment: managerId.map { "manager \($0)" })
            try entry.insert(db)
            return new
        }
    }

    /// Disables or enables an account (an account is never deleted). A disabled account
    /// cannot log in, and its open sessions end at their next request. The last enabled
    /// administrator cannot be disabled: nobody could manage accounts any more.
    ///
    /// - Returns: the account as it now is.
    /// - Throws: `RegisterError.invalid` for an unknown account or the last administrator.
    @discardableResult
    public func setDisabled(_ name: String, _ disabled: Bool, by actor: RegisterActor, comment: String? = nil) throws -> RegisterUser {
        try database.write { db in
            guard var user = try RegisterUser.filter(sql: "name = ? COLLATE NOCASE", arguments: [name]).fetchOne(db) else {
                throw RegisterError.invalid("there is no account named \(name)")
            }
            guard user.disabled != disabled else { return user }
            if disabled && user.role == .administrator {
                let admins = try RegisterUser.filter(Column("role") == UserRole.administrator.rawValue && Column("disabled") == false)
                    .fetchCount(db)
                if admins <= 1 {
                    throw RegisterError.invalid("\(user.name) is the last enabled administrator: enable or add another one first")
                }
            }
            user.disabled = disabled
            try user.update(db)
            var entry = HistoryEntry(
                at: RegisterClock.timestamp(clock.now()), by: actor.recorded, entity: "account", entityId: user.name,
                action: disabled ? "disable" : "enable", field: "state", old: (disabled ? "active" : "disabled").databaseValue,
                new: (disabled ? "disabled" : "active").databaseValue,
                comment: comment)
            try entry.insert(db)
            return user
        }
    }

    /// Gives an account a new password (its bcrypt hash); the history records that it was
    /// reset and by whom, never the hash. Sessions opened with the old password end.
    ///
    /// - Throws: `RegisterError.invalid` for an unknown account.
    @discardableResult
    public func resetPassword(_ name: String, hash: String, by actor: RegisterActor) throws -> RegisterUser {
        try database.write { db in
            guard var user = try RegisterUser.filter(sql: "name = ? COLLATE NOCASE", arguments: [name]).fetchOne(db) else {
                throw RegisterError.invalid("there is no account named \(name)")
            }
            user.passwordHash = hash
            try user.update(db)
            var entry = HistoryEntry(
                at: RegisterClock.timestamp(clock.now()), by: actor.recorded, entity: "account", entityId: user.name,
                action: "reset-password", field: "password", old: .null, new: "reset".databaseValue, comment: nil)
            try entry.insert(db)
            return user
        }
    }

    /// The enabled account with this name (ignoring case), if any.
    public func user(named name: String) throws -> RegisterUser? {
        try database.read { db in
            try RegisterUser.filter(sql: "name = ? COLLATE NOCASE AND disabled = 0", arguments: [name]).fetchOne(db)
        }
    }

    /// The enabled account with this id, if any.
    public func user(id: Int64) throws -> RegisterUser? {
        try database.read { db in try RegisterUser.filter(Column("id") == id && Column("disabled") == false).fetchOne(db) }
    }

    /// Every account, by name.
    public func users() throws -> [RegisterUser] {
        try database.read { db in try RegisterUser.order(Column("name").collating(.nocase)).fetchAll(db) }
    }

    /// Records a request refused for lack of permission: who, what, when.
    ///
    /// - Parameters:
    ///   - by: the account that asked.
    ///   - action: what it asked to do (`approve`, `plan.run`…).
    ///   - target: what it asked it of (a trip id, a path).
    public func recordRefusal(by actor: RegisterActor, action: String, target: String, comment: String? = nil) throws {
        try database.write { db in
            var entry = HistoryEntry(
                at: RegisterClock.timestamp(clock.now()), by: actor.recorded, entity: "access", entityId: target, action: "refused",
                field: nil, old: .null, new: action.databaseValue, comment: comment)
            try entry.insert(db)
        }
    }
}
