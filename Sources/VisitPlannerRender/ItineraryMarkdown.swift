import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// `itineraries/<manager>.md`: one traveller's trips in order, with what to book.
public enum ItineraryMarkdown {
    /// The itineraries of every manager who travels.
    ///
    /// - Returns: file name (already safe, e.g. `DO-CAF.md`) and text, in manager order.
    public static func render(_ doc: PlanDocument) -> [(fileName: String, text: String)] {
        let index = PlanIndex(doc)
        return index.travellers.map { id in (index.fileStems[id]! + ".md", render(index, manager: id)) }
    }

    static func render(_ index: PlanIndex, manager id: String) -> String {
        let trips = index.trips(of: id)
        var md = MarkdownWriter()
        md.heading(1, "Itinerary — \(index.managerLabel(id))")
        var facts = ["Plan: \(index.document.name)"]
        if let home = index.managers[id]?.home { facts.append("Home airport: \(home)") }
        let days = trips.reduce(0) { $0 + $1.days }
        let total = trips.reduce(Decimal(0)) { $0 + $1.cost.total }
        facts.append("\(trips.count) trip\(trips.count == 1 ? "" : "s"), \(days) days away, \(dollars(total)) in total")
        for f in facts { md.bullet(f) }
        md.blank()

        for trip in trips {
            md.heading(2, "Trip \(trip.id): \(PlanIndex.longDate(trip.depart)) to \(PlanIndex.longDate(trip.return))")
            md.paragraph("\(trip.days) days away · \(PlanIndex.stopCodes(trip))")

            md.heading(3, "Flights")
            if trip.legs.isEmpty {
                md.paragraph("No flights.")
            } else {
                var legs = ReportTable([
                    ("Date", false), ("From", false), ("To", false), ("Leaves (local)", false), ("Lands (local)", false),
                    ("Class", false), ("Hours", true), ("Fare", true),
                ])
                for l in trip.legs {
                    let leaves = l.departTime.map { "\($0) \(l.fromZone ?? "UTC")" } ?? ""
                    let lands = l.arriveDate.map { "\(PlanIndex.longDate($0)) \(l.arriveTime ?? "") \(l.toZone ?? "UTC")" } ?? ""
                    legs.add([
                        PlanIndex.longDate(l.date), l.from, l.to, leaves, lands, l.class.rawValue, Figures.number(l.hours), dollars(l.fare),
                    ])
                }
                md.table(legs)
            }

            md.heading(3, "Stays")
            var stays = ReportTable([
                ("Operation", false), ("Place", false), ("Arrival", false), ("Departure", false),
                ("Nights", true), ("DSA rate", true), ("DSA", true),
            ])
            for s in trip.stops {
                stays.add([
                    s.operation + (s.preferredWindow ? " *" : ""), index.place(s.operation), PlanIndex.longDate(s.arrive),
                    PlanIndex.longDate(s.leave), "\(s.nights)", dollars(s.dsaRate), dollars(s.dsa),
                ])
            }
            md.table(stays)
            if trip.stops.contains(where: \.preferredWindow) {
                md.paragraph("* inside one of the operation's preferred windows.")
            }

            md.heading(3, "Cost")
            var cost = ReportTable([("Item", false), ("Amount", true)])
            cost.add(["Airfare", dollars(trip.cost.airfare)])
            cost.add(["DSA", dollars(trip.cost.dsa)])
            cost.add(["Terminal expenses (\(2 * trip.legs.count) airport transfers)", dollars(trip.cost.terminal)])
            cost.add(["Access fares", dollars(trip.cost.access)])
            cost.add(["Trip total", dollars(trip.cost.total)], emphasized: true)
            md.table(cost)
        }
        return md.text
    }
}
