import Foundation
import XCTest

@testable import VisitPlannerCore

/// Trip types are listed by one worker per core, each taking the next manager: the result, its
/// order and what the budget counts must not depend on how many workers there are.
final class ParallelListingTests: XCTestCase {
    private func listing(_ data: PlanningData, workers: Int, maxBytes: Int = Int.max) throws -> ([String], GenerationBudget) {
        let data = data.applyingBookingLead()
        let generator = TripTypeGenerator(data: data, calendar: PlanningCalendar(data: data))
        var budget = GenerationBudget(maxBytes: maxBytes, deadline: nil)
        let types = try generator.types(costLimit: nil, budget: &budget, workers: workers)
        let lines = types.map { t in
            "\(t.manager) \(t.stops) \(t.nights) \(t.preferred) \(t.cost.total.cents) \(t.value) \(t.days) \(t.copy) \(t.starts)"
        }
        return (lines, budget)
    }

    /// 40 operations over 7 managers (some with two visits allowed), listed by 1, 2, 3 and 8
    /// workers: the same types in the same order, and the same bytes and count charged.
    func testAnyNumberOfWorkersListsTheSameTypesInTheSameOrder() throws {
        let data = SyntheticData.make(operations: 40, managers: 7, seed: 5, repeatVisits: 3)
        let (one, budget) = try listing(data, workers: 1)
        XCTAssertGreaterThan(one.count, 500)
        for workers in [2, 3, 8] {
            let (many, shared) = try listing(data, workers: workers)
            XCTAssertEqual(many, one, "\(workers) workers")
            XCTAssertEqual(shared.bytes, budget.bytes, "\(workers) workers")
            XCTAssertEqual(shared.generated, budget.generated, "\(workers) workers")
        }
    }

    /// The memory limit counts what all the workers hold: a limit a little below what one worker
    /// needs stops two as well, with the advice.
    func testTheMemoryLimitCountsEveryWorker() throws {
        let data = SyntheticData.make(operations: 40, managers: 4, seed: 3)
        let (_, budget) = try listing(data, workers: 1)
        for workers in [1, 2] {
            XCTAssertThrowsError(try listing(data, workers: workers, maxBytes: budget.bytes * 9 / 10), "\(workers) workers") { error in
                guard case PlanError.tooLarge(let message) = error else { return XCTFail("\(error)") }
                XCTAssertTrue(message.contains("lower max_stops in policy.yaml"), message)
            }
        }
    }
}
