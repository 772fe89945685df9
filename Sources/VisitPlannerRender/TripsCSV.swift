import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// `trips.csv`: every amount of the plan as one spreadsheet row, so a planner can filter,
/// pivot and book from it, and its `amount` column sums to the budget table's planned travel.
///
/// One row per flight (`airfare`), per stay (`dsa`), per trip's terminal expenses
/// (`terminal`) and per stay with an access fare (`access`). Written with `CSVWriter`
/// (byte-order mark, CRLF, RFC 4180, formula guard); amounts as plain `1234.56`; dates as
/// `YYYY-MM-DD`.
public enum TripsCSV {
    public static let columns = [
        "trip", "manager", "manager_name", "category", "date", "end_date", "from", "to", "class",
        "hours", "operation", "place", "nights", "rate", "amount",
    ]

    public static func render(_ doc: PlanDocument) -> String {
        let index = PlanIndex(doc)
        var csv = CSVWriter(header: columns)
        for trip in index.trips {
            let manager: [CSVWriter.Cell] = [.text(trip.id), .text(trip.manager), .text(index.managerName(trip.manager))]
            func row(
                _ category: String, date: Day, end: Day? = nil, from: String = "", to: String = "", travelClass: String = "",
                hours: String = "", operation: String = "", place: String = "", nights: String = "", rate: String = "",
                amount: Decimal
            ) {
                csv.add(
                    manager + [.text(category), .text(date.iso), .text(end?.iso ?? "")]
                        + [.text(from), .text(to), .text(travelClass), .number(hours)]
                        + [.text(operation), .text(place), .number(nights), .number(rate), .amount(amount)])
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
        return csv.text
    }
}
