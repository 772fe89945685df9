import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// `calendar/<manager>.ics`: an iCalendar file (RFC 5545) per traveller that Outlook, Google
/// Calendar and Apple Calendar import.
///
/// One all-day event per stay (arrival day through the last night) and one per travel day.
/// Nothing depends on the clock: DTSTAMP is the horizon's first day at midnight UTC, and each
/// UID is a hash of plan, manager, trip, event kind and date, so regenerating an unchanged
/// plan gives the same bytes and a re-import updates events instead of duplicating them.
public enum ICalendar {
    /// - Returns: file name (already safe, e.g. `DO-CAF.ics`) and text, in manager order.
    public static func render(_ doc: PlanDocument) -> [(fileName: String, text: String)] {
        let index = PlanIndex(doc)
        return index.travellers.map { id in (index.fileStems[id]! + ".ics", render(index, manager: id)) }
    }

    static func render(_ index: PlanIndex, manager id: String) -> String {
        let doc = index.document
        let stamp = doc.horizon.start.basic + "T000000Z"
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//UN Police Division//VisitPlanner//EN",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + Escape.icsText("Assessment visits — \(index.managerLabel(id))"),
        ]
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
                let key = [doc.name, id, trip.id, kind, day.iso].joined(separator: "\u{1F}")
                lines += [
                    "BEGIN:VEVENT",
                    "UID:\(uid(key))@visitplanner",
                    "DTSTAMP:\(stamp)",
                    "DTSTART;VALUE=DATE:\(day.basic)",
                    "DTEND;VALUE=DATE:\(end.basic)",
                    "SUMMARY:" + Escape.icsText(summary),
                    "LOCATION:" + Escape.icsText(location),
                    "DESCRIPTION:" + Escape.icsText(lines: about),
                    "TRANSP:OPAQUE",
                    "END:VEVENT",
                ]
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
                        kind: "travel", day: day, end: day + 1, summary: "Travel \(route) (\(trip.id))",
                        location: flights.map(\.from).first ?? "")
                }
            }
            for leg in trip.legs {
                guard let start = leg.departUTC, let end = leg.arriveUTC else { continue }
                let key = [doc.name, id, trip.id, "leg-\(leg.from)-\(leg.to)", leg.date.iso].joined(separator: "\u{1F}")
                lines += [
                    "BEGIN:VEVENT",
                    "UID:\(uid(key))@visitplanner",
                    "DTSTAMP:\(stamp)",
                    "DTSTART:\(start)",
                    "DTEND:\(end)",
                    "SUMMARY:" + Escape.icsText("Flight \(leg.from) → \(leg.to) (\(trip.id))"),
                    "LOCATION:" + Escape.icsText(leg.from),
                    "DESCRIPTION:" + Escape.icsText(lines: ["Leaves \(ICalendar.local(leg)); lands \(ICalendar.landing(leg))."] + about),
                    "TRANSP:OPAQUE",
                    "END:VEVENT",
                ]
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
        lines.append("END:VCALENDAR")
        return lines.map(Escape.icsFold).map { $0 + "\r\n" }.joined()
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
