import Foundation
import VisitPlannerCore

/// `trips.csv`: every amount of the plan as one spreadsheet row, so a planner can filter,
/// pivot and book from it, and its `amount` column sums to the budget table's planned travel.
///
/// One row per flight (`airfare`), per stay (`dsa`), per trip's terminal expenses
/// (`terminal`) and per stay with an access fare (`access`). RFC 4180: CRLF line ends,
/// fields quoted where needed; UTF-8 with a byte-order mark so Excel shows accents; amounts
/// as plain `1234.56`; dates as `YYYY-MM-DD`.
public enum TripsCSV {
    public static let columns = [
        "trip", "manager", "manager_name", "category", "date", "end_date", "from", "to", "class",
        "hours", "operation", "place", "nights", "rate", "amount",
    ]

    public static func render(_ doc: PlanDocument) -> String {
        let index = PlanIndex(doc)
        var rows: [[String]] = [columns.map(Escape.csv)]
        for trip in index.trips {
            let manager = [trip.id, trip.manager, index.managerName(trip.manager)].map(Escape.csv)
            func row(
                _ category: String, date: Day, end: Day? = nil, from: String = "", to: String = "", travelClass: String = "",
                hours: String = "", operation: String = "", place: String = "", nights: String = "", rate: String = "",
                amount: Decimal
            ) {
                rows.append(
                    manager + [category, date.iso, end?.iso ?? ""].map(Escape.csv)
                        + [from, to, travelClass].map(Escape.csv) + [hours]
                        + [operation, place].map(Escape.csv) + [nights, rate, Figures.amount(amount)])
            }
            for leg in trip.legs {
                row(
                    "airfare", date: leg.date, from: leg.from, to: leg.to, travelClass: leg.class.rawValue,
                    hours: Figures.number(leg.hours), amount: leg.fare)
            }
            for stop in trip.stops {
                row(
                    "dsa", date: stop.arrive, end: stop.leave, operation: stop.operation, place: index.place(stop.operation),
                    nights: "\(stop.nights)", rate: Figures.amount(stop.dsaRate), amount: stop.dsa)
            }
            if trip.cost.terminal != 0 {
                row(
                    "terminal", date: trip.depart, end: trip.return, place: "\(2 * trip.legs.count) airport transfers",
                    amount: trip.cost.terminal)
            }
            for stop in trip.stops where stop.access != 0 {
                row("access", date: stop.arrive, operation: stop.operation, place: index.place(stop.operation), amount: stop.access)
            }
        }
        return "\u{FEFF}" + rows.map { $0.joined(separator: ",") + "\r\n" }.joined()
    }
}
