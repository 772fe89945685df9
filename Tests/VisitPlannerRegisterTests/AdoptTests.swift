import GRDB
import VisitPlannerCore
import XCTest

@testable import VisitPlannerRegister

final class AdoptTests: XCTestCase {
    typealias F = RegisterFixture

    func testFirstAdoptionEntersEveryTripAndVirtualAsPlanned() throws {
        let register = try F.register(self, adopt: false)
        let changes = try register.adopt(try F.plan(), by: F.planner)
        XCTAssertEqual(changes.added, ["T01", "T02", "T03"])
        XCTAssertEqual(changes.virtualAdded, ["CHARLIE"])
        let trips = try register.trips()
        XCTAssertEqual(trips.map(\.status), [.planned, .planned, .planned])
        XCTAssertEqual(trips[2].estimate.total, Money(cents: 102_550))
        XCTAssertEqual(trips[2].estimatedAirfare, Money(cents: 70_050))
        XCTAssertEqual(trips[0].stops, [TripStop(operation: "ALPHA", arrive: F.day("2027-03-08"), leave: F.day("2027-03-12"), nights: 3)])
        XCTAssertEqual(try register.virtualAssessments().map(\.status), [.planned])
        let plan = try XCTUnwrap(register.plans().last)
        XCTAssertEqual(plan.envelope, Money(dollars: 20_000))
        XCTAssertEqual(plan.travelCap, Money(cents: 1_769_911))
        XCTAssertEqual(plan.pscMillionths, 130_000)
        XCTAssertEqual(plan.adoptedAt, "2027-01-04T09:00:00Z")
        XCTAssertEqual(plan.adoptedBy, "Paula Planner")
        let created = try register.history(entity: "trip", id: "T01")
        XCTAssertEqual(created.count, 1)
        XCTAssertEqual(created[0].action, "adopt")
        XCTAssertNil(created[0].field)
    }

    func testReplanKeepsIdsUpdatesOpenTripsCancelsDroppedAndNeverTouchesFixedOnes() throws {
        let register = try F.register(self)
        // T01 goes to approved (fixed); T02 is requested (re-plannable); T03 stays planned.
        try register.apply(.request(depart: nil, justification: nil), to: "T01", by: F.m1)
        try register.apply(.approve(amount: nil), to: "T01", by: F.supervisor)
        try register.apply(.request(depart: nil, justification: nil), to: "T02", by: F.planner)
        var trips = F.standardTrips
        trips[0].depart = "2027-04-05"  // T01 moved: fixed, so not applied
        trips[0].returnDay = "2027-04-09"
        trips[1].depart = "2027-06-14"  // T02 moved: applied
        trips[1].returnDay = "2027-06-17"
        trips[1].airfare = "1600"
        trips.remove(at: 2)  // T03 dropped: cancelled
        trips.append(
            .init(
                id: "T04", manager: "M2", depart: "2027-11-01", returnDay: "2027-11-04", operations: ["ALPHA"], airfare: "900", dsa: "300"))
        let changes = try register.adopt(try F.plan(name: "replan-june", trips: trips, virtual: []), by: F.planner)
        XCTAssertEqual(changes.added, ["T04"])
        XCTAssertEqual(changes.updated, [.init(trip: "T02", fields: ["depart", "estimatedAirfare", "returnDay", "stops"])])
        XCTAssertEqual(changes.cancelled, ["T03"])
        XCTAssertEqual(changes.fixed, [.init(trip: "T01", status: .approved, differs: true)])
        XCTAssertEqual(changes.virtualCancelled, ["CHARLIE"])
        let t01 = try register.trip("T01"), t02 = try register.trip("T02"), t03 = try register.trip("T03")
        XCTAssertEqual(t01.depart, F.day("2027-03-08"))
        XCTAssertEqual(t01.status, .approved)
        XCTAssertEqual(t02.status, .requested)
        XCTAssertEqual(t02.depart, F.day("2027-06-14"))
        XCTAssertEqual(t02.estimatedAirfare, Money(dollars: 1600))
        XCTAssertEqual(t03.status, .cancelled)
        XCTAssertEqual(t03.reason, "dropped by re-plan replan-june")
        let t02History = try register.history(entity: "trip", id: "T02").filter { $0.action == "adopt" && $0.field == "depart" }
        XCTAssertEqual(t02History.map(\.old), ["2027-06-07".databaseValue])
        XCTAssertEqual(t02History.map(\.new), ["2027-06-14".databaseValue])
        XCTAssertEqual(t02History.map(\.comment), ["re-plan replan-june"])
        XCTAssertEqual(changes.description.split(separator: "\n").first, "Adopted replan-june as the baseline (plan #2).")
    }

    func testPostponedTripInTheNewPlanIsPlannedAgain() throws {
        let register = try F.register(self)
        try register.apply(.postpone(reason: "mission asked to wait"), to: "T02", by: F.planner)
        var trips = F.standardTrips
        trips[1].depart = "2027-08-02"
        trips[1].returnDay = "2027-08-05"
        let changes = try register.adopt(try F.plan(name: "after-postponement", trips: trips), by: F.planner)
        XCTAssertEqual(changes.updated.map(\.trip), ["T02"])
        let t02 = try register.trip("T02")
        XCTAssertEqual(t02.status, .planned)
        XCTAssertNil(t02.reason)
        XCTAssertEqual(t02.returnDay, F.day("2027-08-05"))
    }

    func testAnotherYearsPlanIsRefusedAndNothingIsWritten() throws {
        let register = try F.register(self)
        let before = try register.history().count
        XCTAssertThrowsError(try register.adopt(try F.plan(name: "plan-2028", start: "2028-01-01", end: "2028-12-31"), by: F.planner)) {
            XCTAssertEqual(
                "\($0)",
                "register-2027.sqlite is the register of 2027; plan plan-2028 is for 2028 and belongs in its own register (--register PATH)"
            )
        }
        XCTAssertEqual(try register.history().count, before)
        XCTAssertEqual(try register.plans().count, 1)
    }

    func testDuplicateTripIdIsRefused() throws {
        let register = try F.register(self, adopt: false)
        let trips = [F.standardTrips[0], F.standardTrips[0]]
        XCTAssertThrowsError(try register.adopt(try F.plan(trips: trips), by: F.planner)) {
            XCTAssertEqual("\($0)", "plan plan-2027 has the trip id \"T01\" more than once (or empty)")
        }
        XCTAssertEqual(try register.trips().count, 0)
    }

    func testAmountsBeyondTheCentAreRefused() throws {
        let register = try F.register(self, adopt: false)
        var trips = F.standardTrips
        trips[0].airfare = "4000.005"
        XCTAssertThrowsError(try register.adopt(try F.plan(trips: trips), by: F.planner)) {
            XCTAssertEqual("\($0)", "plan plan-2027: trip T01 airfare 4000.005 is not an amount in cents")
        }
    }
}
