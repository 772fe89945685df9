import Foundation
import XCTest

@testable import VisitPlannerCore
@testable import VisitPlannerRender
@testable import VisitPlannerReports
@testable import VisitPlannerWriters

/// What `visitplan compare` writes and prints, in a manager's words.
final class ComparisonOutputTests: XCTestCase {
    let doc = ComparisonFixture.document

    func testEveryComparisonOutputMatchesItsGolden() throws {
        let svg = ComparisonChart.svg(try XCTUnwrap(doc.sweep))
        try assertGolden(Data(ComparisonTables.markdown(doc).utf8), named: "comparison/comparison.md")
        try assertGolden(Data(ComparisonTables.csv(doc).utf8), named: "comparison/comparison.csv")
        try assertGolden(Data(ComparisonHTML.page(doc, svg: svg).utf8), named: "comparison/comparison.html")
        try assertGolden(Data(svg.utf8), named: "comparison/sweep.svg")
        try assertGolden(Data(ComparisonTables.summary(doc).utf8), named: "comparison/summary.txt")
    }

    func testCSVHasBOMAndCRLFLikeTripsCSV() throws {
        let csv = ComparisonTables.csv(doc)
        XCTAssertTrue(csv.hasPrefix("\u{FEFF}scenario,title,"))
        XCTAssertTrue(TripsCSV.render(PlanFixture.document).hasPrefix("\u{FEFF}trip,"))
        let records = try XCTUnwrap(CSVTestParser.records(csv), "valid RFC 4180 with CRLF")
        XCTAssertEqual(records.count, 1 + doc.scenarios.count)
        XCTAssertEqual(records[1][1], "Budget de base — Côte d'Ivoire incluse")
        XCTAssertTrue(records.allSatisfy { $0.count == records[0].count })
    }

    func testSummarySaysWhatEachStepBuysInWords() {
        let text = ComparisonTables.summary(doc)
        XCTAssertTrue(text.contains("What each extra $10,000.00 buys") == false, "the steps differ: the base is one of them")
        XCTAssertTrue(text.contains("What each step up of the budget buys"), text)
        XCTAssertTrue(
            text.contains(
                "  $100,000.00 → $110,000.00 (+$10,000.00): +1 visit in person (UNMISS instead of MINUSCA), +1 in a preferred window, "
                    + "-1 virtual assessment, -1 operation with nothing, +12.2 priority points"), text)
        XCTAssertTrue(text.contains("  $110,000.00 → $120,000.00 (+$10,000.00): nothing more"), text)
        XCTAssertTrue(text.contains(ComparisonTables.valueExplanation))
        XCTAssertFalse(text.contains("per extra $1,000"), "no bare ratio")
    }

    func testBuysTitleNamesTheStepWhenAllAreEqual() throws {
        var sweep = try XCTUnwrap(doc.sweep)
        sweep.marginal.removeLast()
        XCTAssertEqual(ComparisonTables.buysTitle(sweep), "What each extra $10,000.00 buys")
    }

    func testBuysTextCases() {
        typealias F = ComparisonFixture
        XCTAssertEqual(
            ComparisonTables.buysText(F.step("1", "2", gain: "3.5", more: ["A"], inPerson: 1, preferred: 1)),
            "+1 visit in person (A), +1 in a preferred window, +3.5 priority points")
        XCTAssertEqual(
            ComparisonTables.buysText(F.step("1", "2", gain: "7", more: ["A", "A", "B"], inPerson: 3, preferred: 2, virtual: -2)),
            "+3 visits in person (A, A, B), +2 in preferred windows, -2 virtual assessments, +7 priority points")
        XCTAssertEqual(
            ComparisonTables.buysText(F.step("1", "2", gain: "1.5", more: ["B"], fewer: ["A", "C"], inPerson: -1)),
            "-1 visit in person (B instead of A, C), +1.5 priority points")
        XCTAssertEqual(
            ComparisonTables.buysText(F.step("1", "2", gain: "0.4")),
            "the same visits, better timed or made by the operations' own desk officers, +0.4 priority points")
        XCTAssertEqual(ComparisonTables.buysText(F.step("1", "2", gain: "0")), "nothing more")
    }

    func testDropOutsAreSortedHighestBudgetFirst() throws {
        let sweep = try XCTUnwrap(doc.sweep)
        XCTAssertEqual(sweep.dropOuts.map(\.operation), ["UNAMA", "MINUSCA", "UNMISS", "UNISFA", "UNMIK", "UNFICYP"])
        let lines = ComparisonTables.summary(doc).components(separatedBy: "\n")
        let first = try XCTUnwrap(lines.firstIndex { $0.hasPrefix("Budget below which each operation drops out") })
        XCTAssertEqual(
            Array(lines[(first + 1)...]),
            [
                "  UNAMA: drops out below $126,560.00",
                "  MINUSCA: drops out below $120,000.00 (also visited at $90,000.00, $100,000.00)",
                "  UNMISS: drops out below $110,000.00",
                "  visited at every envelope from $90,000.00: UNISFA",
                "  not visited even at the top of the range: UNMIK, UNFICYP",
            ])
    }

    func testSideBySideSaysVisitsInPersonPreferredVirtualAndNothing() {
        let text = ComparisonTables.summary(doc)
        for label in ["visits in person", "  in preferred windows", "virtual assessments", "operations with nothing"] {
            XCTAssertTrue(text.contains("\n" + label + " "), label)
        }
        let md = ComparisonTables.markdown(doc)
        XCTAssertTrue(
            md.contains("- 9 visits in person (3 in preferred windows), 4 virtual assessments, 1 operation with nothing (UNFICYP)."), md)
        XCTAssertTrue(md.contains("[base/plan.md](base/plan.md)"), "a link to the scenario's own plan")
    }

    /// Solved for real on generated data: the step figures add up, whatever the data.
    func testStepsAddUpOnASolvedSweep() throws {
        let data = SyntheticData.make(operations: 6, managers: 3, seed: 11)
        let envelopes = Sweep.envelopes(min: Money(dollars: 5_000), max: Money(dollars: 45_000), step: Money(dollars: 10_000))
        let runs = ScenarioRunner.run(
            envelopes.map { Scenario(id: "e\($0.plain)", envelope: $0) }, on: data, options: PlanOptions(timeLimit: 20, explain: false))
        let comparison = Comparison(runs: [runs.last!], sweep: runs, data: data)
        let sweep = try XCTUnwrap(ComparisonDocument(name: "synthetic", comparison: comparison).sweep)
        XCTAssertEqual(sweep.marginal.count, envelopes.count - 1)
        XCTAssertGreaterThan(sweep.points.last!.inPersonVisits, sweep.points.first!.inPersonVisits, "the range buys visits")
        for m in sweep.marginal {
            let a = try XCTUnwrap(sweep.points.first { $0.envelope == m.from })
            let b = try XCTUnwrap(sweep.points.first { $0.envelope == m.to })
            XCTAssertEqual(m.inPersonChange, b.inPersonVisits - a.inPersonVisits)
            XCTAssertEqual(m.moreVisits.count - m.fewerVisits.count, m.inPersonChange)
            XCTAssertEqual(m.preferredWindowChange, b.preferredWindowVisits - a.preferredWindowVisits)
            XCTAssertEqual(m.virtualChange, b.virtualAssessments - a.virtualAssessments)
            XCTAssertEqual(m.notAssessedChange, b.notAssessed.count - a.notAssessed.count)
            XCTAssertEqual(m.valueGain, try XCTUnwrap(b.value) - XCTUnwrap(a.value))
            XCTAssertTrue(Set(m.moreVisits).isDisjoint(with: m.fewerVisits))
        }
        // Drop-outs: highest budget first, then always visited, then never.
        let ranks = sweep.dropOuts.map { $0.visitedFrom == nil ? 2 : $0.alwaysVisited ? 1 : 0 }
        XCTAssertEqual(ranks, ranks.sorted())
        let budgets = sweep.dropOuts.filter { $0.visitedFrom != nil && !$0.alwaysVisited }.map { $0.visitedFrom! }
        XCTAssertEqual(budgets, budgets.sorted(by: >))
    }
}
