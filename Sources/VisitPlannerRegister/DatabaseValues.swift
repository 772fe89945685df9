import Foundation
import GRDB
import VisitPlannerCore

// How Core's exact types are stored, so that no amount or date passes through text parsing or
// binary fractions: money as integer cents, days as `YYYY-MM-DD` text (sorts as dates),
// rates as integer millionths.

extension Money: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { cents.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Money? {
        guard case .int64(let cents) = dbValue.storage else { return nil }
        return Money(cents: cents)
    }
}

extension Day: DatabaseValueConvertible {
    public var databaseValue: DatabaseValue { iso.databaseValue }

    public static func fromDatabaseValue(_ dbValue: DatabaseValue) -> Day? {
        guard case .string(let text) = dbValue.storage else { return nil }
        return Day(iso: text)
    }
}

extension TripStatus: DatabaseValueConvertible {}

extension Money {
    /// An exact decimal amount of dollars (as plan.json carries them) in cents; nil when it has
    /// more than two decimals or is out of range.
    init?(exactly amount: Decimal) {
        let cents = amount * 100
        var rounded = Decimal()
        var c = cents
        NSDecimalRound(&rounded, &c, 0, .plain)
        guard rounded == cents, let value = Int64(exactly: NSDecimalNumber(decimal: rounded).int64Value),
            Decimal(value) == rounded
        else { return nil }
        self.init(cents: value)
    }
}
