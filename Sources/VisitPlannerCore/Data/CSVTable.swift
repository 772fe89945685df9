import CSV
import Foundation

/// A CSV file read for validation: header checked, each record kept with the line it starts on.
///
/// Parsing itself is CSV.swift's; this type adds what planners need from error messages:
/// file name, line number and column name, and a clear word on encoding and header problems.
/// It also takes files as spreadsheets really save them: a byte-order mark, CRLF line ends,
/// UTF-16 ("Unicode text"), `;` or tab as the separator (Excel under a European locale
/// writes `;`), header names in any case with stray spaces, and blank columns at the right.
struct CSVTable {
    struct Record {
        let line: Int
        let fields: [String: String]
        /// Columns whose cell holds a control character: already reported, so readers skip them.
        var refused: Set<String> = []
        /// In a `;`-separated file numbers are written with a decimal comma (`1234,56`).
        var decimalComma = false

        /// The trimmed cell, or "" when the column is absent or empty.
        subscript(_ column: String) -> String { fields[column] ?? "" }
    }

    let file: String
    let records: [Record]
    let columns: [String]
    /// Rows refused for their shape (cell count, line break), cells matched to the header by
    /// position: only so a loader can tell that a code was written, not to read values.
    let rejected: [Record]
    /// The separator the file was read with.
    let separator: Character

    /// Reads and checks a CSV file.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - required: columns that must be in the header.
    ///   - optional: columns that may be.
    ///   - log: where problems go. Returns nil when the file cannot be used at all.
    static func read(_ url: URL, required: [String], optional: [String] = [], log: IssueLog) -> CSVTable? {
        guard let data = DataFile.read(url, limit: DataFile.largestTable, log: log) else { return nil }
        return parse(data, file: url.lastPathComponent, required: required, optional: optional, log: log)
    }

    static func parse(_ data: Data, file: String, required: [String], optional: [String] = [], log: IssueLog) -> CSVTable? {
        guard var text = decode(data, file: file, log: log) else { return nil }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }  // Excel's byte-order mark
        guard !text.trimmingWhitespace().isEmpty else {
            log.add(file: file, "the file is empty; it needs a header row: \((required).joined(separator: ","))")
            return nil
        }
        let separator = detectSeparator(text, known: required + optional)
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false, delimiter: separator.unicodeScalars.first!) else {
            log.add(file: file, "cannot be read as CSV")
            return nil
        }
        let stray =
            separator == ","
            ? "check for a stray comma (use ; inside a cell)"
            : separator == ";" ? "check for a stray semicolon (put a cell that holds ; in quotes)" : "check for a stray tab"
        var line = 1
        var header: [String]? = nil
        /// Cells in the header row, blank ones at the right included.
        var headerWidth = 0
        var records: [Record] = []
        var rejected: [Record] = []
        while let row = reader.next() {
            let rowLine = line
            // A record spans one line plus any line breaks inside quoted cells.
            let breaks = row.reduce(0) { $0 + $1.reduce(0) { $0 + ($1 == "\n" || $1 == "\r" || $1 == "\r\n" ? 1 : 0) } }
            line += 1 + breaks
            if row.allSatisfy({ $0.trimmingWhitespace().isEmpty }) { continue }
            guard let columns = header else {
                guard let names = readHeader(row, file: file, line: rowLine, required: required, optional: optional, log: log) else {
                    return nil
                }
                header = names
                headerWidth = row.count
                continue
            }
            var fields: [String: String] = [:]
            for (name, value) in zip(columns, row) { fields[name] = value.trimmingWhitespace() }
            if breaks > 0 {
                log.add(file: file, line: rowLine, "a cell holds a line break (or a quote \" is not closed); keep each record on one line")
                rejected.append(Record(line: rowLine, fields: fields))
                continue
            }
            // Blank cells under blank header cells are what a spreadsheet writes for empty
            // columns at the right; anything else off the header is a shifted row.
            let blankTail =
                row.count > columns.count && row.count <= headerWidth
                && row[columns.count...].allSatisfy { $0.trimmingWhitespace().isEmpty }
            if row.count > columns.count && row.count <= headerWidth && !blankTail {
                let column = (columns.count..<row.count).first { !row[$0].trimmingWhitespace().isEmpty }! + 1
                log.add(
                    file: file, line: rowLine,
                    "has a value in column \(column), which has no name in the header; name the column or clear the cell")
                rejected.append(Record(line: rowLine, fields: fields))
                continue
            }
            if row.count != columns.count && !blankTail {
                log.add(file: file, line: rowLine, "has \(row.count) cells but the header has \(columns.count); \(stray)")
                rejected.append(Record(line: rowLine, fields: fields))
                continue
            }
            var refused: Set<String> = []
            for name in columns {
                if let value = fields[name], let bad = ControlCharacters.first(in: value) {
                    log.add(file: file, line: rowLine, field: name, ControlCharacters.message(for: bad))
                    refused.insert(name)
                }
            }
            records.append(Record(line: rowLine, fields: fields, refused: refused, decimalComma: separator == ";"))
        }
        guard let columns = header else {
            log.add(file: file, "the file is empty; it needs a header row: \(required.joined(separator: ","))")
            return nil
        }
        return CSVTable(file: file, records: records, columns: columns, rejected: rejected, separator: separator)
    }

    // MARK: - Encoding and separator

    /// The text of a file saved as UTF-8 (with or without a byte-order mark) or as UTF-16
    /// with a byte-order mark (what Excel calls "Unicode Text").
    private static func decode(_ data: Data, file: String, log: IssueLog) -> String? {
        let utf16: String.Encoding? =
            data.starts(with: [0xFF, 0xFE]) ? .utf16LittleEndian : data.starts(with: [0xFE, 0xFF]) ? .utf16BigEndian : nil
        if let utf16 {
            if let text = String(data: data.dropFirst(2), encoding: utf16) { return text }
            log.add(file: file, "the file starts as UTF-16 text but is not; save it as \"CSV UTF-8\"")
            return nil
        }
        // UTF-16 without a byte-order mark is valid UTF-8 full of NULs: say what it is.
        let head = data.prefix(256)
        if head.count >= 4 && head.filter({ $0 == 0 }).count * 3 >= head.count {
            log.add(file: file, "the file looks like UTF-16 text without a byte-order mark; save it as \"CSV UTF-8\"")
            return nil
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        let offset = firstInvalidUTF8Offset(data)
        let line = data.prefix(offset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
        log.add(file: file, line: line, "the file is not UTF-8 text (first bad byte at offset \(offset)); save it as \"CSV UTF-8\"")
        return nil
    }

    /// `,`, `;` or tab: whichever splits the header line into the most known column names
    /// (a comma when none does better). The header names are known, so this never guesses
    /// from the data.
    static func detectSeparator(_ text: String, known: [String]) -> Character {
        let known = Set(known)
        var rest = Substring(text)
        var headerLine = Substring("")
        while !rest.isEmpty {
            let end = rest.firstIndex { $0 == "\n" || $0 == "\r\n" || $0 == "\r" } ?? rest.endIndex
            headerLine = rest[..<end]
            if !String(headerLine).trimmingWhitespace().isEmpty { break }
            rest = end == rest.endIndex ? "" : rest[rest.index(after: end)...]
        }
        var best: (Character, Int) = (",", 0)
        for candidate: Character in [",", ";", "\t"] {
            let hits = headerLine.split(separator: candidate).filter {
                known.contains(canonical(String($0).replacingOccurrences(of: "\"", with: "")))
            }.count
            if hits > best.1 { best = (candidate, hits) }
        }
        return best.0
    }

    // MARK: - Header

    /// A header name as compared: no byte-order mark or zero-width space, trimmed,
    /// lower-cased, inner spaces as `_` (`" Home Airport"` → `home_airport`).
    static func canonical(_ name: String) -> String {
        let visible = String(String.UnicodeScalarView(name.unicodeScalars.filter { $0 != "\u{FEFF}" && $0 != "\u{200B}" }))
        return visible.trimmingWhitespace().lowercased().split(whereSeparator: \.isWhitespace).joined(separator: "_")
    }

    /// The canonical column names, blank ones at the right dropped; nil when the header
    /// cannot be used.
    private static func readHeader(
        _ row: [String], file: String, line: Int, required: [String], optional: [String], log: IssueLog
    ) -> [String]? {
        var cells = row
        while let last = cells.last, canonical(last).isEmpty { cells.removeLast() }
        for cell in cells {
            if let bad = ControlCharacters.first(in: cell) {
                log.add(file: file, line: line, "the header " + ControlCharacters.message(for: bad))
                return nil
            }
        }
        var good = true
        let allowed = required + optional
        let known = Set(allowed)
        var seen = Set<String>()
        var names: [String] = []
        for cell in cells {
            let name = canonical(cell)
            let written = cell.trimmingWhitespace()
            names.append(name)
            if name.isEmpty {
                log.add(file: file, line: line, "the header has an empty column name")
                good = false
            } else if !known.contains(name) {
                let hint = Suggestion.hint(for: name, in: allowed, quoted: true)
                log.add(file: file, line: line, field: written, "unknown column\(hint); allowed: \(allowed.joined(separator: ", "))")
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
        return good ? names : nil
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
