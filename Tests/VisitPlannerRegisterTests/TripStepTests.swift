import GRDB
import VisitPlannerCore
import XCTest

@testable import VisitPlannerRegister

final class TripStepTests: XCTestCase {
    typealias F = RegisterFixture

    /// T01 to booked, by the book.
    func book(_ register: Register, ticket: String = "3900") throws {
        try register.apply(.request(depart: nil, justification: nil), to: "T01", by: F.m1)
        try register.apply(.approve(amount: nil), to: "T01", by: F.supervisor)
        try register.apply(
            .book(ticket: F.money(ticket), depart: F.day("2027-03-08"), returnDay: F.day("2027-03-12")), to: "T01", by: F.planner)
    }

    func testTheWholeLifeOfATrip() throws {
        let register = try F.register(self)
        try book(register)
        var t = try register.trip("T01")
        XCTAssertEqual(t.status, .booked)
        XCTAssertEqual(t.approvedCost, Money(dollars: 5000))
        XCTAssertEqual(t.approvedBy, "Sam Supervisor")
        XCTAssertEqual(t.bookedTicket, Money(dollars: 3900))
        XCTAssertEqual(t.bookedCost, Money(dollars: 4900))  // ticket + DSA 800 + terminal 200
        let facts = TravelFacts(
            depart: F.day("2027-03-08"), returnDay: F.day("2027-03-12"),
            costs: TripCosts(airfare: F.money("3900"), dsa: F.money("800"), terminal: F.money("200"), other: F.money("50")))
        t = try register.apply(.travelled(facts), to: "T01", by: F.m1)
        XCTAssertEqual(t.status, .travelled)
        XCTAssertEqual(t.actual?.total, Money(dollars: 4950))
        XCTAssertFalse(t.notAsPlanned)
        XCTAssertFalse(t.needsReapproval)
        try register.apply(.report, to: "T01", by: F.m1)
        t = try register.apply(.close, to: "T01", by: F.supervisor)
        XCTAssertEqual(t.status, .closed)
        let statusChanges = try register.history(entity: "trip", id: "T01").filter { $0.field == "status" }
        XCTAssertEqual(
            statusChanges.map { HistoryEntry.shown($0.new) },
            ["requested", "approved", "booked", "travelled", "report-submitted", "closed"])
        XCTAssertEqual(statusChanges.map(\.by), ["M1", "Sam Supervisor", "Paula Planner", "M1", "M1", "Sam Supervisor"])
        // Stepping clock: one second per reading, one reading per step.
        XCTAssertEqual(statusChanges.first?.at, "2027-01-04T09:00:01Z")
        XCTAssertEqual(statusChanges.last?.at, "2027-01-04T09:00:06Z")
    }

    func testIllegalStepIsRefusedWithTheAllowedOnesAndChangesNothing() throws {
        let register = try F.register(self)
        let before = try register.history().count
        XCTAssertThrowsError(try register.apply(.report, to: "T02", by: F.planner)) {
            XCTAssertEqual(
                "\($0)", "trip T02: a trip that is planned cannot take the step \"report\"; allowed from here: request, postpone, cancel")
        }
        XCTAssertEqual(try register.history().count, before)
        XCTAssertThrowsError(try register.apply(.report, to: "T2", by: F.planner)) {
            XCTAssertEqual("\($0)", "no trip T2 in the register (did you mean T02?)")
        }
    }

    func testTheTravellerCannotApproveTheirOwnTrip() throws {
        let register = try F.register(self)
        try register.apply(.request(depart: nil, justification: nil), to: "T01", by: F.m1)
        for name in ["M1", "m1", "Ana Silva", "ana silva"] {
            let actor = try register.actor(named: name)
            XCTAssertEqual(actor.managerId, "M1")
            XCTAssertThrowsError(try register.apply(.approve(amount: nil), to: "T01", by: actor)) {
                XCTAssertEqual("\($0)", "trip T01: M1 travels on this trip and cannot approve it; another person must (--by NAME)")
            }
        }
        // Another manager may approve.
        let t = try register.apply(.approve(amount: F.money("5200")), to: "T01", by: try register.actor(named: "Ben Okafor"))
        XCTAssertEqual(t.approvedBy, "M2")
        XCTAssertEqual(t.approvedCost, Money(dollars: 5200))
    }

    func testLateRequestNeedsAJustification() throws {
        // 2027-02-20: T01 leaves 2027-03-08, 16 days ahead (< 21).
        let register = try F.register(self, clock: F.clock(at: F.day("2027-02-20")))
        XCTAssertThrowsError(try register.apply(.request(depart: nil, justification: "  "), to: "T01", by: F.m1)) {
            XCTAssertEqual(
                "\($0)", "trip T01: requested 16 days before departure, fewer than the 21 days the policy asks; give --justification TEXT")
        }
        let t = try register.apply(.request(depart: nil, justification: "mandate renewal moved"), to: "T01", by: F.m1)
        XCTAssertEqual(t.justification, "mandate renewal moved")
        // Exactly the lead time needs none: T02 leaves 2027-06-07; a register whose lead time is 107 days.
        try register.change(settings: RegisterSettings(requestLeadDays: 107, reapprovalThreshold: Rate(millionths: 100_000)), by: F.planner)
        XCTAssertNoThrow(try register.apply(.request(depart: nil, justification: nil), to: "T02", by: F.planner))
        let setting = try register.history(entity: "setting")
        XCTAssertEqual(setting.map { HistoryEntry.shown($0.old) + "→" + HistoryEntry.shown($0.new) }, ["21→107"])
    }

    func testCostOverTheThresholdFlagsReapprovalAndBlocksClosing() throws {
        let register = try F.register(self)
        try book(register)
        // Approved $5,000; 10% threshold: $5,500.00 is fine, $5,500.01 is over.
        var t = try register.apply(
            .travelled(.init(depart: F.day("2027-03-08"), returnDay: F.day("2027-03-12"), costs: TripCosts(airfare: F.money("5500")))),
            to: "T01", by: F.m1)
        XCTAssertFalse(t.needsReapproval)
        t = try register.apply(.addCost(TripCosts(other: Money(cents: 1)), note: "late taxi receipt"), to: "T01", by: F.m1)
        XCTAssertTrue(t.needsReapproval)
        XCTAssertEqual(t.actual?.total, Money(cents: 550_001))
        try register.apply(.report, to: "T01", by: F.m1)
        XCTAssertThrowsError(try register.apply(.close, to: "T01", by: F.supervisor))
        XCTAssertThrowsError(try register.apply(.reapprove(note: nil), to: "T01", by: F.m1))
        t = try register.apply(.reapprove(note: nil), to: "T01", by: F.supervisor)
        XCTAssertFalse(t.needsReapproval)
        XCTAssertEqual(try register.apply(.close, to: "T01", by: F.supervisor).status, .closed)
        XCTAssertEqual(
            try register.history(entity: "trip", id: "T01").last { $0.action == "reapprove" }?.comment,
            "actual cost $5,500.01 accepted against $5,000.00 approved")
    }

    func testNotAsPlannedWhenDatesStopsOrTravellerDiffer() throws {
        for facts in [
            TravelFacts(depart: F.day("2027-03-09"), returnDay: F.day("2027-03-12"), costs: TripCosts()),
            TravelFacts(depart: F.day("2027-03-08"), returnDay: F.day("2027-03-12"), costs: TripCosts(), traveller: "M2"),
            TravelFacts(depart: F.day("2027-03-08"), returnDay: F.day("2027-03-12"), costs: TripCosts(), operations: ["ALPHA", "BRAVO"]),
        ] {
            let register = try F.register(self)
            try book(register)
            XCTAssertTrue(try register.apply(.travelled(facts), to: "T01", by: F.m1).notAsPlanned, "\(facts)")
        }
    }

    func testPostponeAndCancelNeedAReasonAndPostponedNeedsNewDates() throws {
        let register = try F.register(self)
        XCTAssertThrowsError(try register.apply(.cancel(reason: " "), to: "T01", by: F.planner)) {
            XCTAssertEqual("\($0)", "trip T01: give the reason (--reason TEXT)")
        }
        try register.apply(.postpone(reason: "elections"), to: "T01", by: F.planner)
        XCTAssertThrowsError(try register.apply(.request(depart: nil, justification: nil), to: "T01", by: F.m1)) {
            XCTAssertEqual("\($0)", "trip T01 was postponed; say when it now leaves (--depart YYYY-MM-DD)")
        }
        let t = try register.apply(.request(depart: F.day("2027-05-03"), justification: nil), to: "T01", by: F.m1)
        XCTAssertEqual(t.status, .requested)
        XCTAssertEqual(t.returnDay, F.day("2027-05-07"))
        XCTAssertEqual(t.stops.first?.arrive, F.day("2027-05-03"))
        let c = try register.apply(.cancel(reason: "mission closed"), to: "T01", by: F.planner)
        XCTAssertEqual(c.status, .cancelled)
        XCTAssertEqual(c.reason, "mission closed")
    }
}
