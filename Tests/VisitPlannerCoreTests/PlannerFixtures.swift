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
            virtualShare: Rate(millionths: virtualSharePercent * 10_000), timeLimitSeconds: 30)
        return PlanningData(
            policy: policy, operations: operations, managers: managers, windows: windows, fares: fares,
            source: "fixture")
    }

    /// Plans the fixture.
    func plan(explain: Bool = true) throws -> PlanResult {
        try Planner(data: data).plan(options: PlanOptions(timeLimit: 30, explain: explain))
    }
}

/// Checks a plan against every rule directly from the data, independently of the planner's
/// model: dates, windows, availability, overlap and rest, travel days, eligibility, stops,
/// visits, costs, budget and value. Returns the problems found (empty when the plan is valid).
enum PlanChecker {
    static func problems(_ plan: PlanResult, _ data: PlanningData) -> [String] {
        var out: [String] = []
        let p = data.policy
        let coster = TripCoster(data: data)
        func inside(_ ranges: [DayRange], _ d: Day) -> Bool { ranges.contains { $0.contains(d) } }
        var visits: [String: Int] = [:]
        var total = Money.zero
        var value = 0
        let base = 10_000
        let pref = Int(p.preferredWindowBonus.millionths / 100), own = Int(p.ownPortfolioBonus.millionths / 100)
        let share = Int(p.virtualShare.millionths / 100)
        for t in plan.trips {
            guard let m = data.manager(t.manager) else { out.append("\(t.id): unknown manager"); continue }
            if t.stays.isEmpty || t.stays.count > p.maxStops { out.append("\(t.id): \(t.stays.count) stops") }
            if Set(t.stays.map(\.operation)).count != t.stays.count { out.append("\(t.id): an operation twice") }
            if t.depart < p.horizon.first || t.returnDay > p.horizon.last { out.append("\(t.id): outside the horizon") }
            for d in t.depart...t.returnDay where inside(m.unavailable.map(\.range), d) {
                out.append("\(t.id): \(m.id) unavailable on \(d)")
            }
            var at = t.depart
            var tripValue = 0
            for s in t.stays {
                guard let op = data.operation(s.operation) else { out.append("\(t.id): unknown operation"); continue }
                if s.arrive != at { out.append("\(t.id): \(s.operation) arrives \(s.arrive), expected \(at)") }
                if s.leave != s.arrive + s.nights { out.append("\(t.id): \(s.operation) leave/nights mismatch") }
                if !(op.minNights...op.maxNights).contains(s.nights) { out.append("\(t.id): \(s.operation) \(s.nights) nights") }
                if !m.eligible.contains(op.code) { out.append("\(t.id): \(m.id) not eligible for \(op.code)") }
                if op.virtualOnly || op.maxVisits == 0 { out.append("\(t.id): \(op.code) may not be visited") }
                let nights = (0..<s.nights).map { s.arrive + $0 }
                let blackouts = data.windows(of: op.code, kind: .blackout).map(\.range)
                for n in nights where !op.active.contains(n) || inside(blackouts, n) {
                    out.append("\(t.id): \(op.code) closed on the night of \(n)")
                }
                let preferred = nights.allSatisfy { inside(data.windows(of: op.code, kind: .preferred).map(\.range), $0) }
                if preferred != s.preferredWindow { out.append("\(t.id): \(op.code) preferred flag \(s.preferredWindow)") }
                let isOwn = m.portfolio.contains(op.code)
                if isOwn != s.ownPortfolio { out.append("\(t.id): \(op.code) own flag") }
                let v = op.priority * (base + (preferred ? pref : 0) + (isOwn ? own : 0))
                if v != s.value.points { out.append("\(t.id): \(op.code) value \(s.value.points), expected \(v)") }
                tripValue += v
                visits[op.code, default: 0] += 1
                at = s.leave
            }
            if t.returnDay != at { out.append("\(t.id): returns \(t.returnDay), expected \(at)") }
            if tripValue != t.value.points { out.append("\(t.id): trip value \(t.value.points), expected \(tripValue)") }
            value += tripValue
            let stays = t.stays.map { Stay(operation: $0.operation, arrive: $0.arrive, nights: $0.nights) }
            if let c = coster.cost(home: m.homeAirport, stays: stays) {
                if c != t.cost { out.append("\(t.id): cost \(t.cost.total), recomputed \(c.total)") }
            } else {
                out.append("\(t.id): no fare for its route")
            }
            total += t.cost.total
        }
        for m in data.managers {
            let mine = plan.trips.filter { $0.manager == m.id }.sorted { $0.depart < $1.depart }
            for (a, b) in zip(mine, mine.dropFirst()) where b.depart < a.returnDay + m.minRestDays + 1 {
                out.append("\(m.id): \(b.id) departs \(b.depart), before \(a.id)'s return \(a.returnDay) + \(m.minRestDays) rest + 1")
            }
            let days = mine.map(\.days).reduce(0, +)
            if days > m.maxTravelDays { out.append("\(m.id): \(days) days away > \(m.maxTravelDays)") }
        }
        for (code, n) in visits where n > (data.operation(code)?.maxVisits ?? 0) {
            out.append("\(code): \(n) visits")
        }
        if total > p.budget.travelCap { out.append("travel \(total) over the cap \(p.budget.travelCap)") }
        if total != plan.budget.travelCost { out.append("budget travel \(plan.budget.travelCost) ≠ trips \(total)") }
        // Virtual assessments: exactly the active operations with a portfolio or backup
        // manager and no in-person visit.
        let expectedVirtual = data.operations.filter { op in
            op.active.count > 0 && visits[op.code] == nil
                && data.managers.contains { $0.portfolio.contains(op.code) || $0.backup.contains(op.code) }
        }
        // With a 0% virtual share a virtual assessment is worth nothing, and the plan may or may
        // not list one; it may still list none that is not allowed.
        let listed = plan.virtual.map(\.operation).sorted(), allowed = expectedVirtual.map(\.code).sorted()
        if share == 0 ? !Set(listed).isSubset(of: allowed) : listed != allowed {
            out.append("virtual \(plan.virtual.map(\.operation)), expected \(expectedVirtual.map(\.code))")
        }
        value += expectedVirtual.map { $0.priority * share }.reduce(0, +)
        if value != plan.value.points { out.append("plan value \(plan.value.points), recomputed \(value)") }
        return out
    }

    static func assertValid(
        _ plan: PlanResult, _ data: PlanningData, _ label: String = "",
        file: StaticString = #filePath, line: UInt = #line
    ) {
        let found = problems(plan, data)
        XCTAssert(found.isEmpty, "\(label) plan breaks the rules:\n" + found.joined(separator: "\n"), file: file, line: line)
    }
}
