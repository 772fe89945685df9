import Foundation

/// Limits failed log-in attempts per account name and per address within a sliding window.
///
/// In memory: a restart forgets the counts (acceptable for one server process on loopback or
/// behind a proxy; several processes would each count separately). A successful log-in clears
/// the account's count, not the address's, so one valid account cannot be used to keep
/// guessing others from the same address.
public actor LoginThrottle {
    private let perUser: Int
    private let perAddress: Int
    private let window: Duration
    private let clock = ContinuousClock()
    private var failures: [String: [ContinuousClock.Instant]] = [:]

    public init(perUser: Int, perAddress: Int, window: Duration) {
        self.perUser = perUser
        self.perAddress = perAddress
        self.window = window
    }

    /// Whether an attempt for this account from this address may be tried now.
    public func allows(user: String, address: String) -> Bool {
        prune()
        return (failures[Self.userKey(user)]?.count ?? 0) < perUser && (failures[Self.addressKey(address)]?.count ?? 0) < perAddress
    }

    /// Counts a failed attempt.
    public func failed(user: String, address: String) {
        let now = clock.now
        failures[Self.userKey(user), default: []].append(now)
        failures[Self.addressKey(address), default: []].append(now)
    }

    /// Clears the account's failures after a successful log-in.
    public func succeeded(user: String) { failures[Self.userKey(user)] = nil }

    private func prune() {
        let cutoff = clock.now - window
        for (key, times) in failures {
            let kept = times.filter { $0 > cutoff }
            failures[key] = kept.isEmpty ? nil : kept
        }
    }

    private static func userKey(_ user: String) -> String { "user:" + user.lowercased() }
    private static func addressKey(_ address: String) -> String { "address:" + address }
}
