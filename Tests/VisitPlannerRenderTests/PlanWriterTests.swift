import Foundation
import XCTest

@testable import VisitPlannerCore
@testable import VisitPlannerRender
@testable import VisitPlannerReports
@testable import VisitPlannerWriters

/// Writing the plan folder: hostile names stay inside it, the folder is replaced as a whole,
/// only files the manifest proves ours are replaced or removed, edited ones are kept as
/// copies, links are never followed, and runs take turns.
final class PlanWriterTests: XCTestCase {
    var folder: URL!
    var parent: URL { folder.deletingLastPathComponent() }
    let fm = FileManager.default

    override func setUpWithError() throws {
        folder = fm.temporaryDirectory.appendingPathComponent("PlanWriterTests-\(UUID().uuidString)")
            .appendingPathComponent("plan")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? fm.removeItem(at: parent)
    }

    /// The fixture without the second manager's trip (and so without their itinerary and calendar).
    static let smaller: PlanDocument = {
        var doc = PlanFixture.document
        doc.trips.removeAll { $0.manager == PlanFixture.m2 }
        return doc
    }()

    private func put(_ relative: String, _ text: String) throws {
        let url = folder.appendingPathComponent(relative)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    private func text(_ relative: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(relative), encoding: .utf8)
    }

    private func exists(_ relative: String) -> Bool { fm.fileExists(atPath: folder.appendingPathComponent(relative).path) }

    // MARK: - The folder as a whole

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
            XCTAssertTrue(fm.fileExists(atPath: url.path), relative)
        }
        // Nothing was written beside the folder (the fixture's names contain "../") but its lock
        // file, and no staging folder is left.
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: parent.path).sorted(), [".visitplan-lock.plan", "plan"])
        // The files on disk are exactly what was rendered, and the manifest lists exactly them.
        let rendered = try PlanWriter.render(PlanFixture.document)
        for (path, bytes) in rendered {
            XCTAssertEqual(fm.contents(atPath: folder.appendingPathComponent(path).path), bytes, path)
        }
        let manifest = try JSONDecoder().decode(
            FolderManifest.self, from: Data(contentsOf: folder.appendingPathComponent(FolderManifest.fileName)))
        XCTAssertEqual(manifest.files, Dictionary(uniqueKeysWithValues: rendered.map { ($0.path, ContentHash.sha256($0.bytes)) }))
        XCTAssertEqual(manifest.copies, [:])
    }

    func testStaleFilesGoAndEveryoneElsesStay() throws {
        try PlanWriter.write(PlanFixture.document, to: folder)
        XCTAssertTrue(exists("itineraries/MM_2_ß.md"))
        XCTAssertTrue(exists("calendar/MM_2_ß.ics"))
        try put("plan.md", String(repeating: "old plan line\n", count: 5000))
        try put("itineraries/notes.md", "a planner's own notes")
        try put("calendar/holidays.ics", "BEGIN:VCALENDAR\r\nmy own calendar\r\n")
        try put("reports/DO-CAF-2027.docx", "a desk officer's edited report")
        try put("drafts/2026/old plan.md", "last year's draft")

        let result = try PlanWriter.write(Self.smaller, to: folder, reportTemplates: false)
        // The second manager no longer travels: their itinerary, unedited, is gone; their
        // calendar stays with its events cancelled, so a re-import removes them.
        XCTAssertFalse(exists("itineraries/MM_2_ß.md"))
        XCTAssertTrue(ICalendar.onlyCancelled(try text("calendar/MM_2_ß.ics")))
        XCTAssertTrue(try text("calendar/MM_2_ß.ics").contains("STATUS:CANCELLED"))
        // What someone else wrote is all there, byte for byte, including plan.md's edit.
        XCTAssertEqual(try text("itineraries/notes.md"), "a planner's own notes")
        XCTAssertEqual(try text("calendar/holidays.ics"), "BEGIN:VCALENDAR\r\nmy own calendar\r\n")
        XCTAssertEqual(try text("reports/DO-CAF-2027.docx"), "a desk officer's edited report")
        XCTAssertEqual(try text("drafts/2026/old plan.md"), "last year's draft")
        XCTAssertEqual(try text("plan (edited).md"), String(repeating: "old plan line\n", count: 5000))
        XCTAssertEqual(result.kept, [KeptFile(path: "plan.md", keptAs: "plan (edited).md", reason: .edited)])
        for (path, bytes) in try PlanWriter.render(Self.smaller) where !path.hasPrefix("calendar/") {
            XCTAssertEqual(fm.contents(atPath: folder.appendingPathComponent(path).path), bytes, path)
        }
        for (path, bytes) in try PlanWriter.render(Self.smaller) where path.hasPrefix("calendar/") {
            XCTAssertTrue(ICalendar.sameLiveEvents(try text(path), String(decoding: bytes, as: UTF8.self)), path)
        }
        // No temporary or staging files anywhere.
        let all = fm.enumerator(atPath: parent.path)!.compactMap { $0 as? String }
        XCTAssertFalse(all.contains { $0.contains(".visitplan-tmp.") || $0.contains(".visitplan-staging.") }, "\(all)")
    }

    func testEditedGeneratedFilesAreKeptAsCopiesAndSaidSo() throws {
        try PlanWriter.write(PlanFixture.document, to: folder)
        try put("itineraries/__MM-1.md", "my annotated itinerary")
        try put("itineraries/MM_2_ß.md", "notes on a trip that will be dropped")
        try put("plan (edited).md", "an older copy of mine")
        try put("plan.md", "my edit")

        let result = try PlanWriter.write(Self.smaller, to: folder, reportTemplates: false)
        XCTAssertEqual(
            result.kept,
            [
                KeptFile(path: "itineraries/MM_2_ß.md", keptAs: "itineraries/MM_2_ß.md", reason: .editedNoLongerGenerated),
                KeptFile(path: "itineraries/__MM-1.md", keptAs: "itineraries/__MM-1 (edited).md", reason: .edited),
                KeptFile(path: "plan.md", keptAs: "plan (edited 2).md", reason: .edited),
            ])
        XCTAssertEqual(try text("itineraries/__MM-1 (edited).md"), "my annotated itinerary")
        XCTAssertEqual(try text("itineraries/MM_2_ß.md"), "notes on a trip that will be dropped")
        XCTAssertEqual(try text("plan (edited).md"), "an older copy of mine")
        XCTAssertEqual(try text("plan (edited 2).md"), "my edit")
        let rendered = try PlanWriter.render(Self.smaller)
        XCTAssertEqual(try text("plan.md"), String(decoding: rendered.first { $0.path == "plan.md" }!.bytes, as: UTF8.self))
        XCTAssertEqual(
            result.kept.map(\.description)[2],
            "plan.md is not the file VisitPlanner last wrote there (edited, or someone's own): kept as plan (edited 2).md; plan.md is the new one"
        )

        // The next run finds nothing new to keep, and leaves every copy alone.
        let again = try PlanWriter.write(Self.smaller, to: folder, reportTemplates: false)
        XCTAssertEqual(again.kept, [])
        XCTAssertEqual(try text("plan (edited 2).md"), "my edit")
        XCTAssertEqual(try text("itineraries/MM_2_ß.md"), "notes on a trip that will be dropped")
    }

    func testAFolderWrittenBeforeManifestsIsRecognisedFromItsPlan() throws {
        // As the earlier writer left it: every file, no manifest.
        for (path, bytes) in try PlanWriter.render(PlanFixture.document) {
            try put(path, String(decoding: bytes, as: UTF8.self))
        }
        try put("itineraries/notes.md", "mine")
        let result = try PlanWriter.write(Self.smaller, to: folder, reportTemplates: false)
        XCTAssertEqual(result.kept, [])
        XCTAssertFalse(exists("itineraries/MM_2_ß.md"))
        XCTAssertEqual(try text("itineraries/notes.md"), "mine")
    }

    func testRegeneratingAnUnchangedPlanGivesTheSameBytes() throws {
        try PlanWriter.write(PlanFixture.document, to: folder)
        let first = try snapshot()
        try PlanWriter.write(PlanFixture.document, to: folder)
        XCTAssertEqual(try snapshot(), first)
        XCTAssertNotNil(first[FolderManifest.fileName])
    }

    // MARK: - Symbolic links

    func testALinkedSubfolderIsRefusedAndNothingOutsideIsTouched() throws {
        try PlanWriter.write(PlanFixture.document, to: folder)
        let outside = parent.appendingPathComponent("outside")
        try fm.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("someone else's calendar".utf8).write(to: outside.appendingPathComponent("team.ics"))
        for sub in ["calendar", "itineraries", "reports"] {
            let before = try snapshot()
            try? fm.removeItem(at: folder.appendingPathComponent(sub))
            try fm.createSymbolicLink(atPath: folder.appendingPathComponent(sub).path, withDestinationPath: outside.path)
            XCTAssertThrowsError(try PlanWriter.write(Self.smaller, to: folder, reportTemplates: false)) { error in
                XCTAssertEqual(
                    error as? FileSystemError, .symbolicLink(path: folder.appendingPathComponent(sub).path, target: outside.path), sub)
                XCTAssertTrue("\(error)".contains("is a symbolic link to \(outside.path)"), "\(error)")
            }
            XCTAssertEqual(try fm.contentsOfDirectory(atPath: outside.path), ["team.ics"], sub)
            try fm.removeItem(at: folder.appendingPathComponent(sub))
            for (path, bytes) in before where path.hasPrefix(sub + "/") {
                try put(path, String(decoding: bytes, as: UTF8.self))
            }
        }
        // A link elsewhere is someone's: carried over as a link, never followed.
        try fm.createSymbolicLink(atPath: folder.appendingPathComponent("shared").path, withDestinationPath: outside.path)
        try PlanWriter.write(Self.smaller, to: folder)
        XCTAssertEqual(try fm.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("shared").path), outside.path)
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: outside.path), ["team.ics"])
    }

    func testAPlanFolderThatIsALinkIsRefused() throws {
        let real = parent.appendingPathComponent("real")
        try fm.createDirectory(at: real, withIntermediateDirectories: true)
        try fm.removeItem(at: folder)
        try fm.createSymbolicLink(atPath: folder.path, withDestinationPath: real.path)
        XCTAssertThrowsError(try PlanWriter.write(PlanFixture.document, to: folder)) { error in
            XCTAssertEqual(error as? FileSystemError, .symbolicLink(path: folder.path, target: real.path))
        }
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: real.path), [])
        // Nor may the folder that holds plan folders be a link.
        let linkedOut = parent.appendingPathComponent("Reports")
        try fm.createSymbolicLink(atPath: linkedOut.path, withDestinationPath: real.path)
        XCTAssertThrowsError(try PlanWriter.write(PlanFixture.document, to: linkedOut.appendingPathComponent("plan"))) { error in
            XCTAssertEqual(error as? FileSystemError, .symbolicLink(path: linkedOut.path, target: real.path))
        }
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: real.path), [])
    }

    // MARK: - Killed and concurrent runs

    func testLeftoversOfAKilledRunAreCleanedAndTheirFilesKept() throws {
        try PlanWriter.write(PlanFixture.document, to: folder)
        // A run killed while staging: its manifest, a generated file, a half-written temporary
        // file (of a process that no longer exists), a link to a user's file, and a file
        // someone saved into it.
        let staging = parent.appendingPathComponent(".visitplan-staging.plan.999999999.abc123")
        try fm.createDirectory(at: staging.appendingPathComponent("itineraries"), withIntermediateDirectories: true)
        let planMD = Data("new plan".utf8)
        try FolderManifest(files: ["plan.md": ContentHash.sha256(planMD)]).encoded()
            .write(to: staging.appendingPathComponent(FolderManifest.fileName))
        try planMD.write(to: staging.appendingPathComponent("plan.md"))
        try Data("half".utf8).write(to: staging.appendingPathComponent(".visitplan-tmp.999999999.1f.plan.html"))
        try put("itineraries/notes.md", "mine")
        try fm.linkItem(
            at: folder.appendingPathComponent("itineraries/notes.md"), to: staging.appendingPathComponent("itineraries/notes.md"))
        try Data("saved at the wrong moment".utf8).write(to: staging.appendingPathComponent("late.txt"))
        // And a temporary file of a killed run in the plan folder itself.
        try put("calendar/.visitplan-tmp.999999999.2e.__MM-1.ics", "half")
        try put("calendar/.__MM-1.ics.0F1E2D3C-4B5A-6978-8796-A5B4C3D2E1F0.tmp", "half, from the earlier naming")

        let result = try PlanWriter.write(Self.smaller, to: folder, reportTemplates: false)
        XCTAssertEqual(result.kept, [])
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: parent.path).sorted(), [".visitplan-lock.plan", "plan"])
        XCTAssertEqual(try text("late.txt"), "saved at the wrong moment")
        XCTAssertEqual(try text("itineraries/notes.md"), "mine")
        let all = fm.enumerator(atPath: folder.path)!.compactMap { $0 as? String }
        XCTAssertFalse(all.contains { $0.hasSuffix(".tmp") || $0.contains(".visitplan-tmp.") }, "\(all)")
        for (path, bytes) in try PlanWriter.render(Self.smaller) {
            XCTAssertEqual(fm.contents(atPath: folder.appendingPathComponent(path).path), bytes, path)
        }
    }

    func testRunsTakeTurnsAndABusyFolderIsRefusedAfterTheTimeout() throws {
        var held: FolderLock? = try FolderLock.acquire(folder)
        var told: [String] = []
        XCTAssertThrowsError(
            try PlanWriter.write(PlanFixture.document, to: folder, reportTemplates: false, onWait: { told.append($0) }, timeout: 0.2)
        ) { error in
            XCTAssertEqual(error as? FileSystemError, .busy(folder: folder.path, seconds: 0))
        }
        XCTAssertEqual(told, ["another visitplan run is writing \(folder.path); waiting…"])
        XCTAssertFalse(exists("plan.json"))
        // Released by its holder while another run waits: that run goes on.
        let holder = Holder(held!)
        held = nil
        DispatchQueue.global().asyncAfter(deadline: .now() + 0.3) { holder.release() }
        let started = Date()
        let result = try PlanWriter.write(PlanFixture.document, to: folder, reportTemplates: false, timeout: 10)
        XCTAssertGreaterThan(Date().timeIntervalSince(started), 0.25)
        XCTAssertEqual(result.written.first, "plan.json")
    }

    /// Holds a lock until told to let it go.
    private final class Holder: @unchecked Sendable {
        private var lock: FolderLock?
        private let guardLock = NSLock()
        init(_ lock: FolderLock) { self.lock = lock }
        func release() { guardLock.withLock { lock = nil } }
    }

    // MARK: - Single files

    func testAtomicFileFlushesUsesARecognisableTemporaryNameAndUsualPermissions() throws {
        let url = folder.appendingPathComponent("one.txt")
        try AtomicFile.write("first", to: url)
        try AtomicFile.write("second", to: url)
        XCTAssertEqual(try String(contentsOf: url, encoding: .utf8), "second")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: folder.path), ["one.txt"])
        let mask = umask(0)
        umask(mask)
        let mode = try XCTUnwrap(fm.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int)
        XCTAssertEqual(mode, 0o666 & ~Int(mask))
        XCTAssertEqual(DirectoryHandle.temporaryName(for: "plan.md", pid: 42, random: 255), ".visitplan-tmp.42.ff.plan.md")
        XCTAssertEqual(DirectoryHandle.temporaryName(for: String(repeating: "x", count: 300), pid: 1, random: 1).utf8.count, 255)
        XCTAssertTrue(DirectoryHandle.isAbandonedTemporary(".visitplan-tmp.999999999.ff.plan.md"))
        XCTAssertFalse(DirectoryHandle.isAbandonedTemporary(".visitplan-tmp.\(getpid()).ff.plan.md"))
        XCTAssertFalse(DirectoryHandle.isAbandonedTemporary(".my-notes.tmp"))
        XCTAssertFalse(DirectoryHandle.isAbandonedTemporary("plan.md"))
    }

    func testCopyNames() {
        XCTAssertEqual(KeptFile.copyName(for: "plan.md") { _ in false }, "plan (edited).md")
        XCTAssertEqual(KeptFile.copyName(for: "a/b/notes") { _ in false }, "a/b/notes (edited)")
        XCTAssertEqual(KeptFile.copyName(for: ".hidden") { _ in false }, ".hidden (edited)")
        XCTAssertEqual(KeptFile.copyName(for: "x.tar.gz") { $0 == "x.tar (edited).gz" }, "x.tar (edited 2).gz")
        XCTAssertEqual(KeptFile.copyName(for: String(repeating: "n", count: 255)) { _ in false }.utf8.count, 255)
    }

    private func snapshot() throws -> [String: Data] {
        var out: [String: Data] = [:]
        for case let path as String in fm.enumerator(atPath: folder.path)! {
            var isDir: ObjCBool = false
            let full = folder.appendingPathComponent(path).path
            if fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue {
                out[path] = fm.contents(atPath: full)
            }
        }
        return out
    }
}
