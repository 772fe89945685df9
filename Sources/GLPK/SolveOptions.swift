import Logging

// MARK: - SolveOptions

/// Knobs for `GLPKSolver.solve`. The defaults favour the planner's set-packing models: presolve,
/// cuts and the feasibility pump on (see GLPK-NOTES: cuts turn time-limit runs into optimal ones).
public struct SolveOptions: Sendable {
    /// Wall-clock limit in seconds (GLPK's `tm_lim`, in milliseconds). GLPK does not check it
    /// during presolve and the first LP solve, so a huge model can overrun it. Nil = no limit.
    public var timeLimit: Double? = nil
    /// Stop when the relative MIP gap falls to this value (`mip_gap`); the status is then
    /// `.feasible` unless GLPK proves optimality first. 0 = prove optimality. Must be ≥ 0 and
    /// below `Double.greatestFiniteMagnitude` (see `validate(for:)`).
    public var relativeGap: Double = 0
    /// MIP presolver. Turned off automatically when `initialSolution` is set (see there).
    public var presolve: Bool = true
    /// Gomory mixed-integer, mixed-integer rounding, cover and clique cuts together.
    public var cuts: Bool = true
    /// GLPK's feasibility pump heuristic, which finds a first incumbent early on hard models.
    public var feasibilityPump: Bool = true
    /// `tol_obj`: relative tolerance used to compare objective values when pruning, strictly
    /// between 0 and 1 (GLPK's own rule). Nil = GLPK's default (1e-7).
    public var objectiveTolerance: Double? = nil
    /// A known feasible point (one value per variable) offered to GLPK as the first incumbent,
    /// so that pruning starts at once and a time-limited run never ends worse than this point.
    ///
    /// How it is used, and why:
    /// - It is checked first (bounds, integrality, every row, tolerance 1e-6 relative). GLPK's
    ///   `glp_ios_heur_sol` does not check feasibility: offered an infeasible point, GLPK
    ///   happily reports it as "optimal". An infeasible point is `GLPKError.invalidModel`.
    /// - It is offered with `glp_ios_heur_sol` the first time the branch-and-cut callback asks for
    ///   a heuristic solution (`GLP_IHEUR`, after the root LP). That routine takes values for the
    ///   columns of the problem the search works on, and with the MIP presolver on that is the
    ///   *presolved* problem, whose columns differ from the model's (measured: 5 tree columns
    ///   for a 6-column model, and the offered point was silently misread). So when this is set
    ///   the presolver is turned off for that solve, and the LP relaxation is solved with
    ///   `glp_simplex` first, because `glp_intopt` without presolve needs an optimal LP basis.
    /// - If GLPK ends without any solution of its own (e.g. the time limit struck during the root
    ///   LP, before the callback ran), this point is returned as the incumbent.
    /// - If the root LP is already integral, GLPK never asks for a heuristic solution and
    ///   `Solution.initialSolutionAccepted` stays nil.
    public var initialSolution: [Double]? = nil
    /// Receives GLPK's terminal output, one line per call, on the solving thread. Nil = fully
    /// silent: a terminal hook swallows everything, including the messages GLPK prints regardless
    /// of `msg_lev` ("Writing problem data…", "Constructing conflict graph…").
    public var log: (@Sendable (String) -> Void)? = nil

    public init() {}

    /// Routes GLPK's terminal output to a swift-log `Logger`, at `level`.
    public mutating func sendLog(to logger: Logger, level: Logger.Level = .debug) {
        log = { line in logger.log(level: level, "\(line)") }
    }
}

// MARK: - Validation

extension SolveOptions {
    /// `tm_lim` is an `int` of milliseconds.
    static let maximumTimeLimit = Double(Int32.max) / 1000

    /// Checks the options against the model they will be used with.
    ///
    /// Each rule is GLPK 5.0's own check in `glp_intopt`/`glp_simplex` (where a violation is
    /// `xerror`, i.e. an abort), tightened where GLPK accepts a value it then mishandles:
    /// - `tm_lim` must be an `int` ≥ 0: `timeLimit` must be finite, > 0 (0 ms would stop at
    ///   once) and fit in `Int32` milliseconds.
    /// - `mip_gap` must be ≥ 0 (GLPK tests `mip_gap < 0`, so NaN slips through and never stops
    ///   the search). GLPK also stops when the gap is ≤ `mip_gap`, and reports the gap as
    ///   `DBL_MAX` while it has no incumbent, so `mip_gap` ≥ `DBL_MAX` (or +∞) would stop the
    ///   search before any solution exists: `relativeGap` must be < `greatestFiniteMagnitude`.
    /// - `tol_obj` must lie in the open interval (0, 1) (NaN fails GLPK's check too).
    /// Every other `glp_iocp`/`glp_smcp` field is set by this layer to a valid constant.
    ///
    /// - Throws: `GLPKError.invalidModel` naming the option (and variable or row) at fault.
    func validate(for model: LinearModel) throws {
        if let timeLimit {
            guard timeLimit.isFinite, timeLimit > 0, timeLimit <= Self.maximumTimeLimit else {
                throw GLPKError.invalidModel(
                    "timeLimit must be a finite number of seconds in (0, \(Self.maximumTimeLimit)], got \(timeLimit)")
            }
        }
        guard relativeGap >= 0, relativeGap < .greatestFiniteMagnitude else {
            throw GLPKError.invalidModel(
                "relativeGap must be ≥ 0 and below \(Double.greatestFiniteMagnitude) (GLPK's mip_gap), got \(relativeGap)")
        }
        if let objectiveTolerance {
            guard objectiveTolerance > 0, objectiveTolerance < 1 else {
                throw GLPKError.invalidModel(
                    "objectiveTolerance must lie strictly between 0 and 1 (GLPK's tol_obj), got \(objectiveTolerance)")
            }
        }
        if let initialSolution {
            try Self.checkFeasible(initialSolution, in: model)
        }
    }

    /// GLPK's time limit in milliseconds, at least 1 so that a tiny limit is not "stop at once".
    var timeLimitMilliseconds: Int32 {
        guard let timeLimit else { return Int32.max }
        return Int32(min(max((timeLimit * 1000).rounded(.up), 1), Double(Int32.max)))
    }

    /// Why `point` cannot be offered as `initialSolution` of `model` (a bound, integrality or
    /// row it violates), or nil when it can.
    public static func violation(of point: [Double], in model: LinearModel) -> String? {
        do {
            try checkFeasible(point, in: model)
            return nil
        } catch GLPKError.invalidModel(let why) {
            return why
        } catch {
            return "\(error)"
        }
    }

    /// Feasibility check of a point, because GLPK takes any integral point offered as an incumbent.
    private static func checkFeasible(_ point: [Double], in model: LinearModel) throws {
        guard point.count == model.variables.count else {
            throw GLPKError.invalidModel(
                "initialSolution has \(point.count) values, but the model has \(model.variables.count) variables")
        }
        func tolerance(_ bound: Double) -> Double { 1e-6 * max(1, abs(bound)) }
        for (index, variable) in model.variables.enumerated() {
            let value = point[index]
            let label = model.describeVariable(index)
            guard value.isFinite else {
                throw GLPKError.invalidModel("initialSolution: value \(value) of \(label) is not finite")
            }
            guard value >= variable.lower - tolerance(variable.lower), value <= variable.upper + tolerance(variable.upper) else {
                throw GLPKError.invalidModel(
                    "initialSolution: value \(value) of \(label) is outside its bounds [\(variable.lower), \(variable.upper)]")
            }
            if variable.kind != .continuous, abs(value - value.rounded()) > 1e-6 {
                throw GLPKError.invalidModel("initialSolution: integer \(label) has non-integral value \(value)")
            }
        }
        for (index, constraint) in model.constraints.enumerated() {
            let activity = constraint.terms.reduce(0.0) { $0 + $1.coefficient * point[$1.variable] }
            guard activity >= constraint.lower - tolerance(constraint.lower),
                activity <= constraint.upper + tolerance(constraint.upper)
            else {
                throw GLPKError.invalidModel(
                    "initialSolution violates \(model.describeConstraint(index)): activity \(activity) is outside [\(constraint.lower), \(constraint.upper)]"
                )
            }
        }
    }
}
