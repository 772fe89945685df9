import Foundation
import Yams

/// A what-if case: the base data with some settings overridden, planned on its own.
///
/// A scenario only names what differs from the data folder; everything it leaves out keeps
/// the value in `policy.yaml` and the CSV files. That keeps a scenarios file short, and a
/// change to the data carries over to every scenario.
public struct Scenario: Sendable, Hashable {
    /// A manager kept from travel for a period in this scenario only.
    public struct Absence: Sendable, Hashable {
        /// A manager id, or nil for every manager (`ALL`).
        public var manager: String?
        public var range: DayRange
        public var reason: String

        public init(manager: String?, range: DayRange, reason: String) {
            self.manager = manager
            self.range = range
            self.reason = reason
        }
    }

    public var id: String
    public var title: String
    public var envelope: Money?
    public var pscRate: Rate?
    /// Operations closed to travel: only a virtual assessment is possible.
    public var virtualOnly: [String]
    public var unavailable: [Absence]
    public var maxStops: Int?
    public var coverage: CoverageMode?
    public var classPolicy: ClassPolicy?

    public init(
        id: String, title: String? = nil, envelope: Money? = nil, pscRate: Rate? = nil, virtualOnly: [String] = [],
        unavailable: [Absence] = [], maxStops: Int? = nil, coverage: CoverageMode? = nil,
        classPolicy: ClassPolicy? = nil
    ) {
        self.id = id
        self.title = title ?? id
        self.envelope = envelope
        self.pscRate = pscRate
        self.virtualOnly = virtualOnly
        self.unavailable = unavailable
        self.maxStops = maxStops
        self.coverage = coverage
        self.classPolicy = classPolicy
    }

    /// The folder name of this scenario's plan, safe whatever the id holds, and never the
    /// name of one of the comparison's own files.
    public var folderName: String {
        let name = safeFileName(id)
        return Scenario.reservedNames.contains(name.lowercased()) ? name + "-plan" : name
    }

    /// The files a comparison folder holds besides the scenarios' plan folders.
    public static let reservedNames: Set<String> = ["comparison.md", "comparison.csv", "comparison.json", "comparison.html", "sweep.svg"]

    /// The data as this scenario sees it.
    ///
    /// Codes and ids are not checked here (the scenarios file loader checks them against the
    /// data); an unknown one changes nothing.
    public func apply(to data: PlanningData) -> PlanningData {
        var out = data
        if envelope != nil || pscRate != nil {
            out.policy.budget = BudgetSplit(
                envelope: envelope ?? data.policy.budget.envelope,
                pscRate: pscRate ?? data.policy.budget.pscRate)
        }
        if let maxStops { out.policy.maxStops = maxStops }
        if let coverage { out.policy.coverage = coverage }
        if let classPolicy { out.policy.classPolicy = classPolicy }
        let closed = Set(virtualOnly)
        for i in out.operations.indices where closed.contains(out.operations[i].code) {
            out.operations[i].virtualOnly = true
        }
        for absence in unavailable {
            for i in out.managers.indices where absence.manager == nil || absence.manager == out.managers[i].id {
                out.managers[i].unavailable.append(Period(range: absence.range, reason: absence.reason))
            }
        }
        return out
    }

    /// What this scenario changes, in words, against the data it applies to (for reports).
    public func changes(from data: PlanningData) -> [String] {
        var out: [String] = []
        let p = data.policy
        if let envelope, envelope != p.budget.envelope { out.append("envelope \(envelope) (base data \(p.budget.envelope))") }
        if let pscRate, pscRate != p.budget.pscRate { out.append("PSC \(pscRate) (base data \(p.budget.pscRate))") }
        if !virtualOnly.isEmpty { out.append("virtual only: " + virtualOnly.joined(separator: ", ")) }
        for a in unavailable {
            out.append(
                "\(a.manager ?? DataLoader.all) unavailable \(a.range.first.iso) to \(a.range.last.iso)"
                    + (a.reason.isEmpty ? "" : " (\(a.reason))"))
        }
        if let maxStops, maxStops != p.maxStops { out.append("at most \(maxStops) stop\(maxStops == 1 ? "" : "s") per trip") }
        if let coverage, coverage != p.coverage { out.append("coverage \(coverage.rawValue)") }
        if let classPolicy, classPolicy != p.classPolicy { out.append("class of travel: \(classPolicy.rawValue)") }
        return out
    }

    /// One scenario per envelope, all else as in the data: the first is the base.
    public static func budgets(_ envelopes: [Money]) -> [Scenario] {
        envelopes.map {
            Scenario(
                id: "budget-\($0.formatted(symbol: false, grouping: false).replacingOccurrences(of: ".00", with: ""))",
                title: "Envelope \($0)", envelope: $0)
        }
    }
}

// MARK: - The scenarios file

/// Reads a scenarios file (YAML) and checks it against the data it will be applied to.
///
/// Errors are `DataErrors` with the file, line and dotted key, like the data files', so one
/// message format serves every file a planner edits by hand.
public enum ScenarioFile {
    public static let defaultName = "scenarios.yaml"

    static let topKeys = ["scenarios"]
    static let scenarioKeys = [
        "id", "title", "envelope", "psc_rate", "virtual_only", "unavailable", "max_stops",
        "coverage", "class_policy",
    ]
    static let absenceKeys = ["manager", "start", "end", "reason"]

    /// Loads and checks a scenarios file.
    ///
    /// - Parameters:
    ///   - url: the YAML file.
    ///   - data: the loaded data folder; codes and ids are checked against it.
    /// - Returns: the scenarios in file order; the first is the base the others are compared with.
    /// - Throws: `DataErrors` listing every problem, each located by file, line and key.
    public static func load(_ url: URL, data: PlanningData) throws -> [Scenario] {
        switch DataFile.load(url, limit: DataFile.largestSettings) {
        case .success(let bytes): return try parse(bytes, file: url.lastPathComponent, data: data)
        case .failure(let issue): throw DataErrors([issue])
        }
    }

    /// Parses scenarios from the bytes of a file named `file` (the name used in messages).
    public static func parse(_ bytes: Data, file: String, data: PlanningData) throws -> [Scenario] {
        let log = IssueLog()
        let scenarios = read(bytes, file: file, data: data, log: log)
        guard log.isEmpty else { throw DataErrors(log.issues) }
        return scenarios
    }

    static func read(_ bytes: Data, file: String, data: PlanningData, log: IssueLog) -> [Scenario] {
        guard let doc = YAMLFields.document(bytes, file: file, log: log) else { return [] }
        doc.checkKeys(topKeys)
        guard let list = doc.child("scenarios") else {
            doc.issue("scenarios", "is missing; list the scenarios under `scenarios:`, each starting with `- id:`")
            return []
        }
        guard let items = list.sequence else {
            doc.issue("scenarios", "expected a list of scenarios, each starting with `- id:`", at: list)
            return []
        }
        if items.count == 0 { doc.issue("scenarios", "has no scenarios; add at least one", at: list) }

        var result: [Scenario] = []
        var seenIds: [String: Int] = [:]
        var seenFolders: [String: (String, Int)] = [:]
        for (index, item) in items.enumerated() {
            let label = "scenarios[\(index + 1)]"
            guard item.mapping != nil else {
                log.add(file: file, line: item.mark?.line, field: label, "expected a group of `key: value` settings starting with `- id:`")
                continue
            }
            // Messages name the scenario by its id once it is known to be good.
            let f = YAMLFields(file: file, node: item, path: YAMLFields.itemPath(item, index: index, in: "scenarios"), log: log)
            if let scenario = readScenario(f, data: data, label: label) {
                let line = f.child("id")?.mark?.line ?? item.mark?.line ?? 0
                if let first = seenIds[scenario.id] {
                    f.issue("id", "\(scenario.id) is already used on line \(first); ids must be unique", at: f.child("id"))
                    continue
                }
                seenIds[scenario.id] = line
                if let (other, first) = seenFolders[scenario.folderName] {
                    f.issue(
                        "id",
                        "\(scenario.id) and \(other) (line \(first)) would share the folder \(scenario.folderName); "
                            + "use letters, digits, '-' and '_'", at: f.child("id"))
                    continue
                }
                seenFolders[scenario.folderName] = (scenario.id, line)
                result.append(scenario)
            }
        }
        return result
    }

    static func readScenario(_ f: YAMLFields, data: PlanningData, label: String) -> Scenario? {
        let before = f.log.count
        f.checkKeys(scenarioKeys)
        let id = f.scalar("id", required: true)?.0.trimmingWhitespace()
        if let id {
            if id.isEmpty {
                f.issue("id", "is empty; give the scenario a short name such as cut-20", at: f.child("id"))
            } else if id.count > 60 {
                f.issue("id", "is longer than 60 characters; use a short name such as cut-20", at: f.child("id"))
            } else if let problem = FileNameRules.problem(with: id) {
                // The id names the scenario's plan folder.
                f.issue("id", "\(problem); choose another id", at: f.child("id"))
            }
        }
        let title = f.scalar("title")?.0.trimmingWhitespace()
        let envelope = f.money("envelope")
        let psc = f.rate("psc_rate", max: 1_000_000)
        let maxStops = f.int("max_stops", in: 1...6)
        let coverage = f.choice("coverage", [("maximize", CoverageMode.maximize), ("required", .required)])
        let classPolicy = f.choice(
            "class_policy",
            [
                ("rule", ClassPolicy.rule), ("economy-only", .economyOnly),
                ("economy_only", .economyOnly),
            ])

        var closed: [String] = []
        let codes = data.operations.map(\.code)
        for (code, node) in f.stringList("virtual_only") ?? [] {
            let code = code.trimmingWhitespace()
            if !codes.contains(code) {
                f.issue("virtual_only", DataLoader.unknownOperation(code, Set(codes)), at: node)
            } else if closed.contains(code) {
                f.issue("virtual_only", "\(code) is listed twice", at: node)
            } else {
                closed.append(code)
            }
        }
        let absences = readAbsences(f, data: data)

        guard f.log.count == before, let id else { return nil }
        return Scenario(
            id: id, title: title.flatMap { $0.isEmpty ? nil : $0 }, envelope: envelope, pscRate: psc,
            virtualOnly: closed, unavailable: absences, maxStops: maxStops, coverage: coverage,
            classPolicy: classPolicy)
    }

    /// `unavailable:` — a list of `{manager, start, end, reason}` groups.
    static func readAbsences(_ f: YAMLFields, data: PlanningData) -> [Scenario.Absence] {
        guard let node = f.child("unavailable") else { return [] }
        guard let items = node.sequence else {
            f.issue("unavailable", "expected a list of periods, each as `- manager: ID` with start, end and reason", at: node)
            return []
        }
        let ids = data.managers.map(\.id)
        let horizon = data.policy.horizon
        var out: [Scenario.Absence] = []
        for (index, item) in items.enumerated() {
            let g = YAMLFields(
                file: f.file, node: item, path: f.path.isEmpty ? "unavailable[\(index + 1)]" : "\(f.path).unavailable[\(index + 1)]",
                log: f.log)
            guard item.mapping != nil else {
                f.log.add(file: f.file, line: item.mark?.line, field: g.path, "expected a group with manager, start, end and reason")
                continue
            }
            g.checkKeys(absenceKeys)
            var manager: String?? = nil
            if let (id, n) = g.scalar("manager", required: true) {
                let id = id.trimmingWhitespace()
                if id.uppercased() == DataLoader.all {
                    manager = .some(nil)
                } else if ids.contains(id) {
                    manager = .some(id)
                } else {
                    let hint = Suggestion.hint(for: id, in: ids)
                    g.issue("manager", "unknown manager \(id)\(hint); use an id from \(DataLoader.managersFile) or ALL", at: n)
                }
            }
            let start = g.day("start", required: true)
            let end = g.day("end", required: true)
            let reason = g.scalar("reason")?.0.trimmingWhitespace() ?? ""
            guard let start, let end else { continue }
            if end < start {
                g.issue("end", "\(end.iso) is before start (\(start.iso))", at: g.child("end"))
                continue
            }
            if !horizon.overlaps(DayRange(start, end)) {
                g.issue(
                    "start", "\(start.iso) – \(end.iso) lies outside the planning horizon \(horizon.first.iso) – \(horizon.last.iso)",
                    at: g.child("start"))
                continue
            }
            if let manager {
                out.append(Scenario.Absence(manager: manager, range: DayRange(start, end), reason: reason))
            }
        }
        return out
    }
}
