import Dispatch
import Foundation
import GLPK
import Testing

// MARK: - Time limit, threads, initial solution

@Suite struct SearchTests {
    @Test func timeLimitStillReportsIncumbentBoundAndGap() throws {
        let model = Fixtures.multiKnapsack()
        var options = SolveOptions()
        options.timeLimit = 0.5
        options.cuts = false
        let solution = try GLPKSolver.solve(model, options: options)
        #expect(solution.status == .timeLimit || solution.status == .optimal)
        #expect(solution.hasSolution)
        let objective = try #require(solution.objective)
        let bound = try #require(solution.bound)
        let gap = try #require(solution.gap)
        #expect(gap >= 0)
        #expect(bound >= objective)  // maximization: the bound is above the incumbent
        #expect(solution.seconds < 5)
        // The incumbent is feasible and its objective is what `objective` says.
        for constraint in model.constraints {
            let activity = constraint.terms.reduce(0.0) { $0 + $1.coefficient * solution.values[$1.variable] }
            #expect(activity <= constraint.upper + 1e-6)
        }
        let recomputed = zip(model.variables, solution.values).reduce(0.0) { $0 + $1.0.objective * $1.1 }
        #expect(abs(recomputed - objective) < 1e-6)
    }

    @Test func concurrentSolvesMatchSequentialOnes() {
        struct Result: Equatable {
            var status: SolveStatus
            var objective: Double?
            var values: [Double]
        }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var byIndex: [Int: Result] = [:]
        }
        let models = (0..<40).map { Fixtures.randomKnapsack(seed: UInt64($0) + 1) }
        let sequential = models.map { model in
            (try? GLPKSolver.solve(model)).map { Result(status: $0.status, objective: $0.objective, values: $0.values) }
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: models.count) { index in
            let solution = try? GLPKSolver.solve(models[index])
            let result = solution.map { Result(status: $0.status, objective: $0.objective, values: $0.values) }
            results.lock.withLock { results.byIndex[index] = result }
        }
        let concurrent = (0..<models.count).map { results.byIndex[$0] }
        #expect(sequential.allSatisfy { $0?.status == .optimal })
        #expect(concurrent == sequential)
    }

    /// {a, c} (value 17) is feasible; GLPK takes it as incumbent and still proves 25 optimal.
    @Test func initialSolutionIsAcceptedAndResultOptimal() throws {
        var options = SolveOptions()
        options.initialSolution = [1, 0, 1, 0, 0]
        let solution = try GLPKSolver.solve(Fixtures.knapsack(), options: options)
        #expect(solution.status == .optimal)
        #expect(solution.objective == 25)
        #expect(solution.values == [1, 0, 1, 1, 0])
        #expect(solution.initialSolutionAccepted == true)
    }

    /// Whether a point may be offered, before offering it: nil for a feasible one, else the
    /// row, bound or integrality it breaks (what the planner says when it sets a start aside).
    @Test func violationNamesWhatAPointBreaks() throws {
        let model = Fixtures.knapsack()
        #expect(SolveOptions.violation(of: [1, 0, 1, 0, 0], in: model) == nil)
        let all = SolveOptions.violation(of: [1, 1, 1, 1, 1], in: model)
        #expect(all?.hasPrefix("initialSolution violates constraint") == true)
        #expect(
            SolveOptions.violation(of: [0.5, 0, 0, 0, 0], in: model) == "initialSolution: integer variable 0 'a' has non-integral value 0.5"
        )
        #expect(SolveOptions.violation(of: [1, 0], in: model) == "initialSolution has 2 values, but the model has 5 variables")
    }

    /// Offering the optimum itself: nothing better exists, GLPK keeps it and proves it.
    @Test func initialSolutionThatIsOptimal() throws {
        var options = SolveOptions()
        options.initialSolution = [1, 0, 1, 1, 0]
        options.presolve = true  // turned off internally, see SolveOptions.initialSolution
        let solution = try GLPKSolver.solve(Fixtures.knapsack(), options: options)
        #expect(solution.status == .optimal)
        #expect(solution.values == [1, 0, 1, 1, 0])
        #expect(solution.initialSolutionAccepted == true)
    }

    /// With a time limit the offered point is the floor: the result is never worse than it.
    @Test func initialSolutionWithTimeLimit() throws {
        let model = Fixtures.multiKnapsack()
        var options = SolveOptions()
        options.initialSolution = Array(repeating: 0, count: model.variables.count)  // take nothing
        options.timeLimit = 0.5
        options.cuts = false
        let solution = try GLPKSolver.solve(model, options: options)
        #expect(solution.status == .timeLimit || solution.status == .optimal)
        #expect(solution.hasSolution)
        #expect(try #require(solution.objective) >= 0)
        #expect(try #require(solution.gap) >= 0)
        #expect(solution.initialSolutionAccepted == true)
    }

    /// Stopping at a relative gap reports `.feasible` (or `.optimal` if GLPK proves it first),
    /// with a gap no larger than requested.
    @Test func relativeGapStopsEarly() throws {
        var options = SolveOptions()
        options.relativeGap = 0.01
        options.cuts = false
        let solution = try GLPKSolver.solve(Fixtures.multiKnapsack(), options: options)
        #expect(solution.status == .feasible || solution.status == .optimal)
        #expect(try #require(solution.gap) <= 0.01)
    }
}
