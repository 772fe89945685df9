import Foundation
import XCTest

@testable import VisitPlannerWriters

/// `Escape`: HTML/XML, iCalendar TEXT and the terminal, on hostile input.
final class EscapeTests: XCTestCase {
    // MARK: - Unsafe characters

    func testEveryControlBidiAndSeparatorCharacterIsUnsafe() {
        let unsafe: [UInt32] =
            Array(0x00...0x1F) + Array(0x7F...0x9F) + Array(0x202A...0x202E) + Array(0x2066...0x2069)
            + [0x2028, 0x2029, 0xFFFE, 0xFFFF, 0xFDD0, 0x1FFFF]
        for v in unsafe { XCTAssertTrue(Escape.isUnsafe(Unicode.Scalar(v)!), String(v, radix: 16)) }
        for v: UInt32 in [0x20, 0x41, 0xE9, 0x2013, 0x2060, 0x200B, 0x1F600, 0x4E2D] {
            XCTAssertFalse(Escape.isUnsafe(Unicode.Scalar(v)!), String(v, radix: 16))
        }
    }

    func testPlainIsOneLineWithoutControls() {
        XCTAssertEqual(Escape.plain("a\u{1B}]0;title\u{07}b"), "a ]0;title b")
        XCTAssertEqual(Escape.plain("\u{1B}[2J"), " [2J")
        XCTAssertEqual(Escape.plain("x\u{1B}]52;c;ZXZpbA==\u{07}"), "x ]52;c;ZXZpbA== ")
        XCTAssertEqual(Escape.plain("a\r\nb\rc\nd\u{85}e\u{2028}f\u{2029}g"), "a b c d e f g", "each line break is one space")
        XCTAssertEqual(Escape.plain("\u{202E}gnp.exe\u{202C} \u{2066}x\u{2069}"), " gnp.exe   x ")
        XCTAssertEqual(Escape.plain("nul\u{0}del\u{7F}c1\u{9B}"), "nul del c1 ")
        XCTAssertEqual(Escape.plain("Zoë Ñúñez — 東京 😀"), "Zoë Ñúñez — 東京 😀", "ordinary text is untouched")
        XCTAssertEqual(Escape.terminal("\u{1B}[31mred"), " [31mred")
    }

    func testLinesSplitAtEachBreakAndNeutraliseTheRest() {
        XCTAssertEqual(Escape.lines("a\r\nb\rc\n\u{1B}d"), ["a", "b", "c", " d"])
        XCTAssertEqual(Escape.lines(""), [""])
    }

    // MARK: - HTML and XML

    func testHTMLEscapesMarkupAndNeutralisesControls() {
        XCTAssertEqual(Escape.html("a&b<c>\"d\"'e'"), "a&amp;b&lt;c&gt;&quot;d&quot;&#39;e&#39;")
        XCTAssertEqual(Escape.html("<img src=x onerror=alert(1)>"), "&lt;img src=x onerror=alert(1)&gt;")
        XCTAssertEqual(Escape.html("&lt;script&gt;"), "&amp;lt;script&amp;gt;", "an entity in data stays text")
        XCTAssertEqual(Escape.html("line\none\u{07}\u{202E}"), "line one  ")
        XCTAssertEqual(Escape.xml("\u{FFFE}\u{0}x"), "  x", "nothing XML 1.0 forbids")
        XCTAssertEqual(Escape.xml("'"), Escape.html("'"))
    }

    // MARK: - iCalendar

    func testICSTextEscapesAndKeepsOneLinePerValue() {
        XCTAssertEqual(Escape.icsText("a\\b;c,d"), "a\\\\b\\;c\\,d")
        XCTAssertEqual(Escape.icsText("a\nb\r\nc"), "a b c", "a break in data is a space")
        XCTAssertEqual(Escape.icsText(lines: ["one, two", "three\nfour"]), "one\\, two\\nthree four")
        XCTAssertEqual(Escape.icsText("\u{1B}]0;x\u{07}"), " ]0\\;x ")
        XCTAssertEqual(Escape.icsText("END:VCALENDAR\r\nBEGIN:VEVENT"), "END:VCALENDAR BEGIN:VEVENT")
    }

    func testICSFoldBreaksAt75OctetsOnScalarBoundaries() {
        let value = String(repeating: "é", count: 40) + Escape.icsText(",;\\") + String(repeating: "→", count: 30) + "😀x"
        let line = "DESCRIPTION:" + value
        let folded = Escape.icsFold(line)
        let physical = folded.components(separatedBy: "\r\n")
        XCTAssertGreaterThan(physical.count, 2)
        for p in physical {
            XCTAssertLessThanOrEqual(p.utf8.count, 75)
            XCTAssertNotNil(String(data: Data(p.utf8), encoding: .utf8), "each physical line is whole UTF-8")
        }
        for p in physical.dropFirst() { XCTAssertTrue(p.hasPrefix(" ")) }
        XCTAssertEqual(folded.replacingOccurrences(of: "\r\n ", with: ""), line)
        XCTAssertEqual(Escape.icsFold("SHORT:x"), "SHORT:x")
        XCTAssertEqual(Escape.icsFold(String(repeating: "a", count: 75)), String(repeating: "a", count: 75))
        XCTAssertEqual(Escape.icsFold(String(repeating: "a", count: 76)), String(repeating: "a", count: 75) + "\r\n a")
    }
}
