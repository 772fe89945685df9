import Foundation

/// Generated data sets of any size, for benchmarks and for checking that nothing in the
/// planner depends on the default data's codes, counts or sizes.
///
/// Operations are scattered over a world map in regions; fares follow the same indicative
/// great-circle formula as the default data (see Data/README.md); windows, leave and
/// portfolios are drawn from a seeded generator, so a seed always gives the same data.
public enum SyntheticData {
    /// A small deterministic generator (SplitMix64), so data sets are identical on every machine.
    public struct Generator: RandomNumberGenerator, Sendable {
        private var state: UInt64
        public init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
        public mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &self) }
        mutating func double(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &self) }
    }

    /// - Parameters:
    ///   - operations: how many operations (≥ 1).
    ///   - managers: how many mission managers (≥ 1).
    ///   - seed: the random seed.
    ///   - envelope: total budget; default scales with the operations ($7,000 of travel each, plus 13%).
    ///   - maxStops: stops per trip at most.
    ///   - repeatVisits: how many operations (the first ones) allow two visits a year.
    ///   - portfolio: operations per manager's portfolio at most; nil deals every operation.
    ///     Operations are dealt round-robin (operation i to manager i mod managers), and a
    ///     manager keeps the first `portfolio` of its share; the rest (operations beyond
    ///     managers × portfolio) are nobody's portfolio and nobody's backup, so no one can visit
    ///     or assess them (as an operation without a desk officer). Backups stay two operations
    ///     from the next manager's portfolio. The random draws do not depend on it, so the same
    ///     seed gives the same operations, windows and leave whatever the portfolio size.
    public static func make(
        operations n: Int, managers mCount: Int, seed: UInt64, envelope: Money? = nil,
        maxStops: Int = 3, repeatVisits: Int = 0, portfolio: Int? = nil
    ) -> PlanningData {
        var rng = Generator(seed: seed)
        let start = Day(year: 2027, month: 1, day: 1)!
        let end = Day(year: 2027, month: 12, day: 31)!
        let horizon = DayRange(start, end)
        let home = "HQA"
        let homeLat = 40.6, homeLon = -73.8
        // Regions: clusters of operations around a centre.
        let regionCount = max(1, n / 5)
        let centres = (0..<regionCount).map { _ in (rng.double(-20...45), rng.double(-80...70)) }
        var operations: [Operation] = []
        for i in 0..<n {
            let r = i % regionCount
            let lat = min(80, max(-60, centres[r].0 + rng.double(-6...6)))
            let lon = min(179, max(-179, centres[r].1 + rng.double(-8...8)))
            let minNights = rng.int(3...5)
            let activeEnd = rng.int(0...9) == 0 ? start + rng.int(120...300) : end
            operations.append(
                Operation(
                    code: String(format: "OP%03d", i + 1), name: "Operation \(i + 1)", type: i % 3 == 0 ? .spm : .pko,
                    hqCity: "City \(i + 1)", country: "Country \(i + 1)", airport: airportCode(i), region: "Region \(r + 1)",
                    latitude: lat, longitude: lon, policeStrength: rng.int(20...3000), priority: rng.int(1...10),
                    minNights: minNights, maxNights: minNights + rng.int(0...3), maxVisits: i < repeatVisits ? 2 : 1,
                    active: DayRange(start, activeEnd), mandateRenewal: rng.int(1...12), virtualOnly: false,
                    accessFare: rng.int(0...9) == 0 ? Money(dollars: Int64(rng.int(3...9) * 100)) : .zero,
                    dsaRate: Money(dollars: Int64(rng.int(15...32) * 10)), dsaSource: "synthetic", notes: ""))
        }
        // Windows: a rainy-season blackout for a third of them; a preferred quarter before renewal.
        var windows: [TimeWindow] = []
        for op in operations {
            if rng.int(0...2) == 0 {
                let s = start + rng.int(60...240)
                windows.append(
                    TimeWindow(
                        operation: op.code, kind: .blackout, range: DayRange(s, min(end, s + rng.int(30...90))), reason: "rainy season"))
            }
            if let month = op.mandateRenewal, month > 3 {
                let renewal = Day(year: 2027, month: month, day: 1)!
                windows.append(
                    TimeWindow(operation: op.code, kind: .preferred, range: DayRange(renewal - 90, renewal - 1), reason: "before renewal"))
            }
        }
        // Managers: portfolios by region, backups from the same or the next region.
        var managers: [Manager] = []
        let everyone = [
            Period(range: DayRange(Day(year: 2027, month: 2, day: 15)!, Day(year: 2027, month: 3, day: 12)!), reason: "C34"),
            Period(range: DayRange(Day(year: 2027, month: 12, day: 20)!, end), reason: "holidays"),
        ]
        let held = max(0, portfolio ?? n)
        for k in 0..<mCount {
            let portfolio = operations.indices.filter { $0 % mCount == k }.prefix(held).map { operations[$0].code }
            let backup = operations.indices.filter { $0 % mCount == (k + 1) % mCount && mCount > 1 }.prefix(min(2, held)).map {
                operations[$0].code
            }
            let leaveStart = start + rng.int(30...320)
            managers.append(
                Manager(
                    id: String(format: "M%02d", k + 1), name: "Manager \(k + 1)", portfolio: portfolio,
                    backup: backup.filter { !portfolio.contains($0) }, homeAirport: home,
                    maxTravelDays: rng.int(35...50), minRestDays: rng.int(7...14),
                    unavailable: everyone + [Period(range: DayRange(leaveStart, min(end, leaveStart + 20)), reason: "leave")]))
        }
        // Fares: home to every airport; pairs within 5,000 km.
        var fares: [AirportPair: Fare] = [:]
        func addFare(_ a: String, _ aLat: Double, _ aLon: Double, _ b: String, _ bLat: Double, _ bLon: Double) {
            let km = greatCircleKilometres(aLat, aLon, bLat, bLon)
            let connections = km < 2500 ? 0 : (km < 8000 ? 1 : 2)
            let tenths = Int(((km / 800 + 0.5 + 2.5 * Double(connections)) * 2).rounded()) * 5
            let economy = Int64(((150 + 0.11 * km) * (1 + 0.15 * Double(connections)) / 10).rounded()) * 10
            let business = Int64((Double(economy) * 3.2 / 10).rounded()) * 10
            fares[AirportPair(a, b)] = Fare(
                from: a, to: b, economy: Money(dollars: economy), business: Money(dollars: business),
                tenthsOfHours: max(5, tenths), connections: connections)
        }
        for op in operations { addFare(home, homeLat, homeLon, op.airport, op.latitude, op.longitude) }
        for i in operations.indices {
            for j in operations.indices where j > i {
                let a = operations[i], b = operations[j]
                if greatCircleKilometres(a.latitude, a.longitude, b.latitude, b.longitude) < 5000 {
                    addFare(a.airport, a.latitude, a.longitude, b.airport, b.latitude, b.longitude)
                }
            }
        }
        let total = envelope ?? Money(cents: Int64(n) * 700_000 * 113 / 100)
        let policy = Policy(
            horizon: horizon, currency: "USD", budget: BudgetSplit(envelope: total, pscRate: Rate(millionths: 130_000)),
            maxStops: maxStops, classPolicy: .rule, businessMinLegTenths: 90, businessMinJourneyTenths: 110,
            terminalExpense: Money(dollars: 50), coverage: .maximize,
            preferredWindowBonus: Rate(millionths: 200_000), ownPortfolioBonus: Rate(millionths: 100_000),
            virtualShare: Rate(millionths: 300_000), timeLimitSeconds: 60)
        return PlanningData(
            policy: policy, operations: operations, managers: managers, windows: windows, fares: fares,
            source: "synthetic(operations: \(n), managers: \(mCount)\(portfolio.map { ", portfolio: \($0)" } ?? ""), seed: \(seed))")
    }

    /// Three-letter codes AAA, AAB, … distinct from the home airport.
    static func airportCode(_ i: Int) -> String {
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        return String([letters[(i / 676) % 26], letters[(i / 26) % 26], letters[i % 26]]).replacingOccurrences(of: "HQA", with: "HQZ")
    }
}

/// Great-circle distance (haversine, R = 6,371 km).
public func greatCircleKilometres(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    let r = 6371.0
    let p1 = lat1 * .pi / 180, p2 = lat2 * .pi / 180
    let dp = (lat2 - lat1) * .pi / 180, dl = (lon2 - lon1) * .pi / 180
    let a = sin(dp / 2) * sin(dp / 2) + cos(p1) * cos(p2) * sin(dl / 2) * sin(dl / 2)
    return 2 * r * asin(min(1, sqrt(a)))
}
