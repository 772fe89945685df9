import Foundation
import VisitPlannerCore

/// `plan.md`: the plan summary as Markdown, readable as plain text and rendered by any
/// Markdown viewer (GitHub, VS Code, pandoc to Word).
public enum PlanMarkdown {
    public static func render(_ doc: PlanDocument) -> String {
        let report = PlanReport(PlanIndex(doc))
        var md = MarkdownText()
        md.heading(1, report.title)
        for line in report.intro { md.line("- " + Escape.markdown(line)) }
        md.blank()
        if let why = report.infeasibility {
            md.line("**No plan:** " + Escape.markdown(why))
            md.blank()
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
        for line in report.solver { md.line("- " + Escape.markdown(line)) }
        md.blank()
        md.paragraph(report.timing)
        return md.text
    }
}

/// Builds Markdown text; every string passed in is escaped here, never by the caller.
struct MarkdownText {
    private(set) var text = ""

    mutating func line(_ s: String) { text += s + "\n" }
    mutating func blank() { text += "\n" }

    mutating func heading(_ level: Int, _ s: String) {
        line(String(repeating: "#", count: level) + " " + Escape.markdown(s))
        blank()
    }

    mutating func paragraph(_ s: String, escaped: Bool = false) {
        line(escaped ? s : Escape.markdown(s))
        blank()
    }

    /// A GitHub-flavoured pipe table; emphasized rows are bold.
    mutating func table(_ t: ReportTable) {
        line("| " + t.headers.map(Escape.markdown).joined(separator: " | ") + " |")
        line("|" + t.numeric.map { $0 ? " ---: |" : " --- |" }.joined())
        for (i, row) in t.rows.enumerated() {
            let strong = t.emphasized.contains(i)
            let cells = row.map { cell -> String in
                let e = Escape.markdown(cell)
                return strong && !e.isEmpty ? "**\(e)**" : e
            }
            line("| " + cells.joined(separator: " | ") + " |")
        }
        blank()
    }
}
