import XCTest

@testable import VisitPlannerCore

/// Office cover (`max_away_at_once`), spreading the dates, and booking lead times, on instances
/// small enough to check by hand (see `Fixture` for the conventions: midnight legs land the day
/// they leave, a 2-night stay keeps its manager away 3 days).
final class OfficeCoverTests: XCTestCase {
    /// Two managers, each with one operation (A priority 5, B priority 4), open the nights of
    /// days 1…`lastNight`, 2 nights each; fares $500 (A) and $400 (B) each way, DSA $100.
    /// A costs $1,200 and is worth 55,000 in person (own portfolio), 15,000 virtually; B costs
    /// $1,000 and is worth 44,000, or 12,000 virtually.
    func twoManagers(lastNight: Int, cover: Int?, horizon: Int = 10) -> PlanningData {
        var f = Fixture()
        f.horizonDays = horizon
        f.op("A", airport: "AAA", priority: 5, active: 1...lastNight)
        f.op("B", airport: "BBB", priority: 4, active: 1...lastNight)
        f.manager("M1", portfolio: ["A"])
        f.manager("M2", portfolio: ["B"])
        f.fare("HOM", "AAA", 500)
        f.fare("HOM", "BBB", 400)
        var data = f.data
        data.policy.maxAwayAtOnce = cover
        return data
    }

    /// Nights 1–4 open: the two 3-day trips cannot both fit without overlapping, so with one
    /// manager away at a time only A is visited (55,000 + B's virtual 12,000 = 67,000 for
    /// $1,200); without the limit both are (99,000 for $2,200). The brute force agrees.
    func testOneAwayAtOnceKeepsTheBetterTrip() throws {
        let covered = twoManagers(lastNight: 4, cover: 1)
        let plan = try Planner(data: covered).plan(options: PlanOptions(timeLimit: 30))
        XCTAssertEqual(plan.solver.status, .optimal)
        XCTAssertEqual(plan.value.points, 67_000)
        XCTAssertEqual(plan.budget.travelCost, Money(dollars: 1_200))
        XCTAssertEqual(plan.trips.map(\.manager), ["M1"])
        XCTAssertEqual(plan.virtual.map(\.operation), ["B"])
        XCTAssertEqual(BruteForceTests.bruteForce(covered), .init(value: 67_000, cents: 120_000))
        PlanChecker.assertValid(plan, covered)

        let free = twoManagers(lastNight: 4, cover: nil)
        let both = try Planner(data: free).plan(options: PlanOptions(timeLimit: 30))
        XCTAssertEqual(both.value.points, 99_000)
        XCTAssertEqual(BruteForceTests.bruteForce(free), .init(value: 99_000, cents: 220_000))
        // The reason names what stops the visit: the office must keep someone in.
        XCTAssertEqual(plan.notVisited.map(\.operation), ["B"])
    }

    /// Nights 1–5 open: both trips fit one after the other (days 1–3 and 4–6, in some order),
    /// never both away; the last four days have nobody away either way.
    func testOneAwayAtOnceSchedulesBothOneAfterTheOther() throws {
        let data = twoManagers(lastNight: 5, cover: 1)
        let plan = try Planner(data: data).plan(options: PlanOptions(timeLimit: 30))
        XCTAssertEqual(plan.solver.status, .optimal)
        XCTAssertEqual(plan.value.points, 99_000)
        XCTAssertEqual(Set(plan.trips.map(\.depart)), [Fixture.d(1), Fixture.d(4)])
        XCTAssertEqual(plan.spread, SpreadSummary(peakAway: 1, longestIdle: 4, proven: true, maxAwayAtOnce: 1))
        PlanChecker.assertValid(plan, data)
    }

    /// The verifier refuses a plan with two managers away on one day under a limit of one.
    func testVerifierCountsManagersAwayPerDay() throws {
        let free = twoManagers(lastNight: 5, cover: nil)
        var plan = try Planner(data: free).plan(options: PlanOptions(timeLimit: 30, explain: false))
        XCTAssertEqual(plan.trips.count, 2)
        // Move both trips to day 1 (their calendar allows it) and check under a limit of one.
        let builder = TimelineBuilder(data: free)
        for i in plan.trips.indices {
            let t = plan.trips[i]
            let timeline = builder.timeline(
                home: "HOM", operations: t.stays.map(\.operation), nights: t.stays.map(\.nights), depart: Fixture.d(1))!
            plan.trips[i].depart = Fixture.d(1)
            plan.trips[i].returnDay = timeline.returnDay
            for k in plan.trips[i].stays.indices {
                plan.trips[i].stays[k].arrive = timeline.stays[k].arrive
                plan.trips[i].stays[k].leave = timeline.stays[k].arrive + t.stays[k].nights
            }
        }
        XCTAssertEqual(PlanVerifier.problems(plan, data: free), [])
        XCTAssertEqual(
            PlanVerifier.problems(plan, data: twoManagers(lastNight: 5, cover: 1)),
            [
                "2027-01-01: 2 managers away, more than max_away_at_once 1",
                "2027-01-02: 2 managers away, more than max_away_at_once 1",
                "2027-01-03: 2 managers away, more than max_away_at_once 1",
            ])
    }

    /// One trip in a 31-day year: the longest stretch with nobody away is least (14 days on
    /// each side) when it departs on day 15, which is also the middle of its possible days
    /// 1–29. The old planner took day 1.
    func testASingleTripIsPlacedInTheMiddleOfItsYear() throws {
        var f = Fixture()
        f.horizonDays = 31
        f.op("A", airport: "AAA")
        f.manager("M1", portfolio: ["A"])
        f.fare("HOM", "AAA", 500)
        let plan = try f.plan()
        XCTAssertEqual(plan.trips.map(\.depart), [Fixture.d(15)])
        XCTAssertEqual(plan.spread, SpreadSummary(peakAway: 1, longestIdle: 14, proven: true, maxAwayAtOnce: nil))
    }

    /// Spreading's first two levels against a brute force over every schedule of a few trips
    /// on a short horizon: the least peak (searched upwards from `peakLowerBound`, which never
    /// exceeds it) and, at that peak, the shortest longest stretch with nobody away.
    func testSpreadingLevelsMatchBruteForce() {
        var generator = SyntheticData.Generator(seed: 7)
        var compared = 0
        for _ in 0..<40 {
            let horizon = Int.random(in: 8...16, using: &generator)
            let count = Int.random(in: 1...4, using: &generator)
            var items: [JointSchedule.Item] = []
            for _ in 0..<count {
                let away = Int.random(in: 1...4, using: &generator)
                let first = Int.random(in: 0...(horizon - away), using: &generator)
                let last = Int.random(in: first...(horizon - away), using: &generator)
                var starts = (first...last).filter { _ in Bool.random(using: &generator) }
                if starts.isEmpty { starts = [first] }
                items.append(
                    .init(
                        manager: Int.random(in: 0...1, using: &generator), starts: starts, away: away,
                        occupancy: away + Int.random(in: 0...1, using: &generator)))
            }
            let joint = JointSchedule(items: items, horizon: horizon, capacity: nil)
            // Every schedule in which a manager's trips (with their rest) never overlap.
            var best: (peak: Int, idle: Int)?
            var initial: [Int]?
            func search(_ k: Int, _ days: [Int]) {
                if k == items.count {
                    let key = (joint.peak(days), joint.longestIdle(days))
                    if initial == nil { initial = days }
                    if best == nil || key < best! { best = key }
                    return
                }
                for s in items[k].starts {
                    let clash = (0..<k).contains { j in
                        items[j].manager == items[k].manager
                            && s < days[j] + max(1, items[j].occupancy) && days[j] < s + max(1, items[k].occupancy)
                    }
                    if !clash { search(k + 1, days + [s]) }
                }
            }
            search(0, [])
            guard let best, let initial else { continue }
            XCTAssertLessThanOrEqual(joint.peakLowerBound(), best.peak)
            let spread = joint.spread(initial: initial, deadline: Date().addingTimeInterval(30))
            XCTAssertTrue(spread.proven)
            XCTAssertEqual(spread.peak, best.peak, "\(items)")
            XCTAssertEqual(spread.longestIdle, best.idle, "\(items)")
            compared += 1
        }
        XCTAssertGreaterThanOrEqual(compared, 30)
    }

    /// Random small instances with one manager away at a time: the planner proves the optimum
    /// the brute force finds (which lists every schedule of every manager and combines them day
    /// by day), and the limit changes the optimum in some of them.
    func testOfficeCoverMatchesBruteForceOnRandomInstances() throws {
        var compared = 0, binding = 0
        for seed: UInt64 in 1...300 {
            var data = BruteForceTests.randomInstance(seed: seed)
            guard data.managers.count >= 2, data.policy.horizon.count <= 14 else { continue }
            let free = BruteForceTests.bruteForce(data)
            data.policy.maxAwayAtOnce = 1
            let expected = BruteForceTests.bruteForce(data)
            let plan = try Planner(data: data).plan(options: PlanOptions(timeLimit: 30, explain: false))
            XCTAssertEqual(plan.solver.status, .optimal, "seed \(seed)")
            XCTAssertEqual(BruteForceTests.Outcome(value: plan.value.points, cents: plan.budget.travelCost.cents), expected, "seed \(seed)")
            PlanChecker.assertValid(plan, data, "seed \(seed)")
            compared += 1
            if expected != free { binding += 1 }
        }
        XCTAssertGreaterThanOrEqual(compared, 15)
        XCTAssertGreaterThanOrEqual(binding, 4)
        print("office cover brute force: \(compared) instances, the limit binding in \(binding)")
    }

    /// A re-plan counts the managers away on fixed trips against the limit.
    func testFixedTripsCountAgainstTheLimit() throws {
        let data = twoManagers(lastNight: 5, cover: 1)
        let full = try Planner(data: data).plan(options: PlanOptions(timeLimit: 30, explain: false))
        let fixedA = try XCTUnwrap(full.trips.first { $0.manager == "M1" })
        let residual = try Replanner.residual(data, ReplanRequest(fixed: [fixedA], open: [], earliestDeparture: nil))
        for d in fixedA.depart.number...fixedA.returnDay.number {
            XCTAssertEqual(residual.awayElsewhere[Day(number: d)], 1)
            XCTAssertEqual(residual.awayCapacity(on: Day(number: d)), 0)
        }
        let rest = try Planner(data: residual).plan(options: PlanOptions(timeLimit: 30, explain: false))
        XCTAssertEqual(rest.trips.map(\.manager), ["M2"])
        XCTAssert(rest.trips[0].depart > fixedA.returnDay || rest.trips[0].returnDay < fixedA.depart)
    }

    // MARK: - Booking lead time

    /// As of 27 Dec 2026 with 21 days to request: the first possible departure is 17 Jan (day
    /// 17), where the trip then goes (least idle time: 16 days before, 12 after). With `flag`
    /// and 16 days for a ticket the first is 12 Jan; the trip departs on day 15 (14 days idle on
    /// each side), less than 21 days ahead, so its request needs a justification.
    func testBookingLeadTimeExcludesOrFlagsLateDepartures() throws {
        var f = Fixture()
        f.horizonDays = 31
        f.op("A", airport: "AAA")
        f.manager("M1", portfolio: ["A"])
        f.fare("HOM", "AAA", 500)
        var data = f.data
        data.policy.booking = BookingRules(
            asOf: Day(year: 2026, month: 12, day: 27)!, requestLeadDays: 21, ticketLeadDays: 16, late: .exclude)
        XCTAssertEqual(data.policy.booking.earliestDeparture, Fixture.d(17))
        let excluded = try Planner(data: data).plan(options: PlanOptions(timeLimit: 30, explain: false))
        XCTAssertEqual(excluded.trips.map(\.depart), [Fixture.d(17)])
        XCTAssertEqual(PlanDocument(name: "t", result: excluded, data: data).trips.map(\.lateRequest), [nil])

        data.policy.booking.late = .flag
        XCTAssertEqual(data.policy.booking.earliestDeparture, Fixture.d(12))
        let flagged = try Planner(data: data).plan(options: PlanOptions(timeLimit: 30, explain: false))
        XCTAssertEqual(flagged.trips.map(\.depart), [Fixture.d(15)])
        let doc = PlanDocument(name: "t", result: flagged, data: data)
        XCTAssertEqual(doc.trips.map(\.lateRequest), [true])
        XCTAssertEqual(doc.booking?.earliestDeparture, Fixture.d(12))
    }
}
