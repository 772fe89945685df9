import Foundation
import GRDB

/// Where a trip's report stands on its way to the mission: submitted by the traveller,
/// reviewed twice (the Police Division's gender review and the desk officer's supervisor),
/// then transmitted to the head of the police component. Each step keeps who, when and a
/// comment.
public struct ReportClearance: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "reportClearance"

    /// Where the report stands.
    public enum Stage: String, Codable, Sendable, DatabaseValueConvertible, CustomStringConvertible {
        case submitted
        /// Both reviews done.
        case reviewed
        case transmitted

        public var description: String { rawValue }
    }

    /// One step of the clearance, as the command line names it.
    public enum Step: String, Sendable, CaseIterable, CustomStringConvertible {
        case submit
        case gender
        case supervisor
        case transmit

        /// `review --kind gender` and so on: how the command line writes it.
        public var description: String { self == .submit ? "submit" : "review --kind \(rawValue)" }
    }

    /// The trip whose report it is.
    public var trip: String
    public var stage: Stage
    public var submittedAt: String
    public var submittedBy: String
    public var submittedComment: String?
    public var genderAt: String?
    public var genderBy: String?
    public var genderComment: String?
    public var supervisorAt: String?
    public var supervisorBy: String?
    public var supervisorComment: String?
    public var transmittedAt: String?
    public var transmittedBy: String?
    public var transmittedComment: String?

    /// The steps allowed next; `submit` only before the report is in the register (nil).
    public static func allowed(after clearance: ReportClearance?) -> [Step] {
        guard let c = clearance else { return [.submit] }
        switch c.stage {
        case .submitted:
            return (c.genderAt == nil ? [Step.gender] : []) + (c.supervisorAt == nil ? [.supervisor] : [])
        case .reviewed: return [.transmit]
        case .transmitted: return []
        }
    }

    /// One line: the stage and every step done, with who and when.
    public var summary: String {
        var parts = ["submitted \(submittedAt) by \(submittedBy)"]
        if let at = genderAt, let by = genderBy { parts.append("gender review \(at) by \(by)") }
        if let at = supervisorAt, let by = supervisorBy { parts.append("supervisor review \(at) by \(by)") }
        if let at = transmittedAt, let by = transmittedBy { parts.append("transmitted \(at) by \(by)") }
        let next = Self.allowed(after: self).map(\.description)
        return "\(stage): " + parts.joined(separator: "; ") + "; next: " + (next.isEmpty ? "none" : next.joined(separator: ", "))
    }
}
