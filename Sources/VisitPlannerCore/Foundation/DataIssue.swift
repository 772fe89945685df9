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
    ///
    /// Whatever a message quotes from the data, control characters never reach the terminal:
    /// they are shown as `\u{1B}` (the loader also refuses them, but a message is printed
    /// before anything is fixed).
    public var description: String {
        var location = ControlCharacters.neutralized(file)
        if let line { location += ":\(line)" }
        let text = ControlCharacters.neutralized(message)
        if let field { return "\(location): \(ControlCharacters.neutralized(field)): \(text)" }
        return "\(location): \(text)"
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
///
/// Some mistakes repeat down a whole column (a spreadsheet rewrote every date): those are
/// gathered into one issue per file and column, placed where the first one was found, that
/// lists the lines, instead of one issue per cell.
final class IssueLog {
    private enum Entry {
        case issue(DataIssue)
        case group(Int)
    }

    private struct Group {
        let file: String
        let field: String
        let key: String
        let found: String
        var lines: [Int]
        let message: (_ found: String, _ lines: String) -> String
    }

    private var entries: [Entry] = []
    private var groups: [Group] = []
    private var groupIndex: [String: Int] = [:]
    /// Every problem added, each cell of a group counted: grows whenever anything is wrong.
    private(set) var count = 0
    /// Things worth a look that do not stop loading.
    private(set) var warnings: [DataIssue] = []

    func add(_ issue: DataIssue) {
        entries.append(.issue(issue))
        count += 1
    }

    func add(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        add(DataIssue(file: file, line: line, field: field, message))
    }

    /// Adds one occurrence of a column-wide problem.
    ///
    /// - Parameters:
    ///   - key: what makes occurrences the same problem (besides file and field).
    ///   - found: the value found; the first one is quoted in the message.
    ///   - message: the message, from the first value found and the lines as "2-40, 45".
    func addGrouped(
        file: String, line: Int, field: String, key: String, found: String,
        _ message: @escaping (_ found: String, _ lines: String) -> String
    ) {
        count += 1
        let id = "\(file)\u{0}\(field)\u{0}\(key)"
        if let index = groupIndex[id] {
            groups[index].lines.append(line)
            return
        }
        groupIndex[id] = groups.count
        entries.append(.group(groups.count))
        groups.append(Group(file: file, field: field, key: key, found: found, lines: [line], message: message))
    }

    func warn(file: String, line: Int? = nil, field: String? = nil, _ message: String) {
        warnings.append(DataIssue(file: file, line: line, field: field, message))
    }

    var isEmpty: Bool { count == 0 }

    var issues: [DataIssue] {
        entries.map { entry in
            switch entry {
            case .issue(let issue): return issue
            case .group(let index):
                let g = groups[index]
                return DataIssue(file: g.file, line: g.lines.first, field: g.field, g.message(g.found, IssueLog.ranges(g.lines)))
            }
        }
    }

    /// `2-40, 45, 50-51`: sorted line numbers as ranges, at most eight ranges then "and N more".
    static func ranges(_ lines: [Int]) -> String {
        var runs: [(Int, Int)] = []
        for line in Set(lines).sorted() {
            if let last = runs.last, last.1 + 1 == line {
                runs[runs.count - 1].1 = line
            } else {
                runs.append((line, line))
            }
        }
        let shown = runs.prefix(8).map { $0.0 == $0.1 ? "\($0.0)" : "\($0.0)-\($0.1)" }
        let rest = runs.dropFirst(8).reduce(0) { $0 + $1.1 - $1.0 + 1 }
        return shown.joined(separator: ", ") + (rest > 0 ? " and \(rest) more" : "")
    }
}

/// Quotes a found value for a message, keeping it short and printable.
func shown(_ text: String) -> String {
    var cleaned = String(
        String.UnicodeScalarView(text.unicodeScalars.map { ControlCharacters.isForbidden($0) || $0 == "\t" ? "?" : $0 }))
    if cleaned.count > 40 { cleaned = String(cleaned.prefix(37)) + "..." }
    return "\"\(cleaned)\""
}
