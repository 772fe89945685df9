import Foundation
import VisitPlannerCore

/// Escaping of data strings for each format a plan is written in.
///
/// Every string that comes from data (names, codes, reasons) passes through one of these
/// before it lands in a file; nothing is trusted to be "plain". Control characters, which no
/// output format can show and some (HTML, XML, iCalendar) forbid, become spaces first.
enum Escape {
    // MARK: - HTML and XML (SVG)

    /// Text or attribute value in HTML or XML: `& < > " '` become entities.
    static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in visible(s).unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// XML (SVG) escaping is the same five entities.
    static func xml(_ s: String) -> String { html(s) }

    // MARK: - Markdown

    /// Inline Markdown text: every character that could start emphasis, a link, code, raw
    /// HTML or an entity is backslash-escaped (CommonMark allows escaping any ASCII punctuation).
    /// `|` is escaped too, so the same text is safe inside a table cell.
    static func markdown(_ s: String) -> String {
        var out = ""
        for ch in visible(s).replacingOccurrences(of: "\n", with: " ") {
            switch ch {
            case "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "!", "~", "&":
                out.append("\\")
                out.append(ch)
            default:
                out.append(ch)
            }
        }
        // A leading "-", "+", digits-and-dot or "=" could start a list or heading underline.
        if let first = out.first, "-+=".contains(first) { out = "\\" + out }
        return out
    }

    // MARK: - CSV (RFC 4180)

    /// One CSV field: quoted when it holds a comma, quote, CR or LF (quotes doubled).
    ///
    /// Text that a spreadsheet would run as a formula (starting `= + - @`) gets a leading
    /// apostrophe, which Excel and LibreOffice show as plain text. Amounts are written with
    /// `csvNumber` and never touched.
    static func csv(_ s: String) -> String {
        var text = s.unicodeScalars.map { $0 == "\n" ? "\n" : String(visibleScalar($0)) }.joined()
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // MARK: - iCalendar (RFC 5545)

    /// A TEXT property value: `\` `;` `,` and newlines escaped (RFC 5545 §3.3.11).
    static func icsText(_ s: String) -> String {
        var out = ""
        let normalized = s.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        for scalar in normalized.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n": out += "\\n"
            default: out.unicodeScalars.append(visibleScalar(scalar))
            }
        }
        return out
    }

    // MARK: - Control characters

    /// Replaces control characters (other than newline) with spaces.
    static func visible(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars { out.append(scalar == "\n" ? scalar : visibleScalar(scalar)) }
        return String(out)
    }

    private static func visibleScalar(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return " "
        default: return scalar.properties.isNoncharacterCodePoint ? " " : scalar
        }
    }
}

// MARK: - Numbers

/// Figures as files other than the human-readable tables print them.
enum Figures {
    /// An amount rounded to the cent, as Money (exact, from Decimal, never Double).
    static func money(_ amount: Decimal) -> Money {
        var cents = amount * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cents, 0, .plain)
        return Money(cents: Int64(truncating: rounded as NSNumber))
    }

    /// `1234.56`: an amount as CSV and spreadsheets read it.
    static func amount(_ amount: Decimal) -> String { money(amount).plain }

    /// A Decimal such as flight hours or assessment value, as plain text (`19.5`).
    static func number(_ value: Decimal) -> String {
        var v = value
        var r = Decimal()
        NSDecimalRound(&r, &v, 6, .plain)
        return "\(r)"
    }

    /// `88.4%`: `amount` as a share of `total`, to a tenth of a percent.
    static func share(_ amount: Decimal, of total: Decimal) -> String {
        var v = amount / total
        var r = Decimal()
        NSDecimalRound(&r, &v, 3, .plain)
        return percent(r)
    }
}
