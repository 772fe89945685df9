import CGLPK
import Dispatch
import Foundation
import Testing

@testable import GLPK

// MARK: - GLPK's internal errors become GLPKError.internalError, never abort()

@Suite struct InternalErrorTests {
    /// max 7a + 4b  s.t.  2a + 5b ≤ 1,  a, b binary. Only a = b = 0 fits, objective 0.
    ///
    /// GLPK's presolver fixes both columns but keeps the row, and with cover cuts on
    /// `glp_cov_init` then calls `glp_add_cols(…, 0)`, which GLPK 5.0 answers with abort().
    static func coverCutTrigger() -> LinearModel {
        var model = LinearModel(name: "cover-trigger", sense: .maximize)
        let a = model.addVariable(name: "a", kind: .binary, objective: 7)
        let b = model.addVariable(name: "b", kind: .binary, objective: 4)
        model.addConstraint(name: "row", terms: [.init(a, 2), .init(b, 5)], upper: 1)
        return model
    }

    /// The message GLPK 5.0 (Debian's libglpk40) prints for `glp_add_cols(P, 0)`.
    static let addColumnsMessage = "glp_add_cols: ncs = 0; invalid number of columns (api/prob1.c at line 360)"

    /// A GLPK routine called with an argument GLPK aborts on, inside the protection: the
    /// process lives, the error is typed and carries GLPK's message, the same thread solves on.
    @Test func invalidCallInsideProtectionIsTyped() throws {
        let lines = Lines()
        #expect(throws: GLPKError.internalError(routine: "glp_add_cols", message: Self.addColumnsMessage)) {
            try GLPKSession.run(log: lines.append) { session in
                _ = try session.protected("glp_add_cols") { vp_add_cols($0, 0, $1) }
            }
        }
        #expect(lines.all == ["glp_add_cols: ncs = 0; invalid number of columns", "Error detected in file api/prob1.c at line 360"])
        let solution = try GLPKSolver.solve(Fixtures.knapsack())
        #expect(solution.status == .optimal && solution.objective == 25 && solution.values == [1, 0, 1, 1, 0])
    }

    /// The real failure inside glp_intopt, reached through the session (no retry at this level).
    @Test func coverCutFailureInsideIntoptIsTyped() throws {
        let model = Self.coverCutTrigger()
        #expect(throws: GLPKError.internalError(routine: "glp_intopt", message: Self.addColumnsMessage)) {
            try GLPKSession.run(log: nil) { session in
                try session.load(model)
                return try session.solveMIP(model, options: SolveOptions())
            }
        }
        // Same thread, right after: GLPK's environment was rebuilt from scratch.
        #expect(try GLPKSolver.solve(Fixtures.knapsack()).objective == 25)
        // Without cover cuts the same model solves.
        let outcome = try GLPKSession.run(log: nil) { session in
            try session.load(model)
            return try session.solveMIP(model, options: SolveOptions(), coverCuts: false)
        }
        #expect(outcome.status == .optimal && outcome.values == [0, 0] && outcome.objective == 0)
    }

    /// Why the option rules exist, shown by skipping them: GLPK itself rejects tol_obj = 1 with
    /// an internal error (an abort without the C protection), and mip_gap = DBL_MAX makes GLPK
    /// stop before it has any solution.
    @Test func optionRulesAreGLPKsOwn() throws {
        let model = Fixtures.knapsack()
        var options = SolveOptions()
        options.objectiveTolerance = 1
        #expect(
            throws: GLPKError.internalError(
                routine: "glp_intopt", message: "glp_intopt: tol_obj = 1; invalid parameter (draft/glpapi09.c at line 480)")
        ) {
            try GLPKSession.run(log: nil) { session in
                try session.load(model)
                return try session.solveMIP(model, options: options)
            }
        }
        options.objectiveTolerance = nil
        options.relativeGap = .greatestFiniteMagnitude
        let outcome = try GLPKSession.run(log: nil) { session in
            try session.load(model)
            return try session.solveMIP(model, options: options)
        }
        #expect(outcome.status == .feasible && outcome.values.isEmpty && outcome.objective == nil)
    }

    /// The public entry point survives the failure and still returns the optimum, saying in the
    /// log why it solved twice.
    @Test func solveRetriesWithoutCoverCuts() throws {
        let lines = Lines()
        var options = SolveOptions()
        options.log = lines.append
        let solution = try GLPKSolver.solve(Self.coverCutTrigger(), options: options)
        #expect(solution.status == .optimal)
        #expect(solution.values == [0, 0])
        #expect(solution.objective == 0)
        #expect(lines.all.contains("Cover cuts enabled"))
        #expect(lines.all.contains("glp_add_cols: ncs = 0; invalid number of columns"))
        #expect(
            lines.all.contains(
                "GLPK internal error in glp_intopt (\(Self.addColumnsMessage)); solving again without cover cuts"))
        #expect(lines.all.last == "INTEGER OPTIMAL SOLUTION FOUND")
    }

    /// Generated small binary models (1–4 columns, 1–3 rows, columns fixed at random), each
    /// solved with the default options and checked against enumeration of every 0/1 point. Some
    /// of them hit GLPK's cover-cut failure; every one must come back with the true optimum.
    @Test func generatedModelsMatchEnumeration() throws {
        let retries = Lines()
        var options = SolveOptions()
        options.log = { line in if line.hasPrefix("GLPK internal error") { retries.append(line) } }
        for seed in UInt64(1)...1500 {
            let model = Self.randomBinaryModel(seed: seed)
            let solution = try GLPKSolver.solve(model, options: options)
            let best = Self.enumerate(model)
            #expect(solution.objective == best, "seed \(seed)")
            #expect(solution.status == (best == nil ? .infeasible : .optimal), "seed \(seed)")
        }
        #expect(retries.all.count >= 3, "the generator should reach GLPK's cover-cut failure")
    }

    /// Recovered errors on several threads at once: each thread alternates a failing solve with
    /// ordinary ones, and every ordinary result equals the sequential one (GLPK's state is per
    /// thread; a recovery on one thread must not disturb another, nor leave state behind).
    @Test func recoveriesOnSeveralThreads() throws {
        let models = (0..<24).map { Fixtures.randomKnapsack(seed: UInt64($0) + 100) }
        let sequential = try models.map { try GLPKSolver.solve($0).values }
        let mismatches = Lines()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for round in 0..<30 {
                do {
                    try GLPKSession.run(log: nil) { session in
                        _ = try session.protected("glp_add_cols") { vp_add_cols($0, 0, $1) }
                    }
                    mismatches.append("thread \(thread) round \(round): no internal error")
                } catch {
                    if error as? GLPKError != .internalError(routine: "glp_add_cols", message: Self.addColumnsMessage) {
                        mismatches.append("thread \(thread) round \(round): \(error)")
                    }
                }
                let index = (thread * 7 + round) % models.count
                let values = try? GLPKSolver.solve(models[index]).values
                if values != sequential[index] {
                    mismatches.append("thread \(thread) round \(round): model \(index) gave \(String(describing: values))")
                }
                let retried = try? GLPKSolver.solve(Self.coverCutTrigger())
                if retried?.values != [0, 0] {
                    mismatches.append("thread \(thread) round \(round): trigger gave \(String(describing: retried))")
                }
            }
        }
        #expect(mismatches.all.isEmpty)
    }

    // MARK: - Helpers

    /// Thread-safe line collector (GLPK logs on the solving thread).
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        var all: [String] { lock.withLock { lines } }
        @Sendable func append(_ line: String) { lock.withLock { lines.append(line) } }
    }

    static func randomBinaryModel(seed: UInt64) -> LinearModel {
        var random = LCG(seed: seed)
        let columns = 1 + random.next(upTo: 4)
        let rows = 1 + random.next(upTo: 3)
        var model = LinearModel(name: "generated-\(seed)", sense: .maximize)
        for column in 0..<columns {
            let fixed = random.next(upTo: 3)  // 0: fixed at 1, 1: fixed at 0, 2: free binary
            let bounds: (Double, Double) = fixed == 0 ? (1, 1) : fixed == 1 ? (0, 0) : (0, 1)
            model.addVariable(
                name: "x\(column)", kind: .integer, lower: bounds.0, upper: bounds.1, objective: Double(random.next(upTo: 10)))
        }
        for row in 0..<rows {
            var terms: [LinearModel.Term] = []
            for column in 0..<columns where random.next(upTo: 2) == 1 {
                terms.append(.init(column, Double(1 + random.next(upTo: 5))))
            }
            let kind = random.next(upTo: 3)
            let bound = Double(random.next(upTo: 8))
            switch kind {
            case 0: model.addConstraint(name: "r\(row)", terms: terms, upper: bound)
            case 1: model.addConstraint(name: "r\(row)", terms: terms, lower: bound / 2)
            default: model.addConstraint(name: "r\(row)", terms: terms, lower: 0, upper: bound)
            }
        }
        return model
    }

    /// The best objective over every 0/1 point within the bounds and rows, nil if none is feasible.
    static func enumerate(_ model: LinearModel) -> Double? {
        var best: Double?
        for mask in 0..<(1 << model.variables.count) {
            let point = model.variables.indices.map { Double((mask >> $0) & 1) }
            let inBounds = zip(point, model.variables).allSatisfy { $0 >= $1.lower && $0 <= $1.upper }
            let feasible = model.constraints.allSatisfy { constraint in
                let activity = constraint.terms.reduce(0.0) { $0 + $1.coefficient * point[$1.variable] }
                return activity >= constraint.lower && activity <= constraint.upper
            }
            guard inBounds, feasible else { continue }
            let value = zip(point, model.variables).reduce(0.0) { $0 + $1.0 * $1.1.objective }
            best = max(best ?? value, value)
        }
        return best
    }
}
