import XCTest

@testable import VisitPlannerCore

/// Money is exact at every magnitude: GLPK compares the budget row in floating point with a
/// relative tolerance (about 1e-7), so with totals of millions of cents a plan a few cents over
/// the cap used to pass. Caps a few cents below an optimum's cost must give the true optimum
/// under the exact cap, as the brute force finds it.
final class ExactMoneyTests: XCTestCase {
    /// The instance with every amount multiplied by `factor` (fares, allowances, access fares).
    static func scaled(_ data: PlanningData, by factor: Int64) -> PlanningData {
        var data = data
        for key in data.fares.keys {
            data.fares[key]!.economy = Money(cents: data.fares[key]!.economy.cents * factor)
            data.fares[key]!.business = Money(cents: data.fares[key]!.business.cents * factor)
        }
        for i in data.operations.indices {
            data.operations[i].dsaRate = Money(cents: data.operations[i].dsaRate.cents * factor)
            data.operations[i].accessFare = Money(cents: data.operations[i].accessFare.cents * factor)
        }
        return data
    }

    func testCapsCentsBelowAnOptimumGiveTheExactOptimum() throws {
        var compared = 0, capBinds = 0
        for seed: UInt64 in 1...60 {
            let base = ExactMoneyTests.scaled(BruteForceTests.randomInstance(seed: seed), by: 997)
            var unlimited = base
            unlimited.policy.budget = BudgetSplit(envelope: Money(dollars: 900_000_000), pscRate: Rate(millionths: 0))
            let free = BruteForceTests.bruteForce(unlimited)
            guard free.cents > 0 else { continue }
            for below: Int64 in [0, 1, 7, 11] {
                var data = base
                data.policy.budget = BudgetSplit(envelope: Money(cents: free.cents - below), pscRate: Rate(millionths: 0))
                let expected = BruteForceTests.bruteForce(data)
                let plan = try Planner(data: data).plan(options: PlanOptions(timeLimit: 30, explain: false))
                XCTAssertEqual(
                    BruteForceTests.Outcome(value: plan.value.points, cents: plan.budget.travelCost.cents), expected,
                    "seed \(seed), cap \(below) cents below the unconstrained optimum")
                XCTAssertLessThanOrEqual(plan.budget.travelCost, data.policy.budget.travelCap, "seed \(seed)")
                XCTAssertEqual(plan.solver.status, .optimal, "seed \(seed)")
                XCTAssertEqual(PlanVerifier.problems(plan, data: data), [], "seed \(seed)")
                compared += 1
                if below > 0 && expected.value < free.value { capBinds += 1 }
            }
        }
        XCTAssertGreaterThanOrEqual(compared, 150)
        // The sample must contain caps that really cut the unconstrained optimum off.
        XCTAssertGreaterThanOrEqual(capBinds, 30)
    }

    /// With 13% PSC the envelope is what binds: the plan's travel plus its PSC (rounded half up
    /// to the cent) never exceeds the envelope, a cent below the optimum's total included.
    func testEnvelopeWithPSCIsNeverExceededByACent() throws {
        let psc = Rate(millionths: 130_000)
        for seed: UInt64 in 1...40 {
            let base = ExactMoneyTests.scaled(BruteForceTests.randomInstance(seed: seed), by: 1_009)
            var unlimited = base
            unlimited.policy.budget = BudgetSplit(envelope: Money(dollars: 900_000_000), pscRate: psc)
            let free = BruteForceTests.bruteForce(unlimited)
            guard free.cents > 0 else { continue }
            let total = Money(cents: free.cents) + psc.apply(to: Money(cents: free.cents))
            for below: Int64 in [0, 1, 3] {
                var data = base
                data.policy.budget = BudgetSplit(envelope: total - Money(cents: below), pscRate: psc)
                let expected = BruteForceTests.bruteForce(data)
                let plan = try Planner(data: data).plan(options: PlanOptions(timeLimit: 30, explain: false))
                XCTAssertEqual(
                    BruteForceTests.Outcome(value: plan.value.points, cents: plan.budget.travelCost.cents), expected, "seed \(seed)")
                XCTAssertLessThanOrEqual(plan.budget.total, data.policy.budget.envelope, "seed \(seed)")
                XCTAssertGreaterThanOrEqual(plan.budget.remaining, .zero, "seed \(seed)")
            }
        }
    }

    /// The verifier itself: a plan a cent over the cap is refused, naming the amounts.
    func testVerifierRefusesACentOverTheCap() throws {
        var f = Fixture()
        f.horizonDays = 5
        f.envelope = Money(dollars: 2_200)
        f.op("OPA", airport: "AAA", priority: 5)
        f.manager("M1", portfolio: ["OPA"])
        f.fare("HOM", "AAA", 1_000)
        let data = f.data
        let plan = try Planner(data: data).plan(options: PlanOptions(timeLimit: 30, explain: false))
        XCTAssertEqual(plan.budget.travelCost, Money(dollars: 2_200))
        XCTAssertEqual(PlanVerifier.problems(plan, data: data), [])
        var tight = data
        tight.policy.budget = BudgetSplit(envelope: Money(cents: 219_999), pscRate: Rate(millionths: 0))
        var wrong = plan
        wrong.budget.split = tight.policy.budget
        XCTAssertEqual(
            PlanVerifier.problems(wrong, data: tight),
            ["travel $2,200.00 is over the travel cap $2,199.99", "travel $2,200.00 plus PSC $0.00 is over the envelope $2,199.99"])
    }
}
