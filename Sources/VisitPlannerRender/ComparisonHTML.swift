import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// `comparison.html`: one self-contained page with the sweep chart inline and the tables.
///
/// No scripts, no external style sheets or fonts: it opens offline and prints as it shows.
public enum ComparisonHTML {
    public static func page(_ doc: ComparisonDocument, svg: String?) -> String {
        let e = Escape.html
        var h: [String] = []
        h.append("<!DOCTYPE html>")
        h.append("<html lang=\"en\">")
        h.append("<head>")
        h.append("<meta charset=\"utf-8\">")
        h.append("<title>Scenario comparison — \(e(doc.name))</title>")
        h.append(
            """
            <style>
            body { font-family: Helvetica, Arial, sans-serif; margin: 2em; color: #1a1a1a; max-width: 72em; }
            table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
            th, td { border: 1px solid #cccccc; padding: 0.3em 0.6em; vertical-align: top; }
            th { background: #f0f3f7; text-align: left; }
            td.n { text-align: right; white-space: nowrap; }
            tr.base td { font-weight: bold; }
            .note { color: #555555; }
            </style>
            """)
        h.append("</head>")
        h.append("<body>")
        h.append("<h1>Scenario comparison — \(e(doc.name))</h1>")
        h.append(
            "<p class=\"note\">Plan year \(doc.horizon.start.iso) to \(doc.horizon.end.iso). "
                + "Each scenario's full plan is in the sub-folder named after it.</p>")
        h.append("<p class=\"note\">\(e(ComparisonTables.valueExplanation))</p>")

        if let sweep = doc.sweep {
            h.append("<h2>What the budget buys</h2>")
            if let svg { h.append(svg.trimmingCharacters(in: .whitespacesAndNewlines)) }
            h.append("<table>")
            h.append(
                "<tr><th>envelope</th><th>status</th><th>visits in person</th><th>in preferred windows</th>"
                    + "<th>virtual assessments</th><th>operations with nothing</th><th>assessment value (priority points)</th>"
                    + "<th>travel</th></tr>")
            for p in sweep.points {
                let base = p.envelope == sweep.base
                let planned = p.value != nil
                var cells = "<td class=\"n\">\(e(dollars(p.envelope)))\(base ? " (base)" : "")</td>"
                cells += "<td>\(e(ComparisonTables.statusText(p.status)))</td>"
                cells += [
                    planned ? "\(p.inPersonVisits)" : "—", planned ? "\(p.preferredWindowVisits)" : "—",
                    planned ? "\(p.virtualAssessments)" : "—", planned ? "\(p.notAssessed.count)" : "—",
                    ComparisonTables.value(p.value), dollars(p.travelCost),
                ].map { "<td class=\"n\">\(e($0))</td>" }.joined()
                h.append("<tr\(base ? " class=\"base\"" : "")>\(cells)</tr>")
            }
            h.append("</table>")
            if !sweep.marginal.isEmpty {
                h.append("<h3>\(e(ComparisonTables.buysTitle(sweep)))</h3>")
                h.append("<ul>")
                for m in sweep.marginal {
                    h.append("<li>\(e(ComparisonTables.stepText(m))): \(e(ComparisonTables.buysText(m)))</li>")
                }
                h.append("</ul>")
            }
            h.append("<h3>Budget below which each operation drops out</h3>")
            h.append("<p class=\"note\">\(e(ComparisonTables.dropOutOrder))</p>")
            h.append("<ul>")
            for line in ComparisonTables.dropOutLines(sweep) { h.append("<li>\(e(line))</li>") }
            h.append("</ul>")
        }

        h.append("<h2>Scenarios side by side</h2>")
        h.append("<table>")
        h.append(
            "<tr><th>scenario</th><th>title</th><th>status</th><th>visits in person</th><th>in preferred windows</th>"
                + "<th>virtual assessments</th><th>operations with nothing</th><th>assessment value (priority points)</th>"
                + "<th>travel</th><th>PSC</th><th>total</th><th>remaining</th><th>not visited in person</th><th>vs base</th></tr>")
        for s in doc.scenarios {
            let isBase = s.id == doc.base
            var cells = "<td>\(e(s.id))</td><td>\(e(s.title))</td><td>\(e(ComparisonTables.statusText(s.status)))</td>"
            cells += [
                "\(s.inPersonVisits)", "\(s.preferredWindowVisits)", "\(s.virtualAssessments)", "\(s.notAssessed.count)",
                ComparisonTables.value(s.value), dollars(s.travelCost), dollars(s.psc), dollars(s.total), dollars(s.remaining),
            ].map { "<td class=\"n\">\(e($0))</td>" }.joined()
            cells += "<td>\(e(s.notVisited.map(\.operation).joined(separator: ", ")))</td>"
            cells += "<td>\(e(isBase ? "(base)" : ComparisonTables.diffCounts(s.diff)))</td>"
            h.append("<tr\(isBase ? " class=\"base\"" : "")>\(cells)</tr>")
        }
        h.append("</table>")

        for s in doc.scenarios {
            h.append("<h3>\(e(s.id)) — \(e(s.title))</h3>")
            h.append("<ul>")
            h.append(
                "<li>\(e(ComparisonTables.coverageText(inPerson: s.inPersonVisits, preferred: s.preferredWindowVisits, virtual: s.virtualAssessments, nothing: s.notAssessed))).</li>"
            )
            h.append("<li>Changes: \(e(s.changes.isEmpty ? "none (the data as it is)" : s.changes.joined(separator: "; ")))</li>")
            if let problem = s.problem { h.append("<li><strong>No plan</strong>: \(e(problem))</li>") }
            for n in s.notVisited { h.append("<li>Not visited: \(e(n.operation))\(n.reason.map { ": " + e($0) } ?? "")</li>") }
            if let d = s.diff {
                for (label, items) in [
                    ("Added", d.added.map(ComparisonTables.visitText)), ("Dropped", d.dropped.map(ComparisonTables.visitText)),
                    ("Moved", d.moved.map(ComparisonTables.changeText)),
                    ("Re-assigned", d.reassigned.map(ComparisonTables.changeText)),
                ] where !items.isEmpty {
                    h.append("<li>\(label): \(e(items.joined(separator: "; ")))</li>")
                }
            }
            h.append("</ul>")
        }
        h.append("</body>")
        h.append("</html>")
        return h.joined(separator: "\n") + "\n"
    }
}
