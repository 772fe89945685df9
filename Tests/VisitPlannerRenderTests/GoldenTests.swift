import Foundation
import XCTest

@testable import VisitPlannerCore
@testable import VisitPlannerRender
@testable import VisitPlannerReports
@testable import VisitPlannerWriters

/// Every rendered file of the fixture plan, byte for byte against `Golden/`.
///
/// Re-record on purpose only: `RECORD_GOLDEN=1 swift test --filter VisitPlannerRenderTests`
/// writes into the source tree's `Golden/` folder; review the diff before committing it.
/// (`plan.json` is the core's contract and is checked by its own tests, not here.)
final class GoldenTests: XCTestCase {
    func testEveryRenderedFileMatchesItsGolden() throws {
        let files = try PlanWriter.render(PlanFixture.document).filter { $0.path != "plan.json" }
        XCTAssertEqual(
            files.map(\.path),
            [
                "plan.md", "trips.csv", "plan.html",
                "itineraries/__MM-1.md", "itineraries/MM_2_ß.md",
                "calendar/__MM-1.ics", "calendar/MM_2_ß.ics",
            ])
        for file in files { try assertGolden(file.bytes, named: file.path) }
    }

    func testRenderingIsDeterministic() throws {
        let a = try PlanWriter.render(PlanFixture.document)
        let b = try PlanWriter.render(PlanFixture.document)
        XCTAssertEqual(a.map(\.path), b.map(\.path))
        XCTAssertEqual(a.map(\.bytes), b.map(\.bytes))
    }
}

// MARK: - Golden files

/// The source tree's `Golden/` folder (found from this file, so recording writes there).
let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

func assertGolden(_ actual: Data, named name: String, file: StaticString = #filePath, line: UInt = #line) throws {
    let url = goldenFolder.appendingPathComponent(name)
    if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try actual.write(to: url)
        return
    }
    guard let expected = FileManager.default.contents(atPath: url.path) else {
        XCTFail("no golden file Golden/\(name): run with RECORD_GOLDEN=1 to record it, then review it", file: file, line: line)
        return
    }
    guard expected != actual else { return }
    let e = String(decoding: expected, as: UTF8.self).components(separatedBy: "\n")
    let a = String(decoding: actual, as: UTF8.self).components(separatedBy: "\n")
    let i = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
    XCTFail(
        """
        Golden/\(name) differs at line \(i + 1):
          expected: \(i < e.count ? e[i] : "<end of file>")
          actual:   \(i < a.count ? a[i] : "<end of file>")
        (re-record on purpose with RECORD_GOLDEN=1)
        """, file: file, line: line)
}
