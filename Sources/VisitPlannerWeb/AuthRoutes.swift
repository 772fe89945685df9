import Foundation
import Hummingbird
import HummingbirdBcrypt
import VisitPlannerRegister

// MARK: - Log in and out

extension WebApp {
    /// A bcrypt hash of a random password: compared against when the account does not exist,
    /// so that a wrong name takes as long as a wrong password.
    static let decoyHash = Bcrypt.hash(FormBody.token(), cost: 10)

    func addAuthRoutes(to router: Router<WebContext>) {
        router.get("/login") { request, context in
            if context.user != nil { return Response.redirect(to: "/") }
            return self.loginPage(context: context, token: request.cookies[Self.loginCookie]?.value)
        }
        router.post("/login") { request, context in
            let name = (context.form["name"] ?? "").trimmingCharacters(in: .whitespaces)
            let password = context.form["password"] ?? ""
            guard await self.throttle.allows(user: name, address: context.remoteAddress) else {
                self.logger.debug("log-in rate limit reached for an account or address")
                return self.loginPage(
                    context: context, name: name, status: .tooManyRequests,
                    error: "Too many failed log-in attempts. Wait a quarter of an hour, or ask an administrator.")
            }
            let user = try self.register.user(named: name)
            let hash = user?.passwordHash ?? Self.decoyHash
            let matches = await Self.verify(password, hash: hash)
            guard let user, matches, let userId = user.id else {
                await self.throttle.failed(user: name, address: context.remoteAddress)
                return self.loginPage(context: context, name: name, status: .unauthorized, error: "Wrong account name or password.")
            }
            await self.throttle.succeeded(user: name)
            // A new session id at every log-in: a session id planted before it is worth nothing.
            if context.session != nil { _ = try? await self.sessions.delete(request: request) }
            let cookie = try await self.sessions.save(
                session: WebSession(userId: userId, csrf: FormBody.token(), passwordHash: user.passwordHash),
                expiresIn: self.configuration.sessionLifetime)
            var response = Response.redirect(to: "/")
            response.setCookie(cookie)
            response.setCookie(self.loginCookie(value: "", maxAge: 0))
            return response
        }
        router.post("/logout") { request, _ in
            var response = Response.redirect(to: "/login")
            if let cookie = try? await self.sessions.delete(request: request) { response.setCookie(cookie) }
            return response
        }
    }

    /// The log-in form. An existing log-in token (the cookie) is kept rather than replaced: the
    /// browser's own requests that land here without a session (its `/favicon.ico`, a second
    /// tab) would otherwise change the cookie under a form already shown, and its log-in fail.
    func loginPage(
        context: WebContext, token existing: String? = nil, name: String = "", status: HTTPResponse.Status = .ok, error: String? = nil
    ) -> Response {
        let token = existing.flatMap { FormBody.isToken($0) ? $0 : nil } ?? FormBody.token()
        var response = page(
            "login", title: "Log in", context: context, values: ["loginToken": token, "enteredName": WebText.clean(name)], status: status,
            error: error)
        response.setCookie(loginCookie(value: token, maxAge: 3600))
        return response
    }

    func loginCookie(value: String, maxAge: Int) -> Cookie {
        Cookie(
            name: Self.loginCookie, value: value, maxAge: maxAge, path: "/login", secure: configuration.secureCookies, httpOnly: true,
            sameSite: .strict)
    }

    /// bcrypt is slow on purpose: it runs off the server's event loops.
    static func verify(_ password: String, hash: String) async -> Bool {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }

    /// Hashes a new password with the configured cost.
    public static func hashPassword(_ password: String, cost: UInt8 = 12) -> String { Bcrypt.hash(password, cost: cost) }
}
