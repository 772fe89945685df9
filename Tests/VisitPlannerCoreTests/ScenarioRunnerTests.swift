import Foundation
import XCTest

@testable import VisitPlannerCore

/// Planning scenarios: the properties a manager relies on, and safe concurrent solving.
final class ScenarioRunnerTests: XCTestCase {
    static let options = PlanOptions(timeLimit: 30, explain: false)

    /// A plan document without its one timing figure, for comparing two runs.
    func timeless(_ doc: PlanDocument?) -> PlanDocument? {
        guard var doc else { return nil }
        doc.solver.seconds = 0
        return doc
    }

    // MARK: - Properties

    func testMoreBudgetNeverGivesLessValue() throws {
        let data = try TestData.loadTiny()
        let envelopes = Sweep.envelopes(min: Money(dollars: 1_000), max: Money(dollars: 15_000), step: Money(dollars: 2_000))
        XCTAssertGreaterThanOrEqual(envelopes.count, 6)
        let runs = ScenarioRunner.run(envelopes.map { Scenario(id: "e\($0.plain)", envelope: $0) }, on: data, options: Self.options)
        let sweep = Sweep(runs: runs, base: data.policy.budget.envelope, operations: data.operations.map(\.code))
        XCTAssertEqual(sweep.points.map(\.envelope), envelopes)
        for p in sweep.points { XCTAssertEqual(p.status, "optimal", "\(p.envelope)") }
        let values = sweep.points.map { $0.value! }
        for (a, b) in zip(sweep.points, sweep.points.dropFirst()) {
            XCTAssertLessThanOrEqual(a.value!, b.value!, "value at \(a.envelope) exceeds value at \(b.envelope)")
        }
        XCTAssertLessThan(values.first!, values.last!, "the range is wide enough to buy something")
        XCTAssertEqual(sweep.steps.count, envelopes.count - 1)
        XCTAssertTrue(sweep.steps.allSatisfy { $0.perThousand >= 0 })
    }

    func testVirtualOnlyOperationIsNeverVisitedInPerson() throws {
        let data = try TestData.loadTiny()
        let rich = Money(dollars: 50_000)
        let runs = ScenarioRunner.run(
            [
                Scenario(id: "open", envelope: rich),
                Scenario(id: "closed", envelope: rich, virtualOnly: ["OPA"]),
                Scenario(id: "closed-two", envelope: rich, virtualOnly: ["OPA", "OPC"], maxStops: 1),
            ],
            on: data, options: PlanOptions(timeLimit: 30, explain: true))
        func visited(_ run: ScenarioRun) -> Set<String> { Set(run.document!.trips.flatMap { $0.stops.map(\.operation) }) }
        XCTAssertTrue(visited(runs[0]).contains("OPA"), "without the restriction OPA is visited, so the test means something")
        XCTAssertFalse(visited(runs[1]).contains("OPA"))
        XCTAssertTrue(visited(runs[2]).isDisjoint(with: ["OPA", "OPC"]))
        XCTAssertTrue(runs[1].document!.virtual.contains { $0.operation == "OPA" }, "assessed virtually instead")
        XCTAssertTrue(runs[1].document!.notVisited.contains { $0.operation == "OPA" && $0.reason.contains("restricted") })
        let metrics = ScenarioMetrics(document: runs[1].document, data: runs[1].data)
        XCTAssertTrue(metrics.notVisited.contains("OPA"))
    }

    // MARK: - Concurrency

    func testTwentyScenariosConcurrentlyGiveTheSameResultsAsSequentially() throws {
        let data = try TestData.loadTiny()
        var scenarios: [Scenario] = []
        for i in 0..<20 {
            scenarios.append(
                Scenario(
                    id: "s\(i)", envelope: Money(dollars: Int64(1_500 + 700 * i)),
                    virtualOnly: i % 4 == 3 ? ["OPB"] : [], maxStops: i % 3 == 2 ? 1 : nil,
                    classPolicy: i % 5 == 4 ? .economyOnly : nil))
        }
        let options = PlanOptions(timeLimit: 30, explain: true)
        let sequential = scenarios.map { ScenarioRunner.plan($0, on: data, options: options) }
        let concurrent = ScenarioRunner.run(scenarios, on: data, options: options, workers: 4)
        XCTAssertEqual(concurrent.map(\.scenario.id), scenarios.map(\.id), "results come back in the order given")
        for (s, c) in zip(sequential, concurrent) {
            XCTAssertNil(c.error)
            XCTAssertEqual(timeless(c.document), timeless(s.document), c.scenario.id)
        }
        // Again with every worker busy from the start, and reporting progress.
        let counter = Counter()
        let again = ScenarioRunner.run(scenarios, on: data, options: options, workers: 8) { done, total, _ in
            counter.record(done: done, total: total)
        }
        XCTAssertEqual(again.map { timeless($0.document) }, sequential.map { timeless($0.document) })
        XCTAssertEqual(counter.seen, Array(1...20), "progress counts up once per scenario, one call at a time")
    }
}

private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Int] = []
    func record(done: Int, total: Int) {
        lock.lock(); defer { lock.unlock() }
        precondition(total == 20)
        values.append(done)
    }
    var seen: [Int] { lock.lock(); defer { lock.unlock() }; return values }
}
