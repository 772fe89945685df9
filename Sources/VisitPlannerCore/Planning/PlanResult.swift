import Foundation
import GLPK

/// A stay of a planned trip, priced.
public struct PlannedStay: Sendable, Hashable {
    public var operation: String
    public var arrive: Day
    public var leave: Day
    public var nights: Int
    public var dsaRate: Money
    public var dsa: Money
    public var access: Money
    public var preferredWindow: Bool
    public var ownPortfolio: Bool
    public var value: AssessmentValue
    /// Local time the visitor reaches the operation, minutes after midnight.
    public var arriveMinute: Int = 0
    /// Working days of the stay (`TimelineBuilder.workingDays`).
    public var workingDays: Int = 0
}

/// A trip of the plan: leaves home, visits its stops, comes home.
public struct PlannedTrip: Sendable, Hashable {
    public var id: String
    public var manager: String
    public var depart: Day
    public var returnDay: Day
    public var stays: [PlannedStay]
    public var legs: [Leg]
    public var cost: TripCost
    public var value: AssessmentValue
    /// Days away, departure and return included.
    public var days: Int { returnDay.number - depart.number + 1 }
}

public struct VirtualAssessment: Sendable, Hashable {
    public var operation: String
    public var manager: String
    public var value: AssessmentValue
}

/// An active operation without an in-person visit, and why, in money and dates.
public struct NotVisited: Sendable, Hashable {
    public var operation: String
    public var reason: String
}

public enum PlanStatus: String, Sendable, Codable {
    case optimal, feasible, infeasible, timeLimit
}

/// What the solver did, for the honesty section of every report.
public struct SolverReport: Sendable {
    public var status: PlanStatus
    /// The last phase's objective: the plan's travel cost in dollars (phase 2 minimizes it).
    public var objective: Double?
    public var bound: Double?
    public var gap: Double?
    public var seconds: Double
    public var rows: Int
    public var columns: Int
    public var nonzeros: Int
    /// Trip types the model chose among (after dominance), within the cap.
    public var candidates: Int
    /// Phase 1: best value found and its proven bound, in priority units.
    public var value: AssessmentValue?
    public var valueBound: AssessmentValue?
    public var valueStatus: PlanStatus
}

public struct BudgetReport: Sendable, Equatable {
    public var split: BudgetSplit
    public var airfare: Money
    public var dsa: Money
    public var terminal: Money
    public var access: Money
    public var travelCost: Money { airfare + dsa + terminal + access }
    public var psc: Money { split.psc(on: travelCost) }
    public var total: Money { travelCost + psc }
    /// Envelope minus total spent.
    public var remaining: Money { split.envelope - total }
    /// Travel cap minus travel spent.
    public var travelRemaining: Money { split.travelCap - travelCost }
}

/// The plan: trips, virtual assessments, what is left out and why, and how it was solved.
public struct PlanResult: Sendable {
    public var horizon: DayRange
    public var coverage: CoverageMode
    public var budget: BudgetReport
    public var solver: SolverReport
    public var trips: [PlannedTrip]
    public var virtual: [VirtualAssessment]
    public var notVisited: [NotVisited]
    /// Set when no plan exists (e.g. `required` coverage that cannot be met), saying why.
    public var infeasibility: String?
    /// The model of the last phase, as solved; its optimum is this plan.
    public var finalModel: LinearModel?
    /// How the dates were spread (nil when no plan, or for plans not made by `Planner.plan`).
    public var spread: SpreadSummary? = nil

    public var value: AssessmentValue {
        AssessmentValue(points: trips.map(\.value.points).reduce(0, +) + virtual.map(\.value.points).reduce(0, +))
    }

    /// Operations visited in person, in plan order.
    public var visitedOperations: [String] { trips.flatMap { $0.stays.map(\.operation) } }

    /// Writes the model the plan came from, in CPLEX LP (keeps the objective sense) or free MPS
    /// (written as a minimization, since GLPK's MPS writer drops the sense).
    public func exportModel(to url: URL, mps: Bool) throws {
        guard let finalModel else { throw PlanError.noModel }
        try GLPKSolver.export(finalModel, to: url, format: mps ? .freeMPS : .cplexLP)
    }
}

/// What spreading the dates achieved, with cost and value unchanged (see `JointSchedule`).
public struct SpreadSummary: Sendable, Equatable {
    /// Most managers away on one day.
    public var peakAway: Int
    /// Longest run of days in the horizon with nobody travelling.
    public var longestIdle: Int
    /// Both figures are proven the best the chosen trips allow (else a time limit stopped it).
    public var proven: Bool
    /// The office-cover limit the plan was made under, if any.
    public var maxAwayAtOnce: Int?

    public init(peakAway: Int, longestIdle: Int, proven: Bool, maxAwayAtOnce: Int?) {
        self.peakAway = peakAway
        self.longestIdle = longestIdle
        self.proven = proven
        self.maxAwayAtOnce = maxAwayAtOnce
    }
}

public enum PlanError: Error, CustomStringConvertible {
    case noModel
    case solver(String)
    /// The solver's plan breaks a rule when checked exactly (a defect; the plan is not shown).
    case invalidPlan([String])
    /// The data would need more memory than allowed; the message says what to change.
    case tooLarge(String)
    /// The time limit passed before any plan could be made; the message says what to change.
    case outOfTime(String)

    public var description: String {
        switch self {
        case .noModel: return "there is no model to export: no plan was solved"
        case .solver(let message): return "the solver failed: \(message)"
        case .tooLarge(let message), .outOfTime(let message): return message
        case .invalidPlan(let problems):
            return "the solver's plan breaks the rules when checked to the cent, so it is not shown: "
                + problems.prefix(5).joined(separator: "; ") + (problems.count > 5 ? "; …" : "")
        }
    }
}
