import Foundation
import XCTest

@testable import VisitPlannerCore

/// The decomposition over shared operations (`Planner.valueByDecomposition`, a measurement of
/// the benchmark) against the planner's own proof: two exact methods, one answer.
final class DecompositionTests: XCTestCase {
    /// The planner proves its plan optimal, and the decomposition proves the same value.
    private func assertProvesThePlannersOptimum(_ data: PlanningData, _ label: String) throws -> DecompositionResult {
        let planner = Planner(data: data)
        let plan = try planner.plan(options: PlanOptions(timeLimit: 60, explain: false))
        XCTAssertEqual(plan.solver.status, .optimal, label)
        let result = try XCTUnwrap(try planner.valueByDecomposition(timeLimit: 60), label)
        XCTAssertTrue(result.proven, label)
        XCTAssertEqual(result.value, plan.value, label)
        return result
    }

    /// 24 operations over 6 managers whose two backups each are another manager's operations
    /// (12 shared operations), four seeds: the decomposition proves the very value the planner
    /// proves optimal.
    func testTheDecompositionProvesThePlannersOptimum() throws {
        for seed: UInt64 in [1, 2, 3, 4] {
            let result = try assertProvesThePlannersOptimum(SyntheticData.make(operations: 24, managers: 6, seed: seed), "seed \(seed)")
            XCTAssertEqual(result.sharedOperations, 12, "seed \(seed)")
            XCTAssertEqual(result.modelsPossible, 6 * 16, "seed \(seed)")
            XCTAssertLessThanOrEqual(result.modelsSolved, result.modelsPossible, "seed \(seed)")
        }
    }

    /// One manager: nothing is shared, one model, and its optimum is the plan's.
    func testWithOneManagerOneModelIsTheWholeProblem() throws {
        let data = SyntheticData.make(operations: 12, managers: 1, seed: 4)
        let planner = Planner(data: data)
        let result = try XCTUnwrap(try planner.valueByDecomposition(timeLimit: 60))
        XCTAssertTrue(result.proven)
        XCTAssertEqual(result.value.points, 851_000)
        XCTAssertEqual(result.sharedOperations, 0)
        XCTAssertEqual(result.modelsSolved, 1)
        XCTAssertEqual(result.modelsPossible, 1)
    }

    /// Operations that allow two visits, some shared with a backup, and a budget that does not
    /// bind: the decomposition over the visits each manager may make proves the very value the
    /// planner proves optimal. (Where the cap binds, its plan does not fit and it proves nothing.)
    func testOperationsAllowingTwoVisitsAreDecomposedByVisitCounts() throws {
        for seed: UInt64 in [1, 2] {
            let data = SyntheticData.make(
                operations: 16, managers: 6, seed: seed, envelope: Money(dollars: 1_000_000), repeatVisits: 4)
            let result = try assertProvesThePlannersOptimum(data, "seed \(seed)")
            XCTAssertGreaterThan(result.modelsPossible, 6 * (1 << 2), "seed \(seed): some shared operation allows two visits")
        }
        let tight = SyntheticData.make(operations: 16, managers: 6, seed: 1, repeatVisits: 4)
        let unproven = try XCTUnwrap(try Planner(data: tight).valueByDecomposition(timeLimit: 60))
        XCTAssertFalse(unproven.proven)
    }
}
