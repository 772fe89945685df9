import Foundation
import XCTest

@testable import VisitPlannerCore

/// No input, however broken, makes the process trap: every data file is mangled many times
/// (bytes dropped, duplicated, replaced, cells emptied or stuffed), and each result must either
/// load — and then plan — or be rejected with located issues.
final class RobustnessTests: XCTestCase {
    /// Seeded, so a failure can be replayed.
    struct Mangler {
        var rng: SyntheticData.Generator
        static let junk: [UInt8] = Array("\",;\n\r-$.0123456789e%:# \t{}[]ALL".utf8) + [0x00, 0xFF, 0xC3, 0xE2, 0x80]

        mutating func mangle(_ bytes: [UInt8]) -> [UInt8] {
            var b = bytes
            for _ in 0..<Int.random(in: 1...4, using: &rng) {
                guard !b.isEmpty else { return Array(Mangler.junk.prefix(3)) }
                let at = Int.random(in: 0..<b.count, using: &rng)
                switch Int.random(in: 0...5, using: &rng) {
                case 0: b.remove(at: at)
                case 1: b.insert(Mangler.junk.randomElement(using: &rng)!, at: at)
                case 2: b[at] = Mangler.junk.randomElement(using: &rng)!
                case 3: b.insert(contentsOf: b[at..<min(b.count, at + 12)], at: at)
                case 4: b.removeSubrange(at..<min(b.count, at + Int.random(in: 1...30, using: &rng)))
                default: b.insert(contentsOf: Array("99999999999999999".utf8), at: at)
                }
            }
            return b
        }
    }

    func testMangledDataNeverTraps() throws {
        let source = TestData.tiny
        let names = try FileManager.default.contentsOfDirectory(atPath: source.path).sorted()
        var mangler = Mangler(rng: .init(seed: 2027))
        var loaded = 0, rejected = 0
        for round in 0..<400 {
            let folder = try TestData.tinyCopy(self)
            let name = names[round % names.count]
            let original = [UInt8](try Data(contentsOf: source.appendingPathComponent(name)))
            try Data(mangler.mangle(original)).write(to: folder.appendingPathComponent(name))
            do {
                let data = try DataLoader.load(directory: folder)
                loaded += 1
                // Whatever loads must plan (or say why not) without trapping.
                let plan = try Planner(data: data).plan(options: PlanOptions(timeLimit: 5))
                XCTAssertLessThanOrEqual(plan.budget.travelCost, data.policy.budget.travelCap, "round \(round), \(name)")
            } catch let errors as DataErrors {
                rejected += 1
                XCTAssertFalse(errors.issues.isEmpty, "round \(round)")
                for issue in errors.issues { XCTAssertFalse(issue.file.isEmpty) }
            }
        }
        XCTAssertGreaterThan(loaded, 10)
        XCTAssertGreaterThan(rejected, 100)
    }
}
