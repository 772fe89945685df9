import Foundation
import GLPK
import VisitPlannerCore
import XCTest

/// Runs the built `visitplan` executable as a planner would, and checks what it prints, what
/// it writes and its exit status.
final class EndToEndTests: XCTestCase {
    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var dataFolder: String { repo.appendingPathComponent("Data").path }

    var binary: URL { Executable.url }

    typealias Run = Executable.Run

    func run(_ arguments: [String]) throws -> Run { try Executable.run(arguments) }

    func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("vp-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    override func setUpWithError() throws {
        // The test target depends on the executable, so it is always built next to the tests.
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            XCTFail("visitplan is not built next to the tests (\(binary.path))")
            throw XCTSkip("no executable")
        }
    }

    func testValidateDefaultData() throws {
        let r = try run(["validate", "--data", Self.dataFolder])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("the data is valid"), r.out)
        XCTAssertTrue(r.out.contains("16 operations, 10 mission managers"), r.out)
        XCTAssertTrue(r.out.contains("travel cap $112,000.00 + PSC 13% $14,560.00"), r.out)
    }

    func testBadDataNamesFileLineAndColumnAndExitsOne() throws {
        let folder = try temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.dataFolder) {
            try FileManager.default.copyItem(atPath: Self.dataFolder + "/" + name, toPath: folder.appendingPathComponent(name).path)
        }
        let ops = folder.appendingPathComponent("operations.csv")
        var text = try String(contentsOf: ops, encoding: .utf8)
        text = text.replacingOccurrences(of: ",PKO,Bangui,", with: ",PKX,Bangui,")
        try text.write(to: ops, atomically: true, encoding: .utf8)
        let r = try run(["validate", "--data", folder.path])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("operations.csv:2: type: expected one of PKO, SPM, found \"PKX\""), r.err)
        XCTAssertTrue(r.err.hasSuffix("The data is not valid. Fix the lines above (file:line: column: problem) and run again.\n"), r.err)
        let p = try run(["plan", "--data", folder.path, "--out", folder.path])
        XCTAssertEqual(p.status, 1)
        XCTAssertTrue(p.err.hasSuffix("Nothing was planned. Fix the lines above (file:line: column: problem) and run again.\n"), p.err)
    }

    func testMissingDataFolderIsAnErrorNotACrash() throws {
        let r = try run(["validate", "--data", "/nonexistent/visitplanner"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.err.contains("/nonexistent/visitplanner"), r.err)
    }

    func testCostsShowsTheCapAndTheNaiveTotal() throws {
        let r = try run(["costs", "--data", Self.dataFolder])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertTrue(r.out.contains("all visits one by one: travel"), r.out)
        XCTAssertTrue(r.out.contains("$112,000.00"), r.out)
    }

    /// The main job: a proven-optimal plan within the cap, written to plan.json, and the same
    /// bytes on a second run apart from the one timing figure.
    func testPlanDefaultDataIsOptimalWithinBudgetAndDeterministic() throws {
        let out = try temporaryFolder()
        let first = try run(["plan", "--data", Self.dataFolder, "--out", out.path, "--name", "a"])
        XCTAssertEqual(first.status, 0, first.err)
        XCTAssertTrue(first.out.contains("Solver: optimal"), first.out)
        let second = try run(["plan", "--data", Self.dataFolder, "--out", out.path, "--name", "b"])
        XCTAssertEqual(second.status, 0, second.err)
        func load(_ name: String) throws -> [String: Any] {
            let data = try Data(contentsOf: out.appendingPathComponent(name).appendingPathComponent("plan.json"))
            var json = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
            var solver = try XCTUnwrap(json["solver"] as? [String: Any])
            solver["seconds"] = nil
            json["solver"] = solver
            json["name"] = nil
            return json
        }
        let a = try load("a"), b = try load("b")
        XCTAssertEqual(NSDictionary(dictionary: a), NSDictionary(dictionary: b))
        let budget = try XCTUnwrap(a["budget"] as? [String: Any])
        let travel = try XCTUnwrap(budget["travelCost"] as? NSNumber).decimalValue
        let cap = try XCTUnwrap(budget["travelCap"] as? NSNumber).decimalValue
        XCTAssertLessThanOrEqual(travel, cap)
        XCTAssertEqual(cap, 112_000)
        let solver = try XCTUnwrap(a["solver"] as? [String: Any])
        XCTAssertEqual(solver["status"] as? String, "optimal")
    }

    func testExportedModelHasThePlansObjective() throws {
        let out = try temporaryFolder()
        let lp = out.appendingPathComponent("model.lp").path
        let r = try run(["plan", "--data", Self.dataFolder, "--out", out.path, "--name", "x", "--budget", "100000", "--export-model", lp])
        XCTAssertEqual(r.status, 0, r.err)
        let text = try String(contentsOfFile: lp, encoding: .utf8)
        XCTAssertTrue(text.contains("Minimize"), "phase 2 minimizes the travel cost")
        XCTAssertTrue(text.contains("budget"))
        // Solving the exported file again gives the objective plan.json reports.
        let resolved = try GLPKSolver.solve(file: URL(fileURLWithPath: lp), format: .cplexLP)
        XCTAssertEqual(resolved.status, .optimal)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("x/plan.json"))) as? [String: Any]
        let objective = try XCTUnwrap((json?["solver"] as? [String: Any])?["objective"] as? NSNumber).doubleValue
        XCTAssertEqual(try XCTUnwrap(resolved.objective), objective, accuracy: 0.005)
    }

    func testBadOptionsAreRejected() throws {
        XCTAssertNotEqual(try run(["plan", "--budget", "lots"]).status, 0)
        XCTAssertNotEqual(try run(["plan", "--export-model", "model.txt"]).status, 0)
        XCTAssertNotEqual(try run(["plan", "--name", "../escape"]).status, 0)
    }

    /// `required` coverage that the money cannot buy: no plan, the reason in dollars, exit 3.
    func testRequiredCoverageThatDoesNotFitExitsThreeWithTheReason() throws {
        let folder = try temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.dataFolder) {
            try FileManager.default.copyItem(atPath: Self.dataFolder + "/" + name, toPath: folder.appendingPathComponent(name).path)
        }
        let policy = folder.appendingPathComponent("policy.yaml")
        let text = try String(contentsOf: policy, encoding: .utf8)
            .replacingOccurrences(of: "coverage: maximize", with: "coverage: required")
        try text.write(to: policy, atomically: true, encoding: .utf8)
        let r = try run(["plan", "--data", folder.path, "--out", folder.path, "--budget", "40000"])
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertTrue(r.out.contains("NO PLAN: covering all 16 operations in person needs at least $"), r.out)
        XCTAssertTrue(r.out.contains("the cap is $35,398.23"), r.out)
    }

    // MARK: - Exit codes and what-if runs (README, "Exit codes")

    func copyOfData() throws -> URL {
        let folder = try temporaryFolder()
        for name in try FileManager.default.contentsOfDirectory(atPath: Self.dataFolder) {
            try FileManager.default.copyItem(atPath: Self.dataFolder + "/" + name, toPath: folder.appendingPathComponent(name).path)
        }
        return folder
    }

    /// `--budget "$100,000"` in bash arrives as `00,000`: refused as a usage error, nothing written.
    func testShellMangledOrZeroBudgetIsRefusedAndNothingIsWritten() throws {
        let out = try temporaryFolder()
        for budget in ["00,000", "0", "0.00", "$0", "12", "lots"] {
            let r = try run(["plan", "--data", Self.dataFolder, "--out", out.path, "--budget", budget])
            XCTAssertEqual(r.status, 64, "\(budget): \(r.err)")
            XCTAssertTrue(r.err.contains("--budget"), r.err)
            XCTAssertTrue(r.err.contains("--budget 100000"), "the message says how to type it: \(r.err)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])
    }

    /// A what-if budget never lands on the year's plan folder unless --name says so.
    func testWhatIfBudgetGoesToItsOwnFolder() throws {
        let out = try temporaryFolder()
        let r = try run(["plan", "--data", Self.dataFolder, "--out", out.path, "--budget", "100000"])
        XCTAssertEqual(r.status, 0, r.err)
        XCTAssertEqual(
            try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") },
            ["plan-2027-01-01-to-2027-12-31-budget-100000"])
        let cents = try run(["plan", "--data", Self.dataFolder, "--out", out.path, "--budget", "100000.5", "--name", "mine"])
        XCTAssertEqual(cents.status, 0, cents.err)
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("mine/plan.json").path))
    }

    /// A caller mistake found before planning: exit 2 naming the path, and no half-written outputs.
    /// A plan made as of a date goes to its own folder, and no trip departs before the as-of
    /// date plus the request lead time (21 days in the default policy, late trips excluded).
    func testPlanAsOfADateKeepsTheLeadTimeInItsOwnFolder() throws {
        let out = try temporaryFolder()
        let r = try run(["plan", "--data", Self.dataFolder, "--out", out.path, "--as-of", "2027-03-01"])
        XCTAssertEqual(r.status, 0, r.err)
        let name = "plan-2027-01-01-to-2027-12-31-as-of-2027-03-01"
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }, [name])
        let document = try PlanDocument.decode(Data(contentsOf: out.appendingPathComponent(name + "/plan.json")))
        XCTAssertEqual(document.booking?.earliestDeparture, Day(iso: "2027-03-22"))
        XCTAssertFalse(document.trips.isEmpty)
        XCTAssertTrue(document.trips.allSatisfy { $0.depart >= Day(iso: "2027-03-22")! }, "\(document.trips.map(\.depart))")
        let bad = try run(["plan", "--data", Self.dataFolder, "--out", out.path, "--as-of", "1 March"])
        XCTAssertEqual(bad.status, 64, bad.err)
        XCTAssertTrue(bad.err.contains("--as-of: expected a date as YYYY-MM-DD"), bad.err)
    }

    func testExportIntoAMissingFolderExitsTwoBeforeWritingAnything() throws {
        let out = try temporaryFolder()
        let r = try run(["plan", "--data", Self.dataFolder, "--out", out.path, "--export-model", "/nonexistent-vp/model.lp"])
        XCTAssertEqual(r.status, 2, r.err)
        XCTAssertTrue(r.err.contains("/nonexistent-vp"), r.err)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: out.path), [])
    }

    /// No plan and an export asked for: the NO PLAN reason is shown, no model, exit 3 (not 1).
    func testNoPlanWithExportStillShowsTheReasonAndExitsThree() throws {
        let folder = try copyOfData()
        let policy = folder.appendingPathComponent("policy.yaml")
        let text = try String(contentsOf: policy, encoding: .utf8).replacingOccurrences(
            of: "coverage: maximize", with: "coverage: required")
        try text.write(to: policy, atomically: true, encoding: .utf8)
        let lp = folder.appendingPathComponent("m.lp").path
        let r = try run(["plan", "--data", folder.path, "--out", folder.path, "--budget", "40000", "--export-model", lp])
        XCTAssertEqual(r.status, 3, r.err)
        XCTAssertTrue(r.out.contains("NO PLAN: covering all 16 operations in person needs at least $"), r.out)
        XCTAssertTrue(r.out.contains("No model was written"), r.out)
        XCTAssertFalse(FileManager.default.fileExists(atPath: lp))
    }

    func testWindowsReservedPlanNamesAreRefused() throws {
        for name in ["CON", "nul.plan", "com1", "plan."] {
            let r = try run(["plan", "--data", Self.dataFolder, "--out", "/nonexistent-vp", "--name", name])
            XCTAssertEqual(r.status, 64, name)
            XCTAssertTrue(r.err.contains("--name: "), r.err)
        }
    }

    func testUsageErrorsExitSixtyFour() throws {
        XCTAssertEqual(try run(["plan", "--no-such-option"]).status, 64)
        XCTAssertEqual(try run(["plan", "--time-limit", "-3"]).status, 64)
        XCTAssertEqual(try run(["no-such-command"]).status, 64)
        XCTAssertEqual(try run(["--help"]).status, 0)
    }
}
