import XCTest

@testable import VisitPlannerCore

/// Trip costs on `Fixtures/tiny`, every figure worked out by hand from its files:
///
/// | fare    | economy | business | hours | connections | class by rule (9 h non-stop, 11 h with connections) |
/// |---------|---------|----------|-------|-------------|------------------------------------------------------|
/// | HOM–AAA | 1,000   | 3,000    | 9.0   | 0           | business (non-stop, 9.0 ≥ 9)                          |
/// | HOM–BBB | 800     | 2,500    | 11.0  | 1           | business (connections, 11.0 ≥ 11)                     |
/// | AAA–BBB | 300     | 900      | 10.9  | 1           | economy (connections, 10.9 < 11, though ≥ 9)          |
///
/// DSA per night: OPA 100, OPB 150.50, OPC 120. Access fare: OPC 150. Terminal expense 50.
/// OPB and OPC share airport BBB.
final class CostingTests: XCTestCase {
    private func day(_ iso: String) -> Day { Day(iso: iso)! }

    private func coster(_ change: (inout PlanningData) -> Void = { _ in }) throws -> TripCoster {
        var data = try TestData.loadTiny()
        change(&data)
        return TripCoster(data: data)
    }

    func testOneStopTrip() throws {
        let coster = try coster()
        let stays = [Stay(operation: "OPA", arrive: day("2027-03-01"), nights: 3)]
        XCTAssertEqual(stays[0].leave, day("2027-03-04"))
        XCTAssertEqual(
            coster.legs(home: "HOM", stays: stays),
            [
                Leg(
                    from: "HOM", to: "AAA", date: day("2027-03-01"), travelClass: .business, tenthsOfHours: 90, fare: Money(dollars: 3_000)),
                Leg(
                    from: "AAA", to: "HOM", date: day("2027-03-04"), travelClass: .business, tenthsOfHours: 90, fare: Money(dollars: 3_000)),
            ])
        let cost = try XCTUnwrap(coster.cost(home: "HOM", stays: stays))
        XCTAssertEqual(cost.airfare, Money(dollars: 6_000))  // 2 × 3,000 business
        XCTAssertEqual(cost.dsa, Money(dollars: 300))  // 3 nights × 100
        XCTAssertEqual(cost.terminal, Money(dollars: 200))  // 2 × 2 legs × 50
        XCTAssertEqual(cost.access, .zero)
        XCTAssertEqual(cost.total, Money(dollars: 6_500))
    }

    func testTwoStopTrip() throws {
        let coster = try coster()
        let stays = [
            Stay(operation: "OPA", arrive: day("2027-03-01"), nights: 3),
            Stay(operation: "OPB", arrive: day("2027-03-04"), nights: 2),
        ]
        XCTAssertEqual(
            coster.legs(home: "HOM", stays: stays),
            [
                Leg(
                    from: "HOM", to: "AAA", date: day("2027-03-01"), travelClass: .business, tenthsOfHours: 90, fare: Money(dollars: 3_000)),
                Leg(from: "AAA", to: "BBB", date: day("2027-03-04"), travelClass: .economy, tenthsOfHours: 109, fare: Money(dollars: 300)),
                Leg(
                    from: "BBB", to: "HOM", date: day("2027-03-06"), travelClass: .business, tenthsOfHours: 110, fare: Money(dollars: 2_500)
                ),
            ])
        let cost = try XCTUnwrap(coster.cost(home: "HOM", stays: stays))
        XCTAssertEqual(cost.airfare, Money(dollars: 5_800))  // 3,000 + 300 + 2,500
        XCTAssertEqual(cost.dsa, Money(cents: 60_100))  // 3 × 100 + 2 × 150.50 = 601.00
        XCTAssertEqual(cost.terminal, Money(dollars: 300))  // 2 × 3 legs × 50
        XCTAssertEqual(cost.access, .zero)
        XCTAssertEqual(cost.total, Money(cents: 670_100))  // 6,701.00
    }

    func testTwoStopsSharingAnAirportNeedNoLegBetweenThem() throws {
        let coster = try coster()
        let stays = [
            Stay(operation: "OPB", arrive: day("2027-03-01"), nights: 2),
            Stay(operation: "OPC", arrive: day("2027-03-03"), nights: 3),
        ]
        XCTAssertEqual(
            coster.legs(home: "HOM", stays: stays),
            [
                Leg(
                    from: "HOM", to: "BBB", date: day("2027-03-01"), travelClass: .business, tenthsOfHours: 110, fare: Money(dollars: 2_500)
                ),
                Leg(
                    from: "BBB", to: "HOM", date: day("2027-03-06"), travelClass: .business, tenthsOfHours: 110, fare: Money(dollars: 2_500)
                ),
            ])
        let cost = try XCTUnwrap(coster.cost(home: "HOM", stays: stays))
        XCTAssertEqual(cost.airfare, Money(dollars: 5_000))
        XCTAssertEqual(cost.dsa, Money(cents: 66_100))  // 2 × 150.50 + 3 × 120 = 661.00
        XCTAssertEqual(cost.terminal, Money(dollars: 200))  // 2 × 2 legs × 50
        XCTAssertEqual(cost.access, Money(dollars: 150))  // OPC's UN flight, once
        XCTAssertEqual(cost.total, Money(cents: 601_100))  // 6,011.00
        XCTAssertEqual(coster.route(home: "HOM", operations: ["OPB", "OPC"]), ["HOM", "BBB", "HOM"])
    }

    func testThreeStopTrip() throws {
        let coster = try coster()
        let stays = [
            Stay(operation: "OPC", arrive: day("2027-05-10"), nights: 2),
            Stay(operation: "OPB", arrive: day("2027-05-12"), nights: 2),
            Stay(operation: "OPA", arrive: day("2027-05-14"), nights: 4),
        ]
        let legs = try XCTUnwrap(coster.legs(home: "HOM", stays: stays))
        XCTAssertEqual(
            legs.map { "\($0.from)-\($0.to) \($0.date.iso) \($0.travelClass.rawValue) \($0.fare.plain)" },
            [
                "HOM-BBB 2027-05-10 business 2500.00",
                "BBB-AAA 2027-05-14 economy 300.00",
                "AAA-HOM 2027-05-18 business 3000.00",
            ])
        let cost = try XCTUnwrap(coster.cost(home: "HOM", stays: stays))
        XCTAssertEqual(
            cost,
            TripCost(
                airfare: Money(dollars: 5_800),
                dsa: Money(cents: 24_000 + 30_100 + 40_000),  // 2 × 120 + 2 × 150.50 + 4 × 100
                terminal: Money(dollars: 300),
                access: Money(dollars: 150)))
        XCTAssertEqual(cost.total, Money(cents: 719_100))  // 5,800 + 941 + 300 + 150 = 7,191
    }

    func testEconomyOnlyPolicy() throws {
        let coster = try coster { $0.policy.classPolicy = .economyOnly }
        let stays = [
            Stay(operation: "OPA", arrive: day("2027-03-01"), nights: 3),
            Stay(operation: "OPB", arrive: day("2027-03-04"), nights: 2),
        ]
        let legs = try XCTUnwrap(coster.legs(home: "HOM", stays: stays))
        XCTAssertEqual(legs.map(\.travelClass), [.economy, .economy, .economy])
        XCTAssertEqual(legs.map(\.fare), [Money(dollars: 1_000), Money(dollars: 300), Money(dollars: 800)])
        XCTAssertEqual(coster.cost(home: "HOM", stays: stays)?.total, Money(cents: 300_100))  // 2,100 + 601 + 300
    }

    func testEconomyOnlyPolicyFromPolicyFile() throws {
        let folder = try TestData.tinyCopy(self)
        let policy = try String(contentsOf: folder.appendingPathComponent("policy.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "class_policy: rule", with: "class_policy: economy-only")
        try TestData.write(policy, to: "policy.yaml", in: folder)
        let data = try DataLoader.load(directory: folder)
        XCTAssertEqual(data.policy.classPolicy, .economyOnly)
        let cost = TripCoster(data: data).cost(home: "HOM", stays: [Stay(operation: "OPA", arrive: day("2027-03-01"), nights: 3)])
        XCTAssertEqual(cost?.airfare, Money(dollars: 2_000))
        XCTAssertEqual(cost?.total, Money(dollars: 2_500))
    }

    func testClassRuleThresholds() throws {
        let coster = try coster()
        func fare(_ tenths: Int, _ connections: Int) -> Fare {
            Fare(
                from: "X", to: "Y", economy: Money(dollars: 1), business: Money(dollars: 2), tenthsOfHours: tenths, connections: connections
            )
        }
        XCTAssertEqual(coster.travelClass(for: fare(89, 0)), .economy)  // non-stop, just under 9 h
        XCTAssertEqual(coster.travelClass(for: fare(90, 0)), .business)  // non-stop, exactly 9 h
        XCTAssertEqual(coster.travelClass(for: fare(90, 1)), .economy)  // with a connection, 9 h is not enough
        XCTAssertEqual(coster.travelClass(for: fare(109, 2)), .economy)
        XCTAssertEqual(coster.travelClass(for: fare(110, 2)), .business)  // with connections, exactly 11 h
        let economyOnly = try self.coster { $0.policy.classPolicy = .economyOnly }
        XCTAssertEqual(economyOnly.travelClass(for: fare(200, 0)), .economy)
    }

    func testMissingFareMeansNoCost() throws {
        let coster = try coster { $0.fares[AirportPair("AAA", "BBB")] = nil }
        let stays = [
            Stay(operation: "OPA", arrive: day("2027-03-01"), nights: 3),
            Stay(operation: "OPB", arrive: day("2027-03-04"), nights: 2),
        ]
        XCTAssertNil(coster.legs(home: "HOM", stays: stays))
        XCTAssertNil(coster.cost(home: "HOM", stays: stays))
        XCTAssertFalse(coster.isRoutable(home: "HOM", operations: ["OPA", "OPB"]))
        XCTAssertTrue(coster.isRoutable(home: "HOM", operations: ["OPB", "OPC"]))
        XCTAssertNil(coster.cost(home: "HOM", stays: [Stay(operation: "NOPE", arrive: day("2027-03-01"), nights: 1)]))
        XCTAssertNil(coster.cost(home: "CCC", stays: [Stay(operation: "OPA", arrive: day("2027-03-01"), nights: 1)]))
    }

    func testRoutes() throws {
        let coster = try coster()
        XCTAssertEqual(coster.route(home: "HOM", operations: ["OPA", "OPB", "OPC"]), ["HOM", "AAA", "BBB", "HOM"])
        XCTAssertEqual(coster.route(home: "HOM", operations: ["OPB", "OPA", "OPC"]), ["HOM", "BBB", "AAA", "BBB", "HOM"])
        XCTAssertEqual(coster.route(home: "HOM", operations: []), ["HOM"])
        XCTAssertTrue(coster.isRoutable(home: "HOM", operations: ["OPB", "OPA", "OPC"]))
        XCTAssertEqual(coster.legs(home: "HOM", stays: []), [])
        XCTAssertEqual(coster.cost(home: "HOM", stays: [])?.total, .zero)
    }

    func testSoloCostTable() throws {
        let data = try TestData.loadTiny()
        let table = SoloCostTable(data: data)
        // Each operation alone from HOM for its minimum nights.
        // OPA: 6,000 + 3 × 100 + 200 = 6,500. OPB: 5,000 + 2 × 150.50 + 200 = 5,501.
        // OPC: 5,000 + 2 × 120 + 200 + 150 = 5,590.
        XCTAssertEqual(table.rows.map(\.operation.code), ["OPA", "OPB", "OPC"])
        XCTAssertEqual(table.rows.map(\.nights), [3, 2, 2])
        XCTAssertEqual(table.rows.map { $0.cost?.total }, [Money(dollars: 6_500), Money(dollars: 5_501), Money(dollars: 5_590)])
        XCTAssertEqual(table.naiveTravel, Money(dollars: 17_591))
        XCTAssertEqual(table.naivePSC, Money(cents: 228_683))  // 0.13 × 17,591 = 2,286.83
        XCTAssertEqual(table.naiveTotal, Money(cents: 1_987_783))
        XCTAssertEqual(table.headroom, Money(cents: 884_956 - 1_759_100))
    }
}
