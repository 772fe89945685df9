import Foundation

/// The characters no text from the data may carry: terminal and layout controls.
///
/// Data text is printed to terminals and written into Markdown, HTML, CSV and calendars. An
/// escape sequence in a reason or a title can retitle a window, clear the screen or write the
/// clipboard; a bidirectional override makes a line read differently from what it holds; a
/// line break starts a new table row. Such characters are never meant: they come from pasted
/// text or from a file built to attack. The loader refuses them in every string of every
/// data file, naming the character, so the message says exactly what to remove.
public enum ControlCharacters {
    /// The first forbidden character of a text, if any.
    ///
    /// Forbidden: C0 controls except the tab (a tab is whitespace, harmless everywhere the text
    /// goes), DEL, C1 controls, the bidirectional embeddings, overrides and isolates
    /// (U+202A–U+202E, U+2066–U+2069), and the Unicode line and paragraph separators.
    public static func first(in text: String) -> Unicode.Scalar? {
        text.unicodeScalars.first(where: isForbidden)
    }

    public static func isForbidden(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09: return false
        case 0x00...0x1F, 0x7F, 0x80...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x2028, 0x2029: return true
        default: return false
        }
    }

    /// `U+001B ESC`: the code point and its usual abbreviation, as control characters have no
    /// visible form of their own.
    public static func describe(_ scalar: Unicode.Scalar) -> String {
        let code = "U+" + String(format: "%04X", scalar.value)
        let v = Int(scalar.value)
        let name: String?
        switch v {
        case 0x00...0x1F: name = c0[v]
        case 0x7F: name = "DEL"
        case 0x80...0x9F: name = c1[v - 0x80]
        default: name = others[scalar.value]
        }
        return name.map { "\(code) \($0)" } ?? code
    }

    /// The issue message for a text holding a forbidden character.
    static func message(for scalar: Unicode.Scalar) -> String {
        "contains a control character (\(describe(scalar))); remove it"
    }

    /// The text with every forbidden character shown as `\u{…}`, for messages that must quote
    /// data without passing its controls on.
    public static func neutralized(_ text: String) -> String {
        guard first(in: text) != nil else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isForbidden(scalar) {
                out += "\\u{" + String(format: "%X", scalar.value) + "}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static let c0 = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT", "FF", "CR", "SO", "SI",
        "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US",
    ]
    private static let c1 = [
        "PAD", "HOP", "BPH", "NBH", "IND", "NEL", "SSA", "ESA", "HTS", "HTJ", "VTS", "PLD", "PLU", "RI", "SS2", "SS3",
        "DCS", "PU1", "PU2", "STS", "CCH", "MW", "SPA", "EPA", "SOS", "SGCI", "SCI", "CSI", "ST", "OSC", "PM", "APC",
    ]
    private static let others: [UInt32: String] = [
        0x202A: "LRE, left-to-right embedding", 0x202B: "RLE, right-to-left embedding",
        0x202C: "PDF, pop directional formatting", 0x202D: "LRO, left-to-right override",
        0x202E: "RLO, right-to-left override", 0x2066: "LRI, left-to-right isolate",
        0x2067: "RLI, right-to-left isolate", 0x2068: "FSI, first strong isolate",
        0x2069: "PDI, pop directional isolate", 0x2028: "LS, line separator", 0x2029: "PS, paragraph separator",
    ]
}
