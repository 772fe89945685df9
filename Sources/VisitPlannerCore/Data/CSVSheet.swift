import Foundation

/// A spreadsheet read by another module (the register's `trips import`) with the same reading
/// rules and located messages as the data loader: UTF-8 with or without Excel's byte-order mark,
/// CRLF or LF, quoted cells, header checked against known columns ("did you mean"), and every
/// problem as `file:line: column: what is wrong`.
///
/// It wraps the loader's `CSVTable` and `FieldReader`, which stay internal; this is the one
/// public door to them, so the two never drift apart.
public struct CSVSheet: Sendable {
    /// One record, with the line it starts on (1-based, as a text editor counts).
    public struct Row: Sendable {
        public let line: Int
        public let fields: [String: String]

        /// The trimmed cell, or "" when the column is absent or empty.
        public subscript(_ column: String) -> String { fields[column] ?? "" }
    }

    public let file: String
    public let columns: [String]
    public let rows: [Row]

    /// Parses a CSV file's bytes.
    ///
    /// - Parameters:
    ///   - data: the file's bytes.
    ///   - file: the name used in messages.
    ///   - required: columns that must be in the header.
    ///   - optional: columns that may be.
    /// - Returns: the sheet (nil when it cannot be used at all) and every problem found; rows
    ///   refused for their shape are reported and left out.
    public static func parse(_ data: Data, file: String, required: [String], optional: [String] = []) -> (CSVSheet?, [DataIssue]) {
        let log = IssueLog()
        guard let table = CSVTable.parse(data, file: file, required: required, optional: optional, log: log) else {
            return (nil, log.issues)
        }
        let rows = table.records.map { Row(line: $0.line, fields: $0.fields) }
        return (CSVSheet(file: file, columns: table.columns, rows: rows), log.issues)
    }

    /// Typed cells of the sheet's rows; each accessor logs a located issue and returns nil on a
    /// bad cell, so a reader can check every cell and report all problems at once.
    public final class Cells {
        private let log = IssueLog()
        public let file: String

        public init(file: String) { self.file = file }

        /// Every problem logged so far, in order.
        public var issues: [DataIssue] { log.issues }

        /// Logs a problem found by the caller's own rules.
        public func add(line: Int, field: String? = nil, _ message: String) {
            log.add(file: file, line: line, field: field, message)
        }

        private func reader(_ row: Row) -> FieldReader {
            FieldReader(file: file, record: CSVTable.Record(line: row.line, fields: row.fields), log: log)
        }

        /// A text cell; `required` cells log an issue when empty.
        public func text(_ row: Row, _ column: String, required: Bool = true) -> String? {
            reader(row).text(column, required: required)
        }

        /// A code or id: letters, digits, `-` and `_`, 1–20 characters.
        public func code(_ row: Row, _ column: String) -> String? { reader(row).code(column) }

        /// A non-negative dollar amount (`1234.56`, `1,234.56`, `$1,234.56`); empty gives `fallback`.
        public func money(_ row: Row, _ column: String, default fallback: Money? = nil) -> Money? {
            reader(row).money(column, default: fallback)
        }

        /// A `YYYY-MM-DD` date; an empty optional cell gives nil without an issue.
        public func day(_ row: Row, _ column: String, required: Bool = true) -> Day? {
            reader(row).day(column, required: required)
        }

        /// One of a fixed set of words (case-insensitive); empty gives `fallback`.
        public func choice<T>(_ row: Row, _ column: String, _ options: [(String, T)], default fallback: T? = nil) -> T? {
            reader(row).choice(column, options, default: fallback)
        }

        /// Codes separated by `;`.
        public func codeList(_ row: Row, _ column: String, required: Bool) -> [String]? {
            reader(row).codeList(column, required: required)
        }
    }
}
