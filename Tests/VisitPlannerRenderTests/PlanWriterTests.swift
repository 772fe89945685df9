import Foundation
import XCTest

@testable import VisitPlannerCore
@testable import VisitPlannerRender

/// Writing the plan folder: hostile names stay inside it, files are replaced whole, stale
/// itineraries and calendars go, and everything else (desk officers' reports) stays.
final class PlanWriterTests: XCTestCase {
    var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("PlanWriterTests-\(UUID().uuidString)")
            .appendingPathComponent("plan")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: folder.deletingLastPathComponent())
    }

    func testEveryWrittenPathStaysInsideTheFolder() throws {
        let written = try PlanWriter.write(PlanFixture.document, to: folder)
        XCTAssertEqual(written.first, "plan.json")
        let root = folder.standardizedFileURL.resolvingSymlinksInPath().path + "/"
        for relative in written {
            XCTAssertFalse(relative.split(separator: "/").contains(".."), relative)
            XCTAssertFalse(relative.hasPrefix("/"), relative)
            XCTAssertFalse(relative.unicodeScalars.contains { $0.properties.generalCategory == .control }, relative)
            let url = folder.appendingPathComponent(relative).standardizedFileURL.resolvingSymlinksInPath()
            XCTAssertTrue(url.path.hasPrefix(root), "\(relative) escapes the folder")
            XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), relative)
        }
        // Nothing was written beside the folder (the fixture's names contain "../").
        let parent = try FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)
        XCTAssertEqual(parent, ["plan"])
        // And the files on disk are exactly what was rendered.
        for (path, bytes) in try PlanWriter.render(PlanFixture.document) {
            XCTAssertEqual(FileManager.default.contents(atPath: folder.appendingPathComponent(path).path), bytes, path)
        }
    }

    func testExistingFilesAreReplacedWholeAndOthersLeftAlone() throws {
        let fm = FileManager.default
        func put(_ relative: String, _ text: String) throws {
            let url = folder.appendingPathComponent(relative)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        // An older, longer plan.md: the new one must not keep its tail.
        try put("plan.md", String(repeating: "old plan line\n", count: 5000))
        try put("itineraries/DO-GONE.md", "a manager who no longer travels")
        try put("calendar/DO-GONE.ics", "BEGIN:VCALENDAR")
        try put("itineraries/notes.txt", "a planner's own notes")
        try put("reports/DO-CAF-2027.docx", "a desk officer's edited report")
        try put("reports/DO-GONE.md", "must survive too")

        let written = try PlanWriter.write(PlanFixture.document, to: folder)
        let expected = try PlanWriter.render(PlanFixture.document)
        XCTAssertEqual(
            fm.contents(atPath: folder.appendingPathComponent("plan.md").path),
            expected.first { $0.path == "plan.md" }?.bytes)
        XCTAssertFalse(fm.fileExists(atPath: folder.appendingPathComponent("itineraries/DO-GONE.md").path))
        XCTAssertFalse(fm.fileExists(atPath: folder.appendingPathComponent("calendar/DO-GONE.ics").path))
        XCTAssertEqual(
            try String(contentsOf: folder.appendingPathComponent("itineraries/notes.txt"), encoding: .utf8),
            "a planner's own notes")
        XCTAssertEqual(
            try String(contentsOf: folder.appendingPathComponent("reports/DO-CAF-2027.docx"), encoding: .utf8),
            "a desk officer's edited report")
        XCTAssertTrue(fm.fileExists(atPath: folder.appendingPathComponent("reports/DO-GONE.md").path))
        XCTAssertFalse(written.contains { $0.hasPrefix("reports/") })
        // No temporary files left behind.
        let all = fm.enumerator(atPath: folder.path)!.compactMap { $0 as? String }
        XCTAssertFalse(all.contains { $0.hasSuffix(".tmp") }, all.joined(separator: ", "))
    }

    func testRegeneratingAnUnchangedPlanGivesTheSameBytes() throws {
        try PlanWriter.write(PlanFixture.document, to: folder)
        let first = try snapshot()
        try PlanWriter.write(PlanFixture.document, to: folder)
        XCTAssertEqual(try snapshot(), first)
    }

    private func snapshot() throws -> [String: Data] {
        var out: [String: Data] = [:]
        for case let path as String in FileManager.default.enumerator(atPath: folder.path)! {
            var isDir: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[path] = FileManager.default.contents(atPath: full)
            }
        }
        return out
    }
}
