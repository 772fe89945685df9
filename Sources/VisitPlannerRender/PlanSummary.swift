import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// The plan summary printed by `visitplan plan`: what a planner reads first.
///
/// Every value from the plan passes through `Escape.terminal` (tables through `TextTable`),
/// since plan.json may have been edited by hand: nothing reaches the terminal as a control
/// sequence.
public enum PlanSummary {
    public static func text(_ doc: PlanDocument) -> String {
        let t = Escape.terminal
        var out: [String] = []
        out.append("VisitPlanner — \(t(doc.name))")
        out.append("Horizon \(doc.horizon.start.iso) to \(doc.horizon.end.iso); coverage: \(doc.coverage.rawValue)")
        out.append("")
        if let why = doc.infeasibility {
            out.append("NO PLAN: \(t(why))")
            out.append("")
        }
        // Visits by month.
        if !doc.trips.isEmpty {
            out.append("Visits by month")
            var table = TextTable(
                headers: ["month", "trip", "manager", "stops (arrive–leave)", "cost"],
                alignments: [.left, .left, .left, .left, .right])
            for trip in doc.trips {
                let month = Day.monthNames[trip.depart.month - 1].prefix(3) + " \(trip.depart.year)"
                let stops = trip.stops.map { "\($0.operation) \(short($0.arrive))–\(short($0.leave))\($0.preferredWindow ? "*" : "")" }
                    .joined(separator: ", ")
                table.add([String(month), trip.id, trip.manager, stops, dollars(trip.cost.total)])
            }
            out.append(table.render() + "(* stay inside a preferred window)")
            out.append("")
        }
        // Budget.
        let b = doc.budget
        var budget = TextTable(headers: ["budget", "amount"], alignments: [.left, .right])
        budget.add(["envelope", dollars(b.envelope)])
        budget.add(["travel cap", dollars(b.travelCap)])
        budget.addRule()
        budget.add(["airfare", dollars(b.airfare)])
        budget.add(["DSA", dollars(b.dsa)])
        budget.add(["terminal expenses", dollars(b.terminal)])
        if b.access != 0 { budget.add(["access fares", dollars(b.access)]) }
        budget.add(["planned travel", dollars(b.travelCost)])
        budget.add(["PSC \(percent(b.pscRate))", dollars(b.psc)])
        budget.add(["total", dollars(b.total)])
        budget.add(["remaining", dollars(b.remaining)])
        out.append(budget.render())
        // Virtual and not visited.
        if !doc.virtual.isEmpty {
            out.append("Virtual assessments: " + doc.virtual.map { "\(t($0.operation)) (\(t($0.manager)))" }.joined(separator: ", "))
            out.append("")
        }
        if !doc.notVisited.isEmpty {
            out.append("Not visited in person")
            for n in doc.notVisited { out.append("  \(t(n.operation)): \(t(n.reason))") }
            out.append("")
        }
        // Solver.
        let s = doc.solver
        var line = "Solver: \(s.status.rawValue)"
        line += "; value \(doc.value.total)"
        if let bound = doc.value.bound {
            line += " (bound \(bound)" + (doc.value.gap.map { $0 > 0 ? ", gap \(percent($0))" : "" } ?? "") + ")"
        }
        if let objective = s.objective { line += "; travel cost \(dollars(objective))" }
        if let gap = s.gap, gap > 0 { line += " (cost gap \(percent(gap)))" }
        line += "; \(s.candidates) trip types, \(s.rows) rows, \(s.columns) columns, \(s.nonzeros) nonzeros; \(s.seconds) s"
        out.append(line)
        return out.joined(separator: "\n")
    }

    static func short(_ d: Day) -> String {
        let c = d.components
        return "\(c.day) \(Day.monthNames[c.month - 1].prefix(3))"
    }
}
