import XCTest

@testable import VisitPlannerCore

/// Re-planning around fixed trips, on instances small enough to check by hand.
final class ReplanTests: XCTestCase {
    /// Two operations, one manager with 1 rest day, $10,000: OPA (priority 5, 2 nights, $1,000
    /// each way, $100 DSA) and OPB (priority 4, same prices). Alone, each trip costs $2,200.
    private func pair(envelope: Int64 = 10_000, managers: [String] = ["M1"]) -> Fixture {
        var f = Fixture()
        f.horizonDays = 20
        f.maxStops = 1
        f.envelope = Money(dollars: envelope)
        f.op("OPA", airport: "AAA", priority: 5)
        f.op("OPB", airport: "BBB", priority: 4)
        for m in managers { f.manager(m, backup: ["OPA", "OPB"], rest: 1) }
        f.fare("HOM", "AAA", 1_000)
        f.fare("HOM", "BBB", 1_000)
        return f
    }

    /// A fixed trip as the register would hand it over: its own id, dates and cost.
    private func fixedTrip(_ id: String, _ manager: String, _ op: String, depart: Int, nights: Int = 2, cost: Int64) -> PlannedTrip {
        let arrive = Fixture.d(depart)
        let stay = PlannedStay(
            operation: op, arrive: arrive, leave: arrive + nights, nights: nights, dsaRate: Money(dollars: 100),
            dsa: Money(dollars: 100 * Int64(nights)), access: .zero, preferredWindow: false, ownPortfolio: false,
            value: AssessmentValue(points: 50_000))
        return PlannedTrip(
            id: id, manager: manager, depart: arrive, returnDay: arrive + nights, stays: [stay], legs: [],
            cost: TripCost(
                airfare: Money(dollars: cost) - Money(dollars: 100 * Int64(nights)), dsa: Money(dollars: 100 * Int64(nights)),
                terminal: .zero, access: .zero),
            value: AssessmentValue(points: 50_000))
    }

    /// OPA was travelled on days 5–7 for $2,500 (more than estimated). The re-plan keeps it as
    /// it is, visits OPB with the money left ($7,500), not before day 9 (return on 7, one rest
    /// day), and gives OPA no second visit and no virtual assessment.
    func testFixedTripKeepsItsMoneyCalendarAndVisit() throws {
        let data = pair().data
        let fixed = fixedTrip("2027-M1-OPA", "M1", "OPA", depart: 5, cost: 2_500)
        let request = ReplanRequest(fixed: [fixed], open: [], earliestDeparture: nil)
        let residual = try Replanner.residual(data, request)
        XCTAssertEqual(residual.policy.budget.travelCap, Money(dollars: 7_500))
        XCTAssertEqual(residual.operation("OPA")?.maxVisits, 0)
        XCTAssertEqual(residual.manager("M1")?.unavailable.last?.range, Fixture.range(4...8))
        let plan = try Replanner.plan(data, request, options: PlanOptions(timeLimit: 30, explain: false))
        XCTAssertEqual(Set(plan.trips.map(\.id)), ["2027-M1-OPB", "2027-M1-OPA"])
        let opb = try XCTUnwrap(plan.trips.first { $0.id == "2027-M1-OPB" })
        XCTAssertTrue(opb.depart >= Fixture.d(9) || opb.returnDay <= Fixture.d(3), "OPB keeps clear of the fixed trip and its rest")
        XCTAssertEqual(plan.budget.travelCost, Money(dollars: 2_500 + 2_200))
        XCTAssertEqual(plan.virtual, [])
        XCTAssertEqual(plan.trips.first { $0.id == "2027-M1-OPA" }, fixed)
    }

    /// The fixed trips already pass the cap: no plan, a message that says what to do.
    func testFixedTripsOverTheCapAreRefused() {
        let data = pair(envelope: 2_000).data
        let request = ReplanRequest(fixed: [fixedTrip("x", "M1", "OPA", depart: 5, cost: 2_500)], open: [], earliestDeparture: nil)
        XCTAssertThrowsError(try Replanner.residual(data, request)) { error in
            XCTAssertEqual(error as? ReplanError, .overspent(fixed: Money(dollars: 2_500), cap: Money(dollars: 2_000)))
        }
    }

    /// No new trip departs before the earliest departure day.
    func testNothingDepartsBeforeTheEarliestDeparture() throws {
        let data = pair().data
        let request = ReplanRequest(fixed: [], open: [], earliestDeparture: Fixture.d(12))
        let plan = try Replanner.plan(data, request, options: PlanOptions(timeLimit: 30, explain: false))
        XCTAssertEqual(plan.trips.count, 2)
        XCTAssertTrue(plan.trips.allSatisfy { $0.depart >= Fixture.d(12) }, "\(plan.trips.map(\.depart))")
    }

    /// Two managers can make the OPB visit at the same value and cost: the re-plan keeps the
    /// adopted traveller, whichever it is.
    func testAmongEqualPlansTheAdoptedTripIsKept() throws {
        let data = pair(managers: ["M1", "M2"]).data
        for keeper in ["M1", "M2"] {
            let adopted = fixedTrip("2027-\(keeper)-OPB", keeper, "OPB", depart: 3, cost: 2_200)
            let request = ReplanRequest(fixed: [], open: [adopted], earliestDeparture: nil)
            let plan = try Replanner.plan(data, request, options: PlanOptions(timeLimit: 30, explain: false))
            XCTAssertEqual(plan.trips.first { $0.stays[0].operation == "OPB" }?.manager, keeper)
            XCTAssertEqual(plan.solver.status, .optimal)
        }
    }

    /// The adopted OPB trip is by M2, whose fare is $200 dearer than M1's. After cost (the
    /// default), the cheaper M1 goes; before cost, M2 keeps the trip at $400 more.
    func testKeepOrderRanksStabilityAgainstCost() throws {
        var f = pair(managers: ["M1"])
        f.manager("M2", home: "HOX", backup: ["OPA", "OPB"], rest: 1)
        f.fare("HOX", "AAA", 1_200)
        f.fare("HOX", "BBB", 1_200)
        let data = f.data
        let adopted = fixedTrip("2027-M2-OPB", "M2", "OPB", depart: 3, cost: 2_600)
        let after = try Replanner.plan(
            data, ReplanRequest(fixed: [], open: [adopted], earliestDeparture: nil, keepOrder: .afterCost),
            options: PlanOptions(timeLimit: 30, explain: false))
        XCTAssertEqual(after.trips.first { $0.stays[0].operation == "OPB" }?.manager, "M1")
        let before = try Replanner.plan(
            data, ReplanRequest(fixed: [], open: [adopted], earliestDeparture: nil, keepOrder: .beforeCost),
            options: PlanOptions(timeLimit: 30, explain: false))
        XCTAssertEqual(before.trips.first { $0.stays[0].operation == "OPB" }?.manager, "M2")
        XCTAssertEqual(before.budget.travelCost - after.budget.travelCost, Money(dollars: 400))
        XCTAssertEqual(before.value, after.value)
    }
}
