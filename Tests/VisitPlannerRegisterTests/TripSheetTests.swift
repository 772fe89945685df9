import Foundation
import VisitPlannerCore
import XCTest

@testable import VisitPlannerRegister

final class TripSheetTests: XCTestCase {
    typealias F = RegisterFixture

    func testExportIsTheDocumentedTemplate() throws {
        let register = try F.register(self)
        let text = try register.exportSheet()
        XCTAssertEqual(
            text,
            "\u{FEFF}id,manager,status,estimate,approved,step,depart,return,ticket,airfare,dsa,terminal,access,other,traveller,operations,note\r\n"
                + "T01,M1,planned,5000.00,,,2027-03-08,2027-03-12,,,,,,,,,\r\n"
                + "T02,M2,planned,2050.00,,,2027-06-07,2027-06-10,,,,,,,,,\r\n"
                + "T03,M1,planned,1025.50,,,2027-10-04,2027-10-06,,,,,,,,,\r\n")
    }

    /// As Excel saves it: byte-order mark, CRLF, quoted amounts with grouping and a dollar sign,
    /// columns reordered, some left out, and a status in display form.
    func testImportAppliesAnExcelSheetInOrder() throws {
        let register = try F.register(self)
        let sheet =
            "\u{FEFF}step,id,status,ticket,depart,return,airfare,dsa,note\r\n"
            + "request,T01,Planned,,,,,,\r\n"
            + "approve,T01,requested,,,,,,\r\n"
            + "book,T01,approved,\"$3,900.00\",2027-03-08,2027-03-12,,,\r\n"
            + "travelled,T01,booked,,2027-03-08,2027-03-13,\"4,100\",1000.5,\r\n"
            + ",T02,planned,,,,,,\r\n"
            + "cancel,T03,,,,,,,\"mission closed, sadly\"\r\n"
        let summary = try register.importSheet(Data(sheet.utf8), file: "bookings.csv", by: F.supervisor)
        XCTAssertEqual(summary.applied, ["T01 request", "T01 approve", "T01 book", "T01 travelled", "T03 cancel"])
        XCTAssertEqual(summary.skipped, 1)
        let t01 = try register.trip("T01")
        XCTAssertEqual(t01.status, .travelled)
        XCTAssertEqual(t01.bookedTicket, Money(dollars: 3_900))
        XCTAssertEqual(t01.actual, TripCosts(airfare: Money(dollars: 4_100), dsa: Money(cents: 100_050)))
        XCTAssertTrue(t01.notAsPlanned)  // came back a day late
        XCTAssertEqual(try register.trip("T03").reason, "mission closed, sadly")
        XCTAssertEqual(
            summary.description,
            "Applied 5 steps: T01 request, T01 approve, T01 book, T01 travelled, T03 cancel; 1 row without a step left alone.")
    }

    func testCellErrorsNameFileLineAndColumnAndNothingIsApplied() throws {
        let register = try F.register(self)
        let before = try register.history().count
        let sheet =
            "id,step,depart,return,ticket,note\n"
            + "T02,request,,,,\n"
            + "T01,book,08/03/2027,2027-03-12,,\n"
            + "T01,postpone,,,,\n"
            + "T01,fly,,,,\n"
        XCTAssertThrowsError(try register.importSheet(Data(sheet.utf8), file: "bookings.csv", by: F.planner)) { error in
            XCTAssertEqual(
                (error as? DataErrors)?.issues.map(\.description),
                [
                    "bookings.csv:3: ticket: is empty; a value is required",
                    "bookings.csv:3: depart: dates must be written YYYY-MM-DD (e.g. 2027-01-15); found \"08/03/2027\" on line 3. A spreadsheet rewrote them: give the column the custom format yyyy-mm-dd and save again",
                    "bookings.csv:4: note: is empty; give the reason to postpone the trip",
                    "bookings.csv:5: step: expected one of request, approve, book, travelled, report, close, reapprove, postpone, cancel, cost, found \"fly\"",
                ])
        }
        XCTAssertEqual(try register.trip("T02").status, .planned)
        XCTAssertEqual(try register.history().count, before)
    }

    func testRefusedStepsRollBackTheRowsBeforeThem() throws {
        let register = try F.register(self)
        let before = try register.history().count
        let sheet =
            "id,status,step,note\r\n"
            + "T02,planned,request,\r\n"
            + "T01,planned,approve,\r\n"
            + "T09,,request,\r\n"
            + "T03,booked,report,\r\n"
            + "T02,requested,approve,\r\n"
        XCTAssertThrowsError(try register.importSheet(Data(sheet.utf8), file: "steps.csv", by: try register.actor(named: "Ben Okafor"))) {
            error in
            XCTAssertEqual(
                (error as? DataErrors)?.issues.map(\.description),
                [
                    "steps.csv:3: step: trip T01: a trip that is planned cannot take the step \"approve\"; allowed from here: request, postpone, cancel",
                    "steps.csv:4: id: no trip T09 in the register (did you mean T01?)",
                    "steps.csv:5: status: the sheet says booked but trip T03 is planned in the register; export a fresh sheet",
                    "steps.csv:6: step: trip T02: M2 travels on this trip and cannot approve it; another person must (--by NAME)",
                ])
        }
        XCTAssertEqual(try register.trips().map(\.status), [.planned, .planned, .planned])
        XCTAssertEqual(try register.history().count, before)
    }

    func testUnknownColumnIsNamedWithASuggestion() throws {
        let register = try F.register(self)
        XCTAssertThrowsError(try register.importSheet(Data("id,step,tiket\nT01,book,100\n".utf8), file: "x.csv", by: F.planner)) { error in
            XCTAssertEqual(
                (error as? DataErrors)?.issues.first?.description,
                "x.csv:1: tiket: unknown column (did you mean \"ticket\"?); allowed: id, step, id, manager, status, estimate, approved, step, depart, return, ticket, airfare, dsa, terminal, access, other, traveller, operations, note"
            )
        }
    }
}
