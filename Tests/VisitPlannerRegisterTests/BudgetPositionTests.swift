import Foundation
import VisitPlannerCore
import XCTest

@testable import VisitPlannerRegister

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The position of a hand-checked year: every figure to the cent, and every column adds up.
final class BudgetPositionTests: XCTestCase {
    typealias F = RegisterFixture

    /// Five trips; one step a day from 2027-01-04 (the adoption) on:
    /// T01 request 01-05, approve 01-06, book 01-07, travelled 01-08 (actual $4,950 vs $5,000);
    /// T02 request 01-09, approve 01-10, book 01-11 (ticket $1,600 → booked $2,150);
    /// T03 request 01-12 ($1,025.50); T04 planned ($1,300); T05 cancelled 01-13 ($2,000).
    func year() throws -> Register {
        var trips = F.standardTrips
        trips.append(
            .init(
                id: "T04", manager: "M2", depart: "2027-12-06", returnDay: "2027-12-09", operations: ["ALPHA"], airfare: "900", dsa: "300"))
        trips.append(
            .init(
                id: "T05", manager: "M1", depart: "2027-05-03", returnDay: "2027-05-06", operations: ["BRAVO"], airfare: "1500", dsa: "400")
        )
        let register = try F.register(self, clock: .stepping(from: F.start, by: 86_400), adopt: false)
        try register.adopt(try F.plan(trips: trips), by: F.planner)
        try register.apply(.request(depart: nil, justification: nil), to: "T01", by: F.m1)
        try register.apply(.approve(amount: nil), to: "T01", by: F.supervisor)
        try register.apply(
            .book(ticket: F.money("3900"), depart: F.day("2027-03-08"), returnDay: F.day("2027-03-12")), to: "T01", by: F.planner)
        try register.apply(
            .travelled(
                .init(
                    depart: F.day("2027-03-08"), returnDay: F.day("2027-03-12"),
                    costs: TripCosts(airfare: F.money("3900"), dsa: F.money("850"), terminal: F.money("200")))),
            to: "T01", by: F.m1)
        try register.apply(.request(depart: nil, justification: nil), to: "T02", by: F.planner)
        try register.apply(.approve(amount: nil), to: "T02", by: F.supervisor)
        try register.apply(
            .book(ticket: F.money("1600"), depart: F.day("2027-06-07"), returnDay: F.day("2027-06-10")), to: "T02", by: F.planner)
        try register.apply(.request(depart: nil, justification: nil), to: "T03", by: F.planner)
        try register.apply(.cancel(reason: "mission closed"), to: "T05", by: F.planner)
        return register
    }

    func line(_ travel: Int64, _ psc: Int64) -> BudgetPosition.Line { .init(travel: Money(cents: travel), psc: Money(cents: psc)) }

    func testEveryFigureToTheCent() throws {
        let p = try year().position()
        XCTAssertEqual(p.lines[.spent], line(495_000, 64_350))
        XCTAssertEqual(p.lines[.committed], line(215_000, 27_950))
        XCTAssertEqual(p.lines[.requested], line(102_550, 13_332))  // 133.315 rounds half up
        XCTAssertEqual(p.lines[.planned], line(130_000, 16_900))
        XCTAssertEqual(p.forecast, line(942_550, 122_532))
        XCTAssertEqual(p.envelope, line(1_769_911, 230_089))
        XCTAssertEqual(p.free, line(827_361, 107_557))
        XCTAssertEqual(p.forecast.total + p.free.total, Money(dollars: 20_000))
        XCTAssertEqual(p.cancelled, 1)
        XCTAssertEqual(p.counts, [.spent: 1, .committed: 1, .requested: 1, .planned: 1])
        XCTAssertEqual(p.quarters.map(\.label), ["2027-Q1", "2027-Q2", "2027-Q4"])
        XCTAssertEqual(p.quarters.map(\.total), [495_000, 215_000, 232_550].map { Money(cents: $0) })
        // Quarters add up to the categories.
        for c in BudgetPosition.Category.allCases {
            XCTAssertEqual(p.quarters.reduce(Money.zero) { $0 + ($1.travel[c] ?? .zero) }, p.lines[c]!.travel, "\(c)")
        }
        XCTAssertEqual(p.variances.map(\.variance), [Money(cents: -5_000)])
        XCTAssertEqual(p.totalVariance, Money(cents: -5_000))
    }

    /// The burn-down's months are cumulative by month of departure: the baseline is every adopted
    /// trip at its estimate (the cancelled T05 included), spent or committed is T01 ($4,950.00,
    /// March) then T02 ($2,150.00, June), and the forecast ends at the position's forecast.
    func testBurnDownMonths() throws {
        let p = try year().position()
        XCTAssertEqual(p.months.count, 12)
        XCTAssertEqual(p.months.first?.label, "2027-01")
        XCTAssertEqual(p.months[1].spentOrCommitted, .zero)
        XCTAssertEqual(p.months[2].spentOrCommitted, Money(cents: 495_000))
        XCTAssertEqual(p.months[5].spentOrCommitted, Money(cents: 495_000 + 215_000))
        XCTAssertEqual(p.months[11].spentOrCommitted, Money(cents: 495_000 + 215_000))
        XCTAssertEqual(p.months[11].forecast, p.forecast.travel)
        XCTAssertEqual(p.months[11].baseline, Money(cents: 500_000 + 205_000 + 102_550 + 130_000 + 200_000))
        for (a, b) in zip(p.months, p.months.dropFirst()) {
            XCTAssertLessThanOrEqual(a.baseline, b.baseline)
            XCTAssertLessThanOrEqual(a.forecast, b.forecast)
        }
        // The chart is well-formed XML with the three series.
        let svg = StatusReport.burnDownSVG(p)
        let document = try XMLDocument(data: Data(svg.utf8))
        XCTAssertEqual(try document.nodes(forXPath: "//*[local-name()='path']").count, 3)
    }

    func testAsOfUndoesLaterChanges() throws {
        let register = try year()
        // End of 2027-01-06: T01 approved, nothing else moved, T05 not yet cancelled.
        let p = try register.position(asOf: F.day("2027-01-06"))
        XCTAssertEqual(p.lines[.committed], line(500_000, 65_000))
        XCTAssertEqual(p.lines[.planned], line(205_000 + 102_550 + 130_000 + 200_000, 82_882))
        XCTAssertEqual(p.lines[.spent], line(0, 0))
        XCTAssertEqual(p.cancelled, 0)
        // Far ahead: the position now.
        XCTAssertEqual(try register.position(asOf: F.day("2027-12-31")).lines, try register.position().lines)
        XCTAssertThrowsError(try register.position(asOf: F.day("2027-01-03"))) {
            XCTAssertEqual("\($0)", "no plan had been adopted in register-2027.sqlite by 2027-01-03")
        }
    }

    /// The file's exact text, byte-order mark included (String(contentsOf:) drops it).
    func text(_ url: URL) throws -> String { String(decoding: try Data(contentsOf: url), as: UTF8.self) }

    func testFilesAreWrittenNextToTheRegister() throws {
        let register = try year()
        XCTAssertEqual(register.reportFolder.lastPathComponent, "register-2027")
        let urls = try StatusReport.write(try register.position(), to: register.reportFolder)
        XCTAssertEqual(urls.map(\.lastPathComponent), ["status.md", "status.csv", "quarters.csv", "variance.csv", "burndown.svg"])
        XCTAssertEqual(
            try text(urls[1]),
            "\u{FEFF}line,trips,travel,psc,total\r\nspent,1,4950.00,643.50,5593.50\r\ncommitted,1,2150.00,279.50,2429.50\r\n"
                + "requested,1,1025.50,133.32,1158.82\r\nplanned,1,1300.00,169.00,1469.00\r\nforecast,,9425.50,1225.32,10650.82\r\n"
                + "free,,8273.61,1075.57,9349.18\r\nenvelope,,17699.11,2300.89,20000.00\r\n")
        XCTAssertEqual(
            try text(urls[2]),
            "\u{FEFF}quarter,spent,committed,requested,planned,total\r\n2027-Q1,4950.00,0.00,0.00,0.00,4950.00\r\n"
                + "2027-Q2,0.00,2150.00,0.00,0.00,2150.00\r\n2027-Q4,0.00,0.00,1025.50,1300.00,2325.50\r\n")
        XCTAssertEqual(
            try text(urls[3]),
            "\u{FEFF}trip,traveller,status,estimate,approved,actual,variance,needs_reapproval,not_as_planned\r\n"
                + "T01,M1,travelled,5000.00,5000.00,4950.00,-50.00,no,no\r\n")
        let md = try text(urls[0])
        XCTAssertTrue(md.contains("| free |  | $8,273.61 | $1,075.57 | $9,349.18 |"), md)
        XCTAssertTrue(md.contains("| 2027-Q4 | $0.00 | $0.00 | $1,025.50 | $1,300.00 | $2,325.50 |"), md)
        let asOf = try StatusReport.write(try register.position(asOf: F.day("2027-01-06")), to: register.reportFolder)
        XCTAssertEqual(asOf.first?.lastPathComponent, "status-2027-01-06.md")
    }
}
