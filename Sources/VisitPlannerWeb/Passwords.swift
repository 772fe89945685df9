import Foundation

/// Passwords the application makes itself: one rule for `visitplan users add --generate` and the
/// accounts page, so both hand out passwords of the same strength.
public enum Passwords {
    /// The shortest password a person may choose.
    public static let minimumLength = 12

    /// 20 characters from an alphabet without look-alikes (about 115 bits), from the system's
    /// cryptographic generator.
    public static func generate() -> String {
        let alphabet = Array("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &generator)] })
    }
}
