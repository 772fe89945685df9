import Foundation

/// The project's CSV dialect for files a person opens in a spreadsheet, in Core so that modules
/// without the renderers (the register) write exactly what `trips.csv` is written in: RFC 4180,
/// CRLF line ends, UTF-8 with a byte-order mark (so Excel shows accents), fields quoted where
/// needed, and text that a spreadsheet would run as a formula (`= + - @`) kept as text with a
/// leading apostrophe. Amounts and dates are passed through `number` and never touched.
public enum CSVText {
    /// One text field.
    public static func field(_ s: String) -> String {
        var text = String(
            String.UnicodeScalarView(
                s.unicodeScalars.map { scalar in
                    if scalar == "\n" { return scalar }
                    switch scalar.properties.generalCategory {
                    case .control, .lineSeparator, .paragraphSeparator: return " "
                    default: return scalar.properties.isNoncharacterCodePoint ? " " : scalar
                    }
                }))
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A figure the program wrote itself (an amount as `1234.56`, a date, a count): not escaped,
    /// so a negative variance stays a number.
    public static func number(_ s: String) -> String { s }

    /// The whole file: byte-order mark, rows already made of escaped fields, CRLF after each.
    public static func document(_ rows: [[String]]) -> String {
        "\u{FEFF}" + rows.map { $0.joined(separator: ",") + "\r\n" }.joined()
    }
}
