import Foundation

/// Where a trip stands in its life, from the plan to the closed file.
///
/// `planned → requested → approved → booked → travelled → reportSubmitted → closed`, with
/// `postponed` and `cancelled` reachable from every state before travel (a reason required).
public enum TripStatus: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case planned
    case requested
    case approved
    case booked
    case travelled
    case reportSubmitted = "report-submitted"
    case closed
    case postponed
    case cancelled

    /// `report submitted`: how people read it.
    public var description: String { self == .reportSubmitted ? "report submitted" : rawValue }

    /// Before travel and not cancelled: can still be postponed or cancelled.
    public var isOpen: Bool { [.planned, .requested, .approved, .booked, .postponed].contains(self) }

    /// A re-adopted plan may change the trip: nothing has been approved or spent on it.
    public var isReplannable: Bool { [.planned, .requested, .postponed].contains(self) }

    /// Money has been spent: actual costs are recorded.
    public var hasTravelled: Bool { [.travelled, .reportSubmitted, .closed].contains(self) }

    /// Reads the stored form or the display form (`report submitted`, `report-submitted`).
    public init?(reading text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: " ", with: "-")
        self.init(rawValue: t == "reportsubmitted" ? "report-submitted" : t)
    }
}

/// What someone does to a trip; each is one transition of `TripLifecycle`.
public enum TripAction: String, Codable, Sendable, CaseIterable, CustomStringConvertible {
    case request
    case approve
    case book
    case travelled
    case report
    case close
    case reapprove
    case postpone
    case cancel

    public var description: String { rawValue }
}
