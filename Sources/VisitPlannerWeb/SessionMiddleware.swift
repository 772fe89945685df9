import Foundation
import Hummingbird
import HummingbirdAuth
import VisitPlannerRegister

/// Loads the session and its account, decodes a posted form and checks its CSRF token, before
/// any route runs.
///
/// - Without a session only the log-in page, its POST, the stylesheet and the script are served; any other
///   GET is sent to the log-in page, any other POST refused (403).
/// - Every POST must carry the session's CSRF token (`csrf` field); the log-in form carries a
///   double-submit token from its own cookie. A missing or wrong token is 403.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let app: WebApp

    static let publicPaths: Set<String> = ["/login", "/static/style.css", "/static/plan.js"]

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var request = request
        var context = context
        // An account disabled or given a new password since the session opened is not found.
        if let session = try? await app.sessions.load(request: request), let user = try app.register.user(id: session.userId),
            session.passwordStamp == WebSession.stamp(user.passwordHash)
        {
            context.session = session
            context.user = user
        }
        if request.method == .post {
            let contentType = request.headers[.contentType] ?? ""
            if contentType.lowercased().hasPrefix("multipart/form-data") {
                // A report upload: a larger limit (the route refuses a file over the largest
                // report); the CSRF token comes as a field of the form like any other.
                let body = try await request.collectBody(upTo: WebApp.largestUpload + 64 * 1024)
                let form = MultipartForm.parse(Data(body.readableBytesView), contentType: contentType)
                context.form = form.fields
                context.upload = form.file
            } else {
                let body = try await request.collectBody(upTo: context.maxUploadSize)
                context.form = FormBody.decode(String(buffer: body))
            }
            let expected: String?
            if request.uri.path == "/login" {
                expected = request.cookies[WebApp.loginCookie]?.value
            } else {
                expected = context.session?.csrf
            }
            guard let expected, let given = context.form["csrf"], FormBody.constantTimeEqual(expected, given) else {
                return app.page(
                    "message", title: "Form expired", context: context,
                    values: ["text": "This form is out of date or was not sent from this application. Open the page again and retry."],
                    status: .forbidden)
            }
        }
        guard context.user != nil || Self.publicPaths.contains(request.uri.path) else {
            return Response.redirect(to: "/login")
        }
        return try await next(request, context)
    }
}

/// `application/x-www-form-urlencoded` bodies.
enum FormBody {
    /// The fields of a form body; for a repeated name the last value counts.
    static func decode(_ body: String) -> [String: String] {
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = decodeComponent(parts[0]) else { continue }
            fields[name] = parts.count > 1 ? (decodeComponent(parts[1]) ?? "") : ""
        }
        return fields
    }

    private static func decodeComponent(_ s: Substring) -> String? {
        s.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    /// Encodes fields (for tests and redirects).
    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { name, value in
            (name.addingPercentEncoding(withAllowedCharacters: allowed) ?? "") + "="
                + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
        }.joined(separator: "&")
    }

    /// Compares two tokens in time independent of where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }

    /// Whether a value has the shape `token()` makes (43 URL-safe base64 characters), so that a
    /// cookie sent back can be reused as a token and nothing else can.
    static func isToken(_ s: String) -> Bool {
        s.utf8.count == 43
            && s.unicodeScalars.allSatisfy { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || $0 == "-" || $0 == "_" }
    }

    /// A random token of 32 bytes, URL-safe (the system's cryptographic generator).
    static func token() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
