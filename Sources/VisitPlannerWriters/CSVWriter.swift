import Foundation

/// The one CSV writer: `trips.csv`, `comparison.csv` and `recommendations.csv` are all
/// written with it, so Excel, LibreOffice and a script read every one the same way.
///
/// RFC 4180 with a UTF-8 byte-order mark (without it Excel reads UTF-8 as the local code page
/// and garbles accented names) and CRLF record ends. A text field is quoted when it holds a
/// comma, semicolon (the separator of European Excel), quote, line break or edge space;
/// quotes are doubled. Text a spreadsheet would run as a formula (starting `=` `+` `-` `@`,
/// tab or CR, also after spaces) gets a leading apostrophe, which Excel and LibreOffice show
/// as plain text. Numbers (amounts, counts) are written as they are, never quoted or guarded,
/// so they stay numbers.
package struct CSVWriter {
    package enum Cell: Equatable {
        /// Text from data or the program: guarded and quoted as needed.
        case text(String)
        /// A number such as `1234.56` or `-3`; anything else given here is written as text.
        case number(String)
    }

    private var records: [String] = []

    package init(header: [String]) { records.append(header.map(Self.field).joined(separator: ",")) }

    /// Adds one record.
    package mutating func add(_ cells: [Cell]) {
        records.append(
            cells.map { cell in
                switch cell {
                case .text(let s): return Self.field(s)
                case .number(let s): return Self.isNumber(s) ? s : Self.field(s)
                }
            }.joined(separator: ","))
    }

    /// The file: byte-order mark, then every record ended by CRLF.
    package var text: String { "\u{FEFF}" + records.map { $0 + "\r\n" }.joined() }

    // MARK: - Fields

    /// One text field.
    ///
    /// A line break in the value stays a line break inside the quoted field (as LF), which
    /// spreadsheets show as a multi-line cell; every other control or bidi character
    /// becomes a space.
    package static func field(_ s: String) -> String {
        var text = Escape.lines(s).joined(separator: "\n")
        // The first character other than a space, read before tab and CR become spaces.
        if let first = s.unicodeScalars.first(where: { $0 != " " }), "=+-@\t\r".unicodeScalars.contains(first) {
            text = "'" + text
        }
        let needsQuotes =
            text.contains { $0 == "," || $0 == ";" || $0 == "\"" || $0 == "\n" }
            || text.hasPrefix(" ") || text.hasSuffix(" ")
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// `-12`, `1234.56`: digits with an optional sign and decimals, nothing else.
    package static func isNumber(_ s: String) -> Bool {
        var rest = Substring(s)
        if rest.hasPrefix("-") { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }
}

extension CSVWriter.Cell {
    /// An amount of dollars, to the cent: `1234.56`.
    package static func amount(_ d: Decimal) -> Self { .number(Figures.amount(d)) }

    package static func count(_ n: Int) -> Self { .number(String(n)) }
}
