import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// `calendar/<manager>.ics`: an iCalendar file (RFC 5545) per traveller that Outlook, Google
/// Calendar and Apple Calendar import.
///
/// One all-day event per stay (arrival day through the last night) and one timed event per leg.
/// Each UID is a hash of manager, trip id and event kind (never of a date), so a trip whose
/// dates move keeps its events, and a re-import updates them instead of duplicating them.
/// Updating in place (RFC 5546): when the folder already holds a calendar, an event whose
/// content changed gets `SEQUENCE` one higher and a `DTSTAMP` that moves with it, an unchanged
/// one keeps both, and an event of a trip dropped since then is written again with
/// `STATUS:CANCELLED`. Nothing depends on the clock: `DTSTAMP` is the horizon's first day at
/// midnight UTC plus `SEQUENCE` minutes, so the same plan over the same folder gives the same bytes.
public enum ICalendar {
    /// - Parameter previous: the calendars the folder holds now, by file name (their text).
    /// - Returns: file name (already safe, e.g. `DO-CAF.ics`) and text, in manager order, then
    ///   earlier calendars of managers who no longer travel (their events cancelled).
    public static func render(_ doc: PlanDocument, previous: [String: String] = [:]) -> [(fileName: String, text: String)] {
        let index = PlanIndex(doc)
        var out: [(fileName: String, text: String)] = index.travellers.map { id in
            let file = index.fileStems[id]! + ".ics"
            return (file, render(index, manager: id, previous: previous[file].map(parse) ?? []))
        }
        let written = Set(out.map(\.fileName))
        for file in previous.keys.sorted() where !written.contains(file) {
            let old = parse(previous[file]!)
            guard !old.isEmpty else { continue }
            let name = String(file.dropLast(4))
            out.append((file, calendar(name: "Assessment visits — \(name)", events: [], previous: old, doc: doc)))
        }
        return out
    }

    /// One event as written: its UID and its properties other than UID, DTSTAMP, SEQUENCE and
    /// STATUS (unfolded, already escaped).
    struct Event: Equatable {
        var uid: String
        var body: [String]
        var sequence = 0
        var cancelled = false
    }

    static func render(_ index: PlanIndex, manager id: String, previous: [Event] = []) -> String {
        var events: [Event] = []
        let doc = index.document
        for trip in index.trips(of: id) {
            let legs = trip.legs.map {
                "\(ICalendar.local($0)): \($0.from) → \($0.to), \($0.class.rawValue), \(Figures.number($0.hours)) h"
            }
            let about =
                [
                    "Trip \(trip.id) of plan \(doc.name): \(trip.depart.readable) to \(trip.return.readable), \(trip.days) days away.",
                    "Flights:",
                ] + legs.map { "- " + $0 }
            func event(kind: String, day: Day, end: Day, summary: String, location: String) {
                let key = [id, trip.id, kind].joined(separator: "\u{1F}")
                events.append(
                    Event(
                        uid: "\(uid(key))@visitplanner",
                        body: [
                            "DTSTART;VALUE=DATE:\(day.basic)",
                            "DTEND;VALUE=DATE:\(end.basic)",
                            "SUMMARY:" + Escape.icsText(summary),
                            "LOCATION:" + Escape.icsText(location),
                            "DESCRIPTION:" + Escape.icsText(lines: about),
                            "TRANSP:OPAQUE",
                        ]))
            }
            // Each leg a timed event in UTC (local times and zones in the description). A plan
            // written before journeys had times keeps its all-day travel events (same UIDs).
            if trip.legs.contains(where: { $0.departUTC == nil || $0.arriveUTC == nil }) {
                var days: [Day] = []
                for leg in trip.legs where !days.contains(leg.date) { days.append(leg.date) }
                for day in days {
                    let flights = trip.legs.filter { $0.date == day }
                    let route = ([flights[0].from] + flights.map(\.to)).joined(separator: " → ")
                    event(
                        kind: "travel-\(day.iso)", day: day, end: day + 1, summary: "Travel \(route) (\(trip.id))",
                        location: flights.map(\.from).first ?? "")
                }
            }
            for (k, leg) in trip.legs.enumerated() {
                guard let start = leg.departUTC, let end = leg.arriveUTC else { continue }
                // The k-th leg of a trip: same manager and operations, same legs, whatever the dates.
                let key = [id, trip.id, "leg-\(k)-\(leg.from)-\(leg.to)"].joined(separator: "\u{1F}")
                events.append(
                    Event(
                        uid: "\(uid(key))@visitplanner",
                        body: [
                            "DTSTART:\(start)",
                            "DTEND:\(end)",
                            "SUMMARY:" + Escape.icsText("Flight \(leg.from) → \(leg.to) (\(trip.id))"),
                            "LOCATION:" + Escape.icsText(leg.from),
                            "DESCRIPTION:"
                                + Escape.icsText(lines: ["Leaves \(ICalendar.local(leg)); lands \(ICalendar.landing(leg))."] + about),
                            "TRANSP:OPAQUE",
                        ]))
            }
            for stop in trip.stops {
                let place = index.place(stop.operation)
                let name = index.operationName(stop.operation)
                event(
                    kind: "stay-\(stop.operation)", day: stop.arrive, end: max(stop.leave, stop.arrive + 1),
                    summary: "\(stop.operation) assessment visit (\(trip.id))",
                    location: [name, place].filter { !$0.isEmpty }.joined(separator: ", "))
            }
        }
        return calendar(name: "Assessment visits — \(index.managerLabel(id))", events: events, previous: previous, doc: doc)
    }

    /// The calendar text: `events` numbered against `previous` (see the type's comment), then
    /// every earlier event no longer in the plan, cancelled.
    static func calendar(name: String, events: [Event], previous: [Event], doc: PlanDocument) -> String {
        let before = Dictionary(previous.map { ($0.uid, $0) }, uniquingKeysWith: { first, _ in first })
        var all: [Event] = events.map { e in
            var e = e
            if let old = before[e.uid] {
                e.sequence = old.cancelled || old.body != e.body ? old.sequence + 1 : old.sequence
            }
            return e
        }
        let now = Set(events.map(\.uid))
        var seen: Set<String> = []
        for old in previous where !now.contains(old.uid) && seen.insert(old.uid).inserted {
            var gone = old
            if !old.cancelled { gone.sequence += 1 }
            gone.cancelled = true
            all.append(gone)
        }
        let base = doc.horizon.start.number * 1440
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//UN Police Division//VisitPlanner//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Escape.icsText(name),
        ]
        for e in all {
            lines += ["BEGIN:VEVENT", "UID:\(e.uid)", "DTSTAMP:\(PlanDocument.Leg.utcStamp(base + e.sequence))", "SEQUENCE:\(e.sequence)"]
            if e.cancelled { lines.append("STATUS:CANCELLED") }
            lines += e.body + ["END:VEVENT"]
        }
        lines.append("END:VCALENDAR")
        return lines.map(Escape.icsFold).map { $0 + "\r\n" }.joined()
    }

    /// Whether two calendars hold the same events that are not cancelled (UIDs and content),
    /// whatever their `SEQUENCE` and `DTSTAMP`: the same plan, however it was numbered.
    public static func sameLiveEvents(_ a: String, _ b: String) -> Bool {
        func live(_ text: String) -> [String: [String]] {
            Dictionary(parse(text).filter { !$0.cancelled }.map { ($0.uid, $0.body) }, uniquingKeysWith: { first, _ in first })
        }
        return live(a) == live(b)
    }

    /// Whether a calendar holds events, all cancelled (a manager with no trip left).
    public static func onlyCancelled(_ text: String) -> Bool {
        let events = parse(text)
        return !events.isEmpty && events.allSatisfy(\.cancelled)
    }

    /// The events of a calendar this program wrote (or a person edited): unfolded, one per
    /// VEVENT with a UID. Anything it does not understand is skipped, never a crash.
    static func parse(_ text: String) -> [Event] {
        var unfolded: [String] = []
        for raw in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false) {
            if let first = raw.first, first == " " || first == "\t", !unfolded.isEmpty {
                unfolded[unfolded.count - 1] += raw.dropFirst()
            } else {
                unfolded.append(String(raw))
            }
        }
        var events: [Event] = []
        var current: Event?
        for line in unfolded {
            if line == "BEGIN:VEVENT" {
                current = Event(uid: "", body: [])
            } else if line == "END:VEVENT" {
                if let e = current, !e.uid.isEmpty { events.append(e) }
                current = nil
            } else if current != nil {
                if line.hasPrefix("UID:") {
                    current!.uid = String(line.dropFirst(4))
                } else if line.hasPrefix("SEQUENCE:") {
                    current!.sequence = max(0, min(1_000_000, Int(line.dropFirst(9)) ?? 0))
                } else if line.hasPrefix("STATUS:") {
                    current!.cancelled = line == "STATUS:CANCELLED"
                } else if !line.hasPrefix("DTSTAMP:") {
                    current!.body.append(line)
                }
            }
        }
        return events
    }

    // MARK: - Local times

    /// `Fri 1 Jan 18:00 America/New_York`, or the day alone for a plan without times.
    static func local(_ leg: PlanDocument.Leg) -> String {
        guard let time = leg.departTime else { return leg.date.readable }
        return "\(leg.date.readable) \(time) \(leg.fromZone ?? "UTC")"
    }

    static func landing(_ leg: PlanDocument.Leg) -> String {
        guard let day = leg.arriveDate, let time = leg.arriveTime else { return leg.date.readable }
        return "\(day.readable) \(time) \(leg.toZone ?? "UTC")"
    }

    // MARK: - UIDs

    /// 64-bit FNV-1a of the key's UTF-8, twice with different seeds and mixed: a stable 32-hex-digit id.
    static func uid(_ key: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            var h = seed
            for byte in key.utf8 {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01B3
            }
            return h
        }
        // FNV-1a mixes the last bytes weakly: finish with MurmurHash3's fmix64 avalanche.
        func mix(_ x: UInt64) -> UInt64 {
            var k = x
            k ^= k >> 33; k = k &* 0xFF51_AFD7_ED55_8CCD
            k ^= k >> 33; k = k &* 0xC4CE_B9FE_1A85_EC53
            k ^= k >> 33
            return k
        }
        return hex(mix(fnv(0xCBF2_9CE4_8422_2325))) + hex(mix(fnv(0x8422_2325_CBF2_9CE4)))
    }

    private static func hex(_ x: UInt64) -> String {
        let s = String(x, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
