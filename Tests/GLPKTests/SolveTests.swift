import Foundation
import GLPK
import Testing

// MARK: - MILP and LP results against hand computations

@Suite struct SolveTests {
    @Test func knapsackOptimumAndChosenItems() throws {
        let solution = try GLPKSolver.solve(Fixtures.knapsack())
        #expect(solution.status == .optimal)
        #expect(solution.objective == 25)
        #expect(solution.values == [1, 0, 1, 1, 0])  // items a, c, d
        #expect(solution.bound == 25)
        #expect(solution.gap == 0)
        #expect(solution.rows == 1)
        #expect(solution.columns == 5)
        #expect(solution.nonzeros == 5)
        #expect(solution.initialSolutionAccepted == nil)
    }

    /// max 3x + 2y  s.t.  c1: x + y ≤ 4,  c2: x + 3y ≤ 9,  0 ≤ x ≤ 3,  y ≥ 0.
    ///
    /// By hand: vertices (0,0) 0, (3,0) 9, (3,1) 11, (1.5,2.5) 9.5, (0,3) 6, so the optimum is
    /// x = 3, y = 1, objective 11, with c1 tight, c2 slack (3 + 3 = 6 < 9), x at its upper bound.
    /// y is basic, so its reduced cost is 0: 2 − π1·1 − π2·3 = 0 with π2 = 0 (slack row) gives
    /// the row duals π1 = 2, π2 = 0. Reduced cost of x: 3 − π1·1 = 1 (positive at its upper bound
    /// in a maximization: raising the bound by one would gain 1).
    @Test func lpOptimumDualsAndReducedCosts() throws {
        var model = LinearModel(name: "lp", sense: .maximize)
        let x = model.addVariable(name: "x", upper: 3, objective: 3)
        let y = model.addVariable(name: "y", objective: 2)
        model.addConstraint(name: "c1", terms: [.init(x, 1), .init(y, 1)], upper: 4)
        model.addConstraint(name: "c2", terms: [.init(x, 1), .init(y, 3)], upper: 9)

        let lp = try GLPKSolver.solveRelaxation(model)
        #expect(lp.status == .optimal)
        #expect(lp.objective == 11)
        #expect(lp.values == [3, 1])
        #expect(lp.rowDuals == [2, 0])
        #expect(lp.reducedCosts == [1, 0])

        let milp = try GLPKSolver.solve(model)  // pure LP through glp_intopt
        #expect(milp.status == .optimal)
        #expect(milp.objective == 11)
        #expect(milp.values == [3, 1])
    }

    /// Same feasible region, both senses: 0 ≤ x ≤ 5, y ≥ 0 integer, x + 2y ≤ 8, x + y ≥ 2.
    /// max 2x + y: y = 0 → x = 5: 10; y = 1 → x = 5: 11; y = 2 → x = 4: 10; y = 3 → x = 2: 7,
    /// so 11 at (5, 1) (the LP relaxation would give 11.5 at y = 1.5).
    /// min 2x + y: x costs more than y and x + y ≥ 2, so x = 0, y = 2: 2.
    @Test(arguments: [(LinearModel.Sense.maximize, 11.0, [5.0, 1]), (.minimize, 2.0, [0.0, 2])])
    func bothSenses(sense: LinearModel.Sense, objective: Double, values: [Double]) throws {
        var model = LinearModel(name: "senses", sense: sense)
        let x = model.addVariable(name: "x", upper: 5, objective: 2)
        let y = model.addVariable(name: "y", kind: .integer, objective: 1)
        model.addConstraint(name: "cap", terms: [.init(x, 1), .init(y, 2)], upper: 8)
        model.addConstraint(name: "cover", terms: [.init(x, 1), .init(y, 1)], lower: 2)
        let solution = try GLPKSolver.solve(model)
        #expect(solution.status == .optimal)
        #expect(solution.objective == objective)
        #expect(solution.values == values)
    }

    @Test(arguments: [true, false])
    func infeasible(presolve: Bool) throws {
        var model = LinearModel(name: "infeasible", sense: .minimize)
        let x = model.addVariable(name: "x", kind: .integer, objective: 1)
        let y = model.addVariable(name: "y", objective: 1)
        model.addConstraint(name: "atLeast5", terms: [.init(x, 1), .init(y, 1)], lower: 5)
        model.addConstraint(name: "atMost3", terms: [.init(x, 1), .init(y, 1)], upper: 3)
        var options = SolveOptions()
        options.presolve = presolve
        let solution = try GLPKSolver.solve(model, options: options)
        #expect(solution.status == .infeasible)
        #expect(!solution.hasSolution)
        #expect(solution.objective == nil)
        #expect(solution.gap == nil)

        let lp = try GLPKSolver.solveRelaxation(model)
        #expect(lp.status == .infeasible)
        #expect(lp.values.isEmpty && lp.rowDuals.isEmpty && lp.objective == nil)
    }

    /// Infeasible only because of integrality: 2x = 1 with x integer. The LP relaxation is fine.
    @Test func integerInfeasible() throws {
        var model = LinearModel(name: "odd", sense: .minimize)
        let x = model.addVariable(name: "x", kind: .integer, upper: 10, objective: 1)
        model.addConstraint(name: "half", terms: [.init(x, 2)], lower: 1, upper: 1)
        #expect(try GLPKSolver.solve(model).status == .infeasible)
        #expect(try GLPKSolver.solveRelaxation(model).values == [0.5])
    }

    @Test(arguments: [true, false])
    func unbounded(presolve: Bool) throws {
        var model = LinearModel(name: "unbounded", sense: .maximize)
        let x = model.addVariable(name: "x", kind: .integer, objective: 1)
        let y = model.addVariable(name: "y", objective: 0)
        model.addConstraint(name: "diff", terms: [.init(x, 1), .init(y, -1)], upper: 1)
        var options = SolveOptions()
        options.presolve = presolve
        let solution = try GLPKSolver.solve(model, options: options)
        #expect(solution.status == .unbounded)
        #expect(!solution.hasSolution)
        #expect(try GLPKSolver.solveRelaxation(model).status == .unbounded)
    }

    /// A model without constraints must not reach glp_add_rows(0) (which aborts).
    @Test func noConstraints() throws {
        var model = LinearModel(name: "box", sense: .minimize)
        model.addVariable(name: "x", kind: .integer, lower: -3, upper: 7, objective: 1)
        model.addVariable(name: "y", lower: 1, upper: 2, objective: -1)
        let solution = try GLPKSolver.solve(model)
        #expect(solution.status == .optimal)
        #expect(solution.values == [-3, 2])
        #expect(solution.objective == -5)
        let lp = try GLPKSolver.solveRelaxation(model)
        #expect(lp.values == [-3, 2] && lp.rowDuals == [] && lp.reducedCosts == [1, -1])
    }

    @Test func binaryDefaultsToUpperBoundOne() {
        var model = LinearModel(name: "b", sense: .maximize)
        model.addVariable(name: "flag", kind: .binary)
        #expect(model.variables[0].upper == 1)
    }

    /// GLPK's terminal output reaches `log`, line by line, when asked for.
    @Test func logReceivesGLPKOutput() throws {
        final class Lines: @unchecked Sendable {
            let lock = NSLock()
            var lines: [String] = []
        }
        let collected = Lines()
        var options = SolveOptions()
        options.log = { line in collected.lock.withLock { collected.lines.append(line) } }
        _ = try GLPKSolver.solve(Fixtures.knapsack(), options: options)
        let lines = collected.lock.withLock { collected.lines }
        #expect(lines.contains { $0.contains("INTEGER OPTIMAL SOLUTION FOUND") }, "\(lines)")
        #expect(!lines.contains { $0.contains("\n") })
    }
}
