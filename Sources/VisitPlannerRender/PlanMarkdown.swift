import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// `plan.md`: the plan summary as Markdown, readable as plain text and rendered by any
/// Markdown viewer (GitHub, VS Code, pandoc to Word).
public enum PlanMarkdown {
    public static func render(_ doc: PlanDocument) -> String {
        let report = PlanReport(PlanIndex(doc))
        var md = MarkdownWriter()
        md.heading(1, report.title)
        for line in report.intro { md.bullet(line) }
        md.blank()
        if let why = report.infeasibility {
            md.paragraph(markup: "**No plan:** \(why)")
        }
        md.heading(2, "Budget")
        md.table(report.budget)
        md.heading(2, "Visits by month")
        if report.months.rows.isEmpty {
            md.paragraph("No trips are planned.")
        } else {
            md.table(report.months)
            md.paragraph("* the stay falls inside one of the operation's preferred windows.")
        }
        if let spread = report.spread {
            md.heading(2, "Spread of the work")
            for line in report.spreadSummary { md.bullet(line) }
            md.blank()
            md.table(spread)
        }
        if !report.lateRequests.isEmpty {
            md.heading(2, "Requests needing a justification")
            for line in report.lateRequests { md.bullet(line) }
            md.blank()
        }
        md.heading(2, "Trips by manager")
        for section in report.managers {
            md.heading(3, section.heading)
            md.paragraph(section.summary)
            md.table(section.table)
        }
        if !report.notTravelling.isEmpty {
            md.paragraph("Not travelling: " + report.notTravelling.joined(separator: "; "))
        }
        md.heading(2, "Virtual assessments")
        if let t = report.virtual { md.table(t) } else { md.paragraph("None.") }
        md.heading(2, "Operations not visited in person")
        if let t = report.notVisited { md.table(t) } else { md.paragraph("None: every operation is visited in person or virtually.") }
        md.heading(2, "Solver")
        for line in report.solver { md.bullet(line) }
        md.blank()
        md.paragraph(report.timing)
        return md.text
    }
}

extension MarkdownWriter {
    /// A report table (`plan.md`, itineraries); emphasized rows are bold.
    mutating func table(_ t: ReportTable) { table(t.headers, right: t.numeric, rows: t.rows, emphasized: t.emphasized) }
}
