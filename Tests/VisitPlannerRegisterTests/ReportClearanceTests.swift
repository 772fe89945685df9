import Foundation
import VisitPlannerCore
import XCTest

@testable import VisitPlannerRegister

private typealias F = RegisterFixture

/// Clearance of a trip's report: submitted → reviewed (gender and supervisor) → transmitted,
/// each step with who, when and a comment; illegal steps refused saying what is allowed.
final class ReportClearanceTests: XCTestCase {
    /// A register where T01 has travelled.
    func travelled() throws -> Register {
        let register = try F.register(self)
        try register.apply(.request(depart: nil, justification: nil), to: "T01", by: F.planner)
        try register.apply(.approve(amount: nil), to: "T01", by: F.supervisor)
        try register.apply(
            .book(ticket: F.money("1000"), depart: F.day("2027-03-08"), returnDay: F.day("2027-03-12")), to: "T01", by: F.planner)
        try register.apply(
            .travelled(.init(depart: F.day("2027-03-08"), returnDay: F.day("2027-03-12"), costs: TripCosts())), to: "T01", by: F.planner)
        return register
    }

    func refusal(_ body: () throws -> Any) -> String {
        do {
            _ = try body()
            return "accepted"
        } catch {
            return "\(error)"
        }
    }

    func testTheWholeClearanceWithWhoWhenAndComments() throws {
        let register = try travelled()
        let gender = RegisterActor(name: "Gita Gender"), head = RegisterActor(name: "Desk Lead")
        let submitted = try register.clearReport(trip: "T01", .submit, comment: "final draft", by: F.m1)
        XCTAssertEqual(submitted.stage, .submitted)
        XCTAssertEqual(submitted.submittedBy, "M1")
        XCTAssertEqual(submitted.submittedComment, "final draft")
        XCTAssertEqual(try register.trip("T01").status, .reportSubmitted)
        XCTAssertEqual(ReportClearance.allowed(after: submitted), [.gender, .supervisor])
        let afterSupervisor = try register.clearReport(trip: "T01", .supervisor, comment: nil, by: F.supervisor)
        XCTAssertEqual(afterSupervisor.stage, .submitted)
        XCTAssertEqual(ReportClearance.allowed(after: afterSupervisor), [.gender])
        let reviewed = try register.clearReport(trip: "T01", .gender, comment: "add SGBV figures next time", by: gender)
        XCTAssertEqual(reviewed.stage, .reviewed)
        XCTAssertEqual(reviewed.genderBy, "Gita Gender")
        XCTAssertEqual(reviewed.genderComment, "add SGBV figures next time")
        XCTAssertEqual(reviewed.supervisorBy, "Sam Supervisor")
        XCTAssertNil(reviewed.supervisorComment)
        let sent = try register.clearReport(trip: "T01", .transmit, comment: "sent to the Police Commissioner", by: head)
        XCTAssertEqual(sent.stage, .transmitted)
        XCTAssertEqual(sent.transmittedBy, "Desk Lead")
        // Times are the register clock's, one step after another.
        let times = [sent.submittedAt, sent.supervisorAt, sent.genderAt, sent.transmittedAt].compactMap { $0 }
        XCTAssertEqual(times.count, 4)
        XCTAssertEqual(times, times.sorted())
        XCTAssertEqual(
            try register.history(entity: "report", id: "T01").map { "\($0.action) \($0.by) \(HistoryEntry.shown($0.new))" },
            ["submit M1 submitted", "supervisor Sam Supervisor submitted", "gender Gita Gender reviewed", "transmit Desk Lead transmitted"])
        XCTAssertEqual(try register.clearances()["T01"], sent)
        XCTAssertTrue(sent.summary.hasPrefix("transmitted: submitted "), sent.summary)
        XCTAssertTrue(sent.summary.hasSuffix("; next: none"), sent.summary)
    }

    func testIllegalStepsAreRefusedSayingWhatIsAllowed() throws {
        let register = try travelled()
        XCTAssertEqual(
            refusal { try register.clearReport(trip: "T01", .gender, comment: nil, by: F.supervisor) },
            "the report of trip T01 has not been submitted and cannot take the step \"review --kind gender\"; allowed from here: submit")
        try register.clearReport(trip: "T01", .submit, comment: nil, by: F.m1)
        XCTAssertEqual(
            refusal { try register.clearReport(trip: "T01", .submit, comment: nil, by: F.m1) },
            "the report of trip T01 is submitted and cannot take the step \"submit\"; allowed from here: review --kind gender, review --kind supervisor"
        )
        XCTAssertEqual(
            refusal { try register.clearReport(trip: "T01", .transmit, comment: nil, by: F.supervisor) },
            "the report of trip T01 is submitted and cannot take the step \"review --kind transmit\"; allowed from here: review --kind gender, review --kind supervisor"
        )
        XCTAssertEqual(
            refusal { try register.clearReport(trip: "T01", .supervisor, comment: nil, by: RegisterActor(name: "m1")) },
            "the report of trip T01 was submitted by M1, who cannot review it; another person must (--by NAME)")
        try register.clearReport(trip: "T01", .supervisor, comment: nil, by: F.supervisor)
        XCTAssertEqual(
            refusal { try register.clearReport(trip: "T01", .supervisor, comment: nil, by: F.supervisor) },
            "the report of trip T01 is submitted and cannot take the step \"review --kind supervisor\"; allowed from here: review --kind gender"
        )
        try register.clearReport(trip: "T01", .gender, comment: nil, by: F.planner)
        try register.clearReport(trip: "T01", .transmit, comment: nil, by: F.planner)
        XCTAssertEqual(
            refusal { try register.clearReport(trip: "T01", .transmit, comment: nil, by: F.planner) },
            "the report of trip T01 is transmitted and cannot take the step \"review --kind transmit\"; allowed from here: none (it has reached the mission)"
        )
    }

    func testAReportBeforeTravelOrOfAnUnknownTripIsRefused() throws {
        let register = try travelled()
        XCTAssertEqual(
            refusal { try register.clearReport(trip: "T02", .submit, comment: nil, by: F.m1) },
            "the report of trip T02 cannot be submitted: the trip is planned; a report is submitted after travel")
        XCTAssertNil(try register.clearances()["T02"])
        XCTAssertEqual(
            refusal { try register.clearReport(trip: "T09", .submit, comment: nil, by: F.m1) },
            "no trip T09 in the register (did you mean T01?)")
        try register.clearReport(trip: "T01", .submit, comment: nil, by: F.m1)
        XCTAssertThrowsError(try register.write { db in try db.execute(sql: "DELETE FROM reportClearance") })
    }
}
