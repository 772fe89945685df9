import Foundation
import XCTest

@testable import VisitPlannerCore

final class LoaderTests: XCTestCase {
    // MARK: - Malformed fixtures

    /// Every fixture in `Fixtures/malformed/` and the exact issues it must produce. A fixture
    /// named `operations-Defect.csv` replaces `operations.csv` in a copy of `tiny/`.
    static let expectedIssues: [String: [String]] = [
        // operations.csv
        "operations-ActiveToBeforeFrom.csv": [
            "operations.csv:3: active_to: 2027-02-01 is before active_from (2027-10-31)"
        ],
        "operations-BadAirport.csv": [
            "operations.csv:2: airport: expected a 3-letter IATA airport code such as JFK, found \"AA1\""
        ],
        "operations-BadDate.csv": [
            "operations.csv:3: active_from: expected a date as YYYY-MM-DD (e.g. 2027-03-15), found \"2027-02-30\""
        ],
        "operations-BadLatitude.csv": [
            "operations.csv:2: latitude: expected a number from -90 to 90, found \"95\""
        ],
        "operations-BadMonth.csv": [
            "operations.csv:2: mandate_renewal: expected one of January, February, March, April, May, June, July, "
                + "August, September, October, November, December, found \"Mar\""
        ],
        "operations-BadPriority.csv": [
            "operations.csv:3: priority: expected a whole number from 1 to 100, found \"high\""
        ],
        "operations-BadType.csv": [
            "operations.csv:2: type: expected one of PKO, SPM, found \"Mission\""
        ],
        "operations-DuplicateCode.csv": [
            "operations.csv:5: code: OPA is already used on line 2; codes must be unique"
        ],
        "operations-DuplicateColumn.csv": [
            "operations.csv:1: name: the column appears twice in the header"
        ],
        "operations-Empty.csv": [
            "operations.csv: the file is empty; it needs a header row: code,name,type,hq_city,country,airport,region,"
                + "latitude,longitude,police_strength,priority,min_nights,max_nights"
        ],
        "operations-EmptyName.csv": [
            "operations.csv:2: name: is empty; a value is required"
        ],
        "operations-HeaderOnly.csv": [
            "operations.csv: has no operations; add one row per operation"
        ],
        "operations-MaxBelowMinNights.csv": [
            "operations.csv:2: max_nights: is 2, less than min_nights (3)"
        ],
        "operations-MissingColumn.csv": [
            "operations.csv:1: region: required column is missing from the header"
        ],
        "operations-NotUTF8.csv": [
            "operations.csv:3: the file is not UTF-8 text (first bad byte at offset 296); save it as \"CSV UTF-8\""
        ],
        "operations-ReservedCode.csv": [
            "operations.csv:5: code: ALL is reserved (it means every operation in windows.csv)"
        ],
        "operations-StrayComma.csv": [
            "operations.csv:3: has 21 cells but the header has 20; check for a stray comma (use ; inside a cell)"
        ],
        // The open quote swallows the next line, so OPC really is gone from the table.
        "operations-UnclosedQuote.csv": [
            "operations.csv:3: a cell holds a line break (or a quote \" is not closed); keep each record on one line",
            "dsa.csv:4: operation: unknown operation OPC; it is not in operations.csv",
            "managers.csv:2: backup: unknown operation OPC (did you mean OPA?); it is not in operations.csv",
            "managers.csv:3: portfolio: unknown operation OPC (did you mean OPA?); it is not in operations.csv",
        ],
        "operations-UnclosedQuoteAtEnd.csv": [
            "operations.csv:4: a cell holds a line break (or a quote \" is not closed); keep each record on one line"
        ],
        "operations-ControlCharacter.csv": [
            "operations.csv:4: notes: contains a control character (U+001B ESC); remove it"
        ],
        "operations-WindowsReservedName.csv": [
            "operations.csv:5: code: \"con\" is a device name Windows reserves (CON, PRN, AUX, NUL, COM1-COM9, LPT1-LPT9, "
                + "with or without an extension) and cannot name a file; choose another code"
        ],
        "operations-UnknownColumn.csv": [
            "operations.csv:1: acess_fare: unknown column (did you mean \"access_fare\"?); allowed: code, name, type, "
                + "hq_city, country, airport, region, latitude, longitude, police_strength, priority, min_nights, "
                + "max_nights, max_visits, active_from, active_to, mandate_renewal, travel, access_fare, notes, weekend, "
                + "min_working_days, access_hours"
        ],
        "operations-BadWeekend.csv": [
            "operations.csv:3: weekend: expected the days off as Sat-Sun, Fri-Sat, Fri+Sun or none (not all seven), found \"Friday\""
        ],
        "operations-WorkingDaysAboveMaxNights.csv": [
            "operations.csv:2: min_working_days: is 4, more than max_nights (3); no stay could have that many working days"
        ],
        "operations-BadAccessHours.csv": [
            "operations.csv:4: access_hours: expected hours such as 14 or 14.5 (one decimal at most), found \"1:30\""
        ],
        // managers.csv
        "managers-BackupAlsoInPortfolio.csv": [
            "managers.csv:2: backup: OPA is already in this manager's portfolio"
        ],
        "managers-DuplicateId.csv": [
            "managers.csv:4: id: MGR-1 is already used on line 2; ids must be unique"
        ],
        "managers-DuplicateInList.csv": [
            "managers.csv:2: portfolio: lists OPA twice"
        ],
        "managers-EmptyPortfolio.csv": [
            "managers.csv:3: portfolio: is empty; list at least one operation code, separated by ;"
        ],
        "managers-NegativeTravelDays.csv": [
            "managers.csv:2: max_travel_days: expected a whole number from 0 to 366, found \"-30\""
        ],
        "managers-UncoveredOperation.csv": [
            "operations.csv:4: code: OPC is in no manager's portfolio or backup, so it would get neither a visit nor a "
                + "virtual assessment; add it to a portfolio or backup in managers.csv"
        ],
        "managers-WindowsReservedName.csv": [
            "managers.csv:4: id: \"LPT1\" is a device name Windows reserves (CON, PRN, AUX, NUL, COM1-COM9, LPT1-LPT9, "
                + "with or without an extension) and cannot name a file; choose another id"
        ],
        "managers-UnknownPortfolioCode.csv": [
            "managers.csv:2: portfolio: unknown operation OPX (did you mean OPA?); it is not in operations.csv"
        ],
        // unavailability.csv
        "unavailability-EndBeforeStart.csv": [
            "unavailability.csv:3: end: 2027-04-05 is before start (2027-04-16)"
        ],
        // One message per column, not one per cell.
        "unavailability-SpreadsheetDates.csv": [
            "unavailability.csv:2: start: dates must be written YYYY-MM-DD (e.g. 2027-01-15); found \"1/1/2027\" on lines 2-4. "
                + "A spreadsheet rewrote them: give the column the custom format yyyy-mm-dd and save again",
            "unavailability.csv:2: end: dates must be written YYYY-MM-DD (e.g. 2027-01-15); found \"1/3/2027\" on lines 2-4. "
                + "A spreadsheet rewrote them: give the column the custom format yyyy-mm-dd and save again",
        ],
        "unavailability-UnknownManager.csv": [
            "unavailability.csv:4: manager: unknown manager MGR-3 (did you mean MGR-1?); use an id from managers.csv or ALL"
        ],
        // windows.csv
        "windows-BidiOverride.csv": [
            "windows.csv:2: reason: contains a control character (U+202E RLO, right-to-left override); remove it"
        ],
        "windows-OutsideHorizon.csv": [
            "windows.csv:2: start: 2028-07-01 – 2028-08-31 lies outside the planning horizon 2027-01-01 – 2027-12-31"
        ],
        "windows-UnknownKind.csv": [
            "windows.csv:2: kind: expected one of blackout, preferred, found \"closed\""
        ],
        "windows-UnknownOperation.csv": [
            "windows.csv:4: operation: unknown operation OPZ (did you mean OPA?); it is not in operations.csv"
        ],
        // fares.csv
        "fares-BadHomeFare.csv": [
            "fares.csv:3: hours: expected hours such as 14 or 14.5 (one decimal at most), found \"eleven\""
        ],
        "fares-BusinessBelowEconomy.csv": [
            "fares.csv:4: business: $250.00 is less than the economy fare $300.00"
        ],
        "fares-DuplicatePair.csv": [
            "fares.csv:5: from: BBB–AAA already has a fare on line 4 (a row serves both directions)"
        ],
        "fares-MissingHomeFare.csv": [
            "fares.csv: from: no fare between HOM and BBB (needed for OPB, managers.csv line 2); add a row from,to = HOM,BBB"
        ],
        "fares-NegativeAmount.csv": [
            "fares.csv:4: economy: must not be negative, found \"-300\""
        ],
        "fares-NonNumericAmount.csv": [
            "fares.csv:4: economy: expected an amount in US dollars such as 1234.56 (two decimals at most), found \"TBD\""
        ],
        "fares-SameAirport.csv": [
            "fares.csv:5: to: is the same airport as from (CCC)"
        ],
        "fares-AmountTooLarge.csv": [
            "fares.csv:3: business: $25,000,000.00 is more than $1,000,000.00 for one fare or allowance; check for a typo"
        ],
        "fares-ThreeDecimals.csv": [
            "fares.csv:4: economy: expected an amount in US dollars such as 1234.56 (two decimals at most), found \"300.005\""
        ],
        "fares-TwoDecimalHours.csv": [
            "fares.csv:4: hours: expected hours such as 14 or 14.5 (one decimal at most), found \"10.25\""
        ],
        "fares-ZeroHours.csv": [
            "fares.csv:4: hours: must be more than 0 hours"
        ],
        // dsa.csv
        "dsa-DuplicateOperation.csv": [
            "dsa.csv:5: operation: OPA already has a rate on line 2"
        ],
        "dsa-MissingRate.csv": [
            "dsa.csv: operation: no DSA rate for OPC (operations.csv line 4); add a row"
        ],
        "dsa-UnknownOperation.csv": [
            "dsa.csv:5: operation: unknown operation OPZ; it is not in operations.csv"
        ],
        "dsa-UTF16WithoutByteOrderMark.csv": [
            "dsa.csv: the file looks like UTF-16 text without a byte-order mark; save it as \"CSV UTF-8\""
        ],
        "dsa-ZeroRate.csv": [
            "dsa.csv:2: rate: must be more than $0.00, found \"0\""
        ],
        // policy.yaml
        "policy-Anchor.yaml": [
            "policy.yaml:7: uses a YAML anchor or alias (&name or *name), which is not accepted; write each value out in full"
        ],
        "policy-ControlCharacter.yaml": [
            "policy.yaml:5: currency: contains a control character (U+001B ESC); remove it"
        ],
        // 5,000 brackets deep: refused before the YAML library could overflow its stack.
        "policy-DeepNesting.yaml": [
            "policy.yaml:23: nests lists or groups more than 64 levels deep; a settings file needs a few. Is this the right file?"
        ],
        "policy-DuplicateKey.yaml": [
            "policy.yaml:9: budget.envelope: is written twice in the same group (first on line 7); keep one, as only one can count"
        ],
        "policy-BadCoverage.yaml": [
            "policy.yaml:16: coverage: expected one of maximize, required, found \"everything\""
        ],
        "policy-BadRate.yaml": [
            "policy.yaml:8: budget.psc_rate: expected a percentage such as 13% (or 0.13), found \"thirteen percent\""
        ],
        "policy-Currency.yaml": [
            "policy.yaml:5: currency: only USD is supported, found \"EUR\""
        ],
        "policy-HorizonEndBeforeStart.yaml": [
            "policy.yaml:4: horizon.end: 2026-12-31 is before horizon.start (2027-01-01)"
        ],
        "policy-InvalidYAML.yaml": [
            "policy.yaml:8: not valid YAML: while parsing a block mapping did not find expected key (column 2); "
                + "check indentation and the `key: value` form"
        ],
        // Line 7 is the first line of the budget group, where the missing key belongs.
        "policy-MissingEnvelope.yaml": [
            "policy.yaml:7: budget.envelope: is missing"
        ],
        "policy-NotUTF8.yaml": [
            "policy.yaml: the file is not UTF-8 text; save it as UTF-8"
        ],
        "policy-RateAbove100.yaml": [
            "policy.yaml:8: budget.psc_rate: must be at most 100%, found \"130%\""
        ],
        "policy-SectionNotGroup.yaml": [
            "policy.yaml:9: trips: expected a group of `name: value` settings under it"
        ],
        "policy-BadDepartureTime.yaml": [
            "policy.yaml:17: journeys.depart_home_at: expected a local time of day as HH:MM from 00:00 to 24:00 (e.g. 18:00), found \"6pm\""
        ],
        "policy-MaxAwayZero.yaml": [
            "policy.yaml:20: office.max_away_at_once: expected a whole number from 1 to 10000, found \"0\""
        ],
        "policy-TicketAfterRequest.yaml": [
            "policy.yaml:21: booking.ticket_lead_days: 16 is more than request_lead_days (10): a ticket is bought after the request"
        ],
        "policy-BadLateDepartures.yaml": [
            "policy.yaml:20: booking.late_departures: expected one of exclude, flag, found \"allow\""
        ],
        "policy-BadAsOf.yaml": [
            "policy.yaml:20: booking.as_of: expected a date as YYYY-MM-DD, found \"30/11/2026\""
        ],
        "policy-UnknownKey.yaml": [
            "policy.yaml:15: travel.terminal_expenses: unknown setting (did you mean \"terminal_expense\"?); allowed here: "
                + "class_policy, business_min_leg_hours, business_min_journey_hours, terminal_expense"
        ],
        // airports.csv (optional; the tiny data has none, so these fixtures add one)
        "airports-DuplicateCode.csv": [
            "airports.csv:5: iata: AAA is already listed on line 3"
        ],
        "airports-UnknownTimeZone.csv": [
            "airports.csv:3: tz: \"Africa/Alphaville\" is not a time zone of the tz database; use an IANA name such as Africa/Juba or America/New_York"
        ],
        "airports-TimeZoneAbbreviation.csv": [
            "airports.csv:2: tz: \"EST\" is not a time zone of the tz database; use an IANA name such as Africa/Juba or America/New_York"
        ],
        "airports-MissingAirport.csv": [
            "operations.csv:3: airport: BBB is not in airports.csv; add a row for it there",
            "operations.csv:4: airport: BBB is not in airports.csv; add a row for it there",
            "fares.csv:3: to: BBB is not in airports.csv; add a row for it there",
            "fares.csv:4: to: BBB is not in airports.csv; add a row for it there",
        ],
    ]

    static let dataFiles = [
        "policy.yaml", "operations.csv", "managers.csv", "unavailability.csv", "windows.csv",
        "fares.csv", "dsa.csv", "airports.csv",
    ]

    private func malformedFixtures() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: TestData.malformed.path).sorted()
    }

    /// The data file a fixture replaces: `fares-SameAirport.csv` → `fares.csv`.
    private func target(of fixture: String) -> String {
        let base = fixture.prefix { $0 != "-" }
        let ext = (fixture as NSString).pathExtension
        return "\(base).\(ext)"
    }

    func testEveryFixtureHasAnExpectationAndReplacesADataFile() throws {
        let fixtures = try malformedFixtures()
        XCTAssertEqual(fixtures.count, 79)
        for name in fixtures {
            XCTAssertNotNil(Self.expectedIssues[name], "\(name) has no expectation in LoaderTests.expectedIssues")
            XCTAssertTrue(Self.dataFiles.contains(target(of: name)), "\(name) does not name a data file to replace")
        }
        for name in Self.expectedIssues.keys {
            XCTAssertTrue(fixtures.contains(name), "expectation for \(name), but there is no such fixture")
        }
    }

    func testEachMalformedFixtureGivesExactlyItsIssues() throws {
        for name in try malformedFixtures() {
            guard let expected = Self.expectedIssues[name] else { continue }  // reported by the test above
            let folder = try TestData.tinyCopy(self)
            let destination = folder.appendingPathComponent(target(of: name))
            try? FileManager.default.removeItem(at: destination)
            try FileManager.default.copyItem(at: TestData.malformed.appendingPathComponent(name), to: destination)
            XCTAssertEqual(TestData.issues(loading: folder), expected, name)
        }
    }

    func testFixtureDefectsAreTheOnlyDifference() throws {
        // The tiny data set itself is clean, so each fixture's issues come from its defect alone.
        XCTAssertNoThrow(try TestData.loadTiny())
    }

    // MARK: - The default data set

    func testDefaultDataLoadsAndPasses() throws {
        let data = try DataLoader.load(directory: TestData.defaultData)
        XCTAssertEqual(data.operations.count, 16)
        XCTAssertEqual(data.managers.count, 10)
        XCTAssertEqual(data.windows.count, 19)
        XCTAssertEqual(data.fares.count, 77)
        XCTAssertEqual(data.policy.horizon.description, "2027-01-01 – 2027-12-31")
        XCTAssertEqual(data.policy.budget.envelope.description, "$126,560.00")
        XCTAssertEqual(data.policy.budget.travelCap.description, "$112,000.00")
        XCTAssertEqual(data.policy.budget.psc(on: data.policy.budget.travelCap).description, "$14,560.00")
        XCTAssertEqual(data.operations.first?.code, "MINUSCA")
        XCTAssertEqual(Set(data.operations.map(\.code)).count, 16)
        // Every eligible in-person operation is reachable from its manager's home.
        for m in data.managers {
            for code in m.eligible {
                let op = try XCTUnwrap(data.operation(code))
                XCTAssertNotNil(data.fare(m.homeAirport, op.airport), "\(m.id) → \(code)")
                XCTAssertGreaterThan(op.dsaRate, .zero)
            }
        }
    }

    // MARK: - Round trip on tiny/

    func testTinyRoundTripPolicy() throws {
        let p = try TestData.loadTiny().policy
        XCTAssertEqual(p.horizon, DayRange(Day(iso: "2027-01-01")!, Day(iso: "2027-12-31")!))
        XCTAssertEqual(p.currency, "USD")
        XCTAssertEqual(p.budget.envelope, Money(dollars: 10_000))
        XCTAssertEqual(p.budget.pscRate, Rate(millionths: 130_000))
        // ⌊10,000 / 1.13⌋ = 8,849.55, but one cent more still fits: PSC 0.13 × 8,849.56 =
        // 1,150.4428 → 1,150.44, total exactly 10,000.00.
        XCTAssertEqual(p.budget.travelCap, Money(cents: 884_956))
        XCTAssertEqual(p.budget.psc(on: p.budget.travelCap), Money(cents: 115_044))
        XCTAssertEqual(p.maxStops, 3)
        XCTAssertEqual(p.classPolicy, .rule)
        XCTAssertEqual(p.businessMinLegTenths, 90)
        XCTAssertEqual(p.businessMinJourneyTenths, 110)
        XCTAssertEqual(p.terminalExpense, Money(dollars: 50))
        XCTAssertEqual(p.coverage, .maximize)
        XCTAssertEqual(p.preferredWindowBonus, Rate(millionths: 200_000))
        XCTAssertEqual(p.ownPortfolioBonus, Rate(millionths: 100_000))
        XCTAssertEqual(p.virtualShare, Rate(millionths: 300_000))
        XCTAssertEqual(p.timeLimitSeconds, 60)
    }

    func testPolicyDefaultsWhenOptionalSettingsAreLeftOut() throws {
        let folder = try TestData.tinyCopy(self)
        try TestData.write(
            """
            horizon:
              start: 2027-01-01
              end: 2027-12-31
            budget:
              envelope: $5,650
              psc_rate: 0.13
            """, to: "policy.yaml", in: folder)
        let data = try DataLoader.load(directory: folder)
        let p = data.policy
        XCTAssertEqual(p.budget.envelope, Money(dollars: 5_650))
        XCTAssertEqual(p.budget.travelCap, Money(dollars: 5_000))
        XCTAssertEqual(p.maxStops, 3)
        XCTAssertEqual(p.classPolicy, .rule)
        XCTAssertEqual(p.businessMinLegTenths, 90)
        XCTAssertEqual(p.businessMinJourneyTenths, 110)
        XCTAssertEqual(p.terminalExpense, .zero)
        XCTAssertEqual(p.coverage, .maximize)
        XCTAssertEqual(p.timeLimitSeconds, 60)
    }

    func testTinyRoundTripOperations() throws {
        let data = try TestData.loadTiny()
        XCTAssertEqual(data.operations.map(\.code), ["OPA", "OPB", "OPC"])
        let a = try XCTUnwrap(data.operation("OPA"))
        XCTAssertEqual(a.name, "Operation Alpha")
        XCTAssertEqual(a.type, .pko)
        XCTAssertEqual(a.hqCity, "Alpha City")
        XCTAssertEqual(a.country, "Alphaland")
        XCTAssertEqual(a.airport, "AAA")
        XCTAssertEqual(a.region, "Region One")
        XCTAssertEqual(a.latitude, 10.5)
        XCTAssertEqual(a.longitude, 20.25)
        XCTAssertEqual(a.policeStrength, 100)
        XCTAssertEqual(a.priority, 10)
        XCTAssertEqual(a.minNights, 3)
        XCTAssertEqual(a.maxNights, 5)
        XCTAssertEqual(a.maxVisits, 1)
        XCTAssertEqual(a.active.description, "2027-01-01 – 2027-12-31")
        XCTAssertEqual(a.mandateRenewal, 3)
        XCTAssertFalse(a.virtualOnly)
        XCTAssertEqual(a.accessFare, .zero)
        XCTAssertEqual(a.dsaRate, Money(dollars: 100))
        XCTAssertEqual(a.dsaSource, "indicative")
        XCTAssertEqual(a.notes, "")

        let b = try XCTUnwrap(data.operation("OPB"))
        XCTAssertEqual(b.type, .spm)
        XCTAssertEqual(b.latitude, -5)
        XCTAssertEqual(b.active.description, "2027-02-01 – 2027-10-31")
        XCTAssertNil(b.mandateRenewal)
        XCTAssertEqual(b.dsaRate, Money(cents: 15_050))

        let c = try XCTUnwrap(data.operation("OPC"))
        XCTAssertEqual(c.airport, "BBB")
        XCTAssertEqual(c.maxVisits, 2)
        XCTAssertEqual(c.mandateRenewal, 11)
        XCTAssertEqual(c.accessFare, Money(dollars: 150))
        XCTAssertEqual(c.dsaRate, Money(dollars: 120))
        XCTAssertEqual(c.dsaSource, "")
        XCTAssertEqual(c.notes, "Shares BBB with OPB; UN flight onwards")
    }

    func testTinyRoundTripManagersWithUnavailability() throws {
        let data = try TestData.loadTiny()
        let newYear = Period(range: DayRange(Day(iso: "2027-01-01")!, Day(iso: "2027-01-03")!), reason: "New Year")
        XCTAssertEqual(data.managers.map(\.id), ["MGR-1", "MGR-2"])

        let one = try XCTUnwrap(data.manager("MGR-1"))
        XCTAssertEqual(one.name, "Desk Officer One")
        XCTAssertEqual(one.portfolio, ["OPA", "OPB"])
        XCTAssertEqual(one.backup, ["OPC"])
        XCTAssertEqual(one.eligible, ["OPA", "OPB", "OPC"])
        XCTAssertEqual(one.homeAirport, "HOM")
        XCTAssertEqual(one.maxTravelDays, 30)
        XCTAssertEqual(one.minRestDays, 5)
        XCTAssertEqual(
            one.unavailable,
            [
                newYear,
                Period(range: DayRange(Day(iso: "2027-04-05")!, Day(iso: "2027-04-16")!), reason: "Annual leave"),
            ])

        let two = try XCTUnwrap(data.manager("MGR-2"))
        XCTAssertEqual(two.portfolio, ["OPC"])
        XCTAssertEqual(two.backup, ["OPA", "OPB"])
        XCTAssertEqual(two.eligible, ["OPC", "OPA", "OPB"])
        XCTAssertEqual(two.maxTravelDays, 20)
        XCTAssertEqual(two.minRestDays, 7)
        XCTAssertEqual(
            two.unavailable,
            [
                newYear,
                Period(range: DayRange(Day(iso: "2027-06-01")!, Day(iso: "2027-06-10")!), reason: "Annual leave"),
            ])
    }

    func testTinyRoundTripWindows() throws {
        let data = try TestData.loadTiny()
        let rainy = TimeWindow(
            operation: "OPA", kind: .blackout,
            range: DayRange(Day(iso: "2027-07-01")!, Day(iso: "2027-08-31")!), reason: "Rainy season")
        let yearEnd = TimeWindow(
            operation: nil, kind: .blackout,
            range: DayRange(Day(iso: "2027-12-20")!, Day(iso: "2027-12-31")!), reason: "Year end")
        let renewal = TimeWindow(
            operation: "OPB", kind: .preferred,
            range: DayRange(Day(iso: "2027-09-01")!, Day(iso: "2027-10-31")!),
            reason: "Before the mandate renewal")
        XCTAssertEqual(data.windows, [rainy, yearEnd, renewal])
        XCTAssertEqual(data.windows(of: "OPA", kind: .blackout), [rainy, yearEnd])
        XCTAssertEqual(data.windows(of: "OPB", kind: .blackout), [yearEnd])
        XCTAssertEqual(data.windows(of: "OPB", kind: .preferred), [renewal])
        XCTAssertEqual(data.windows(of: "OPC", kind: .preferred), [])
    }

    func testTinyRoundTripFares() throws {
        let data = try TestData.loadTiny()
        XCTAssertEqual(data.fares.count, 3)
        XCTAssertEqual(
            data.fare("HOM", "AAA"),
            Fare(
                from: "HOM", to: "AAA", economy: Money(dollars: 1_000),
                business: Money(dollars: 3_000), tenthsOfHours: 90, connections: 0))
        XCTAssertEqual(
            data.fare("HOM", "BBB"),
            Fare(
                from: "HOM", to: "BBB", economy: Money(dollars: 800),
                business: Money(dollars: 2_500), tenthsOfHours: 110, connections: 1))
        XCTAssertEqual(
            data.fare("AAA", "BBB"),
            Fare(
                from: "AAA", to: "BBB", economy: Money(dollars: 300),
                business: Money(dollars: 900), tenthsOfHours: 109, connections: 1))
        // A row serves both directions.
        XCTAssertEqual(data.fare("BBB", "AAA"), data.fare("AAA", "BBB"))
        XCTAssertEqual(data.fare("AAA", "HOM")?.hours, 9)
        XCTAssertNil(data.fare("HOM", "CCC"))
    }

    func testActiveRangesAreClippedToTheHorizon() throws {
        let folder = try TestData.tinyCopy(self)
        let operations = try String(contentsOf: folder.appendingPathComponent("operations.csv"), encoding: .utf8)
            .replacingOccurrences(of: "2027-02-01,2027-10-31", with: "2026-06-01,2028-03-01")
            .replacingOccurrences(of: "3,2,,,November", with: "3,2,2026-01-01,2026-12-31,November")
        try TestData.write(operations, to: "operations.csv", in: folder)
        let data = try DataLoader.load(directory: folder)
        XCTAssertEqual(data.operation("OPB")?.active.description, "2027-01-01 – 2027-12-31")
        // Closed before the horizon: an empty range, not an error.
        XCTAssertEqual(data.operation("OPC")?.active.count, 0)
    }

    // MARK: - Whole-folder problems

    func testMissingFolderIsAnErrorNotACrash() throws {
        let nowhere = try TestData.temporaryFolder(self).appendingPathComponent("no-such-folder")
        XCTAssertThrowsError(try DataLoader.load(directory: nowhere)) { error in
            let errors = error as? DataErrors
            XCTAssertEqual(errors?.issues.map(\.description), ["\(nowhere.path): is not a folder; give the data folder with --data"])
        }
    }

    func testAFileInsteadOfAFolderIsAnError() throws {
        let file = TestData.tiny.appendingPathComponent("policy.yaml")
        XCTAssertEqual(issues(of: file), ["\(file.path): is not a folder; give the data folder with --data"])
    }

    func testEmptyFolderReportsEveryMissingFile() throws {
        let folder = try TestData.temporaryFolder(self)
        XCTAssertEqual(
            TestData.issues(loading: folder),
            [
                "policy.yaml: cannot read the file (is it there, and readable?)",
                "operations.csv: cannot read the file (is it there, and readable?)",
                "dsa.csv: cannot read the file (is it there, and readable?)",
                "windows.csv: cannot read the file (is it there, and readable?)",
                "unavailability.csv: cannot read the file (is it there, and readable?)",
                "managers.csv: cannot read the file (is it there, and readable?)",
                "fares.csv: cannot read the file (is it there, and readable?)",
            ])
    }

    func testOneMissingFile() throws {
        let folder = try TestData.tinyCopy(self)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("windows.csv"))
        XCTAssertEqual(TestData.issues(loading: folder), ["windows.csv: cannot read the file (is it there, and readable?)"])
    }

    func testSeveralProblemsInOneFileAreAllReported() throws {
        let folder = try TestData.tinyCopy(self)
        try TestData.write(
            """
            code,name,type,hq_city,country,airport,region,latitude,longitude,police_strength,priority,min_nights,max_nights
            OPA,Operation Alpha,PKO,Alpha City,Alphaland,AAAA,Region One,10.5,200,100,0,3,5

            OPB,Operation Bravo,XYZ,Bravo City,Bravoland,BBB,Region Two,-5,30,many,6,4,2
            OPC,Operation Charlie,PKO,Charlie Town,Bravoland,BBB,Region Two,-6.5,31,5,4,2,3,extra
            OPA,Operation Alpha again,PKO,Alpha City,Alphaland,AAA,Region One,10.5,20.25,100,10,3,5
            """, to: "operations.csv", in: folder)
        // Shape problems come first (found while reading the table), then cell problems.
        XCTAssertEqual(
            TestData.issues(loading: folder),
            [
                "operations.csv:5: has 14 cells but the header has 13; check for a stray comma (use ; inside a cell)",
                "operations.csv:2: airport: expected a 3-letter IATA airport code such as JFK, found \"AAAA\"",
                "operations.csv:2: longitude: expected a number from -180 to 180, found \"200\"",
                "operations.csv:2: priority: expected a whole number from 1 to 100, found \"0\"",
                // Line 3 is blank: ignored, but still counted.
                "operations.csv:4: type: expected one of PKO, SPM, found \"XYZ\"",
                "operations.csv:4: police_strength: expected a whole number from 0 to 1000000, found \"many\"",
                "operations.csv:4: max_nights: is 2, less than min_nights (4)",
                "operations.csv:6: code: OPA is already used on line 2; codes must be unique",
            ])
    }

    func testProblemsInSeveralFilesAreAllReported() throws {
        let folder = try TestData.tinyCopy(self)
        for name in ["fares-ZeroHours.csv", "dsa-UnknownOperation.csv", "policy-BadCoverage.yaml"] {
            let destination = folder.appendingPathComponent(target(of: name))
            try FileManager.default.removeItem(at: destination)
            try FileManager.default.copyItem(at: TestData.malformed.appendingPathComponent(name), to: destination)
        }
        XCTAssertThrowsError(try DataLoader.load(directory: folder)) { error in
            XCTAssertEqual(
                (error as? DataErrors)?.description,
                """
                3 problems in the data:
                  policy.yaml:16: coverage: expected one of maximize, required, found "everything"
                  fares.csv:4: hours: must be more than 0 hours
                  dsa.csv:5: operation: unknown operation OPZ; it is not in operations.csv
                """)
        }
    }

    // MARK: - Spreadsheet habits that are accepted

    func testByteOrderMarkAndCRLFLineEndingsAreAccepted() throws {
        let folder = try TestData.tinyCopy(self)
        for name in Self.dataFiles where name != "airports.csv" {
            let url = folder.appendingPathComponent(name)
            let text = try String(contentsOf: url, encoding: .utf8)
            let windows = "\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n")
            try Data(windows.utf8).write(to: url)
        }
        XCTAssertEqual(try Data(contentsOf: folder.appendingPathComponent("dsa.csv")).prefix(3), Data([0xEF, 0xBB, 0xBF]))
        let data = try DataLoader.load(directory: folder)
        let tiny = try TestData.loadTiny()
        XCTAssertEqual(data.policy, tiny.policy)
        XCTAssertEqual(data.operations, tiny.operations)
        XCTAssertEqual(data.managers, tiny.managers)
        XCTAssertEqual(data.windows, tiny.windows)
        XCTAssertEqual(data.fares, tiny.fares)
        // Line numbers in messages still count CRLF lines correctly.
        try Data(("\u{FEFF}" + "operation,rate,source\r\nOPA,100,x\r\n\r\nOPB,-1,x\r\nOPC,120,\r\n").utf8)
            .write(to: folder.appendingPathComponent("dsa.csv"))
        XCTAssertEqual(TestData.issues(loading: folder), ["dsa.csv:4: rate: must not be negative, found \"-1\""])
    }

    func testCodeListsWithSpacesAroundSemicolons() throws {
        let folder = try TestData.tinyCopy(self)
        try TestData.write(
            """
            id,name,portfolio,backup,home_airport,max_travel_days,min_rest_days
            MGR-1,Desk Officer One,  OPA ;OPB  ;  , OPC ; ,HOM,30,5
            MGR-2,Desk Officer Two,OPC,"OPA;  OPB",hom,20,7
            MGR-3,Desk Officer Three,OPB,,,10,0
            """, to: "managers.csv", in: folder)
        try TestData.write(
            """
            from,to,economy,business,hours,connections
            HOM,AAA,1000,3000,9,0
            HOM,BBB,800,2500,11,1
            AAA,BBB,300,900,10.9,1
            JFK,BBB,700,2000,8,
            """, to: "fares.csv", in: folder)
        let data = try DataLoader.load(directory: folder)
        XCTAssertEqual(data.managers.map(\.portfolio), [["OPA", "OPB"], ["OPC"], ["OPB"]])
        XCTAssertEqual(data.managers.map(\.backup), [["OPC"], ["OPA", "OPB"], []])
        // Airport codes are upper-cased; an empty home_airport means JFK.
        XCTAssertEqual(data.managers.map(\.homeAirport), ["HOM", "HOM", "JFK"])
        XCTAssertEqual(data.fare("JFK", "BBB")?.connections, 0)
        // MGR-3 is only in ALL rows of unavailability.csv.
        XCTAssertEqual(data.manager("MGR-3")?.unavailable.map(\.reason), ["New Year"])
    }

    func testAVeryLargeEnvelopeLoadsWithoutOverflow() throws {
        let folder = try TestData.tinyCopy(self)
        let policy = try String(contentsOf: folder.appendingPathComponent("policy.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "envelope: 10000.00", with: "envelope: \"9,999,999,999,999.99\"")
        try TestData.write(policy, to: "policy.yaml", in: folder)
        let budget = try DataLoader.load(directory: folder).policy.budget
        XCTAssertEqual(budget.envelope, Money(cents: 999_999_999_999_999))
        XCTAssertEqual(budget.travelCap, Money(cents: 884_955_752_212_388))
    }

    private func issues(of url: URL) -> [String] {
        do {
            _ = try DataLoader.load(directory: url)
            XCTFail("loaded")
            return []
        } catch {
            return (error as? DataErrors)?.issues.map(\.description) ?? ["not DataErrors: \(error)"]
        }
    }
}
