import Foundation
import GRDB
import VisitPlannerCore

/// A change the register refuses; nothing of it has been applied. The message says what to do.
public enum RegisterError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No plan has been adopted yet.
    case noPlan(register: String)
    /// No trip with that id.
    case unknownTrip(String, known: [String])
    /// The state machine refuses the step.
    case refused(trip: String, TripLifecycle.Refusal)
    /// Whoever approves cannot be the traveller.
    case approverIsTraveller(trip: String, traveller: String)
    /// A late request without a justification.
    case justificationRequired(trip: String, daysAhead: Int, leadDays: Int)
    /// A fact of a step is missing or wrong (an argument, a date order, a plan that cannot be adopted).
    case invalid(String)

    public var description: String {
        switch self {
        case .noPlan(let register):
            return "no plan has been adopted in \(register) yet; run `visitplan adopt <plan folder>` first"
        case .unknownTrip(let id, let known):
            return "no trip \(id) in the register" + Suggestion.hint(for: id, in: known)
        case .refused(let trip, let refusal):
            return "trip \(trip): \(refusal)"
        case .approverIsTraveller(let trip, let traveller):
            return "trip \(trip): \(traveller) travels on this trip and cannot approve it; another person must (--by NAME)"
        case .justificationRequired(let trip, let days, let lead):
            let when = days < 0 ? "\(-days) days after its departure" : "\(days) days before departure"
            return "trip \(trip): requested \(when), fewer than the \(lead) days the policy asks; give --justification TEXT"
        case .invalid(let message):
            return message
        }
    }
}

extension RegisterError {
    /// The message of an SQLite failure (locked past the busy timeout, disk full, not a
    /// database…), for callers that do not import GRDB; nil for other errors.
    public static func databaseMessage(_ error: Error) -> String? {
        guard let error = error as? DatabaseError else { return nil }
        return "\(error.message ?? "SQLite error") (SQLite code \(error.resultCode.rawValue))"
    }
}
