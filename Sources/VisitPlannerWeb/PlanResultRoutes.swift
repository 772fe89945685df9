import Foundation
import Hummingbird
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerRender
import VisitPlannerWriters

// MARK: - A plan's result (trips, budget, operations left out, changes) and re-planning

extension WebApp {
    func addPlanResultRoutes(to router: Router<WebContext>) {
        router.get("/plan/result/:plan") { _, context in
            let name = context.parameters.get("plan") ?? ""
            if let refused = self.refusal(.viewPlan, target: "/plan/result/\(name)", context: context) { return refused }
            guard let folder = self.planFolder(name),
                let doc = try? PlanDocument.decode(Data(contentsOf: folder.appendingPathComponent("plan.json")))
            else { return self.notFound(context) }
            return try self.resultPage(doc, folder: name, context: context)
        }
        router.post("/plan/replan") { _, context in
            if let refused = self.refusal(.runPlan, target: "/plan/replan", context: context) { return refused }
            let text = (context.form["asOf"] ?? "").trimmingCharacters(in: .whitespaces)
            let today = RegisterClock.day(of: self.register.clock.now())
            guard let day = text.isEmpty ? today : Day(iso: text) else {
                return self.planPage(
                    context: context, status: .unprocessableContent, error: "Re-plan as of: expected a date YYYY-MM-DD, found \"\(text)\".")
            }
            if self.compareJobs.current?.isBusy == true {
                return self.planPage(context: context, status: .conflict, error: "A comparison is running; re-plan when it has finished.")
            }
            let configuration = self.configuration
            let register = self.register
            let jobs = self.planJobs
            let started = jobs.start(by: context.user?.name ?? "") { progress in
                try Self.runReplan(configuration, register: register, asOf: day, progress: progress, cancelled: { jobs.isCancelled() })
            }
            if !started {
                return self.planPage(context: context, status: .conflict, error: "A plan is already running; wait for it or cancel it.")
            }
            return Response.redirect(to: "/plan")
        }
    }

    /// Re-plans the rest of the year as `visitplan replan --as-of DAY` does, into
    /// `<reports>/replan-<day>/`.
    static func runReplan(
        _ configuration: WebConfiguration, register: Register, asOf day: Day, progress: @escaping @Sendable (String) -> Void,
        cancelled: @Sendable () -> Bool
    ) throws -> String {
        let data: PlanningData
        do {
            data = try DataLoader.load(directory: configuration.dataFolder)
        } catch let errors as DataErrors {
            throw PlanRunError(message: "the data has problems; see the Data page: " + errors.description)
        }
        let result: PlanResult
        do {
            let basis = try register.replanBasis(asOf: day, data: data)
            let options = PlanOptions(timeLimit: configuration.planTimeLimit, started: Date(), progress: progress)
            result = try Replanner.plan(data, basis.request, options: options)
        } catch let error as RegisterError {
            throw PlanRunError(message: error.description)
        } catch let error as ReplanError {
            throw PlanRunError(message: error.description)
        }
        if cancelled() { throw PlanRunError(message: "cancelled") }
        if let why = result.infeasibility { throw PlanRunError(message: "no plan: \(why)") }
        progress("writing the plan's files")
        let name = "replan-\(day.iso)"
        let document = PlanDocument(name: name, result: result, data: data)
        _ = try PlanWriter.write(
            document, to: configuration.reportsFolder.appendingPathComponent(name, isDirectory: true), reportTemplates: true)
        return name
    }

    // MARK: - Page

    /// How each trip of the plan stands against the register's adopted trips (by trip id).
    static func changes(_ doc: PlanDocument, adopted: [RegisterTrip]) -> [[String: Any]] {
        let open = adopted.filter { $0.status != .cancelled }
        let now = Dictionary(uniqueKeysWithValues: doc.trips.map { ($0.id, $0) })
        let was = Dictionary(open.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var rows: [[String: Any]] = []
        for trip in doc.trips {
            let change: String
            if let old = was[trip.id] {
                change =
                    old.depart == trip.depart && old.returnDay == trip.return
                    ? "unchanged" : "moved from \(old.depart.iso)–\(old.returnDay.iso) (\(old.status))"
            } else {
                change = "added"
            }
            rows.append(["trip": WebText.clean(trip.id), "change": WebText.clean(change)])
        }
        for old in open.sorted(by: { $0.id < $1.id }) where now[old.id] == nil {
            rows.append(["trip": WebText.clean(old.id), "change": WebText.clean("dropped (was \(old.status))")])
        }
        return rows
    }

    func resultPage(_ doc: PlanDocument, folder: String, context: WebContext) throws -> Response {
        let b = doc.budget
        let money = { (d: Decimal) in WebText.money(Figures.money(d)) }
        let adopted: [RegisterTrip]? = try register.plans().isEmpty ? nil : register.trips()
        let values: [String: Any] = [
            "name": WebText.clean(doc.name), "folder": WebText.clean(folder), "status": doc.solver.status.rawValue,
            "horizon": "\(doc.horizon.start.iso) to \(doc.horizon.end.iso)",
            "budget": [
                ["label": "Envelope", "amount": money(b.envelope)], ["label": "Travel", "amount": money(b.travelCost)],
                ["label": "Programme support costs", "amount": money(b.psc)], ["label": "Total", "amount": money(b.total)],
                ["label": "Left", "amount": money(b.remaining)],
            ],
            "trips": doc.trips.map { t -> [String: Any] in
                [
                    "id": WebText.clean(t.id), "manager": WebText.clean(t.manager), "depart": t.depart.iso, "returnDay": t.return.iso,
                    "operations": WebText.clean(t.stops.map(\.operation).joined(separator: ", ")), "cost": money(t.cost.total),
                ]
            },
            "virtual": doc.virtual.map { ["operation": WebText.clean($0.operation), "manager": WebText.clean($0.manager)] },
            "leftOut": doc.notVisited.map { ["operation": WebText.clean($0.operation), "reason": WebText.clean($0.reason)] },
            "hasAdopted": adopted != nil, "changes": adopted.map { Self.changes(doc, adopted: $0) } ?? [],
            "canAdopt": context.user.map { Permissions.allows($0.role, .adoptPlan) } ?? false,
        ]
        return page("planResult", title: "Plan \(doc.name)", context: context, values: values, current: "/plan")
    }
}
