import Foundation
import GRDB
import Hummingbird
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerReports

// MARK: - Reports: templates, uploads, clearance, recommendations

extension WebApp {
    /// The largest report file accepted (a Word report with a few photos).
    static let largestUpload = 5 * 1024 * 1024

    func addReportRoutes(to router: Router<WebContext>) {
        router.get("/reports") { request, context in
            if let refused = self.refusal(.viewReports, target: "/reports", context: context) { return refused }
            let done = request.uri.queryParameters["done"].map { String($0) }
            return try self.reportsPage(context: context, notice: done.flatMap(Self.reportNotice))
        }
        router.get("/reports/template/:key") { _, context in
            let key = context.parameters.get("key") ?? ""
            if let refused = self.refusal(.viewReports, target: "/reports/template/\(key)", context: context) { return refused }
            guard let found = try self.visit(key) else { return self.notFound(context) }
            let (folder, visit) = found
            if let refused = self.visitRefusal(visit, .viewReports, context: context) { return refused }
            return try self.template(folder: folder, visit: visit, context: context)
        }
        router.post("/reports/upload/:key") { _, context in
            let key = context.parameters.get("key") ?? ""
            if let refused = self.refusal(.uploadReport, target: "/reports/upload/\(key)", context: context) { return refused }
            guard let found = try self.visit(key) else { return self.notFound(context) }
            let (folder, visit) = found
            if let refused = self.visitRefusal(visit, .uploadReport, context: context) { return refused }
            return try self.upload(folder: folder, visit: visit, context: context)
        }
        router.post("/reports/submit/:id") { _, context in
            let id = Self.tripId(context)
            if let refused = self.refusal(.uploadReport, target: "/reports/submit/\(id)", context: context) { return refused }
            guard let trip = try self.findTrip(id), let user = context.user else { return self.notFound(context) }
            if let refused = self.refusal(.uploadReport, trip: trip, target: "/reports/submit/\(id)", context: context) { return refused }
            return try self.submit(trip: trip, user: user, context: context)
        }
        router.post("/reports/clear/:id") { _, context in
            let id = Self.tripId(context)
            if let refused = self.refusal(.reviewReport, target: "/reports/clear/\(id)", context: context) { return refused }
            guard let user = context.user, try self.findTrip(id) != nil else { return self.notFound(context) }
            guard let step = ReportClearance.Step(rawValue: context.form["step"] ?? ""), step != .submit else {
                return try self.reportsPage(
                    context: context, status: .unprocessableContent, error: "Choose a review: gender, supervisor or transmit.")
            }
            do {
                try self.register.clearReport(trip: id, step, comment: context.form["comment"], by: try self.actor(for: user))
            } catch let error as RegisterError {
                return try self.reportsPage(context: context, status: .unprocessableContent, error: error.description + ".")
            }
            return Response.redirect(to: "/reports?done=cleared#clearance")
        }
        router.post("/reports/recommendations") { _, context in
            if let refused = self.refusal(.trackRecommendations, target: "/reports/recommendations", context: context) { return refused }
            guard let user = context.user else { return Response.redirect(to: "/login") }
            let id = context.form["id"] ?? ""
            guard let status = RecommendationStatus(reading: context.form["status"] ?? "") else {
                return try self.reportsPage(
                    context: context, status: .unprocessableContent, error: "Choose a status for recommendation \(id).")
            }
            do {
                try self.register.setRecommendationStatus(id, to: status, note: context.form["note"] ?? "", by: try self.actor(for: user))
            } catch let error as RegisterError {
                return try self.reportsPage(context: context, status: .unprocessableContent, error: error.description + ".")
            }
            return Response.redirect(to: "/reports?done=status#recommendations")
        }
    }

    static let reportNotices: [(String, String)] = [
        ("cleared", "Review recorded."), ("status", "Status changed."), ("submitted", "Report submitted for clearance."),
    ]
    static func reportNotice(_ key: String) -> String? { reportNotices.first { $0.0 == key }?.1 }

    // MARK: - The adopted plan's visits

    /// The adopted plan's folder and its document (nil when no adopted plan has a folder).
    func adoptedPlan() throws -> (URL, PlanDocument)? {
        guard let name = try register.plans().last?.name, let folder = planFolder(name) else { return nil }
        guard let doc = try? PlanDocument.decode(Data(contentsOf: folder.appendingPathComponent("plan.json"))) else { return nil }
        return (folder, doc)
    }

    func visit(_ key: String) throws -> (URL, ReportVisit)? {
        guard let plan = try adoptedPlan(), let visit = ReportVisit.all(in: plan.1).first(where: { $0.key == key }) else { return nil }
        return (plan.0, visit)
    }

    /// A desk officer acts only on their own visits: refused (403, recorded) otherwise.
    func visitRefusal(_ visit: ReportVisit, _ action: WebAction, context: WebContext) -> Response? {
        guard let user = context.user, user.role == .deskOfficer, visit.manager != user.managerId else { return nil }
        return forbidden(action, target: "report \(visit.key)", user: user, context: context)
    }

    // MARK: - Template and upload

    /// The Word template `reports` writes for the visit (written first if it is missing).
    func template(folder: URL, visit: ReportVisit, context: WebContext) throws -> Response {
        let url = folder.appendingPathComponent("reports").appendingPathComponent(visit.key + ".docx")
        if !FileManager.default.fileExists(atPath: url.path) {
            do {
                try ReportTemplates.initialize(planFolder: folder)
            } catch let error as ReportError {
                return page(
                    "message", title: "No template", context: context, values: ["text": error.description], status: .internalServerError)
            }
        }
        guard let data = try? Data(contentsOf: url) else { return notFound(context) }
        var headers = Self.securityHeaders(contentType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document")
        headers[.contentDisposition] = "attachment; filename=\"\(visit.key).docx\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// The uploads of a visit, oldest first: `reports/uploads/<key>/<n>/<key>.<ext>`.
    func uploads(folder: URL, key: String) -> [URL] {
        ReportUploads.list(ReportUploads.folder(reports: folder.appendingPathComponent("reports"), key: key), key: key).map(\.url)
    }

    /// Stores an upload under a new number (an earlier upload is never overwritten) and checks
    /// it as `reports status` does.
    func upload(folder: URL, visit: ReportVisit, context: WebContext) throws -> Response {
        guard let file = context.upload, !file.data.isEmpty else {
            return try reportsPage(context: context, status: .unprocessableContent, error: "Choose the report file to upload.")
        }
        guard file.data.count <= Self.largestUpload else {
            return try reportsPage(
                context: context, status: .contentTooLarge,
                error: "The file is larger than \(Self.largestUpload / 1024 / 1024) MiB; save the report with smaller pictures.")
        }
        let ext = (file.fileName as NSString).pathExtension.lowercased()
        guard ext == "docx" || ext == "md" else {
            return try reportsPage(
                context: context, status: .unprocessableContent, error: "A report is a Word file (.docx) or a Markdown file (.md).")
        }
        // A new number (an upload made at the same moment takes another one).
        let (number, dir) = try ReportUploads.claimNext(
            in: ReportUploads.folder(reports: folder.appendingPathComponent("reports"), key: visit.key))
        let target = dir.appendingPathComponent("\(visit.key).\(ext)")
        try file.data.write(to: target, options: .withoutOverwriting)
        let check = ReportCheck.upload(target, key: visit.key)
        var by = ""
        if let user = context.user { by = try actor(for: user).recorded }
        try recordUpload(key: visit.key, number: number, state: check.state.rawValue, by: by)
        return try reportsPage(
            context: context, status: check.state == .unreadable ? .unprocessableContent : .ok,
            notice: "Stored upload \(number) of \(visit.key): \(check.state.rawValue).")
    }

    func recordUpload(key: String, number: Int, state: String, by: String) throws {
        try register.write { db in
            var entry = HistoryEntry(
                at: RegisterClock.timestamp(register.clock.now()), by: by, entity: "report", entityId: key, action: "upload",
                field: "upload \(number)", old: .null, new: state.databaseValue, comment: nil)
            try entry.insert(db)
        }
    }

    /// Submits a travelled trip's report for clearance; the recommendations of its visits'
    /// latest uploads enter the register (all or nothing, as `recommendations import`).
    func submit(trip: RegisterTrip, user: RegisterUser, context: WebContext) throws -> Response {
        let actor = try actor(for: user)
        do {
            if let plan = try adoptedPlan() {
                let (folder, doc) = plan
                let visits = ReportVisit.all(in: doc).filter { $0.trip?.id == trip.id }
                let latest = visits.compactMap { uploads(folder: folder, key: $0.key).last }
                let reports = try latest.flatMap { try SubmittedReport.read($0) }
                if !reports.isEmpty { _ = try register.importRecommendations(reports, by: actor) }
            }
            try register.clearReport(trip: trip.id, .submit, comment: context.form["comment"], by: actor)
        } catch let error as RegisterError {
            return try reportsPage(context: context, status: .unprocessableContent, error: error.description + ".")
        } catch let error as ReportError {
            return try reportsPage(context: context, status: .unprocessableContent, error: error.description)
        }
        return Response.redirect(to: "/reports?done=submitted#clearance")
    }

    // MARK: - Page

    func reportsPage(context: WebContext, status: HTTPResponse.Status = .ok, notice: String? = nil, error: String? = nil) throws -> Response
    {
        guard let user = context.user else { return Response.redirect(to: "/login") }
        let canUpload = Permissions.allows(user.role, .uploadReport)
        let canReview = Permissions.allows(user.role, .reviewReport)
        let canTrack = Permissions.allows(user.role, .trackRecommendations)
        var values: [String: Any] = ["canTrack": canTrack, "canReview": canReview]
        let trips = try register.trips().filter { Permissions.canSee(user, trip: $0) }
        let clearances = try register.clearances()
        if let plan = try adoptedPlan() {
            let (folder, doc) = plan
            let visits = ReportVisit.all(in: doc).filter { user.role != .deskOfficer || $0.manager == user.managerId }
            values["hasPlan"] = true
            values["planName"] = WebText.clean(doc.name)
            values["visits"] = visits.map { v -> [String: Any] in
                let latest = uploads(folder: folder, key: v.key).last
                let check = latest.map { ReportCheck.upload($0, key: v.key) }
                let problems =
                    (check?.problems ?? []) + (check?.placeholders.map { "placeholder left: \($0)" } ?? [])
                    + (check?.emptySections.map { "empty section: \($0)" } ?? [])
                return [
                    "key": WebText.clean(v.key), "href": WebText.pathComponent(v.key), "operation": WebText.clean(v.operation),
                    "date": v.date.iso, "mode": v.mode.rawValue, "manager": WebText.clean(v.manager), "trip": WebText.clean(v.trip?.id),
                    "uploads": uploads(folder: folder, key: v.key).count, "state": check?.state.rawValue ?? "no upload",
                    "problems": problems.map(WebText.clean), "canUpload": canUpload,
                ]
            }
        }
        values["clearance"] = trips.filter { $0.status.hasTravelled || clearances[$0.id] != nil }.map { t -> [String: Any] in
            let c = clearances[t.id]
            let allowed = ReportClearance.allowed(after: c).filter { $0 != .submit }
            return [
                "trip": WebText.clean(t.id), "href": WebText.pathComponent(t.id), "manager": WebText.clean(t.manager),
                "summary": WebText.clean(c?.summary ?? "not submitted"),
                "canSubmit": canUpload && c == nil && Permissions.allows(user, .uploadReport, trip: t),
                "canReview": canReview && !allowed.isEmpty, "steps": allowed.map { ["step": $0.rawValue, "label": Self.stepLabel($0)] },
            ]
        }
        let today = RegisterClock.day(of: register.clock.now())
        let managerOps: Set<String>? =
            user.role == .deskOfficer ? Set(trips.flatMap { $0.stops.map(\.operation) }) : nil
        values["recommendations"] = try register.recommendations().filter { managerOps?.contains($0.operation) ?? true }.map {
            r -> [String: Any] in
            [
                "id": WebText.clean(r.id), "operation": WebText.clean(r.operation), "text": WebText.clean(r.text),
                "addressedTo": WebText.clean(r.addressedTo), "deadline": r.deadline?.iso ?? "", "priority": WebText.clean(r.priority),
                "status": r.status.description, "overdue": r.isOverdue(asOf: today),
                "formId": "rec-" + WebText.pathComponent(r.id).replacingOccurrences(of: "%", with: "_"),
                "statuses": RecommendationStatus.allCases.filter { $0 != r.status }.map {
                    ["value": $0.rawValue, "label": $0.description]
                },
            ]
        }
        values["hasRecommendations"] = !((values["recommendations"] as? [[String: Any]]) ?? []).isEmpty
        values["today"] = today.iso
        return page(
            "reports", title: "Reports", context: context, values: values, status: status, current: "/reports", notice: notice, error: error
        )
    }

    static func stepLabel(_ step: ReportClearance.Step) -> String {
        switch step {
        case .submit: return "submit"
        case .gender: return "gender review"
        case .supervisor: return "supervisor review"
        case .transmit: return "transmit to the mission"
        }
    }
}
