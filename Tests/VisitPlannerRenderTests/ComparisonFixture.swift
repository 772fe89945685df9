import Foundation

@testable import VisitPlannerCore
@testable import VisitPlannerRender
@testable import VisitPlannerReports
@testable import VisitPlannerWriters

/// A hand-made comparison to check by eye: a base, a cut with its diff, a scenario without a
/// plan, and a sweep of five envelopes (the base among them) whose steps buy different things.
enum ComparisonFixture {
    typealias Doc = ComparisonDocument

    static func day(_ iso: String) -> Day { Day(iso: iso)! }
    static func money(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    static func visit(_ op: String, _ manager: String, _ arrive: String, _ leave: String, _ trip: String) -> Doc.Visit {
        Doc.Visit(operation: op, manager: manager, arrive: day(arrive), leave: day(leave), trip: trip)
    }

    static func point(
        _ envelope: String, value: String?, travel: String, visited: [String], inPerson: Int, preferred: Int, virtual: Int,
        nothing: [String], status: String = "optimal"
    ) -> Doc.SweepPoint {
        Doc.SweepPoint(
            envelope: money(envelope), status: status, value: value.map(money), travelCost: money(travel), visited: visited,
            inPersonVisits: inPerson, preferredWindowVisits: preferred, virtualAssessments: virtual, notAssessed: nothing)
    }

    static func step(
        _ from: String, _ to: String, gain: String, more: [String] = [], fewer: [String] = [], inPerson: Int = 0,
        preferred: Int = 0, virtual: Int = 0, nothing: Int = 0
    ) -> Doc.Marginal {
        let g = money(gain)
        var per = g * 1000 / (money(to) - money(from))
        var rounded = Decimal()
        NSDecimalRound(&rounded, &per, 4, .plain)
        return Doc.Marginal(
            from: money(from), to: money(to), valueGain: g, valuePerThousand: rounded, moreVisits: more, fewerVisits: fewer,
            inPersonChange: inPerson, preferredWindowChange: preferred, virtualChange: virtual, notAssessedChange: nothing)
    }

    static let document: ComparisonDocument = {
        let base = Doc.Scenario(
            id: "base", title: "Budget de base — Côte d'Ivoire incluse", folder: "base", changes: [], status: "optimal",
            problem: nil, envelope: money("126560"), pscRate: money("0.13"), travelCap: money("112000"), inPersonVisits: 12,
            preferredWindowVisits: 4, operationsCovered: 14, virtualAssessments: 2, notAssessed: [], value: money("145.2"),
            travelCost: money("111930"), psc: money("14550.90"), total: money("126480.90"), remaining: money("79.10"),
            notVisited: [
                .init(operation: "UNMIK", reason: "the cheapest trip costs $9,812.40; $70.00 of the cap remains"),
                .init(operation: "UNFICYP", reason: nil),
            ],
            diff: nil)
        let cut = Doc.Scenario(
            id: "cut-100k", title: "Cut to $100,000", folder: "cut-100k", changes: ["envelope $126,560.00 → $100,000.00"],
            status: "optimal", problem: nil, envelope: money("100000"), pscRate: money("0.13"), travelCap: money("88495.57"),
            inPersonVisits: 9, preferredWindowVisits: 3, operationsCovered: 13, virtualAssessments: 4,
            notAssessed: ["UNFICYP"], value: money("118.5"), travelCost: money("88400"), psc: money("11492"),
            total: money("99892"), remaining: money("108"),
            notVisited: [
                .init(operation: "UNMISS", reason: nil), .init(operation: "UNMIK", reason: nil),
                .init(operation: "UNFICYP", reason: nil),
            ],
            diff: Doc.Diff(
                added: [],
                dropped: [
                    visit("UNMISS", "DO-SS", "2027-04-05", "2027-04-09", "T04"),
                    visit("UNAMA", "DO-AF", "2027-09-13", "2027-09-17", "T09"),
                    visit("MINUSCA", "DO-CAF", "2027-11-08", "2027-11-12", "T11"),
                ],
                moved: [
                    Doc.Change(
                        operation: "UNISFA", base: visit("UNISFA", "DO-SS", "2027-04-10", "2027-04-13", "T04"),
                        scenario: visit("UNISFA", "DO-SS", "2027-06-07", "2027-06-10", "T03"))
                ],
                reassigned: [], unchanged: 8))
        let restricted = Doc.Scenario(
            id: "all-in-person", title: "Every operation in person", folder: "all-in-person",
            changes: ["coverage required"], status: "infeasible",
            problem: "covering all 16 operations in person needs at least $131,204.10; the cap is $112,000.00",
            envelope: money("126560"), pscRate: money("0.13"), travelCap: money("112000"), inPersonVisits: 0,
            preferredWindowVisits: 0, operationsCovered: 0, virtualAssessments: 0, notAssessed: ["UNMISS", "UNMIK"],
            value: 0, travelCost: 0, psc: 0, total: 0, remaining: money("126560"), notVisited: [], diff: nil)
        let ops = ["MINUSCA", "UNAMA", "UNMISS", "UNISFA", "UNMIK", "UNFICYP"]
        let sweep = Doc.Sweep(
            base: money("126560"),
            points: [
                point(
                    "90000", value: "98.1", travel: "79500", visited: ["MINUSCA", "UNISFA"], inPerson: 7, preferred: 2, virtual: 5,
                    nothing: ["UNFICYP"]),
                point(
                    "100000", value: "118.5", travel: "88400", visited: ["MINUSCA", "UNISFA"], inPerson: 9, preferred: 3, virtual: 4,
                    nothing: ["UNFICYP"]),
                point(
                    "110000", value: "130.7", travel: "97010.55", visited: ["UNMISS", "UNISFA"], inPerson: 10, preferred: 4, virtual: 3,
                    nothing: []),
                point(
                    "120000", value: "130.7", travel: "97010.55", visited: ["UNMISS", "UNISFA"], inPerson: 10, preferred: 4, virtual: 3,
                    nothing: []),
                point(
                    "126560", value: "145.2", travel: "111930", visited: ops.filter { $0 != "UNMIK" && $0 != "UNFICYP" }, inPerson: 12,
                    preferred: 4, virtual: 2, nothing: []),
            ],
            marginal: [
                step("90000", "100000", gain: "20.4", more: ["MINUSCA", "UNISFA"], inPerson: 2, preferred: 1, virtual: -1),
                step(
                    "100000", "110000", gain: "12.2", more: ["UNMISS"], fewer: ["MINUSCA"], inPerson: 1, preferred: 1, virtual: -1,
                    nothing: -1),
                step("110000", "120000", gain: "0"),
                step("120000", "126560", gain: "14.5", more: ["MINUSCA", "UNAMA"], inPerson: 2, virtual: -1),
            ],
            dropOuts: ComparisonDocument.sorted([
                .init(
                    operation: "MINUSCA", visitedFrom: money("120000"), dropsBelow: money("110000"),
                    alsoVisitedAt: [money("90000"), money("100000")], alwaysVisited: false),
                .init(
                    operation: "UNAMA", visitedFrom: money("126560"), dropsBelow: money("120000"), alsoVisitedAt: [], alwaysVisited: false),
                .init(
                    operation: "UNMISS", visitedFrom: money("110000"), dropsBelow: money("100000"), alsoVisitedAt: [], alwaysVisited: false),
                .init(operation: "UNISFA", visitedFrom: money("90000"), dropsBelow: nil, alsoVisitedAt: [], alwaysVisited: true),
                .init(operation: "UNMIK", visitedFrom: nil, dropsBelow: nil, alsoVisitedAt: [], alwaysVisited: false),
                .init(operation: "UNFICYP", visitedFrom: nil, dropsBelow: nil, alsoVisitedAt: [], alwaysVisited: false),
            ]))
        return ComparisonDocument(
            name: "budget-2027", horizon: .init(start: day("2027-01-01"), end: day("2027-12-31")), base: "base",
            scenarios: [base, cut, restricted], sweep: sweep)
    }()
}
