import CGLPK

// MARK: - Outcomes

extension GLPKSession {
    /// What a MILP solve produced, before timing and model statistics are attached.
    struct MIPOutcome {
        var status: SolveStatus
        var values: [Double] = []
        var objective: Double? = nil
        var bound: Double? = nil
        var initialSolutionAccepted: Bool? = nil
    }

    /// GLPK's return codes by name, so error messages can be looked up in the GLPK manual.
    static func codeName(_ code: Int32) -> String {
        let names: [Int32: String] = [
            GLP_EBADB: "GLP_EBADB (invalid basis)", GLP_ESING: "GLP_ESING (singular matrix)",
            GLP_ECOND: "GLP_ECOND (ill-conditioned matrix)", GLP_EBOUND: "GLP_EBOUND (invalid bounds)",
            GLP_EFAIL: "GLP_EFAIL (solver failed)", GLP_EOBJLL: "GLP_EOBJLL (objective lower limit reached)",
            GLP_EOBJUL: "GLP_EOBJUL (objective upper limit reached)", GLP_EITLIM: "GLP_EITLIM (iteration limit exceeded)",
            GLP_ETMLIM: "GLP_ETMLIM (time limit exceeded)", GLP_ENOPFS: "GLP_ENOPFS (no primal feasible solution)",
            GLP_ENODFS: "GLP_ENODFS (no dual feasible solution)", GLP_EROOT: "GLP_EROOT (root LP optimum not provided)",
            GLP_ESTOP: "GLP_ESTOP (search terminated by application)", GLP_EMIPGAP: "GLP_EMIPGAP (relative MIP gap reached)",
            GLP_ENOFEAS: "GLP_ENOFEAS (no primal/dual feasible solution)", GLP_ENOCVG: "GLP_ENOCVG (no convergence)",
            GLP_EINSTAB: "GLP_EINSTAB (numerical instability)", GLP_EDATA: "GLP_EDATA (invalid data)",
            GLP_ERANGE: "GLP_ERANGE (result out of range)",
        ]
        return names[code] ?? "code \(code)"
    }

    /// A `solverFailed` error that carries GLPK's own last words.
    func failure(_ routine: String, _ detail: String) -> GLPKError {
        let output = terminal.summary
        return .solverFailed("\(routine) \(detail)" + (output.isEmpty ? "" : "; GLPK said: \(output)"))
    }
}

// MARK: - MILP

extension GLPKSession {
    /// Solves the loaded problem with `glp_intopt` and maps every return code to a status.
    ///
    /// - Parameters:
    ///   - model: the validated model that was loaded (and `options` validated against it).
    ///   - coverCuts: GLPK's cover cuts, when `options.cuts` is on. Off for the retry after
    ///     GLPK 5.0's cover-cut failure (see `GLPKSolver.solveMIP`).
    /// - Throws: `GLPKError.solverFailed` for a return code without a status,
    ///   `GLPKError.internalError` when GLPK failed inside (the session is then dead).
    func solveMIP(_ model: LinearModel, options: SolveOptions, coverCuts: Bool = true) throws -> MIPOutcome {
        let start = ContinuousClock.now
        // GLP_MSG_ALL: GLP_MSG_ON omits the headers and the final "INTEGER OPTIMAL SOLUTION FOUND".
        let messageLevel = options.log == nil ? GLP_MSG_OFF : GLP_MSG_ALL
        // Integer columns are rounded: the check allowed 1e-6 of slack, glp_ios_heur_sol allows none.
        let incumbent = options.initialSolution.map { point in
            [0] + zip(point, model.variables).map { value, variable in variable.kind == .continuous ? value : value.rounded() }
        }
        // The presolved problem has other columns than the model, so an incumbent can only be
        // offered without presolve (see SolveOptions.initialSolution).
        let presolve = options.presolve && incumbent == nil

        var parameters = glp_iocp()
        glp_init_iocp(&parameters)
        parameters.msg_lev = messageLevel
        parameters.presolve = presolve ? GLP_ON : GLP_OFF
        let cuts = options.cuts ? GLP_ON : GLP_OFF
        parameters.gmi_cuts = cuts
        parameters.mir_cuts = cuts
        parameters.cov_cuts = options.cuts && coverCuts ? GLP_ON : GLP_OFF
        parameters.clq_cuts = cuts
        parameters.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
        parameters.mip_gap = options.relativeGap
        if let tolerance = options.objectiveTolerance {
            parameters.tol_obj = tolerance
        }
        parameters.tm_lim = options.timeLimitMilliseconds

        if !presolve {
            // Without presolve glp_intopt needs an optimal basis of the LP relaxation (else GLP_EROOT).
            var lp = glp_smcp()
            glp_init_smcp(&lp)
            lp.msg_lev = messageLevel
            lp.tm_lim = options.timeLimitMilliseconds
            let code = try protected("glp_simplex") { vp_simplex($0, &lp, $1) }
            switch code {
            case 0: break
            case GLP_ETMLIM: return fallback(.timeLimit, options: options, model: model)
            default: throw failure("glp_simplex (root LP relaxation) returned", Self.codeName(code))
            }
            switch glp_get_status(problem) {
            case GLP_OPT: break
            case GLP_NOFEAS: return MIPOutcome(status: .infeasible)
            case GLP_UNBND: return MIPOutcome(status: .unbounded)
            case let status: throw failure("glp_simplex (root LP relaxation) ended with status", "\(status)")
            }
            if options.timeLimit != nil {
                let spent = start.duration(to: .now)
                let spentMilliseconds = Double(spent.components.seconds) * 1000 + Double(spent.components.attoseconds) / 1e15
                parameters.tm_lim = Int32(max(1, Double(parameters.tm_lim) - spentMilliseconds.rounded(.up)))
            }
        }

        // The branch-and-cut callback is C (vp_search_callback in CGLPK): it calls GLPK, and an
        // internal error there must jump back without crossing a Swift frame. It tracks the best
        // bound (which survives a time limit, unlike the tree) and offers `incumbent` once.
        var search = vp_search()
        search.columns = Int32(model.variables.count)
        search.accepted = -1
        let code = try (incumbent ?? []).withUnsafeBufferPointer { point in
            search.incumbent = incumbent == nil ? nil : point.baseAddress
            return try protected("glp_intopt") { vp_intopt($0, &parameters, &search, $1) }
        }
        let bound = search.has_bound != 0 ? search.bound : nil
        let accepted: Bool? = search.accepted < 0 ? nil : search.accepted == 1

        let mipStatus = glp_mip_status(problem)
        let status: SolveStatus
        switch code {
        case 0:
            switch mipStatus {
            case GLP_OPT: status = .optimal
            case GLP_FEAS: status = .feasible
            case GLP_NOFEAS: status = .infeasible
            default: throw failure("glp_intopt finished with MIP status", "\(mipStatus)")
            }
        case GLP_ETMLIM: status = .timeLimit
        case GLP_EMIPGAP: status = .feasible
        case GLP_ENOPFS: status = .infeasible
        case GLP_ENODFS: status = .unbounded
        default:
            // GLP_EBOUND is excluded by validation, GLP_EROOT by the simplex call above, GLP_ESTOP
            // by never calling glp_ios_terminate; what remains (GLP_EFAIL, …) is a solver failure.
            throw failure("glp_intopt returned", Self.codeName(code))
        }
        guard mipStatus == GLP_OPT || mipStatus == GLP_FEAS, status != .infeasible, status != .unbounded else {
            var outcome = status == .timeLimit ? fallback(status, options: options, model: model) : MIPOutcome(status: status)
            outcome.bound = outcome.bound ?? bound
            outcome.initialSolutionAccepted = accepted
            return outcome
        }
        let columns = Int32(model.variables.count)
        return MIPOutcome(
            status: status,
            values: (1...columns).map { glp_mip_col_val(problem, $0) },
            objective: glp_mip_obj_val(problem),
            bound: bound,
            initialSolutionAccepted: accepted)
    }

    /// When GLPK stopped without a solution of its own, the caller's feasible point is still a solution.
    private func fallback(_ status: SolveStatus, options: SolveOptions, model: LinearModel) -> MIPOutcome {
        guard let point = options.initialSolution else { return MIPOutcome(status: status) }
        let values = zip(point, model.variables).map { value, variable in
            variable.kind == .continuous ? value : value.rounded()
        }
        let objective = zip(values, model.variables).reduce(0.0) { $0 + $1.0 * $1.1.objective }
        return MIPOutcome(status: status, values: values, objective: objective)
    }
}

// MARK: - LP relaxation

extension GLPKSession {
    /// Solves the LP relaxation of the loaded problem with the primal simplex (no presolve, so
    /// that an infeasible or unbounded answer still comes with GLPK's status, and an optimal one
    /// with a basis and its duals).
    func solveLP(_ model: LinearModel) throws -> LPSolution {
        var parameters = glp_smcp()
        glp_init_smcp(&parameters)
        parameters.msg_lev = GLP_MSG_OFF
        let code = try protected("glp_simplex") { vp_simplex($0, &parameters, $1) }
        guard code == 0 else {
            throw failure("glp_simplex returned", Self.codeName(code))
        }
        switch glp_get_status(problem) {
        case GLP_OPT:
            let columns = Int32(model.variables.count)
            let rows = Int32(model.constraints.count)
            return LPSolution(
                status: .optimal,
                objective: glp_get_obj_val(problem),
                values: (1...columns).map { glp_get_col_prim(problem, $0) },
                rowDuals: rows == 0 ? [] : (1...rows).map { glp_get_row_dual(problem, $0) },
                reducedCosts: (1...columns).map { glp_get_col_dual(problem, $0) })
        case GLP_NOFEAS:
            return LPSolution(status: .infeasible, objective: nil, values: [], rowDuals: [], reducedCosts: [])
        case GLP_UNBND:
            return LPSolution(status: .unbounded, objective: nil, values: [], rowDuals: [], reducedCosts: [])
        case let status:
            throw failure("glp_simplex ended with status", "\(status)")
        }
    }
}
