import Foundation
import Hummingbird
import HummingbirdAuth
import Logging
import Mustache
import VisitPlannerCore
import VisitPlannerRegister

/// The web application: its shared state and the router of every feature.
///
/// One instance per server. The register serialises writes itself (SQLite, WAL, busy
/// timeout); sessions and log-in counts are in memory (a restart logs everyone out).
public final class WebApp: Sendable {
    public let configuration: WebConfiguration
    public let register: Register
    let templates: MustacheLibrary
    let sessions: SessionStorage<WebSession>
    let throttle: LoginThrottle
    let planJobs: PlanJobs
    /// The comparison of scenarios: its own run, never at the same time as a plan (they share
    /// `solverGate`).
    let compareJobs: PlanJobs
    /// One solve at a time per data set, whichever page started it.
    let solverGate: PlanJobs.Gate
    /// Held while a data file is checked and written, so two saves never interleave.
    let dataLock = NSLock()
    let logger: Logger

    /// The session cookie's name.
    static let sessionCookie = "vp_session"
    /// The log-in form's double-submit token cookie (there is no session yet to hold one).
    static let loginCookie = "vp_login"

    public init(configuration: WebConfiguration, register: Register, logger: Logger = Logger(label: "visitplan.web")) throws {
        self.configuration = configuration
        self.register = register
        self.logger = logger
        templates = try Templates.library()
        sessions = SessionStorage(
            MemoryPersistDriver(),
            configuration: .init(
                sessionCookieParameters: .init(
                    name: Self.sessionCookie, path: "/", secure: configuration.secureCookies, sameSite: .strict)))
        throttle = LoginThrottle(
            perUser: configuration.loginLimitPerUser, perAddress: configuration.loginLimitPerAddress, window: configuration.loginWindow)
        let gate = PlanJobs.Gate()
        solverGate = gate
        planJobs = PlanJobs(gate: gate)
        compareJobs = PlanJobs(gate: gate)
    }

    /// Every route, behind the request log and the session middleware.
    public func router() -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: RequestLogMiddleware(logger: logger))
        router.add(middleware: SessionMiddleware(app: self))
        router.get("/static/style.css") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Stylesheet.css)))
        }
        router.get("/static/plan.js") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/javascript; charset=utf-8", .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: Stylesheet.planScript)))
        }
        addAuthRoutes(to: router)
        addYearRoutes(to: router)
        addTripRoutes(to: router)
        addPlanRoutes(to: router)
        addUserRoutes(to: router)
        addDataRoutes(to: router)
        addReportRoutes(to: router)
        addScenarioRoutes(to: router)
        addPlanResultRoutes(to: router)
        return router
    }

    /// The application listening on `host:port`.
    public func application(host: String, port: Int) -> some ApplicationProtocol {
        Application(router: router(), configuration: .init(address: .hostname(host, port: port), serverName: nil), logger: logger)
    }

    // MARK: - Rendering

    /// A page: the template with the frame's values (title, user, navigation, CSRF token).
    func page(
        _ template: String, title: String, context: WebContext, values: [String: Any] = [:], status: HTTPResponse.Status = .ok,
        current: String? = nil, notice: String? = nil, error: String? = nil
    ) -> Response {
        var object = values
        object["title"] = WebText.clean(title)
        if let notice { object["notice"] = WebText.clean(notice) }
        if let error { object["error"] = WebText.clean(error) }
        if let user = context.user, let session = context.session {
            object["csrf"] = session.csrf
            object["user"] = [
                "name": WebText.clean(user.name), "role": user.role.description, "csrf": session.csrf,
                "nav": Self.navigation(for: user.role).map { ["href": $0.0, "label": $0.1, "current": $0.0 == current] },
            ]
        }
        let html = templates.render(object, withTemplate: template) ?? ""
        return Self.html(html, status: status)
    }

    /// An HTML response that no browser caches, frames or sniffs.
    static func html(_ html: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(
            status: status, headers: securityHeaders(contentType: "text/html; charset=utf-8"),
            body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    static func securityHeaders(contentType: String) -> HTTPFields {
        [
            .contentType: contentType, .cacheControl: "no-store",
            .init("X-Content-Type-Options")!: "nosniff",
            .init("X-Frame-Options")!: "DENY",
            .init("Referrer-Policy")!: "no-referrer",
            .init("Content-Security-Policy")!:
                "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
        ]
    }

    /// The pages a role's navigation shows: only those it may open.
    static func navigation(for role: UserRole) -> [(String, String)] {
        var items: [(String, String)] = []
        if Permissions.allows(role, .viewYear) { items.append(("/", "Year at a glance")) }
        if Permissions.allows(role, .viewTrips) { items.append(("/trips", "Trips")) }
        if Permissions.allows(role, .viewPlan) { items.append(("/plan", "Plan")) }
        if Permissions.allows(role, .viewData) { items.append(("/data", "Data")) }
        if Permissions.allows(role, .viewScenarios) { items.append(("/scenarios", "Scenarios")) }
        if Permissions.allows(role, .viewReports) { items.append(("/reports", "Reports")) }
        if Permissions.allows(role, .manageUsers) { items.append(("/users", "Accounts")) }
        return items
    }

    // MARK: - Permissions

    /// Checks the one permission table for the request; a refusal is recorded in the
    /// register's history (who, what, when) and answered 403.
    ///
    /// - Returns: nil when allowed, else the 403 page to send.
    func refusal(_ action: WebAction, trip: RegisterTrip? = nil, target: String, context: WebContext) -> Response? {
        guard let user = context.user else { return Response.redirect(to: "/login") }
        let allowed = trip.map { Permissions.allows(user, action, trip: $0) } ?? Permissions.allows(user.role, action)
        if allowed { return nil }
        return forbidden(action, target: target, user: user, context: context)
    }

    /// Records a refusal in the register's history and answers 403.
    func forbidden(_ action: WebAction, target: String, user: RegisterUser, context: WebContext) -> Response {
        do {
            try register.recordRefusal(by: user.actor, action: action.rawValue, target: target, comment: "role \(user.role.rawValue)")
        } catch {
            logger.error("could not record a refused request in the register: \(RegisterError.databaseMessage(error) ?? "\(error)")")
        }
        logger.debug(
            "refused \(action.rawValue) on \(ControlCharacters.neutralized(target)) to \(ControlCharacters.neutralized(user.name))")
        return page(
            "message", title: "Not allowed", context: context,
            values: ["text": "Your role (\(user.role)) does not allow this. The refusal has been recorded."], status: .forbidden)
    }
}
