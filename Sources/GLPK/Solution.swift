// MARK: - SolveStatus

/// How a solve ended. `Codable` so run summaries can record it verbatim.
public enum SolveStatus: String, Sendable, Codable {
    /// Proven optimal (within GLPK's integrality and feasibility tolerances).
    case optimal
    /// A solution was found but not proven optimal: the requested `relativeGap` was reached.
    case feasible
    /// No solution exists (for a MILP: the LP relaxation or the integer problem is infeasible).
    case infeasible
    /// The objective is unbounded. For a MILP this is reported from the LP relaxation, as GLPK
    /// does: the integer problem could still be infeasible.
    case unbounded
    /// The time limit stopped the search; `Solution.values` holds the incumbent if there is one.
    case timeLimit
}

// MARK: - Solution

/// The outcome of a MILP solve, with enough statistics to judge its quality after a time limit.
public struct Solution: Sendable {
    public var status: SolveStatus
    /// One value per variable, in the model's order; empty when no solution was found.
    public var values: [Double]
    /// Objective value of `values`; nil when there is no solution.
    public var objective: Double?
    /// Best bound proven by the search (equal to `objective` when optimal). Tracked from the
    /// branch-and-cut callback so that a time-limited solve still reports it. Nil when the search
    /// never produced one (e.g. infeasible, or stopped before the first node).
    public var bound: Double?
    /// Relative gap `|objective - bound| / max(1e-9, |objective|)`; 0 when optimal, nil when
    /// either side is missing.
    public var gap: Double?
    /// Wall-clock seconds spent in the call, including building the GLPK problem.
    public var seconds: Double
    public var rows: Int
    public var columns: Int
    public var nonzeros: Int
    /// Whether GLPK took `SolveOptions.initialSolution` as its incumbent: nil when none was given
    /// (or the search never asked for a heuristic solution, e.g. the root LP was already integral).
    public var initialSolutionAccepted: Bool? = nil

    public var hasSolution: Bool { !values.isEmpty }

    public init(
        status: SolveStatus, values: [Double], objective: Double?, bound: Double?, gap: Double?,
        seconds: Double, rows: Int, columns: Int, nonzeros: Int, initialSolutionAccepted: Bool? = nil
    ) {
        self.status = status
        self.values = values
        self.objective = objective
        self.bound = bound
        self.gap = gap
        self.seconds = seconds
        self.rows = rows
        self.columns = columns
        self.nonzeros = nonzeros
        self.initialSolutionAccepted = initialSolutionAccepted
    }
}

// MARK: - LPSolution

/// The outcome of an LP relaxation solve, with the duals that sensitivity analysis needs.
public struct LPSolution: Sendable {
    public var status: SolveStatus
    /// Nil unless `status` is `.optimal`.
    public var objective: Double?
    /// One per variable; empty unless optimal.
    public var values: [Double]
    /// One shadow price per constraint (GLPK's sign convention: d objective / d row activity);
    /// empty unless optimal.
    public var rowDuals: [Double]
    /// One reduced cost per variable; empty unless optimal.
    public var reducedCosts: [Double]

    public init(status: SolveStatus, objective: Double?, values: [Double], rowDuals: [Double], reducedCosts: [Double]) {
        self.status = status
        self.objective = objective
        self.values = values
        self.rowDuals = rowDuals
        self.reducedCosts = reducedCosts
    }
}
