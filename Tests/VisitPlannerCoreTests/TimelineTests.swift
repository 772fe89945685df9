import XCTest

@testable import VisitPlannerCore

/// Journey times, time zones, nights in flight and working days, checked by hand.
///
/// Calendar used below: 2027-01-01 is a Friday, so `Fixture.d(7)` (7 Jan) is a Thursday.
final class TimelineTests: XCTestCase {
    /// New York → Addis Ababa: 19.5 h, New York on UTC−5 in January, Addis Ababa on UTC+3.
    func jfkToAdd(nightInFlight: Int64 = 0) -> Fixture {
        var f = Fixture()
        f.horizonDays = 10
        f.journeys = .standard
        f.journeys.nightInFlightShare = Rate(millionths: nightInFlight * 10_000)
        f.airportZones = ["JFK": "America/New_York", "ADD": "Africa/Addis_Ababa"]
        f.op("UNOAU", airport: "ADD", priority: 5, nights: 3...3, dsa: 300)
        f.manager("M1", home: "JFK", portfolio: ["UNOAU"], unavailable: [2...10])
        f.fares[AirportPair("JFK", "ADD")] = Fare(
            from: "JFK", to: "ADD", economy: Money(dollars: 1_800), business: Money(dollars: 5_760), tenthsOfHours: 195,
            connections: 2)
        return f
    }

    func testJFKToAddisArrivesTheNextDayAndItsFirstNightIsNotPaidAtTheAddisRate() throws {
        let f = jfkToAdd()
        // Only Fri 1 Jan is free for leaving; the manager may be away afterwards (unavailable
        // days are checked from departure to landing home, so free them for the trip itself).
        var data = f.data
        data.managers[0].unavailable = []
        let t = try XCTUnwrap(
            TimelineBuilder(data: data).timeline(home: "JFK", operations: ["UNOAU"], nights: [3], depart: Fixture.d(1)))
        // Leaves Fri 1 Jan 18:00 New York (23:00 UTC), lands 18:30 UTC on 2 Jan = 21:30 in Addis.
        XCTAssertEqual(t.legs[0].departDay, Fixture.d(1))
        XCTAssertEqual(t.legs[0].departMinute, 18 * 60)
        XCTAssertEqual(t.legs[0].arriveDay, Fixture.d(2))
        XCTAssertEqual(t.legs[0].arriveMinute, 21 * 60 + 30)
        XCTAssertEqual(t.legs[0].nightsInFlight, 1)
        XCTAssertEqual(t.stays[0].arrive, Fixture.d(2))
        XCTAssertEqual(t.stays[0].leave, Fixture.d(5))
        // Leaves Tue 5 Jan 08:00 in Addis (05:00 UTC), lands 00:30 UTC on 6 Jan = 19:30 on 5 Jan in New York.
        XCTAssertEqual(t.legs[1].departDay, Fixture.d(5))
        XCTAssertEqual(t.legs[1].arriveDay, Fixture.d(5))
        XCTAssertEqual(t.legs[1].arriveMinute, 19 * 60 + 30)
        XCTAssertEqual(t.returnDay, Fixture.d(5))
        XCTAssertEqual(t.days, 5)
        // DSA: the three nights on the ground only (2, 3, 4 Jan), not the night of 1 Jan in flight.
        XCTAssertEqual(TimelineBuilder(data: data).dsa(t), Money(dollars: 900))
        // The arrival at 21:30 is after 12:00: 2 Jan does not count; 3 Jan is a Sunday; 4 Jan counts.
        XCTAssertEqual(TimelineBuilder(data: data).workingDays(t.stays[0]), 1)

        // Planned: the trip leaves on the only free day and the plan shows the real days.
        var planned = f
        planned.managers[0].unavailable = [Period(range: Fixture.range(6...10), reason: "leave")]
        planned.operations[0].minWorkingDays = 1
        let plan = try planned.plan()
        PlanChecker.assertValid(plan, planned.data)
        let trip = try XCTUnwrap(plan.trips.first)
        XCTAssertEqual(trip.depart, Fixture.d(1))
        XCTAssertEqual(trip.stays[0].arrive, Fixture.d(2))
        XCTAssertEqual(trip.returnDay, Fixture.d(5))
        XCTAssertEqual(trip.cost.dsa, Money(dollars: 900))
        XCTAssertEqual(trip.cost.total, Money(dollars: 900 + 2 * 1_800))
        XCTAssertEqual(trip.legs.map(\.arriveDate), [Fixture.d(2), Fixture.d(5)])
        XCTAssertEqual(trip.legs.map(\.fromZone), ["America/New_York", "Africa/Addis_Ababa"])
    }

    func testANightInFlightIsPaidAtItsShareWhenTheSettingSaysSo() throws {
        var f = jfkToAdd(nightInFlight: 50)
        f.managers[0].unavailable = []
        let data = f.data
        let builder = TimelineBuilder(data: data)
        let t = try XCTUnwrap(builder.timeline(home: "JFK", operations: ["UNOAU"], nights: [3], depart: Fixture.d(1)))
        // 3 nights × $300 on the ground + 1 night in flight × 50% × $300.
        XCTAssertEqual(builder.dsa(t), Money(dollars: 1_050))
    }

    /// Two nights arriving on Thursday 7 Jan: Thursday and Friday. Friday is a day off where the
    /// weekend is Friday–Saturday, so the stay has one working day and is no visit when two are
    /// required; with a Saturday–Sunday weekend both days count and the visit is planned.
    func weekendFixture(_ weekend: Weekend) -> Fixture {
        var f = Fixture()
        f.horizonDays = 9
        f.op("OPA", airport: "AAA", priority: 5, nights: 2...2)
        f.operations[0].weekend = weekend
        f.operations[0].minWorkingDays = 2
        f.manager("M1", portfolio: ["OPA"], unavailable: [1...6])
        f.fare("HOM", "AAA", 1_000)
        return f
    }

    func testAFridaySaturdayWeekendStayOfTwoNightsIsRefusedWhereTwoWorkingDaysAreRequired() throws {
        let friSat = weekendFixture(.fridaySaturday)
        let builder = TimelineBuilder(data: friSat.data)
        let stay = TripTimeline.StayTime(operation: "OPA", arrive: Fixture.d(7), arriveMinute: 5 * 60, nights: 2)
        XCTAssertEqual(builder.workingDays(stay), 1)
        let refused = try friSat.plan()
        PlanChecker.assertValid(refused, friSat.data)
        XCTAssertEqual(refused.trips.count, 0)
        XCTAssertEqual(refused.virtual.map(\.operation), ["OPA"])

        let satSun = weekendFixture(.saturdaySunday)
        XCTAssertEqual(TimelineBuilder(data: satSun.data).workingDays(stay), 2)
        let made = try satSun.plan()
        PlanChecker.assertValid(made, satSun.data)
        XCTAssertEqual(made.trips.map(\.depart), [Fixture.d(7)])
        XCTAssertEqual(made.trips.map(\.returnDay), [Fixture.d(9)])
    }

    func testTheVerifierRecomputesArrivalDaysAndWorkingDays() throws {
        var f = jfkToAdd()
        f.managers[0].unavailable = [Period(range: Fixture.range(6...10), reason: "leave")]
        f.operations[0].minWorkingDays = 1
        var plan = try f.plan()
        XCTAssertEqual(plan.trips.count, 1)
        plan.trips[0].stays[0].arrive = Fixture.d(1)
        plan.trips[0].stays[0].leave = Fixture.d(4)
        XCTAssertTrue(PlanChecker.problems(plan, f.data).contains { $0.contains("UNOAU arrives 2027-01-01, expected 2027-01-02") })
        var strict = f
        strict.operations[0].minWorkingDays = 2
        let original = try f.plan()
        XCTAssertTrue(
            PlanChecker.problems(original, strict.data).contains { $0.contains("UNOAU 1 working days, fewer than 2") })
    }

    func testWeekendsAreReadAsWritten() {
        XCTAssertEqual(Weekend(text: "Sat-Sun"), .saturdaySunday)
        XCTAssertEqual(Weekend(text: "fri-sat"), .fridaySaturday)
        XCTAssertEqual(Weekend(text: "Fri+Sun")?.days, [4, 6])
        XCTAssertEqual(Weekend(text: "Sun-Mon")?.days, [6, 0])
        XCTAssertEqual(Weekend(text: "none")?.days, [])
        XCTAssertNil(Weekend(text: "Friday"))
        XCTAssertNil(Weekend(text: "Mon-Sun"))
        XCTAssertEqual(Weekend.fridaySaturday.text, "Fri+Sat")
    }
}
