import Foundation
import VisitPlannerCore
import VisitPlannerRender
import VisitPlannerReports
import VisitPlannerWriters
import XCTest

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// `visitplan plan` killed with SIGKILL at random moments of its writing, and two runs into the
/// same folder at once: afterwards the folder always holds one whole plan, nobody's file is
/// lost, the next run cleans up, and the report ledger knows every template.
final class PlanFolderCrashTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var dataFolder: String { repo.appendingPathComponent("Data").path }
    /// Two budgets that give different plans (different managers travel), so a mix would show.
    static let budgets = ["126560", "60000"]

    var binary: URL { Executable.url }

    var parent: URL!
    var folder: URL { parent.appendingPathComponent("year") }
    let fm = FileManager.default
    /// Files of the planner's and the desk officers' own, which must survive everything.
    let ownFiles = [
        "notes.txt": "the planner's notes", "itineraries/to check.md": "questions for the travel unit",
        "calendar/team.ics": "BEGIN:VCALENDAR\r\nthe team's own\r\nEND:VCALENDAR\r\n", "reports/briefing.md": "a desk officer's briefing",
    ]

    override func setUpWithError() throws {
        guard fm.isExecutableFile(atPath: binary.path) else {
            XCTFail("visitplan is not built next to the tests (\(binary.path))")
            throw XCTSkip("no executable")
        }
        parent = fm.temporaryDirectory.appendingPathComponent("vp-crash-\(UUID().uuidString)")
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? fm.removeItem(at: parent) }

    private func start(budget: String) throws -> Process {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["plan", "--data", Self.dataFolder, "--out", parent.path, "--name", "year", "--budget", budget]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    private func run(budget: String) throws -> (status: Int32, out: String) {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["plan", "--data", Self.dataFolder, "--out", parent.path, "--name", "year", "--budget", budget]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    private func putOwnFiles() throws {
        for (path, text) in ownFiles {
            let url = folder.appendingPathComponent(path)
            try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
    }

    /// The folder holds exactly the files its plan.json renders to, byte for byte, as its
    /// manifest says, and every own file.
    private func assertOneWholePlan(_ context: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let json = try Data(contentsOf: folder.appendingPathComponent("plan.json"))
        let document = try PlanDocument.decode(json)
        let rendered = try PlanWriter.render(document)
        for (path, bytes) in rendered {
            let onDisk = fm.contents(atPath: folder.appendingPathComponent(path).path)
            if path.hasPrefix("calendar/") {
                // Calendars are numbered against the folder's earlier ones (SEQUENCE, DTSTAMP,
                // cancelled events): the same live events is the same plan.
                XCTAssertTrue(
                    ICalendar.sameLiveEvents(String(decoding: onDisk ?? Data(), as: UTF8.self), String(decoding: bytes, as: UTF8.self)),
                    "\(context): \(path)", file: file, line: line)
            } else {
                XCTAssertEqual(onDisk, bytes, "\(context): \(path)", file: file, line: line)
            }
        }
        // Calendars of managers with no trip left hold their cancelled events.
        let calendarFolder = folder.appendingPathComponent("calendar")
        let cancelledOnly = Set(
            (try? fm.contentsOfDirectory(atPath: calendarFolder.path))?.filter { name in
                !rendered.contains { $0.path == "calendar/" + name } && name.hasSuffix(".ics")
                    && ICalendar.onlyCancelled(
                        (try? String(contentsOf: calendarFolder.appendingPathComponent(name), encoding: .utf8)) ?? "BEGIN:VEVENT")
            }.map { "calendar/" + $0 } ?? [])
        let manifest = try JSONDecoder().decode(
            FolderManifest.self, from: Data(contentsOf: folder.appendingPathComponent(FolderManifest.fileName)))
        XCTAssertEqual(Set(manifest.files.keys), Set(rendered.map(\.path)).union(cancelledOnly), context, file: file, line: line)
        for sub in ["itineraries", "calendar"] {
            let onDisk = Set(try fm.contentsOfDirectory(atPath: folder.appendingPathComponent(sub).path).map { "\(sub)/\($0)" })
            let expected = Set(rendered.map(\.path).filter { $0.hasPrefix(sub + "/") }).union(
                ownFiles.keys.filter { $0.hasPrefix(sub + "/") }
            ).union(cancelledOnly.filter { $0.hasPrefix(sub + "/") })
            XCTAssertEqual(
                onDisk.subtracting(expected.union(onDisk.filter { $0.contains("/.visitplan-tmp.") })), [], context, file: file, line: line)
            XCTAssertEqual(expected.subtracting(onDisk), [], context, file: file, line: line)
        }
        for (path, text) in ownFiles {
            XCTAssertEqual(
                try? String(contentsOf: folder.appendingPathComponent(path), encoding: .utf8), text, "\(context): \(path)", file: file,
                line: line)
        }
    }

    /// After a clean run: nothing left beside the folder but its lock file, no temporary file
    /// inside, and no template counted as edited (the ledger lost no entry).
    private func assertCleanRun(_ context: String) throws {
        let clean = try run(budget: Self.budgets[0])
        XCTAssertEqual(clean.status, 0, context)
        XCTAssertTrue(clean.out.contains(", 0 kept (edited)"), "\(context): \(clean.out)")
        XCTAssertEqual(try fm.contentsOfDirectory(atPath: parent.path).sorted(), [".visitplan-lock.year", "year"], context)
        let all = fm.enumerator(atPath: folder.path)!.compactMap { $0 as? String }
        XCTAssertFalse(
            all.contains { ($0.contains(".visitplan-") && $0 != FolderManifest.fileName) || $0.hasSuffix(".tmp") }, "\(context): \(all)")
        XCTAssertEqual(Set(all.filter { $0.contains("(edited") }), [], context)
        try assertOneWholePlan(context)
    }

    func testAPlanRunKilledAtAnyMomentLeavesOneWholePlan() throws {
        XCTAssertEqual(try run(budget: Self.budgets[0]).status, 0)
        try putOwnFiles()
        var random = SyntheticData.Generator(seed: 9_111)
        var killedWhileWriting = 0
        for round in 0..<12 {
            let process = try start(budget: Self.budgets[round % 2])
            // Wait for the writing to begin (its staging folder appears), then kill at a random
            // moment of it: the switch, the clean-up or the report templates.
            let begun = Date()
            while process.isRunning && Date().timeIntervalSince(begun) < 20 {
                if (try? fm.contentsOfDirectory(atPath: parent.path))?.contains(where: { $0.hasPrefix(".visitplan-staging.") }) == true {
                    break
                }
                usleep(500)
            }
            usleep(UInt32(random.next() % 120_000))
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                killedWhileWriting += 1
            }
            process.waitUntilExit()
            try assertOneWholePlan("round \(round)")
        }
        XCTAssertGreaterThanOrEqual(killedWhileWriting, 4, "too few runs were killed while writing to test anything")
        try assertCleanRun("after the kills")
    }

    func testTwoRunsAtOnceTakeTurns() throws {
        XCTAssertEqual(try run(budget: Self.budgets[0]).status, 0)
        try putOwnFiles()
        for round in 0..<3 {
            let a = try start(budget: Self.budgets[0])
            let b = try start(budget: Self.budgets[1])
            a.waitUntilExit()
            b.waitUntilExit()
            XCTAssertEqual([a.terminationStatus, b.terminationStatus], [0, 0], "round \(round)")
            try assertOneWholePlan("round \(round)")
        }
        try assertCleanRun("after the concurrent runs")
    }
}
