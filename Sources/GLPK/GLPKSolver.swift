import CGLPK

// MARK: - GLPKSolver

/// The entry points of the GLPK layer: each call validates, builds a GLPK problem, solves it and
/// frees it, synchronously on the calling thread.
///
/// Calls are independent and may run concurrently on different threads (Debian's GLPK keeps its
/// state thread-local). Do not hold a call across an `await`: there is nothing to hold, since
/// every call is synchronous, which is the point (a GLPK problem must die on the thread that
/// created it).
public enum GLPKSolver {
    /// Solves a MILP (or a pure LP) with GLPK's branch-and-cut, `glp_intopt`.
    ///
    /// - Parameters:
    ///   - model: validated first; nothing reaches GLPK unless it passes.
    ///   - options: limits, cuts, presolve, an optional starting incumbent and log routing.
    /// - Returns: the status with the incumbent (if any), the best bound tracked from the search
    ///   callback and the relative gap, so a time-limited run is still informative.
    /// - Throws: `GLPKError.invalidModel` for a model or options GLPK would abort on;
    ///   `GLPKError.solverFailed` when GLPK gives up for numerical reasons;
    ///   `GLPKError.internalError` when GLPK fails inside itself (never an abort).
    public static func solve(_ model: LinearModel, options: SolveOptions = .init()) throws -> Solution {
        let start = ContinuousClock.now
        try model.validate()
        try options.validate(for: model)
        let outcome = try solveMIP(model, options: options, start: start)
        return makeSolution(outcome, model: model, sense: model.sense, start: start)
    }

    /// Solves the LP relaxation (integrality dropped) with the primal simplex, `glp_simplex`,
    /// and returns row duals and reduced costs, e.g. to price columns or explain a plan.
    ///
    /// - Throws: `GLPKError.invalidModel` for an invalid model, `GLPKError.solverFailed` when the
    ///   simplex fails.
    public static func solveRelaxation(_ model: LinearModel) throws -> LPSolution {
        try model.validate()
        return try GLPKSession.run(log: nil) { session in
            try session.load(model)
            return try session.solveLP(model)
        }
    }

    // MARK: - Surviving GLPK's cover-cut failure

    /// Loads and solves a validated model in a fresh session; retries once without cover cuts
    /// when GLPK fails inside `glp_intopt` with cover cuts on.
    ///
    /// Why: GLPK 5.0 aborts on some small valid models with cover cuts on. When the MIP presolver
    /// fixes every column but leaves a row (e.g. max 7a + 4b s.t. 2a + 5b ≤ 1, a, b binary: both
    /// must be 0), the presolved problem has rows and no columns; `glp_intopt` only skips the
    /// search for a problem with neither, so the search starts and `glp_cov_init` calls
    /// `glp_add_cols(set, 0)`: "glp_add_cols: ncs = 0; invalid number of columns", abort().
    /// Nothing in the model reveals this before the presolve runs, so the C layer survives the
    /// error (`GLPKError.internalError`) and the solve is repeated without cover cuts, which
    /// cannot fail that way; cuts only speed up the search, so the answer is the same optimum.
    /// (Measured on 20,000 random 1–4 column binary models: 125 such failures with presolve and
    /// cover cuts on; none with cover cuts off, none without presolve.) The retry gets what is
    /// left of the time limit.
    static func solveMIP(_ model: LinearModel, options: SolveOptions, start: ContinuousClock.Instant) throws
        -> GLPKSession.MIPOutcome
    {
        do {
            return try GLPKSession.run(log: options.log) { session in
                try session.load(model)
                return try session.solveMIP(model, options: options)
            }
        } catch GLPKError.internalError(let routine, let message) where routine == "glp_intopt" && options.cuts {
            options.log?("GLPK internal error in glp_intopt (\(message)); solving again without cover cuts")
            var retry = options
            if let limit = options.timeLimit {
                let spent = start.duration(to: .now)
                let seconds = Double(spent.components.seconds) + Double(spent.components.attoseconds) / 1e18
                retry.timeLimit = max(0.001, limit - seconds)
            }
            return try GLPKSession.run(log: options.log) { session in
                try session.load(model)
                return try session.solveMIP(model, options: retry, coverCuts: false)
            }
        }
    }

    // MARK: - Assembling a Solution

    /// Attaches statistics and reconciles bound and gap: an optimal solve's bound is its
    /// objective, and a bound is never reported on the wrong side of the incumbent (GLPK's node
    /// bounds can differ from the incumbent by its tolerances).
    static func makeSolution(
        _ outcome: GLPKSession.MIPOutcome, model: LinearModel, sense: LinearModel.Sense, start: ContinuousClock.Instant,
        objectiveConstant: Double = 0
    ) -> Solution {
        var bound = outcome.bound.map { $0 + objectiveConstant }
        var gap: Double?
        let objective = outcome.objective.map { $0 + objectiveConstant }
        if let value = objective {
            if outcome.status == .optimal {
                bound = value
            } else if let proven = bound {
                bound = sense == .minimize ? min(proven, value) : max(proven, value)
            }
            if let bound {
                gap = abs(value - bound) / max(1e-9, abs(value))
            }
        }
        let elapsed = start.duration(to: .now)
        return Solution(
            status: outcome.status,
            values: outcome.values,
            objective: objective,
            bound: bound,
            gap: gap,
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
            rows: model.constraints.count,
            columns: model.variables.count,
            nonzeros: model.nonzeros,
            initialSolutionAccepted: outcome.initialSolutionAccepted)
    }
}
