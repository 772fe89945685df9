import Foundation
import XCTest

@testable import VisitPlannerCore
@testable import VisitPlannerRender
@testable import VisitPlannerReports
@testable import VisitPlannerWriters

/// `trips.csv` parses back, and its amounts add up to the budget table to the cent.
final class TripsCSVTests: XCTestCase {
    let doc = PlanFixture.document

    func testParsesBackAndSumsToTheBudget() throws {
        let text = TripsCSV.render(doc)
        XCTAssertTrue(text.hasPrefix("\u{FEFF}"), "byte-order mark, so Excel reads UTF-8")
        let rows = try RFC4180.parse(String(text.dropFirst()))
        XCTAssertEqual(rows.first, TripsCSV.columns)
        let records = rows.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(rows[0], $0)) }
        XCTAssertTrue(rows.allSatisfy { $0.count == TripsCSV.columns.count })

        var byCategory: [String: Money] = [:]
        var total = Money.zero
        for r in records {
            let amount = try XCTUnwrap(Money(parsing: r["amount"]!), "amount \(r["amount"]!)")
            XCTAssertFalse(r["amount"]!.contains(","), "plain amounts, no grouping")
            byCategory[r["category"]!, default: .zero] += amount
            total += amount
        }
        let b = doc.budget
        XCTAssertEqual(total, cents(b.travelCost))
        XCTAssertEqual(byCategory["airfare"], cents(b.airfare))
        XCTAssertEqual(byCategory["dsa"], cents(b.dsa))
        XCTAssertEqual(byCategory["terminal"], cents(b.terminal))
        XCTAssertEqual(byCategory["access"] ?? .zero, cents(b.access))
        XCTAssertEqual(Set(byCategory.keys), ["airfare", "dsa", "terminal", "access"])
        // One row per leg, per stay, per trip's terminal expenses, per access fare.
        XCTAssertEqual(records.count, 7 + 4 + 3 + 1)
    }

    func testHostileTextRoundTrips() throws {
        let rows = try RFC4180.parse(String(TripsCSV.render(doc).dropFirst()))
        let t02 = try XCTUnwrap(rows.first { $0[0] == "T02" })
        XCTAssertEqual(t02[1], "MM,2;ß")
        // A name a spreadsheet would run as a formula is shown as text.
        XCTAssertEqual(t02[2], "'=José Ñúñez\\Desk; SUM(A1)")
        let stay = try XCTUnwrap(rows.first { $0[0] == "T02" && $0[3] == "dsa" })
        XCTAssertEqual(stay[10], "OP,\"Q\"")
        XCTAssertEqual(stay[11], "Port\\Town, Haïti")
    }

    func testAmountsAgreeAcrossJSONMarkdownAndHTML() throws {
        let json = try PlanDocument.decode(try doc.encoded())
        XCTAssertEqual(json.budget, doc.budget, "plan.json keeps every amount exactly")
        let md = PlanMarkdown.render(doc), html = PlanHTML.render(doc)
        let b = doc.budget
        for amount in [b.envelope, b.travelCap, b.airfare, b.dsa, b.terminal, b.access, b.travelCost, b.psc, b.total, b.remaining] {
            XCTAssertTrue(md.contains(dollars(amount)), "plan.md shows \(dollars(amount))")
            XCTAssertTrue(html.contains(dollars(amount)), "plan.html shows \(dollars(amount))")
        }
        for trip in doc.trips {
            XCTAssertTrue(md.contains(dollars(trip.cost.total)))
            XCTAssertTrue(html.contains(dollars(trip.cost.total)))
        }
        XCTAssertEqual(dollars(b.psc), "$3,141.13")
        XCTAssertEqual(dollars(b.travelCost), "$24,162.57")
    }

    private func cents(_ d: Decimal) -> Money { Money(parsing: "\(d)")! }
}

/// A strict RFC 4180 reader for the tests: CRLF records, quoted fields with doubled quotes.
enum RFC4180 {
    struct Malformed: Error { var reason: String }

    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var scalars = Array(text.unicodeScalars)[...]
        var quoted = false, wasQuoted = false
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { scalars.removeFirst(); field.unicodeScalars.append("\"") } else { quoted = false }
                } else {
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty, !wasQuoted else { throw Malformed(reason: "quote inside an unquoted field") }
                quoted = true; wasQuoted = true
            case ",":
                row.append(field); field = ""; wasQuoted = false
            case "\r":
                guard scalars.popFirst() == "\n" else { throw Malformed(reason: "CR without LF") }
                row.append(field); rows.append(row); row = []; field = ""; wasQuoted = false
            case "\n":
                throw Malformed(reason: "bare LF ends a record")
            default:
                guard !wasQuoted else { throw Malformed(reason: "text after a closing quote") }
                field.unicodeScalars.append(c)
            }
        }
        guard !quoted else { throw Malformed(reason: "unterminated quote") }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
