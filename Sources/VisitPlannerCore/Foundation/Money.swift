import Foundation

/// An exact amount of US dollars, held as integer cents.
///
/// Money never passes through `Double`: amounts are parsed from text into cents, summed as
/// integers, and printed from cents, so the budget table adds up to the cent in every output.
public struct Money: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// The amount in cents. Negative amounts only arise from differences (e.g. remaining budget).
    public var cents: Int64

    public init(cents: Int64) { self.cents = cents }

    /// Whole dollars, for literals in code and tests.
    public init(dollars: Int64) { self.cents = dollars * 100 }

    public static let zero = Money(cents: 0)

    public static func < (a: Money, b: Money) -> Bool { a.cents < b.cents }
    public static func + (a: Money, b: Money) -> Money { Money(cents: a.cents + b.cents) }
    public static func - (a: Money, b: Money) -> Money { Money(cents: a.cents - b.cents) }
    public static func += (a: inout Money, b: Money) { a.cents += b.cents }
    public static func * (a: Money, n: Int) -> Money { Money(cents: a.cents * Int64(n)) }

    /// Dollars as a `Double`, only for handing a coefficient to the solver or drawing a chart.
    public var dollarsApproximate: Double { Double(cents) / 100 }

    /// `$126,560.00`, the form every report uses.
    public var description: String { formatted() }

    /// Formats as `$1,234.56`; negative amounts as `-$1,234.56`.
    public func formatted(symbol: Bool = true, grouping: Bool = true) -> String {
        let negative = cents < 0
        let magnitude = cents.magnitude
        let whole = magnitude / 100
        let fraction = magnitude % 100
        var digits = String(whole)
        if grouping {
            var grouped = ""
            for (i, ch) in digits.reversed().enumerated() {
                if i > 0 && i % 3 == 0 { grouped.append(",") }
                grouped.append(ch)
            }
            digits = String(grouped.reversed())
        }
        let fractionText = fraction < 10 ? "0\(fraction)" : "\(fraction)"
        return (negative ? "-" : "") + (symbol ? "$" : "") + digits + "." + fractionText
    }

    /// Plain decimal text without symbol or grouping (`1234.56`), for CSV and JSON.
    public var plain: String { formatted(symbol: false, grouping: false) }

    /// Parses spreadsheet-style dollar amounts: `1234`, `1234.5`, `1,234.56`, `$1,234.56`.
    ///
    /// Returns nil for anything else: more than two decimals, misplaced grouping commas,
    /// a sign, exponents, or amounts beyond a trillion dollars.
    public init?(parsing text: String) {
        var s = Substring(text.trimmingWhitespace())
        if s.hasPrefix("$") { s = s.dropFirst() }
        guard !s.isEmpty else { return nil }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2 else { return nil }
        let wholeText = parts[0]
        guard !wholeText.isEmpty else { return nil }
        // Grouping commas must be in groups of three.
        let groups = wholeText.split(separator: ",", omittingEmptySubsequences: false)
        if groups.count > 1 {
            guard let first = groups.first, (1...3).contains(first.count),
                groups.dropFirst().allSatisfy({ $0.count == 3 })
            else { return nil }
        }
        let wholeDigits = groups.joined()
        guard wholeDigits.allSatisfy({ $0.isASCII && $0.isNumber }), wholeDigits.count <= 13 else { return nil }
        var fractionCents: Int64 = 0
        if parts.count == 2 {
            let f = parts[1]
            guard (1...2).contains(f.count), f.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            fractionCents = Int64(f)! * (f.count == 1 ? 10 : 1)
        }
        guard let whole = Int64(wholeDigits) else { return nil }
        self.cents = whole * 100 + fractionCents
    }
}

/// A non-negative rate such as the 13% programme support cost, exact to a millionth.
public struct Rate: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The rate in millionths: 13% is 130_000.
    public var millionths: Int64

    public init(millionths: Int64) { self.millionths = millionths }

    /// Parses `13%`, `13.5%`, `0.13`.
    public init?(parsing text: String) {
        var s = text.trimmingWhitespace()
        var scale: Int64 = 1_000_000
        if s.hasSuffix("%") {
            s = String(s.dropLast()).trimmingWhitespace()
            scale = 10_000
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            parts[0].count <= 6
        else { return nil }
        let whole = Int64(parts[0])!
        var value = whole * scale
        if parts.count == 2 {
            let frac = parts[1]
            guard !frac.isEmpty else { return nil }
            // Digits beyond what a millionth can hold would be silently lost: refuse them.
            var unit = scale
            for ch in frac {
                unit /= 10
                let digit = Int64(String(ch))!
                if unit == 0 { if digit != 0 { return nil } else { continue } }
                value += digit * unit
            }
        }
        self.millionths = value
    }

    /// `13%`, or `13.5%`.
    public var description: String {
        let hundredths = millionths / 100
        let rest = millionths % 100
        var text = String(hundredths / 100)
        let frac = hundredths % 100
        if frac != 0 || rest != 0 {
            var digits = String(format: "%02d", Int(frac))
            if rest != 0 { digits += String(format: "%02d", Int(rest)) }
            while digits.hasSuffix("0") { digits.removeLast() }
            text += "." + digits
        }
        return text + "%"
    }

    /// The rate as a decimal fraction, e.g. 0.13, for JSON.
    public var fraction: Double { Double(millionths) / 1_000_000 }

    /// `amount × rate`, rounded half up to the cent.
    public func apply(to amount: Money) -> Money {
        // Full width: cents × millionths overflows 64 bits from about $92 billion at 100%.
        let (q, r) = Int64(1_000_000).dividingFullWidth(amount.cents.multipliedFullWidth(by: millionths))
        return Money(cents: q + (r * 2 >= 1_000_000 ? 1 : 0))
    }
}

/// The envelope split into travel and programme support costs.
public struct BudgetSplit: Sendable, Equatable {
    public var envelope: Money
    public var pscRate: Rate
    /// The largest travel spend whose PSC, added on top, stays within the envelope.
    public var travelCap: Money

    public init(envelope: Money, pscRate: Rate) {
        self.envelope = envelope
        self.pscRate = pscRate
        // Start from ⌊E / (1 + r)⌋ (computed full width, as E × 10⁶ overflows 64 bits for
        // large envelopes), then adjust by the PSC's rounding: up while one more cent still
        // fits (PSC rounded down), down while the total is over (PSC rounded up).
        let fits = { (t: Money) in t + pscRate.apply(to: t) <= envelope }
        let scaled = envelope.cents.multipliedFullWidth(by: 1_000_000)
        var cap = Money(cents: (1_000_000 + pscRate.millionths).dividingFullWidth(scaled).quotient)
        while fits(cap + Money(cents: 1)) { cap.cents += 1 }
        while cap.cents > 0 && !fits(cap) { cap.cents -= 1 }
        self.travelCap = cap
    }

    /// PSC charged on a travel spend.
    public func psc(on travel: Money) -> Money { pscRate.apply(to: travel) }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let f = scalars.first, f.isWhitespace { scalars.removeFirst() }
        while let l = scalars.last, l.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
