/// A plain-text table for the terminal: columns padded, numbers right-aligned.
///
/// Every header and cell is passed through `Escape.terminal` when rendered, so a value from data can
/// neither send an escape sequence to the terminal nor break a row onto a new line.
public struct TextTable: Sendable {
    public enum Alignment: Sendable { case left, right }

    public var headers: [String]
    public var alignments: [Alignment]
    public var rows: [[String]] = []

    public init(headers: [String], alignments: [Alignment]) {
        precondition(headers.count == alignments.count, "one alignment per column")
        self.headers = headers
        self.alignments = alignments
    }

    public mutating func add(_ row: [String]) { rows.append(row) }

    /// A separator row, drawn as dashes.
    public mutating func addRule() { rows.append([]) }

    public func render() -> String {
        let headers = self.headers.map(Escape.terminal)
        let rows = self.rows.map { $0.map(Escape.terminal) }
        var widths = headers.map(\.count)
        for row in rows {
            for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) }
        }
        func line(_ cells: [String]) -> String {
            var out = ""
            for i in headers.indices {
                let cell = i < cells.count ? cells[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                out += (i == 0 ? "" : "  ") + (alignments[i] == .right ? pad + cell : cell + pad)
            }
            while out.hasSuffix(" ") { out.removeLast() }
            return out
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
        var lines = [line(headers), rule]
        for row in rows { lines.append(row.isEmpty ? rule : line(row)) }
        return lines.joined(separator: "\n") + "\n"
    }
}
