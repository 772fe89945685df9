import Foundation

/// Reads typed cells of one CSV record, logging a located issue for each bad cell.
///
/// Each accessor returns nil after logging, so a loader can read every cell of a record
/// and report all its problems, not just the first.
struct FieldReader {
    let file: String
    let record: CSVTable.Record
    let log: IssueLog

    private func issue(_ column: String, _ message: String) {
        log.add(file: file, line: record.line, field: column, message)
    }

    /// A non-empty text cell; `required` cells log an issue when empty.
    ///
    /// A cell holding a control character was reported when the table was read (for every
    /// column, read here or not); it reads as nil here without a second message.
    func text(_ column: String, required: Bool = true) -> String? {
        if record.refused.contains(column) { return nil }
        let value = record[column]
        if value.isEmpty {
            if required { issue(column, "is empty; a value is required") }
            return nil
        }
        return value
    }

    /// A numeric cell as the number parsers read it: in a `;`-separated file a comma is the
    /// decimal mark and dots or spaces before it group thousands (`1.234,56` → `1234.56`).
    private func numeric(_ column: String) -> String? {
        guard let value = text(column) else { return nil }
        guard record.decimalComma, value.filter({ $0 == "," }).count == 1 else { return value }
        let ungrouped = value.filter { $0 != "." && $0 != " " && $0 != "\u{00A0}" && $0 != "\u{202F}" && $0 != "'" }
        return ungrouped.replacingOccurrences(of: ",", with: ".")
    }

    /// A code or id: letters, digits, `-` and `_`, 1–20 characters.
    func code(_ column: String) -> String? {
        guard let value = text(column) else { return nil }
        guard isCode(value) else {
            issue(column, "expected a code of letters, digits, - or _ (at most 20), found \(shown(value))")
            return nil
        }
        return value
    }

    /// A 3-letter IATA airport code, upper-cased.
    func airport(_ column: String, default fallback: String? = nil) -> String? {
        let raw = record[column]
        if raw.isEmpty, let fallback { return fallback }
        guard let value = text(column) else { return nil }
        let upper = value.uppercased()
        guard upper.count == 3, upper.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            issue(column, "expected a 3-letter IATA airport code such as JFK, found \(shown(value))")
            return nil
        }
        return upper
    }

    func int(_ column: String, in range: ClosedRange<Int>, default fallback: Int? = nil) -> Int? {
        let raw = record[column]
        if raw.isEmpty, let fallback { return fallback }
        guard let value = text(column) else { return nil }
        guard let n = Int(value), range.contains(n) else {
            let bounds =
                range.upperBound == Int.max
                ? "a whole number ≥ \(range.lowerBound)"
                : "a whole number from \(range.lowerBound) to \(range.upperBound)"
            issue(column, "expected \(bounds), found \(shown(value))")
            return nil
        }
        return n
    }

    func decimal(_ column: String, in range: ClosedRange<Double>) -> Double? {
        guard let value = numeric(column) else { return nil }
        guard let x = Double(value), x.isFinite, range.contains(x) else {
            issue(column, "expected a number from \(clean(range.lowerBound)) to \(clean(range.upperBound)), found \(shown(value))")
            return nil
        }
        return x
    }

    /// A weekend such as `Sat-Sun`, `Fri-Sat`, `Fri+Sun` or `none` (`Weekend(text:)`).
    func weekend(_ column: String, default fallback: Weekend) -> Weekend? {
        if record[column].isEmpty && !record.refused.contains(column) { return fallback }
        guard let value = text(column) else { return nil }
        guard let w = Weekend(text: value) else {
            issue(column, "expected the days off as Sat-Sun, Fri-Sat, Fri+Sun or none (not all seven), found \(shown(value))")
            return nil
        }
        return w
    }

    /// Hours with at most one decimal, as tenths.
    func tenths(_ column: String) -> Int? {
        guard let value = numeric(column) else { return nil }
        let parts = value.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty, parts[0].count <= 4,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts.count == 1 || parts[1].count == 1
        else {
            issue(column, "expected hours such as 14 or 14.5 (one decimal at most), found \(shown(value))")
            return nil
        }
        let t = Int(parts[0])! * 10 + (parts.count == 2 ? Int(parts[1])! : 0)
        guard t > 0 else {
            issue(column, "must be more than 0 hours")
            return nil
        }
        return t
    }

    func money(_ column: String, default fallback: Money? = nil, positive: Bool = false) -> Money? {
        let raw = record[column]
        if raw.isEmpty, let fallback { return fallback }
        guard let value = numeric(column) else { return nil }
        if value.hasPrefix("-") || value.hasPrefix("$-") || value.hasPrefix("($") || value.hasPrefix("(") {
            issue(column, "must not be negative, found \(shown(value))")
            return nil
        }
        guard let m = Money(parsing: value) else {
            issue(column, "expected an amount in US dollars such as 1234.56 (two decimals at most), found \(shown(value))")
            return nil
        }
        if positive && m.cents == 0 {
            issue(column, "must be more than $0.00, found \(shown(value))")
            return nil
        }
        if m > FieldReader.largestAmount {
            issue(column, "\(m) is more than \(FieldReader.largestAmount) for one fare or allowance; check for a typo")
            return nil
        }
        return m
    }

    /// No single fare, allowance or rate is anywhere near this; a larger one is a typo (and
    /// keeps every sum the planner makes far from integer overflow).
    static let largestAmount = Money(dollars: 1_000_000)

    func day(_ column: String, required: Bool = true) -> Day? {
        let raw = record[column]
        if raw.isEmpty && !required { return nil }
        guard let value = text(column) else { return nil }
        guard let d = Day(iso: value) else {
            if FieldReader.isSpreadsheetDate(value) {
                // A spreadsheet rewrote the whole column: one message for it, not one per cell.
                log.addGrouped(file: file, line: record.line, field: column, key: "date", found: value) { found, lines in
                    "dates must be written YYYY-MM-DD (e.g. 2027-01-15); found \(shown(found)) on line\(lines.contains { !$0.isNumber } ? "s" : "") \(lines). "
                        + "A spreadsheet rewrote them: give the column the custom format yyyy-mm-dd and save again"
                }
            } else {
                issue(column, "expected a date as YYYY-MM-DD (e.g. 2027-03-15), found \(shown(value))")
            }
            return nil
        }
        return d
    }

    /// A date as spreadsheets rewrite it: `1/15/2027`, `15.01.2027`, `2027/01/15`,
    /// `15-Jan-2027`, `Jan 15, 2027`, `2027-01-15 00:00:00`, or a day number such as `46402`.
    /// A value shaped like ISO (`2027-02-30`) is a typo of one cell, not a rewritten column.
    static func isSpreadsheetDate(_ value: String) -> Bool {
        let v = value.trimmingWhitespace()
        let isoShape = { (s: Substring) in
            s.count == 10 && s.enumerated().allSatisfy { i, c in i == 4 || i == 7 ? c == "-" : c.isASCII && c.isNumber }
        }
        if isoShape(Substring(v)) { return false }
        if v.count > 10, isoShape(v.prefix(10)), let next = v.dropFirst(10).first, next == "T" || next == " " { return true }
        if v.count == 5, let serial = Int(v), (20_000...80_000).contains(serial) { return true }
        let tokens = v.lowercased().split { "/.- ,:".contains($0) }
        let numbers = tokens.filter { $0.allSatisfy { $0.isASCII && $0.isNumber } && (1...4).contains($0.count) }
        let months = tokens.filter { token in Day.monthNames.contains { $0.lowercased().hasPrefix(token) && token.count >= 3 } }
        let clock = tokens.filter { $0 == "am" || $0 == "pm" }
        return tokens.count >= 3 && numbers.count >= 2 && numbers.count + months.count + clock.count == tokens.count
            && months.count <= 1
    }

    /// Codes separated by `;`.
    func codeList(_ column: String, required: Bool) -> [String]? {
        if record.refused.contains(column) { return nil }
        let raw = record[column]
        if raw.isEmpty {
            if required { issue(column, "is empty; list at least one operation code, separated by ;") }
            return required ? nil : []
        }
        var codes: [String] = []
        var good = true
        for piece in raw.split(separator: ";", omittingEmptySubsequences: true) {
            let code = piece.trimmingCharacters(in: .whitespaces)
            if code.isEmpty { continue }
            if !isCode(code) {
                issue(column, "expected operation codes separated by ; (e.g. MINUSCA; UNMISS), found \(shown(code))")
                good = false
            } else if codes.contains(code) {
                issue(column, "lists \(code) twice")
                good = false
            } else {
                codes.append(code)
            }
        }
        return good ? codes : nil
    }

    /// One of a fixed set of words (case-insensitive).
    func choice<T>(_ column: String, _ options: [(String, T)], default fallback: T? = nil) -> T? {
        let raw = record[column]
        if raw.isEmpty, let fallback { return fallback }
        guard let value = text(column) else { return nil }
        if let match = options.first(where: { $0.0.lowercased() == value.lowercased() }) { return match.1 }
        issue(column, "expected one of \(options.map(\.0).joined(separator: ", ")), found \(shown(value))")
        return nil
    }
}

func isCode(_ value: String) -> Bool {
    (1...20).contains(value.count) && value.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
}

private func clean(_ x: Double) -> String {
    x == x.rounded() ? String(Int(x)) : String(x)
}
