import Foundation
import VisitPlannerCore

/// One step of a trip's life with the facts it needs; the register applies it in one
/// transaction (`Register.apply`), from the command line or a row of `trips import`.
public enum TripStep: Sendable, Equatable {
    /// Ask for approval. `depart` moves the whole itinerary to a new departure day (needed
    /// after a postponement to say when); `justification` is needed when the request comes
    /// fewer than the lead-time days before departure.
    case request(depart: Day?, justification: String?)
    /// Approve the trip at `amount` (default: its current estimate). Not by the traveller.
    case approve(amount: Money?)
    /// Book: the ticket's cost and the dates as booked. The trip's booked cost is the ticket
    /// plus the estimate's DSA, terminal, access and other amounts.
    case book(ticket: Money, depart: Day, returnDay: Day)
    /// What happened: actual dates and costs; traveller and stops when they differ.
    case travelled(TravelFacts)
    /// A cost that arrives after travel (a late claim), added to the actual costs.
    case addCost(TripCosts, note: String?)
    case report
    case close
    /// Accept actual costs over the threshold. Not by the traveller.
    case reapprove(note: String?)
    case postpone(reason: String)
    case cancel(reason: String)

    /// The state-machine action; nil for a step that does not move the trip (`addCost`).
    public var action: TripAction? {
        switch self {
        case .request: return .request
        case .approve: return .approve
        case .book: return .book
        case .travelled: return .travelled
        case .addCost: return nil
        case .report: return .report
        case .close: return .close
        case .reapprove: return .reapprove
        case .postpone: return .postpone
        case .cancel: return .cancel
        }
    }

    /// The name history records.
    public var name: String { action?.rawValue ?? "cost" }
}

/// The facts of a trip as it happened.
public struct TravelFacts: Sendable, Equatable {
    public var depart: Day
    public var returnDay: Day
    public var costs: TripCosts
    /// Who travelled, when not the planned manager.
    public var traveller: String?
    /// The operations visited, in order, when not the approved ones.
    public var operations: [String]?

    public init(depart: Day, returnDay: Day, costs: TripCosts, traveller: String? = nil, operations: [String]? = nil) {
        self.depart = depart
        self.returnDay = returnDay
        self.costs = costs
        self.traveller = traveller
        self.operations = operations
    }
}
