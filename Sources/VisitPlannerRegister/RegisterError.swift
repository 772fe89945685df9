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
            let near = known.min { CSVSheetDistance.between(id, $0) < CSVSheetDistance.between(id, $1) }
            let hint = near.flatMap { CSVSheetDistance.between(id, $0) <= 2 ? " (did you mean \($0)?)" : nil } ?? ""
            return "no trip \(id) in the register\(hint)"
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

/// Edit distance for "did you mean" on trip ids.
enum CSVSheetDistance {
    static func between(_ a: String, _ b: String) -> Int {
        let a = Array(a.lowercased()), b = Array(b.lowercased())
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
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
