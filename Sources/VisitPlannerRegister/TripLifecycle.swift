import Foundation

/// The trip state machine, pure: which action is allowed from which status, and where it leads.
///
/// It knows nothing of the database, so every legal and illegal transition can be tested
/// exhaustively; the register checks the facts each step needs (dates, costs, who) around it.
public enum TripLifecycle {
    /// A refused action, with the steps that are allowed instead (for the message).
    public struct Refusal: Error, Equatable, Sendable, CustomStringConvertible {
        public var status: TripStatus
        public var action: TripAction
        public var allowed: [TripAction]
        public var reason: String?

        public var description: String {
            let steps = allowed.isEmpty ? "none (the trip is \(status))" : allowed.map(\.rawValue).joined(separator: ", ")
            let why = reason.map { " (\($0))" } ?? ""
            return "a trip that is \(status) cannot take the step \"\(action)\"\(why); allowed from here: \(steps)"
        }
    }

    /// The actions allowed from a status.
    ///
    /// - Parameters:
    ///   - status: where the trip stands.
    ///   - needsReapproval: actual costs went over the approved estimate by more than the
    ///     threshold: the trip must be re-approved, and cannot be closed until it is.
    public static func allowed(from status: TripStatus, needsReapproval: Bool = false) -> [TripAction] {
        let flagged: [TripAction] = needsReapproval ? [.reapprove] : []
        switch status {
        case .planned: return [.request, .postpone, .cancel]
        case .requested: return [.approve, .postpone, .cancel]
        case .approved: return [.book, .postpone, .cancel]
        case .booked: return [.travelled, .postpone, .cancel]
        case .travelled: return [.report] + flagged
        case .reportSubmitted: return (needsReapproval ? [] : [.close]) + flagged
        case .closed: return []
        case .postponed: return [.request, .cancel]
        case .cancelled: return []
        }
    }

    /// The status an action leads to.
    ///
    /// - Throws: `Refusal` naming the steps allowed from `status`.
    public static func next(from status: TripStatus, needsReapproval: Bool = false, action: TripAction) throws(Refusal) -> TripStatus {
        let allowed = allowed(from: status, needsReapproval: needsReapproval)
        guard allowed.contains(action) else {
            var reason: String? = nil
            if action == .close && status == .reportSubmitted && needsReapproval {
                reason = "its actual cost is over the approved estimate and must be re-approved first"
            } else if action == .reapprove && !needsReapproval && status.hasTravelled {
                reason = "its actual cost needs no re-approval"
            }
            throw Refusal(status: status, action: action, allowed: allowed, reason: reason)
        }
        switch action {
        case .request: return .requested
        case .approve: return .approved
        case .book: return .booked
        case .travelled: return .travelled
        case .report: return .reportSubmitted
        case .close: return .closed
        case .reapprove: return status
        case .postpone: return .postponed
        case .cancel: return .cancelled
        }
    }
}
