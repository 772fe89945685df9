import Foundation
import VisitPlannerCore

/// What `ReportTemplates.initialize` did, counted in files.
public struct ReportInitSummary: Equatable, Sendable {
    /// The reports folder.
    public var folder: URL
    public var visits = 0
    /// New templates written.
    public var created: [String] = []
    /// Unedited templates rewritten because the plan changed what they say.
    public var refreshed: [String] = []
    /// Unedited templates already up to date.
    public var unchanged: [String] = []
    /// Reports someone edited: left exactly as they are.
    public var keptEdited: [String] = []
    /// Reports whose visit is no longer in the plan: kept, flagged by `reports status`.
    public var orphaned: [String] = []
    public var warnings: [String] = []

    /// One line for the terminal.
    public var description: String {
        var parts = [
            "\(created.count) created", "\(refreshed.count) refreshed", "\(unchanged.count) unchanged",
            "\(keptEdited.count) kept (edited)",
        ]
        if !orphaned.isEmpty { parts.append("\(orphaned.count) orphaned (visit no longer planned; kept)") }
        return "Report templates for \(visits) visit\(visits == 1 ? "" : "s") in \(folder.path)/: " + parts.joined(separator: ", ")
    }
}

/// Writes an assessment-report template, in Markdown and Word, for every visit of a plan.
public enum ReportTemplates {
    /// Writes `reports/<operation>-<date>.md` and `.docx` for every visit in
    /// `planFolder/plan.json`, and `reports/.ledger.json`.
    ///
    /// Never loses work: a file that differs from what was generated (or that the ledger does
    /// not know) is left byte-for-byte as it is; only unedited templates are refreshed. Reports
    /// of visits that left the plan are kept. Running it twice in a row writes nothing new.
    /// - Parameter planFolder: the folder `visitplan plan` wrote, holding plan.json.
    /// - Returns: what was created, refreshed, left alone or found orphaned.
    /// - Throws: `ReportError` if plan.json is missing or unreadable, or a file cannot be written.
    @discardableResult
    public static func initialize(planFolder: URL) throws -> ReportInitSummary {
        let plan = try ReportError.loadPlan(planFolder)
        let folder = planFolder.appendingPathComponent("reports", isDirectory: true)
        var summary = ReportInitSummary(folder: folder)
        let visits = ReportVisit.all(in: plan)
        summary.visits = visits.count
        var (ledger, warning) = ReportLedger.load(from: folder)
        if let warning { summary.warnings.append(warning) }
        let originalLedger = ledger

        let existing = ReportFiles.scan(folder)
        let planned = Set(visits.map(\.key))
        let history = ReportHistory(planFolder: planFolder, ownReports: existing, ownLedger: ledger, planned: planned)
        summary.warnings += history.warnings

        for visit in visits {
            let previous = history.previous(operation: visit.operation, before: visit.date)
            let blocks = ReportTemplate.blocks(for: visit, plan: plan, previous: previous)
            let markdown = Data(ReportMarkdown.render(blocks).utf8)
            let title: String = {
                if case .title(let t)? = blocks.first { return t }
                return visit.key
            }()
            let word: Data
            do {
                word = try DocxWriter.render(blocks, title: title)
            } catch {
                throw ReportError.writeFailed(path: folder.appendingPathComponent(visit.key + ".docx").path, reason: "\(error)")
            }
            let placeholders = blocks.reduce(0) { n, b in
                switch b {
                case .paragraph(let t), .field(_, let t): return n + Placeholder.find(in: t).count
                case .table(_, let rows): return n + rows.flatMap { $0 }.reduce(0) { $0 + Placeholder.find(in: $1).count }
                default: return n
                }
            }
            for (ext, bytes) in [("md", markdown), ("docx", word)] {
                let name = "\(visit.key).\(ext)"
                let url = folder.appendingPathComponent(name)
                let entry = ReportLedger.Entry(
                    visit: visit.key, operation: visit.operation, date: visit.date.iso,
                    mode: visit.mode.rawValue, sha256: SHA256.hex(bytes), placeholders: placeholders)
                if FileManager.default.fileExists(atPath: url.path) {
                    if ledger.isEdited(url) {
                        summary.keptEdited.append(name)
                        continue
                    }
                    if (try? Data(contentsOf: url)) == bytes {
                        summary.unchanged.append(name)
                    } else {
                        try ReportError.write(bytes, to: url)
                        summary.refreshed.append(name)
                    }
                } else {
                    try ReportError.write(bytes, to: url)
                    summary.created.append(name)
                }
                ledger.files[name] = entry
            }
        }
        for files in existing where !planned.contains(files.key) {
            summary.orphaned += files.all.map(\.lastPathComponent)
        }
        if ledger != originalLedger || !FileManager.default.fileExists(atPath: folder.appendingPathComponent(ReportLedger.fileName).path) {
            try ReportError.write(try ledger.encoded(), to: folder.appendingPathComponent(ReportLedger.fileName))
        }
        return summary
    }
}

/// Earlier reports on the same operations, for the follow-up section: this plan's own
/// reports of earlier planned visits, and every report in the sibling plan folders (earlier
/// years written next to this one by `visitplan plan --out`).
struct ReportHistory {
    struct Candidate {
        var operation: String
        var date: Day
        var files: ReportFiles
        var ledger: ReportLedger
    }

    var candidates: [Candidate] = []
    var warnings: [String] = []

    init(planFolder: URL, ownReports: [ReportFiles], ownLedger: ReportLedger, planned: Set<String>) {
        func add(_ files: ReportFiles, ledger: ReportLedger) {
            let entry = files.all.lazy.compactMap { ledger.files[$0.lastPathComponent] }.first
            if let entry, let day = Day(iso: entry.date) {
                candidates.append(Candidate(operation: entry.operation, date: day, files: files, ledger: ledger))
            } else if let parsed = ReportFiles.parseKey(files.key) {
                candidates.append(Candidate(operation: parsed.operation, date: parsed.date, files: files, ledger: ledger))
            }
        }
        // A report of this plan whose visit moved is the same visit, not an earlier one.
        for files in ownReports where planned.contains(files.key) { add(files, ledger: ownLedger) }
        let parent = planFolder.standardizedFileURL.deletingLastPathComponent()
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        for name in siblings.sorted() {
            let sibling = parent.appendingPathComponent(name, isDirectory: true)
            guard sibling.standardizedFileURL.path != planFolder.standardizedFileURL.path,
                FileManager.default.fileExists(atPath: sibling.appendingPathComponent("plan.json").path)
            else { continue }
            let reports = sibling.appendingPathComponent("reports", isDirectory: true)
            let ledger = ReportLedger.load(from: reports).ledger
            for files in ReportFiles.scan(reports) { add(files, ledger: ledger) }
        }
    }

    /// The latest report on `operation` dated before `day` that someone worked on, with its
    /// recommendations. Untouched templates are skipped: they have nothing to follow up, and
    /// skipping them makes a second `init` write the same as the first.
    func previous(operation: String, before day: Day) -> PreviousReport? {
        let earlier = candidates.filter { $0.operation == operation && $0.date < day }.sorted { $0.date > $1.date }
        for candidate in earlier {
            let choice = ReportChoice(candidate.files, ledger: candidate.ledger)
            guard choice.edited, let chosen = choice.url else { continue }
            guard let read = try? ReportFileReader.read(chosen) else { continue }
            let findings = ReportChecker.check(read.blocks)
            return PreviousReport(fileName: chosen.lastPathComponent, date: candidate.date, recommendations: findings.recommendations)
        }
        return nil
    }
}

/// Which file of a visit's pair holds the desk officer's work.
struct ReportChoice {
    var url: URL?
    var edited: Bool
    var note: String?

    /// The edited file; if both were edited, the one changed last (and a note saying so);
    /// if neither, the Markdown file (both say the same).
    init(_ files: ReportFiles, ledger: ReportLedger) {
        let md = files.markdown.map { ($0, ledger.isEdited($0)) }
        let word = files.word.map { ($0, ledger.isEdited($0)) }
        switch (md, word) {
        case let ((mdURL, true)?, (wordURL, true)?):
            let later = modified(wordURL) >= modified(mdURL) ? wordURL : mdURL
            let other = later == wordURL ? mdURL : wordURL
            self.init(
                url: later, edited: true,
                note:
                    "both \(mdURL.lastPathComponent) and \(wordURL.lastPathComponent) were edited: checked \(later.lastPathComponent) (changed last); copy any work from \(other.lastPathComponent) into it"
            )
        case let ((url, true)?, _), let (_, (url, true)?):
            self.init(url: url, edited: true, note: nil)
        default:
            self.init(url: files.markdown ?? files.word, edited: false, note: nil)
        }
    }

    private init(url: URL?, edited: Bool, note: String?) {
        self.url = url
        self.edited = edited
        self.note = note
    }
}

private func modified(_ url: URL) -> Date {
    ((try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date) ?? .distantPast
}
