import Foundation
import XCTest

@testable import VisitPlannerCore

/// The diff of a scenario against the base, on hand-made plans small enough to check by eye.
final class ScenarioDiffTests: XCTestCase {
    static func day(_ iso: String) -> Day { Day(iso: iso)! }

    /// A plan document holding just the given trips: (trip id, manager, [(operation, arrive, leave)]).
    static func plan(_ trips: [(String, String, [(String, String, String)])]) -> PlanDocument {
        let zeroBudget = PlanDocument.Budget(
            envelope: 10_000, pscRate: 0.13, travelCap: 8_849.55, travelCost: 0, psc: 0, total: 0,
            remaining: 10_000, airfare: 0, dsa: 0, terminal: 0, access: 0)
        let h = PlanDocument.Horizon(start: day("2027-01-01"), end: day("2027-12-31"))
        return PlanDocument(
            name: "hand-made", horizon: h, coverage: .maximize, budget: zeroBudget,
            solver: .init(
                status: .optimal, objective: 0, bound: 0, gap: 0, seconds: 0, rows: 0, columns: 0, nonzeros: 0,
                candidates: 0, valueStatus: .optimal),
            value: .init(total: 0, bound: nil, inPerson: 0, virtual: 0),
            trips: trips.map { id, manager, stops in
                PlanDocument.Trip(
                    id: id, manager: manager, depart: day(stops[0].1) - 1, return: day(stops.last!.2) + 1, days: 0,
                    value: 0,
                    stops: stops.map { op, arrive, leave in
                        PlanDocument.Stop(
                            operation: op, arrive: day(arrive), leave: day(leave), nights: 0, dsaRate: 0,
                            dsa: 0, access: 0, preferredWindow: false, ownPortfolio: false, value: 0)
                    },
                    legs: [], cost: .init(airfare: 0, dsa: 0, terminal: 0, access: 0, total: 0))
            },
            virtual: [], notVisited: [], infeasibility: nil,
            operations: ["OPA", "OPB", "OPC", "OPD", "OPE"].map { code in
                PlanDocument.OperationInfo(
                    code: code, name: code, type: "PKO", hqCity: "", country: "", airport: "AAA", region: "",
                    policeStrength: 0, priority: 1, mandateRenewal: nil, active: h, blackouts: [], preferred: [])
            },
            managers: [])
    }

    func visit(_ op: String, _ manager: String, _ arrive: String, _ leave: String, _ trip: String) -> Visit {
        Visit(operation: op, manager: manager, arrive: Self.day(arrive), leave: Self.day(leave), trip: trip)
    }

    func testDiffOfAHandMadePair() {
        // Base: A (M1, March), B and C on one trip of M1 in May, D (M2, June), C again (M2, October).
        let base = Self.plan([
            ("T01", "M1", [("OPA", "2027-03-01", "2027-03-05")]),
            ("T02", "M1", [("OPB", "2027-05-02", "2027-05-05"), ("OPC", "2027-05-05", "2027-05-08")]),
            ("T03", "M2", [("OPD", "2027-06-10", "2027-06-14")]),
            ("T04", "M2", [("OPC", "2027-10-01", "2027-10-04")]),
        ])
        // Scenario: A unchanged; B dropped; the May C moved to July (still M1); D re-assigned to M1
        // (same dates); the October C moved a week later (still M2); E added.
        let scenario = Self.plan([
            ("T01", "M1", [("OPA", "2027-03-01", "2027-03-05")]),
            ("T02", "M1", [("OPD", "2027-06-10", "2027-06-14")]),
            ("T03", "M1", [("OPC", "2027-07-12", "2027-07-15")]),
            ("T04", "M2", [("OPC", "2027-10-08", "2027-10-11"), ("OPE", "2027-10-12", "2027-10-15")]),
        ])
        let diff = PlanDiff(base: base, scenario: scenario)
        XCTAssertEqual(diff.unchanged, 1)
        XCTAssertEqual(diff.added, [visit("OPE", "M2", "2027-10-12", "2027-10-15", "T04")])
        XCTAssertEqual(diff.dropped, [visit("OPB", "M1", "2027-05-02", "2027-05-05", "T02")])
        XCTAssertEqual(
            diff.moved,
            [
                PlanDiff.Change(
                    base: visit("OPC", "M1", "2027-05-05", "2027-05-08", "T02"),
                    scenario: visit("OPC", "M1", "2027-07-12", "2027-07-15", "T03")),
                PlanDiff.Change(
                    base: visit("OPC", "M2", "2027-10-01", "2027-10-04", "T04"),
                    scenario: visit("OPC", "M2", "2027-10-08", "2027-10-11", "T04")),
            ])
        XCTAssertEqual(
            diff.reassigned,
            [
                PlanDiff.Change(
                    base: visit("OPD", "M2", "2027-06-10", "2027-06-14", "T03"),
                    scenario: visit("OPD", "M1", "2027-06-10", "2027-06-14", "T02"))
            ])
        // Every base visit is exactly one of unchanged, moved, re-assigned or dropped.
        XCTAssertEqual(diff.unchanged + diff.moved.count + diff.reassigned.count + diff.dropped.count, 5)

        let same = PlanDiff(base: base, scenario: base)
        XCTAssertTrue(same.isEmpty)
        XCTAssertEqual(same.unchanged, 5)
    }

    func testReassignedWinsOverMovedWhenTheManagerChanges() {
        let base = [visit("OPA", "M1", "2027-03-01", "2027-03-05", "T01")]
        let scenario = [visit("OPA", "M2", "2027-04-01", "2027-04-05", "T01")]
        let diff = PlanDiff(base: base, scenario: scenario)
        XCTAssertEqual(diff.moved, [])
        XCTAssertEqual(diff.reassigned.map(\.scenario.manager), ["M2"])
        XCTAssertEqual(PlanDiff(base: base, scenario: []).dropped, base)
        XCTAssertEqual(PlanDiff(base: [], scenario: scenario).added, scenario)
    }

    func testMetricsOfAHandMadePlan() throws {
        let data = try TestData.loadTiny()
        var doc = Self.plan([("T01", "M1", [("OPA", "2027-03-01", "2027-03-05"), ("OPB", "2027-03-06", "2027-03-08")])])
        doc.virtual = [.init(operation: "OPC", manager: "M2", value: 1.2)]
        let m = ScenarioMetrics(document: doc, data: data)
        XCTAssertEqual(m.inPersonVisits, 2)
        XCTAssertEqual(m.virtualAssessments, 1)
        XCTAssertEqual(m.operationsCovered, 3)
        XCTAssertEqual(m.notVisited, ["OPC", "OPD", "OPE"])
        let failed = ScenarioMetrics(document: nil, data: data, error: "the solver failed: boom")
        XCTAssertEqual(failed.status, "error")
        XCTAssertEqual(failed.problem, "the solver failed: boom")
    }

    func testSweepDropOutsAndMarginalValue() {
        func run(_ dollars: Int64, value: Decimal, visits: [String]) -> ScenarioRun {
            var data = try! TestData.loadTiny()
            data.policy.budget = BudgetSplit(envelope: Money(dollars: dollars), pscRate: data.policy.budget.pscRate)
            var doc = Self.plan(visits.isEmpty ? [] : [("T01", "M1", visits.map { ($0, "2027-03-01", "2027-03-02") })])
            doc.value.total = value
            return ScenarioRun(
                scenario: Scenario(id: "e\(dollars)", envelope: Money(dollars: dollars)), data: data, document: doc,
                error: nil, seconds: 0)
        }
        let sweep = Sweep(
            runs: [
                run(4_000, value: 16, visits: ["OPA", "OPB"]), run(2_000, value: 10, visits: ["OPA"]),
                run(6_000, value: 20, visits: ["OPA", "OPB", "OPC"]), run(8_000, value: 20, visits: ["OPA", "OPC"]),
            ],
            base: Money(dollars: 6_000), operations: ["OPA", "OPB", "OPC"])
        XCTAssertEqual(sweep.points.map(\.envelope.cents), [200_000, 400_000, 600_000, 800_000], "sorted by envelope")
        XCTAssertEqual(sweep.steps.map(\.perThousand), [3, 2, 0])
        XCTAssertEqual(sweep.dropOuts[0], Sweep.DropOut(operation: "OPA", visitedFrom: Money(dollars: 2_000), alsoAt: [], dropsBelow: nil))
        XCTAssertTrue(sweep.dropOuts[0].always)
        XCTAssertEqual(
            sweep.dropOuts[1], Sweep.DropOut(operation: "OPB", visitedFrom: nil, alsoAt: [], dropsBelow: nil),
            "not visited at the top of the range")
        XCTAssertEqual(
            sweep.dropOuts[2],
            Sweep.DropOut(
                operation: "OPC", visitedFrom: Money(dollars: 6_000), alsoAt: [],
                dropsBelow: Money(dollars: 4_000)))
    }
}
