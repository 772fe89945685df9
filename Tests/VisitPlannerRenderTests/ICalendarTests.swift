import Foundation
import XCTest

@testable import VisitPlannerCore
@testable import VisitPlannerRender
@testable import VisitPlannerReports
@testable import VisitPlannerWriters

/// The calendar files as RFC 5545 requires them, checked line by line.
final class ICalendarTests: XCTestCase {
    let calendars = ICalendar.render(PlanFixture.document)

    func testOneCalendarPerTraveller() {
        XCTAssertEqual(calendars.map(\.fileName), ["__MM-1.ics", "MM_2_ß.ics"])
    }

    func testLinesAreCRLFAndAtMost75Octets() {
        for (name, text) in calendars {
            let bytes = Array(text.utf8)
            for (i, b) in bytes.enumerated() {
                if b == 0x0A { XCTAssertEqual(i > 0 ? bytes[i - 1] : 0, 0x0D, "\(name): bare LF at byte \(i)") }
                if b == 0x0D { XCTAssertEqual(i + 1 < bytes.count ? bytes[i + 1] : 0, 0x0A, "\(name): bare CR at byte \(i)") }
            }
            XCTAssertTrue(text.hasSuffix("\r\n"))
            for line in physicalLines(text) {
                XCTAssertLessThanOrEqual(line.utf8.count, 75, "\(name): \(line)")
                // Folding never splits a UTF-8 sequence: each physical line is valid UTF-8 alone.
                XCTAssertNotNil(String(validatingUTF8: Array(line.utf8).map { CChar(bitPattern: $0) } + [0]))
            }
        }
    }

    func testStructureDatesAndUIDs() throws {
        var allUIDs: [String] = []
        for (name, text) in calendars {
            let lines = unfolded(text)
            XCTAssertEqual(lines.first, "BEGIN:VCALENDAR")
            XCTAssertEqual(lines.last, "END:VCALENDAR")
            for required in ["VERSION:2.0", "CALSCALE:GREGORIAN"] { XCTAssertTrue(lines.contains(required), "\(name): \(required)") }
            XCTAssertTrue(lines.contains { $0.hasPrefix("PRODID:") })
            // BEGIN/END balanced and properly nested.
            var stack: [String] = []
            for line in lines {
                if line.hasPrefix("BEGIN:") { stack.append(String(line.dropFirst(6))) }
                if line.hasPrefix("END:") { XCTAssertEqual(stack.popLast(), String(line.dropFirst(4)), name) }
            }
            XCTAssertTrue(stack.isEmpty, name)
            // Each event: all-day DTSTART/DTEND as dates, end after start, a UID, DTSTAMP in UTC.
            let events = lines.split(separator: "BEGIN:VEVENT").dropFirst().map { Array($0.prefix { $0 != "END:VEVENT" }) }
            XCTAssertFalse(events.isEmpty)
            for event in events {
                func value(_ prop: String) -> String? {
                    event.first { $0.hasPrefix(prop + ":") || $0.hasPrefix(prop + ";") }.map {
                        String($0[$0.index(after: $0.firstIndex(of: ":")!)...])
                    }
                }
                let start = try XCTUnwrap(event.first { $0.hasPrefix("DTSTART") })
                let end = try XCTUnwrap(event.first { $0.hasPrefix("DTEND") })
                XCTAssertTrue(start.hasPrefix("DTSTART;VALUE=DATE:"), start)
                XCTAssertTrue(end.hasPrefix("DTEND;VALUE=DATE:"), end)
                let s = try XCTUnwrap(basicDay(value("DTSTART")!)), e = try XCTUnwrap(basicDay(value("DTEND")!))
                XCTAssertGreaterThan(e, s, "DTEND is exclusive, after DTSTART")
                XCTAssertEqual(value("DTSTAMP"), "20270101T000000Z")
                XCTAssertEqual(value("SEQUENCE"), "0")
                for prop in ["SUMMARY", "LOCATION", "DESCRIPTION"] { XCTAssertNotNil(value(prop), prop) }
                allUIDs.append(try XCTUnwrap(value("UID")))
            }
        }
        XCTAssertEqual(Set(allUIDs).count, allUIDs.count, "UIDs unique")
        // Regenerating gives the same UIDs (and bytes).
        XCTAssertEqual(ICalendar.render(PlanFixture.document).map(\.text), calendars.map(\.text))
        // 3 trips: T01 has 3 travel days and 2 stays, T02 and T03 2 travel days and 1 stay each.
        XCTAssertEqual(allUIDs.count, 5 + 3 + 3)
    }

    func testTextIsEscaped() {
        let text = calendars[1].text
        let lines = unfolded(text)
        // m2's name has `\` and `;`; op C's code a comma and quotes; its city a backslash.
        XCTAssertTrue(
            lines.contains { $0.hasPrefix("X-WR-CALNAME:") && $0.contains("=José Ñúñez\\\\Desk\\; SUM(A1) (MM\\,2\\;ß)") },
            lines.first { $0.hasPrefix("X-WR-CALNAME") } ?? "")
        XCTAssertTrue(lines.contains("SUMMARY:OP\\,\"Q\" assessment visit (T02)"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("LOCATION:Opération \"Québec\"\\; Ñ\\, Port\\\\Town\\, Haïti") })
        // No unescaped `,` or `;` in TEXT values, and newlines only as `\n`.
        for line in lines where ["SUMMARY:", "LOCATION:", "DESCRIPTION:", "X-WR-CALNAME:"].contains(where: line.hasPrefix) {
            let value = line[line.index(after: line.firstIndex(of: ":")!)...]
            var escaped = false
            for ch in value {
                if escaped { XCTAssertTrue("\\;,nN".contains(ch), "bad escape \\\(ch) in \(line)"); escaped = false; continue }
                if ch == "\\" { escaped = true; continue }
                XCTAssertFalse(ch == ";" || ch == ",", "unescaped \(ch) in \(line)")
            }
            XCTAssertFalse(escaped, "dangling backslash in \(line)")
        }
    }

    /// A re-plan over the same folder: the trip that moved keeps its UIDs with SEQUENCE 1 and a
    /// DTSTAMP one minute later; the unchanged trip keeps SEQUENCE 0; the dropped trip's events
    /// come back cancelled; and writing the same plan over that folder again gives the same bytes.
    func testReimportUpdatesMovedEventsAndCancelsDroppedOnes() throws {
        // Legs with their instants, as plans have them since journeys have times.
        var before = PlanFixture.document
        before.trips = before.trips.map { t in
            var timed = t
            timed.legs = t.legs.map { l in
                var leg = l
                leg.departUTC = l.date.basic + "T220000Z"
                leg.arriveUTC = (l.date + 1).basic + "T100000Z"
                return leg
            }
            return timed
        }
        var after = before
        // T01 (manager 1) departs a week later; T03 is dropped; T02 stays as it was.
        after.trips = before.trips.filter { $0.id != "T03" }.map { t in
            guard t.id == "T01" else { return t }
            var moved = t
            moved.depart = t.depart + 7
            moved.return = t.return + 7
            moved.stops = t.stops.map {
                var s = $0; s.arrive = s.arrive + 7; s.leave = s.leave + 7; return s
            }
            moved.legs = t.legs.map { l in
                var leg = l
                leg.date = l.date + 7
                leg.departUTC = leg.date.basic + "T220000Z"
                leg.arriveUTC = (leg.date + 1).basic + "T100000Z"
                return leg
            }
            return moved
        }
        let first = ICalendar.render(before)
        let previous = Dictionary(uniqueKeysWithValues: first.map { ($0.fileName, $0.text) })
        let second = ICalendar.render(after, previous: previous)

        func events(_ text: String) -> [String: [String]] {
            var out: [String: [String]] = [:]
            for block in unfolded(text).split(separator: "BEGIN:VEVENT").dropFirst() {
                let lines = Array(block.prefix { $0 != "END:VEVENT" })
                out[lines.first { $0.hasPrefix("UID:") }!] = lines
            }
            return out
        }
        let old = first.reduce(into: [String: [String]]()) { $0.merge(events($1.text)) { a, _ in a } }
        let new = second.reduce(into: [String: [String]]()) { $0.merge(events($1.text)) { a, _ in a } }
        XCTAssertEqual(Set(new.keys), Set(old.keys), "every earlier event is still there, under its UID")
        for (uid, lines) in new {
            let summary = lines.first { $0.hasPrefix("SUMMARY:") } ?? ""
            let oldLines = try XCTUnwrap(old[uid])
            if summary.contains("T03") {
                XCTAssertTrue(lines.contains("STATUS:CANCELLED"), summary)
                XCTAssertTrue(lines.contains("SEQUENCE:1"), summary)
            } else if summary.contains("T01") {
                XCTAssertFalse(lines.contains("STATUS:CANCELLED"), summary)
                XCTAssertTrue(lines.contains("SEQUENCE:1"), summary)
                XCTAssertTrue(lines.contains("DTSTAMP:20270101T000100Z"), summary)
                XCTAssertNotEqual(lines.first { $0.hasPrefix("DTSTART") }, oldLines.first { $0.hasPrefix("DTSTART") })
            } else {
                XCTAssertEqual(lines, oldLines, summary)
                XCTAssertTrue(lines.contains("SEQUENCE:0"), summary)
            }
        }
        // Same plan, same folder: same bytes (nothing depends on the clock).
        let again = ICalendar.render(after, previous: Dictionary(uniqueKeysWithValues: second.map { ($0.fileName, $0.text) }))
        XCTAssertEqual(again.map(\.text), second.map(\.text))
        XCTAssertEqual(again.map(\.fileName), second.map(\.fileName))
    }

    func testFoldingKeepsScalarsAndEscapesWhole() {
        let long = "DESCRIPTION:" + String(repeating: "é", count: 40) + Escape.icsText(",;\\") + String(repeating: "→", count: 30)
        let folded = Escape.icsFold(long)
        for line in folded.components(separatedBy: "\r\n") { XCTAssertLessThanOrEqual(line.utf8.count, 75) }
        XCTAssertEqual(folded.replacingOccurrences(of: "\r\n ", with: ""), long)
        XCTAssertFalse(folded.contains("\\\r\n "), "an escape pair is never split")
    }

    // MARK: - Helpers

    private func physicalLines(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    private func unfolded(_ text: String) -> [String] {
        physicalLines(text.replacingOccurrences(of: "\r\n ", with: ""))
    }

    private func basicDay(_ s: String) -> Day? {
        guard s.count == 8, let y = Int(s.prefix(4)), let m = Int(s.dropFirst(4).prefix(2)), let d = Int(s.suffix(2)) else { return nil }
        return Day(year: y, month: m, day: d)
    }
}
