import Foundation
import XCTest

@testable import VisitPlannerCore

/// Builds small `PlanningData` in code, so every planner test states its whole instance.
///
/// Conventions, chosen so costs are easy by hand:
/// - the horizon starts on 2027-01-01 and `Fixture.d(n)` is 2027-01-n (day n of the horizon);
/// - PSC is 0%, so the travel cap equals the envelope; terminal expenses are 0;
/// - every journey is economy (`economy-only`), so a leg costs exactly the fare given;
/// - bonuses default to 20% (preferred window), 10% (own portfolio), 30% (virtual share), so a
///   priority-5 visit is worth 50,000 points, 55,000 by its portfolio manager, 65,000 by its
///   portfolio manager inside a preferred window, and a priority-5 virtual assessment 15,000.
struct Fixture {
    static let start = Day(year: 2027, month: 1, day: 1)!

    /// Day n of the horizon (1-based): `d(1)` is 2027-01-01.
    static func d(_ n: Int) -> Day { start + (n - 1) }

    static func range(_ days: ClosedRange<Int>) -> DayRange { DayRange(d(days.lowerBound), d(days.upperBound)) }

    var horizonDays = 20
    var envelope = Money(dollars: 10_000)
    var maxStops = 2
    var coverage: CoverageMode = .maximize
    var preferredBonusPercent: Int64 = 20
    var ownBonusPercent: Int64 = 10
    var virtualSharePercent: Int64 = 30
    var operations: [VisitPlannerCore.Operation] = []
    var managers: [Manager] = []
    var windows: [TimeWindow] = []
    var fares: [AirportPair: Fare] = [:]
    /// Legs leave at midnight by default: with 5-hour fares and one zone, a trip lands the day
    /// it leaves, so the hand-checked dates of the older tests hold; timeline tests set others.
    var journeys = JourneyRules.midnight
    var airportZones: [String: String] = [:]

    /// An operation; `active` in horizon days (default: the whole horizon).
    mutating func op(
        _ code: String, airport: String = "AAA", priority: Int = 5, nights: ClosedRange<Int> = 2...2,
        dsa: Int64 = 100, maxVisits: Int = 1, access: Int64 = 0, active: ClosedRange<Int>? = nil,
        virtualOnly: Bool = false
    ) {
        operations.append(
            VisitPlannerCore.Operation(
                code: code, name: "Operation \(code)", type: .pko, hqCity: "City", country: "Country", airport: airport,
                region: "Region", latitude: 0, longitude: 0, policeStrength: 100, priority: priority,
                minNights: nights.lowerBound, maxNights: nights.upperBound, maxVisits: maxVisits,
                active: active.map(Fixture.range) ?? Fixture.range(1...horizonDays), mandateRenewal: nil,
                virtualOnly: virtualOnly, accessFare: Money(dollars: access), dsaRate: Money(dollars: dsa),
                dsaSource: "test", notes: ""))
    }

    /// A manager; `unavailable` in horizon days.
    mutating func manager(
        _ id: String, home: String = "HOM", portfolio: [String] = [], backup: [String] = [],
        maxTravelDays: Int = 60, rest: Int = 0, unavailable: [ClosedRange<Int>] = []
    ) {
        managers.append(
            Manager(
                id: id, name: "Manager \(id)", portfolio: portfolio, backup: backup, homeAirport: home,
                maxTravelDays: maxTravelDays, minRestDays: rest,
                unavailable: unavailable.map { Period(range: Fixture.range($0), reason: "leave") }))
    }

    /// A fare, either direction: economy `dollars` (business three times that, never used).
    mutating func fare(_ a: String, _ b: String, _ dollars: Int64) {
        fares[AirportPair(a, b)] = Fare(
            from: a, to: b, economy: Money(dollars: dollars), business: Money(dollars: dollars * 3),
            tenthsOfHours: 50, connections: 0)
    }

    mutating func blackout(_ code: String?, _ days: ClosedRange<Int>, reason: String = "") {
        windows.append(TimeWindow(operation: code, kind: .blackout, range: Fixture.range(days), reason: reason))
    }

    mutating func preferred(_ code: String?, _ days: ClosedRange<Int>, reason: String = "") {
        windows.append(TimeWindow(operation: code, kind: .preferred, range: Fixture.range(days), reason: reason))
    }

    var data: PlanningData {
        let policy = Policy(
            horizon: Fixture.range(1...horizonDays), currency: "USD",
            budget: BudgetSplit(envelope: envelope, pscRate: Rate(millionths: 0)),
            maxStops: maxStops, classPolicy: .economyOnly, businessMinLegTenths: 90, businessMinJourneyTenths: 110,
            terminalExpense: .zero, coverage: coverage,
            preferredWindowBonus: Rate(millionths: preferredBonusPercent * 10_000),
            ownPortfolioBonus: Rate(millionths: ownBonusPercent * 10_000),
            virtualShare: Rate(millionths: virtualSharePercent * 10_000), timeLimitSeconds: 30, journeys: journeys)
        return PlanningData(
            policy: policy, operations: operations, managers: managers, windows: windows, fares: fares,
            source: "fixture", airportZones: airportZones)
    }

    /// Plans the fixture.
    func plan(explain: Bool = true) throws -> PlanResult {
        try Planner(data: data).plan(options: PlanOptions(timeLimit: 30, explain: explain))
    }
}

/// The library's exact plan verifier, as XCTest assertions.
enum PlanChecker {
    static func problems(_ plan: PlanResult, _ data: PlanningData) -> [String] {
        PlanVerifier.problems(plan, data: data)
    }

    static func assertValid(
        _ plan: PlanResult, _ data: PlanningData, _ label: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let found = problems(plan, data)
        XCTAssert(found.isEmpty, "\(label) plan breaks the rules:\n" + found.joined(separator: "\n"), file: file, line: line)
    }
}
