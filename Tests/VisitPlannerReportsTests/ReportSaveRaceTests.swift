import Foundation
import VisitPlannerCore
import XCTest

@testable import VisitPlannerReports
@testable import VisitPlannerWriters

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A desk officer saves a report at the very moment `reports init` refreshes its template:
/// the save must survive, whatever the timing, saved in place or Word's way (a new file
/// renamed over the old one).
final class ReportSaveRaceTests: XCTestCase {
    private var folder: URL!
    private var reports: URL { folder.appendingPathComponent("reports") }

    override func setUpWithError() throws { folder = try ReportsFixture.planFolder() }
    override func tearDown() { ReportsFixture.remove(folder) }

    /// The fixture plan, and the same plan with a trip one dollar dearer: the templates of that
    /// trip's visits change, so `initialize` refreshes them (an exchange) on every switch.
    private let planA = ReportsFixture.planJSON()
    private lazy var planB = planA.replacingOccurrences(of: "\"total\": 7650}", with: "\"total\": 7651}")
    private let refreshed = ["ALPHA-2027-M1.md", "ALPHA-2027-M1.docx", "BRAVO-2027-M1.md", "BRAVO-2027-M1.docx"]

    private func setPlan(_ json: String) throws {
        try Data(json.utf8).write(to: folder.appendingPathComponent("plan.json"))
    }

    func testTheFixtureReallyRefreshesTheseTemplates() throws {
        XCTAssertNotEqual(planA, planB)
        try setPlan(planA)
        try ReportTemplates.initialize(planFolder: folder)
        try setPlan(planB)
        let summary = try ReportTemplates.initialize(planFolder: folder)
        XCTAssertEqual(summary.refreshed, refreshed)
    }

    /// Rounds for about three seconds: templates of plan A in place, plan B written, then
    /// `initialize` runs while one save lands on one of the refreshed templates after a random
    /// delay spread over the run. Afterwards that save's bytes must be on disk, at the report's
    /// name or in a copy that the summary names.
    func testASaveAtAnyMomentOfARefreshIsNeverLost() throws {
        var random = SyntheticData.Generator(seed: 20_261_130)
        let deadline = Date().addingTimeInterval(3)
        var rounds = 0
        var runSeconds = 0.02
        var outcomes: [String: Int] = [:]
        while Date() < deadline || rounds < 20 {
            rounds += 1
            try? FileManager.default.removeItem(at: reports)
            try setPlan(planA)
            try ReportTemplates.initialize(planFolder: folder)
            try setPlan(planB)

            // One save on each refreshed template, each at its own random moment and in its own way.
            var savers: [Saver] = []
            for target in refreshed {
                let wordStyle = random.next() % 2 == 0
                let delay = Double(random.next() % 1000) / 1000 * runSeconds * 1.2
                let save = Data("round \(rounds): \(wordStyle ? "Word" : "in place") save of \(target)".utf8)
                savers.append(Saver(folder: reports, name: target, bytes: save, wordStyle: wordStyle, delay: delay))
            }
            let started = Date()
            for saver in savers { Thread { saver.run() }.start() }
            let summary = try ReportTemplates.initialize(planFolder: folder)
            runSeconds = max(0.005, Date().timeIntervalSince(started))
            for saver in savers { saver.done.wait() }

            let names = try FileManager.default.contentsOfDirectory(atPath: reports.path)
            XCTAssertFalse(names.contains { $0.hasPrefix(".visitplan-tmp.") }, "round \(rounds): \(names)")
            for saver in savers {
                XCTAssertNil(saver.error, "round \(rounds): the save itself failed")
                let holders = names.filter { (try? Data(contentsOf: reports.appendingPathComponent($0))) == saver.bytes }
                XCTAssertFalse(
                    holders.isEmpty, "round \(rounds): \(String(decoding: saver.bytes, as: UTF8.self)) was lost; folder: \(names.sorted())")
                for holder in holders where holder != saver.name {
                    XCTAssertTrue(
                        summary.warnings.contains { $0.contains(holder) },
                        "round \(rounds): copy \(holder) not reported: \(summary.warnings)")
                }
                let place = holders == [saver.name] ? "at its name" : "in a copy"
                outcomes["\(summary.keptEdited.contains(saver.name) ? "kept" : "refreshed, then saved") \(place)", default: 0] += 1
            }
        }
        // Both orders happened: saves before the refresh and saves after it.
        XCTAssertGreaterThan(outcomes.count, 1, "\(outcomes)")
    }

    /// One save, as an editor makes it, after a delay.
    private final class Saver: @unchecked Sendable {
        let folder: URL
        let name: String
        let bytes: Data
        let wordStyle: Bool
        let delay: Double
        let done = DispatchSemaphore(value: 0)
        var error: String?

        init(folder: URL, name: String, bytes: Data, wordStyle: Bool, delay: Double) {
            self.folder = folder
            self.name = name
            self.bytes = bytes
            self.wordStyle = wordStyle
            self.delay = delay
        }

        func run() {
            defer { done.signal() }
            usleep(UInt32(delay * 1_000_000))
            let path = folder.appendingPathComponent(name).path
            if wordStyle {
                // Word writes a temporary file next to the document, then renames it over.
                let temp = folder.appendingPathComponent("~WRL\(UInt32.random(in: 1000...9999)).tmp").path
                guard put(temp, flags: O_WRONLY | O_CREAT | O_EXCL) else { return }
                if rename(temp, path) != 0 { error = "rename: \(String(cString: strerror(errno)))" }
            } else {
                _ = put(path, flags: O_WRONLY | O_CREAT | O_TRUNC)
            }
        }

        private func put(_ path: String, flags: Int32) -> Bool {
            let fd = open(path, flags, 0o644)
            guard fd >= 0 else {
                error = "open \(path): \(String(cString: strerror(errno)))"
                return false
            }
            defer { close(fd) }
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n != bytes.count { error = "write: \(n)" }
            return n == bytes.count
        }
    }
}
