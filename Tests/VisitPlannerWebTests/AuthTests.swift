import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import VisitPlannerRegister
import XCTest

@testable import VisitPlannerWeb

/// Log in and out, the session cookie, CSRF and the log-in rate limit.
final class AuthTests: XCTestCase {
    func testEveryPageNeedsALogInAndNoDefaultAccountExists() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            for path in ["/", "/trips", "/trips/T01", "/plan", "/plan/status", "/users", "/plan/files/p/trips.csv"] {
                try await client.execute(uri: path, method: .get) { response in
                    XCTAssertEqual(response.status, .seeOther, path)
                    XCTAssertEqual(response.headers[.location], "/login", path)
                }
            }
            try await client.execute(uri: "/login", method: .get) { response in
                XCTAssertEqual(response.status, .ok)
                let html = String(buffer: response.body)
                XCTAssertTrue(html.contains(#"<label for="name">Account name</label>"#))
                XCTAssertTrue(html.contains(#"<label for="password">Password</label>"#))
            }
            for (name, password) in [("admin", "admin"), ("administrator", "password"), ("paula", "")] {
                let (status, cookie, _) = try await Browser.attempt(client, name, password: password)
                XCTAssertEqual(status, .unauthorized, name)
                XCTAssertEqual(cookie, "", name)
            }
        }
    }

    func testTheSessionCookieIsHttpOnlyAndStrictAndSecureBehindHTTPS() async throws {
        for secure in [false, true] {
            let web = try WebFixture.app(self) { $0.secureCookies = secure }
            try await WebFixture.test(web) { client in
                let (token, loginCookie) = try await client.execute(uri: "/login", method: .get) { r in
                    (Browser.hiddenCSRF(String(buffer: r.body)) ?? "", Browser.cookie(named: "vp_login", in: r) ?? "")
                }
                try await client.execute(
                    uri: "/login", method: .post,
                    headers: [.cookie: "vp_login=\(loginCookie)", .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: FormBody.encode([("csrf", token), ("name", "paula"), ("password", WebFixture.password)]))
                ) { response in
                    XCTAssertEqual(response.status, .seeOther)
                    let session = Browser.setCookies(response).first { $0.hasPrefix("vp_session=") } ?? ""
                    XCTAssertTrue(session.contains("HttpOnly"), session)
                    XCTAssertTrue(session.contains("SameSite=Strict"), session)
                    XCTAssertEqual(session.contains("Secure"), secure, session)
                }
            }
        }
    }

    func testLogOutEndsTheSession() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            do {
                let got = try await paula.get(client, "/").0
                XCTAssertEqual(got, .ok)
            }
            let (status, _, location) = try await paula.post(client, "/logout")
            XCTAssertEqual(status, .seeOther)
            XCTAssertEqual(location, "/login")
            try await client.execute(uri: "/", method: .get, headers: [.cookie: paula.cookie]) { response in
                XCTAssertEqual(response.status, .seeOther)
                XCTAssertEqual(response.headers[.location], "/login")
            }
        }
    }

    // MARK: - CSRF

    func testAPostWithoutTheSessionsTokenIsRefusedAndChangesNothing() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            for token in ["", "forged", String(paula.csrf.dropLast()) + "x"] {
                let (status, html, _) = try await paula.post(client, "/trips/T01/request", csrf: token)
                XCTAssertEqual(status, .forbidden, token)
                XCTAssertTrue(html.contains("Form expired"))
            }
            // Another session's token does not fit this session.
            let mona = try await Browser.login(client, "mona")
            do {
                let got = try await paula.post(client, "/trips/T01/request", csrf: mona.csrf).0
                XCTAssertEqual(got, .forbidden)
            }
            XCTAssertEqual(try web.register.trip("T01").status, .planned)
            XCTAssertEqual(try web.register.history(entity: "trip", id: "T01").filter { $0.action == "request" }.count, 0)
            // With the right token the same request goes through.
            do {
                let got = try await paula.post(client, "/trips/T01/request").0
                XCTAssertEqual(got, .seeOther)
            }
            XCTAssertEqual(try web.register.trip("T01").status, .requested)
        }
    }

    func testTheLogInFormNeedsItsOwnToken() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let body = FormBody.encode([("csrf", "guess"), ("name", "paula"), ("password", WebFixture.password)])
            for cookie in ["", "vp_login=other"] {
                try await client.execute(
                    uri: "/login", method: .post, headers: [.cookie: cookie, .contentType: "application/x-www-form-urlencoded"],
                    body: ByteBuffer(string: body)
                ) { response in
                    XCTAssertEqual(response.status, .forbidden)
                    XCTAssertNil(Browser.cookie(named: "vp_session", in: response))
                }
            }
        }
    }

    /// A browser asks for `/favicon.ico` after showing the form; without a session that lands
    /// on `/login` again, which must not replace the token of the form already shown.
    func testOpeningTheLogInPageAgainKeepsTheFormsToken() async throws {
        let web = try WebFixture.app(self)
        try await WebFixture.test(web) { client in
            let (first, token) = try await client.execute(uri: "/login", method: .get) { response in
                (Browser.cookie(named: "vp_login", in: response) ?? "", Browser.hiddenCSRF(String(buffer: response.body)) ?? "")
            }
            XCTAssertEqual(first, token)
            for cookie in ["vp_login=\(first)", "vp_login=not-a-token"] {
                try await client.execute(uri: "/login", method: .get, headers: [.cookie: cookie]) { response in
                    let again = Browser.cookie(named: "vp_login", in: response)
                    XCTAssertEqual(again == first, cookie.hasSuffix(first), cookie)
                    XCTAssertEqual(Browser.hiddenCSRF(String(buffer: response.body)), again, cookie)
                }
            }
            let body = FormBody.encode([("csrf", token), ("name", "paula"), ("password", WebFixture.password)])
            try await client.execute(
                uri: "/login", method: .post, headers: [.cookie: "vp_login=\(first)", .contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: body)
            ) { response in
                XCTAssertEqual(response.status, .seeOther)
                XCTAssertNotNil(Browser.cookie(named: "vp_session", in: response))
            }
        }
    }

    // MARK: - Rate limit

    func testLogInAttemptsAreLimitedPerAccount() async throws {
        let web = try WebFixture.app(self) {
            $0.loginLimitPerUser = 3
            $0.loginLimitPerAddress = 100
        }
        try await WebFixture.test(web) { client in
            for _ in 0..<3 { let got = try await Browser.attempt(client, "paula", password: "wrong").0; XCTAssertEqual(got, .unauthorized) }
            // The right password no longer helps within the window…
            let (status, cookie, html) = try await Browser.attempt(client, "paula", password: WebFixture.password)
            XCTAssertEqual(status, .tooManyRequests)
            XCTAssertEqual(cookie, "")
            XCTAssertTrue(html.contains("Too many failed log-in attempts"))
            // …another account is not affected; names are counted ignoring case.
            do {
                let got = try await Browser.attempt(client, "PAULA", password: WebFixture.password).0
                XCTAssertEqual(got, .tooManyRequests)
            }
            do {
                let got = try await Browser.attempt(client, "mona", password: WebFixture.password).0
                XCTAssertEqual(got, .seeOther)
            }
        }
    }

    func testLogInAttemptsAreLimitedPerAddress() async throws {
        let web = try WebFixture.app(self) {
            $0.loginLimitPerUser = 100
            $0.loginLimitPerAddress = 3
        }
        try await WebFixture.test(web) { client in
            for name in ["paula", "mona", "nobody"] {
                do {
                    let got = try await Browser.attempt(client, name, password: "wrong").0
                    XCTAssertEqual(got, .unauthorized)
                }
            }
            do {
                let got = try await Browser.attempt(client, "rita", password: WebFixture.password).0
                XCTAssertEqual(got, .tooManyRequests)
            }
        }
    }

    func testTheWindowForgetsOldFailures() async throws {
        let throttle = LoginThrottle(perUser: 1, perAddress: 10, window: .milliseconds(50))
        await throttle.failed(user: "a", address: "x")
        let blocked = await throttle.allows(user: "a", address: "x")
        XCTAssertFalse(blocked)
        try await Task.sleep(for: .milliseconds(80))
        let allowed = await throttle.allows(user: "a", address: "x")
        XCTAssertTrue(allowed)
    }

    // MARK: - Request log

    func testOneLogLinePerRequestWithoutPasswordCookieOrToken() async throws {
        let lines = LogLines()
        let logger = Logger(label: "test") { _ in CollectingHandler(lines: lines) }
        let root = try WebFixture.folder(self)
        let base = try WebFixture.app(self)
        let web = try WebApp(
            configuration: WebConfiguration(
                dataFolder: root, registerURL: base.register.url, reportsFolder: root, bcryptCost: 4),
            register: base.register, logger: logger)
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            _ = try await paula.get(client, "/trips?secret=query")
            let all = lines.all.joined(separator: "\n")
            XCTAssertEqual(lines.all.filter { $0.hasPrefix("GET ") || $0.hasPrefix("POST ") }.count, 4, all)
            XCTAssertTrue(lines.all.contains { $0.hasPrefix("POST /login 303 ") }, all)
            XCTAssertTrue(lines.all.contains { $0.hasPrefix("GET /trips 200 ") }, all)
            for secret in [WebFixture.password, paula.csrf, String(paula.cookie.dropFirst("vp_session=".count)), "secret=query"] {
                XCTAssertFalse(all.contains(secret), secret)
            }
        }
    }
}

/// Log lines collected by a test.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    var all: [String] { lock.withLock { lines } }
    func append(_ line: String) { lock.withLock { lines.append(line) } }
}

struct CollectingHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }
    func log(event: LogEvent) { lines.append(event.message.description) }
}
