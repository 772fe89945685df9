import Foundation
import VisitPlannerCore

/// `status`'s files: the budget position as Markdown (to read) and CSV (to pivot), written
/// atomically into the register's report folder.
public enum StatusReport {
    /// The file names for a position: `status.md`…, or `status-2027-06-15.md`… as of a date.
    public static func fileNames(asOf: Day?) -> (
        markdown: String, position: String, quarters: String, variance: String, chart: String
    ) {
        let suffix = asOf.map { "-\($0.iso)" } ?? ""
        return (
            "status\(suffix).md", "status\(suffix).csv", "quarters\(suffix).csv", "variance\(suffix).csv", "burndown\(suffix).svg"
        )
    }

    /// Writes the four files; returns their URLs.
    @discardableResult
    public static func write(_ p: BudgetPosition, to folder: URL) throws -> [URL] {
        let names = fileNames(asOf: p.asOf)
        let files: [(String, String)] = [
            (names.markdown, markdown(p)), (names.position, positionCSV(p)), (names.quarters, quartersCSV(p)),
            (names.variance, varianceCSV(p)), (names.chart, burnDownSVG(p)),
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

    // MARK: - Burn-down chart

    /// The travel money left month by month (travel cap less cumulative travel by month of
    /// departure): the baseline as adopted, what is spent or committed, and the forecast. Only
    /// numbers and month names are drawn, so no text from data reaches the file.
    public static func burnDownSVG(_ p: BudgetPosition) -> String {
        let width = 720.0, height = 360.0, left = 90.0, right = 20.0, top = 40.0, bottom = 50.0
        let cap = Double(p.envelope.travel.cents)
        let lows = p.months.flatMap { [$0.baseline, $0.spentOrCommitted, $0.forecast] }.map { cap - Double($0.cents) }
        let low = min(0, lows.min() ?? 0), high = max(cap, 1)
        func x(_ i: Int) -> Double { left + (width - left - right) * Double(i) / 12 }
        func y(_ cents: Double) -> Double { top + (height - top - bottom) * (high - cents) / (high - low) }
        func f(_ v: Double) -> String { String(format: "%.1f", v) }
        func path(_ values: [Money]) -> String {
            var d = "M\(f(x(0))),\(f(y(cap)))"
            for (i, v) in values.enumerated() { d += " L\(f(x(i + 1))),\(f(y(cap - Double(v.cents))))" }
            return d
        }
        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(width))" height="\(Int(height))" viewBox="0 0 \(Int(width)) \(Int(height))" font-family="sans-serif" font-size="12">
            <title>Travel money left by month</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(f(left))" y="20" font-size="14" font-weight="bold">Travel money left by month (US dollars)</text>

            """
        for k in 0...4 {
            let v = low + (high - low) * Double(k) / 4
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y(v)))\" x2=\"\(f(width - right))\" y2=\"\(f(y(v)))\" stroke=\"#ddd\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y(v) + 4))\" text-anchor=\"end\">\(Money(cents: Int64(v.rounded())))</text>\n"
        }
        for i in 0...12 {
            let label = i == 0 ? "start" : String(Day.monthNames[i - 1].prefix(3))
            svg += "<text x=\"\(f(x(i)))\" y=\"\(f(height - bottom + 18))\" text-anchor=\"middle\">\(label)</text>\n"
        }
        let series: [(String, String, String, [Money])] = [
            ("baseline as adopted", "#888", "6 4", p.months.map(\.baseline)),
            ("forecast", "#1f77b4", "3 3", p.months.map(\.forecast)),
            ("spent or committed", "#d62728", "", p.months.map(\.spentOrCommitted)),
        ]
        for (k, (name, colour, dash, values)) in series.enumerated() {
            let dashes = dash.isEmpty ? "" : " stroke-dasharray=\"\(dash)\""
            svg += "<path d=\"\(path(values))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dashes)/>\n"
            let lx = left + Double(k) * 190
            svg +=
                "<line x1=\"\(f(lx))\" y1=\"\(f(height - 12))\" x2=\"\(f(lx + 24))\" y2=\"\(f(height - 12))\" stroke=\"\(colour)\" stroke-width=\"2\"\(dashes)/>"
            svg += "<text x=\"\(f(lx + 30))\" y=\"\(f(height - 8))\">\(name)</text>\n"
        }
        return svg + "</svg>\n"
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
