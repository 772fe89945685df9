import Foundation
import XCTest

@testable import VisitPlannerWriters

/// `CSVWriter`: RFC 4180, BOM and CRLF, formula guard, numbers left alone.
final class CSVWriterTests: XCTestCase {
    func testFileHasBOMCRLFAndOneRecordPerRow() {
        var csv = CSVWriter(header: ["name", "amount"])
        csv.add([.text("Côte d'Ivoire"), .amount(Decimal(12345) / 10)])
        csv.add([.text("a\nb"), .number("-0.01")])
        XCTAssertEqual(csv.text, "\u{FEFF}name,amount\r\nCôte d'Ivoire,1234.50\r\n\"a\nb\",-0.01\r\n")
        XCTAssertEqual(CSVTestParser.records(csv.text), [["name", "amount"], ["Côte d'Ivoire", "1234.50"], ["a\nb", "-0.01"]])
    }

    func testQuoting() {
        XCTAssertEqual(CSVWriter.field("plain"), "plain")
        XCTAssertEqual(CSVWriter.field("a,b"), "\"a,b\"")
        XCTAssertEqual(CSVWriter.field("a;b"), "\"a;b\"", "European Excel splits at semicolons")
        XCTAssertEqual(CSVWriter.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(CSVWriter.field(" edge "), "\" edge \"")
        XCTAssertEqual(CSVWriter.field("a\r\nb\rc"), "\"a\nb\nc\"", "breaks inside a quoted field, as LF")
        XCTAssertEqual(CSVWriter.field(""), "")
    }

    func testFormulaGuard() {
        XCTAssertEqual(CSVWriter.field("=HYPERLINK(\"http://evil\",\"x\")"), "\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"")
        XCTAssertEqual(CSVWriter.field("=1+1"), "'=1+1")
        XCTAssertEqual(CSVWriter.field("+1"), "'+1")
        XCTAssertEqual(CSVWriter.field("-1+2"), "'-1+2")
        XCTAssertEqual(CSVWriter.field("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSVWriter.field("\t=1"), "' =1")
        XCTAssertEqual(CSVWriter.field("\r=1"), "\"'\n=1\"")
        XCTAssertEqual(CSVWriter.field("  =1"), "'  =1", "also after spaces")
        XCTAssertEqual(CSVWriter.field("a=1"), "a=1")
    }

    func testControlCharactersAreNeutralised() {
        XCTAssertEqual(CSVWriter.field("\u{1B}]0;title\u{07}"), "\" ]0;title \"")
        XCTAssertEqual(CSVWriter.field("x\u{0}\u{202E}y"), "x  y")
    }

    func testNumbersAreWrittenAsTheyAreAndOnlyNumbers() {
        var csv = CSVWriter(header: ["n"])
        for n in ["12", "-3", "1234.56", "0.0305"] { csv.add([.number(n)]) }
        csv.add([.number("=1+1")])
        csv.add([.number("1,000")])
        csv.add([.number("")])
        XCTAssertEqual(
            CSVTestParser.records(csv.text)?.map { $0[0] }, ["n", "12", "-3", "1234.56", "0.0305", "'=1+1", "1,000", ""])
    }
}

/// A strict RFC 4180 reader for the tests: BOM, CRLF records, quoted fields.
enum CSVTestParser {
    /// The records, or nil when the text is not valid RFC 4180 with a BOM and CRLF ends.
    static func records(_ text: String) -> [[String]]? {
        guard text.hasPrefix("\u{FEFF}") else { return nil }
        let scalars = Array(text.unicodeScalars.dropFirst())
        var records: [[String]] = []
        var record: [String] = []
        var field = String.UnicodeScalarView()
        var i = 0
        var quoted = false
        var atFieldStart = true
        while i < scalars.count {
            let c = scalars[i]
            if quoted {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                        field.append("\"")
                        i += 2
                        continue
                    }
                    quoted = false
                } else {
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case "\"" where atFieldStart:
                quoted = true
                atFieldStart = false
            case "\"": return nil
            case ",":
                record.append(String(field))
                field = String.UnicodeScalarView()
                atFieldStart = true
                i += 1
                continue
            case "\r":
                guard i + 1 < scalars.count, scalars[i + 1] == "\n" else { return nil }
                record.append(String(field))
                records.append(record)
                record = []
                field = String.UnicodeScalarView()
                atFieldStart = true
                i += 2
                continue
            case "\n": return nil
            default:
                field.append(c)
                atFieldStart = false
            }
            i += 1
        }
        guard !quoted, record.isEmpty, field.isEmpty else { return nil }
        return records
    }
}
