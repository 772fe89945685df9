import Foundation
import Hummingbird
import VisitPlannerCore
import VisitPlannerRegister

/// The request context of every route: who is logged in, their session, the posted form.
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// The logged-in account; nil on the log-in page.
    public var user: RegisterUser?
    /// The session (with its CSRF token); nil when not logged in.
    public var session: WebSession?
    /// The fields of a posted form (`application/x-www-form-urlencoded`), decoded once by
    /// `SessionMiddleware` so the CSRF token can be checked before any route runs.
    public var form: [String: String] = [:]
    /// The file of a posted `multipart/form-data` form (a report upload), if any.
    var upload: UploadedFile?
    /// The peer's IP address, for the log-in rate limit (never a forwarded header, which a
    /// client could forge).
    public var remoteAddress: String

    public init(source: Source) {
        coreContext = .init(source: source)
        remoteAddress = source.channel.remoteAddress?.ipAddress ?? "unknown"
    }

    /// Forms of the application are small; anything bigger is refused (413).
    public var maxUploadSize: Int { 64 * 1024 }
}

/// What a session cookie stands for: the account and the session's CSRF token.
public struct WebSession: Codable, Sendable, Equatable {
    public var userId: Int64
    /// Sent in a hidden field of every form and compared on every POST.
    public var csrf: String
    /// A fingerprint of the password hash the session was opened with: once the password is
    /// reset, the session no longer matches the account and ends.
    public var passwordStamp: String

    public init(userId: Int64, csrf: String, passwordHash: String) {
        self.userId = userId
        self.csrf = csrf
        self.passwordStamp = Self.stamp(passwordHash)
    }

    /// SHA-256 of the hash, so the session store never holds the hash itself.
    public static func stamp(_ passwordHash: String) -> String { ContentHash.sha256(Data(passwordHash.utf8)) }
}
