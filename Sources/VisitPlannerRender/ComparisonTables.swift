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
        out.append(
            "VisitPlanner — \(doc.name): \(doc.scenarios.count) scenario\(doc.scenarios.count == 1 ? "" : "s"), "
                + "horizon \(doc.horizon.start.iso) to \(doc.horizon.end.iso)")
        out.append("")
        var table = TextTable(
            headers: headers + ["vs base (+added / -dropped)"],
            alignments: [.left, .left] + Array(repeating: .right, count: 8) + [.left])
        for s in doc.scenarios { table.add(row(s) + [s.id == doc.base ? "(base)" : diffCounts(s.diff)]) }
        out.append(table.render())
        for s in doc.scenarios {
            if let problem = s.problem { out.append("\(s.id): NO PLAN: \(problem)") }
            let missing = s.notVisited.map(\.operation)
            if !missing.isEmpty && s.problem == nil { out.append("\(s.id): not visited in person: \(missing.joined(separator: ", "))") }
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
        for d in sweep.dropOuts { out.append("  " + dropOutText(d, lowest: sweep.points.first?.envelope)) }
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
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        func table(_ headers: [String], _ right: Set<Int>, _ rows: [[String]]) -> String {
            var lines = [
                "| " + headers.map(cell).joined(separator: " | ") + " |",
                "|" + headers.indices.map { right.contains($0) ? "---:" : "---" }.joined(separator: "|") + "|",
            ]
            for r in rows { lines.append("| " + r.map(cell).joined(separator: " | ") + " |") }
            return lines.joined(separator: "\n") + "\n"
        }
        var out: [String] = []
        out.append("# Scenario comparison — \(doc.name)")
        out.append("")
        out.append(
            "Plan year \(doc.horizon.start.iso) to \(doc.horizon.end.iso). Each scenario is the base data with the changes "
                + "listed below; its full plan is in the sub-folder named after it. Value is in priority units (an in-person "
                + "visit is worth its operation's priority, plus bonuses).")
        out.append("")
        out.append("## Side by side")
        out.append("")
        out.append(
            table(
                [
                    "scenario", "title", "status", "in-person visits", "operations covered", "virtual", "value", "travel",
                    "PSC", "total", "remaining",
                ],
                Set(3...10),
                doc.scenarios.map { s in
                    let r = row(s)
                    return [r[0], s.title, r[1]] + Array(r[2...])
                }))
        out.append("## Scenarios")
        for s in doc.scenarios {
            out.append("")
            out.append("### \(s.id) — \(s.title)")
            out.append("")
            out.append("- Changes: " + (s.changes.isEmpty ? "none (the data as it is)" : s.changes.joined(separator: "; ")))
            out.append(
                "- Envelope \(dollars(s.envelope)), PSC \(percent(s.pscRate)), travel cap \(dollars(s.travelCap)); plan in `\(s.folder)/`")
            if let problem = s.problem { out.append("- **No plan**: \(problem)") }
            if s.notVisited.isEmpty {
                out.append("- Every active operation is visited in person.")
            } else {
                out.append("- Not visited in person:")
                for n in s.notVisited { out.append("  - \(n.operation)" + (n.reason.map { ": \($0)" } ?? "")) }
            }
            if s.id == doc.base {
                out.append("- This is the base: the other scenarios are compared with it.")
            } else if let d = s.diff {
                out.append("- Against the base: \(d.unchanged) visit\(d.unchanged == 1 ? "" : "s") unchanged, \(diffCounts(d)).")
                for (label, items) in [
                    ("Added", d.added.map(visitText)), ("Dropped", d.dropped.map(visitText)),
                    ("Moved (same manager, other dates)", d.moved.map(changeText)),
                    ("Re-assigned (other manager)", d.reassigned.map(changeText)),
                ] where !items.isEmpty {
                    out.append("  - \(label): " + items.joined(separator: "; "))
                }
            } else {
                out.append("- No diff against the base: one of the two has no plan.")
            }
        }
        if let sweep = doc.sweep {
            out.append("")
            out.append("## Value versus budget")
            out.append("")
            out.append(
                "Each envelope is planned with everything else as in the base scenario. See `sweep.svg` or `comparison.html` for the curve."
            )
            out.append("")
            out.append(
                table(
                    ["envelope", "status", "value", "travel", "value per extra $1,000"], [0, 2, 3, 4],
                    sweep.points.map { p in
                        let step = sweep.marginal.first { $0.to == p.envelope }
                        return [
                            dollars(p.envelope) + (p.envelope == sweep.base ? " (base)" : ""), statusText(p.status),
                            p.value.map { "\($0)" } ?? "—", dollars(p.travelCost), step.map { "\($0.valuePerThousand)" } ?? "",
                        ]
                    }))
            out.append("### Budget below which each operation drops out")
            out.append("")
            for d in sweep.dropOuts { out.append("- " + dropOutText(d, lowest: sweep.points.first?.envelope)) }
        }
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: - CSV

    /// One row per scenario; amounts without symbol or grouping, lists joined with `;`.
    public static func csv(_ doc: ComparisonDocument) -> String {
        let field = Escape.csv
        let amount = Figures.amount
        let header = [
            "scenario", "title", "status", "envelope", "in_person_visits", "operations_covered", "virtual_assessments",
            "value", "travel_cost", "psc", "total", "remaining", "not_visited", "added", "dropped", "moved",
            "reassigned", "problem",
        ]
        var lines = [header.joined(separator: ",")]
        for s in doc.scenarios {
            var cells: [String] = [s.id, s.title, s.status, amount(s.envelope)]
            cells += ["\(s.inPersonVisits)", "\(s.operationsCovered)", "\(s.virtualAssessments)", "\(s.value)"]
            cells += [amount(s.travelCost), amount(s.psc), amount(s.total), amount(s.remaining)]
            cells.append(s.notVisited.map(\.operation).joined(separator: ";"))
            if let d = s.diff {
                cells += [String(d.added.count), String(d.dropped.count), String(d.moved.count), String(d.reassigned.count)]
            } else {
                cells += ["", "", "", ""]
            }
            cells.append(s.problem ?? "")
            lines.append(cells.map(field).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
