import Foundation
import VisitPlannerCore

/// `status`'s files: the budget position as Markdown (to read) and CSV (to pivot), written
/// atomically into the register's report folder.
public enum StatusReport {
    /// The file names for a position: `status.md`…, or `status-2027-06-15.md`… as of a date.
    public static func fileNames(asOf: Day?) -> (markdown: String, position: String, quarters: String, variance: String) {
        let suffix = asOf.map { "-\($0.iso)" } ?? ""
        return ("status\(suffix).md", "status\(suffix).csv", "quarters\(suffix).csv", "variance\(suffix).csv")
    }

    /// Writes the four files; returns their URLs.
    @discardableResult
    public static func write(_ p: BudgetPosition, to folder: URL) throws -> [URL] {
        let names = fileNames(asOf: p.asOf)
        let files: [(String, String)] = [
            (names.markdown, markdown(p)), (names.position, positionCSV(p)), (names.quarters, quartersCSV(p)),
            (names.variance, varianceCSV(p)),
        ]
        return try files.map { name, text in
            let url = folder.appendingPathComponent(name)
            try AtomicFile.write(text, to: url)
            return url
        }
    }

    /// The position table's rows, in order, with their labels.
    static func rows(_ p: BudgetPosition) -> [(String, BudgetPosition.Line, Int?)] {
        BudgetPosition.Category.allCases.map { ($0.rawValue, p.lines[$0] ?? .zero, p.counts[$0] ?? 0) }
            + [("forecast", p.forecast, nil), ("free", p.free, nil), ("envelope", p.envelope, nil)]
    }

    // MARK: - Summary

    /// A few lines for the terminal.
    public static func summary(_ p: BudgetPosition) -> String {
        let when = p.asOf.map { "as of \($0.iso)" } ?? "now"
        var lines = ["Budget position \(when) (baseline \(p.plan)), travel + PSC:"]
        for (label, line, count) in rows(p) {
            let trips = count.map { " (\($0) trip\($0 == 1 ? "" : "s"))" } ?? ""
            lines.append(
                "  " + label.padding(toLength: 10, withPad: " ", startingAt: 0)
                    + line.total.description.leftPadded(14) + "  = " + line.travel.description + " + " + line.psc.description + trips)
        }
        lines.append("  variance of actual against estimate: \(p.totalVariance) on \(p.variances.count) travelled trips")
        return lines.joined(separator: "\n")
    }

    // MARK: - Markdown

    public static func markdown(_ p: BudgetPosition) -> String {
        var out = "# Budget position \(p.asOf.map { "as of \($0.iso)" } ?? "")\n\n".replacingOccurrences(of: " \n", with: "\n")
        out += "Baseline: \(md(p.plan)). Amounts in US dollars; PSC on each line's travel, rounded to the cent.\n\n"
        out += "| | trips | travel | PSC | total |\n|---|---:|---:|---:|---:|\n"
        for (label, line, count) in rows(p) {
            out += "| \(label) | \(count.map(String.init) ?? "") | \(line.travel) | \(line.psc) | \(line.total) |\n"
        }
        out += "\nSpent: actual costs of travelled trips. Committed: booked trips at their booked cost, approved ones at the "
        out += "approved estimate. Requested: awaiting approval, at the estimate. Planned: planned or postponed, at the estimate. "
        out += "Forecast: the year's end if everything goes ahead. Free: the envelope minus the forecast."
        if p.cancelled > 0 { out += " \(p.cancelled) cancelled trip\(p.cancelled == 1 ? "" : "s") count nothing." }
        out += "\n\n## By quarter (travel, by departure)\n\n| quarter | spent | committed | requested | planned | total |\n"
        out += "|---|---:|---:|---:|---:|---:|\n"
        for q in p.quarters {
            let cells = BudgetPosition.Category.allCases.map { (q.travel[$0] ?? .zero).description }
            out += "| \(q.label) | \(cells.joined(separator: " | ")) | \(q.total) |\n"
        }
        out += "\n## Actual against estimate\n\n"
        if p.variances.isEmpty {
            out += "No trip has travelled yet.\n"
        } else {
            out += "| trip | traveller | status | estimate | approved | actual | variance | flags |\n"
            out += "|---|---|---|---:|---:|---:|---:|---|\n"
            for v in p.variances {
                let flags = [v.needsReapproval ? "re-approval needed" : nil, v.notAsPlanned ? "not as planned" : nil].compactMap { $0 }
                out += "| \(md(v.trip)) | \(md(v.manager)) | \(v.status) | \(v.estimate) | \(v.approved?.description ?? "") | "
                out += "\(v.actual) | \(v.variance) | \(flags.joined(separator: ", ")) |\n"
            }
            out += "| total | | | | | | \(p.totalVariance) | |\n"
        }
        return out
    }

    /// Inline Markdown text from data: punctuation that could format is escaped.
    static func md(_ s: String) -> String {
        var out = ""
        for ch in s.replacingOccurrences(of: "\n", with: " ") {
            if "\\`*_[]<>|#!~&".contains(ch) { out.append("\\") }
            out.append(ch)
        }
        return out
    }

    // MARK: - CSV

    public static func positionCSV(_ p: BudgetPosition) -> String {
        var table = [["line", "trips", "travel", "psc", "total"]]
        for (label, line, count) in rows(p) {
            table.append([label, count.map(String.init) ?? "", line.travel.plain, line.psc.plain, line.total.plain])
        }
        return CSVText.document(table.map { $0.map(CSVText.number) })
    }

    public static func quartersCSV(_ p: BudgetPosition) -> String {
        var rows = [["quarter"] + BudgetPosition.Category.allCases.map(\.rawValue) + ["total"]]
        for q in p.quarters {
            rows.append([q.label] + BudgetPosition.Category.allCases.map { (q.travel[$0] ?? .zero).plain } + [q.total.plain])
        }
        return CSVText.document(rows)
    }

    public static func varianceCSV(_ p: BudgetPosition) -> String {
        var rows = [
            [
                "trip", "traveller", "status", "estimate", "approved", "actual", "variance", "needs_reapproval", "not_as_planned",
            ]
        ]
        for v in p.variances {
            rows.append(
                [
                    CSVText.field(v.trip), CSVText.field(v.manager), v.status.rawValue, v.estimate.plain, v.approved?.plain ?? "",
                    v.actual.plain, v.variance.plain, v.needsReapproval ? "yes" : "no", v.notAsPlanned ? "yes" : "no",
                ])
        }
        return CSVText.document(rows)
    }
}

extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
