import Foundation
import XCTest

@testable import VisitPlannerCore

/// Inputs built to crash, flood or mislead: deep or self-referencing YAML, huge files,
/// terminal control characters, names Windows cannot create, and messages that must quote
/// only what the planner wrote.
final class DataSafetyTests: XCTestCase {
    // MARK: - YAML nesting and anchors

    private let tooDeep = "nests lists or groups more than 64 levels deep; a settings file needs a few. Is this the right file?"

    /// Every way of nesting YAML deeply is refused before the parser sees it, on the line
    /// where the limit is passed. Each of these crashed the YAML library at a few thousand levels.
    func testDeepNestingInEveryFormIsRefusedBeforeParsing() {
        let cases: [(String, String, Int)] = [
            ("flow sequences", "a: " + String(repeating: "[", count: 5_000), 1),
            ("flow mappings", "a: " + String(repeating: "{b: ", count: 5_000), 1),
            ("flow over lines", "a:\n" + String(repeating: "  [\n", count: 5_000), 64),
            ("block sequences", String(repeating: "- ", count: 5_000) + "x", 1),
            ("complex keys", String(repeating: "? ", count: 5_000) + "x", 1),
            ("indentation", (0..<100).map { String(repeating: " ", count: $0) + "k\($0):" }.joined(separator: "\n"), 65),
            ("sequences by indentation", (0..<100).map { String(repeating: " ", count: $0 * 2) + "-" }.joined(separator: "\n"), 64),
            ("after a document marker", "--- " + String(repeating: "[", count: 100), 1),
        ]
        for (name, text, line) in cases {
            XCTAssertEqual(YAMLGuard.problem(in: text, file: "policy.yaml")?.description, "policy.yaml:\(line): " + tooDeep, name)
            // And through the loader's own entry point: a message, not a crash.
            let log = IssueLog()
            XCTAssertNil(YAMLFields.document(Data(text.utf8), file: "policy.yaml", log: log), name)
            XCTAssertEqual(log.issues.map(\.description), ["policy.yaml:\(line): " + tooDeep], name)
        }
    }

    func testNestingUpToTheLimitStillParses() throws {
        let text = "a: " + String(repeating: "[", count: 60) + String(repeating: "]", count: 60)
        XCTAssertNil(YAMLGuard.problem(in: text, file: "x.yaml"))
        let log = IssueLog()
        XCTAssertNotNil(YAMLFields.document(Data(text.utf8), file: "x.yaml", log: log))
        XCTAssertEqual(log.issues, [])
    }

    /// Brackets, dashes and indentation that are text, not structure, do not count.
    func testTextThatLooksLikeNestingIsNotCounted() {
        let deep = String(repeating: "[", count: 200)
        let texts = [
            "title: \"\(deep)\"",
            "title: '\(deep)'",
            "title: a \(deep) b",
            "# \(deep)",
            "title: x # \(deep)",
            "notes: |\n" + (1...200).map { String(repeating: " ", count: $0) + "line" }.joined(separator: "\n") + "\nnext: 1",
            "title: \"multi\n  line \(deep)\"\nnext: 1",
            "title: Budget - cut - 20%",
        ]
        for text in texts {
            XCTAssertNil(YAMLGuard.problem(in: text, file: "x.yaml"), text)
        }
    }

    func testAnchorsAndAliasesAreRefused() {
        let laughs = """
            a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]
            b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
            c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]
            """
        let message = "uses a YAML anchor or alias (&name or *name), which is not accepted; write each value out in full"
        XCTAssertEqual(YAMLGuard.problem(in: laughs, file: "p.yaml")?.description, "p.yaml:1: " + message)
        XCTAssertEqual(YAMLGuard.problem(in: "x: 1\ny:\n  - *x", file: "p.yaml")?.description, "p.yaml:3: " + message)
        XCTAssertEqual(YAMLGuard.problem(in: "base:\n  <<: *defaults", file: "p.yaml")?.description, "p.yaml:2: " + message)
        XCTAssertEqual(YAMLGuard.problem(in: "x: [1, &y 2]", file: "p.yaml")?.description, "p.yaml:1: " + message)
        // An ampersand or asterisk inside text is not an anchor.
        for text in ["title: Q&A *draft*", "title: \"&a *b\"", "title: '*'", "x: 5 * 3", "x: a&b"] {
            XCTAssertNil(YAMLGuard.problem(in: text, file: "p.yaml"), text)
        }
    }

    func testDuplicateKeysAreRefusedAtEveryLevel() {
        let log = IssueLog()
        _ = YAMLFields.document(Data("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n".utf8), file: "p.yaml", log: log)
        XCTAssertEqual(
            log.issues.map(\.description),
            [
                "p.yaml:4: b.c: is written twice in the same group (first on line 3); keep one, as only one can count",
                "p.yaml:5: a: is written twice in the same group (first on line 1); keep one, as only one can count",
            ])
    }

    // MARK: - Control characters

    func testControlCharactersAreNamed() {
        XCTAssertEqual(ControlCharacters.describe("\u{0}"), "U+0000 NUL")
        XCTAssertEqual(ControlCharacters.describe("\u{1B}"), "U+001B ESC")
        XCTAssertEqual(ControlCharacters.describe("\u{7F}"), "U+007F DEL")
        XCTAssertEqual(ControlCharacters.describe("\u{9B}"), "U+009B CSI")
        XCTAssertEqual(ControlCharacters.describe("\u{9D}"), "U+009D OSC")
        XCTAssertEqual(ControlCharacters.describe("\u{2066}"), "U+2066 LRI, left-to-right isolate")
        XCTAssertEqual(ControlCharacters.describe("\u{2028}"), "U+2028 LS, line separator")
        let forbidden: [Unicode.Scalar] = [
            "\u{0}", "\u{7}", "\u{A}", "\u{D}", "\u{1F}", "\u{7F}", "\u{80}", "\u{9F}", "\u{202A}", "\u{202E}", "\u{2069}",
        ]
        for scalar in forbidden { XCTAssertTrue(ControlCharacters.isForbidden(scalar), ControlCharacters.describe(scalar)) }
        // A tab is whitespace; accents, right-to-left letters and marks are text.
        for scalar: Unicode.Scalar in ["\t", " ", "é", "\u{A0}", "\u{200F}", "\u{5D0}", "\u{202F}", "\u{2065}", "\u{206A}"] {
            XCTAssertFalse(ControlCharacters.isForbidden(scalar), ControlCharacters.describe(scalar))
        }
    }

    func testControlCharactersAreRefusedInEveryColumnOfEveryTable() throws {
        // Every column of every table, one at a time: the same message, whatever the column.
        let tiny = TestData.tiny
        for name in LoaderTests.dataFiles where name.hasSuffix(".csv") && name != "airports.csv" {
            let text = try String(contentsOf: tiny.appendingPathComponent(name), encoding: .utf8)
            let rows = text.split(separator: "\n").map(String.init)
            let columns = rows[0].split(separator: ",").map(String.init)
            // A row without quoted cells, so that splitting at commas finds its cells.
            let row = try XCTUnwrap(rows.indices.dropFirst().first { !rows[$0].contains("\"") })
            for (index, column) in columns.enumerated() {
                let folder = try TestData.tinyCopy(self)
                var changed = rows
                var cells = rows[row].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                cells[index] = "\"" + cells[index] + "\u{9B}2J\""
                changed[row] = cells.joined(separator: ",")
                try TestData.write(changed.joined(separator: "\n"), to: name, in: folder)
                XCTAssertEqual(
                    TestData.issues(loading: folder).first,
                    "\(name):\(row + 1): \(column): contains a control character (U+009B CSI); remove it", "\(name) \(column)")
            }
        }
    }

    func testControlCharactersInTheHeaderAndInTheYAMLText() throws {
        let folder = try TestData.tinyCopy(self)
        try TestData.write("operation,rate\u{7},source\nOPA,100,x\n", to: "dsa.csv", in: folder)
        let policy = try String(contentsOf: folder.appendingPathComponent("policy.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "currency: USD", with: "currency: USD \u{1B}[2J")
        try TestData.write(policy, to: "policy.yaml", in: folder)
        XCTAssertEqual(
            TestData.issues(loading: folder),
            [
                "policy.yaml:5: contains a control character (U+001B ESC); remove it",
                "dsa.csv:1: the header contains a control character (U+0007 BEL); remove it",
            ])
        // Written as a YAML escape, a control character only appears after parsing: then the key is named too.
        try TestData.write(policy.replacingOccurrences(of: "USD \u{1B}[2J", with: "\"\\u202EDSU\""), to: "policy.yaml", in: folder)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("dsa.csv"))
        try FileManager.default.copyItem(at: TestData.tiny.appendingPathComponent("dsa.csv"), to: folder.appendingPathComponent("dsa.csv"))
        XCTAssertEqual(
            TestData.issues(loading: folder),
            ["policy.yaml:5: currency: contains a control character (U+202E RLO, right-to-left override); remove it"])
    }

    func testMessagesNeverCarryControlCharacters() {
        let issue = DataIssue(file: "a\u{1B}b.csv", line: 2, field: "c\u{9B}", "found \u{202E}x")
        XCTAssertEqual(issue.description, "a\\u{1B}b.csv:2: c\\u{9B}: found \\u{202E}x")
        XCTAssertEqual(shown("x\u{1B}]0;t\u{7}\ty"), "\"x?]0;t??y\"")
    }

    func testATabInsideTextIsAccepted() throws {
        let folder = try TestData.tinyCopy(self)
        let windows = try String(contentsOf: folder.appendingPathComponent("windows.csv"), encoding: .utf8)
            .replacingOccurrences(of: "Rainy season", with: "Rainy\tseason")
        try TestData.write(windows, to: "windows.csv", in: folder)
        XCTAssertEqual(try DataLoader.load(directory: folder).windows.first?.reason, "Rainy\tseason")
    }

    // MARK: - Size and kind of file

    func testAHugeFileIsRefusedWithoutReadingIt() throws {
        let folder = try TestData.tinyCopy(self)
        // Sparse: 2 GB on paper, nothing on disk; reading it would take the memory.
        let fares = folder.appendingPathComponent("fares.csv")
        let handle = try FileHandle(forWritingTo: fares)
        try handle.truncate(atOffset: 2 << 30)
        try handle.close()
        let policy = folder.appendingPathComponent("policy.yaml")
        let policyHandle = try FileHandle(forWritingTo: policy)
        try policyHandle.truncate(atOffset: 5 << 20)
        try policyHandle.close()
        XCTAssertEqual(
            TestData.issues(loading: folder),
            [
                "policy.yaml: the file is 5 MB, more than the 1 MB a data file may hold; is it the right file?",
                "fares.csv: the file is 2.0 GB, more than the 64 MB a data file may hold; is it the right file?",
            ])
    }

    func testAFolderInPlaceOfAFileIsRefused() throws {
        let folder = try TestData.tinyCopy(self)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("windows.csv"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("windows.csv"), withIntermediateDirectories: false)
        XCTAssertEqual(TestData.issues(loading: folder), ["windows.csv: is a folder; it must be a text file"])
    }

    // MARK: - File names

    func testWindowsReservedNamesAndTrailingDotsAreRefused() {
        let reserved = ["CON", "con", "Con.txt", "nul.tar.gz", "PRN", "AUX", "COM1", "com9.ics", "LPT1", "lpt9.md", "COM0", "NUL "]
        for name in reserved {
            XCTAssertEqual(
                FileNameRules.problem(with: name),
                name.hasSuffix(" ")
                    ? "\"\(name)\" ends with a space, which Windows drops from file names"
                    : "\"\(name)\" is a device name Windows reserves (CON, PRN, AUX, NUL, COM1-COM9, LPT1-LPT9, with or "
                        + "without an extension) and cannot name a file", name)
        }
        XCTAssertEqual(FileNameRules.problem(with: "cut."), "\"cut.\" ends with a dot, which Windows drops from file names")
        XCTAssertEqual(FileNameRules.problem(with: ""), "the name is empty")
        for name in ["CONSOLE", "COM10", "LPT", "NULL", "base", "cut-20", "UNMISS", "DO-CAF", "con-2027", "a.b"] {
            XCTAssertNil(FileNameRules.problem(with: name), name)
        }
    }

    // MARK: - Activity dates quote only what was written

    func testAnOperationClosedBeforeTheHorizonIsAWarningThatQuotesOnlyItsDate() throws {
        let folder = try TestData.tinyCopy(self)
        let operations = try String(contentsOf: folder.appendingPathComponent("operations.csv"), encoding: .utf8)
            .replacingOccurrences(of: "2027-02-01,2027-10-31", with: ",2026-10-31")
            .replacingOccurrences(of: "3,2,,,November", with: "3,2,2028-03-01,,November")
        try TestData.write(operations, to: "operations.csv", in: folder)
        let data = try DataLoader.load(directory: folder)
        XCTAssertEqual(data.operation("OPB")?.active.count, 0)
        XCTAssertEqual(data.operation("OPC")?.active.count, 0)
        XCTAssertEqual(
            data.warnings.map(\.description),
            [
                "operations.csv:3: active_to: 2026-10-31 is before the planning horizon starts (2027-01-01): OPB is not planned",
                "operations.csv:4: active_from: 2028-03-01 is after the planning horizon ends (2027-12-31): OPC is not planned",
            ])
    }

    func testAnInactiveOperationNeedsNoManager() throws {
        let folder = try TestData.tinyCopy(self)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("managers.csv"))
        try FileManager.default.copyItem(
            at: TestData.malformed.appendingPathComponent("managers-UncoveredOperation.csv"),
            to: folder.appendingPathComponent("managers.csv"))
        let operations = try String(contentsOf: folder.appendingPathComponent("operations.csv"), encoding: .utf8)
            .replacingOccurrences(of: "3,2,,,November", with: "3,2,2026-01-01,2026-12-31,November")
        try TestData.write(operations, to: "operations.csv", in: folder)
        XCTAssertEqual(try DataLoader.load(directory: folder).operation("OPC")?.active.count, 0)
    }

    // MARK: - airports.csv

    func testEveryAirportListedLoadsAndTheDefaultHomeIsExplained() throws {
        let folder = try TestData.tinyCopy(self)
        let airports =
            "iata,name,city,country,latitude,longitude\nHOM,Home,Home,Homeland,40.6,-73.8\naaa,Alpha,,,,\nBBB,Bravo,Bravo,Bravoland,-5,30\n"
        try TestData.write(airports, to: "airports.csv", in: folder)
        XCTAssertNoThrow(try DataLoader.load(directory: folder))
        try TestData.write(
            try String(contentsOf: folder.appendingPathComponent("managers.csv"), encoding: .utf8) + "MGR-3,Three,OPA,,,10,5\n",
            to: "managers.csv", in: folder)
        try TestData.write(
            try String(contentsOf: folder.appendingPathComponent("fares.csv"), encoding: .utf8) + "JFK,AAA,900,2000,8,0\n",
            to: "fares.csv", in: folder)
        XCTAssertEqual(
            TestData.issues(loading: folder),
            [
                "managers.csv:4: home_airport: JFK is not in airports.csv; add a row for it there (an empty home_airport means JFK)",
                "fares.csv:5: from: JFK is not in airports.csv; add a row for it there",
            ])
    }
}
