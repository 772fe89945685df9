import Foundation
import GRDB
import Hummingbird
import VisitPlannerCore
import VisitPlannerRegister

// MARK: - The data page: tables, one row edited, added or deleted at a time, and the policy

extension WebApp {
    /// The tables the page shows and edits, in page order.
    static let dataTables: [(file: String, title: String)] = [
        (DataLoader.operationsFile, "Operations"), (DataLoader.managersFile, "Mission managers"),
        (DataLoader.windowsFile, "Windows (blackouts and preferred periods)"),
        (DataLoader.unavailabilityFile, "Leave and unavailability"), (DataLoader.faresFile, "Fares"),
        (DataLoader.dsaFile, "Daily subsistence allowance"),
    ]

    func addDataRoutes(to router: Router<WebContext>) {
        router.get("/data") { request, context in
            if let refused = self.refusal(.viewData, target: "/data", context: context) { return refused }
            let saved = request.uri.queryParameters["saved"].map { String($0) }
            return self.dataPage(
                context: context, notice: saved.flatMap { $0 == DataLoader.policyFile ? $0 : Self.dataTable($0) }.map { "Saved \($0)." })
        }
        router.get("/data/policy") { _, context in
            if let refused = self.refusal(.viewData, target: "/data/policy", context: context) { return refused }
            return self.policyPage(context: context)
        }
        router.post("/data/policy") { _, context in
            if let refused = self.refusal(.editData, target: "/data/policy", context: context) { return refused }
            return try self.savePolicy(context: context)
        }
        router.get("/data/:file/:row") { _, context in
            let (file, row) = Self.dataAddress(context)
            if let refused = self.refusal(.viewData, target: "/data/\(file)/\(row)", context: context) { return refused }
            guard let file = Self.dataTable(file), let table = self.readTable(file), let index = Self.rowIndex(row, in: table) else {
                return self.notFound(context)
            }
            let cells = index.map { table.cells($0) } ?? [:]
            return self.rowPage(file: file, table: table, index: index, cells: cells, context: context)
        }
        router.post("/data/:file/:row") { _, context in
            let (file, row) = Self.dataAddress(context)
            if let refused = self.refusal(.editData, target: "/data/\(file)/\(row)", context: context) { return refused }
            guard let file = Self.dataTable(file), let table = self.readTable(file), let index = Self.rowIndex(row, in: table) else {
                return self.notFound(context)
            }
            return try self.saveRow(file: file, table: table, index: index, delete: false, context: context)
        }
        router.post("/data/:file/:row/delete") { _, context in
            let (file, row) = Self.dataAddress(context)
            if let refused = self.refusal(.editData, target: "/data/\(file)/\(row)/delete", context: context) { return refused }
            guard let file = Self.dataTable(file), let table = self.readTable(file), let index = Self.rowIndex(row, in: table) ?? nil else {
                return self.notFound(context)
            }
            return try self.saveRow(file: file, table: table, index: index, delete: true, context: context)
        }
    }

    // MARK: - Addresses

    static func dataAddress(_ context: WebContext) -> (String, String) {
        (context.parameters.get("file") ?? "", context.parameters.get("row") ?? "")
    }

    /// The table's file name when it is one the page edits (nothing else is ever opened).
    static func dataTable(_ name: String) -> String? { dataTables.first { $0.file == name }?.file }

    /// `new` → nil (a row to add); `1`… → that row's index; anything else is no row.
    static func rowIndex(_ row: String, in table: CSVFileText) -> Int?? {
        if row == "new" { return .some(nil) }
        guard let n = Int(row), n >= 1, n <= table.rows.count else { return nil }
        return .some(n - 1)
    }

    func dataURL(_ file: String) -> URL { configuration.dataFolder.appendingPathComponent(file) }

    func readTable(_ file: String) -> CSVFileText? {
        (try? Data(contentsOf: dataURL(file))).flatMap(CSVFileText.parse)
    }

    func fileDigest(_ file: String) -> String {
        ((try? Data(contentsOf: dataURL(file))).map { ContentHash.sha256($0) }) ?? ""
    }

    // MARK: - Checking a would-be data set

    /// The problems `visitplan validate` reports for the data folder (the scenarios included).
    func dataIssues() -> [DataIssue] { Self.issues(of: configuration.dataFolder) }

    static func issues(of folder: URL) -> [DataIssue] {
        do {
            let data = try DataLoader.load(directory: folder)
            let scenarios = folder.appendingPathComponent(ScenarioFile.defaultName)
            if FileManager.default.fileExists(atPath: scenarios.path) { _ = try ScenarioFile.load(scenarios, data: data) }
            return []
        } catch let errors as DataErrors {
            return errors.issues
        } catch {
            return [DataIssue(file: folder.lastPathComponent, "\(error)")]
        }
    }

    /// The problems of the data folder with one file replaced: a staging copy of the folder is
    /// loaded, so the data folder itself is untouched until the change passes.
    func stagedIssues(file: String, text: String) throws -> [DataIssue] {
        let fm = FileManager.default
        let staging = fm.temporaryDirectory.appendingPathComponent("visitplan-staging-\(UUID().uuidString)", isDirectory: true)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: staging) }
        for name in try fm.contentsOfDirectory(atPath: configuration.dataFolder.path) where !name.hasPrefix(".") && name != file {
            let source = configuration.dataFolder.appendingPathComponent(name)
            let type = (try? fm.attributesOfItem(atPath: source.path))?[.type] as? FileAttributeType
            guard type == .typeRegular else { continue }
            try fm.copyItem(at: source, to: staging.appendingPathComponent(name))
        }
        try Data(text.utf8).write(to: staging.appendingPathComponent(file))
        return Self.issues(of: staging)
    }

    /// Whether a change may be saved: it adds no problem the data did not have, and leaves none
    /// on the rows or keys it touched. (A data set with a problem elsewhere can still be fixed
    /// one row at a time.)
    static func acceptable(_ new: [DataIssue], current: [DataIssue], touched: (DataIssue) -> Bool) -> Bool {
        let known = Set(current.map { "\($0.file)\u{0}\($0.field ?? "")\u{0}\($0.message)" })
        return new.allSatisfy { !touched($0) && known.contains("\($0.file)\u{0}\($0.field ?? "")\u{0}\($0.message)") }
    }

    /// Writes a data file atomically and records the change in the register's history.
    func writeData(file: String, text: String, action: String, field: String?, old: String?, new: String?, user: RegisterUser) throws {
        try AtomicFile.write(text, to: dataURL(file))
        let actor = try actor(for: user)
        try register.write { db in
            var entry = HistoryEntry(
                at: RegisterClock.timestamp(register.clock.now()), by: actor.recorded, entity: "data", entityId: file, action: action,
                field: field, old: old?.databaseValue ?? .null, new: new?.databaseValue ?? .null, comment: nil)
            try entry.insert(db)
        }
    }

    // MARK: - Rows

    func saveRow(file: String, table: CSVFileText, index: Int?, delete: Bool, context: WebContext) throws -> Response {
        guard let user = context.user else { return Response.redirect(to: "/login") }
        let typed = Dictionary(
            uniqueKeysWithValues: table.header.map { ($0, (context.form["c." + $0] ?? "").trimmingCharacters(in: .whitespaces)) })
        dataLock.lock()
        defer { dataLock.unlock() }
        guard context.form["digest"] == fileDigest(file) else {
            let text = "\(file) was changed by someone else since you opened it. Open it again and redo your change."
            if delete { return dataPage(context: context, status: .conflict, error: text) }
            return rowPage(file: file, table: table, index: index, cells: typed, context: context, status: .conflict, error: text)
        }
        var changed = table
        let old = index.map { table.rows[$0].map(table.quoted).joined(separator: String(table.separator)) }
        var line: Int?
        if delete, let index {
            changed.rows.remove(at: index)
            changed.lines.remove(at: index)
        } else if let index {
            changed.rows[index] = table.row(from: typed)
            line = changed.writtenLines()[index]
        } else {
            changed.rows.append(table.row(from: typed))
            changed.lines.append(0)
            line = changed.writtenLines().last
        }
        let text = changed.text()
        let issues = try stagedIssues(file: file, text: text)
        let current = dataIssues()
        let ok = Self.acceptable(issues, current: current) { $0.file == file && line != nil && $0.line == line }
        guard ok else {
            if delete {
                return dataPage(
                    context: context, status: .unprocessableContent,
                    error: "Row \((index ?? 0) + 1) of \(file) cannot be deleted: " + issues.map(\.description).joined(separator: "; "))
            }
            return rowPage(file: file, table: table, index: index, cells: typed, context: context, issues: issues, line: line)
        }
        let new = delete ? nil : table.row(from: typed).map(table.quoted).joined(separator: String(table.separator))
        let action = delete ? "delete" : index == nil ? "add" : "edit"
        let field = index.map { "row \($0 + 1)" } ?? "row \(changed.rows.count)"
        try writeData(file: file, text: text, action: action, field: field, old: old, new: new, user: user)
        return Response.redirect(to: "/data?saved=\(WebText.pathComponent(file))#table-\(Self.anchor(file))")
    }

    static func anchor(_ file: String) -> String { String(file.prefix { $0 != "." }) }

    /// The form of one row (a new one when `index` is nil), with the problems found next to
    /// their fields and the rest above the form.
    func rowPage(
        file: String, table: CSVFileText, index: Int?, cells: [String: String], context: WebContext,
        status: HTTPResponse.Status? = nil, error: String? = nil, issues: [DataIssue]? = nil, line: Int? = nil
    ) -> Response {
        let shownIssues: [DataIssue]
        let rowLine: Int?
        if let issues {
            shownIssues = issues
            rowLine = line
        } else {
            shownIssues = dataIssues()
            rowLine = index.map { table.lines[$0] }
        }
        let onRow = shownIssues.filter { $0.file == file && rowLine != nil && $0.line == rowLine }
        let columns = Set(table.header.map { $0.lowercased() })
        let fields = table.header.enumerated().map { offset, column -> [String: Any] in
            let mine = onRow.filter { $0.field?.lowercased() == column.lowercased() }.map { WebText.clean($0.message) }
            return [
                "name": "c." + column, "id": "field-\(offset)", "label": WebText.clean(column), "value": WebText.clean(cells[column] ?? ""),
                "errors": mine, "hasErrors": !mine.isEmpty,
            ]
        }
        let others = shownIssues.filter { issue in
            !(issue.file == file && rowLine != nil && issue.line == rowLine
                && issue.field.map { columns.contains($0.lowercased()) } == true)
        }
        let failed = issues != nil
        let values: [String: Any] = [
            "file": WebText.clean(file), "action": "/data/\(file)/\(index.map { String($0 + 1) } ?? "new")",
            "digest": fileDigest(file), "fields": fields, "isNew": index == nil,
            "canEdit": context.user.map { Permissions.allows($0.role, .editData) } ?? false,
            "others": others.map { WebText.clean($0.description) }, "hasOthers": !others.isEmpty, "failed": failed,
        ]
        let title = index.map { "\(file), row \($0 + 1)" } ?? "\(file), new row"
        return page(
            "dataRow", title: title, context: context, values: values, status: status ?? (failed ? .unprocessableContent : .ok),
            current: "/data",
            error: error ?? (failed ? "Not saved: the change does not pass the data checks. Fix the fields marked below." : nil))
    }

    // MARK: - The page of every table

    func dataPage(context: WebContext, status: HTTPResponse.Status = .ok, notice: String? = nil, error: String? = nil) -> Response {
        let issues = dataIssues()
        let canEdit = context.user.map { Permissions.allows($0.role, .editData) } ?? false
        let tables = Self.dataTables.map { file, title -> [String: Any] in
            guard let table = readTable(file) else {
                return ["title": title, "file": file, "anchor": Self.anchor(file), "missing": true]
            }
            let digest = fileDigest(file)
            let rows = table.rows.indices.map { i -> [String: Any] in
                let problems = issues.filter { $0.file == file && $0.line == table.lines[i] }
                    .map { ($0.field.map { "\($0): " } ?? "") + $0.message }.map(WebText.clean)
                return [
                    "number": i + 1, "cells": table.header.map { WebText.clean(table.cells(i)[$0] ?? "") },
                    "problems": problems, "bad": !problems.isEmpty, "href": "/data/\(file)/\(i + 1)", "digest": digest,
                ]
            }
            return [
                "title": title, "file": file, "anchor": Self.anchor(file), "header": table.header.map(WebText.clean), "rows": rows,
                "canEdit": canEdit, "count": table.rows.count,
            ]
        }
        let values: [String: Any] = [
            "tables": tables, "issues": issues.map { WebText.clean($0.description) }, "valid": issues.isEmpty, "canEdit": canEdit,
            "policy": PolicyText.fields.map {
                ["key": $0.key, "label": $0.label, "value": WebText.clean(policyText()?.value($0.key) ?? "")]
            },
        ]
        return page("data", title: "Data", context: context, values: values, status: status, current: "/data", notice: notice, error: error)
    }

    // MARK: - Policy

    func policyText() -> PolicyText? {
        (try? String(contentsOf: dataURL(DataLoader.policyFile), encoding: .utf8)).map(PolicyText.init)
    }

    func policyPage(
        context: WebContext, typed: [String: String]? = nil, issues: [DataIssue]? = nil, status: HTTPResponse.Status = .ok,
        error: String? = nil
    ) -> Response {
        guard let policy = policyText() else { return notFound(context) }
        let shown = (issues ?? dataIssues()).filter { $0.file == DataLoader.policyFile }
        let keys = Set(PolicyText.fields.map(\.key))
        let fields = PolicyText.fields.map { key, label -> [String: Any] in
            let mine = shown.filter { $0.field == key }.map { WebText.clean($0.message) }
            return [
                "name": key, "id": "policy-" + key.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: "_", with: "-"),
                "label": label, "value": WebText.clean(typed?[key] ?? policy.value(key)), "errors": mine, "hasErrors": !mine.isEmpty,
            ]
        }
        let others = (issues ?? dataIssues()).filter { !($0.file == DataLoader.policyFile && $0.field.map(keys.contains) == true) }
        let values: [String: Any] = [
            "fields": fields, "digest": fileDigest(DataLoader.policyFile),
            "canEdit": context.user.map { Permissions.allows($0.role, .editData) } ?? false,
            "others": others.map { WebText.clean($0.description) }, "hasOthers": !others.isEmpty,
        ]
        return page("policy", title: "Policy", context: context, values: values, status: status, current: "/data", error: error)
    }

    func savePolicy(context: WebContext) throws -> Response {
        guard let user = context.user, var policy = policyText() else { return notFound(context) }
        let typed = Dictionary(uniqueKeysWithValues: PolicyText.fields.map { ($0.key, context.form[$0.key] ?? "") })
        dataLock.lock()
        defer { dataLock.unlock() }
        guard context.form["digest"] == fileDigest(DataLoader.policyFile) else {
            return policyPage(
                context: context, typed: typed, status: .conflict,
                error: "policy.yaml was changed by someone else since you opened it. Open it again and redo your change.")
        }
        let before = policy
        for (key, _) in PolicyText.fields { policy.set(key, to: typed[key] ?? "") }
        let changedKeys = PolicyText.fields.map(\.key).filter { before.value($0) != policy.value($0) }
        if changedKeys.isEmpty { return Response.redirect(to: "/data?saved=policy.yaml#policy") }
        let issues = try stagedIssues(file: DataLoader.policyFile, text: policy.text)
        let ok = Self.acceptable(issues, current: dataIssues()) {
            $0.file == DataLoader.policyFile && $0.field.map(changedKeys.contains) == true
        }
        guard ok else {
            return policyPage(
                context: context, typed: typed, issues: issues, status: .unprocessableContent,
                error: "Not saved: the change does not pass the data checks. Fix the fields marked below.")
        }
        try writeData(
            file: DataLoader.policyFile, text: policy.text, action: "edit", field: changedKeys.joined(separator: ", "),
            old: changedKeys.map { "\($0): \(before.value($0))" }.joined(separator: "; "),
            new: changedKeys.map { "\($0): \(policy.value($0))" }.joined(separator: "; "), user: user)
        return Response.redirect(to: "/data?saved=policy.yaml#policy")
    }
}
