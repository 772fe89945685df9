import CSV
import Foundation

/// A data table as its file holds it, for editing in a form and writing back in the same shape:
/// the header in its order, the byte-order mark and line ends the file had, its separator, and
/// quotes only where a cell needs them (a separator, a quote or a line break inside).
///
/// Parsing is CSV.swift's, as the loader's is. Blank lines are dropped on writing; every other
/// record keeps its cells exactly as written, so a row nobody edited reads back the same.
struct CSVFileText: Equatable {
    var byteOrderMark: Bool
    var lineEnd: String
    var separator: Character
    var header: [String]
    var rows: [[String]]
    /// The line (1-based) each row starts on in the text it was read from.
    var lines: [Int]

    /// Reads a UTF-8 CSV file's bytes; nil when they are not UTF-8 text with a header row.
    static func parse(_ data: Data) -> CSVFileText? {
        // On the bytes: decoding may drop the byte-order mark silently.
        let bom = data.starts(with: [0xEF, 0xBB, 0xBF])
        guard var text = String(data: bom ? data.dropFirst(3) : data, encoding: .utf8) else { return nil }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let lineEnd = text.contains("\r\n") ? "\r\n" : "\n"
        let firstLine = text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" }).first { !$0.allSatisfy(\.isWhitespace) } ?? ""
        let candidates: [Character] = [",", ";", "\t"]
        let separator = candidates.max { a, b in firstLine.filter { $0 == a }.count < firstLine.filter { $0 == b }.count }!
        let sep: Character = firstLine.contains(separator) ? separator : ","
        guard let reader = try? CSVReader(string: text, hasHeaderRow: false, delimiter: sep.unicodeScalars.first!) else { return nil }
        var header: [String]?
        var rows: [[String]] = []
        var lines: [Int] = []
        var line = 1
        while let row = reader.next() {
            let start = line
            line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count }
            if row.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { continue }
            if header == nil {
                header = row.map { $0.trimmingCharacters(in: .whitespaces) }
            } else {
                rows.append(row)
                lines.append(start)
            }
        }
        guard let header else { return nil }
        return CSVFileText(byteOrderMark: bom, lineEnd: lineEnd, separator: sep, header: header, rows: rows, lines: lines)
    }

    /// The file's text: header, then each row, each ended by the file's line end.
    func text() -> String {
        let body = ([header] + rows).map { $0.map(quoted).joined(separator: String(separator)) + lineEnd }.joined()
        return (byteOrderMark ? "\u{FEFF}" : "") + body
    }

    /// The line each row starts on in `text()`.
    func writtenLines() -> [Int] {
        var line = 2
        return rows.map { row in
            defer { line += 1 + row.reduce(0) { $0 + $1.filter { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }.count } }
            return line
        }
    }

    /// A cell as written: in quotes (inner quotes doubled) only when it holds the separator, a
    /// quote or a line break.
    func quoted(_ cell: String) -> String {
        guard cell.contains(where: { $0 == separator || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" }) else { return cell }
        return "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// A row's cells by column name (missing cells empty).
    func cells(_ index: Int) -> [String: String] {
        var out: [String: String] = [:]
        for (i, name) in header.enumerated() { out[name] = i < rows[index].count ? rows[index][i] : "" }
        return out
    }

    /// A row made from cells by column name, in header order.
    func row(from cells: [String: String]) -> [String] { header.map { cells[$0] ?? "" } }
}
