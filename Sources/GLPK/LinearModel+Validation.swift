// MARK: - Validation

extension LinearModel {
    /// GLPK's limit on row, column and problem names, in bytes.
    static let maximumNameBytes = 255
    /// GLPK counts rows, columns and non-zeros in `int` and reserves index 0.
    static let maximumCount = Int(Int32.max) - 1

    /// Checks everything that would make GLPK abort the process or silently misbehave.
    ///
    /// GLPK answers misuse (an index out of range, a duplicate column in a row, a bad name) with
    /// `abort()`, which no error hook can undo safely. Every solver entry point therefore calls
    /// this before the first GLPK call, so that the abort is unreachable and the caller gets a
    /// message naming the offending row or column instead of a dead process.
    ///
    /// - Throws: `GLPKError.invalidModel` describing the first problem found.
    public func validate() throws {
        guard !variables.isEmpty else {
            throw GLPKError.invalidModel("model '\(name)' has no variables; GLPK needs at least one column")
        }
        guard variables.count <= Self.maximumCount, constraints.count <= Self.maximumCount else {
            throw GLPKError.invalidModel(
                "model '\(name)' has \(variables.count) variables and \(constraints.count) constraints; GLPK allows at most \(Self.maximumCount) of each"
            )
        }
        try Self.checkName(name, of: "model")
        for (index, variable) in variables.enumerated() {
            try Self.checkName(variable.name, of: "variable \(index)")
        }
        for (index, constraint) in constraints.enumerated() {
            try Self.checkName(constraint.name, of: "constraint \(index)")
        }
        for index in variables.indices {
            try validateVariable(index)
        }
        // `lastRow[j] == i` means variable j already appeared in constraint i: one pass, O(nonzeros).
        var lastRow = [Int](repeating: -1, count: variables.count)
        var total = 0
        for (rowIndex, constraint) in constraints.enumerated() {
            let label = "constraint \(rowIndex) '\(constraint.name)'"
            try Self.checkBounds(lower: constraint.lower, upper: constraint.upper, label: label)
            for (termIndex, term) in constraint.terms.enumerated() {
                guard variables.indices.contains(term.variable) else {
                    throw GLPKError.invalidModel(
                        "\(label): term \(termIndex) refers to variable \(term.variable), but the model has \(variables.count) variables")
                }
                guard term.coefficient.isFinite else {
                    throw GLPKError.invalidModel(
                        "\(label): coefficient \(term.coefficient) of \(describeVariable(term.variable)) is not finite")
                }
                guard lastRow[term.variable] != rowIndex else {
                    throw GLPKError.invalidModel("\(label): \(describeVariable(term.variable)) appears more than once")
                }
                lastRow[term.variable] = rowIndex
            }
            total += constraint.terms.count
            guard total <= Self.maximumCount else {
                throw GLPKError.invalidModel("model '\(name)' has more than \(Self.maximumCount) constraint terms")
            }
        }
    }

    /// "variable 2 'x'": the form every message uses, so a reader can find it by index or by name.
    func describeVariable(_ index: Int) -> String {
        "variable \(index) '\(variables[index].name)'"
    }

    /// "constraint 2 'cap'".
    func describeConstraint(_ index: Int) -> String {
        "constraint \(index) '\(constraints[index].name)'"
    }

    private func validateVariable(_ index: Int) throws {
        let variable = variables[index]
        let label = describeVariable(index)
        try Self.checkBounds(lower: variable.lower, upper: variable.upper, label: label)
        guard variable.objective.isFinite else {
            throw GLPKError.invalidModel("\(label): objective coefficient \(variable.objective) is not finite")
        }
        switch variable.kind {
        case .continuous:
            break
        case .binary:
            guard variable.lower >= 0, variable.upper <= 1 else {
                throw GLPKError.invalidModel(
                    "\(label): binary bounds must lie within [0, 1], got [\(variable.lower), \(variable.upper)]")
            }
            fallthrough
        case .integer:
            // glp_intopt refuses non-integral bounds of integer columns (GLP_EBOUND); say which one.
            for (side, bound) in [("lower", variable.lower), ("upper", variable.upper)]
            where bound.isFinite && bound.rounded() != bound {
                throw GLPKError.invalidModel("\(label): integer variable has non-integral \(side) bound \(bound)")
            }
        }
    }

    private static func checkBounds(lower: Double, upper: Double, label: String) throws {
        guard !lower.isNaN, !upper.isNaN else {
            throw GLPKError.invalidModel("\(label): bounds must not be NaN, got [\(lower), \(upper)]")
        }
        guard lower != .infinity else {
            throw GLPKError.invalidModel("\(label): lower bound is +infinity")
        }
        guard upper != -.infinity else {
            throw GLPKError.invalidModel("\(label): upper bound is -infinity")
        }
        guard lower <= upper else {
            throw GLPKError.invalidModel("\(label): lower bound \(lower) exceeds upper bound \(upper)")
        }
    }

    /// GLPK aborts on names longer than 255 bytes or containing control characters
    /// (`iscntrl` on each byte), so both are rejected here. The message leaves the name out:
    /// it is the thing that cannot be printed sensibly.
    private static func checkName(_ name: String, of label: String) throws {
        let bytes = name.utf8
        guard bytes.count <= maximumNameBytes else {
            throw GLPKError.invalidModel(
                "\(label): name is \(bytes.count) UTF-8 bytes; GLPK allows at most \(maximumNameBytes)")
        }
        if let byte = bytes.first(where: { $0 < 0x20 || $0 == 0x7F }) {
            let hex = String(byte, radix: 16, uppercase: true)
            throw GLPKError.invalidModel(
                "\(label): name contains control character U+\(String(repeating: "0", count: 4 - hex.count))\(hex)")
        }
    }
}
