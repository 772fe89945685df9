import Foundation
import VisitPlannerCore

/// Every recommendation of every report, grouped by operation, SGF area and priority, for
/// HQ's reporting to legislative bodies: `recommendations.csv` (for Excel) and
/// `recommendations.md` (to read or paste).
struct RecommendationsExport {
    static let csvName = "recommendations.csv"
    static let markdownName = "recommendations.md"
    static let csvHeader = ["operation", "sgf_area", "priority", "recommendation", "addressed_to", "deadline", "report", "report_status"]

    struct Row: Equatable {
        var operation: String
        /// The SGF area's full name when recognized, else as written ("" if none).
        var area: String
        var priority: String
        var recommendation: Recommendation
        var report: String
        var status: String
    }

    var plan: PlanDocument
    var rows: [Row]

    init(plan: PlanDocument, reports: [ReportCheck]) {
        self.plan = plan
        var rows: [(row: Row, date: Day?, index: Int)] = []
        for report in reports where report.state != .notStarted {
            for (i, rec) in report.recommendations.enumerated() {
                let area = SGFArea.matching(rec.area)?.rawValue ?? rec.area
                let priority = rec.priority.trimmingCharacters(in: .whitespaces).lowercased()
                let status = report.state.rawValue + (report.orphaned ? ", orphaned" : "")
                rows.append(
                    (
                        Row(
                            operation: report.operation, area: area, priority: priority, recommendation: rec,
                            report: report.file ?? report.key, status: status), report.date, i
                    ))
            }
        }
        func areaRank(_ a: String) -> Int { SGFArea.allCases.firstIndex { $0.rawValue == a } ?? (a.isEmpty ? 5 : 4) }
        rows.sort { x, y in
            let a = x.row, b = y.row
            if a.operation != b.operation { return a.operation < b.operation }
            if areaRank(a.area) != areaRank(b.area) { return areaRank(a.area) < areaRank(b.area) }
            if a.area != b.area { return a.area < b.area }
            let (pa, pb) = (RecommendationPriority.rank(a.priority), RecommendationPriority.rank(b.priority))
            if pa != pb { return pa < pb }
            if a.priority != b.priority { return a.priority < b.priority }
            if x.date != y.date { return (x.date ?? Day(number: .max)) < (y.date ?? Day(number: .max)) }
            if a.report != b.report { return a.report < b.report }
            return x.index < y.index
        }
        self.rows = rows.map(\.row)
    }

    // MARK: - CSV

    /// RFC 4180 CSV with a UTF-8 byte-order mark, so Excel shows accented names correctly.
    func csv() -> String {
        var lines = [Self.csvHeader.joined(separator: ",")]
        for r in rows {
            let rec = r.recommendation
            lines.append(
                [r.operation, r.area, r.priority, rec.text, rec.addressedTo, rec.deadline, r.report, r.status]
                    .map(Escape.csv).joined(separator: ","))
        }
        return "\u{FEFF}" + lines.joined(separator: "\r\n") + "\r\n"
    }

    // MARK: - Markdown

    func markdown() -> String {
        var out = "# Recommendations of the assessment reports\n\n"
        out += "Plan \(ReportMarkdown.escapeInline(plan.name)) (\(plan.horizon.start.iso) to \(plan.horizon.end.iso)): "
        out += "\(rows.count) recommendation\(rows.count == 1 ? "" : "s"), by operation, SGF area and priority. "
        out += "Written by `visitplan reports status`; edit the reports, not this file.\n"
        if rows.isEmpty { return out + "\nNo report records a recommendation yet.\n" }
        var operation: String?
        var area: String?
        for r in rows {
            if r.operation != operation {
                operation = r.operation
                area = nil
                let name = plan.operations.first { $0.code == r.operation }?.name
                out += "\n## \(ReportMarkdown.escapeInline(r.operation))\(name.map { ": " + ReportMarkdown.escapeInline($0) } ?? "")\n"
            }
            if r.area != area {
                area = r.area
                out += "\n### \(r.area.isEmpty ? "SGF area not given" : ReportMarkdown.escapeInline(r.area))\n\n"
                out += "| Priority | Recommendation | Addressed to | Deadline | Report |\n| --- | --- | --- | --- | --- |\n"
            }
            let rec = r.recommendation
            let cells = [
                r.priority.isEmpty ? "not given" : r.priority, rec.text, rec.addressedTo, rec.deadline,
                r.report + (r.status == ReportCheck.State.complete.rawValue ? "" : " (\(r.status))"),
            ]
            out +=
                "| " + cells.map { ReportMarkdown.escapeInline($0).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ")
                + " |\n"
        }
        return out
    }
}
