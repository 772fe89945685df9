import Foundation
import GRDB
import VisitPlannerCore

/// Policy settings kept in the register, so everyone who uses it applies the same rules.
///
/// Both are indicative policy values (Umoja asks for a justification when travel is requested
/// fewer than 21 days ahead; eTools asks for re-approval when actual cost exceeds the approved
/// cost by more than a set share). `visitplan register settings` shows and changes them.
public struct RegisterSettings: Sendable, Equatable {
    public enum Key: String, CaseIterable, Sendable {
        case requestLeadDays = "request-lead-days"
        case reapprovalThreshold = "reapproval-threshold"
    }

    /// A request made fewer days than this before departure needs a justification.
    public var requestLeadDays: Int
    /// Actual cost above the approved estimate by more than this share flags the trip for
    /// re-approval.
    public var reapprovalThreshold: Rate

    public init(requestLeadDays: Int, reapprovalThreshold: Rate) {
        self.requestLeadDays = requestLeadDays
        self.reapprovalThreshold = reapprovalThreshold
    }

    public static let standard = RegisterSettings(requestLeadDays: 21, reapprovalThreshold: Rate(millionths: 100_000))

    /// Reads the settings; a value that cannot be read falls back to the standard one (it was
    /// checked when written, so this only guards against hand edits).
    static func read(_ db: Database) throws -> RegisterSettings {
        var settings = standard
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM setting") {
            let key: String = row["key"]
            let value: String = row["value"]
            switch Key(rawValue: key) {
            case .requestLeadDays: if let n = Int(value), (0...365).contains(n) { settings.requestLeadDays = n }
            case .reapprovalThreshold: if let r = Rate(parsing: value) { settings.reapprovalThreshold = r }
            case nil: break
            }
        }
        return settings
    }

    /// The stored text of each setting.
    var values: [Key: String] {
        [.requestLeadDays: String(requestLeadDays), .reapprovalThreshold: reapprovalThreshold.description]
    }
}
