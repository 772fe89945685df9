import Foundation
import GLPK
import XCTest

@testable import VisitPlannerCore

/// The starting plan built one manager at a time (`Planner.managerByManager`): feasible in every
/// respect the model checks, never worth more than the proven optimum, and equal to it when
/// there is only one manager (its own model is then the whole problem).
final class ManagerByManagerTests: XCTestCase {
    /// Checks a selection of types against the budget, visits, days and calendars.
    private func assertFeasible(_ planner: Planner, _ chosen: [Int], file: StaticString = #filePath, line: UInt = #line) {
        let pool = planner.affordable
        let data = planner.data
        let cost = chosen.map { pool[$0].cost.total }.reduce(.zero, +)
        XCTAssertLessThanOrEqual(cost, data.policy.budget.travelCap, file: file, line: line)
        var visits = [Int](repeating: 0, count: data.operations.count)
        var days = [Int](repeating: 0, count: data.managers.count)
        for t in chosen {
            for o in pool[t].stops { visits[o] += 1 }
            days[pool[t].manager] += pool[t].days
        }
        for (o, op) in data.operations.enumerated() { XCTAssertLessThanOrEqual(visits[o], op.maxVisits, op.code, file: file, line: line) }
        for (m, manager) in data.managers.enumerated() {
            XCTAssertLessThanOrEqual(days[m], manager.maxTravelDays, manager.id, file: file, line: line)
        }
        XCTAssertTrue(planner.schedule(pool: pool, chosen: chosen).conflicts.isEmpty, file: file, line: line)
    }

    /// One manager holding 12 operations: its own model is the whole problem, so the start is
    /// the optimum the planner proves (value 85.1 on this seed).
    func testWithOneManagerTheStartIsTheOptimum() throws {
        let data = SyntheticData.make(operations: 12, managers: 1, seed: 4)
        let planner = Planner(data: data)
        let start = try planner.managerByManager(
            pool: planner.affordable, travelCap: data.policy.budget.travelCap, deadline: Date().addingTimeInterval(30))
        assertFeasible(planner, start.types)
        let plan = try planner.plan(options: PlanOptions(timeLimit: 60, explain: false))
        XCTAssertEqual(plan.solver.status, .optimal)
        XCTAssertEqual(plan.value.points, 851_000)
        let model = PlanModel(data: planner.data, types: planner.affordable, virtualManagers: planner.virtualManagers, options: .init())
        XCTAssertEqual(model.value(types: start.types, virtual: start.virtual), plan.value.points)
        XCTAssertEqual(start.virtual, planner.virtualAssessments(visited: Set(start.types.flatMap { planner.affordable[$0].stops })))
    }

    /// Six managers sharing backups, three seeds: feasible, at most the proven optimum, and the
    /// same plan on every run.
    func testWithSharedOperationsTheStartIsFeasibleAndNoBetterThanTheOptimum() throws {
        for seed: UInt64 in [1, 2, 3] {
            let data = SyntheticData.make(operations: 24, managers: 6, seed: seed)
            let planner = Planner(data: data)
            let cap = data.policy.budget.travelCap
            let start = try planner.managerByManager(pool: planner.affordable, travelCap: cap, deadline: Date().addingTimeInterval(30))
            let again = try planner.managerByManager(pool: planner.affordable, travelCap: cap, deadline: Date().addingTimeInterval(30))
            XCTAssertEqual(start.types, again.types, "seed \(seed)")
            XCTAssertFalse(start.types.isEmpty, "seed \(seed)")
            assertFeasible(planner, start.types)
            let plan = try planner.plan(options: PlanOptions(timeLimit: 60, explain: false))
            XCTAssertEqual(plan.solver.status, .optimal, "seed \(seed)")
            let model = PlanModel(data: planner.data, types: planner.affordable, virtualManagers: planner.virtualManagers, options: .init())
            XCTAssertLessThanOrEqual(model.value(types: start.types, virtual: start.virtual), plan.value.points, "seed \(seed)")
        }
    }

    /// Operations allowing two visits, shared with a backup: a manager's own model counts the
    /// visits the others already make, so the start never exceeds `max_visits` (it once gave
    /// an operation three visits, and GLPK refused the start and the whole run).
    func testWithRepeatedVisitsTheStartKeepsMaxVisits() throws {
        for seed: UInt64 in [1, 2, 3] {
            let data = SyntheticData.make(operations: 24, managers: 6, seed: seed, repeatVisits: 12)
            let planner = Planner(data: data)
            let start = try planner.managerByManager(
                pool: planner.affordable, travelCap: data.policy.budget.travelCap, deadline: Date().addingTimeInterval(30))
            XCTAssertFalse(start.types.isEmpty, "seed \(seed)")
            assertFeasible(planner, start.types)
            let model = PlanModel(data: planner.data, types: planner.affordable, virtualManagers: planner.virtualManagers, options: .init())
            XCTAssertNil(
                SolveOptions.violation(of: model.point(types: start.types, virtual: start.virtual), in: model.model), "seed \(seed)")
        }
    }
}
