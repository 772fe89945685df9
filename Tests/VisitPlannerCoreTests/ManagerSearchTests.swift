import Foundation
import XCTest

@testable import VisitPlannerCore

/// The exact search over one manager's year (`ManagerSearch`) that the decomposition prices
/// each manager with: optima known by hand on a tiny instance, brute force on random ones, and
/// the planner's answer (value and cost) when large models are decomposed.
final class ManagerSearchTests: XCTestCase {
    private static let allDays = Array(0..<91)

    private func type(_ stops: [Int], days: Int, dollars: Int64, value: Int = 0, starts: [Int] = allDays) -> TripType {
        TripType(
            manager: 0, stops: stops, nights: stops.map { _ in 3 }, preferred: stops.map { _ in false },
            cost: TripCost(airfare: Money(dollars: dollars), dsa: .zero, terminal: .zero, access: .zero), value: value,
            starts: starts, copy: 0, days: days)
    }

    /// Three operations and five trip types (gain in tenths of a point, days, dollars):
    /// {0} 5, 10, 100; {1} 4, 10, 100; {2} 4, 10, 100; {0,1} 10, 18, 300; {1,2} 9, 15, 250.
    private func handInstance(_ starts0: [Int] = allDays, _ starts4: [Int] = allDays) -> [TripType] {
        [
            type([0], days: 10, dollars: 100, starts: starts0), type([1], days: 10, dollars: 100),
            type([2], days: 10, dollars: 100), type([0, 1], days: 18, dollars: 300),
            type([1, 2], days: 15, dollars: 250, starts: starts4),
        ]
    }

    private let handGains = [5_000, 4_000, 4_000, 10_000, 9_000]

    /// The search over `pool` with each type worth its gain (no virtual assessments, one visit each).
    private func best(
        _ pool: [TripType], gains: [Int], maxDays: Int, cap: Money? = nil, allowed: Set<Int> = [0, 1, 2]
    ) throws -> ManagerSearch.Result {
        let valued = pool.indices.map { i in
            let t = pool[i]
            return TripType(
                manager: 0, stops: t.stops, nights: t.nights, preferred: t.preferred, cost: t.cost, value: gains[i],
                starts: t.starts, copy: 0, days: t.days)
        }
        let search = try XCTUnwrap(
            ManagerSearch(
                pool: valued, types: Array(pool.indices), virtualValue: [0, 0, 0], capacity: [1, 1, 1], maxDays: maxDays, rest: 0,
                horizon: 100, travelCap: cap))
        return search.best(allowed: allowed, deadline: Date().addingTimeInterval(30))
    }

    func testHandCheckedOptima() throws {
        // {0}+{1,2} and {0,1}+{2} both gain 14; the first is $50 cheaper.
        var r = try best(handInstance(), gains: handGains, maxDays: 30)
        XCTAssertEqual(r.types, [0, 4])
        XCTAssertEqual(r.gain, 14_000)
        XCTAssertEqual(r.cost, Money(dollars: 350))
        XCTAssertTrue(r.proven)
        // {0} leaves only on day 0 and {1,2} only on day 5: they overlap, so {0,1}+{2}.
        r = try best(handInstance([0], [5]), gains: handGains, maxDays: 30)
        XCTAssertEqual(r.types, [2, 3])
        XCTAssertEqual(r.cost, Money(dollars: 400))
        // And with 27 travel days {0,1}+{2} (28 days) no longer fits; {0,1,2} singly takes 30: {0,1} alone.
        r = try best(handInstance([0], [5]), gains: handGains, maxDays: 27)
        XCTAssertEqual(r.types, [3])
        XCTAssertEqual(r.gain, 10_000)
        // Without operation 0: {1,2} (9) beats {1}+{2} (8).
        r = try best(handInstance(), gains: handGains, maxDays: 30, allowed: [1, 2])
        XCTAssertEqual(r.types, [4])
        XCTAssertEqual(r.gain, 9_000)
        // A $300 cap: only the three single visits together (13, $300).
        r = try best(handInstance(), gains: handGains, maxDays: 30, cap: Money(dollars: 300))
        XCTAssertEqual(r.types, [0, 1, 2])
        XCTAssertEqual(r.gain, 13_000)
        XCTAssertEqual(r.cost, Money(dollars: 300))
        // Nothing worth doing: the empty plan.
        r = try best(handInstance(), gains: [0, -1, 0, 0, 0], maxDays: 30)
        XCTAssertEqual(r.types, [])
        XCTAssertEqual(r.gain, 0)
    }

    /// A manager with more operations or days than the table holds (64 MiB) is declined, so
    /// the planner leaves the model to GLPK instead of running out of memory.
    func testTooLargeATableIsDeclined() {
        let pool = (0..<24).map { type([$0], days: 5, dollars: 10, value: 1_000) }
        let none = [Int](repeating: 0, count: 24), once = [Int](repeating: 1, count: 24)
        XCTAssertNil(
            ManagerSearch(
                pool: pool, types: Array(pool.indices), virtualValue: none, capacity: once, maxDays: 365, rest: 0, horizon: 365,
                travelCap: nil))
        // 2^16 subsets × 101 days fit; with two visits each, 3^16 states do not.
        let small = Array(pool.prefix(16))
        XCTAssertNotNil(
            ManagerSearch(
                pool: small, types: Array(small.indices), virtualValue: none, capacity: once, maxDays: 100, rest: 0, horizon: 365,
                travelCap: nil))
        XCTAssertNil(
            ManagerSearch(
                pool: small, types: Array(small.indices), virtualValue: none, capacity: once.map { _ in 2 }, maxDays: 100, rest: 0,
                horizon: 365, travelCap: nil))
        // Nor beyond what the caller allows, or past the deadline while the table is built.
        XCTAssertNil(
            ManagerSearch(
                pool: small, types: Array(small.indices), virtualValue: none, capacity: once, maxDays: 100, rest: 0, horizon: 365,
                travelCap: nil, maxEntries: 1 << 20))
        XCTAssertNil(
            ManagerSearch(
                pool: small, types: Array(small.indices), virtualValue: none, capacity: once, maxDays: 100, rest: 0, horizon: 365,
                travelCap: nil, deadline: .distantPast))
    }

    /// 300 random managers (5 operations, some allowing two visits, with virtual assessments;
    /// 8 kinds of trip, each copied once where all its operations allow two visits; random days,
    /// costs, departure days, rest, travel days, cap and allowed visits) against every subset
    /// of their types that takes copies in order.
    func testMatchesBruteForce() throws {
        var rng = SplitMix(seed: 7)
        for instance in 0..<300 {
            let horizon = 60
            let rest = rng.next(4)
            let capacity = (0..<5).map { _ in rng.next(3) == 0 ? 2 : 1 }
            let virtualValue = (0..<5).map { _ in rng.next(3) == 0 ? 0 : 1_000 * (1 + rng.next(3)) }
            var pool: [TripType] = []
            var kinds = 0
            while kinds < 8 && pool.count < 12 {
                let stops = Array(Set((0..<(1 + rng.next(3))).map { _ in rng.next(5) })).sorted()
                let days = 3 + rng.next(13)
                let starts = (0...(horizon - days)).filter { _ in rng.next(3) == 0 }
                guard !starts.isEmpty else { continue }
                kinds += 1
                let cost = TripCost(airfare: Money(cents: Int64(rng.next(50_000))), dsa: .zero, terminal: .zero, access: .zero)
                let value = 1_000 * rng.next(12)
                for copy in 0..<(stops.map { capacity[$0] }.min()!) {
                    pool.append(
                        TripType(
                            manager: 0, stops: stops, nights: stops.map { _ in 1 }, preferred: stops.map { _ in false }, cost: cost,
                            value: value, starts: starts, copy: copy, days: days))
                }
            }
            let maxDays = 15 + rng.next(30)
            let cap = rng.next(2) == 0 ? nil : Money(cents: Int64(50_000 + rng.next(100_000)))
            let allowed = Dictionary(uniqueKeysWithValues: (0..<5).map { ($0, rng.next(capacity[$0] + 2)) })
            // Brute force: the most gain, then the least cost, of every feasible subset.
            var expected = (gain: 0, cost: Money.zero)
            for subset in 0..<(1 << pool.count) {
                let chosen = pool.indices.filter { subset & (1 << $0) != 0 }
                guard chosen.allSatisfy({ pool[$0].copy == 0 || subset & (1 << ($0 - 1)) != 0 }) else { continue }
                var visits = [Int](repeating: 0, count: 5)
                for t in chosen { for o in pool[t].stops { visits[o] += 1 } }
                guard (0..<5).allSatisfy({ visits[$0] <= min(capacity[$0], allowed[$0]!) }) else { continue }
                let days = chosen.map { pool[$0].days }.reduce(0, +)
                let cost = chosen.map { pool[$0].cost.total }.reduce(.zero, +)
                guard days <= maxDays, days + chosen.count * rest <= horizon + rest, cap.map({ cost <= $0 }) ?? true else { continue }
                let gain =
                    chosen.map { pool[$0].value }.reduce(0, +) - (0..<5).filter { visits[$0] > 0 }.map { virtualValue[$0] }.reduce(0, +)
                guard gain > expected.gain || (gain == expected.gain && cost < expected.cost) else { continue }
                let scheduler = Scheduler(items: chosen.map { .init(starts: pool[$0].starts, occupancy: pool[$0].days + rest) })
                if scheduler.schedule() != nil { expected = (gain, cost) }
            }
            let search = try XCTUnwrap(
                ManagerSearch(
                    pool: pool, types: Array(pool.indices), virtualValue: virtualValue, capacity: capacity, maxDays: maxDays,
                    rest: rest, horizon: horizon, travelCap: cap))
            let r = search.best(visits: allowed, deadline: Date().addingTimeInterval(30))
            XCTAssertTrue(r.proven, "instance \(instance)")
            // The table's bound (what the decomposition uses before searching) is never below.
            let bound = search.bound(visits: allowed)
            XCTAssertTrue(
                bound.gain > expected.gain || (bound.gain == expected.gain && bound.cost <= expected.cost),
                "instance \(instance): bound \(bound) below \(expected)")
            XCTAssertEqual(r.gain, expected.gain, "instance \(instance)")
            XCTAssertEqual(r.cost, expected.cost, "instance \(instance)")
            // The plan returned is what it says: copies in order, its gain and cost.
            XCTAssertTrue(r.types.allSatisfy { pool[$0].copy == 0 || r.types.contains($0 - 1) }, "instance \(instance)")
            let visited = Set(r.types.flatMap { pool[$0].stops })
            XCTAssertEqual(
                r.gain, r.types.map { pool[$0].value }.reduce(0, +) - visited.map { virtualValue[$0] }.reduce(0, +), "instance \(instance)")
            XCTAssertEqual(r.cost, r.types.map { pool[$0].cost.total }.reduce(.zero, +), "instance \(instance)")
        }
    }

    /// Large models are decomposed first: on data small enough for GLPK to prove both phases
    /// (three seeds, and one with six operations allowing two visits), the decomposed plan has
    /// the same value and the same travel cost, is proven optimal, and is the same on every run.
    func testDecomposedPlansMatchGLPKsProof() throws {
        for (seed, repeats): (UInt64, Int) in [(1, 0), (2, 0), (3, 0), (1, 6)] {
            let data = SyntheticData.make(operations: 24, managers: 6, seed: seed, repeatVisits: repeats)
            let direct = try Planner(data: data).plan(options: PlanOptions(timeLimit: 60, explain: false))
            XCTAssertEqual(direct.solver.status, .optimal, "seed \(seed)")
            var planner = Planner(data: data)
            planner.largeModel = 0
            let lines = LineCollector()
            let decomposed = try planner.plan(
                options: PlanOptions(timeLimit: 60, explain: false, progress: { lines.append($0) }))
            XCTAssertTrue(lines.all.contains { $0.hasPrefix("decomposition: ") && $0.contains("dated true") }, "seed \(seed)")
            XCTAssertFalse(lines.all.contains { $0.contains("phase 2 of 2") }, "seed \(seed): the cost was proven already")
            XCTAssertEqual(decomposed.solver.status, .optimal, "seed \(seed)")
            XCTAssertEqual(decomposed.value, direct.value, "seed \(seed)")
            XCTAssertEqual(decomposed.budget.travelCost, direct.budget.travelCost, "seed \(seed)")
            XCTAssertEqual(decomposed.solver.valueBound, decomposed.value, "seed \(seed)")
            XCTAssertEqual(decomposed.virtual.map(\.operation), direct.virtual.map(\.operation), "seed \(seed)")
            let again = try planner.plan(options: PlanOptions(timeLimit: 60, explain: false))
            XCTAssertEqual(again.trips.map(\.id), decomposed.trips.map(\.id), "seed \(seed)")
        }
    }

    /// A budget that binds: each manager's best year together costs more than the cap, so the
    /// decomposition proves nothing and GLPK's phases find the same optimum as without it.
    func testWhenTheCapBindsGLPKTakesOver() throws {
        let data = SyntheticData.make(operations: 24, managers: 6, seed: 2, envelope: Money(dollars: 20_000))
        let direct = try Planner(data: data).plan(options: PlanOptions(timeLimit: 60, explain: false))
        XCTAssertEqual(direct.solver.status, .optimal)
        var planner = Planner(data: data)
        planner.largeModel = 0
        let lines = LineCollector()
        let plan = try planner.plan(options: PlanOptions(timeLimit: 60, explain: false, progress: { lines.append($0) }))
        XCTAssertTrue(lines.all.contains { $0.hasPrefix("decomposition: ") && $0.contains("within the cap false") })
        XCTAssertTrue(lines.all.contains { $0.contains("phase 2 of 2") })
        XCTAssertEqual(plan.solver.status, .optimal)
        XCTAssertEqual(plan.value, direct.value)
        XCTAssertEqual(plan.budget.travelCost, direct.budget.travelCost)
    }
}

/// Progress lines gathered from a `@Sendable` callback.
private final class LineCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// A small deterministic generator for the random instances.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    /// A number in 0..<n.
    mutating func next(_ n: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D1_33EB_2311_1EB9
        return Int((z ^ (z >> 31)) % UInt64(n))
    }
}
