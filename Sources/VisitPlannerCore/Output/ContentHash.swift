import Crypto
import Foundation

/// The fingerprint VisitPlanner records for every file it writes (plan manifest, report
/// ledger): SHA-256 of the bytes, as 64 lowercase hexadecimal digits.
///
/// It proves that a file on disk is byte-identical to something VisitPlanner generated, which
/// is the only case in which VisitPlanner removes or replaces a file. Not used for anything secret.
public enum ContentHash {
    public static func sha256(_ data: Data) -> String {
        SHA256.hash(data: data).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
