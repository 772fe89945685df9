import GLPK
import Testing

// MARK: - Misuse becomes GLPKError.invalidModel, never abort()

@Suite struct ValidationTests {
    /// x continuous, y integer, one row over both: the base every misuse test breaks.
    private func base() -> LinearModel {
        var model = LinearModel(name: "base", sense: .minimize)
        model.addVariable(name: "x", objective: 1)
        model.addVariable(name: "y", kind: .integer, upper: 10, objective: 2)
        model.addConstraint(name: "row", terms: [.init(0, 1), .init(1, 1)], lower: 1)
        return model
    }

    /// A model defect: `validate()`, `solve` and `solveRelaxation` all report it, before GLPK runs.
    private func expectInvalid(_ model: LinearModel, _ message: String) {
        #expect(throws: GLPKError.invalidModel(message)) { try model.validate() }
        #expect(throws: GLPKError.invalidModel(message)) { _ = try GLPKSolver.solve(model) }
        #expect(throws: GLPKError.invalidModel(message)) { _ = try GLPKSolver.solveRelaxation(model) }
    }

    /// An options defect: the model itself is fine, `solve` refuses the combination.
    private func expectInvalid(_ model: LinearModel, options: SolveOptions, _ message: String) {
        #expect(throws: Never.self) { try model.validate() }
        #expect(throws: GLPKError.invalidModel(message)) { _ = try GLPKSolver.solve(model, options: options) }
    }

    @Test func indexOutOfRange() {
        var model = base()
        model.addConstraint(name: "bad", terms: [.init(0, 1), .init(7, 1)], upper: 3)
        expectInvalid(model, "constraint 1 'bad': term 1 refers to variable 7, but the model has 2 variables")
        var negative = base()
        negative.addConstraint(name: "neg", terms: [.init(-1, 1)])
        expectInvalid(negative, "constraint 1 'neg': term 0 refers to variable -1, but the model has 2 variables")
    }

    @Test func duplicateIndexInRow() {
        var model = base()
        model.addConstraint(name: "dup", terms: [.init(1, 1), .init(0, 2), .init(1, 3)], upper: 3)
        expectInvalid(model, "constraint 1 'dup': variable 1 'y' appears more than once")
    }

    @Test func nanCoefficient() {
        var model = base()
        model.addConstraint(name: "nan", terms: [.init(1, .nan)], upper: 3)
        expectInvalid(model, "constraint 1 'nan': coefficient nan of variable 1 'y' is not finite")
    }

    @Test func infiniteObjective() {
        var model = base()
        model.setObjective([1, .infinity])
        expectInvalid(model, "variable 1 'y': objective coefficient inf is not finite")
    }

    @Test func lowerAboveUpper() {
        var model = base()
        model.addVariable(name: "z", lower: 3, upper: 1)
        expectInvalid(model, "variable 2 'z': lower bound 3.0 exceeds upper bound 1.0")
        var row = base()
        row.addConstraint(name: "r", terms: [.init(0, 1)], lower: 2, upper: -2)
        expectInvalid(row, "constraint 1 'r': lower bound 2.0 exceeds upper bound -2.0")
    }

    @Test func nanAndWrongSidedBounds() {
        var model = base()
        model.addVariable(name: "z", lower: .nan)
        expectInvalid(model, "variable 2 'z': bounds must not be NaN, got [nan, inf]")
        var plusInfinity = base()
        plusInfinity.addVariable(name: "z", lower: .infinity)
        expectInvalid(plusInfinity, "variable 2 'z': lower bound is +infinity")
    }

    @Test func binaryWithBoundFive() {
        var model = base()
        model.addVariable(name: "b", kind: .binary, upper: 5)
        expectInvalid(model, "variable 2 'b': binary bounds must lie within [0, 1], got [0.0, 5.0]")
    }

    @Test func integerWithFractionalBound() {
        var model = base()
        model.addVariable(name: "k", kind: .integer, lower: 0.5)
        expectInvalid(model, "variable 2 'k': integer variable has non-integral lower bound 0.5")
    }

    @Test func badNames() {
        var control = base()
        control.addVariable(name: "tab\there")
        expectInvalid(control, "variable 2: name contains control character U+0009")
        var long = base()
        long.addConstraint(name: String(repeating: "é", count: 128), terms: [])
        expectInvalid(long, "constraint 1: name is 256 UTF-8 bytes; GLPK allows at most 255")
    }

    @Test func emptyModel() {
        expectInvalid(
            LinearModel(name: "empty", sense: .minimize), "model 'empty' has no variables; GLPK needs at least one column")
    }

    @Test func badInitialSolutionLength() {
        var options = SolveOptions()
        options.initialSolution = [1]
        expectInvalid(base(), options: options, "initialSolution has 1 values, but the model has 2 variables")
    }

    @Test func infeasibleInitialSolution() {
        var options = SolveOptions()
        options.initialSolution = [0, 0]
        expectInvalid(base(), options: options, "initialSolution violates constraint 0 'row': activity 0.0 is outside [1.0, inf]")
        options.initialSolution = [0, 1.5]
        expectInvalid(base(), options: options, "initialSolution: integer variable 1 'y' has non-integral value 1.5")
    }

    /// tm_lim is an int ≥ 0 of milliseconds; 0 would stop at once (GLPK 5.0's rules, see
    /// SolveOptions.validate).
    @Test(arguments: [
        (-1.0, "timeLimit must be a finite number of seconds in (0, 2147483.647], got -1.0"),
        (0, "timeLimit must be a finite number of seconds in (0, 2147483.647], got 0.0"),
        (2147483.648, "timeLimit must be a finite number of seconds in (0, 2147483.647], got 2147483.648"),
        (.infinity, "timeLimit must be a finite number of seconds in (0, 2147483.647], got inf"),
        (.nan, "timeLimit must be a finite number of seconds in (0, 2147483.647], got nan"),
    ])
    func badTimeLimit(value: Double, message: String) {
        var options = SolveOptions()
        options.timeLimit = value
        expectInvalid(base(), options: options, message)
    }

    /// tol_obj lies in the open interval (0, 1).
    @Test(arguments: [
        (0.0, "objectiveTolerance must lie strictly between 0 and 1 (GLPK's tol_obj), got 0.0"),
        (1, "objectiveTolerance must lie strictly between 0 and 1 (GLPK's tol_obj), got 1.0"),
        (-1e-9, "objectiveTolerance must lie strictly between 0 and 1 (GLPK's tol_obj), got -1e-09"),
        (.nan, "objectiveTolerance must lie strictly between 0 and 1 (GLPK's tol_obj), got nan"),
    ])
    func badObjectiveTolerance(value: Double, message: String) {
        var options = SolveOptions()
        options.objectiveTolerance = value
        expectInvalid(base(), options: options, message)
    }

    /// mip_gap ≥ 0, and below DBL_MAX (GLPK stops once the gap is ≤ mip_gap and counts the gap as
    /// DBL_MAX before the first incumbent).
    @Test(arguments: [
        (-0.01, "relativeGap must be ≥ 0 and below 1.7976931348623157e+308 (GLPK's mip_gap), got -0.01"),
        (.nan, "relativeGap must be ≥ 0 and below 1.7976931348623157e+308 (GLPK's mip_gap), got nan"),
        (.infinity, "relativeGap must be ≥ 0 and below 1.7976931348623157e+308 (GLPK's mip_gap), got inf"),
        (
            .greatestFiniteMagnitude,
            "relativeGap must be ≥ 0 and below 1.7976931348623157e+308 (GLPK's mip_gap), got 1.7976931348623157e+308"
        ),
    ])
    func badRelativeGap(value: Double, message: String) {
        var options = SolveOptions()
        options.relativeGap = value
        expectInvalid(base(), options: options, message)
    }

    /// The values at the edges of every rule are accepted and solve.
    @Test func optionsAtTheEdgesSolve() throws {
        var options = SolveOptions()
        options.timeLimit = 2147483.647
        options.relativeGap = 1e300
        options.objectiveTolerance = 1e-300
        let solution = try GLPKSolver.solve(Fixtures.knapsack(), options: options)
        #expect(solution.hasSolution)
        options.relativeGap = 0
        options.objectiveTolerance = 0.5
        options.timeLimit = 0.001
        #expect(throws: Never.self) { _ = try GLPKSolver.solve(Fixtures.knapsack(), options: options) }
    }

    @Test func errorDescription() {
        #expect(GLPKError.invalidModel("x").description == "invalid model: x")
    }
}
