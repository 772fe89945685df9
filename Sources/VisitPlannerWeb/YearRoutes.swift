import Foundation
import Hummingbird
import VisitPlannerCore
import VisitPlannerRegister

// MARK: - Year at a glance

extension WebApp {
    /// Days of notice, beyond the register's request lead time, from which a planned trip is
    /// listed as "to request".
    static let requestNoticeDays = 7
    /// Days after return by which a travelled trip's report is expected.
    static let reportDueDays = 30

    func addYearRoutes(to router: Router<WebContext>) {
        router.get("/") { _, context in
            if let refused = self.refusal(.viewYear, target: "/", context: context) { return refused }
            return try self.yearPage(context: context)
        }
    }

    func yearPage(context: WebContext) throws -> Response {
        guard let user = context.user else { return Response.redirect(to: "/login") }
        var values: [String: Any] = ["canPlan": Permissions.allows(user.role, .runPlan)]
        let position: BudgetPosition
        do {
            position = try register.position()
        } catch RegisterError.noPlan {
            values["hasPlan"] = false
            return page("year", title: "Year at a glance", context: context, values: values, current: "/")
        }
        values["hasPlan"] = true
        values["planName"] = WebText.clean(position.plan)
        values["envelope"] = WebText.money(position.envelope.total)
        values["envelopeTravel"] = WebText.money(position.envelope.travel)
        values["envelopePsc"] = WebText.money(position.envelope.psc)
        let labels: [BudgetPosition.Category: String] = [
            .spent: "Spent (travelled)", .committed: "Committed (approved or booked)", .requested: "Requested",
            .planned: "Planned (not yet requested)",
        ]
        values["budgetRows"] = BudgetPosition.Category.allCases.map { c -> [String: Any] in
            let line = position.lines[c] ?? .zero
            return [
                "label": labels[c] ?? c.rawValue, "count": position.counts[c] ?? 0, "travel": WebText.money(line.travel),
                "psc": WebText.money(line.psc), "total": WebText.money(line.total),
            ]
        }
        values["forecastTravel"] = WebText.money(position.forecast.travel)
        values["forecastPsc"] = WebText.money(position.forecast.psc)
        values["forecastTotal"] = WebText.money(position.forecast.total)
        values["freeTravel"] = WebText.money(position.free.travel)
        values["freePsc"] = WebText.money(position.free.psc)
        values["freeTotal"] = WebText.money(position.free.total)
        values["overBudget"] = position.free.total < .zero

        let trips = try register.trips().filter { Permissions.canSee(user, trip: $0) }
        let today = register.clock.today()
        let lead = try register.settings().requestLeadDays
        let needs = NeedsAction(trips: trips, today: today, leadDays: lead)
        func rows(_ list: [(RegisterTrip, String?)]) -> [[String: Any]] {
            list.map { trip, note in
                [
                    "id": WebText.clean(trip.id), "href": WebText.pathComponent(trip.id), "manager": WebText.clean(trip.manager),
                    "depart": trip.bestDepart.iso,
                    "status": trip.status.description, "note": WebText.clean(note),
                ]
            }
        }
        values["actionGroups"] = [
            (
                "To request", "Planned trips leaving within \(lead + Self.requestNoticeDays) days (the lead time is \(lead) days).",
                needs.toRequest
            ),
            ("To approve", "Requested trips awaiting approval.", needs.toApprove),
            (
                "Overdue",
                "Trips whose departure has passed without travel recorded, and reports due \(Self.reportDueDays) days after return.",
                needs.overdue
            ),
        ].map { title, hint, list -> [String: Any] in
            ["title": title, "hint": hint, "trips": rows(list), "hasTrips": !list.isEmpty]
        }
        return page("year", title: "Year at a glance", context: context, values: values, current: "/")
    }
}

/// What needs someone's action, computed from the trips, today and the lead time.
struct NeedsAction {
    var toRequest: [(RegisterTrip, String?)] = []
    var toApprove: [(RegisterTrip, String?)] = []
    var overdue: [(RegisterTrip, String?)] = []

    init(trips: [RegisterTrip], today: Day, leadDays: Int) {
        for trip in trips.sorted(by: { ($0.bestDepart, $0.id) < ($1.bestDepart, $1.id) }) {
            let ahead = today.distance(to: trip.bestDepart)
            switch trip.status {
            case .planned where ahead < 0, .requested where ahead < 0, .approved where ahead < 0, .booked where ahead < 0:
                overdue.append((trip, "departure passed \(-ahead) days ago; record the journey or postpone"))
            case .planned where ahead <= leadDays + WebApp.requestNoticeDays:
                let note = ahead < leadDays ? "inside the \(leadDays)-day lead time: a justification is needed" : "\(ahead) days ahead"
                toRequest.append((trip, note))
            case .requested:
                toApprove.append((trip, nil))
            case .travelled:
                let back = (trip.actualReturn ?? trip.returnDay).distance(to: today)
                if back > WebApp.reportDueDays { overdue.append((trip, "report due \(back - WebApp.reportDueDays) days ago")) }
            default:
                break
            }
        }
    }
}
