import Foundation

/// JSON that is the same bytes for the same value: pretty-printed, keys sorted, slashes as they
/// are, and a final newline (every file VisitPlanner writes in JSON goes through it).
public enum DeterministicJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }
}
