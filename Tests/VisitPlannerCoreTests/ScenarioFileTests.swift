import Foundation
import XCTest

@testable import VisitPlannerCore

/// The scenarios file: what it accepts, how it changes the data, and the exact message for
/// each kind of mistake.
final class ScenarioFileTests: XCTestCase {
    static var folder: URL { TestData.fixtures.appendingPathComponent("scenarios") }

    /// The issue descriptions a scenarios fixture produces against the tiny data.
    func issues(_ fixture: String, file: StaticString = #filePath, line: UInt = #line) throws -> [String] {
        let data = try TestData.loadTiny()
        do {
            _ = try ScenarioFile.load(Self.folder.appendingPathComponent(fixture), data: data)
            XCTFail("expected \(fixture) to be rejected, but it loaded", file: file, line: line)
            return []
        } catch let errors as DataErrors {
            return errors.issues.map(\.description)
        }
    }

    // MARK: - Malformed fixtures, one per rule

    static let expectedIssues: [String: [String]] = [
        "UnknownOperation.yaml": [
            "UnknownOperation.yaml:4: closed.virtual_only: unknown operation OPX (did you mean OPA?); it is not in operations.csv"
        ],
        "UnknownManager.yaml": [
            "UnknownManager.yaml:5: away.unavailable[1].manager: unknown manager MGR-3 (did you mean MGR-1?); "
                + "use an id from managers.csv or ALL"
        ],
        "BadAmount.yaml": [
            "BadAmount.yaml:4: cut.envelope: expected an amount in US dollars such as 126560 or 126560.00, found \"8,000.123\""
        ],
        "UnknownKey.yaml": [
            "UnknownKey.yaml:5: cut.max_stop: unknown setting (did you mean \"max_stops\"?); allowed here: id, title, "
                + "envelope, psc_rate, virtual_only, unavailable, max_stops, coverage, class_policy"
        ],
        "EndBeforeStart.yaml": [
            "EndBeforeStart.yaml:6: away.unavailable[1].end: 2027-04-01 is before start (2027-06-30)"
        ],
        "DuplicateId.yaml": [
            "DuplicateId.yaml:5: cut.id: cut is already used on line 2; ids must be unique"
        ],
        // Refused before the YAML library, which would overflow its stack.
        "DeepNesting.yaml": [
            "DeepNesting.yaml:4: nests lists or groups more than 64 levels deep; a settings file needs a few. Is this the right file?"
        ],
        "Anchor.yaml": [
            "Anchor.yaml:2: uses a YAML anchor or alias (&name or *name), which is not accepted; write each value out in full"
        ],
        "DuplicateKey.yaml": [
            "DuplicateKey.yaml:5: cut.envelope: is written twice in the same group (first on line 3); keep one, as only one can count"
        ],
        // An OSC 52 sequence would write the terminal's clipboard.
        "ControlCharacter.yaml": [
            "ControlCharacter.yaml:3: cut.title: contains a control character (U+001B ESC); remove it"
        ],
        "ReservedName.yaml": [
            "ReservedName.yaml:3: aux.plan.id: \"aux.plan\" is a device name Windows reserves (CON, PRN, AUX, NUL, COM1-COM9, "
                + "LPT1-LPT9, with or without an extension) and cannot name a file; choose another id"
        ],
        "NotYAML.yaml": [
            "NotYAML.yaml:3: not valid YAML: while parsing a block collection did not find expected '-' indicator (column 4); "
                + "check indentation and the `key: value` form"
        ],
    ]

    func testEachMalformedFixtureGivesItsExactMessage() throws {
        let fixtures = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0 != "valid.yaml" }
        XCTAssertEqual(Set(fixtures), Set(Self.expectedIssues.keys), "every fixture has its expected messages, and back")
        for (fixture, expected) in Self.expectedIssues.sorted(by: { $0.key < $1.key }) {
            XCTAssertEqual(try issues(fixture), expected, fixture)
        }
    }

    func testStructuralMistakes() throws {
        let data = try TestData.loadTiny()
        func messages(_ yaml: String) -> [String] {
            do {
                _ = try ScenarioFile.parse(Data(yaml.utf8), file: "s.yaml", data: data)
                return []
            } catch let errors as DataErrors {
                return errors.issues.map(\.description)
            } catch { return ["\(error)"] }
        }
        XCTAssertEqual(
            messages("cases:\n  - id: a\n"),
            [
                "s.yaml:1: cases: unknown setting; allowed here: scenarios",
                "s.yaml:1: scenarios: is missing; list the scenarios under `scenarios:`, each starting with `- id:`",
            ])
        XCTAssertEqual(messages("scenarios: []\n"), ["s.yaml:1: scenarios: has no scenarios; add at least one"])
        XCTAssertEqual(messages("scenarios:\n  - title: no id\n"), ["s.yaml:2: scenarios[1].id: is missing"])
        XCTAssertEqual(
            messages("scenarios:\n  - id: a\n    virtual_only: [OPA, OPA]\n"),
            ["s.yaml:3: a.virtual_only: OPA is listed twice"])
        XCTAssertEqual(
            messages("scenarios:\n  - id: a\n    max_stops: 9\n"),
            ["s.yaml:3: a.max_stops: expected a whole number from 1 to 6, found \"9\""])
        XCTAssertEqual(
            messages("scenarios:\n  - id: a\n    coverage: all\n"),
            ["s.yaml:3: a.coverage: expected one of maximize, required, found \"all\""])
        XCTAssertEqual(
            messages("scenarios:\n  - id: a/b\n  - id: a_b\n"),
            ["s.yaml:3: a_b.id: a_b and a/b (line 2) would share the folder a_b; use letters, digits, '-' and '_'"])
        XCTAssertEqual(
            messages(
                "scenarios:\n  - id: a\n    unavailable:\n      - manager: MGR-1\n        start: 2028-02-01\n        end: 2028-02-05\n"),
            ["s.yaml:5: a.unavailable[1].start: 2028-02-01 – 2028-02-05 lies outside the planning horizon 2027-01-01 – 2027-12-31"])
    }

    // MARK: - Valid files

    func testValidFixtureLoadsEveryKey() throws {
        let data = try TestData.loadTiny()
        let scenarios = try ScenarioFile.load(Self.folder.appendingPathComponent("valid.yaml"), data: data)
        XCTAssertEqual(scenarios.map(\.id), ["base", "lean", "restricted", "strict"])
        XCTAssertEqual(scenarios[0], Scenario(id: "base", title: "Tiny base"))
        XCTAssertEqual(scenarios[1].envelope, Money(dollars: 4000))
        XCTAssertEqual(scenarios[1].pscRate, Rate(millionths: 100_000))
        XCTAssertEqual(scenarios[2].title, "restricted", "the title defaults to the id")
        XCTAssertEqual(scenarios[2].virtualOnly, ["OPA"])
        XCTAssertEqual(
            scenarios[2].unavailable,
            [
                Scenario.Absence(manager: "MGR-2", range: DayRange(Day(iso: "2027-04-01")!, Day(iso: "2027-06-30")!), reason: "Secondment"),
                Scenario.Absence(manager: nil, range: DayRange(Day(iso: "2027-11-01")!, Day(iso: "2027-11-05")!), reason: ""),
            ])
        XCTAssertEqual(scenarios[3].maxStops, 1)
        XCTAssertEqual(scenarios[3].coverage, .required)
        XCTAssertEqual(scenarios[3].classPolicy, .economyOnly)
    }

    func testApplyChangesOnlyWhatTheScenarioNames() throws {
        let data = try TestData.loadTiny()
        let scenarios = try ScenarioFile.load(Self.folder.appendingPathComponent("valid.yaml"), data: data)

        let base = scenarios[0].apply(to: data)
        XCTAssertEqual(base.policy, data.policy)
        XCTAssertEqual(base.operations, data.operations)
        XCTAssertEqual(base.managers, data.managers)

        let lean = scenarios[1].apply(to: data)
        XCTAssertEqual(lean.policy.budget, BudgetSplit(envelope: Money(dollars: 4000), pscRate: Rate(millionths: 100_000)))
        XCTAssertEqual(lean.policy.maxStops, data.policy.maxStops)

        let restricted = scenarios[2].apply(to: data)
        XCTAssertEqual(restricted.operations.map(\.virtualOnly), [true, false, false])
        let mgr1 = restricted.manager("MGR-1")!, mgr2 = restricted.manager("MGR-2")!
        XCTAssertEqual(mgr1.unavailable.count, data.manager("MGR-1")!.unavailable.count + 1, "ALL reaches every manager")
        XCTAssertEqual(mgr2.unavailable.count, data.manager("MGR-2")!.unavailable.count + 2)
        XCTAssertEqual(mgr2.unavailable.map(\.reason).suffix(2), ["Secondment", ""])

        let strict = scenarios[3].apply(to: data)
        XCTAssertEqual(strict.policy.maxStops, 1)
        XCTAssertEqual(strict.policy.coverage, .required)
        XCTAssertEqual(strict.policy.classPolicy, .economyOnly)
        XCTAssertEqual(strict.policy.budget, data.policy.budget)
    }

    func testDefaultScenariosFileLoadsAndApplies() throws {
        let data = try DataLoader.load(directory: TestData.defaultData)
        let url = TestData.defaultData.appendingPathComponent(ScenarioFile.defaultName)
        let scenarios = try ScenarioFile.load(url, data: data)
        let ids = scenarios.map(\.id)
        XCTAssertEqual(ids.first, "base")
        for id in ["base", "cut-20", "cut-40", "plus-10", "travel-restricted", "economy-only"] {
            XCTAssertTrue(ids.contains(id), "the shipped file has \(id)")
        }
        let byId = Dictionary(uniqueKeysWithValues: scenarios.map { ($0.id, $0) })
        let envelope = data.policy.budget.envelope
        XCTAssertEqual(envelope, Money(dollars: 126_560))
        XCTAssertEqual(byId["base"]!.apply(to: data).policy.budget.envelope, envelope)
        XCTAssertEqual(byId["cut-20"]!.apply(to: data).policy.budget.envelope.cents, envelope.cents * 8 / 10)
        XCTAssertEqual(byId["cut-40"]!.apply(to: data).policy.budget.envelope.cents, envelope.cents * 6 / 10)
        XCTAssertEqual(byId["plus-10"]!.apply(to: data).policy.budget.envelope.cents, envelope.cents * 11 / 10)
        let restricted = byId["travel-restricted"]!.apply(to: data)
        XCTAssertEqual(restricted.operations.filter(\.virtualOnly).count, data.operations.filter(\.virtualOnly).count + 3)
        XCTAssertEqual(
            restricted.managers.map(\.unavailable.count).reduce(0, +),
            data.managers.map(\.unavailable.count).reduce(0, +) + 1)
        XCTAssertEqual(byId["economy-only"]!.apply(to: data).policy.classPolicy, .economyOnly)
        for s in scenarios { XCTAssertEqual(s.folderName, s.id, "shipped ids are folder names as written") }
    }

    func testBudgetsMakeOneScenarioPerEnvelope() {
        let s = Scenario.budgets([Money(dollars: 126_560), Money(cents: 10_000_050)])
        XCTAssertEqual(s.map(\.id), ["budget-126560", "budget-100000.50"])
        XCTAssertEqual(s.map(\.envelope), [Money(dollars: 126_560), Money(cents: 10_000_050)])
    }
}
