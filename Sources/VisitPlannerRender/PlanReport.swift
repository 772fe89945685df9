import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// A table as `plan.md` and `plan.html` both show it. Cells are plain, unescaped text; each
/// renderer escapes them for its own format, so the two files always carry the same figures.
struct ReportTable {
    var headers: [String]
    /// Right-aligned (numeric) columns.
    var numeric: [Bool]
    var rows: [[String]] = []
    /// Rows drawn bold, such as totals (indices into `rows`).
    var emphasized: Set<Int> = []

    init(_ columns: [(String, Bool)]) {
        headers = columns.map(\.0)
        numeric = columns.map(\.1)
    }

    mutating func add(_ row: [String], emphasized strong: Bool = false) {
        precondition(row.count == headers.count, "one cell per column")
        if strong { emphasized.insert(rows.count) }
        rows.append(row)
    }
}

/// The content of the plan summary (`plan.md`, `plan.html`), independent of format.
struct PlanReport {
    struct ManagerSection {
        var id: String
        var heading: String
        var summary: String
        var table: ReportTable
    }

    var title: String
    var intro: [String]
    var infeasibility: String?
    var budget: ReportTable
    var months: ReportTable
    /// Per month: departures, most managers away at once, longest stretch with nobody away.
    var spread: ReportTable?
    /// What spreading achieved over the year, and the office-cover limit.
    var spreadSummary: [String]
    /// Trips whose request needs a justification (plans made as of a date), one line each.
    var lateRequests: [String]
    var managers: [ManagerSection]
    /// Managers with no trip in the plan.
    var notTravelling: [String]
    var virtual: ReportTable?
    var notVisited: ReportTable?
    var solver: [String]
    /// The only line that differs between two runs on the same input.
    var timing: String

    /// The spread of the work by month: days with each manager away counted from every trip's
    /// departure to its return, stretches with nobody away cut at month ends.
    static func spreadTable(_ doc: PlanDocument) -> (ReportTable?, [String]) {
        guard !doc.trips.isEmpty, doc.horizon.end >= doc.horizon.start else { return (nil, []) }
        let first = doc.horizon.start
        let days = first.distance(to: doc.horizon.end) + 1
        var away = [Int](repeating: 0, count: days)
        for t in doc.trips {
            let from = max(0, first.distance(to: t.depart)), to = min(days - 1, first.distance(to: t.return))
            if from <= to { for d in from...to { away[d] += 1 } }
        }
        var table = ReportTable([
            ("Month", false), ("Departures", true), ("Most away at once", true), ("Longest stretch with nobody away (days)", true),
        ])
        var monthStart = 0
        var longest = (length: 0, start: 0)
        var run = 0
        for d in 0..<days {
            if away[d] == 0 {
                run += 1
                if run > longest.length { longest = (run, d - run + 1) }
            } else {
                run = 0
            }
            let day = first + d
            if d == days - 1 || (day + 1).month != day.month {
                let month = monthStart...d
                var idle = 0, here = 0
                for k in month {
                    here = away[k] == 0 ? here + 1 : 0
                    idle = max(idle, here)
                }
                let departures = doc.trips.filter { month.contains(first.distance(to: $0.depart)) }.count
                table.add([
                    PlanIndex.monthYear(day), "\(departures)", "\(month.map { away[$0] }.max() ?? 0)", "\(idle)",
                ])
                monthStart = d + 1
            }
        }
        var lines = ["Most managers away on one day: \(away.max() ?? 0)"]
        if let limit = doc.spread?.maxAwayAtOnce { lines[0] += " (office cover: at most \(limit) at once)" }
        if longest.length > 0 {
            lines.append(
                "Longest stretch with nobody away: \(longest.length) days, \((first + longest.start).readable) to "
                    + "\((first + longest.start + longest.length - 1).readable)")
        }
        if let spread = doc.spread {
            lines.append(
                spread.proven
                    ? "Dates spread exactly: no schedule of these trips has fewer away at once, then a shorter longest stretch with nobody away; each trip then departs as near the middle of its possible dates as those allow"
                    : "Dates spread as far as the time allowed (spreading stopped at its time budget: not proven the best spread; value and cost are unaffected)"
            )
        }
        return (table, lines)
    }

    init(_ index: PlanIndex) {
        let doc = index.document
        let b = doc.budget
        title = "Assessment visit plan — \(doc.name)"
        intro = [
            "Planning year: \(doc.horizon.start.readable) to \(doc.horizon.end.readable)",
            "Coverage: "
                + (doc.coverage == .required ? "every active operation visited in person" : "the most assessment value the budget buys"),
            "\(doc.trips.count) trips by \(index.travellers.count) of \(doc.managers.count) managers; "
                + "\(doc.trips.reduce(0) { $0 + $1.stops.count }) operation visits in person, \(doc.virtual.count) virtual",
        ]
        infeasibility = doc.infeasibility

        // Budget.
        var budget = ReportTable([("Budget", false), ("Amount", true), ("Share of envelope", true)])
        func share(_ x: Decimal) -> String { b.envelope == 0 ? "" : Figures.share(x, of: b.envelope) }
        budget.add(["Envelope (incl. PSC)", dollars(b.envelope), share(b.envelope)], emphasized: true)
        budget.add(["Travel cap", dollars(b.travelCap), share(b.travelCap)])
        budget.add(["Airfare", dollars(b.airfare), share(b.airfare)])
        budget.add(["DSA", dollars(b.dsa), share(b.dsa)])
        budget.add(["Terminal expenses", dollars(b.terminal), share(b.terminal)])
        budget.add(["Access fares", dollars(b.access), share(b.access)])
        budget.add(["Planned travel", dollars(b.travelCost), share(b.travelCost)], emphasized: true)
        budget.add(["PSC \(percent(b.pscRate))", dollars(b.psc), share(b.psc)])
        budget.add(["Total", dollars(b.total), share(b.total)], emphasized: true)
        budget.add(["Remaining", dollars(b.remaining), share(b.remaining)])
        self.budget = budget

        // Visits by month.
        var months = ReportTable([
            ("Month", false), ("Trip", false), ("Manager", false), ("Operations (arrive – leave)", false),
            ("Days away", true), ("Cost", true),
        ])
        for trip in index.trips {
            let stops = trip.stops.map {
                "\($0.operation) \(PlanIndex.shortDate($0.arrive)) – \(PlanIndex.shortDate($0.leave))\($0.preferredWindow ? " *" : "")"
            }
            months.add([
                PlanIndex.monthYear(trip.depart), trip.id, trip.manager, stops.joined(separator: "; "), "\(trip.days)",
                dollars(trip.cost.total),
            ])
        }
        if !index.trips.isEmpty {
            months.add(["Total", "", "", "", "\(index.trips.reduce(0) { $0 + $1.days })", dollars(b.travelCost)], emphasized: true)
        }
        self.months = months
        (spread, spreadSummary) = PlanReport.spreadTable(doc)
        lateRequests = doc.trips.filter { $0.lateRequest == true }.map { t in
            "\(t.id) departs \(t.depart.readable), less than \(doc.booking?.requestLeadDays ?? 0) days after "
                + "\(doc.booking.map { $0.asOf.readable } ?? "the as-of date"): its request needs a justification"
        }
        if let booking = doc.booking {
            intro.append(
                "Made as of \(booking.asOf.readable): no trip departs before \(booking.earliestDeparture.readable) "
                    + "(requests \(booking.requestLeadDays) days ahead, tickets \(booking.ticketLeadDays) days ahead)")
        }

        // Each manager's trips.
        managers = index.travellers.map { id in
            let trips = index.trips(of: id)
            var table = ReportTable([
                ("Trip", false), ("Depart", false), ("Return", false), ("Days", true), ("Operations", false),
                ("Airfare", true), ("DSA", true), ("Terminal", true), ("Access", true), ("Total", true),
            ])
            for t in trips {
                table.add([
                    t.id, t.depart.readable, t.return.readable, "\(t.days)", PlanIndex.stopCodes(t),
                    dollars(t.cost.airfare), dollars(t.cost.dsa), dollars(t.cost.terminal), dollars(t.cost.access),
                    dollars(t.cost.total),
                ])
            }
            let days = trips.reduce(0) { $0 + $1.days }
            let total = trips.reduce(Decimal(0)) { $0 + $1.cost.total }
            let home = index.managers[id].map { " · home airport \($0.home)" } ?? ""
            return ManagerSection(
                id: id, heading: index.managerLabel(id),
                summary: "\(trips.count) trip\(trips.count == 1 ? "" : "s"), \(days) days away, \(dollars(total))\(home)",
                table: table)
        }
        notTravelling = doc.managers.filter { !index.travellers.contains($0.id) }.map { index.managerLabel($0.id) }

        // Virtual and not visited.
        if doc.virtual.isEmpty {
            virtual = nil
        } else {
            var t = ReportTable([("Operation", false), ("Name", false), ("Manager", false), ("Value", true)])
            for v in doc.virtual { t.add([v.operation, index.operationName(v.operation), v.manager, Figures.number(v.value)]) }
            virtual = t
        }
        if doc.notVisited.isEmpty {
            notVisited = nil
        } else {
            var t = ReportTable([("Operation", false), ("Name", false), ("Reason", false)])
            for n in doc.notVisited { t.add([n.operation, index.operationName(n.operation), n.reason]) }
            notVisited = t
        }

        // Solver.
        let s = doc.solver
        var lines = ["Status: \(s.status.rawValue) (assessment value phase: \(s.valueStatus.rawValue))"]
        var value =
            "Assessment value: \(Figures.number(doc.value.total)) (in person \(Figures.number(doc.value.inPerson)), virtual \(Figures.number(doc.value.virtual)))"
        if let bound = doc.value.bound { value += "; best possible \(Figures.number(bound))" }
        lines.append(value)
        var cost = "Travel cost: " + (s.objective.map(dollars) ?? "none")
        if let bound = s.bound { cost += "; lower bound \(dollars(bound))" }
        if let gap = s.gap { cost += "; gap \(percent(gap))" }
        lines.append(cost)
        lines.append("Model: \(s.candidates) trip types, \(s.rows) rows, \(s.columns) columns, \(s.nonzeros) nonzeros")
        solver = lines
        timing = "Timing (differs from run to run): the solver took \(Figures.number(s.seconds)) s"
    }
}
