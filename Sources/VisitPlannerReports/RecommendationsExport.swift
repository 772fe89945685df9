import Foundation
import VisitPlannerCore
import VisitPlannerWriters

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

    /// Written with `CSVWriter`: byte-order mark, CRLF, RFC 4180, formula guard.
    func csv() -> String {
        var csv = CSVWriter(header: Self.csvHeader)
        for r in rows {
            let rec = r.recommendation
            csv.add([r.operation, r.area, r.priority, rec.text, rec.addressedTo, rec.deadline, r.report, r.status].map { .text($0) })
        }
        return csv.text
    }

    // MARK: - Markdown

    func markdown() -> String {
        var md = MarkdownWriter()
        md.heading(1, "Recommendations of the assessment reports")
        md.paragraph(
            markup: "Plan \(plan.name) (\(plan.horizon.start.iso) to \(plan.horizon.end.iso)): "
                + "\(rows.count) recommendation\(rows.count == 1 ? "" : "s"), by operation, SGF area and priority. "
                + "Written by `visitplan reports status`; edit the reports, not this file.")
        if rows.isEmpty {
            md.paragraph("No report records a recommendation yet.")
            return md.text
        }
        var groups: [(operation: String, area: String, rows: [Row])] = []
        for r in rows {
            if let last = groups.last, last.operation == r.operation, last.area == r.area {
                groups[groups.count - 1].rows.append(r)
            } else {
                groups.append((r.operation, r.area, [r]))
            }
        }
        for (i, group) in groups.enumerated() {
            if i == 0 || groups[i - 1].operation != group.operation {
                let name = plan.operations.first { $0.code == group.operation }?.name
                md.heading(2, group.operation + (name.map { ": " + $0 } ?? ""))
            }
            md.heading(3, group.area.isEmpty ? "SGF area not given" : group.area)
            md.table(
                ["Priority", "Recommendation", "Addressed to", "Deadline", "Report"], right: [false, false, false, false, false],
                rows: group.rows.map { r in
                    [
                        r.priority.isEmpty ? "not given" : r.priority, r.recommendation.text, r.recommendation.addressedTo,
                        r.recommendation.deadline,
                        r.report + (r.status == ReportCheck.State.complete.rawValue ? "" : " (\(r.status))"),
                    ]
                })
        }
        return md.text
    }
}
