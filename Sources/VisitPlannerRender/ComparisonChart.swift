import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// `sweep.svg`: assessment value against the envelope, with the base budget marked.
///
/// Self-contained (no fonts, scripts or links to fetch), so it opens offline, in a browser,
/// in Word, or inline in `comparison.html`. Every number is printed with fixed decimals,
/// so the same sweep always gives the same bytes.
public enum ComparisonChart {
    static let width = 760.0
    static let height = 440.0
    static let left = 90.0, right = 30.0, top = 56.0, bottom = 72.0

    public static func svg(_ sweep: ComparisonDocument.Sweep, title: String = "Assessment value versus envelope") -> String {
        let points = sweep.points.compactMap { p in p.value.map { (x: double(p.envelope), y: double($0)) } }
        let xs = sweep.points.map { double($0.envelope) } + (sweep.base.map { [double($0)] } ?? [])
        var xMin = xs.min() ?? 0, xMax = xs.max() ?? 1
        if xMax - xMin < 1 { xMin -= 500; xMax += 500 }
        let xTicks = ticks(xMin, xMax, count: 6)
        // A little headroom above the best value, up to the next round tick.
        let yMax = max(points.map(\.y).max() ?? 1, 1) * 1.05
        let yStep = step(0, yMax, count: 6)
        let yTop = (yMax / yStep).rounded(.up) * yStep
        let yTicks = ticks(0, yTop, count: 6)
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotW }
        func py(_ y: Double) -> Double { top + plotH - y / yTop * plotH }

        var s: [String] = []
        s.append(
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(f(width))" height="\#(f(height))" viewBox="0 0 \#(f(width)) \#(f(height))" role="img" aria-labelledby="sweep-title sweep-desc" font-family="Helvetica, Arial, sans-serif" font-size="12">"#
        )
        s.append("<title id=\"sweep-title\">\(Escape.xml(title))</title>")
        let baseText = sweep.base.map { "; the base envelope \(dollars($0)) is marked" } ?? ""
        s.append(
            "<desc id=\"sweep-desc\">Assessment value (priority points) of the best plan for each envelope from "
                + "\(dollars(sweep.points.first?.envelope ?? 0)) to \(dollars(sweep.points.last?.envelope ?? 0))\(baseText).</desc>")
        s.append("<rect x=\"0\" y=\"0\" width=\"\(f(width))\" height=\"\(f(height))\" fill=\"#ffffff\"/>")
        s.append(
            "<text x=\"\(f(width / 2))\" y=\"26\" text-anchor=\"middle\" font-size=\"16\" font-weight=\"bold\" fill=\"#1a1a1a\">\(Escape.xml(title))</text>"
        )
        // Grid and ticks.
        for y in yTicks {
            s.append("<line x1=\"\(f(left))\" y1=\"\(f(py(y)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(py(y)))\" stroke=\"#e3e3e3\"/>")
            s.append("<text x=\"\(f(left - 8))\" y=\"\(f(py(y) + 4))\" text-anchor=\"end\" fill=\"#333333\">\(number(y))</text>")
        }
        for x in xTicks where x >= xMin - 1e-6 && x <= xMax + 1e-6 {
            s.append(
                "<line x1=\"\(f(px(x)))\" y1=\"\(f(top + plotH))\" x2=\"\(f(px(x)))\" y2=\"\(f(top + plotH + 5))\" stroke=\"#333333\"/>")
            s.append(
                "<text x=\"\(f(px(x)))\" y=\"\(f(top + plotH + 20))\" text-anchor=\"middle\" fill=\"#333333\">\(compactDollars(x))</text>")
        }
        // Axes and their labels.
        s.append("<line x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(left + plotW))\" y2=\"\(f(top + plotH))\" stroke=\"#333333\"/>")
        s.append("<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotH))\" stroke=\"#333333\"/>")
        s.append(
            "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 22))\" text-anchor=\"middle\" fill=\"#1a1a1a\">Envelope (US dollars, programme support costs included)</text>"
        )
        s.append(
            "<text x=\"22\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\" fill=\"#1a1a1a\" transform=\"rotate(-90 22 \(f(top + plotH / 2)))\">Assessment value (priority points)</text>"
        )
        // Base budget.
        if let base = sweep.base.map(double), base >= xMin, base <= xMax {
            s.append(
                "<line x1=\"\(f(px(base)))\" y1=\"\(f(top))\" x2=\"\(f(px(base)))\" y2=\"\(f(top + plotH))\" stroke=\"#c0392b\" stroke-width=\"1.5\" stroke-dasharray=\"6 4\"/>"
            )
            let anchor = px(base) > left + plotW * 0.8 ? "end" : "start"
            let dx = anchor == "end" ? -6.0 : 6.0
            s.append(
                "<text x=\"\(f(px(base) + dx))\" y=\"\(f(top + 14))\" text-anchor=\"\(anchor)\" fill=\"#c0392b\">base \(Escape.xml(dollars(sweep.base!)))</text>"
            )
        }
        // The curve.
        if !points.isEmpty {
            let path = points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            s.append("<polyline points=\"\(path)\" fill=\"none\" stroke=\"#1f5f9e\" stroke-width=\"2\"/>")
        }
        for p in sweep.points {
            guard let v = p.value else {
                // No plan at this envelope: a hollow marker on the axis.
                s.append(
                    "<circle cx=\"\(f(px(double(p.envelope))))\" cy=\"\(f(py(0)))\" r=\"4\" fill=\"#ffffff\" stroke=\"#999999\"><title>\(Escape.xml(dollars(p.envelope))): no plan (\(Escape.xml(p.status)))</title></circle>"
                )
                continue
            }
            s.append(
                "<circle cx=\"\(f(px(double(p.envelope))))\" cy=\"\(f(py(double(v))))\" r=\"3.5\" fill=\"#1f5f9e\"><title>\(Escape.xml(dollars(p.envelope))): \(p.inPersonVisits) visits in person, value \(Figures.number(v)) priority points</title></circle>"
            )
        }
        s.append("</svg>")
        return s.joined(separator: "\n") + "\n"
    }

    // MARK: - Helpers

    static func double(_ d: Decimal) -> Double { NSDecimalNumber(decimal: d).doubleValue }

    /// Fixed two decimals, without a trailing `.00`.
    static func f(_ x: Double) -> String {
        let s = String(format: "%.2f", x)
        return s.hasSuffix(".00") ? String(s.dropLast(3)) : s
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%.1f", x)
    }

    /// `$126.6k`, `$90k`, `$1.2M`.
    static func compactDollars(_ x: Double) -> String {
        if x >= 1_000_000 { return "$" + trimmed(x / 1_000_000) + "M" }
        if x >= 1_000 { return "$" + trimmed(x / 1_000) + "k" }
        return "$" + trimmed(x)
    }

    static func trimmed(_ x: Double) -> String {
        let s = String(format: "%.1f", x)
        return s.hasSuffix(".0") ? String(s.dropLast(2)) : s
    }

    /// About `count` round tick values (1, 2 or 5 × a power of ten) covering `lo...hi`.
    static func ticks(_ lo: Double, _ hi: Double, count: Int) -> [Double] {
        guard hi > lo else { return [lo] }
        let step = step(lo, hi, count: count)
        var out: [Double] = []
        var t = (lo / step).rounded(.up) * step
        while t <= hi + step * 1e-9 {
            out.append(t)
            t += step
        }
        return out
    }

    /// The round step (1, 2 or 5 × a power of ten) giving about `count` ticks over `lo...hi`.
    static func step(_ lo: Double, _ hi: Double, count: Int) -> Double {
        let raw = max(hi - lo, 1e-9) / Double(count)
        let power = pow(10, (log10(raw)).rounded(.down))
        return [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? 10 * power
    }
}
