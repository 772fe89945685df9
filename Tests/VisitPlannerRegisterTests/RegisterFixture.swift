import Foundation
import VisitPlannerCore
import XCTest

@testable import VisitPlannerRegister

/// Small plans to check by hand, and registers in temporary folders with a stepping clock.
enum RegisterFixture {
    struct Trip {
        var id: String
        var manager: String
        var depart: String
        var returnDay: String
        var operations: [String]
        var airfare: String
        var dsa: String
        var terminal: String = "100"
        var access: String = "0"
    }

    /// Three trips: T01 (M1, March, $5,000 = 4,000 + 800 + 200), T02 (M2, June, $2,050),
    /// T03 (M1, October, $1,025.50); virtual assessment of CHARLIE by M2.
    static let standardTrips = [
        Trip(
            id: "T01", manager: "M1", depart: "2027-03-08", returnDay: "2027-03-12", operations: ["ALPHA"], airfare: "4000", dsa: "800",
            terminal: "200"),
        Trip(
            id: "T02", manager: "M2", depart: "2027-06-07", returnDay: "2027-06-10", operations: ["BRAVO"], airfare: "1500", dsa: "450",
            terminal: "100"),
        Trip(
            id: "T03", manager: "M1", depart: "2027-10-04", returnDay: "2027-10-06", operations: ["BRAVO"], airfare: "700.5", dsa: "300",
            terminal: "25"),
    ]

    static func plan(
        name: String = "plan-2027", trips: [Trip] = standardTrips, virtual: [(String, String)] = [("CHARLIE", "M2")],
        envelope: String = "20000", travelCap: String = "17699.11", start: String = "2027-01-01", end: String = "2027-12-31"
    ) throws -> PlanDocument {
        let tripsJSON = trips.map { t in
            let stops = t.operations.map { op in
                """
                {"operation": "\(op)", "arrive": "\(t.depart)", "leave": "\(t.returnDay)", "nights": 3, "dsaRate": 100, "dsa": 300,
                 "access": 0, "preferredWindow": false, "ownPortfolio": true, "value": 10}
                """
            }
            let total =
                (Decimal(string: t.airfare)! + Decimal(string: t.dsa)! + Decimal(string: t.terminal)! + Decimal(string: t.access)!)
            return """
                {"id": "\(t.id)", "manager": "\(t.manager)", "depart": "\(t.depart)", "return": "\(t.returnDay)", "days": 4, "value": 10,
                 "stops": [\(stops.joined(separator: ","))], "legs": [],
                 "cost": {"airfare": \(t.airfare), "dsa": \(t.dsa), "terminal": \(t.terminal), "access": \(t.access), "total": \(total)}}
                """
        }
        let virtualJSON = virtual.map { #"{"operation": "\#($0.0)", "manager": "\#($0.1)", "value": 3}"# }
        let json = """
            {
              "name": "\(name)",
              "horizon": {"start": "\(start)", "end": "\(end)"},
              "coverage": "maximize",
              "budget": {"envelope": \(envelope), "pscRate": 0.13, "travelCap": \(travelCap), "travelCost": 9000, "psc": 1170,
                         "total": 10170, "remaining": 9830, "airfare": 7000, "dsa": 1500, "terminal": 400, "access": 100},
              "solver": {"status": "optimal", "objective": 9000, "bound": 9000, "gap": 0, "seconds": 0.1, "rows": 1,
                         "columns": 1, "nonzeros": 1, "candidates": 3, "valueStatus": "optimal"},
              "value": {"total": 30, "bound": 30, "inPerson": 25, "virtual": 5},
              "trips": [\(tripsJSON.joined(separator: ",\n"))],
              "virtual": [\(virtualJSON.joined(separator: ","))],
              "notVisited": [],
              "operations": [],
              "managers": [
                {"id": "M1", "name": "Ana Silva", "home": "JFK", "portfolio": ["ALPHA"], "unavailable": []},
                {"id": "M2", "name": "Ben Okafor", "home": "GVA", "portfolio": ["BRAVO"], "unavailable": []}
              ]
            }
            """
        return try PlanDocument.decode(Data(json.utf8))
    }

    /// 2027-01-04T09:00:00Z, a Monday well before every fixture trip.
    static let start = Date(timeIntervalSince1970: TimeInterval(Day(year: 2027, month: 1, day: 4)!.number * 86_400 + 9 * 3600))

    static func clock(at day: Day? = nil) -> RegisterClock {
        let date = day.map { Date(timeIntervalSince1970: TimeInterval($0.number * 86_400 + 9 * 3600)) } ?? start
        return .stepping(from: date, by: 1)
    }

    static func folder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vp-register-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    static func register(_ test: XCTestCase, clock: RegisterClock = clock(), adopt: Bool = true) throws -> Register {
        let register = try Register(url: try folder(test).appendingPathComponent("register-2027.sqlite"), clock: clock)
        if adopt { try register.adopt(try plan(), by: planner) }
        return register
    }

    static let planner = RegisterActor(name: "Paula Planner")
    static let supervisor = RegisterActor(name: "Sam Supervisor")
    static let m1 = RegisterActor(name: "M1", managerId: "M1")

    static func day(_ text: String) -> Day { Day(iso: text)! }
    static func money(_ text: String) -> Money { Money(parsing: text)! }
}
