import Foundation
import VisitPlannerCore

/// `comparison.md`, `comparison.csv` and the terminal summary of `visitplan compare`.
///
/// All three read the same `ComparisonDocument`, so every output shows the same figures.
public enum ComparisonTables {
    // MARK: - Shared rows

    static let headers = ["scenario", "status", "visits", "ops covered", "virtual", "value", "travel", "PSC", "total", "remaining"]

    static func row(_ s: ComparisonDocument.Scenario) -> [String] {
        [
            s.id, statusText(s.status), "\(s.inPersonVisits)", "\(s.operationsCovered)", "\(s.virtualAssessments)", "\(s.value)",
            dollars(s.travelCost), dollars(s.psc), dollars(s.total), dollars(s.remaining),
        ]
    }

    static func statusText(_ status: String) -> String {
        switch status {
        case "timeLimit": return "time limit"
        default: return status
        }
    }

    static func diffCounts(_ d: ComparisonDocument.Diff?) -> String {
        guard let d else { return "" }
        return "+\(d.added.count) / -\(d.dropped.count) / moved \(d.moved.count) / re-assigned \(d.reassigned.count)"
    }

    static func visitText(_ v: ComparisonDocument.Visit) -> String {
        "\(v.operation) (\(v.manager), \(v.arrive.iso) to \(v.leave.iso))"
    }

    static func changeText(_ c: ComparisonDocument.Change) -> String {
        let who = c.base.manager == c.scenario.manager ? c.base.manager : "\(c.base.manager) → \(c.scenario.manager)"
        let when =
            c.base.arrive == c.scenario.arrive && c.base.leave == c.scenario.leave
            ? "\(c.base.arrive.iso) to \(c.base.leave.iso)"
            : "\(c.base.arrive.iso)–\(c.base.leave.iso) → \(c.scenario.arrive.iso)–\(c.scenario.leave.iso)"
        return "\(c.operation) (\(who), \(when))"
    }

    // MARK: - Terminal

    /// What `visitplan compare` prints: the side-by-side table and, with a sweep, the marginal
    /// values and drop-out budgets.
    public static func summary(_ doc: ComparisonDocument) -> String {
        var out: [String] = []
        let t = Escape.terminal
        out.append(
            "VisitPlanner — \(t(doc.name)): \(doc.scenarios.count) scenario\(doc.scenarios.count == 1 ? "" : "s"), "
                + "horizon \(doc.horizon.start.iso) to \(doc.horizon.end.iso)")
        out.append("")
        var table = TextTable(
            headers: headers + ["vs base (+added / -dropped)"],
            alignments: [.left, .left] + Array(repeating: .right, count: 8) + [.left])
        for s in doc.scenarios { table.add(row(s) + [s.id == doc.base ? "(base)" : diffCounts(s.diff)]) }
        out.append(table.render())
        for s in doc.scenarios {
            if let problem = s.problem { out.append("\(t(s.id)): NO PLAN: \(t(problem))") }
            let missing = s.notVisited.map(\.operation)
            if !missing.isEmpty && s.problem == nil {
                out.append("\(t(s.id)): not visited in person: \(t(missing.joined(separator: ", ")))")
            }
        }
        if let sweep = doc.sweep {
            out.append("")
            out.append(contentsOf: sweepText(sweep))
        }
        return out.joined(separator: "\n")
    }

    static func sweepText(_ sweep: ComparisonDocument.Sweep) -> [String] {
        var out = ["Value of each extra $1,000 (sweep of \(sweep.points.count) envelopes)"]
        var table = TextTable(
            headers: ["envelope", "value", "travel", "value per extra $1,000"], alignments: [.right, .right, .right, .right])
        for (i, p) in sweep.points.enumerated() {
            let step = i == 0 ? nil : sweep.marginal.first { $0.to == p.envelope }
            let mark = p.envelope == sweep.base ? " (base)" : ""
            table.add([
                dollars(p.envelope) + mark, p.value.map { "\($0)" } ?? statusText(p.status), dollars(p.travelCost),
                step.map { "\($0.valuePerThousand)" } ?? "",
            ])
        }
        out.append(table.render())
        out.append("Budget below which each operation drops out")
        for d in sweep.dropOuts { out.append("  " + Escape.terminal(dropOutText(d, lowest: sweep.points.first?.envelope))) }
        return out
    }

    static func dropOutText(_ d: ComparisonDocument.DropOut, lowest: Decimal?) -> String {
        guard let from = d.visitedFrom else { return "\(d.operation): not visited even at the top of the range" }
        if d.alwaysVisited { return "\(d.operation): visited at every envelope from \(lowest.map(dollars) ?? dollars(from))" }
        var text = "\(d.operation): drops out below \(dollars(from))"
        if !d.alsoVisitedAt.isEmpty { text += " (also visited at \(d.alsoVisitedAt.map(dollars).joined(separator: ", ")))" }
        return text
    }

    // MARK: - Markdown

    public static func markdown(_ doc: ComparisonDocument) -> String {
        var md = MarkdownWriter()
        md.heading(1, "Scenario comparison — \(doc.name)")
        md.paragraph(
            "Plan year \(doc.horizon.start.iso) to \(doc.horizon.end.iso). Each scenario is the base data with the changes "
                + "listed below; its full plan is in the sub-folder named after it. Value is in priority units (an in-person "
                + "visit is worth its operation's priority, plus bonuses).")
        md.heading(2, "Side by side")
        md.table(
            [
                "scenario", "title", "status", "in-person visits", "operations covered", "virtual", "value", "travel",
                "PSC", "total", "remaining",
            ],
            right: [false, false, false] + Array(repeating: true, count: 8),
            rows: doc.scenarios.map { s in
                let r = row(s)
                return [r[0], s.title, r[1]] + Array(r[2...])
            })
        md.heading(2, "Scenarios")
        for s in doc.scenarios {
            md.heading(3, "\(s.id) — \(s.title)")
            md.bullet("Changes: " + (s.changes.isEmpty ? "none (the data as it is)" : s.changes.joined(separator: "; ")))
            md.bullet(
                markup: "Envelope \(dollars(s.envelope)), PSC \(percent(s.pscRate)), travel cap \(dollars(s.travelCap)); plan in "
                    + Markdown(raw: MarkdownWriter.localLink(s.folder + "/plan.md", to: s.folder + "/plan.md")))
            if let problem = s.problem { md.bullet(markup: "**No plan**: \(problem)") }
            if s.notVisited.isEmpty {
                md.bullet("Every active operation is visited in person.")
            } else {
                md.bullet("Not visited in person:")
                for n in s.notVisited { md.bullet(n.operation + (n.reason.map { ": \($0)" } ?? ""), level: 1) }
            }
            if s.id == doc.base {
                md.bullet("This is the base: the other scenarios are compared with it.")
            } else if let d = s.diff {
                md.bullet("Against the base: \(d.unchanged) visit\(d.unchanged == 1 ? "" : "s") unchanged, \(diffCounts(d)).")
                for (label, items) in [
                    ("Added", d.added.map(visitText)), ("Dropped", d.dropped.map(visitText)),
                    ("Moved (same manager, other dates)", d.moved.map(changeText)),
                    ("Re-assigned (other manager)", d.reassigned.map(changeText)),
                ] where !items.isEmpty {
                    md.bullet("\(label): " + items.joined(separator: "; "), level: 1)
                }
            } else {
                md.bullet("No diff against the base: one of the two has no plan.")
            }
        }
        if let sweep = doc.sweep {
            md.blank()
            md.heading(2, "Value versus budget")
            md.paragraph(
                markup:
                    "Each envelope is planned with everything else as in the base scenario. See `sweep.svg` or `comparison.html` for the curve."
            )
            md.table(
                ["envelope", "status", "value", "travel", "value per extra $1,000"], right: [true, false, true, true, true],
                rows: sweep.points.map { p in
                    let step = sweep.marginal.first { $0.to == p.envelope }
                    return [
                        dollars(p.envelope) + (p.envelope == sweep.base ? " (base)" : ""), statusText(p.status),
                        p.value.map { "\($0)" } ?? "—", dollars(p.travelCost), step.map { "\($0.valuePerThousand)" } ?? "",
                    ]
                })
            md.heading(3, "Budget below which each operation drops out")
            for d in sweep.dropOuts { md.bullet(dropOutText(d, lowest: sweep.points.first?.envelope)) }
        }
        return md.text
    }

    // MARK: - CSV

    /// One row per scenario; amounts without symbol or grouping, lists joined with `;`.
    public static func csv(_ doc: ComparisonDocument) -> String {
        var csv = CSVWriter(header: [
            "scenario", "title", "status", "envelope", "in_person_visits", "operations_covered", "virtual_assessments",
            "value", "travel_cost", "psc", "total", "remaining", "not_visited", "added", "dropped", "moved",
            "reassigned", "problem",
        ])
        for s in doc.scenarios {
            var cells: [CSVWriter.Cell] = [.text(s.id), .text(s.title), .text(s.status), .amount(s.envelope)]
            cells += [.count(s.inPersonVisits), .count(s.operationsCovered), .count(s.virtualAssessments), .number("\(s.value)")]
            cells += [.amount(s.travelCost), .amount(s.psc), .amount(s.total), .amount(s.remaining)]
            cells.append(.text(s.notVisited.map(\.operation).joined(separator: ";")))
            if let d = s.diff {
                cells += [.count(d.added.count), .count(d.dropped.count), .count(d.moved.count), .count(d.reassigned.count)]
            } else {
                cells += [.text(""), .text(""), .text(""), .text("")]
            }
            cells.append(.text(s.problem ?? ""))
            csv.add(cells)
        }
        return csv.text
    }
}
