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
///
/// The promise to desk officers: a report someone edited is never overwritten, whatever the
/// timing of their save, in Markdown or Word, saved in place or by renaming a new file over it.
/// A template is replaced only through `GuardedFile` (exchange, then check what was exchanged
/// out), and only while its bytes are exactly a version VisitPlanner generated (the ledger).
/// Runs on the same plan folder take turns (`FolderLock`), and the ledger is written before
/// the files it describes, so a killed run never makes an untouched template look edited.
public enum ReportTemplates {
    /// Writes `reports/<key>.md` and `.docx` (see `ReportVisit.key`) for every visit in
    /// `planFolder/plan.json`, and `reports/.ledger.json`.
    ///
    /// Never loses work: a file that differs from every version generated (or that the ledger
    /// does not know and that is not exactly the template) is left byte-for-byte as it is; only
    /// unedited templates are refreshed. Reports of visits that left the plan are kept. Running
    /// it twice in a row writes nothing new.
    /// - Parameters:
    ///   - planFolder: the folder `visitplan plan` wrote, holding plan.json.
    ///   - onWait: told, once, when another run is writing the folder and this one waits.
    ///   - timeout: how long to wait for another run.
    ///   - followUp: the recommendations to follow up at a visit, when they come from the
    ///     register rather than from earlier reports in the folders.
    /// - Returns: what was created, refreshed, left alone or found orphaned.
    /// - Throws: `ReportError` if plan.json is missing or unreadable, or a file cannot be written.
    @discardableResult
    public static func initialize(
        planFolder: URL, onWait: ((String) -> Void)? = nil, timeout: TimeInterval = 120,
        followUp: ((_ operation: String, _ visit: Day) -> PreviousReport?)? = nil
    ) throws -> ReportInitSummary {
        let planFile = planFolder.appendingPathComponent("plan.json")
        guard FileManager.default.fileExists(atPath: planFile.path) else { throw ReportError.planMissing(path: planFile.path) }
        let lock: FolderLock
        do {
            lock = try FolderLock.acquire(planFolder, timeout: timeout, onWait: onWait)
        } catch let error as FileSystemError {
            throw ReportError.writeFailed(path: planFolder.path, reason: "\(error)")
        }
        return try initialize(planFolder: planFolder, lock: lock, followUp: followUp)
    }

    /// `initialize` for a caller that holds the plan folder's lock already (`PlanWriter`).
    /// `followUp`, when given (the register's open recommendations), replaces the earlier
    /// reports found in the folders as the source of each template's follow-up section.
    package static func initialize(
        planFolder: URL, lock: FolderLock, followUp: ((_ operation: String, _ visit: Day) -> PreviousReport?)? = nil
    ) throws -> ReportInitSummary {
        let plan = try ReportError.loadPlan(planFolder)
        let folder = planFolder.appendingPathComponent("reports", isDirectory: true)
        let reports = try reportsDirectory(planFolder: planFolder, lock: lock)
        // Temporary files of a run killed while writing here.
        for name in (try? reports.entries()) ?? [] where DirectoryHandle.isAbandonedTemporary(name) {
            try? reports.unlink(name)
        }
        var summary = ReportInitSummary(folder: folder)
        let visits = ReportVisit.all(in: plan)
        summary.visits = visits.count
        let (ledger, warning) = ReportLedger.load(from: reports)
        if let warning { summary.warnings.append(warning) }

        let existing = ReportFiles.scan(folder)
        let planned = Set(visits.map(\.key))
        let history = ReportHistory(planFolder: planFolder, ownReports: existing, ownLedger: ledger, planned: planned)
        summary.warnings += history.warnings

        // Everything is rendered, and what to do with each file decided, before anything is written.
        var pending: [PendingTemplate] = []
        for visit in visits {
            let previous =
                followUp.map { $0(visit.operation, visit.date) } ?? history.previous(operation: visit.operation, before: visit.date)
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
                let entry = ReportLedger.Entry(
                    visit: visit.key, operation: visit.operation, date: visit.date.iso,
                    mode: visit.mode.rawValue, sha256: ContentHash.sha256(bytes), placeholders: placeholders)
                pending.append(PendingTemplate(name: name, bytes: bytes, entry: entry, state: .of(name, in: reports, bytes, ledger)))
            }
        }

        // The ledger learns every version before it is written.
        var ahead = ledger
        for template in pending where template.state != .edited {
            ahead.files[template.name] = template.entry.replacing(ledger.files[template.name])
        }
        try saveLedger(ahead, in: reports)

        var final = ahead
        for template in pending {
            guard template.state != .edited else {
                summary.keptEdited.append(template.name)
                continue
            }
            let ours = ahead.files[template.name]?.hashes ?? []
            let outcome: GuardedFile.Outcome
            do {
                outcome = try GuardedFile.update(template.name, in: reports, with: template.bytes, ours: ours)
            } catch {
                throw ReportError.writeFailed(path: reports.path(template.name), reason: "\(error)")
            }
            switch outcome {
            case .created: summary.created.append(template.name)
            case .replaced: summary.refreshed.append(template.name)
            case .unchanged: summary.unchanged.append(template.name)
            case .kept, .keptBoth:
                summary.keptEdited.append(template.name)
                if let before = ledger.files[template.name] { final.files[template.name] = before.replacing(ahead.files[template.name]) }
                if case .keptBoth(let copy) = outcome {
                    summary.warnings.append(
                        "\(template.name) was saved twice while its template was being refreshed: both saves are kept, as \(template.name) and \(copy)"
                    )
                }
            }
        }
        for files in existing where !planned.contains(files.key) {
            summary.orphaned += files.all.map(\.lastPathComponent)
        }
        try saveLedger(final, in: reports)
        return summary
    }

    /// The plan folder's `reports/`, created if missing, opened through the locked folder (so
    /// never through a symbolic link).
    /// - Throws: `ReportError` when the plan folder is gone or the folder cannot be made.
    static func reportsDirectory(planFolder: URL, lock: FolderLock) throws -> DirectoryHandle {
        do {
            guard let planDirectory = try lock.parent.subdirectory(lock.name, create: false),
                let opened = try planDirectory.subdirectory("reports", create: true)
            else { throw ReportError.planMissing(path: planFolder.appendingPathComponent("plan.json").path) }
            return opened
        } catch let error as FileSystemError {
            throw ReportError.writeFailed(path: planFolder.appendingPathComponent("reports").path, reason: "\(error)")
        }
    }

    /// Writes the ledger, merged with the one on disk so that no entry is ever lost, unless
    /// that changes nothing.
    private static func saveLedger(_ ledger: ReportLedger, in reports: DirectoryHandle) throws {
        let onDisk = ReportLedger.load(from: reports).ledger
        let merged = ledger.merged(with: onDisk)
        guard merged != onDisk || reports.info(ReportLedger.fileName) == nil else { return }
        do {
            try AtomicFile.write(try merged.encoded(), named: ReportLedger.fileName, in: reports)
        } catch {
            throw ReportError.writeFailed(path: reports.path(ReportLedger.fileName), reason: "\(error)")
        }
    }
}

/// One template to write, and what the file at its name is before the run.
private struct PendingTemplate {
    enum State: Equatable {
        /// No file, or a version VisitPlanner generated, or exactly these bytes.
        case ours
        /// Someone's: never touched.
        case edited

        static func of(_ name: String, in folder: DirectoryHandle, _ bytes: Data, _ ledger: ReportLedger) -> State {
            guard let info = folder.info(name) else { return .ours }
            guard info.kind == .file, let current = try? folder.read(name) else { return .edited }
            if current == bytes { return .ours }
            return ledger.files[name]?.hashes.contains(ContentHash.sha256(current)) == true ? .ours : .edited
        }
    }

    var name: String
    var bytes: Data
    var entry: ReportLedger.Entry
    var state: State
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
                // Not in the ledger: a date-named file tells its date, a template its title.
                let titled = (files.all + [files.upload?.url].compactMap { $0 }).lazy.compactMap { try? ReportFileReader.read($0).blocks }
                    .compactMap(SubmittedReport.titleDate).first
                guard let day = parsed.date ?? titled else { return }
                candidates.append(Candidate(operation: parsed.operation, date: day, files: files, ledger: ledger))
            }
        }
        // A report of this plan whose visit moved is the same visit, not an earlier one.
        for files in ownReports where planned.contains(files.key) { add(files, ledger: ownLedger) }
        let parent = planFolder.standardizedFileURL.deletingLastPathComponent()
        let siblings = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
        // Hidden entries are not plans: staging folders of a run in progress, lock files.
        for name in siblings.sorted() where !name.hasPrefix(".") {
            let sibling = parent.appendingPathComponent(name, isDirectory: true)
            guard sibling.standardizedFileURL.path != planFolder.standardizedFileURL.path,
                FileManager.default.fileExists(atPath: sibling.appendingPathComponent("plan.json").path)
            else { continue }
            let reports = sibling.appendingPathComponent("reports", isDirectory: true)
            let ledger = ReportLedger.load(from: reports).ledger
            // A sibling's report under a key this plan has is the same visit (keys follow the
            // trips: a what-if or a re-plan of the same year), not an earlier one.
            for files in ReportFiles.scan(reports) where !planned.contains(files.key) { add(files, ledger: ledger) }
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

    /// The officer's report: the latest upload through the web pages when there is no edited
    /// file or the upload is newer (with a note); else the edited file, and if both were
    /// edited, the one changed last (and a note saying so); if neither, the Markdown file
    /// (both say the same).
    init(_ files: ReportFiles, ledger: ReportLedger) {
        let inFolder = ReportChoice(inFolder: files, ledger: ledger)
        guard let upload = files.upload else {
            self = inFolder
            return
        }
        let name = "upload \(upload.number) (\(upload.url.lastPathComponent), through the web pages)"
        guard inFolder.edited, let edited = inFolder.url else {
            self.init(url: upload.url, edited: true, note: "checked \(name)")
            return
        }
        if modified(upload.url) >= modified(edited) {
            self.init(
                url: upload.url, edited: true,
                note: "checked \(name), newer than \(edited.lastPathComponent); copy any work from \(edited.lastPathComponent) into it")
        } else {
            let note = [inFolder.note, "\(edited.lastPathComponent) is newer than \(name): checked \(edited.lastPathComponent)"]
            self.init(url: edited, edited: true, note: note.compactMap { $0 }.joined(separator: "; "))
        }
    }

    /// The Markdown and Word files of the reports folder alone.
    private init(inFolder files: ReportFiles, ledger: ReportLedger) {
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
