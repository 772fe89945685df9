import Foundation

/// One problem found in the input data, located precisely enough for a planner to fix it
/// in a spreadsheet: the file, the line (1-based, as a text editor counts) and the column.
public struct DataIssue: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var field: String?
    public var message: String

    public init(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    /// `operations.csv:4: priority: expected a whole number from 1 to 100, found "high"`.
    public var description: String {
        var location = file
        if let line { location += ":\(line)" }
        if let field { return "\(location): \(field): \(message)" }
        return "\(location): \(message)"
    }
}

/// Every problem found in a data set, reported together so one pass fixes them all.
public struct DataErrors: Error, Sendable, CustomStringConvertible {
    public var issues: [DataIssue]

    public init(_ issues: [DataIssue]) { self.issues = issues }

    public var description: String {
        let head = issues.count == 1 ? "1 problem in the data:" : "\(issues.count) problems in the data:"
        return ([head] + issues.map { "  " + $0.description }).joined(separator: "\n")
    }
}

/// Collects issues while loading; loading goes on after a problem so all are reported at once.
final class IssueLog {
    private(set) var issues: [DataIssue] = []
    func add(_ issue: DataIssue) { issues.append(issue) }
    func add(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        issues.append(DataIssue(file: file, line: line, field: field, message))
    }
    var isEmpty: Bool { issues.isEmpty }
}

/// Quotes a found value for a message, keeping it short and printable.
func shown(_ text: String) -> String {
    var cleaned = String(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "?" : Character($0) })
    if cleaned.count > 40 { cleaned = String(cleaned.prefix(37)) + "..." }
    return "\"\(cleaned)\""
}
