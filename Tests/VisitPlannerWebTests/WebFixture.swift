import Foundation
import Hummingbird
import HummingbirdTesting
import VisitPlannerCore
import VisitPlannerRegister
import XCTest

@testable import VisitPlannerWeb

/// A register with a small adopted plan, one account per role, and helpers to log in and post
/// forms through HummingbirdTesting's in-process router.
enum WebFixture {
    static let password = "correct horse battery staple"

    /// 2027-01-04T09:00:00Z, well before every trip; each reading moves one second on.
    static let start = Date(timeIntervalSince1970: TimeInterval(Day(year: 2027, month: 1, day: 4)!.number * 86_400 + 9 * 3600))

    struct Trip {
        var id: String
        var manager: String
        var depart: String
        var returnDay: String
        var operation: String
    }

    /// T01 (M1, March, $5,000), T02 (M2, June, $2,050), T03 (M1, January 15: inside the lead
    /// time, $1,000).
    static let trips = [
        Trip(id: "T01", manager: "M1", depart: "2027-03-08", returnDay: "2027-03-12", operation: "ALPHA"),
        Trip(id: "T02", manager: "M2", depart: "2027-06-07", returnDay: "2027-06-10", operation: "BRAVO"),
        Trip(id: "T03", manager: "M1", depart: "2027-01-15", returnDay: "2027-01-18", operation: "BRAVO"),
    ]
    static let costs: [String: (String, String, String)] = [
        "T01": ("4000", "800", "200"), "T02": ("1500", "450", "100"), "T03": ("700", "250", "50"),
    ]

    static func planJSON(name: String = "plan-2027", trips: [Trip] = trips, managerName: String = "Ana Silva") -> String {
        func quoted(_ s: String) -> String {
            let data = try! JSONEncoder().encode(s)
            return String(decoding: data, as: UTF8.self)
        }
        let tripsJSON = trips.map { t in
            let (air, dsa, term) = costs[t.id] ?? ("1000", "100", "0")
            let total = Decimal(string: air)! + Decimal(string: dsa)! + Decimal(string: term)!
            return """
                {"id": \(quoted(t.id)), "manager": "\(t.manager)", "depart": "\(t.depart)", "return": "\(t.returnDay)", "days": 4, "value": 10,
                 "stops": [{"operation": \(quoted(t.operation)), "arrive": "\(t.depart)", "leave": "\(t.returnDay)", "nights": 3, "dsaRate": 100,
                 "dsa": 300, "access": 0, "preferredWindow": false, "ownPortfolio": true, "value": 10}], "legs": [],
                 "cost": {"airfare": \(air), "dsa": \(dsa), "terminal": \(term), "access": 0, "total": \(total)}}
                """
        }
        return """
            {
              "name": \(quoted(name)),
              "horizon": {"start": "2027-01-01", "end": "2027-12-31"},
              "coverage": "maximize",
              "budget": {"envelope": 20000, "pscRate": 0.13, "travelCap": 17699.11, "travelCost": 9000, "psc": 1170,
                         "total": 10170, "remaining": 9830, "airfare": 7000, "dsa": 1500, "terminal": 400, "access": 100},
              "solver": {"status": "optimal", "objective": 9000, "bound": 9000, "gap": 0, "seconds": 0.1, "rows": 1,
                         "columns": 1, "nonzeros": 1, "candidates": 3, "valueStatus": "optimal"},
              "value": {"total": 30, "bound": 30, "inPerson": 25, "virtual": 5},
              "trips": [\(tripsJSON.joined(separator: ",\n"))],
              "virtual": [],
              "notVisited": [],
              "operations": [],
              "managers": [
                {"id": "M1", "name": \(quoted(managerName)), "home": "JFK", "portfolio": ["ALPHA"], "unavailable": []},
                {"id": "M2", "name": "Ben Okafor", "home": "GVA", "portfolio": ["BRAVO"], "unavailable": []}
              ]
            }
            """
    }

    static func folder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vp-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// The accounts: one per role; `dora` is the desk officer of manager M1 and `ben` of M2.
    static let accounts: [(String, UserRole, String?)] = [
        ("paula", .planner, nil), ("mona", .manager, nil), ("dora", .deskOfficer, "M1"), ("ben", .deskOfficer, "M2"),
        ("rita", .reviewer, nil), ("adam", .administrator, nil), ("M1", .manager, nil),
    ]

    /// A web application over a fresh register (adopted plan unless `adopt` is false).
    static func app(
        _ test: XCTestCase, adopt: Bool = true, plan: String? = nil, configure: (inout WebConfiguration) -> Void = { _ in }
    ) throws -> WebApp {
        let root = try folder(test)
        let register = try Register(url: root.appendingPathComponent("register-2027.sqlite"), clock: .stepping(from: start))
        if adopt {
            try register.adopt(try PlanDocument.decode(Data((plan ?? planJSON()).utf8)), by: RegisterActor(name: "setup"))
        }
        let hash = WebApp.hashPassword(password, cost: 4)
        for (name, role, manager) in accounts {
            try register.addUser(
                RegisterUser(name: name, role: role, managerId: manager, passwordHash: hash), by: RegisterActor(name: "setup"))
        }
        var configuration = WebConfiguration(
            dataFolder: root.appendingPathComponent("Data"), registerURL: register.url,
            reportsFolder: root.appendingPathComponent("Reports"), bcryptCost: 4)
        configure(&configuration)
        return try WebApp(configuration: configuration, register: register)
    }

    /// Runs a test against the app's router, in process.
    static func test(_ web: WebApp, _ body: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let app = Application(router: web.router())
        try await app.test(.router) { client in try await body(client) }
    }
}

/// A logged-in browser: its cookie and the session's CSRF token.
struct Browser: Sendable {
    var cookie: String
    var csrf: String

    /// Logs in through the form, as a browser does.
    static func login(_ client: any TestClientProtocol, _ name: String, password: String = WebFixture.password) async throws -> Browser {
        let (status, cookie, _) = try await attempt(client, name, password: password)
        XCTAssertEqual(status, .seeOther, "log-in of \(name)")
        let csrf = try await client.execute(uri: "/trips", method: .get, headers: [.cookie: cookie]) { response in
            Self.hiddenCSRF(String(buffer: response.body))
        }
        return Browser(cookie: cookie, csrf: csrf ?? "")
    }

    /// One log-in attempt: its status, the session cookie (if any) and the page.
    static func attempt(_ client: any TestClientProtocol, _ name: String, password: String) async throws
        -> (HTTPResponse.Status, String, String)
    {
        let (loginCookie, token) = try await client.execute(uri: "/login", method: .get) { response in
            (Self.cookie(named: "vp_login", in: response), Self.hiddenCSRF(String(buffer: response.body)) ?? "")
        }
        let body = FormBody.encode([("csrf", token), ("name", name), ("password", password)])
        return try await client.execute(
            uri: "/login", method: .post,
            headers: [.cookie: "vp_login=\(loginCookie ?? "")", .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        ) { response in
            (
                response.status, Self.cookie(named: "vp_session", in: response).map { "vp_session=\($0)" } ?? "",
                String(buffer: response.body)
            )
        }
    }

    func get(_ client: any TestClientProtocol, _ uri: String) async throws -> (HTTPResponse.Status, String) {
        try await client.execute(uri: uri, method: .get, headers: [.cookie: cookie]) { ($0.status, String(buffer: $0.body)) }
    }

    func post(_ client: any TestClientProtocol, _ uri: String, _ fields: [(String, String)] = [], csrf: String? = nil) async throws
        -> (HTTPResponse.Status, String, String?)
    {
        let body = FormBody.encode([("csrf", csrf ?? self.csrf)] + fields)
        return try await client.execute(
            uri: uri, method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
            body: ByteBuffer(string: body)
        ) { ($0.status, String(buffer: $0.body), $0.headers[.location]) }
    }

    static func hiddenCSRF(_ html: String) -> String? {
        guard let r = html.range(of: #"name="csrf" value=""#) else { return nil }
        let rest = html[r.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    static func cookie(named name: String, in response: TestResponse) -> String? {
        for header in response.headers[values: .setCookie] where header.hasPrefix(name + "=") {
            let value = header.dropFirst(name.count + 1).prefix { $0 != ";" }
            return String(value)
        }
        return nil
    }

    static func setCookies(_ response: TestResponse) -> [String] { response.headers[values: .setCookie] }
}
