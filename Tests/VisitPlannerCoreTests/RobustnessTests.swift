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

    // MARK: - Property: every mangling of every file loads or is refused with located issues

    /// The airports of the tiny data, so that `airports.csv` is fuzzed too.
    static let tinyAirports =
        "iata,name,city,country,latitude,longitude\nHOM,Home,Home,Homeland,40.6,-73.8\n"
        + "AAA,Alpha,Alpha City,Alphaland,10.5,20.25\nBBB,Bravo,Bravo City,Bravoland,-5,30\n"

    /// Manglings of the kinds spreadsheets and attackers produce, on top of random bytes.
    enum Flavour: CaseIterable {
        case bytes, semicolons, byteOrderMark, utf16, capitalisedHeader, spreadsheetDates, controlCharacter
        case deepNesting, anchors, duplicateLine, crlf, blankColumns, decimalCommas, truncate

        func apply(_ bytes: [UInt8], _ mangler: inout Mangler) -> [UInt8] {
            let text = String(decoding: bytes, as: UTF8.self)
            var lines = text.components(separatedBy: "\n")
            func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &mangler.rng) }
            switch self {
            case .bytes: return mangler.mangle(bytes)
            case .semicolons: return Array(text.replacingOccurrences(of: ",", with: ";").utf8)
            case .byteOrderMark: return [0xEF, 0xBB, 0xBF] + bytes
            case .utf16: return [0xFF, 0xFE] + [UInt8](text.data(using: .utf16LittleEndian) ?? Data())
            case .capitalisedHeader:
                lines[0] = pick(0...1) == 0 ? lines[0].uppercased() : " " + lines[0].capitalized.replacingOccurrences(of: ",", with: " , ")
                return Array(lines.joined(separator: "\n").utf8)
            case .spreadsheetDates:
                let style = pick(0...4)
                let iso = try! Regex("([0-9]{4})-([0-9]{2})-([0-9]{2})")
                let rewritten = text.replacing(iso) { match -> String in
                    let y = String(match.output[1].substring ?? ""), m = String(match.output[2].substring ?? "")
                    let d = String(match.output[3].substring ?? "")
                    switch style {
                    case 0: return "\(Int(m) ?? 1)/\(Int(d) ?? 1)/\(y)"
                    case 1: return "\(d).\(m).\(y)"
                    case 2: return "\(y)/\(m)/\(d)"
                    case 3: return String(46_000 + (Int(d) ?? 0) * 7 + (Int(m) ?? 0))
                    default: return "\(d)-Jan-\(y)"
                    }
                }
                return Array(rewritten.utf8)
            case .controlCharacter:
                let controls: [Unicode.Scalar] = [
                    "\u{0}", "\u{7}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{9D}", "\u{202E}", "\u{2066}", "\u{2028}",
                ]
                var b = bytes
                let at = b.isEmpty ? 0 : pick(0...(b.count - 1))
                b.insert(contentsOf: Array(String(controls[pick(0...(controls.count - 1))]).utf8), at: at)
                return b
            case .deepNesting:
                let opener = ["[", "{", "- ", "? ", "{a: ", "[\n"][pick(0...5)]
                var b = bytes
                let at = b.isEmpty ? 0 : pick(0...(b.count - 1))
                b.insert(contentsOf: Array(String(repeating: opener, count: pick(50...5_000)).utf8), at: at)
                return b
            case .anchors:
                return Array(
                    text.replacingOccurrences(of: ": ", with: ": &a ").replacingOccurrences(of: "start: &a", with: "start: *a").utf8)
            case .duplicateLine:
                let line = pick(0...(lines.count - 1))
                lines.insert(lines[line], at: line)
                return Array(lines.joined(separator: "\n").utf8)
            case .crlf: return Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            case .blankColumns: return Array(lines.map { $0.isEmpty ? $0 : $0 + ",," }.joined(separator: "\n").utf8)
            case .decimalCommas: return Array(text.replacingOccurrences(of: ".", with: ",").utf8)
            case .truncate: return Array(bytes.prefix(bytes.isEmpty ? 0 : pick(0...(bytes.count - 1))))
            }
        }
    }

    /// Most a file's line numbers can reach: its line feeds and carriage returns, plus one.
    private func lineBound(_ bytes: [UInt8]) -> Int { bytes.reduce(1) { $0 + ($1 == 0x0A || $1 == 0x0D ? 1 : 0) } }

    /// Checks the property for one outcome: located issues naming only files that exist,
    /// lines inside them, and nothing that could drive a terminal.
    private func checkIssues(_ issues: [DataIssue], files: [String: [UInt8]], context: String) {
        XCTAssertFalse(issues.isEmpty, context)
        let bounds = files.mapValues(lineBound)
        // Plain checks, one failure reported per issue: thousands of issues per round are common.
        for issue in issues {
            let description = issue.description
            if ControlCharacters.first(in: description) != nil { XCTFail("\(context): \(description)") }
            guard let bound = bounds[issue.file] else {
                XCTFail("\(context): issue names an unknown file: \(description)")
                continue
            }
            if let line = issue.line, !(1...bound).contains(line) { XCTFail("\(context): line out of the file: \(description)") }
        }
    }

    /// Every data file, mangled by every flavour on a fixed seed: loading either succeeds, with
    /// no control character in any text it kept, or fails with issues located in the files.
    /// Never a trap, never a hang (deep YAML used to overflow the stack).
    func testEveryManglingOfEveryFileLoadsOrIsRefusedWithLocatedIssues() throws {
        let names = LoaderTests.dataFiles
        var originals: [String: [UInt8]] = [:]
        for name in names where name != "airports.csv" {
            originals[name] = [UInt8](try Data(contentsOf: TestData.tiny.appendingPathComponent(name)))
        }
        originals["airports.csv"] = Array(Self.tinyAirports.utf8)
        // One folder; each round overwrites one file and puts it back (writing is the slow part).
        let folder = try TestData.temporaryFolder(self)
        for (file, bytes) in originals { try Data(bytes).write(to: folder.appendingPathComponent(file)) }
        var mangler = Mangler(rng: .init(seed: 9))
        var outcomes: [Flavour: (loaded: Int, refused: Int)] = [:]
        for round in 0..<(Flavour.allCases.count * names.count * 4) {
            let flavour = Flavour.allCases[round % Flavour.allCases.count]
            let name = names[(round / Flavour.allCases.count) % names.count]
            var files = originals
            files[name] = flavour.apply(originals[name]!, &mangler)
            if round % 3 == 0 {  // and a second flavour on top, sometimes
                let extra = Flavour.allCases[Int.random(in: 0...(Flavour.allCases.count - 1), using: &mangler.rng)]
                files[name] = extra.apply(files[name]!, &mangler)
            }
            try Data(files[name]!).write(to: folder.appendingPathComponent(name))
            defer { try? Data(originals[name]!).write(to: folder.appendingPathComponent(name)) }
            let context = "round \(round), \(name), \(flavour)"
            do {
                let data = try DataLoader.load(directory: folder)
                outcomes[flavour, default: (0, 0)].loaded += 1
                let texts =
                    data.operations.flatMap { [$0.code, $0.name, $0.hqCity, $0.country, $0.region, $0.notes, $0.dsaSource] }
                    + data.managers.flatMap { [$0.id, $0.name] + $0.unavailable.map(\.reason) }
                    + data.windows.map(\.reason)
                for text in texts where ControlCharacters.first(in: text) != nil { XCTFail("\(context): kept \(shown(text))") }
                checkIssues(data.warnings + [DataIssue(file: name, "ok")], files: files, context: context)
            } catch let errors as DataErrors {
                outcomes[flavour, default: (0, 0)].refused += 1
                checkIssues(errors.issues, files: files, context: context)
            }
        }
        // Each flavour really exercised something: spreadsheet habits mostly load, attacks mostly do not.
        for flavour in [Flavour.semicolons, .byteOrderMark, .utf16, .capitalisedHeader, .crlf, .blankColumns] {
            XCTAssertGreaterThan(outcomes[flavour]?.loaded ?? 0, 16, "\(flavour): \(String(describing: outcomes[flavour]))")
        }
        for flavour in [Flavour.controlCharacter, .spreadsheetDates, .bytes, .truncate, .deepNesting] {
            XCTAssertGreaterThan(outcomes[flavour]?.refused ?? 0, 16, "\(flavour): \(String(describing: outcomes[flavour]))")
        }
    }

    /// The scenarios file, mangled the same ways, against the tiny data.
    func testEveryManglingOfTheScenariosFileParsesOrIsRefusedWithLocatedIssues() throws {
        let data = try TestData.loadTiny()
        let original = [UInt8](try Data(contentsOf: TestData.fixtures.appendingPathComponent("scenarios/valid.yaml")))
        var mangler = Mangler(rng: .init(seed: 10))
        var refused = 0
        for round in 0..<(Flavour.allCases.count * 20) {
            let flavour = Flavour.allCases[round % Flavour.allCases.count]
            let bytes = flavour.apply(original, &mangler)
            do {
                _ = try ScenarioFile.parse(Data(bytes), file: "scenarios.yaml", data: data)
            } catch let errors as DataErrors {
                refused += 1
                checkIssues(errors.issues, files: ["scenarios.yaml": bytes], context: "round \(round), \(flavour)")
            }
        }
        XCTAssertGreaterThan(refused, 100)
    }
}
