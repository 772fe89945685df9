import Foundation
import VisitPlannerCore

/// Figures as files other than the human-readable tables print them.
package enum Figures {
    /// An amount rounded to the cent, as Money (exact, from Decimal, never Double).
    package static func money(_ amount: Decimal) -> Money {
        var cents = amount * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cents, 0, .plain)
        return Money(cents: Int64(truncating: rounded as NSNumber))
    }

    /// `1234.56`: an amount as CSV and spreadsheets read it.
    package static func amount(_ amount: Decimal) -> String { money(amount).plain }

    /// A Decimal such as flight hours or assessment value, as plain text (`19.5`).
    package static func number(_ value: Decimal) -> String {
        var v = value
        var r = Decimal()
        NSDecimalRound(&r, &v, 6, .plain)
        return "\(r)"
    }

    /// `88.4%`: `amount` as a share of `total`, to a tenth of a percent.
    package static func share(_ amount: Decimal, of total: Decimal) -> String {
        var v = amount / total
        var r = Decimal()
        NSDecimalRound(&r, &v, 3, .plain)
        return percent(r)
    }
}

/// `$12,345.60` from a Decimal amount of dollars.
public func dollars(_ amount: Decimal) -> String { Figures.money(amount).description }

/// `13%` from a fraction such as 0.13.
public func percent(_ fraction: Decimal) -> String {
    var p = fraction * 100
    var r = Decimal()
    NSDecimalRound(&r, &p, 2, .plain)
    return "\(r)%"
}
