import Foundation
import Hummingbird
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerRender
import VisitPlannerReports

// MARK: - Plan: run, follow, cancel, adopt, download

extension WebApp {
    func addPlanRoutes(to router: Router<WebContext>) {
        router.get("/plan") { _, context in
            if let refused = self.refusal(.viewPlan, target: "/plan", context: context) { return refused }
            return self.planPage(context: context)
        }
        router.get("/plan/status") { _, context in
            if let refused = self.refusal(.viewPlan, target: "/plan/status", context: context) { return refused }
            let html = self.templates.render(self.planValues(context: context), withTemplate: "planStatus") ?? ""
            return Self.html(html)
        }
        router.post("/plan/run") { _, context in
            if let refused = self.refusal(.runPlan, target: "/plan/run", context: context) { return refused }
            if self.compareJobs.current?.isBusy == true {
                return self.planPage(context: context, status: .conflict, error: "A comparison is running; plan when it has finished.")
            }
            let configuration = self.configuration
            let jobs = self.planJobs
            let started = self.planJobs.start(by: context.user?.name ?? "") { progress in
                try Self.runPlan(configuration, progress: progress, cancelled: { jobs.isCancelled() })
            }
            if !started {
                return self.planPage(context: context, status: .conflict, error: "A plan is already running; wait for it or cancel it.")
            }
            return Response.redirect(to: "/plan")
        }
        router.post("/plan/cancel") { _, context in
            if let refused = self.refusal(.cancelPlan, target: "/plan/cancel", context: context) { return refused }
            _ = self.planJobs.cancel()
            return Response.redirect(to: "/plan")
        }
        router.post("/plan/adopt") { _, context in
            if let refused = self.refusal(.adoptPlan, target: "/plan/adopt", context: context) { return refused }
            guard let user = context.user, let name = context.form["plan"], let folder = self.planFolder(name) else {
                return self.planPage(context: context, status: .unprocessableContent, error: "No such plan folder.")
            }
            do {
                let doc = try PlanDocument.decode(try Data(contentsOf: folder.appendingPathComponent("plan.json")))
                let before = try self.adoptedPlan()?.0
                let changes = try self.register.adopt(doc, by: try self.actor(for: user))
                // Reports follow the trips: edited reports and uploads of the visits this plan keeps.
                var reports = ""
                if let before {
                    do {
                        reports = " " + (try ReportCarryOver.apply(from: before, to: folder)).description
                    } catch let error as ReportError {
                        reports = " The reports of the previous plan could not be carried over: \(error.description)"
                    }
                }
                return self.planPage(
                    context: context,
                    notice:
                        "Adopted \(doc.name): \(changes.added.count) trips added, \(changes.updated.count) updated, \(changes.cancelled.count) cancelled."
                        + reports
                )
            } catch let error as RegisterError {
                return self.planPage(context: context, status: .unprocessableContent, error: error.description)
            } catch {
                return self.planPage(context: context, status: .unprocessableContent, error: "The plan \(name) cannot be read: \(error)")
            }
        }
        router.get("/plan/files/:plan/:file") { _, context in
            try self.download(context: context, sub: nil)
        }
        router.get("/plan/calendar/:plan/:file") { _, context in
            try self.download(context: context, sub: "calendar")
        }
    }

    /// Runs a plan from the data folder into `<reports>/<plan name>/`, as `visitplan plan` does.
    static func runPlan(
        _ configuration: WebConfiguration, progress: @escaping @Sendable (String) -> Void, cancelled: @Sendable () -> Bool
    ) throws -> String {
        let data: PlanningData
        do {
            data = try DataLoader.load(directory: configuration.dataFolder)
        } catch let errors as DataErrors {
            throw PlanRunError(message: "the data has problems; run `visitplan validate`: " + errors.description)
        }
        let name = "plan-\(data.policy.horizon.first.iso)-to-\(data.policy.horizon.last.iso)"
        let options = PlanOptions(timeLimit: configuration.planTimeLimit, started: Date(), progress: progress)
        let result = try Planner.make(data: data, options: options).plan(options: options)
        if cancelled() { throw PlanRunError(message: "cancelled") }
        if let why = result.infeasibility { throw PlanRunError(message: "no plan: \(why)") }
        progress("writing the plan's files")
        let document = PlanDocument(name: name, result: result, data: data)
        _ = try PlanWriter.write(
            document, to: configuration.reportsFolder.appendingPathComponent(name, isDirectory: true), reportTemplates: true)
        return name
    }

    // MARK: - Page

    func planValues(context: WebContext) -> [String: Any] {
        var values: [String: Any] = ["dataFolder": WebText.clean(configuration.dataFolder.path)]
        if let session = context.session { values["csrf"] = session.csrf }
        let role = context.user?.role
        values["canRun"] = role.map { Permissions.allows($0, .runPlan) } ?? false
        if let job = planJobs.current {
            values["job"] = [
                "state": job.state.rawValue, "detail": WebText.clean(job.detail), "running": job.isBusy,
                "started": RegisterClock.timestamp(job.started), "by": WebText.clean(job.by),
                "canCancel": role.map { Permissions.allows($0, .cancelPlan) } ?? false,
            ]
            if job.isBusy { values["canRun"] = false }
        }
        return values
    }

    func planPage(context: WebContext, status: HTTPResponse.Status = .ok, notice: String? = nil, error: String? = nil) -> Response {
        var values = planValues(context: context)
        let canAdopt = context.user.map { Permissions.allows($0.role, .adoptPlan) } ?? false
        let canDownload = context.user.map { Permissions.allows($0.role, .download) } ?? false
        values["plans"] = planFolders().map { name -> [String: Any] in
            [
                "name": WebText.clean(name), "canAdopt": canAdopt,
                "files": canDownload ? downloadableFiles(name).map { ["href": Self.downloadPath(plan: name, file: $0), "file": $0] } : [],
            ]
        }
        return page("plan", title: "Plan", context: context, values: values, status: status, current: "/plan", notice: notice, error: error)
    }

    // MARK: - Plan folders and downloads

    /// A name allowed as one component of a download path: no separator, no `..`, no hidden
    /// file, nothing but letters, digits and `-_.+`.
    static func isSafeComponent(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 200 && !s.hasPrefix(".")
            && s.unicodeScalars.allSatisfy { ($0.isASCII && CharacterSet.alphanumerics.contains($0)) || "-_.+".unicodeScalars.contains($0) }
    }

    /// The plan folders under the reports folder (those holding a plan.json), by name.
    func planFolders() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: configuration.reportsFolder.path)) ?? []
        return names.filter { Self.isSafeComponent($0) && planFolder($0) != nil }.sorted()
    }

    /// The plan folder of this name, when it is a real folder directly inside the reports
    /// folder (no symbolic link) holding a plan.json.
    func planFolder(_ name: String) -> URL? {
        guard Self.isSafeComponent(name) else { return nil }
        let folder = configuration.reportsFolder.appendingPathComponent(name, isDirectory: true)
        guard let real = Self.realPath(folder), let base = Self.realPath(configuration.reportsFolder),
            real == base + "/" + name
        else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: real + "/plan.json", isDirectory: &isDirectory), !isDirectory.boolValue else {
            return nil
        }
        return URL(fileURLWithPath: real, isDirectory: true)
    }

    /// The files offered for download: the folder's own documents and its calendars.
    func downloadableFiles(_ plan: String) -> [String] {
        guard let folder = planFolder(plan) else { return [] }
        let fm = FileManager.default
        var files = ((try? fm.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
            Self.downloadType($0) != nil && Self.isSafeComponent($0)
        }
        let calendars = ((try? fm.contentsOfDirectory(atPath: folder.appendingPathComponent("calendar").path)) ?? [])
            .filter { $0.hasSuffix(".ics") && Self.isSafeComponent($0) }.map { "calendar/" + $0 }
        files += calendars
        // Regular files only: a symbolic link is never offered (nor served, see `download`).
        return files.filter { name in
            let type = (try? fm.attributesOfItem(atPath: folder.path + "/" + name))?[.type] as? FileAttributeType
            return type == .typeRegular
        }.sorted()
    }

    /// The link of a file listed by `downloadableFiles`.
    static func downloadPath(plan: String, file: String) -> String {
        if file.hasPrefix("calendar/") {
            return "/plan/calendar/\(WebText.pathComponent(plan))/\(WebText.pathComponent(String(file.dropFirst("calendar/".count))))"
        }
        return "/plan/files/\(WebText.pathComponent(plan))/\(WebText.pathComponent(file))"
    }

    static func downloadType(_ file: String) -> String? {
        switch (file as NSString).pathExtension.lowercased() {
        case "html": return "text/html; charset=utf-8"
        case "csv": return "text/csv; charset=utf-8"
        case "ics": return "text/calendar; charset=utf-8"
        case "json": return "application/json"
        case "md": return "text/markdown; charset=utf-8"
        default: return nil
        }
    }

    /// The real path (symbolic links resolved) of an existing item, else nil.
    static func realPath(_ url: URL) -> String? {
        guard let p = realpath(url.path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }

    /// Serves one file of a plan folder, as an attachment, after checking that the path
    /// names a file of that folder (or of its `calendar/`) and nothing else.
    func download(context: WebContext, sub: String?) throws -> Response {
        let plan = context.parameters.get("plan") ?? ""
        let file = context.parameters.get("file") ?? ""
        let target = (sub == nil ? "/plan/files/" : "/plan/calendar/") + plan + "/" + file
        if let refused = refusal(.download, target: target, context: context) { return refused }
        guard let folder = planFolder(plan), Self.isSafeComponent(file), let type = Self.downloadType(file),
            sub == nil || file.hasSuffix(".ics")
        else { return notFound(context) }
        let expected = folder.path + "/" + (sub.map { $0 + "/" } ?? "") + file
        let url = URL(fileURLWithPath: expected)
        guard let real = Self.realPath(url), real == expected,
            let attributes = try? FileManager.default.attributesOfItem(atPath: real),
            attributes[.type] as? FileAttributeType == .typeRegular
        else { return notFound(context) }
        let data = try Data(contentsOf: url)
        var headers = Self.securityHeaders(contentType: type)
        headers[.contentDisposition] = "attachment; filename=\"\(file)\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Why a plan run from the web produced no plan.
struct PlanRunError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
