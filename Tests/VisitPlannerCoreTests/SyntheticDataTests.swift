import XCTest

@testable import VisitPlannerCore

/// The generated instances the benchmark measures: the portfolio size is honoured exactly and
/// a seed always gives the same data.
final class SyntheticDataTests: XCTestCase {
    /// 30 operations over 4 managers, portfolios of 5: each manager holds exactly the first 5
    /// operations of its round-robin share (operation i goes to manager i mod 4), so 20 are held
    /// and the 10 others (OP021…OP030 by index ≥ 20) are nobody's portfolio or backup.
    func testPortfolioSizeIsHonouredExactly() {
        let data = SyntheticData.make(operations: 30, managers: 4, seed: 5, portfolio: 5)
        XCTAssertEqual(data.managers.map(\.portfolio.count), [5, 5, 5, 5])
        XCTAssertEqual(data.managers[0].portfolio, ["OP001", "OP005", "OP009", "OP013", "OP017"])
        XCTAssertEqual(data.managers[3].portfolio, ["OP004", "OP008", "OP012", "OP016", "OP020"])
        // Backups: the first two of the next manager's portfolio.
        XCTAssertEqual(data.managers[0].backup, ["OP002", "OP006"])
        XCTAssertEqual(data.managers[3].backup, ["OP001", "OP005"])
        let held = Set(data.managers.flatMap { $0.portfolio + $0.backup })
        XCTAssertEqual(held.count, 20)
        XCTAssertEqual(
            data.operations.map(\.code).filter { !held.contains($0) }, (21...30).map { String(format: "OP%03d", $0) })
        XCTAssertEqual(data.source, "synthetic(operations: 30, managers: 4, portfolio: 5, seed: 5)")
    }

    /// A portfolio size at least the round-robin share changes nothing: 10 operations over 3
    /// managers give shares of 4, 3 and 3 with or without a cap of 4.
    func testAPortfolioSizeAboveTheShareDealsEveryOperation() {
        let capped = SyntheticData.make(operations: 10, managers: 3, seed: 2, portfolio: 4)
        let plain = SyntheticData.make(operations: 10, managers: 3, seed: 2)
        XCTAssertEqual(capped.managers.map(\.portfolio.count), [4, 3, 3])
        XCTAssertEqual(capped.managers.map(\.portfolio), plain.managers.map(\.portfolio))
        XCTAssertEqual(capped.managers.map(\.backup), plain.managers.map(\.backup))
    }

    /// Same seed, same data (every operation, window, manager and fare); another seed differs;
    /// the portfolio size changes who holds what but not the random draws.
    func testGenerationIsDeterministicPerSeed() {
        let a = SyntheticData.make(operations: 40, managers: 5, seed: 9, maxStops: 4, repeatVisits: 3, portfolio: 6)
        let b = SyntheticData.make(operations: 40, managers: 5, seed: 9, maxStops: 4, repeatVisits: 3, portfolio: 6)
        XCTAssertEqual(a.operations, b.operations)
        XCTAssertEqual(a.windows, b.windows)
        XCTAssertEqual(a.managers, b.managers)
        XCTAssertEqual(a.fares, b.fares)
        XCTAssertEqual(a.policy.budget.envelope, b.policy.budget.envelope)
        XCTAssertEqual(a.operations.filter { $0.maxVisits == 2 }.count, 3)
        XCTAssertEqual(a.policy.maxStops, 4)
        let other = SyntheticData.make(operations: 40, managers: 5, seed: 10, maxStops: 4, repeatVisits: 3, portfolio: 6)
        XCTAssertNotEqual(a.operations, other.operations)
        let uncapped = SyntheticData.make(operations: 40, managers: 5, seed: 9, maxStops: 4, repeatVisits: 3)
        XCTAssertEqual(a.operations, uncapped.operations)
        XCTAssertEqual(a.windows, uncapped.windows)
        XCTAssertEqual(a.managers.map(\.unavailable), uncapped.managers.map(\.unavailable))
        XCTAssertEqual(uncapped.managers.map(\.portfolio.count), [8, 8, 8, 8, 8])
        XCTAssertEqual(a.managers.map(\.portfolio.count), [6, 6, 6, 6, 6])
    }
}
