import Foundation
import XCTest

@testable import VisitPlannerCore
@testable import VisitPlannerRender
@testable import VisitPlannerWriters

/// The year timeline of `plan.html`: preferred windows drawn, and labels of close trips kept
/// apart.
final class TimelineDrawingTests: XCTestCase {
    /// The fixture with manager 1's two trips moved 3 days apart (their labels would overlap).
    private func closeTrips() -> PlanDocument {
        var doc = PlanFixture.document
        let mine = doc.trips.indices.filter { doc.trips[$0].manager == PlanFixture.m1 }
        XCTAssertEqual(mine.count, 2)
        let first = doc.trips[mine[0]]
        let shift = first.depart.distance(to: doc.trips[mine[1]].depart) - 3
        var t = doc.trips[mine[1]]
        t.depart = t.depart - shift
        t.return = t.return - shift
        t.stops = t.stops.map {
            var s = $0; s.arrive = s.arrive - shift; s.leave = s.leave - shift; return s
        }
        t.legs = t.legs.map {
            var l = $0; l.date = l.date - shift; return l
        }
        doc.trips[mine[1]] = t
        return doc
    }

    /// `y` of each `<text>` whose content is `label`.
    private func labelRows(_ svg: String, _ label: String) -> [String] {
        let escaped = Escape.xml(label)
        return svg.components(separatedBy: "<text ").dropFirst().compactMap { element -> String? in
            // `<text …><title>…</title>label</text>`: the label is what precedes `</text>`.
            guard let end = element.range(of: "</text>"), element[..<end.lowerBound].hasSuffix(">" + escaped) else { return nil }
            guard let y = element.range(of: "y=\"") else { return nil }
            return String(element[y.upperBound...].prefix { $0 != "\"" })
        }
    }

    func testLabelsOfCloseTripsDoNotOverlap() {
        let doc = closeTrips()
        let svg = PlanGraphics.timeline(PlanIndex(doc))
        let mine = doc.trips.filter { $0.manager == PlanFixture.m1 }
        let first = labelRows(svg, mine[0].stops.map(\.operation).joined(separator: "+"))
        let second = labelRows(svg, mine[1].stops.map(\.operation).joined(separator: "+"))
        XCTAssertEqual(first.count, 1)
        XCTAssertEqual(second.count, 1)
        XCTAssertNotEqual(first, second, "the second label goes to the other row")
        // Far apart (the fixture as it is), both labels sit on the row above the bars.
        let apart = PlanGraphics.timeline(PlanIndex(PlanFixture.document))
        let original = PlanFixture.document.trips.filter { $0.manager == PlanFixture.m1 }
        XCTAssertEqual(
            labelRows(apart, original[0].stops.map(\.operation).joined(separator: "+")),
            labelRows(apart, original[1].stops.map(\.operation).joined(separator: "+")))
    }

    func testPreferredWindowsOfVisitedOperationsAreDrawn() {
        let svg = PlanGraphics.timeline(PlanIndex(PlanFixture.document))
        let windows = PlanFixture.document.operations.flatMap { op in op.preferred.map { (op.code, $0) } }
        let visited = Set(PlanFixture.document.trips.flatMap { $0.stops.map(\.operation) })
        let drawn = windows.filter { visited.contains($0.0) }
        XCTAssertFalse(drawn.isEmpty, "the fixture has a preferred window on a visited operation")
        for (code, r) in drawn {
            XCTAssertTrue(
                svg.contains(Escape.xml("\(code) preferred window \(r.start.readable) – \(r.end.readable)")), "\(code) \(r.start)")
        }
        XCTAssertTrue(svg.contains("Preferred window"))
    }
}
