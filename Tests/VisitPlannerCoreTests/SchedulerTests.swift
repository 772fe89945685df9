import XCTest

@testable import VisitPlannerCore

/// The scheduler gives each trip a departure day from its list so that an item departing on s
/// keeps the manager busy on days s ..< s + occupancy, and no two such spans overlap.
final class SchedulerTests: XCTestCase {
    private func item(_ starts: [Int], _ occupancy: Int) -> Scheduler.Item { .init(starts: starts, occupancy: occupancy) }

    /// Item 0 can only leave on 0 (busy 0–2); item 1 on 1 or 3 (busy 2 days), so on 3 (busy
    /// 3–4); item 2 on 2, 5 or 6 (busy 4 days): 2 overlaps item 0, so the earliest is 5 (busy
    /// 5–8). Leaving on 6 would also do; the scheduler takes the earliest day each time.
    func testExactDepartureDays() {
        let s = Scheduler(items: [item([0], 3), item([1, 3], 2), item([2, 5, 6], 4)])
        XCTAssertTrue(s.isFeasible)
        XCTAssertEqual(s.schedule(), [0, 3, 5])
        XCTAssertEqual(s.minimalConflicts(limit: 20), [])
    }

    /// Order is not index order: item 1 (0–4) must go before item 0 (day 10).
    func testOrderFollowsTheDaysNotTheItems() {
        let s = Scheduler(items: [item([10], 2), item([0, 11], 5)])
        XCTAssertEqual(s.schedule(), [10, 0])
    }

    /// Occupancy includes rest: a trip of 3 days with 2 rest days leaving on 0 lets the next
    /// leave on 5, not 4.
    func testOccupancyIsExclusiveAtItsEnd() {
        XCTAssertEqual(Scheduler(items: [item([0], 5), item([5], 1)]).schedule(), [0, 5])
        XCTAssertNil(Scheduler(items: [item([0], 5), item([4], 1)]).schedule())
    }

    func testEmptyAndSingle() {
        XCTAssertEqual(Scheduler(items: []).schedule(), [])
        XCTAssertEqual(Scheduler(items: [item([7, 9], 3)]).schedule(), [7])
        let none = Scheduler(items: [item([], 3)])
        XCTAssertFalse(none.isFeasible)
        XCTAssertEqual(none.minimalConflicts(limit: 5), [[0]])
    }

    /// Item 0 (0–4) and item 1 (day 2) overlap whatever the order; item 2 is free of both.
    func testInfeasibleSetIsDetected() {
        let s = Scheduler(items: [item([0], 5), item([2], 2), item([20], 1)])
        XCTAssertFalse(s.isFeasible)
        XCTAssertNil(s.schedule())
        XCTAssertEqual(s.minimalConflicts(limit: 20), [[0, 1]])
    }

    /// Item 0 busy 4–5; item 1 on 5; items 2 and 3 on 5 or 6 (each busy one day).
    /// {0,1}: 1 on 5 overlaps 0. {1,2,3}: three one-day trips on two days. {0,2,3}: 0 takes
    /// 4–5, leaving only day 6 for two trips. Every pair other than {0,1} schedules (e.g. 0 on 4
    /// and 2 on 6; 1 on 5 and 2 on 6; 2 on 5 and 3 on 6), so these three sets are exactly the
    /// minimal conflicts; {0,1,2}, {0,1,3} and {0,1,2,3} are not minimal.
    func testMinimalConflictsAreExactlyTheMinimalSets() {
        let s = Scheduler(items: [item([4], 2), item([5], 1), item([5, 6], 1), item([5, 6], 1)])
        XCTAssertFalse(s.isFeasible)
        XCTAssertEqual(s.minimalConflicts(limit: 20), [[0, 1], [0, 2, 3], [1, 2, 3]])
        XCTAssertEqual(s.minimalConflicts(limit: 2), [[0, 1], [0, 2, 3]])
    }

    /// Against brute force (every order, every choice of days) on random small sets.
    func testAgreesWithBruteForceOnRandomSets() {
        var rng = TestRandom(rawState: 42)
        for round in 0..<300 {
            let n = rng.int(1...5)
            let items = (0..<n).map { _ in
                item((0..<20).filter { _ in rng.int(0...3) == 0 }, rng.int(1...6))
            }
            let s = Scheduler(items: items)
            // Feasibility of every subset by brute force.
            var feasible = [Bool](repeating: false, count: 1 << n)
            for mask in 0..<(1 << n) {
                feasible[mask] = SchedulerTests.bruteFeasible(items.indices.filter { mask & (1 << $0) != 0 }.map { items[$0] })
            }
            XCTAssertEqual(s.isFeasible, feasible[(1 << n) - 1], "round \(round)")
            if let days = s.schedule() {
                // The days given are each item's own and never overlap.
                for (k, it) in items.enumerated() { XCTAssert(it.starts.contains(days[k]), "round \(round)") }
                let spans = items.indices.map { (days[$0], days[$0] + items[$0].occupancy) }.sorted { $0.0 < $1.0 }
                for (a, b) in zip(spans, spans.dropFirst()) { XCTAssertLessThanOrEqual(a.1, b.0, "round \(round)") }
            }
            let minimal = (1..<(1 << n)).filter { mask in
                !feasible[mask] && (0..<n).allSatisfy { mask & (1 << $0) == 0 || feasible[mask ^ (1 << $0)] }
            }.sorted { ($0.nonzeroBitCount, $0) < ($1.nonzeroBitCount, $1) }
                .map { mask in (0..<n).filter { mask & (1 << $0) != 0 } }
            XCTAssertEqual(s.minimalConflicts(limit: 100), minimal, "round \(round)")
        }
    }

    /// Tries every order and, in each, every start day: exhaustive.
    static func bruteFeasible(_ items: [Scheduler.Item]) -> Bool {
        func go(_ left: [Scheduler.Item], _ free: Int) -> Bool {
            if left.isEmpty { return true }
            for i in left.indices {
                var rest = left
                let it = rest.remove(at: i)
                for s in it.starts where s >= free { if go(rest, s + it.occupancy) { return true } }
            }
            return false
        }
        return go(items, Int.min / 2)
    }
}

/// The tests' random numbers: the library's SplitMix64 (`SyntheticData.Generator`), started
/// at a raw state (the library's own seeds are offset by the generator's increment).
typealias TestRandom = SyntheticData.Generator

extension SyntheticData.Generator {
    init(rawState: UInt64) { self.init(seed: rawState &- 0x9E37_79B9_7F4A_7C15) }
    mutating func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &self) < p }
}

/// No hidden limit on trips per manager: interchangeable trips share table states, and sets too
/// large for the table are checked exactly by the time-indexed model.
final class LargeScheduleTests: XCTestCase {
    private func item(_ starts: [Int], _ occupancy: Int) -> Scheduler.Item { .init(starts: starts, occupancy: occupancy) }

    /// 24 copies of a 3-day trip that may leave on any of 72 days fill them exactly (day 0, 3,
    /// …, 69); a 25th does not fit, and the minimal conflict is all 25.
    func testTwentyFourIdenticalTripsFillTheirDays() {
        let days = Array(0..<70)
        let s = Scheduler(items: Array(repeating: item(days, 3), count: 24))
        XCTAssertEqual(s.schedule()?.sorted(), Array(stride(from: 0, to: 72, by: 3)))
        let over = Scheduler(items: Array(repeating: item(days, 3), count: 25))
        XCTAssertFalse(over.isFeasible)
        XCTAssertEqual(over.minimalConflicts(limit: 3), [Array(0..<25)])
    }

    /// The time-indexed check (forced by a table of one state) agrees with the table on random
    /// sets: same feasibility, a valid schedule, and a conflict that is minimal.
    func testTimeIndexedCheckAgreesWithTheTable() {
        var rng = TestRandom(rawState: 7)
        for round in 0..<120 {
            let n = rng.int(1...6)
            let items = (0..<n).map { _ in item((0..<20).filter { _ in rng.int(0...3) == 0 }, rng.int(1...6)) }
            let table = Scheduler(items: items)
            let mip = Scheduler(items: items, maxStates: 1)
            XCTAssertTrue(mip.isExact)
            XCTAssertEqual(mip.isFeasible, table.isFeasible, "round \(round)")
            if let days = mip.schedule() {
                for (k, it) in items.enumerated() { XCTAssert(it.starts.contains(days[k]), "round \(round)") }
                let spans = items.indices.map { (days[$0], days[$0] + items[$0].occupancy) }.sorted { $0.0 < $1.0 }
                for (a, b) in zip(spans, spans.dropFirst()) { XCTAssertLessThanOrEqual(a.1, b.0, "round \(round)") }
            } else {
                let conflicts = mip.minimalConflicts(limit: 5)
                XCTAssertEqual(conflicts.count, 1, "round \(round)")
                let conflict = conflicts[0]
                XCTAssertFalse(SchedulerTests.bruteFeasible(conflict.map { items[$0] }), "round \(round)")
                for drop in conflict {
                    XCTAssert(SchedulerTests.bruteFeasible(conflict.filter { $0 != drop }.map { items[$0] }), "round \(round)")
                }
                // It is one of the table's minimal conflicts.
                XCTAssert(table.minimalConflicts(limit: 1_000).contains(conflict), "round \(round)")
            }
        }
    }
}
