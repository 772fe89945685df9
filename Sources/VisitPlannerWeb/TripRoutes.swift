import Foundation
import Hummingbird
import VisitPlannerCore
import VisitPlannerRegister

// MARK: - Trips by status, one trip, its steps

extension WebApp {
    func addTripRoutes(to router: Router<WebContext>) {
        router.get("/trips") { _, context in
            if let refused = self.refusal(.viewTrips, target: "/trips", context: context) { return refused }
            return try self.tripsPage(context: context)
        }
        router.get("/trips/:id") { request, context in
            let id = Self.tripId(context)
            if let refused = self.refusal(.viewTrips, target: "trip \(id)", context: context) { return refused }
            guard let trip = try self.findTrip(id) else { return self.notFound(context) }
            if let refused = self.refusal(.viewTrips, trip: trip, target: "trip \(id)", context: context) { return refused }
            let done = request.uri.queryParameters["done"].flatMap { TripAction(rawValue: String($0)) }
            return try self.tripPage(trip, context: context, notice: done.map { "Done: \($0)." })
        }
        router.post("/trips/:id/:step") { _, context in
            let id = Self.tripId(context)
            guard let step = context.parameters.get("step").flatMap(TripAction.init(rawValue:)), let action = WebAction.of(step) else {
                return self.notFound(context)
            }
            if let refused = self.refusal(action, target: "trip \(id)", context: context) { return refused }
            guard let trip = try self.findTrip(id), let user = context.user else { return self.notFound(context) }
            if let refused = self.refusal(action, trip: trip, target: "trip \(id)", context: context) { return refused }
            do {
                let tripStep = try Self.tripStep(step, form: context.form)
                try self.register.apply(tripStep, to: trip.id, by: try self.actor(for: user))
            } catch let error as RegisterError {
                return try self.tripPage(trip, context: context, status: .unprocessableContent, error: error.description)
            } catch let error as FormError {
                return try self.tripPage(trip, context: context, status: .unprocessableContent, error: error.message)
            }
            return Response.redirect(to: "/trips/\(WebText.pathComponent(trip.id))?done=\(step.rawValue)")
        }
    }

    /// Who the account is in the register: a desk officer by their manager id; anyone else
    /// matched by name to a manager when they are one, so the register's rule that nobody
    /// approves their own trip holds for every role.
    func actor(for user: RegisterUser) throws -> RegisterActor {
        if let managerId = user.managerId { return RegisterActor(name: user.name, managerId: managerId) }
        return try register.actor(named: user.name)
    }

    static func tripId(_ context: WebContext) -> String {
        let raw = context.parameters.get("id") ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    func findTrip(_ id: String) throws -> RegisterTrip? {
        do {
            return try register.trip(id)
        } catch RegisterError.unknownTrip {
            return nil
        } catch RegisterError.noPlan {
            return nil
        }
    }

    func notFound(_ context: WebContext) -> Response {
        page("message", title: "Not found", context: context, values: ["text": "There is no such page or trip."], status: .notFound)
    }

    // MARK: - Pages

    func tripsPage(context: WebContext) throws -> Response {
        guard let user = context.user else { return Response.redirect(to: "/login") }
        let trips = try register.trips().filter { Permissions.canSee(user, trip: $0) }
        let groups = TripStatus.allCases.compactMap { status -> [String: Any]? in
            let list = trips.filter { $0.status == status }.sorted { ($0.bestDepart, $0.id) < ($1.bestDepart, $1.id) }
            guard !list.isEmpty else { return nil }
            return [
                "key": status.rawValue, "label": status.description.prefix(1).uppercased() + status.description.dropFirst(),
                "count": list.count,
                "trips": list.map { t -> [String: Any] in
                    [
                        "id": WebText.clean(t.id), "href": WebText.pathComponent(t.id), "manager": WebText.clean(t.manager),
                        "depart": t.bestDepart.iso, "returnDay": (t.actualReturn ?? t.bookedReturn ?? t.returnDay).iso,
                        "operations": WebText.clean((t.actualStops ?? t.stops).map(\.operation).joined(separator: ", ")),
                        "estimate": WebText.money(t.estimate.total),
                    ]
                },
            ]
        }
        return page("trips", title: "Trips by status", context: context, values: ["groups": groups], current: "/trips")
    }

    func tripPage(
        _ trip: RegisterTrip, context: WebContext, status: HTTPResponse.Status = .ok, notice: String? = nil, error: String? = nil
    ) throws -> Response {
        guard let user = context.user else { return Response.redirect(to: "/login") }
        let allowedSteps = TripLifecycle.allowed(from: trip.status, needsReapproval: trip.needsReapproval)
        var values: [String: Any] = ["id": WebText.clean(trip.id), "href": WebText.pathComponent(trip.id)]
        var any = false
        for step in [TripAction.request, .approve, .book, .travelled, .postpone, .cancel] {
            let shown = allowedSteps.contains(step) && WebAction.of(step).map { Permissions.allows(user, $0, trip: trip) } == true
            values[step.rawValue] = shown
            any = any || shown
        }
        values["hasActions"] = any
        values["depart"] = (trip.bookedDepart ?? trip.depart).iso
        values["returnDay"] = (trip.bookedReturn ?? trip.returnDay).iso
        var facts: [(String, String)] = [
            ("Status", trip.status.description + (trip.needsReapproval ? " (actual cost needs re-approval)" : "")),
            ("Traveller", trip.manager),
            ("Itinerary", "\(trip.depart.iso) to \(trip.returnDay.iso)"),
            ("Stops", trip.stops.map { "\($0.operation) \($0.arrive.iso)–\($0.leave.iso)" }.joined(separator: "; ")),
            ("Estimate", WebText.money(trip.estimate.total)),
        ]
        if let a = trip.approvedCost { facts.append(("Approved", "\(WebText.money(a)) by \(trip.approvedBy ?? "—")")) }
        if let b = trip.bookedCost {
            facts.append(
                (
                    "Booked",
                    "\(WebText.money(b)) (ticket \(WebText.money(trip.bookedTicket))), \(trip.bookedDepart?.iso ?? "") to \(trip.bookedReturn?.iso ?? "")"
                ))
        }
        if let actual = trip.actual {
            facts.append(("Actual", "\(WebText.money(actual.total)), \(trip.actualDepart?.iso ?? "") to \(trip.actualReturn?.iso ?? "")"))
        }
        if let r = trip.reason { facts.append(("Reason", r)) }
        if let j = trip.justification { facts.append(("Justification", j)) }
        values["facts"] = facts.map { ["label": $0.0, "value": WebText.clean($0.1)] }
        values["history"] = try register.history(entity: "trip", id: trip.id).map { e -> [String: Any] in
            [
                "at": WebText.clean(e.at), "by": WebText.clean(e.by), "action": WebText.clean(e.action), "field": WebText.clean(e.field),
                "old": WebText.clean(HistoryEntry.shown(e.old)), "new": WebText.clean(HistoryEntry.shown(e.new)),
                "comment": WebText.clean(e.comment),
            ]
        }
        return page(
            "trip", title: "Trip \(trip.id)", context: context, values: values, status: status, current: "/trips", notice: notice,
            error: error)
    }

    // MARK: - Forms to steps

    /// The register step a posted form asks for; the register checks the rest.
    static func tripStep(_ step: TripAction, form: [String: String]) throws -> TripStep {
        func text(_ name: String) -> String? {
            let v = (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            return v.isEmpty ? nil : v
        }
        func day(_ name: String, _ label: String, required: Bool) throws -> Day? {
            guard let t = text(name) else {
                if required { throw FormError("\(label): give a date") }
                return nil
            }
            guard let d = Day(iso: t) else { throw FormError("\(label): expected a date as YYYY-MM-DD, found \"\(t)\"") }
            return d
        }
        func money(_ name: String, _ label: String, required: Bool) throws -> Money? {
            guard let t = text(name) else {
                if required { throw FormError("\(label): give an amount in US dollars") }
                return nil
            }
            guard let m = Money(parsing: t) else { throw FormError("\(label): \"\(t)\" is not an amount in US dollars such as 1234.56") }
            return m
        }
        switch step {
        case .request:
            return .request(depart: try day("depart", "New departure date", required: false), justification: text("justification"))
        case .approve:
            return .approve(amount: try money("amount", "Approved amount", required: false))
        case .book:
            return .book(
                ticket: try money("ticket", "Ticket cost", required: true)!, depart: try day("depart", "Departure", required: true)!,
                returnDay: try day("return", "Return", required: true)!)
        case .travelled:
            let costs = TripCosts(
                airfare: try money("airfare", "Airfare", required: true)!, dsa: try money("dsa", "DSA", required: true)!,
                terminal: try money("terminal", "Terminal expenses", required: false) ?? .zero,
                access: try money("access", "Access costs", required: false) ?? .zero,
                other: try money("other", "Other costs", required: false) ?? .zero)
            return .travelled(
                TravelFacts(
                    depart: try day("depart", "Actual departure", required: true)!,
                    returnDay: try day("return", "Actual return", required: true)!, costs: costs))
        case .postpone:
            return .postpone(reason: text("reason") ?? "")
        case .cancel:
            return .cancel(reason: text("reason") ?? "")
        case .report, .close, .reapprove:
            throw FormError("this step is not offered in the web application yet")
        }
    }
}

/// A form field that cannot be read; the message names the field.
struct FormError: Error {
    var message: String
    init(_ message: String) { self.message = message }
}
