import Foundation

/// A calendar day, counted in days since 1970-01-01 (proleptic Gregorian, no time zone).
///
/// Planning happens in whole days; a time-zone-free day number keeps date arithmetic exact
/// and the plan identical on every machine, whatever its locale or zone.
public struct Day: Hashable, Comparable, Strideable, Sendable, Codable, CustomStringConvertible {
    public var number: Int

    public init(number: Int) { self.number = number }

    /// The calendar day (UTC) of a moment, e.g. today: `Day(date: Date())`.
    public init(date: Date) { self.number = Int((date.timeIntervalSince1970 / 86_400).rounded(.down)) }

    /// A day from year, month (1–12) and day of month; nil if no such date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysIn(month: month, year: year)).contains(day)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.number = era * 146097 + doe - 719468
    }

    /// Parses `YYYY-MM-DD` strictly (no times, no other separators).
    public init?(iso text: String) {
        let t = text.trimmingWhitespace()
        let parts = t.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2])
        else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = number + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let y = yoe + era * 400
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (m <= 2 ? y + 1 : y, m, d)
    }

    public var year: Int { components.year }
    public var month: Int { components.month }

    /// `2027-03-15`.
    public var iso: String {
        let c = components
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// `20270315`, as iCalendar dates are written.
    public var basic: String {
        let c = components
        return String(format: "%04d%02d%02d", c.year, c.month, c.day)
    }

    public var description: String { iso }

    /// 0 = Monday … 6 = Sunday.
    public var weekday: Int { ((number % 7) + 7 + 3) % 7 }

    public static func < (a: Day, b: Day) -> Bool { a.number < b.number }
    public func distance(to other: Day) -> Int { other.number - number }
    public func advanced(by n: Int) -> Day { Day(number: number + n) }
    public static func + (d: Day, n: Int) -> Day { Day(number: d.number + n) }
    public static func - (d: Day, n: Int) -> Day { Day(number: d.number - n) }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    /// `15 Mar 2027`, for people.
    public var readable: String {
        let c = components
        return "\(c.day) \(Day.monthNames[c.month - 1].prefix(3)) \(c.year)"
    }

    /// Reads what `readable` writes (`8 Mar 2027`); nil for anything else.
    public init?(readable text: String) {
        let parts = text.split(separator: " ")
        guard parts.count == 3, let day = Int(parts[0]), let year = Int(parts[2]),
            let month = Day.monthNames.firstIndex(where: { $0.prefix(3) == parts[1] })
        else { return nil }
        self.init(iso: String(format: "%04d-%02d-%02d", year, month + 1, day))
    }

    // Codable as the ISO string, so plan.json stays readable.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected YYYY-MM-DD, found \(text)")
        }
        self = day
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}

/// An inclusive range of days.
public struct DayRange: Hashable, Sendable, Codable, CustomStringConvertible {
    public var first: Day
    public var last: Day

    public init(_ first: Day, _ last: Day) { self.first = first; self.last = last }

    public var count: Int { max(0, last.number - first.number + 1) }
    public func contains(_ d: Day) -> Bool { d >= first && d <= last }
    public func contains(_ r: DayRange) -> Bool { r.first >= first && r.last <= last }
    public func overlaps(_ r: DayRange) -> Bool { r.first <= last && r.last >= first }
    public var description: String { "\(first.iso) – \(last.iso)" }
}
