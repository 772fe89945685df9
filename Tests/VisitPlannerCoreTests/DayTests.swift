import XCTest

@testable import VisitPlannerCore

final class DayTests: XCTestCase {
    func testEpochAndKnownDayNumbers() {
        XCTAssertEqual(Day(iso: "1970-01-01")?.number, 0)
        XCTAssertEqual(Day(iso: "1969-12-31")?.number, -1)
        XCTAssertEqual(Day(iso: "2000-03-01")?.number, 11_017)
        XCTAssertEqual(Day(iso: "2027-01-01")?.number, 20_819)
        XCTAssertEqual(Day(year: 2027, month: 12, day: 31)?.number, 21_183)
    }

    func testISORoundTrip() {
        for text in ["2027-01-01", "2027-03-15", "2027-12-31", "2028-02-29", "1999-12-31", "2000-02-29", "0001-01-01", "9999-12-31"] {
            XCTAssertEqual(Day(iso: text)?.iso, text)
        }
        // Every day of 2027 and 2028 survives number → text → number.
        var day = Day(iso: "2027-01-01")!
        for _ in 0..<731 {
            XCTAssertEqual(Day(iso: day.iso), day)
            day = day + 1
        }
        XCTAssertEqual(day.iso, "2029-01-01")
    }

    func testComponentsAndOtherForms() {
        let d = Day(iso: "2027-03-05")!
        XCTAssertEqual(d.components.year, 2027)
        XCTAssertEqual(d.components.month, 3)
        XCTAssertEqual(d.components.day, 5)
        XCTAssertEqual(d.year, 2027)
        XCTAssertEqual(d.month, 3)
        XCTAssertEqual(d.basic, "20270305")
        XCTAssertEqual(d.readable, "5 Mar 2027")
        XCTAssertEqual(d.description, "2027-03-05")
    }

    func testLeapYears() {
        XCTAssertNotNil(Day(iso: "2028-02-29"))
        XCTAssertNil(Day(iso: "2027-02-29"))
        XCTAssertNotNil(Day(iso: "2000-02-29"))  // divisible by 400
        XCTAssertNil(Day(iso: "2100-02-29"))  // divisible by 100, not 400
        XCTAssertEqual(Day(iso: "2028-03-01")! - 1, Day(iso: "2028-02-29")!)
        XCTAssertEqual(Day(iso: "2027-03-01")! - 1, Day(iso: "2027-02-28")!)
        XCTAssertEqual(Day(iso: "2027-01-01")!.distance(to: Day(iso: "2028-01-01")!), 365)
        XCTAssertEqual(Day(iso: "2028-01-01")!.distance(to: Day(iso: "2029-01-01")!), 366)
    }

    func testMonthLengths() {
        XCTAssertEqual((1...12).map { Day.daysIn(month: $0, year: 2027) }, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        XCTAssertEqual(Day.daysIn(month: 2, year: 2028), 29)
        XCTAssertEqual(Day.daysIn(month: 2, year: 1900), 28)
        XCTAssertEqual(Day.daysIn(month: 2, year: 2000), 29)
        XCTAssertNotNil(Day(year: 2027, month: 4, day: 30))
        XCTAssertNil(Day(year: 2027, month: 4, day: 31))
        XCTAssertNil(Day(year: 2027, month: 13, day: 1))
        XCTAssertNil(Day(year: 2027, month: 0, day: 1))
        XCTAssertNil(Day(year: 2027, month: 1, day: 0))
    }

    func testWeekdays() {
        // 0 = Monday … 6 = Sunday.
        XCTAssertEqual(Day(iso: "1970-01-01")!.weekday, 3)  // a Thursday
        XCTAssertEqual(Day(iso: "1969-12-31")!.weekday, 2)  // a Wednesday, before the epoch
        XCTAssertEqual(Day(iso: "2027-01-01")!.weekday, 4)  // a Friday
        XCTAssertEqual(Day(iso: "2027-03-15")!.weekday, 0)  // a Monday
        XCTAssertEqual(Day(iso: "2028-02-29")!.weekday, 1)  // a Tuesday
        XCTAssertEqual(Day(iso: "2027-12-26")!.weekday, 6)  // a Sunday
    }

    func testRejectsBadStrings() {
        for text in [
            "", "2027", "2027-1-5", "27-01-05", "2027/01/05", "2027-01-05T00:00", "2027-13-01", "2027-00-10",
            "2027-04-31", "2027-01-32", "0000-01-01", "+027-01-01", "2027-0a-01", "2027--01-01", "01-05-2027",
            "2027-01-05-", "２０２７-01-01", "2027-٠١-01",
        ] {
            XCTAssertNil(Day(iso: text), "accepted \(String(reflecting: text))")
        }
        XCTAssertEqual(Day(iso: " 2027-01-05 ")?.iso, "2027-01-05", "surrounding spaces are trimmed")
    }

    func testArithmeticAndRanges() {
        let a = Day(iso: "2027-01-30")!
        XCTAssertEqual((a + 2).iso, "2027-02-01")
        XCTAssertEqual((a - 30).iso, "2026-12-31")
        XCTAssertEqual(a.advanced(by: 365).iso, "2028-01-30")
        XCTAssertLessThan(a, a + 1)
        let range = DayRange(Day(iso: "2027-07-01")!, Day(iso: "2027-08-31")!)
        XCTAssertEqual(range.count, 62)
        XCTAssertTrue(range.contains(Day(iso: "2027-07-01")!))
        XCTAssertTrue(range.contains(Day(iso: "2027-08-31")!))
        XCTAssertFalse(range.contains(Day(iso: "2027-09-01")!))
        XCTAssertTrue(range.overlaps(DayRange(Day(iso: "2027-08-31")!, Day(iso: "2027-09-10")!)))
        XCTAssertFalse(range.overlaps(DayRange(Day(iso: "2027-09-01")!, Day(iso: "2027-09-10")!)))
        XCTAssertTrue(range.contains(DayRange(Day(iso: "2027-07-10")!, Day(iso: "2027-07-12")!)))
        XCTAssertFalse(range.contains(DayRange(Day(iso: "2027-06-30")!, Day(iso: "2027-07-12")!)))
        XCTAssertEqual(DayRange(Day(iso: "2027-07-02")!, Day(iso: "2027-07-01")!).count, 0)
        XCTAssertEqual(range.description, "2027-07-01 – 2027-08-31")
    }

    func testCodableAsISOText() throws {
        let day = Day(iso: "2027-03-15")!
        let json = try JSONEncoder().encode([day])
        XCTAssertEqual(String(decoding: json, as: UTF8.self), "[\"2027-03-15\"]")
        XCTAssertEqual(try JSONDecoder().decode([Day].self, from: json), [day])
        XCTAssertThrowsError(try JSONDecoder().decode([Day].self, from: Data("[\"2027-02-30\"]".utf8)))
    }
}
