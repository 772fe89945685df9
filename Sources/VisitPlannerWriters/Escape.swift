import Foundation
import VisitPlannerCore

/// The one escaper for every text output that is not Markdown or CSV: HTML, XML (SVG and
/// Word), iCalendar TEXT values and the terminal.
///
/// Every string that comes from data (names, codes, reasons, titles, a plan.json edited by
/// hand) passes through one of these before it lands in a file or on a screen; nothing is
/// trusted to be "plain", whatever validation let through. All of them first neutralise the
/// characters no output may carry raw (`isUnsafe`), so that an escape sequence can never
/// retitle a terminal, clear it or write the clipboard, and a bidi override can never make a
/// line read differently from what it holds.
public enum Escape {
    // MARK: - Characters no output carries raw

    /// C0 controls, DEL, C1 controls, the bidi embeddings, overrides and isolates
    /// (U+202A–U+202E, U+2066–U+2069), line and paragraph separators, and noncharacters.
    package static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        // The loader's rule (which lets a tab through, harmless in a data file), plus the tab and
        // noncharacters, which no output format carries.
        scalar == "\t" || ControlCharacters.isForbidden(scalar) || scalar.properties.isNoncharacterCodePoint
    }

    /// One line of text: every unsafe scalar becomes a space, and every line break (CR LF,
    /// CR, LF, NEL, U+2028, U+2029) one space, so a value never starts a new line, row or block.
    package static func plain(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var previousCR = false
        for scalar in s.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            if scalar == "\n" && previousCR { continue }  // CR LF is one break
            out.append(isUnsafe(scalar) ? " " : scalar)
        }
        return String(out)
    }

    /// Lines of text: like `plain`, but each line break (CR LF, CR, LF, NEL, U+2028, U+2029)
    /// splits a line. For the formats that can show a value on several lines (CSV, iCalendar).
    package static func lines(_ s: String) -> [String] {
        var lines: [String] = []
        var current = String.UnicodeScalarView()
        var previousCR = false
        for scalar in s.unicodeScalars {
            defer { previousCR = scalar == "\r" }
            switch scalar {
            case "\n" where previousCR: continue
            case "\n", "\r", "\u{85}", "\u{2028}", "\u{2029}":
                lines.append(String(current))
                current = String.UnicodeScalarView()
            default: current.append(isUnsafe(scalar) ? " " : scalar)
            }
        }
        lines.append(String(current))
        return lines
    }

    // MARK: - Terminal

    /// A value printed on a terminal: one line, no control or bidi character. Public, so the
    /// command-line messages that quote data (progress lines, errors) use the same rule.
    public static func terminal(_ s: String) -> String { plain(s) }

    // MARK: - HTML and XML (SVG, Word)

    /// Text or attribute value in HTML or XML 1.0: one line, `& < > " '` as entities.
    ///
    /// The same for both: `&#39;` is valid in HTML and XML alike, and nothing XML 1.0 forbids
    /// (C0 controls, U+FFFE, U+FFFF) survives `plain`.
    package static func html(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in plain(s).unicodeScalars {
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

    /// XML (SVG, Word) text and attribute values: the same five entities as HTML.
    package static func xml(_ s: String) -> String { html(s) }

    // MARK: - iCalendar (RFC 5545)

    /// A TEXT property value on one line: `\` `;` `,` escaped (RFC 5545 §3.3.11), every
    /// line break a space.
    package static func icsText(_ s: String) -> String { icsText(lines: [s]) }

    /// A TEXT property value of several lines, joined with the `\n` escape; a line break
    /// inside one of `lines` (from data) becomes a space, like any control character.
    package static func icsText(lines: [String]) -> String {
        lines.map(plain).map { line in
            var out = ""
            for scalar in line.unicodeScalars {
                switch scalar {
                case "\\": out += "\\\\"
                case ";": out += "\\;"
                case ",": out += "\\,"
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        }.joined(separator: "\\n")
    }

    /// Folds a content line so no physical line exceeds 75 octets (RFC 5545 §3.1): the break
    /// falls between Unicode scalars, never inside a UTF-8 sequence, and each continuation
    /// line starts with one space. The caller gives a line whose values went through
    /// `icsText`, so it holds no raw line break.
    package static func icsFold(_ line: String) -> String {
        let scalars = Array(line.unicodeScalars)
        var out = ""
        var octets = 0
        var escaping = false  // the previous scalar opened a TEXT escape (`\,` `\;` `\\` `\n`)
        for (i, scalar) in scalars.enumerated() {
            let width = String(scalar).utf8.count
            // Keep an escape pair on one line: folding may legally split it, but some
            // importers unfold badly. So a backslash that opens an escape brings its partner.
            let opens = scalar == "\\" && !escaping
            let needed = opens && i + 1 < scalars.count ? width + String(scalars[i + 1]).utf8.count : width
            if !escaping && octets + needed > 75 {
                out += "\r\n "
                octets = 1
            }
            out.unicodeScalars.append(scalar)
            octets += width
            escaping = opens
        }
        return out
    }
}
