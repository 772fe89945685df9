import Foundation

/// The one Markdown writer: `plan.md`, itineraries, `comparison.md`, report templates and
/// `recommendations.md` are all built with it.
///
/// The promise: text from data is always shown, never obeyed. In what it writes, a value from
/// data can open no raw HTML, autolink, image or link, start no emphasis or code, and, since
/// every line break in it becomes a space, never start a new paragraph, list item, heading
/// or table row. Markup comes only from string literals in this program: a `Markdown` value
/// writes its literal parts as they are and escapes every `String` interpolated into it.
/// Escaping is CommonMark's backslash before ASCII punctuation, so the text still reads
/// plainly in an editor, and readers that unescape it (`ReportText`) get the value back.
package struct MarkdownWriter {
    package private(set) var text = ""

    package init() {}

    // MARK: - Blocks

    /// One line of markup (a literal, or built with `Markdown` interpolation).
    package mutating func line(_ markup: Markdown) { text += markup.markup + "\n" }

    package mutating func blank() { text += "\n" }

    /// An ATX heading, after a blank line; the text is escaped.
    package mutating func heading(_ level: Int, _ title: String) {
        if !text.isEmpty && !text.hasSuffix("\n\n") { blank() }
        line(Markdown(raw: String(repeating: "#", count: max(1, min(level, 6))) + " ") + Markdown(text: title))
        blank()
    }

    /// A paragraph of escaped text.
    package mutating func paragraph(_ s: String) {
        line(Markdown(text: s))
        blank()
    }

    /// A paragraph of markup.
    package mutating func paragraph(markup: Markdown) {
        line(markup)
        blank()
    }

    /// A list item of escaped text, indented two spaces per level.
    package mutating func bullet(_ s: String, level: Int = 0) { bullet(markup: Markdown(text: s), level: level) }

    package mutating func bullet(markup: Markdown, level: Int = 0) {
        line(Markdown(raw: String(repeating: "  ", count: max(0, level)) + "- ") + markup)
    }

    /// A GitHub-flavoured pipe table; every header and cell is escaped.
    ///
    /// - Parameters:
    ///   - right: right-aligned (numeric) columns, one flag per header.
    ///   - emphasized: rows drawn bold, such as totals (indices into `rows`).
    ///   - cell: the escaper of each cell, `MarkdownWriter.cell` unless a writer keeps some
    ///     template markup of its own (report placeholders); it must escape `|` and line breaks.
    package mutating func table(
        _ headers: [String], right: [Bool], rows: [[String]], emphasized: Set<Int> = [],
        cell: (String) -> String = MarkdownWriter.cell
    ) {
        line(Markdown(raw: "| " + headers.map(cell).joined(separator: " | ") + " |"))
        line(Markdown(raw: "|" + headers.indices.map { i in i < right.count && right[i] ? " ---: |" : " --- |" }.joined()))
        for (i, row) in rows.enumerated() {
            let cells = headers.indices.map { j -> String in
                let e = j < row.count ? cell(row[j]) : ""
                return emphasized.contains(i) && !e.isEmpty ? "**\(e)**" : e
            }
            line(Markdown(raw: "| " + cells.joined(separator: " | ") + " |"))
        }
        blank()
    }

    // MARK: - Inline text

    /// Characters escaped wherever they stand: they could open emphasis, code, a link, raw
    /// HTML or an autolink, strikethrough, a table cell or a heading.
    private static let alwaysEscaped: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", "|", "#", "~"]

    /// Escaped inline text: one line, every character that could make markup escaped.
    ///
    /// `&` is escaped before what could be an entity, `!` before `[`, `>` at the start.
    /// Beyond the characters that always open markup, this breaks what GitHub links without
    /// any bracket: `scheme:` (`http://`, `javascript:`, `mailto:`) gets `\:`, `www.` gets
    /// `www\.`, and an `@` between address characters is followed by a word joiner (U+2060),
    /// since GitHub links e-mail addresses even through backslashes. A leading `-` `+` `=`
    /// (list, setext underline), a leading number with `.` or `)` (ordered list), a leading
    /// `(` (a link's target after a literal `]`) and leading spaces (indented code) are
    /// neutralised too, as the value may start a line or follow a list marker (a run of
    /// leading spaces becomes one).
    package static func inline(_ s: String) -> String {
        var chars = Array(Escape.plain(s))
        // Leading spaces: one at most (four would open an indented code block).
        let spaces = chars.prefix { $0 == " " }.count
        if spaces > 1 { chars.removeFirst(spaces - 1) }
        let lead = spaces > 0 ? 1 : 0  // the first character that is not a space
        var out = ""
        out.reserveCapacity(chars.count + 8)
        for (i, ch) in chars.enumerated() {
            let prev: Character? = i > 0 ? chars[i - 1] : nil
            let next: Character? = i + 1 < chars.count ? chars[i + 1] : nil
            if alwaysEscaped.contains(ch) {
                out.append("\\")
            } else if ch == "&", let n = next, n.isLetter || n.isNumber || n == "#" {
                out.append("\\")  // an entity such as &lt; or &#60;
            } else if ch == "!", next == "[" {
                out.append("\\")  // an image (the `[` is escaped too)
            } else if ch == ":", let p = prev, p.isASCII && p.isLetter, let n = next, n != " " {
                out.append("\\")  // scheme: http://, javascript:, mailto:
            } else if ch == ".", i >= 3, String(chars[(i - 3)..<i]).lowercased() == "www" {
                out.append("\\")  // www.
            } else if i == lead, "-+=(>".contains(ch), !(ch == "-" || ch == "+") || !(next.map { $0.isNumber || $0 == "$" } ?? false) {
                out.append("\\")  // list, setext underline, link target, quote; not "-3", "+$10"
            } else if ".)".contains(ch), i > lead, i <= lead + 9, next == nil || next == " ",
                chars[lead..<i].allSatisfy { $0.isASCII && $0.isNumber }
            {
                out.append("\\")  // "1." or "1)" would start an ordered list
            }
            out.append(ch)
            if ch == "@", let p = prev, isAddressCharacter(p), let n = next, isAddressCharacter(n) {
                out.append("\u{2060}")
            }
        }
        return out
    }

    /// A table cell: inline text (which escapes `|`); empty stays empty.
    package static func cell(_ s: String) -> String { inline(s) }

    /// A link to a file of the output folder, or just the escaped label when `path` is not
    /// such a file: a link from data may only ever point inside the folder it was written to.
    ///
    /// - Parameters:
    ///   - label: the link's text (escaped).
    ///   - path: relative, `/`-separated, without a scheme, `..`, `.` or empty segment.
    package static func localLink(_ label: String, to path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let safe =
            !path.isEmpty && !path.contains(":") && !path.contains("\\")
            && segments.allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
            && path.unicodeScalars.allSatisfy { !Escape.isUnsafe($0) && $0 != " " }
        guard safe else { return inline(label) }
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        let target = path.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return "[\(inline(label))](\(target))"
    }

    private static func isAddressCharacter(_ c: Character) -> Bool {
        c.isASCII && (c.isLetter || c.isNumber || ".+-_".contains(c))
    }
}

// MARK: - Markup

/// Markdown markup: literals are markup, interpolated `String`s are escaped text.
///
/// `"**No plan:** \(reason)"` writes the bold label as it is and escapes `reason`; a
/// `Markdown` interpolated into another is kept as markup. So a value from data cannot reach
/// a file as markup without being named `Markdown(raw:)` in this program.
package struct Markdown: ExpressibleByStringInterpolation, Equatable {
    package private(set) var markup: String

    package init(raw markup: String) { self.markup = markup }

    package init(text: String) { markup = MarkdownWriter.inline(text) }

    package init(stringLiteral value: String) { markup = value }

    package init(stringInterpolation: StringInterpolation) { markup = stringInterpolation.markup }

    package static func + (a: Markdown, b: Markdown) -> Markdown { Markdown(raw: a.markup + b.markup) }

    package struct StringInterpolation: StringInterpolationProtocol {
        var markup = ""

        package init(literalCapacity: Int, interpolationCount: Int) { markup.reserveCapacity(literalCapacity + 16 * interpolationCount) }

        package mutating func appendLiteral(_ literal: String) { markup += literal }

        /// Text: escaped.
        package mutating func appendInterpolation(_ text: String) { markup += MarkdownWriter.inline(text) }

        /// Markup: as it is.
        package mutating func appendInterpolation(_ m: Markdown) { markup += m.markup }

        package mutating func appendInterpolation(_ n: Int) { markup += String(n) }
    }
}
