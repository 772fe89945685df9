import Foundation
import GRDB

/// Where a recommendation stands: open when it enters the register, then followed up.
public enum RecommendationStatus: String, Codable, Sendable, CaseIterable, CustomStringConvertible, DatabaseValueConvertible {
    case open
    case inProgress = "in-progress"
    case implemented
    case notAccepted = "not-accepted"
    case superseded

    /// `in progress`: how people read it.
    public var description: String { rawValue.replacingOccurrences(of: "-", with: " ") }

    /// Still to act on: open or in progress (these can be overdue and go to the next visit).
    public var isPending: Bool { self == .open || self == .inProgress }

    /// Reads the stored form or the display form (`in progress`, `in-progress`, `In Progress`).
    public init?(reading text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "-")
            .replacingOccurrences(of: "_", with: "-")
        self.init(rawValue: t)
    }
}
