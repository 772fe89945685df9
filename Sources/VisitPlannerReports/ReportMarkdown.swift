import Foundation
import VisitPlannerWriters

/// Reports as Markdown: written from blocks, read back into blocks.
public enum ReportMarkdown {
    // MARK: - Writing

    /// The Markdown text of a report: UTF-8, `\n` line ends, one trailing newline.
    ///
    /// Every text goes through `MarkdownWriter` (see `inline`): a value from plan.json or an
    /// earlier report shows as written and never becomes markup.
    public static func render(_ blocks: [ReportBlock]) -> String {
        var chunks: [String] = []
        var i = 0
        while i < blocks.count {
            switch blocks[i] {
            case .title(let t): chunks.append("# " + inline(t)); i += 1
            case .heading1(let t): chunks.append("## " + inline(t)); i += 1
            case .heading2(let t): chunks.append("### " + inline(t)); i += 1
            case .paragraph(let t): chunks.append(inline(t)); i += 1
            case .table(let header, let rows):
                var md = MarkdownWriter()
                md.table(header, right: header.map { _ in false }, rows: rows, cell: inline)
                chunks.append(md.text.trimmingCharacters(in: .newlines))
                i += 1
            case .field, .checkbox:
                // Consecutive fields or tick boxes make one list.
                var lines: [String] = []
                while i < blocks.count {
                    if case .field(let label, let value) = blocks[i] {
                        lines.append("- **\(inline(label)):** \(inline(value))")
                    } else if case .checkbox(let text, let checked) = blocks[i] {
                        lines.append("- [\(checked ? "x" : " ")] \(inline(text))")
                    } else {
                        break
                    }
                    i += 1
                }
                chunks.append(lines.joined(separator: "\n"))
            case .guidance:
                // Consecutive guidance makes one block quote; questions are a list inside it.
                var lines: [String] = []
                while i < blocks.count, case .guidance(let t) = blocks[i] {
                    let isQuestion = t.hasSuffix("?")
                    if !lines.isEmpty && !(isQuestion && lines.last!.hasPrefix("> - ") || isQuestion && lines.last!.hasSuffix(":")) {
                        lines.append(">")
                    }
                    lines.append(isQuestion ? "> - " + inline(t) : "> " + inline(t))
                    i += 1
                }
                chunks.append(lines.joined(separator: "\n"))
            }
        }
        return chunks.joined(separator: "\n\n") + "\n"
    }

    /// Inline text of a report: escaped by `MarkdownWriter.inline`, except the brackets of
    /// each `[[TO FILL: …]]` placeholder, which stay as they are so that a desk officer sees
    /// and replaces them (their hint is escaped, and the text after them cannot make them a
    /// link: `MarkdownWriter.inline` escapes a leading `(`).
    static func inline(_ text: String) -> String {
        var out = ""
        var rest = Substring(text)
        while let start = rest.range(of: "[[TO FILL"), let end = rest[start.upperBound...].range(of: "]]") {
            out += MarkdownWriter.inline(String(rest[..<start.lowerBound]))
            out += "[[TO FILL" + MarkdownWriter.inline(String(rest[start.upperBound..<end.lowerBound])) + "]]"
            rest = rest[end.upperBound...]
        }
        return out + MarkdownWriter.inline(String(rest))
    }

    // MARK: - Reading

    /// The blocks of a Markdown report: ATX headings (`#` title, `##`, `###`), pipe tables, and
    /// every other non-empty line as text (list, quote and tick-box markers kept, for the checker).
    public static func read(_ text: String) -> [ReadBlock] {
        var blocks: [ReadBlock] = []
        var table: [[String]] = []
        var inComment = false
        func flushTable() {
            if !table.isEmpty { blocks.append(.table(table)); table = [] }
        }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        for raw in lines {
            var line = raw.trimmingCharacters(in: .whitespaces)
            if inComment {
                guard let end = line.range(of: "-->") else { continue }
                line = String(line[end.upperBound...]).trimmingCharacters(in: .whitespaces)
                inComment = false
            }
            while let start = line.range(of: "<!--") {
                if let end = line.range(of: "-->", range: start.upperBound..<line.endIndex) {
                    line.removeSubrange(start.lowerBound..<end.upperBound)
                } else {
                    line = String(line[..<start.lowerBound])
                    inComment = true
                }
            }
            line = line.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("|") {
                let cells = splitRow(line)
                if !cells.allSatisfy(isSeparatorCell) || cells.isEmpty { table.append(cells) }
                continue
            }
            flushTable()
            if line.isEmpty || line == ">" { continue }
            if line.hasPrefix("#") {
                let hashes = line.prefix { $0 == "#" }.count
                let rest = line.dropFirst(hashes)
                if hashes <= 6, rest.isEmpty || rest.hasPrefix(" ") {
                    var title = rest.trimmingCharacters(in: .whitespaces)
                    while title.hasSuffix("#") { title.removeLast() }  // closing hashes are allowed
                    blocks.append(.heading(level: hashes - 1, text: ReportText.normalized(title)))
                    continue
                }
            }
            blocks.append(.text(line))
        }
        flushTable()
        return blocks
    }

    private static func splitRow(_ line: String) -> [String] {
        var cells: [String] = []
        var current = ""
        var escaping = false
        for c in line {
            if escaping {
                if c != "|" { current.append("\\") }
                current.append(c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else if c == "|" {
                cells.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        if escaping { current.append("\\") }
        cells.append(current)
        // The leading pipe gives an empty first piece; a trailing pipe an empty last one.
        if !cells.isEmpty { cells.removeFirst() }
        if let last = cells.last, last.trimmingCharacters(in: .whitespaces).isEmpty { cells.removeLast() }
        return cells.map { ReportText.normalized($0) }
    }

    private static func isSeparatorCell(_ cell: String) -> Bool {
        let t = cell.trimmingCharacters(in: .whitespaces)
        return !t.isEmpty && t.allSatisfy { $0 == "-" || $0 == ":" }
    }
}
