import Foundation
import VisitPlannerCore

/// Figures as files other than the human-readable tables print them.
enum Figures {
    /// An amount rounded to the cent, as Money (exact, from Decimal, never Double).
    static func money(_ amount: Decimal) -> Money {
        var cents = amount * 100
        var rounded = Decimal()
        NSDecimalRound(&rounded, &cents, 0, .plain)
        return Money(cents: Int64(truncating: rounded as NSNumber))
    }

    /// `1234.56`: an amount as CSV and spreadsheets read it.
    static func amount(_ amount: Decimal) -> String { money(amount).plain }

    /// A Decimal such as flight hours or assessment value, as plain text (`19.5`).
    static func number(_ value: Decimal) -> String {
        var v = value
        var r = Decimal()
        NSDecimalRound(&r, &v, 6, .plain)
        return "\(r)"
    }

    /// `88.4%`: `amount` as a share of `total`, to a tenth of a percent.
    static func share(_ amount: Decimal, of total: Decimal) -> String {
        var v = amount / total
        var r = Decimal()
        NSDecimalRound(&r, &v, 3, .plain)
        return percent(r)
    }
}
