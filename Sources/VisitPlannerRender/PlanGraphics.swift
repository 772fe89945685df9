import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// The inline SVG drawings of `plan.html`: the year timeline and the budget bar.
///
/// Coordinates are computed in `Double` (drawing only); every amount printed comes from the
/// document's `Decimal`s. Every data string goes through `Escape.xml`. The output depends on
/// nothing but the document, so the same plan draws the same bytes.
enum PlanGraphics {
    // MARK: - Timeline

    static let width = 1200.0
    private static let labelWidth = 200.0
    private static let axisHeight = 26.0
    private static let laneHeight = 46.0
    /// Width of one character of a 10-px bold label, generously (for placing labels apart).
    private static let labelCharWidth = 6.5

    static let colors = (trip: "#1f4e8c", unavailable: "#c8c8c8", blackout: "#c0392b", preferred: "#cfe8cf")

    /// One lane per manager (every manager, travelling or not): trips as bars labelled with
    /// their operation codes, the manager's unavailability in grey and the blackouts of the
    /// operations they visit hatched red, over month gridlines.
    static func timeline(_ index: PlanIndex) -> String {
        let doc = index.document
        let start = doc.horizon.start
        let totalDays = max(1, start.distance(to: doc.horizon.end) + 1)
        let plotWidth = width - labelWidth - 10
        func x(_ d: Day) -> Double {
            labelWidth + Double(min(max(start.distance(to: d), 0), totalDays)) / Double(totalDays) * plotWidth
        }
        var lanes = doc.managers.map(\.id)
        lanes += index.travellers.filter { !lanes.contains($0) }
        let height = axisHeight + Double(lanes.count) * laneHeight + 34
        var svg = SVGCanvas(
            width: width, height: height, label: "Timeline of trips by manager, \(start.readable) to \(doc.horizon.end.readable)")
        svg.raw(
            """
            <defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">\
            <rect width="6" height="6" fill="#f6dcd8"/><line x1="0" y1="0" x2="0" y2="6" stroke="\(colors.blackout)" stroke-width="2"/>\
            </pattern></defs>
            """)

        // Lanes: background, label, unavailability, then blackouts of the operations visited.
        func top(_ i: Int) -> Double { axisHeight + Double(i) * laneHeight }
        for (i, id) in lanes.enumerated() {
            if i % 2 == 0 { svg.rect(x: labelWidth, y: top(i), w: plotWidth, h: laneHeight, fill: "#f4f6f9") }
            let name = index.managerName(id)
            svg.text(x: 6, y: top(i) + 18, id, size: 12, weight: "bold", title: index.managerLabel(id))
            if name != id { svg.text(x: 6, y: top(i) + 33, truncated(name, 34), size: 10, fill: "#555", title: name) }
            for r in index.managers[id]?.unavailable ?? [] {
                svg.rect(
                    x: x(r.start), y: top(i) + 2, w: x(r.end + 1) - x(r.start), h: laneHeight - 4, fill: colors.unavailable,
                    title: "\(id) unavailable \(r.start.readable) – \(r.end.readable)")
            }
            var visited: [String] = []
            for t in index.trips(of: id) { for s in t.stops where !visited.contains(s.operation) { visited.append(s.operation) } }
            // Preferred windows of the operations visited, as a green band under the trips.
            for code in visited {
                for r in index.operations[code]?.preferred ?? [] {
                    svg.rect(
                        x: x(r.start), y: top(i) + 16, w: x(r.end + 1) - x(r.start), h: 16, fill: colors.preferred,
                        title: "\(code) preferred window \(r.start.readable) – \(r.end.readable)")
                }
            }
            for code in visited {
                for r in index.operations[code]?.blackouts ?? [] {
                    svg.rect(
                        x: x(r.start), y: top(i) + laneHeight - 14, w: x(r.end + 1) - x(r.start), h: 10, fill: "url(#hatch)",
                        title: "\(code) blackout \(r.start.readable) – \(r.end.readable)")
                }
            }
        }

        // Month gridlines and labels, under the trips.
        let bottom = top(lanes.count)
        var month = Day(year: start.year, month: start.month, day: 1)!
        while month <= doc.horizon.end {
            let next = month + Day.daysIn(month: month.month, year: month.year)
            let x0 = x(max(month, start))
            svg.line(x1: x0, y1: axisHeight - 4, x2: x0, y2: bottom, stroke: "#9aa3ad")
            let mid = (x0 + x(min(next, doc.horizon.end + 1))) / 2
            svg.text(x: mid, y: 17, String(Day.monthNames[month.month - 1].prefix(3)), size: 11, anchor: "middle")
            month = next
        }
        svg.line(x1: width - 10, y1: axisHeight - 4, x2: width - 10, y2: bottom, stroke: "#9aa3ad")

        // Trips: a bar from departure to return day, labelled with the operations visited. A
        // label that would run into the previous one in its lane goes below the bar instead
        // (and, if that row is taken too, is shortened to fit before the next label).
        for (i, id) in lanes.enumerated() {
            var rowEnd = [-Double.infinity, -Double.infinity]
            for t in index.trips(of: id) {
                let x0 = x(t.depart), x1 = max(x(t.return + 1), x0 + 2)
                let tip = "\(t.id): \(PlanIndex.stopCodes(t)), \(t.depart.readable) – \(t.return.readable), \(dollars(t.cost.total))"
                svg.rect(x: x0, y: top(i) + 18, w: x1 - x0, h: 12, fill: colors.trip, title: tip)
                var label = t.stops.map(\.operation).joined(separator: "+")
                let row = rowEnd[0] <= x0 ? 0 : (rowEnd[1] <= x0 ? 1 : (rowEnd[0] <= rowEnd[1] ? 0 : 1))
                if rowEnd[row] > x0 { label = truncated(label, max(2, Int((x1 - x0) / labelCharWidth))) }
                rowEnd[row] = max(rowEnd[row], x0) + Double(label.count) * labelCharWidth + 4
                svg.text(
                    x: x0, y: top(i) + (row == 0 ? 14 : 42), label, size: 10, weight: "bold", fill: colors.trip, title: tip)
            }
        }

        // Legend.
        let ly = bottom + 14
        svg.rect(x: labelWidth, y: ly, w: 24, h: 12, fill: colors.trip)
        svg.text(x: labelWidth + 30, y: ly + 10, "Trip (labelled with the operations visited)", size: 11)
        svg.rect(x: labelWidth + 290, y: ly, w: 24, h: 12, fill: colors.unavailable)
        svg.text(x: labelWidth + 320, y: ly + 10, "Manager unavailable", size: 11)
        svg.rect(x: labelWidth + 470, y: ly, w: 24, h: 12, fill: "url(#hatch)")
        svg.text(x: labelWidth + 500, y: ly + 10, "Blackout of an operation the manager visits", size: 11)
        svg.rect(x: labelWidth + 790, y: ly, w: 24, h: 12, fill: colors.preferred)
        svg.text(x: labelWidth + 820, y: ly + 10, "Preferred window", size: 11)
        return svg.finish()
    }

    // MARK: - Budget bar

    /// The envelope as one stacked bar: airfare, DSA, terminal, access, PSC and what remains,
    /// with the travel cap marked, and a legend giving each amount and share.
    static func budgetBar(_ doc: PlanDocument) -> String {
        let b = doc.budget
        let parts: [(String, Decimal, String)] = [
            ("Airfare", b.airfare, "#1f4e8c"), ("DSA", b.dsa, "#4f8fd6"), ("Terminal", b.terminal, "#8cb8e8"),
            ("Access", b.access, "#6a4c93"), ("PSC \(percent(b.pscRate))", b.psc, "#e0a030"),
            ("Remaining", max(b.remaining, 0), "#e8ecef"),
        ]
        let scale = max(parts.reduce(Decimal(0)) { $0 + $1.1 }, b.envelope)
        func share(_ a: Decimal) -> Double { scale == 0 ? 0 : NSDecimalNumber(decimal: a / scale).doubleValue }
        let barWidth = width - 20
        var svg = SVGCanvas(width: width, height: 112, label: "Budget: envelope of \(dollars(b.envelope)) by category")
        var x = 10.0
        for (name, amount, color) in parts {
            let w = share(amount) * barWidth
            svg.rect(
                x: x, y: 20, w: w, h: 30, fill: color, stroke: "#ffffff",
                title: "\(name): \(dollars(amount))")
            x += w
        }
        svg.rect(x: 10, y: 20, w: barWidth, h: 30, fill: "none", stroke: "#555")
        let cap = 10 + share(b.travelCap) * barWidth
        svg.line(x1: cap, y1: 12, x2: cap, y2: 58, stroke: "#222", dash: true)
        svg.text(x: cap, y: 9, "travel cap \(dollars(b.travelCap))", size: 10, anchor: "end")
        svg.text(x: 10, y: 12, "Envelope \(dollars(b.envelope))", size: 11, weight: "bold")
        // Legend: one column per category.
        let column = barWidth / Double(parts.count)
        for (i, (name, amount, color)) in parts.enumerated() {
            let lx = 10 + Double(i) * column
            svg.rect(x: lx, y: 70, w: 14, h: 14, fill: color, stroke: "#555")
            svg.text(x: lx + 20, y: 81, name, size: 12, weight: "bold")
            let pct = b.envelope == 0 ? "" : " (\(Figures.share(name == "Remaining" ? b.remaining : amount, of: b.envelope)))"
            svg.text(x: lx + 20, y: 99, dollars(name == "Remaining" ? b.remaining : amount) + pct, size: 12)
        }
        return svg.finish()
    }

    private static func truncated(_ s: String, _ n: Int) -> String { s.count <= n ? s : String(s.prefix(n - 1)) + "…" }
}

/// A minimal SVG builder: numbers printed with one decimal, every string XML-escaped.
struct SVGCanvas {
    private var body: [String] = []
    private let header: String

    init(width: Double, height: Double, label: String) {
        header =
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(SVGCanvas.n(width)) \(SVGCanvas.n(height))\" "
            + "width=\"100%\" role=\"img\" aria-label=\"\(Escape.xml(label))\" "
            + "font-family=\"Segoe UI, Helvetica, Arial, sans-serif\">"
    }

    static func n(_ v: Double) -> String {
        let r = (v * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(format: "%.1f", r)
    }

    private static func title(_ t: String?) -> String { t.map { "<title>\(Escape.xml($0))</title>" } ?? "" }

    /// Markup written by this file only (never data).
    mutating func raw(_ markup: String) { body.append(markup) }

    mutating func rect(x: Double, y: Double, w: Double, h: Double, fill: String, stroke: String? = nil, title: String? = nil) {
        let s = stroke.map { " stroke=\"\($0)\" stroke-width=\"1\"" } ?? ""
        let open =
            "<rect x=\"\(SVGCanvas.n(x))\" y=\"\(SVGCanvas.n(y))\" width=\"\(SVGCanvas.n(max(w, 0)))\" height=\"\(SVGCanvas.n(h))\" fill=\"\(fill)\"\(s)"
        body.append(title == nil ? open + "/>" : open + ">" + SVGCanvas.title(title) + "</rect>")
    }

    mutating func line(x1: Double, y1: Double, x2: Double, y2: Double, stroke: String, dash: Bool = false) {
        body.append(
            "<line x1=\"\(SVGCanvas.n(x1))\" y1=\"\(SVGCanvas.n(y1))\" x2=\"\(SVGCanvas.n(x2))\" y2=\"\(SVGCanvas.n(y2))\" stroke=\"\(stroke)\""
                + (dash ? " stroke-dasharray=\"4 3\"" : "") + " stroke-width=\"1\"/>")
    }

    mutating func text(
        x: Double, y: Double, _ s: String, size: Int, weight: String? = nil, fill: String = "#222",
        anchor: String? = nil, title: String? = nil
    ) {
        var attrs = "x=\"\(SVGCanvas.n(x))\" y=\"\(SVGCanvas.n(y))\" font-size=\"\(size)\" fill=\"\(fill)\""
        if let weight { attrs += " font-weight=\"\(weight)\"" }
        if let anchor { attrs += " text-anchor=\"\(anchor)\"" }
        body.append("<text \(attrs)>\(SVGCanvas.title(title))\(Escape.xml(s))</text>")
    }

    func finish() -> String { ([header] + body + ["</svg>"]).joined(separator: "\n") }
}
