import XCTest

@testable import VisitPlannerCore

/// The planner against an independent exhaustive search on random small instances.
///
/// The search shares nothing with the planner's model (no TripType, TripTimeline, TripCoster,
/// Scheduler or PlanModel): it restates the calendar, price and value rules itself. It
/// 1. lists every dated trip: each manager, each ordered sequence of distinct eligible
///    operations up to `maxStops` long, *any* nights in [min, max] at every stop, every departure
///    day; it lays the trip out in time by the journey rules restated in `layOut` (legs leave at
///    the policy's local times, land after their hours in the destination's zone, plus the
///    access flight; a stay starts on its local arrival day; nights between a leg's local
///    departure and arrival days are in flight); a trip is kept when every day from departure
///    to landing home is inside the horizon and free for the manager, every night on the ground
///    is active and outside blackouts, every stay has its operation's working days (days whose
///    night is spent there, outside the weekend, the arrival day only when landing by the
///    policy's time), and every leg has a fare;
/// 2. keeps, for each (manager, operations visited, departure, return), only trips not beaten
///    on both value and cost (any plan using a beaten trip does as well with the better one);
/// 3. per manager, walks the calendar day by day (a memoised depth-first search over
///    "earliest next departure, travel days left"): each trip departing on that day is taken or
///    not, the next departure then being at least return + rest + 1; it collects, for every count
///    of visits per operation, the plans not beaten on (value, cost), dropping any over the
///    visit limits or the travel cap;
/// 4. combines the managers, adds the virtual value of each active operation with a portfolio or
///    backup manager and no in-person visit, and takes the most value, then the least cost.
final class BruteForceTests: XCTestCase {
    struct Outcome: Equatable, CustomStringConvertible {
        var value: Int
        var cents: Int64
        var description: String { "value \(value), cost \(cents) cents" }
    }

    /// A set of (value, cost) points none of which is beaten on both by another.
    struct Frontier {
        var points: [(value: Int, cost: Int64)] = []
        mutating func add(_ value: Int, _ cost: Int64) {
            if points.contains(where: { $0.value >= value && $0.cost <= cost }) { return }
            points.removeAll { $0.value <= value && $0.cost >= cost }
            points.append((value, cost))
        }
    }

    struct DatedTrip {
        var depart: Int
        var returnDay: Int
        /// Visits added, 4 bits per operation.
        var visits: Int
        var value: Int
        var cost: Int64
        var days: Int { returnDay - depart + 1 }
    }

    static func bruteForce(_ data: PlanningData) -> Outcome {
        let p = data.policy
        let n = data.policy.horizon.count
        let ops = data.operations
        let cap = p.budget.travelCap.cents
        let base = 10_000
        let prefBonus = Int(p.preferredWindowBonus.millionths / 100)
        let ownBonus = Int(p.ownPortfolioBonus.millionths / 100)
        let share = Int(p.virtualShare.millionths / 100)
        func day(_ i: Int) -> Day { p.horizon.first + i }
        // Nights open and nights preferred, per operation, by day offset.
        let open: [[Bool]] = ops.map { op in
            let blackouts = data.windows(of: op.code, kind: .blackout).map(\.range)
            return (0..<n).map { i in op.active.contains(day(i)) && !blackouts.contains { $0.contains(day(i)) } }
        }
        let preferred: [[Bool]] = ops.map { op in
            let windows = data.windows(of: op.code, kind: .preferred).map(\.range)
            return (0..<n).map { i in windows.contains { $0.contains(day(i)) } }
        }
        func count(_ visits: Int, _ o: Int) -> Int { (visits >> (4 * o)) & 0xF }
        func withinLimits(_ visits: Int) -> Bool { ops.indices.allSatisfy { count(visits, $0) <= ops[$0].maxVisits } }

        var perManager: [[Int: Frontier]] = []
        var perManagerSchedules: [[(visits: Int, value: Int, cost: Int64, away: [Int])]] = []
        for manager in data.managers {
            let free = (0..<n).map { i in !manager.unavailable.contains { $0.range.contains(day(i)) } }
            let eligible = ops.indices.filter { o in
                (manager.portfolio.contains(ops[o].code) || manager.backup.contains(ops[o].code))
                    && !ops[o].virtualOnly && ops[o].maxVisits > 0 && ops[o].active.count > 0
            }
            // 1. Every dated trip.
            var trips: [DatedTrip] = []
            func sequences(_ seq: [Int]) {
                if !seq.isEmpty { datedTrips(seq) }
                guard seq.count < p.maxStops else { return }
                for o in eligible where !seq.contains(o) { sequences(seq + [o]) }
            }
            func datedTrips(_ seq: [Int]) {
                var nightChoices: [[Int]] = [[]]
                for o in seq { nightChoices = nightChoices.flatMap { pre in (ops[o].minNights...ops[o].maxNights).map { pre + [$0] } } }
                var visits = 0
                for o in seq { visits += 1 << (4 * o) }
                for nights in nightChoices {
                    for depart in 0..<n {
                        guard let laid = layOut(data, home: manager.homeAirport, seq: seq, nights: nights, depart: day(depart)) else {
                            continue
                        }
                        let ret = p.horizon.first.distance(to: laid.returnDay)
                        guard ret < n, laid.cents <= cap, (depart...ret).allSatisfy({ free[$0] }) else { continue }
                        var value = 0
                        var ok = true
                        for (k, o) in seq.enumerated() {
                            let a = p.horizon.first.distance(to: laid.arrivals[k].day)
                            let nightsOfStay = a..<(a + nights[k])
                            guard nightsOfStay.allSatisfy({ $0 >= 0 && $0 < n && open[o][$0] }) else { ok = false; break }
                            // Working days: days whose night is spent there, outside the weekend;
                            // the arrival day only when landing by the policy's time.
                            let working = nightsOfStay.filter { d in
                                !ops[o].weekend.days.contains(day(d).weekday)
                                    && (d != a || laid.arrivals[k].minute <= p.journeys.workingArrivalMinute)
                            }.count
                            guard working >= ops[o].minWorkingDays else { ok = false; break }
                            let inWindow = nightsOfStay.allSatisfy { preferred[o][$0] }
                            let own = manager.portfolio.contains(ops[o].code)
                            value += ops[o].priority * (base + (inWindow ? prefBonus : 0) + (own ? ownBonus : 0))
                        }
                        if ok { trips.append(DatedTrip(depart: depart, returnDay: ret, visits: visits, value: value, cost: laid.cents)) }
                    }
                }
            }
            sequences([])
            // 2. Same manager, same visits, same dates: only the unbeaten.
            var grouped: [[Int]: Frontier] = [:]
            for t in trips where t.days <= manager.maxTravelDays {
                grouped[[t.depart, t.returnDay, t.visits], default: Frontier()].add(t.value, t.cost)
            }
            var byDepart = [[DatedTrip]](repeating: [], count: n)
            for key in grouped.keys.sorted(by: { $0.lexicographicallyPrecedes($1) }) {
                for point in grouped[key]!.points {
                    byDepart[key[0]].append(
                        DatedTrip(depart: key[0], returnDay: key[1], visits: key[2], value: point.value, cost: point.cost))
                }
            }
            if p.maxAwayAtOnce != nil {
                // Office cover couples the managers: list every schedule of this manager with the
                // days it is away, and combine them below day by day.
                var schedules: [(visits: Int, value: Int, cost: Int64, away: [Int])] = []
                func dfs(_ from: Int, _ daysLeft: Int, _ visits: Int, _ value: Int, _ cost: Int64, _ away: [Int]) {
                    schedules.append((visits, value, cost, away))
                    guard from < n else { return }
                    for d in from..<n {
                        for t in byDepart[d] where t.days <= daysLeft && withinLimits(visits + t.visits) && cost + t.cost <= cap {
                            dfs(
                                t.returnDay + manager.minRestDays + 1, daysLeft - t.days, visits + t.visits, value + t.value,
                                cost + t.cost, away + Array(t.depart...t.returnDay))
                        }
                    }
                }
                dfs(0, min(manager.maxTravelDays, n), 0, 0, 0, [])
                perManagerSchedules.append(schedules)
                continue
            }
            // 3. Memoised search over (earliest departure, travel days left).
            let daysBudget = min(manager.maxTravelDays, n)
            var memo = [[[Int: Frontier]?]](repeating: [[Int: Frontier]?](repeating: nil, count: daysBudget + 1), count: n + 1)
            func best(_ from: Int, _ daysLeft: Int) -> [Int: Frontier] {
                if from >= n { return [0: Frontier(points: [(0, 0)])] }
                if let known = memo[from][daysLeft] { return known }
                var result = best(from + 1, daysLeft)  // nothing departs on `from`
                for t in byDepart[from] where t.days <= daysLeft {
                    let after = best(t.returnDay + manager.minRestDays + 1, daysLeft - t.days)
                    for (visits, frontier) in after {
                        let combined = visits + t.visits
                        guard withinLimits(combined) else { continue }
                        for point in frontier.points where point.cost + t.cost <= cap {
                            result[combined, default: Frontier()].add(point.value + t.value, point.cost + t.cost)
                        }
                    }
                }
                memo[from][daysLeft] = result
                return result
            }
            perManager.append(best(0, daysBudget))
        }

        // 4. All managers together, plus virtual assessments.
        var combined: [Int: Frontier] = [0: Frontier(points: [(0, 0)])]
        if let limit = p.maxAwayAtOnce {
            // States: visits and managers away per day; each manager's schedules added in turn.
            var states: [[Int]: Frontier] = [[0] + [Int](repeating: 0, count: n): Frontier(points: [(0, 0)])]
            for schedules in perManagerSchedules {
                var next: [[Int]: Frontier] = [:]
                for (key, frontier) in states {
                    for sch in schedules where withinLimits(key[0] + sch.visits) {
                        var newKey = key
                        newKey[0] += sch.visits
                        var fits = true
                        for d in sch.away {
                            newKey[d + 1] += 1
                            if newKey[d + 1] > limit { fits = false }
                        }
                        guard fits else { continue }
                        for a in frontier.points where a.cost + sch.cost <= cap {
                            next[newKey, default: Frontier()].add(a.value + sch.value, a.cost + sch.cost)
                        }
                    }
                }
                states = next
            }
            combined = [:]
            for (key, frontier) in states {
                for point in frontier.points { combined[key[0], default: Frontier()].add(point.value, point.cost) }
            }
        }
        for mine in perManager {
            var next: [Int: Frontier] = [:]
            for (v1, f1) in combined {
                for (v2, f2) in mine where withinLimits(v1 + v2) {
                    for a in f1.points {
                        for b in f2.points where a.cost + b.cost <= cap {
                            next[v1 + v2, default: Frontier()].add(a.value + b.value, a.cost + b.cost)
                        }
                    }
                }
            }
            combined = next
        }
        let virtualHeld = ops.indices.filter { o in
            ops[o].active.count > 0 && data.managers.contains { $0.portfolio.contains(ops[o].code) || $0.backup.contains(ops[o].code) }
        }
        var bestOutcome = Outcome(value: -1, cents: 0)
        for (visits, frontier) in combined {
            let virtual = virtualHeld.filter { count(visits, $0) == 0 }.map { ops[$0].priority * share }.reduce(0, +)
            for point in frontier.points {
                let candidate = Outcome(value: point.value + virtual, cents: point.cost)
                if candidate.value > bestOutcome.value || (candidate.value == bestOutcome.value && candidate.cents < bestOutcome.cents) {
                    bestOutcome = candidate
                }
            }
        }
        return bestOutcome
    }

    /// A trip laid out in time, restated from the journey rules (Data/README.md, "Journeys"):
    /// local (day, minute) of each stay's arrival, the local day of landing home, and the price
    /// in cents (economy fares, terminal expenses per leg, DSA per night on the ground and the
    /// in-flight share for nights in flight, access fares per stop).
    struct LaidOut {
        var arrivals: [(day: Day, minute: Int)]
        var returnDay: Day
        var cents: Int64
    }

    static func layOut(_ data: PlanningData, home: String, seq: [Int], nights: [Int], depart: Day) -> LaidOut? {
        let p = data.policy
        XCTAssertEqual(p.classPolicy, .economyOnly, "the search prices economy fares only")
        let ops = data.operations
        // Offset from UTC in minutes, as in force at 12:00 UTC on the day.
        func offset(_ airport: String, _ dayNumber: Int) -> Int {
            guard let name = data.airportZones[airport], let zone = TimeZone(identifier: name) else { return 0 }
            return zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(dayNumber * 86_400 + 43_200))) / 60
        }
        func floorDiv(_ a: Int, _ b: Int) -> Int { Int((Double(a) / Double(b)).rounded(.down)) }
        func local(_ utc: Int, _ airport: String) -> (day: Day, minute: Int) {
            var t = utc + offset(airport, floorDiv(utc, 1440))
            t = utc + offset(airport, floorDiv(t, 1440))
            let d = floorDiv(t, 1440)
            return (Day(number: d), t - d * 1440)
        }
        func share(_ rate: Money) -> Int64 {
            let x = rate.cents * p.journeys.nightInFlightShare.millionths
            return x / 1_000_000 + (x % 1_000_000 * 2 >= 1_000_000 ? 1 : 0)
        }
        var cents: Int64 = 0
        var arrivals: [(day: Day, minute: Int)] = []
        var here = home
        var leaveDay = depart.number
        var leaveMinute = p.journeys.departHomeMinute
        func fly(to airport: String) -> (landed: Int, nightsInFlight: Int)? {
            guard let fare = data.fares[AirportPair(here, airport)] else { return nil }
            let up = leaveDay * 1440 + leaveMinute - offset(here, leaveDay)
            let landed = up + fare.tenthsOfHours * 6
            cents += fare.economy.cents + 2 * p.terminalExpense.cents
            return (landed, max(0, local(landed, airport).day.number - leaveDay))
        }
        for (k, o) in seq.enumerated() {
            let op = ops[o]
            if op.airport != here {
                guard let leg = fly(to: op.airport) else { return nil }
                cents += share(op.dsaRate) * Int64(leg.nightsInFlight)
                arrivals.append(local(leg.landed + op.accessMinutes, op.airport))
            } else {
                let t = leaveDay * 1440 + leaveMinute + op.accessMinutes
                arrivals.append((Day(number: floorDiv(t, 1440)), t - floorDiv(t, 1440) * 1440))
            }
            cents += op.dsaRate.cents * Int64(nights[k]) + op.accessFare.cents
            here = op.airport
            leaveDay = arrivals[k].day.number + nights[k]
            leaveMinute = p.journeys.departMissionMinute
        }
        var back = Day(number: leaveDay)
        if here != home {
            guard let leg = fly(to: home) else { return nil }
            cents += share(ops[seq.last!].dsaRate) * Int64(leg.nightsInFlight)
            back = local(leg.landed, home).day
        }
        return LaidOut(arrivals: arrivals, returnDay: max(back, depart), cents: cents)
    }

    /// The same instance with the calendar rules drawn at random too (from a second stream, so
    /// the plain instance of a seed stays what it was): time zones from UTC−5 to UTC+14 and
    /// half-hour ones, journey hours of 1–20 h, evening or midnight departures, morning legs
    /// between stops, a paid or unpaid night in flight, weekends (Sat–Sun, Fri–Sat, none),
    /// 0–2 working days per stay and access flights.
    static func randomCalendarInstance(seed: UInt64) -> PlanningData {
        var data = randomInstance(seed: seed)
        var rng = TestRandom(rawState: seed &* 104_729 &+ 17)
        let zones = ["UTC", "America/New_York", "Africa/Addis_Ababa", "Asia/Kabul", "Pacific/Kiritimati", "Asia/Kolkata"]
        for airport in ["HOM", "HOX", "AAA", "BBB", "CCC"] { data.airportZones[airport] = zones[rng.int(0...zones.count - 1)] }
        data.policy.journeys = JourneyRules(
            departHomeMinute: [0, 18 * 60, 22 * 60 + 30][rng.int(0...2)], departMissionMinute: [0, 8 * 60][rng.int(0...1)],
            nightInFlightShare: Rate(millionths: [0, 0, 500_000][rng.int(0...2)]),
            workingArrivalMinute: [12 * 60, 24 * 60][rng.int(0...1)])
        for key in data.fares.keys.sorted(by: { ($0.a, $0.b) < ($1.a, $1.b) }) {
            data.fares[key]!.tenthsOfHours = rng.int(10...200)
        }
        for i in data.operations.indices {
            data.operations[i].weekend = [Weekend.saturdaySunday, .fridaySaturday, Weekend(days: [])][rng.int(0...2)]
            data.operations[i].minWorkingDays = rng.int(0...min(2, data.operations[i].maxNights))
            data.operations[i].accessMinutes = rng.chance(0.2) ? 120 : 0
        }
        return data
    }

    /// A random small instance: 2–4 operations on three airports (so some share one), 1–2
    /// managers, a 10–20 day horizon, 1–3 nights, random blackouts, preferred windows (some for
    /// ALL), leave, missing fares, bonuses, visit limits and budgets (often binding).
    static func randomInstance(seed: UInt64) -> PlanningData {
        var rng = TestRandom(rawState: seed &* 7919)
        var f = Fixture()
        let n = rng.int(10...20)
        f.horizonDays = n
        f.maxStops = rng.int(1...3)
        f.preferredBonusPercent = [0, 20, 25][rng.int(0...2)]
        f.ownBonusPercent = [0, 10][rng.int(0...1)]
        f.virtualSharePercent = [0, 30][rng.int(0...1)]
        f.envelope = rng.chance(0.15) ? Money(dollars: 100_000) : Money(dollars: Int64(rng.int(2...14) * 500))
        let airports = ["AAA", "BBB", "CCC"]
        let opCount = rng.int(2...4)
        for i in 0..<opCount {
            let minNights = rng.int(1...3)
            let start = rng.int(1...n - 3)
            let active: ClosedRange<Int>? = rng.chance(0.2) ? start...rng.int(start + 2...n) : nil
            f.op(
                "OP\(i)", airport: airports[rng.int(0...2)], priority: rng.int(1...9), nights: minNights...rng.int(minNights...3),
                dsa: Int64(rng.int(5...20) * 10), maxVisits: rng.chance(0.05) ? 0 : (rng.chance(0.25) ? 2 : 1),
                access: rng.chance(0.2) ? 100 : 0, active: active, virtualOnly: rng.chance(0.08))
        }
        for i in 0..<opCount {
            if rng.chance(0.4) { let s = rng.int(1...n); f.blackout("OP\(i)", s...min(n, s + rng.int(0...3))) }
            if rng.chance(0.5) { let s = rng.int(1...n); f.preferred("OP\(i)", s...min(n, s + rng.int(1...6))) }
        }
        if rng.chance(0.15) { let s = rng.int(1...n); f.blackout(nil, s...min(n, s + rng.int(0...1))) }
        if rng.chance(0.15) { let s = rng.int(1...n); f.preferred(nil, s...min(n, s + rng.int(2...6))) }
        let managerCount = rng.int(1...2)
        var portfolios = [[String]](repeating: [], count: managerCount)
        var backups = [[String]](repeating: [], count: managerCount)
        for i in 0..<opCount {
            let code = "OP\(i)"
            // OP0 always has a portfolio manager, so the model is never empty.
            let holder = rng.int(0...managerCount - 1)
            if i == 0 || rng.chance(0.8) { portfolios[holder].append(code) }
            for k in 0..<managerCount where !portfolios[k].contains(code) && rng.chance(0.4) { backups[k].append(code) }
        }
        let homes = ["HOM", rng.chance(0.5) ? "HOX" : "HOM"]
        for k in 0..<managerCount {
            let leaveStart = rng.int(1...n)
            f.manager(
                "M\(k + 1)", home: homes[k], portfolio: portfolios[k], backup: backups[k],
                maxTravelDays: rng.int(4...20), rest: rng.int(0...3),
                unavailable: rng.chance(0.5) ? [leaveStart...min(n, leaveStart + rng.int(0...4))] : [])
        }
        for home in Set(homes.prefix(managerCount)) {
            for a in airports { f.fare(home, a, Int64(rng.int(4...24) * 50)) }
        }
        for (a, b) in [("AAA", "BBB"), ("BBB", "CCC"), ("AAA", "CCC")] where rng.chance(0.75) {
            f.fare(a, b, Int64(rng.int(2...10) * 50))
        }
        return f.data
    }

    /// Hand check of the search itself on the planner tests' pair (see PlannerTests): five days,
    /// OPA → OPB for $2,600 and 99,000 points; at $2,599 OPA alone, 67,000 for $2,200.
    func testBruteForceOnAHandInstance() {
        func pair(envelope: Int64) -> PlanningData {
            var f = Fixture()
            f.horizonDays = 5
            f.envelope = Money(dollars: envelope)
            f.op("OPA", airport: "AAA", priority: 5, active: 1...2)
            f.op("OPB", airport: "BBB", priority: 4)
            f.manager("M1", portfolio: ["OPA", "OPB"])
            f.fare("HOM", "AAA", 1_000)
            f.fare("HOM", "BBB", 1_000)
            f.fare("AAA", "BBB", 200)
            return f.data
        }
        XCTAssertEqual(BruteForceTests.bruteForce(pair(envelope: 2_600)), Outcome(value: 99_000, cents: 260_000))
        XCTAssertEqual(BruteForceTests.bruteForce(pair(envelope: 2_599)), Outcome(value: 67_000, cents: 220_000))
    }

    func testPlannerMatchesBruteForceOnRandomInstances() throws {
        let started = Date()
        var compared = 0, budgetBinds = 0, multiStop = 0
        var inFlight = 0, weekendRefusals = 0
        for seed: UInt64 in 1...200 {
            let data = BruteForceTests.randomCalendarInstance(seed: seed)
            let expected = BruteForceTests.bruteForce(data)
            let explain = seed % 10 == 0
            let plan = try Planner(data: data).plan(options: PlanOptions(timeLimit: 30, explain: explain))
            let got = Outcome(value: plan.value.points, cents: plan.budget.travelCost.cents)
            XCTAssertEqual(plan.solver.status, .optimal, "seed \(seed)")
            XCTAssertEqual(got, expected, "seed \(seed)")
            PlanChecker.assertValid(plan, data, "seed \(seed)")
            if explain {
                // Every active operation without an in-person visit has a reason.
                let visited = Set(plan.visitedOperations)
                XCTAssertEqual(
                    plan.notVisited.map(\.operation),
                    data.operations.filter { $0.active.count > 0 && !visited.contains($0.code) }.map(\.code), "seed \(seed)")
                XCTAssert(plan.notVisited.allSatisfy { !$0.reason.isEmpty && $0.reason != "not visited" }, "seed \(seed)")
            }
            compared += 1
            var unlimited = data
            unlimited.policy.budget = BudgetSplit(envelope: Money(dollars: 1_000_000_000), pscRate: Rate(millionths: 0))
            if BruteForceTests.bruteForce(unlimited).value > expected.value { budgetBinds += 1 }
            if plan.trips.contains(where: { $0.stays.count > 1 }) { multiStop += 1 }
            if plan.trips.contains(where: { t in t.legs.contains { $0.arriveDate > $0.date } }) { inFlight += 1 }
            var noWorkingDays = data
            for i in noWorkingDays.operations.indices { noWorkingDays.operations[i].minWorkingDays = 0 }
            if BruteForceTests.bruteForce(noWorkingDays) != expected { weekendRefusals += 1 }
        }
        // The sample must exercise what it claims to: a binding budget, multi-stop trips.
        XCTAssertGreaterThanOrEqual(compared, 60)
        XCTAssertGreaterThanOrEqual(budgetBinds, 30)
        XCTAssertGreaterThanOrEqual(multiStop, 30)
        XCTAssertGreaterThanOrEqual(inFlight, 30)
        XCTAssertGreaterThanOrEqual(weekendRefusals, 20)
        print(
            "brute force: \(compared) instances, budget binding in \(budgetBinds), a multi-stop trip in \(multiStop), "
                + "a night in flight in \(inFlight), working days changing the optimum in \(weekendRefusals), "
                + String(format: "%.1f s", Date().timeIntervalSince(started)))
    }

    /// Seed 20 (12 days, 4 operations, one manager with 1 rest day and leave on 10–11 Jan, two
    /// operations allowing two visits) once took hundreds of rounds of schedule cuts (25 s): cuts
    /// on repeat-visit trips cannot be lifted. The capacity rows for each stretch between a
    /// manager's absences settle it in one round. The planner must prove the brute-force optimum,
    /// 366,000 points for $4,310.
    func testLeaveSplittingTheYearIsSolvedExactly() throws {
        let data = BruteForceTests.randomInstance(seed: 20)
        let expected = BruteForceTests.bruteForce(data)
        XCTAssertEqual(expected, Outcome(value: 366_000, cents: 431_000))
        let plan = try Planner(data: data).plan(options: PlanOptions(timeLimit: 60, explain: false))
        PlanChecker.assertValid(plan, data, "seed 20")
        XCTAssertEqual(plan.solver.status, .optimal)
        XCTAssertEqual(Outcome(value: plan.value.points, cents: plan.budget.travelCost.cents), expected)
    }
}
