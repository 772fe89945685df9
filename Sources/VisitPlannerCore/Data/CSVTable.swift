import CSV
import Foundation

/// A CSV file read for validation: header checked, each record kept with the line it starts on.
///
/// Parsing itself is CSV.swift's; this type adds what planners need from error messages:
/// file name, line number and column name, and a clear word on encoding and header problems.
struct CSVTable {
    struct Record {
        let line: Int
        let fields: [String: String]

        /// The trimmed cell, or "" when the column is absent or empty.
        subscript(_ column: String) -> String { fields[column] ?? "" }
    }

    let file: String
    let records: [Record]
    let columns: [String]
    /// Rows refused for their shape (cell count, line break), cells matched to the header by
    /// position: only so a loader can tell that a code was written, not to read values.
    let rejected: [Record]

    /// Reads and checks a CSV file.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - required: columns that must be in the header.
    ///   - optional: columns that may be.
    ///   - log: where problems go. Returns nil when the file cannot be used at all.
    static func read(_ url: URL, required: [String], optional: [String] = [], log: IssueLog) -> CSVTable? {
        let file = url.lastPathComponent
        guard let data = try? Data(contentsOf: url) else {
            log.add(file: file, "cannot read the file (is it there, and readable?)")
            return nil
        }
        return parse(data, file: file, required: required, optional: optional, log: log)
    }

    static func parse(_ data: Data, file: String, required: [String], optional: [String] = [], log: IssueLog) -> CSVTable? {
        guard var text = String(data: data, encoding: .utf8) else {
            let offset = firstInvalidUTF8Offset(data)
            let line = data.prefix(offset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            log.add(file: file, line: line, "the file is not UTF-8 text (first bad byte at offset \(offset)); save it as \"CSV UTF-8\"")
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // Excel's byte-order mark
        guard !text.trimmingWhitespace().isEmpty else {
            log.add(file: file, "the file is empty; it needs a header row: \((required).joined(separator: ","))")
            return nil
        }
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false) else {
            log.add(file: file, "cannot be read as CSV")
            return nil
        }
        var line = 1
        var header: [String]? = nil
        var records: [Record] = []
        var rejected: [Record] = []
        while let row = reader.next() {
            let rowLine = line
            // A record spans one line plus any line breaks inside quoted cells.
            let breaks = row.reduce(0) { $0 + $1.reduce(0) { $0 + ($1 == "\n" || $1 == "\r" || $1 == "\r\n" ? 1 : 0) } }
            line += 1 + breaks
            if row.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
            guard let columns = header else {
                header = row.map { $0.trimmingWhitespace() }
                if !checkHeader(header!, file: file, line: rowLine, required: required, optional: optional, log: log) { return nil }
                continue
            }
            var fields: [String: String] = [:]
            for (name, value) in zip(columns, row) { fields[name] = value.trimmingWhitespace() }
            if breaks > 0 {
                log.add(file: file, line: rowLine, "a cell holds a line break (or a quote \" is not closed); keep each record on one line")
                rejected.append(Record(line: rowLine, fields: fields))
                continue
            }
            if row.count != columns.count {
                log.add(
                    file: file, line: rowLine,
                    "has \(row.count) cells but the header has \(columns.count); check for a stray comma (use ; inside a cell)")
                rejected.append(Record(line: rowLine, fields: fields))
                continue
            }
            records.append(Record(line: rowLine, fields: fields))
        }
        guard let columns = header else {
            log.add(file: file, "the file is empty; it needs a header row: \(required.joined(separator: ","))")
            return nil
        }
        return CSVTable(file: file, records: records, columns: columns, rejected: rejected)
    }

    private static func checkHeader(_ header: [String], file: String, line: Int, required: [String], optional: [String], log: IssueLog)
        -> Bool
    {
        var good = true
        let known = Set(required + optional)
        var seen = Set<String>()
        for name in header {
            if name.isEmpty {
                log.add(file: file, line: line, "the header has an empty column name")
                good = false
            } else if !known.contains(name) {
                let hint = closest(to: name, in: required + optional).map { " (did you mean \"\($0)\"?)" } ?? ""
                log.add(
                    file: file, line: line, field: name, "unknown column\(hint); allowed: \((required + optional).joined(separator: ", "))")
                good = false
            } else if !seen.insert(name).inserted {
                log.add(file: file, line: line, field: name, "the column appears twice in the header")
                good = false
            }
        }
        for name in required where !seen.contains(name) {
            log.add(file: file, line: line, field: name, "required column is missing from the header")
            good = false
        }
        return good
    }

    /// The allowed name closest to a typo, if any is within two edits.
    static func closest(to name: String, in candidates: [String]) -> String? {
        let lowered = name.lowercased()
        var best: (String, Int)? = nil
        for c in candidates {
            let d = editDistance(lowered, c.lowercased())
            if d <= 2 && (best == nil || d < best!.1) { best = (c, d) }
        }
        return best?.0
    }

    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    private static func firstInvalidUTF8Offset(_ data: Data) -> Int {
        let bytes = [UInt8](data)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            let length: Int
            switch b {
            case 0x00...0x7F: length = 1
            case 0xC2...0xDF: length = 2
            case 0xE0...0xEF: length = 3
            case 0xF0...0xF4: length = 4
            default: return i
            }
            if i + length > bytes.count { return i }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            i += length
        }
        return i
    }
}
