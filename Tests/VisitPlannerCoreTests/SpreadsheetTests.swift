import Foundation
import XCTest

@testable import VisitPlannerCore

/// What spreadsheets really save, read as the planner meant it or refused in one clear
/// message: separators, encodings, header spellings, blank columns, rewritten dates and
/// workbooks saved beside the tables.
final class SpreadsheetTests: XCTestCase {
    /// The tiny data with one file replaced, loaded; fails the test when it does not load.
    private func assertLoadsAsTiny(_ folder: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let data = try DataLoader.load(directory: folder)
        let tiny = try TestData.loadTiny()
        XCTAssertEqual(data.policy, tiny.policy, file: file, line: line)
        XCTAssertEqual(data.operations, tiny.operations, file: file, line: line)
        XCTAssertEqual(data.managers, tiny.managers, file: file, line: line)
        XCTAssertEqual(data.windows, tiny.windows, file: file, line: line)
        XCTAssertEqual(data.fares, tiny.fares, file: file, line: line)
        XCTAssertEqual(data.warnings, [], file: file, line: line)
    }

    private func csvFiles() -> [String] { LoaderTests.dataFiles.filter { $0.hasSuffix(".csv") && $0 != "airports.csv" } }

    // MARK: - Separators

    /// Excel's "CSV UTF-8" under a European locale: `;` between cells, a comma as the
    /// decimal mark, dots grouping thousands.
    func testSemicolonSeparatedFilesWithDecimalCommasReadAsTheCommaFiles() throws {
        let folder = try TestData.tinyCopy(self)
        let files = [
            "operations.csv": """
            code;name;type;hq_city;country;airport;region;latitude;longitude;police_strength;priority;min_nights;max_nights;max_visits;active_from;active_to;mandate_renewal;travel;access_fare;notes
            OPA;Operation Alpha;PKO;Alpha City;Alphaland;AAA;Region One;10,5;20,25;100;10;3;5;1;;;March;in-person;;
            OPB;Operation Bravo;SPM;Bravo City;Bravoland;BBB;Region Two;-5;30;20;6;2;4;1;2027-02-01;2027-10-31;;in-person;;
            OPC;Operation Charlie;PKO;Charlie Town;Bravoland;BBB;Region Two;-6,5;31;5;4;2;3;2;;;November;in-person;150,00;"Shares BBB with OPB; UN flight onwards"
            """,
            "managers.csv": """
            id;name;portfolio;backup;home_airport;max_travel_days;min_rest_days
            MGR-1;Desk Officer One;"OPA; OPB";OPC;HOM;30;5
            MGR-2;Desk Officer Two;OPC;"OPA ; OPB";HOM;20;7
            """,
            "fares.csv": """
            from;to;economy;business;hours;connections
            HOM;AAA;1000;3.000,00;9;0
            HOM;BBB;800;2500;11;1
            AAA;BBB;300;900;10,9;1
            """,
            "dsa.csv": "operation;rate;source\nOPA;100;indicative\nOPB;150,50;indicative\nOPC;120;\n",
            "windows.csv": """
            operation;kind;start;end;reason
            OPA;blackout;2027-07-01;2027-08-31;Rainy season
            ALL;blackout;2027-12-20;2027-12-31;Year end
            OPB;preferred;2027-09-01;2027-10-31;Before the mandate renewal
            """,
            "unavailability.csv": """
            manager;start;end;reason
            ALL;2027-01-01;2027-01-03;New Year
            MGR-1;2027-04-05;2027-04-16;Annual leave
            MGR-2;2027-06-01;2027-06-10;Annual leave
            """,
        ]
        for (name, text) in files {
            try TestData.write("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n"), to: name, in: folder)
        }
        try assertLoadsAsTiny(folder)
    }

    func testSemicolonFileMessagesNameTheSemicolon() throws {
        let folder = try TestData.tinyCopy(self)
        try TestData.write("operation;rate;source\nOPA;100;x\nOPB;150;a;b\nOPC;1.234.5;\n", to: "dsa.csv", in: folder)
        XCTAssertEqual(
            TestData.issues(loading: folder),
            [
                "dsa.csv:3: has 4 cells but the header has 3; check for a stray semicolon (put a cell that holds ; in quotes)",
                "dsa.csv:4: rate: expected an amount in US dollars such as 1234.56 (two decimals at most), found \"1.234.5\"",
                "dsa.csv: operation: no DSA rate for OPB (operations.csv line 3); add a row",
            ])
    }

    /// Excel's "Unicode Text": UTF-16 with a byte-order mark, tab-separated.
    func testUTF16TabSeparatedFileIsRead() throws {
        let folder = try TestData.tinyCopy(self)
        let text = "operation\trate\tsource\r\nOPA\t100\tindicative\r\nOPB\t150.50\tindicative\r\nOPC\t120\t\r\n"
        var bytes = Data([0xFF, 0xFE])
        bytes.append(text.data(using: .utf16LittleEndian)!)
        try bytes.write(to: folder.appendingPathComponent("dsa.csv"))
        try assertLoadsAsTiny(folder)
    }

    // MARK: - Headers

    func testHeadersInAnyCaseWithSpacesAndByteOrderMarksAreAccepted() throws {
        let folder = try TestData.tinyCopy(self)
        for name in csvFiles() {
            let url = folder.appendingPathComponent(name)
            var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
            let names = lines[0].split(separator: ",").enumerated().map { index, name -> String in
                switch index % 4 {
                case 0: return name.uppercased()
                case 1: return " " + name.capitalized + " "
                case 2: return name.replacingOccurrences(of: "_", with: " ").capitalized
                default: return "\u{FEFF}" + name
                }
            }
            lines[0] = names.joined(separator: ",")
            try TestData.write(lines.joined(separator: "\n"), to: name, in: folder)
        }
        let header = try String(contentsOf: folder.appendingPathComponent("operations.csv"), encoding: .utf8)
        XCTAssertTrue(header.hasPrefix("CODE, Name ,Type,\u{FEFF}hq_city,COUNTRY, Airport ,Region,"), String(header.prefix(60)))
        try assertLoadsAsTiny(folder)
    }

    func testAnUnknownColumnIsStillReportedWithItsNearestName() throws {
        let folder = try TestData.tinyCopy(self)
        try TestData.write("Operation,Rate,Sauce\nOPA,100,x\nOPB,150.50,x\nOPC,120,\n", to: "dsa.csv", in: folder)
        XCTAssertEqual(
            TestData.issues(loading: folder),
            ["dsa.csv:1: Sauce: unknown column (did you mean \"source\"?); allowed: operation, rate, source"])
        try TestData.write("Operation,RATE,rate\nOPA,100,100\n", to: "dsa.csv", in: folder)
        XCTAssertEqual(TestData.issues(loading: folder), ["dsa.csv:1: rate: the column appears twice in the header"])
    }

    // MARK: - Blank columns and lines

    func testBlankColumnsAtTheRightAndBlankLinesAreAccepted() throws {
        let folder = try TestData.tinyCopy(self)
        for name in csvFiles() {
            let url = folder.appendingPathComponent(name)
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
            try TestData.write(lines.map { $0 + ",," }.joined(separator: "\r\n") + "\r\n,,\r\n\r\n", to: name, in: folder)
        }
        try assertLoadsAsTiny(folder)
    }

    func testAValueUnderABlankHeaderCellIsReported() throws {
        let folder = try TestData.tinyCopy(self)
        try TestData.write("operation,rate,source,,\nOPA,100,x,,\nOPB,150.50,x,,oops\nOPC,120,,,\n", to: "dsa.csv", in: folder)
        XCTAssertEqual(
            TestData.issues(loading: folder),
            [
                "dsa.csv:3: has a value in column 5, which has no name in the header; name the column or clear the cell",
                "dsa.csv: operation: no DSA rate for OPB (operations.csv line 3); add a row",
            ])
    }

    // MARK: - Dates rewritten by a spreadsheet

    func testSpreadsheetDateShapesAreRecognised() {
        for value in [
            "1/15/2027", "15/01/2027", "15.01.2027", "2027/01/15", "2027-1-5", "46402", "15-Jan-2027", "Jan 15, 2027",
            "15 January 2027", "2027-01-15 00:00:00", "2027-01-15T00:00:00", "1/15/27", "1/15/2027 0:00",
        ] {
            XCTAssertTrue(FieldReader.isSpreadsheetDate(value), value)
        }
        // A typo in one ISO date, or something that is no date at all, keeps its own message.
        for value in ["2027-02-30", "2027-13-01", "soon", "Mar", "12", "100000", "1/2", "TBD 2027"] {
            XCTAssertFalse(FieldReader.isSpreadsheetDate(value), value)
        }
    }

    func testRewrittenDatesGiveOneMessagePerColumn() throws {
        let folder = try TestData.tinyCopy(self)
        try TestData.write(
            """
            operation,kind,start,end,reason
            OPA,blackout,46569,46630,Rainy season
            ALL,blackout,46741,2027-12-31,Year end
            OPB,preferred,46631,46691,Before the mandate renewal
            """, to: "windows.csv", in: folder)
        let operations = try String(contentsOf: folder.appendingPathComponent("operations.csv"), encoding: .utf8)
            .replacingOccurrences(of: "2027-02-01,2027-10-31", with: "01.02.2027,2027-10-31")
        try TestData.write(operations, to: "operations.csv", in: folder)
        let fix = "A spreadsheet rewrote them: give the column the custom format yyyy-mm-dd and save again"
        XCTAssertEqual(
            TestData.issues(loading: folder),
            [
                "operations.csv:3: active_from: dates must be written YYYY-MM-DD (e.g. 2027-01-15); found \"01.02.2027\" on line 3. " + fix,
                "windows.csv:2: start: dates must be written YYYY-MM-DD (e.g. 2027-01-15); found \"46569\" on lines 2-4. " + fix,
                "windows.csv:2: end: dates must be written YYYY-MM-DD (e.g. 2027-01-15); found \"46630\" on lines 2, 4. " + fix,
            ])
    }

    func testLineRangesAreShortened() {
        XCTAssertEqual(IssueLog.ranges([5, 2, 3, 4, 9, 11, 12]), "2-5, 9, 11-12")
        XCTAssertEqual(IssueLog.ranges(Array(stride(from: 2, through: 40, by: 2))), "2, 4, 6, 8, 10, 12, 14, 16 and 12 more")
    }

    // MARK: - Workbooks saved beside the tables

    private func setModified(_ url: URL, _ iso: String) throws {
        let date = ISO8601DateFormatter().date(from: iso + "T12:00:00Z")!
        try FileManager.default.setAttributes([.modificationDate: date], ofItemAtPath: url.path)
    }

    func testAWorkbookNewerThanItsTableStopsLoading() throws {
        let folder = try TestData.tinyCopy(self)
        let workbook = folder.appendingPathComponent("operations.xlsx")
        try Data("PK".utf8).write(to: workbook)
        try setModified(folder.appendingPathComponent("operations.csv"), "2027-01-01")
        try setModified(workbook, "2027-01-02")
        XCTAssertEqual(
            TestData.issues(loading: folder),
            [
                "operations.csv: operations.xlsx in the same folder was saved after operations.csv, but only operations.csv "
                    + "is read, so the latest edits may be missing; save the workbook as \"CSV UTF-8\" over operations.csv, "
                    + "or move the workbook out of the folder"
            ])
    }

    func testAWorkbookOlderThanItsTableIsAWarning() throws {
        let folder = try TestData.tinyCopy(self)
        let workbook = folder.appendingPathComponent("Windows.ODS")
        try Data("PK".utf8).write(to: workbook)
        try setModified(workbook, "2027-01-01")
        try setModified(folder.appendingPathComponent("windows.csv"), "2027-01-02")
        // Excel's lock file of an open workbook is not a workbook.
        try Data().write(to: folder.appendingPathComponent("~$operations.xlsx"))
        let data = try DataLoader.load(directory: folder)
        XCTAssertEqual(
            data.warnings.map(\.description),
            ["windows.csv: Windows.ODS in the same folder is older than windows.csv; windows.csv is read and the workbook is ignored"])
    }

    func testAMissingTableWithAWorkbookSaysHowToSaveIt() throws {
        let folder = try TestData.tinyCopy(self)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("managers.csv"))
        try Data("PK".utf8).write(to: folder.appendingPathComponent("Managers.XLSX"))
        XCTAssertEqual(
            TestData.issues(loading: folder),
            ["managers.csv: is missing, but Managers.XLSX is in the folder; save that workbook as \"CSV UTF-8\" named managers.csv"])
    }

    // MARK: - "Did you mean"

    func testSuggestionsPreferNamesThatExtendWhatWasTyped() {
        let codes = ["UNMIK", "UNMISS", "UNISFA", "UNSMIL", "MINURSO", "MINUSCA", "MONUSCO"]
        let cases: [(String, String?)] = [
            ("UNMIS", "UNMISS"),  // one edit from UNMIK too, but UNMISS extends it
            ("unmis", "UNMISS"),
            ("UNMISS2", "UNMISS"),  // UNMISS is a prefix of what was typed
            ("UNSMIK", "UNSMIL"),  // one edit from both; UNSMIL has the same length
            ("MINUSC", "MINUSCA"),
            ("MONUSC0", "MONUSCO"),
            ("unmik", "UNMIK"),
            ("UN", nil),  // too short to mean one of them
            ("XYZ", nil),
        ]
        for (typed, expected) in cases {
            XCTAssertEqual(Suggestion.closest(to: typed, in: codes), expected, typed)
            XCTAssertEqual(Suggestion.closest(to: typed, in: codes.reversed()), expected, "\(typed), list reversed")
        }
        let columns = DataLoader.operationColumns + DataLoader.operationOptional
        XCTAssertEqual(Suggestion.closest(to: "acess_fare", in: columns), "access_fare")
        XCTAssertEqual(Suggestion.closest(to: "max_visit", in: columns), "max_visits")
        XCTAssertEqual(Suggestion.closest(to: "max", in: columns), nil)
    }

    func testUnknownCodesInTheDefaultDataSuggestTheMeantOperation() throws {
        let folder = try TestData.temporaryFolder(self)
        for name in try FileManager.default.contentsOfDirectory(atPath: TestData.defaultData.path) {
            try FileManager.default.copyItem(
                at: TestData.defaultData.appendingPathComponent(name), to: folder.appendingPathComponent(name))
        }
        let windows = try String(contentsOf: folder.appendingPathComponent("windows.csv"), encoding: .utf8)
        try TestData.write(windows + "UNMIS,blackout,2027-02-01,2027-02-10,typo\n", to: "windows.csv", in: folder)
        let line = windows.split(separator: "\n").count + 1
        XCTAssertEqual(
            TestData.issues(loading: folder),
            ["windows.csv:\(line): operation: unknown operation UNMIS (did you mean UNMISS?); it is not in operations.csv"])
    }
}
