import Foundation
import Hummingbird
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerRender
import VisitPlannerWriters

// MARK: - Scenarios: the scenarios file, a comparison run off the request path, its result

extension WebApp {
    /// The comparison's folder name under the reports folder (as `visitplan compare` names it by default).
    static let comparisonName = "comparison"

    /// "Value" as a manager says it: what the planner counts, in visits.
    static let valueInWords =
        "Value is how much assessment work a budget buys. Every visit in person counts its operation's priority; a visit "
        + "in a preferred window (for example just before a mandate renewal) counts more, and so does a visit by the "
        + "operation's own desk officer; a virtual assessment counts only a share of a visit. More value means more "
        + "operations seen, at the better times, in person rather than by video."

    func addScenarioRoutes(to router: Router<WebContext>) {
        router.get("/scenarios") { _, context in
            if let refused = self.refusal(.viewScenarios, target: "/scenarios", context: context) { return refused }
            return self.scenariosPage(context: context)
        }
        router.get("/scenarios/status") { _, context in
            if let refused = self.refusal(.viewScenarios, target: "/scenarios/status", context: context) { return refused }
            return Self.html(self.templates.render(self.compareValues(context: context), withTemplate: "compareStatus") ?? "")
        }
        router.get("/scenarios/chart.svg") { _, context in
            if let refused = self.refusal(.viewScenarios, target: "/scenarios/chart.svg", context: context) { return refused }
            let url = self.configuration.reportsFolder.appendingPathComponent(Self.comparisonName).appendingPathComponent("sweep.svg")
            guard let data = try? Data(contentsOf: url) else { return self.notFound(context) }
            return Response(
                status: .ok, headers: Self.securityHeaders(contentType: "image/svg+xml"), body: .init(byteBuffer: ByteBuffer(bytes: data)))
        }
        router.post("/scenarios/save") { _, context in
            if let refused = self.refusal(.editScenarios, target: "/scenarios/save", context: context) { return refused }
            return try self.saveScenarios(context: context)
        }
        router.post("/scenarios/run") { _, context in
            if let refused = self.refusal(.runComparison, target: "/scenarios/run", context: context) { return refused }
            let budgets: [Money]?
            do {
                budgets = try Self.budgets(context.form["budgets"] ?? "")
            } catch let error as FormError {
                return self.scenariosPage(
                    context: context, typedBudgets: context.form["budgets"], status: .unprocessableContent, error: error.message)
            }
            if self.planJobs.current?.isBusy == true {
                return self.scenariosPage(context: context, status: .conflict, error: "A plan is running; compare when it has finished.")
            }
            let configuration = self.configuration
            let jobs = self.compareJobs
            let started = jobs.start(by: context.user?.name ?? "") { progress in
                try Self.runComparison(configuration, budgets: budgets, progress: progress, cancelled: { jobs.isCancelled() })
            }
            if !started {
                return self.scenariosPage(
                    context: context, status: .conflict, error: "A comparison is already running; wait for it or cancel it.")
            }
            return Response.redirect(to: "/scenarios")
        }
        router.post("/scenarios/cancel") { _, context in
            if let refused = self.refusal(.runComparison, target: "/scenarios/cancel", context: context) { return refused }
            _ = self.compareJobs.cancel()
            return Response.redirect(to: "/scenarios")
        }
    }

    /// `126560, 100000`: one budget scenario per envelope (the first is the base); empty: the
    /// scenarios file.
    static func budgets(_ text: String) throws -> [Money]? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.isEmpty { return nil }
        var out: [Money] = []
        for part in trimmed.split(separator: ";").flatMap({ $0.split(separator: " ") }).map({ String($0) }) where !part.isEmpty {
            guard let m = Money(parsing: part), m.cents > 0 else {
                throw FormError(
                    "Budgets: expected amounts in US dollars separated by spaces or ;, such as 126560 100000; found \"\(part)\".")
            }
            if out.contains(m) { throw FormError("Budgets: \(m) is given twice.") }
            out.append(m)
        }
        return out
    }

    /// Plans every scenario as `visitplan compare` does and writes `<reports>/comparison/`.
    static func runComparison(
        _ configuration: WebConfiguration, budgets: [Money]?, progress: @escaping @Sendable (String) -> Void,
        cancelled: @Sendable () -> Bool
    ) throws -> String {
        let data: PlanningData
        let scenarios: [Scenario]
        do {
            data = try DataLoader.load(directory: configuration.dataFolder)
            scenarios =
                try budgets.map { Scenario.budgets($0) }
                ?? ScenarioFile.load(configuration.dataFolder.appendingPathComponent(ScenarioFile.defaultName), data: data)
        } catch let errors as DataErrors {
            throw PlanRunError(message: "the data or the scenarios have problems: " + errors.description)
        }
        let started = Date()
        let jobs = scenarios.map {
            (scenario: $0, options: PlanOptions(timeLimit: configuration.planTimeLimit, started: started, explain: true))
        }
        let runs = ScenarioRunner.run(jobs, on: data) { done, total, run in
            progress("planned \(done) of \(total) scenarios (last: \(run.scenario.id))")
        }
        if cancelled() { throw PlanRunError(message: "cancelled") }
        progress("writing the comparison")
        // Budget scenarios differ only in their envelope: they are the points of the value-versus-budget chart.
        let comparison = Comparison(runs: runs, sweep: budgets == nil ? nil : runs, data: data)
        try ComparisonWriter.write(
            comparison, name: comparisonName, to: configuration.reportsFolder.appendingPathComponent(comparisonName, isDirectory: true))
        return comparisonName
    }

    // MARK: - Saving the scenarios file

    func scenariosURL() -> URL { configuration.dataFolder.appendingPathComponent(ScenarioFile.defaultName) }

    func saveScenarios(context: WebContext) throws -> Response {
        guard let user = context.user else { return Response.redirect(to: "/login") }
        let typed = (context.form["scenarios"] ?? "").replacingOccurrences(of: "\r\n", with: "\n")
        dataLock.lock()
        defer { dataLock.unlock() }
        let old = (try? String(contentsOf: scenariosURL(), encoding: .utf8)) ?? ""
        guard context.form["digest"] == fileDigest(ScenarioFile.defaultName) else {
            return scenariosPage(
                context: context, typedScenarios: typed, status: .conflict,
                error: "scenarios.yaml was changed by someone else since you opened it. Open it again and redo your change.")
        }
        let issues = try stagedIssues(file: ScenarioFile.defaultName, text: typed)
        let ok = Self.acceptable(issues, current: dataIssues()) { $0.file == ScenarioFile.defaultName }
        guard ok else {
            return scenariosPage(
                context: context, typedScenarios: typed, issues: issues.filter { $0.file == ScenarioFile.defaultName },
                status: .unprocessableContent, error: "Not saved: the scenarios do not pass the checks listed next to them.")
        }
        if typed != old {
            try writeData(file: ScenarioFile.defaultName, text: typed, action: "edit", field: nil, old: old, new: typed, user: user)
        }
        return scenariosPage(context: context, notice: "Saved scenarios.yaml.")
    }

    // MARK: - Page

    func compareValues(context: WebContext) -> [String: Any] {
        var values: [String: Any] = [:]
        if let session = context.session { values["csrf"] = session.csrf }
        let canRun = context.user.map { Permissions.allows($0.role, .runComparison) } ?? false
        if let job = compareJobs.current {
            values["job"] = [
                "state": job.state.rawValue, "detail": WebText.clean(job.detail), "running": job.isBusy,
                "started": RegisterClock.timestamp(job.started), "by": WebText.clean(job.by), "canCancel": canRun,
            ]
        }
        values["canRun"] = canRun && compareJobs.current?.isBusy != true
        return values
    }

    func scenariosPage(
        context: WebContext, typedScenarios: String? = nil, typedBudgets: String? = nil, issues: [DataIssue]? = nil,
        status: HTTPResponse.Status = .ok, notice: String? = nil, error: String? = nil
    ) -> Response {
        var values = compareValues(context: context)
        values["valueInWords"] = Self.valueInWords
        values["canEdit"] = context.user.map { Permissions.allows($0.role, .editScenarios) } ?? false
        values["scenarios"] = WebText.cleanLines(typedScenarios ?? (try? String(contentsOf: scenariosURL(), encoding: .utf8)) ?? "")
        values["digest"] = fileDigest(ScenarioFile.defaultName)
        values["budgets"] = WebText.clean(typedBudgets ?? "")
        let shown = (issues ?? dataIssues().filter { $0.file == ScenarioFile.defaultName }).map { WebText.clean($0.description) }
        values["issues"] = shown
        values["hasIssues"] = !shown.isEmpty
        let folder = configuration.reportsFolder.appendingPathComponent(Self.comparisonName)
        if let data = try? Data(contentsOf: folder.appendingPathComponent("comparison.json")),
            let doc = try? ComparisonDocument.decode(data)
        {
            values["result"] = [
                "rows": doc.scenarios.map { s -> [String: Any] in
                    [
                        "id": WebText.clean(s.id), "title": WebText.clean(s.title), "status": WebText.clean(s.status),
                        "envelope": WebText.money(Figures.money(s.envelope)), "inPerson": s.inPersonVisits,
                        "preferred": s.preferredWindowVisits,
                        "virtual": s.virtualAssessments, "notAssessed": s.notAssessed.count, "value": Figures.number(s.value),
                        "total": WebText.money(Figures.money(s.total)), "remaining": WebText.money(Figures.money(s.remaining)),
                        "notAssessedList": WebText.clean(s.notAssessed.joined(separator: ", ")),
                    ]
                },
                "hasChart": FileManager.default.fileExists(atPath: folder.appendingPathComponent("sweep.svg").path),
            ]
        }
        return page(
            "scenarios", title: "Scenarios", context: context, values: values, status: status, current: "/scenarios", notice: notice,
            error: error)
    }
}
