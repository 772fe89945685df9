import Foundation
import XCTest

@testable import VisitPlannerCore

/// What a run stopped by its time limit still promises (issue "Scale"): a plan in which every
/// operation without an in-person visit that a manager can assess virtually has its virtual
/// assessment, and progress lines that say which phase the run is in.
final class ScaleTests: XCTestCase {
    /// 96 operations, 6 managers, 1 s: GLPK is stopped long before it proves anything, yet each
    /// of the operations left without a visit (every one is in some portfolio) gets its virtual
    /// assessment, held by its portfolio manager, worth 30% of its priority.
    func testATimeLimitedPlanGivesEveryUnvisitedOperationItsVirtualAssessment() throws {
        let data = SyntheticData.make(operations: 96, managers: 6, seed: 7)
        let plan = try Planner(data: data).plan(options: PlanOptions(timeLimit: 1, explain: false))
        XCTAssertEqual(plan.solver.status, .timeLimit)
        let visited = Set(plan.visitedOperations)
        let expected = data.operations.filter { $0.active.count > 0 && !visited.contains($0.code) }.map(\.code)
        XCTAssertFalse(expected.isEmpty, "the instance must leave operations out for the test to mean anything")
        XCTAssertEqual(plan.virtual.map(\.operation), expected)
        for v in plan.virtual {
            let o = try XCTUnwrap(data.operations.firstIndex { $0.code == v.operation })
            XCTAssertEqual(v.manager, data.managers[o % data.managers.count].id, v.operation)
            XCTAssertEqual(v.value.points, data.operations[o].priority * 3_000, v.operation)
        }
        PlanChecker.assertValid(plan, data, "synthetic 96 × 6, 1 s")
    }

    /// A time limit that has already passed when listing starts stops the run with a clear
    /// message, not a crash or a plan that claims more than it knows.
    func testATimeLimitThatExpiresWhileListingTripsGivesAClearError() throws {
        let data = SyntheticData.make(operations: 40, managers: 4, seed: 3)
        let options = PlanOptions(timeLimit: 1, started: Date().addingTimeInterval(-2))
        XCTAssertThrowsError(try Planner.make(data: data, options: options)) { error in
            guard case PlanError.outOfTime(let message) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(message.hasPrefix("listing the possible trips did not finish within the time limit"), message)
        }
    }

    /// The progress lines of a small run: listing, then each phase by name and number.
    func testProgressLinesNameEachPhase() throws {
        let data = SyntheticData.make(operations: 8, managers: 2, seed: 1)
        let lines = Lines()
        let options = PlanOptions(timeLimit: 60, explain: false, progress: { lines.append($0) })
        _ = try Planner.make(data: data, options: options).plan(options: options)
        XCTAssertEqual(
            lines.all.filter { !$0.contains(":") || $0.hasPrefix("solving") || $0.hasPrefix("listing") },
            [
                "listing possible trips", "solving: most assessment value (phase 1 of 2)",
                "solving: cheapest plan of that value (phase 2 of 2)",
            ])
    }
}

/// Lines collected from a `@Sendable` callback.
private final class Lines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}
