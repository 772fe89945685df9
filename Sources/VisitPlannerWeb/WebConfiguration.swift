import Foundation

/// Everything `visitplan serve` needs to know, given once at start.
public struct WebConfiguration: Sendable {
    /// The data folder (policy.yaml and the CSV files) plans are made from.
    public var dataFolder: URL
    /// The register (SQLite) holding trips, history and accounts.
    public var registerURL: URL
    /// Where plans run from the web are written (`<reports>/<plan name>/`), and the only
    /// folder downloads are served from.
    public var reportsFolder: URL
    /// The server sits behind HTTPS: session cookies get the `Secure` attribute.
    public var secureCookies: Bool
    /// bcrypt's cost factor (12 in service; tests lower it to stay fast).
    public var bcryptCost: UInt8
    /// Log-in attempts allowed per account and per address within `loginWindow`.
    public var loginLimitPerUser: Int
    public var loginLimitPerAddress: Int
    public var loginWindow: Duration
    /// How long a session lasts without being renewed.
    public var sessionLifetime: Duration
    /// Seconds a plan started from the web may run (nil: policy.yaml's limit).
    public var planTimeLimit: Double?

    public init(
        dataFolder: URL, registerURL: URL, reportsFolder: URL, secureCookies: Bool = false, bcryptCost: UInt8 = 12,
        loginLimitPerUser: Int = 5, loginLimitPerAddress: Int = 20, loginWindow: Duration = .seconds(15 * 60),
        sessionLifetime: Duration = .seconds(8 * 60 * 60), planTimeLimit: Double? = nil
    ) {
        self.dataFolder = dataFolder
        self.registerURL = registerURL
        self.reportsFolder = reportsFolder
        self.secureCookies = secureCookies
        self.bcryptCost = bcryptCost
        self.loginLimitPerUser = loginLimitPerUser
        self.loginLimitPerAddress = loginLimitPerAddress
        self.loginWindow = loginWindow
        self.sessionLifetime = sessionLifetime
        self.planTimeLimit = planTimeLimit
    }
}
