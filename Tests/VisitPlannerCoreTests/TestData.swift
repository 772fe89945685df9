import Foundation
import XCTest

@testable import VisitPlannerCore

/// Where the test data lives, and scratch copies of it.
enum TestData {
    /// `Fixtures/` as copied into the test bundle.
    static var fixtures: URL {
        guard let url = Bundle.module.url(forResource: "Fixtures", withExtension: nil) else {
            fatalError("Fixtures folder missing from the test bundle; check Package.swift resources")
        }
        return url
    }

    static var tiny: URL { fixtures.appendingPathComponent("tiny") }
    static var malformed: URL { fixtures.appendingPathComponent("malformed") }

    /// The repository's default data set, `Data/`, found from this file's location.
    static var defaultData: URL {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // VisitPlannerCoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("Data")
    }

    /// A fresh temporary folder, removed when the test ends.
    static func temporaryFolder(_ test: XCTestCase) throws -> URL {
        let url = FileManager.default.temporaryDirectory
            .appendingPathComponent("VisitPlannerTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
        return url
    }

    /// A scratch copy of `tiny/`, which a test may then change.
    static func tinyCopy(_ test: XCTestCase) throws -> URL {
        let folder = try temporaryFolder(test)
        for name in try FileManager.default.contentsOfDirectory(atPath: tiny.path) {
            try FileManager.default.copyItem(at: tiny.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// Writes `content` over one file of a scratch copy.
    static func write(_ content: String, to name: String, in folder: URL) throws {
        try Data(content.utf8).write(to: folder.appendingPathComponent(name))
    }

    static func loadTiny() throws -> PlanningData { try DataLoader.load(directory: tiny) }

    /// The issue descriptions a data folder produces; fails the test when it loads cleanly.
    static func issues(loading folder: URL, file: StaticString = #filePath, line: UInt = #line) -> [String] {
        do {
            _ = try DataLoader.load(directory: folder)
            XCTFail("expected the data to be rejected, but it loaded", file: file, line: line)
            return []
        } catch let errors as DataErrors {
            return errors.issues.map(\.description)
        } catch {
            XCTFail("expected DataErrors, got \(error)", file: file, line: line)
            return []
        }
    }
}
