import Foundation
import VisitPlannerCore
import VisitPlannerRender
import VisitPlannerWriters

/// Turns values from data into text a page may show.
///
/// Mustache escapes HTML's five special characters; it does not touch control or bidi
/// characters, which could make a line read differently from what it holds. Every value goes
/// through `clean` (Render's one rule for text outputs: each such character becomes a space)
/// before it reaches a template.
enum WebText {
    static func clean(_ s: String) -> String { Escape.terminal(s) }
    static func clean(_ s: String?) -> String { s.map(clean) ?? "" }
    /// Text of several lines (a file shown in a text area): each line cleaned, line breaks kept.
    static func cleanLines(_ s: String) -> String {
        s.replacingOccurrences(of: "\r\n", with: "\n").components(separatedBy: "\n").map(clean).joined(separator: "\n")
    }

    /// A value as one path segment of a link (percent-encoded; Mustache then escapes `&`).
    static func pathComponent(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~+")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
    }

    /// `1,234.56` with the dollar sign, as everywhere else in the project.
    static func money(_ m: Money) -> String { m.description }
    static func money(_ m: Money?) -> String { m.map(money) ?? "—" }
}
