// MARK: - LinearModel

/// A linear or mixed-integer model in plain Swift values, independent of GLPK.
///
/// The model is a value type so it can be built on one thread, checked with `validate()` and
/// handed to any solver thread: GLPK's own problem object is thread-bound and only exists for the
/// duration of one `GLPKSolver` call. Indices are 0-based throughout; the 1-based GLPK arrays
/// never leak out of this module.
public struct LinearModel: Sendable, Equatable {
    /// Optimization direction.
    public enum Sense: Sendable { case minimize, maximize }

    /// Variable domain. `.binary` is passed to GLPK as an integer column with bounds inside [0, 1]
    /// (so fixing a binary with `lower == upper` still works).
    public enum Kind: Sendable { case continuous, integer, binary }

    /// One column: bounds use `-.infinity` / `.infinity` for "no bound".
    public struct Variable: Sendable, Equatable {
        public var name: String
        public var kind: Kind
        public var lower: Double
        public var upper: Double
        public var objective: Double

        public init(name: String, kind: Kind = .continuous, lower: Double = 0, upper: Double = .infinity, objective: Double = 0) {
            self.name = name
            self.kind = kind
            self.lower = lower
            self.upper = upper
            self.objective = objective
        }
    }

    /// One coefficient of a constraint: `coefficient × variables[variable]`.
    public struct Term: Sendable, Equatable {
        /// 0-based index into `LinearModel.variables`.
        public var variable: Int
        public var coefficient: Double

        public init(_ variable: Int, _ coefficient: Double) {
            self.variable = variable
            self.coefficient = coefficient
        }
    }

    /// One row `lower ≤ Σ terms ≤ upper`; `-.infinity` / `.infinity` mean "no bound".
    public struct Constraint: Sendable, Equatable {
        public var name: String
        public var terms: [Term]
        public var lower: Double
        public var upper: Double

        public init(name: String, terms: [Term], lower: Double = -.infinity, upper: Double = .infinity) {
            self.name = name
            self.terms = terms
            self.lower = lower
            self.upper = upper
        }
    }

    public var name: String
    public var sense: Sense
    /// Only appended to through `addVariable`, so indices handed out stay valid.
    public private(set) var variables: [Variable] = []
    /// Only appended to through `addConstraint`, so indices handed out stay valid.
    public private(set) var constraints: [Constraint] = []

    public init(name: String, sense: Sense) {
        self.name = name
        self.sense = sense
    }

    // MARK: - Building

    /// Appends a variable.
    ///
    /// A `.binary` variable left at the default `upper: .infinity` gets upper bound 1, because
    /// that is what "binary" means; an explicit upper bound above 1 is kept and rejected by
    /// `validate()` rather than silently changed.
    ///
    /// - Returns: the variable's 0-based index, for use in `Term`.
    @discardableResult
    public mutating func addVariable(
        name: String, kind: Kind = .continuous, lower: Double = 0, upper: Double = .infinity, objective: Double = 0
    ) -> Int {
        let upper = (kind == .binary && upper == .infinity) ? 1 : upper
        variables.append(Variable(name: name, kind: kind, lower: lower, upper: upper, objective: objective))
        return variables.count - 1
    }

    /// Appends a constraint `lower ≤ Σ terms ≤ upper`. Nothing is checked here, so building stays
    /// cheap; `validate()` (run by every solver entry point) checks everything at once.
    ///
    /// - Returns: the constraint's 0-based index.
    @discardableResult
    public mutating func addConstraint(
        name: String, terms: [Term], lower: Double = -.infinity, upper: Double = .infinity
    ) -> Int {
        constraints.append(Constraint(name: name, terms: terms, lower: lower, upper: upper))
        return constraints.count - 1
    }

    /// Replaces every objective coefficient at once (one per variable, in index order).
    public mutating func setObjective(_ coefficients: [Double]) {
        precondition(
            coefficients.count == variables.count,
            "setObjective needs \(variables.count) coefficients, got \(coefficients.count)")
        for index in variables.indices {
            variables[index].objective = coefficients[index]
        }
    }

    // MARK: - Statistics

    /// Number of constraint terms with a non-zero coefficient: what GLPK stores (it drops zeros).
    public var nonzeros: Int {
        constraints.reduce(0) { sum, row in sum + row.terms.reduce(0) { $0 + ($1.coefficient != 0 ? 1 : 0) } }
    }
}
