import CGLPK

// MARK: - Loading a LinearModel

extension GLPKSession {
    /// Names to give GLPK's rows and columns; only exports need them (solving works on indices).
    struct Names {
        var problem: String
        var objective: String
        var columns: [String]
        var rows: [String]
    }

    /// Copies a validated model into the session's problem.
    ///
    /// Precondition: `model.validate()` succeeded, so every index, bound and name is acceptable
    /// to GLPK and none of the calls below can abort. `glp_add_rows`/`glp_add_cols` abort when
    /// asked for zero, so a model without constraints skips the row calls. The calls that
    /// allocate (and so could still meet an internal error, e.g. memory exhaustion) are protected.
    ///
    /// - Parameters:
    ///   - names: names to set, or nil to leave rows and columns anonymous.
    ///   - forceMinimize: write `max c·x` as `min -c·x` (for MPS, which cannot record the sense).
    /// - Throws: `GLPKError.internalError` when GLPK fails inside (the session is then dead).
    func load(_ model: LinearModel, names: Names? = nil, forceMinimize: Bool = false) throws {
        let negate = forceMinimize && model.sense == .maximize
        glp_set_obj_dir(problem, (model.sense == .maximize && !negate) ? GLP_MAX : GLP_MIN)
        if let names {
            glp_set_prob_name(problem, names.problem)
            glp_set_obj_name(problem, names.objective)
        }

        let columns = Int32(model.variables.count)
        _ = try protected("glp_add_cols") { vp_add_cols($0, columns, $1) }  // validate() guarantees ≥ 1 variable
        for (index, variable) in model.variables.enumerated() {
            let j = Int32(index + 1)
            if variable.kind != .continuous {
                glp_set_col_kind(problem, j, GLP_IV)
            }
            let (type, lower, upper) = Self.boundType(lower: variable.lower, upper: variable.upper)
            glp_set_col_bnds(problem, j, type, lower, upper)
            glp_set_obj_coef(problem, j, negate ? -variable.objective : variable.objective)
            if let names {
                glp_set_col_name(problem, j, names.columns[index])
            }
        }

        guard !model.constraints.isEmpty else { return }
        _ = try protected("glp_add_rows") { vp_add_rows($0, Int32(model.constraints.count), $1) }
        // One glp_load_matrix call (1-based triplets, dummy element 0) instead of a call per row.
        var rowIndices: [Int32] = [0]
        var columnIndices: [Int32] = [0]
        var values: [Double] = [0]
        let nonzeros = model.nonzeros
        rowIndices.reserveCapacity(nonzeros + 1)
        columnIndices.reserveCapacity(nonzeros + 1)
        values.reserveCapacity(nonzeros + 1)
        for (index, constraint) in model.constraints.enumerated() {
            let i = Int32(index + 1)
            let (type, lower, upper) = Self.boundType(lower: constraint.lower, upper: constraint.upper)
            glp_set_row_bnds(problem, i, type, lower, upper)
            if let names {
                glp_set_row_name(problem, i, names.rows[index])
            }
            for term in constraint.terms where term.coefficient != 0 {
                rowIndices.append(i)
                columnIndices.append(Int32(term.variable + 1))
                values.append(term.coefficient)
            }
        }
        if nonzeros > 0 {
            _ = try protected("glp_load_matrix") { vp_load_matrix($0, Int32(nonzeros), rowIndices, columnIndices, values, $1) }
        }
    }

    /// GLPK's bound type for a pair of bounds (validated: not NaN, lower ≤ upper).
    private static func boundType(lower: Double, upper: Double) -> (Int32, Double, Double) {
        switch (lower.isFinite, upper.isFinite) {
        case (false, false): (GLP_FR, 0, 0)
        case (true, false): (GLP_LO, lower, 0)
        case (false, true): (GLP_UP, 0, upper)
        case (true, true): (lower == upper ? GLP_FX : GLP_DB, lower, upper)
        }
    }

    // MARK: - Reading back a LinearModel

    /// Rebuilds a `LinearModel` from the session's problem (after `glp_read_lp`/`glp_read_mps`).
    ///
    /// - Returns: the model and the objective's constant term, which `LinearModel` has no place for.
    func extractModel() -> (model: LinearModel, objectiveConstant: Double) {
        let sense: LinearModel.Sense = glp_get_obj_dir(problem) == GLP_MAX ? .maximize : .minimize
        var model = LinearModel(name: Self.string(glp_get_prob_name(problem)), sense: sense)
        let columns = glp_get_num_cols(problem)
        let rows = glp_get_num_rows(problem)
        if columns > 0 {
            for j in 1...columns {
                let kind: LinearModel.Kind =
                    switch glp_get_col_kind(problem, j) {
                    case GLP_BV: .binary
                    case GLP_IV: .integer
                    default: .continuous
                    }
                let (lower, upper) = Self.bounds(
                    type: glp_get_col_type(problem, j), lower: glp_get_col_lb(problem, j), upper: glp_get_col_ub(problem, j))
                model.addVariable(
                    name: Self.string(glp_get_col_name(problem, j)), kind: kind, lower: lower, upper: upper,
                    objective: glp_get_obj_coef(problem, j))
            }
        }
        if rows > 0 {
            var indices = [Int32](repeating: 0, count: Int(columns) + 1)
            var values = [Double](repeating: 0, count: Int(columns) + 1)
            for i in 1...rows {
                let count = Int(glp_get_mat_row(problem, i, &indices, &values))
                let terms = (0..<count).map { LinearModel.Term(Int(indices[$0 + 1]) - 1, values[$0 + 1]) }
                let (lower, upper) = Self.bounds(
                    type: glp_get_row_type(problem, i), lower: glp_get_row_lb(problem, i), upper: glp_get_row_ub(problem, i))
                model.addConstraint(name: Self.string(glp_get_row_name(problem, i)), terms: terms, lower: lower, upper: upper)
            }
        }
        return (model, glp_get_obj_coef(problem, 0))
    }

    private static func bounds(type: Int32, lower: Double, upper: Double) -> (Double, Double) {
        switch type {
        case GLP_FR: (-.infinity, .infinity)
        case GLP_LO: (lower, .infinity)
        case GLP_UP: (-.infinity, upper)
        default: (lower, upper)
        }
    }

    private static func string(_ pointer: UnsafePointer<CChar>?) -> String {
        pointer.map { String(cString: $0) } ?? ""
    }
}
