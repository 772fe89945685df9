import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// `comparison.md`, `comparison.csv` and the terminal summary of `visitplan compare`.
///
/// All three read the same `ComparisonDocument`, so every output shows the same figures, in
/// the words a manager uses: visits in person (and how many in preferred windows), virtual
/// assessments, operations left with nothing, and for the sweep what each step up of the
/// budget buys. The assessment value stays, labelled and explained in one line.
public enum ComparisonTables {
    // MARK: - Words shared by every output

    /// The one-line explanation of the value figure, printed wherever it is shown.
    public static let valueExplanation =
        "Assessment value (priority points) is what the planner maximises: each visit in person scores its operation's "
        + "priority, with bonuses for a stay in a preferred window and for a visit by the operation's own desk officer, "
        + "and a virtual assessment scores a fraction of it (the weights are in policy.yaml)."

    /// How the drop-out list is ordered, said above it.
    static let dropOutOrder =
        "Highest budget first: the operations at the top are the first visits lost when the budget is cut."

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

    /// `18 visits in person (6 in preferred windows), 2 virtual assessments, 1 operation with nothing`.
    static func coverageText(inPerson: Int, preferred: Int, virtual: Int, nothing: [String]) -> String {
        var text =
            count(inPerson, "visit") + " in person (\(preferred) in " + (preferred == 1 ? "a preferred window" : "preferred windows") + ")"
        text += ", " + count(virtual, "virtual assessment")
        text +=
            ", " + count(nothing.count, "operation") + " with nothing" + (nothing.isEmpty ? "" : " (\(nothing.joined(separator: ", ")))")
        return text
    }

    /// `+1 visit in person (UNMISS), +1 in a preferred window, -1 virtual assessment, +12.5 priority points`,
    /// or what stays the same.
    static func buysText(_ m: ComparisonDocument.Marginal) -> String {
        var parts: [String] = []
        if m.inPersonChange != 0 || !m.moreVisits.isEmpty || !m.fewerVisits.isEmpty {
            var which = ""
            if !m.moreVisits.isEmpty {
                which = m.moreVisits.joined(separator: ", ")
                if !m.fewerVisits.isEmpty { which += " instead of " + m.fewerVisits.joined(separator: ", ") }
            } else if !m.fewerVisits.isEmpty {
                which = m.fewerVisits.joined(separator: ", ")
            }
            parts.append(signed(m.inPersonChange, "visit") + " in person" + (which.isEmpty ? "" : " (\(which))"))
        }
        if m.preferredWindowChange != 0 {
            parts.append(
                (m.preferredWindowChange > 0 ? "+" : "-") + "\(abs(m.preferredWindowChange)) in "
                    + (abs(m.preferredWindowChange) == 1 ? "a preferred window" : "preferred windows"))
        }
        if m.virtualChange != 0 { parts.append(signed(m.virtualChange, "virtual assessment")) }
        if m.notAssessedChange != 0 { parts.append(signed(m.notAssessedChange, "operation") + " with nothing") }
        if m.valueGain == 0 && parts.isEmpty { return "nothing more" }
        if parts.isEmpty { parts.append("the same visits, better timed or made by the operations' own desk officers") }
        let sign = m.valueGain < 0 ? "-" : "+"
        parts.append("\(sign)\(Figures.number(abs(m.valueGain))) priority points")
        return parts.joined(separator: ", ")
    }

    /// `$100,000.00 → $110,000.00 (+$10,000.00)`.
    static func stepText(_ m: ComparisonDocument.Marginal) -> String {
        "\(dollars(m.from)) → \(dollars(m.to)) (+\(dollars(m.to - m.from)))"
    }

    /// `What each extra $10,000.00 buys` when every step is the same, else `What each step up buys`.
    static func buysTitle(_ sweep: ComparisonDocument.Sweep) -> String {
        let sizes = Set(sweep.marginal.map { $0.to - $0.from })
        if sizes.count == 1, let size = sizes.first { return "What each extra \(dollars(size)) buys" }
        return "What each step up of the budget buys"
    }

    /// One line per operation that drops out (in the document's order: highest budget
    /// first), then one line for those visited at every envelope and one for those never visited.
    static func dropOutLines(_ sweep: ComparisonDocument.Sweep) -> [String] {
        var lines: [String] = []
        var always: [String] = []
        var never: [String] = []
        for d in sweep.dropOuts {
            guard let from = d.visitedFrom else {
                never.append(d.operation)
                continue
            }
            if d.alwaysVisited {
                always.append(d.operation)
                continue
            }
            var text = "\(d.operation): drops out below \(dollars(from))"
            if !d.alsoVisitedAt.isEmpty { text += " (also visited at \(d.alsoVisitedAt.map(dollars).joined(separator: ", ")))" }
            lines.append(text)
        }
        if !always.isEmpty, let lowest = sweep.points.first?.envelope {
            lines.append("visited at every envelope from \(dollars(lowest)): \(always.joined(separator: ", "))")
        }
        if !never.isEmpty { lines.append("not visited even at the top of the range: \(never.joined(separator: ", "))") }
        return lines
    }

    static func value(_ v: Decimal?) -> String { v.map(Figures.number) ?? "—" }

    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    private static func signed(_ n: Int, _ noun: String) -> String {
        (n < 0 ? "-" : "+") + count(abs(n), noun)
    }

    // MARK: - Terminal

    /// What `visitplan compare` prints: the scenarios side by side (one column each) and,
    /// with a sweep, what each step up buys and the drop-out budgets. Every value from data
    /// passes through `Escape.terminal` (tables through `TextTable`).
    public static func summary(_ doc: ComparisonDocument) -> String {
        let t = Escape.terminal
        var out: [String] = []
        out.append(
            "VisitPlanner — \(t(doc.name)): \(doc.scenarios.count) scenario\(doc.scenarios.count == 1 ? "" : "s"), "
                + "horizon \(doc.horizon.start.iso) to \(doc.horizon.end.iso)")
        out.append("")
        var table = TextTable(
            headers: [""] + doc.scenarios.map(\.id), alignments: [.left] + doc.scenarios.map { _ in .right })
        func row(_ label: String, _ cell: (ComparisonDocument.Scenario) -> String) { table.add([label] + doc.scenarios.map(cell)) }
        row("status") { statusText($0.status) }
        row("visits in person") { "\($0.inPersonVisits)" }
        row("  in preferred windows") { "\($0.preferredWindowVisits)" }
        row("virtual assessments") { "\($0.virtualAssessments)" }
        row("operations with nothing") { "\($0.notAssessed.count)" }
        row("assessment value (priority points)") { value($0.value) }
        row("total spent (travel + PSC)") { dollars($0.total) }
        row("remaining of the envelope") { dollars($0.remaining) }
        if doc.scenarios.count > 1 {
            table.addRule()
            func diff(_ s: ComparisonDocument.Scenario, _ n: (ComparisonDocument.Diff) -> Int) -> String {
                s.id == doc.base ? "(base)" : s.diff.map { "\(n($0))" } ?? "—"
            }
            row("visits added vs base") { diff($0) { $0.added.count } }
            row("visits dropped vs base") { diff($0) { $0.dropped.count } }
            row("moved to other dates") { diff($0) { $0.moved.count } }
            row("re-assigned to another manager") { diff($0) { $0.reassigned.count } }
        }
        out.append(table.render())
        for s in doc.scenarios {
            if let problem = s.problem { out.append("\(t(s.id)): NO PLAN: \(t(problem))") }
            let missing = s.notVisited.map(\.operation)
            if !missing.isEmpty && s.problem == nil {
                out.append("\(t(s.id)): not visited in person: \(t(missing.joined(separator: ", ")))")
            }
        }
        out.append(valueExplanation)
        if let sweep = doc.sweep {
            out.append("")
            out.append(contentsOf: sweepText(sweep))
        }
        return out.joined(separator: "\n")
    }

    static func sweepText(_ sweep: ComparisonDocument.Sweep) -> [String] {
        let t = Escape.terminal
        var out = ["The budget range, all else as in the base (\(sweep.points.count) envelopes)"]
        var table = TextTable(
            headers: [
                "envelope", "visits in person", "in preferred windows", "virtual", "with nothing", "value (points)", "travel",
            ],
            alignments: Array(repeating: .right, count: 7))
        for p in sweep.points {
            let mark = p.envelope == sweep.base ? " (base)" : ""
            guard p.value != nil else {
                table.add([dollars(p.envelope) + mark, "no plan (\(statusText(p.status)))", "", "", "", "", ""])
                continue
            }
            table.add([
                dollars(p.envelope) + mark, "\(p.inPersonVisits)", "\(p.preferredWindowVisits)", "\(p.virtualAssessments)",
                "\(p.notAssessed.count)", value(p.value), dollars(p.travelCost),
            ])
        }
        out.append(table.render())
        if !sweep.marginal.isEmpty {
            out.append(buysTitle(sweep))
            for m in sweep.marginal { out.append("  \(stepText(m)): \(t(buysText(m)))") }
            out.append("")
        }
        out.append("Budget below which each operation drops out. " + dropOutOrder)
        for line in dropOutLines(sweep) { out.append("  " + t(line)) }
        return out
    }

    // MARK: - Markdown

    public static func markdown(_ doc: ComparisonDocument) -> String {
        var md = MarkdownWriter()
        md.heading(1, "Scenario comparison — \(doc.name)")
        md.paragraph(
            "Plan year \(doc.horizon.start.iso) to \(doc.horizon.end.iso). Each scenario is the base data with the changes "
                + "listed below; its full plan is in the sub-folder named after it.")
        md.paragraph(valueExplanation)
        md.heading(2, "Side by side")
        md.table(
            [
                "scenario", "title", "status", "visits in person", "in preferred windows", "virtual assessments",
                "operations with nothing", "assessment value (priority points)", "travel", "PSC", "total", "remaining",
            ],
            right: [false, false, false] + Array(repeating: true, count: 9),
            rows: doc.scenarios.map { s in
                [
                    s.id, s.title, statusText(s.status), "\(s.inPersonVisits)", "\(s.preferredWindowVisits)",
                    "\(s.virtualAssessments)", "\(s.notAssessed.count)", value(s.value), dollars(s.travelCost), dollars(s.psc),
                    dollars(s.total), dollars(s.remaining),
                ]
            })
        md.heading(2, "Scenarios")
        for s in doc.scenarios {
            md.heading(3, "\(s.id) — \(s.title)")
            md.bullet(
                coverageText(
                    inPerson: s.inPersonVisits, preferred: s.preferredWindowVisits, virtual: s.virtualAssessments,
                    nothing: s.notAssessed) + ".")
            md.bullet("Changes: " + (s.changes.isEmpty ? "none (the data as it is)" : s.changes.joined(separator: "; ")))
            let plan = Markdown(raw: MarkdownWriter.localLink(s.folder + "/plan.md", to: s.folder + "/plan.md"))
            md.bullet(
                markup: "Envelope \(dollars(s.envelope)), PSC \(percent(s.pscRate)), travel cap \(dollars(s.travelCap)); plan in \(plan)")
            if let problem = s.problem { md.bullet(markup: "**No plan**: \(problem)") }
            if s.problem != nil {
                // No plan: nothing is visited, and the list of operations says nothing more.
            } else if s.notVisited.isEmpty {
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
            md.heading(2, "What the budget buys")
            md.paragraph(
                markup:
                    "Each envelope is planned with everything else as in the base scenario. See `sweep.svg` or `comparison.html` for the curve."
            )
            md.table(
                [
                    "envelope", "status", "visits in person", "in preferred windows", "virtual assessments",
                    "operations with nothing", "assessment value (priority points)", "travel",
                ],
                right: [true, false, true, true, true, true, true, true],
                rows: sweep.points.map { p in
                    let planned = p.value != nil
                    return [
                        dollars(p.envelope) + (p.envelope == sweep.base ? " (base)" : ""), statusText(p.status),
                        planned ? "\(p.inPersonVisits)" : "—", planned ? "\(p.preferredWindowVisits)" : "—",
                        planned ? "\(p.virtualAssessments)" : "—", planned ? "\(p.notAssessed.count)" : "—", value(p.value),
                        dollars(p.travelCost),
                    ]
                })
            if !sweep.marginal.isEmpty {
                md.heading(3, buysTitle(sweep))
                for m in sweep.marginal { md.bullet("\(stepText(m)): \(buysText(m))") }
            }
            md.heading(3, "Budget below which each operation drops out")
            md.paragraph(dropOutOrder)
            for line in dropOutLines(sweep) { md.bullet(line) }
        }
        return md.text
    }

    // MARK: - CSV

    /// One row per scenario; amounts without symbol or grouping, lists joined with `;`.
    public static func csv(_ doc: ComparisonDocument) -> String {
        var csv = CSVWriter(header: [
            "scenario", "title", "status", "envelope", "in_person_visits", "in_preferred_windows", "virtual_assessments",
            "operations_with_nothing", "operations_covered", "assessment_value_priority_points", "travel_cost", "psc",
            "total", "remaining", "not_visited", "not_assessed", "added", "dropped", "moved", "reassigned", "problem",
        ])
        for s in doc.scenarios {
            var cells: [CSVWriter.Cell] = [.text(s.id), .text(s.title), .text(s.status), .amount(s.envelope)]
            cells += [.count(s.inPersonVisits), .count(s.preferredWindowVisits), .count(s.virtualAssessments)]
            cells += [.count(s.notAssessed.count), .count(s.operationsCovered), .number(Figures.number(s.value))]
            cells += [.amount(s.travelCost), .amount(s.psc), .amount(s.total), .amount(s.remaining)]
            cells.append(.text(s.notVisited.map(\.operation).joined(separator: ";")))
            cells.append(.text(s.notAssessed.joined(separator: ";")))
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
