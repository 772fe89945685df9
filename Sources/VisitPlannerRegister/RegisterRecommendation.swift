import Foundation
import GRDB
import VisitPlannerCore

/// One recommendation of a submitted report, as the register follows it up.
public struct RegisterRecommendation: Codable, Sendable, Equatable, FetchableRecord, PersistableRecord {
    public static let databaseTableName = "recommendation"

    /// `<report key>#<row>` (`ALPHA-2027-03-08#2`): the same report imported twice gives the
    /// same ids, so it adds nothing.
    public var id: String
    public var operation: String
    /// The report's visit key and the file it was read from.
    public var report: String
    public var reportFile: String
    /// The visit's date, when known.
    public var reportDate: Day?
    public var text: String
    /// The SGF area's full name when recognized, else as written.
    public var area: String
    public var addressedTo: String
    public var deadline: Day?
    /// `high`, `medium`, `low` or "".
    public var priority: String
    public var status: RecommendationStatus

    /// Open or in progress, and its deadline is before `day`.
    public func isOverdue(asOf day: Day) -> Bool {
        guard status.isPending, let deadline else { return false }
        return deadline < day
    }
}
