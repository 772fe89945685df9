import Foundation
import VisitPlannerCore

/// What `ReportCarryOver.apply` did, by file name.
public struct ReportCarryOverSummary: Equatable, Sendable {
    /// Edited reports copied from the previous plan's folder over an unedited template (or into
    /// an empty place).
    public var carried: [String] = []
    /// Uploads copied, as `<key>/<n>`.
    public var uploads: [String] = []
    /// Both folders hold an edited report at the same name: the new folder's is kept, the
    /// previous folder's stays where it is.
    public var keptBoth: [String] = []

    public var isEmpty: Bool { carried.isEmpty && uploads.isEmpty && keptBoth.isEmpty }

    /// One line for the terminal or the web page.
    public var description: String {
        if isEmpty { return "Reports: nothing edited to carry over from the previous plan." }
        var parts: [String] = []
        if !carried.isEmpty { parts.append("\(carried.count) edited report file\(carried.count == 1 ? "" : "s") carried over") }
        if !uploads.isEmpty { parts.append("\(uploads.count) upload\(uploads.count == 1 ? "" : "s") carried over") }
        if !keptBoth.isEmpty {
            parts.append(
                "\(keptBoth.count) edited in both plans (the new plan's kept, the previous plan's left in its folder: "
                    + keptBoth.joined(separator: ", ") + ")")
        }
        return "Reports: " + parts.joined(separator: "; ") + "."
    }
}

/// Makes a newly adopted plan's reports follow its trips.
///
/// A report's name is its visit's key (`ReportVisit.key`: operation, year, manager), so a
/// visit the new plan keeps has the same name in both plan folders, whatever its dates. When a
/// plan is adopted in place of another (a re-plan, a what-if), what desk officers did in the
/// previous plan's folder is copied to the new one: every edited report of a visit the new
/// plan still has (over the unedited template, never over someone's file), and every upload.
/// Nothing is moved or deleted: the previous folder keeps everything, including reports of
/// visits the new plan dropped.
public enum ReportCarryOver {
    /// Copies edited reports and uploads of the visits `planFolder`'s plan shares with
    /// `previous`'s into `planFolder/reports/`.
    /// - Throws: `ReportError` when plan.json cannot be read or a file cannot be written.
    public static func apply(
        from previous: URL, to planFolder: URL, onWait: ((String) -> Void)? = nil, timeout: TimeInterval = 120
    ) throws -> ReportCarryOverSummary {
        var summary = ReportCarryOverSummary()
        guard previous.standardizedFileURL.path != planFolder.standardizedFileURL.path else { return summary }
        let oldReports = previous.appendingPathComponent("reports", isDirectory: true)
        guard FileManager.default.fileExists(atPath: oldReports.path) else { return summary }
        let plan = try ReportError.loadPlan(planFolder)
        let keys = Set(ReportVisit.all(in: plan).map(\.key))
        let lock: FolderLock
        do {
            lock = try FolderLock.acquire(planFolder, timeout: timeout, onWait: onWait)
        } catch let error as FileSystemError {
            throw ReportError.writeFailed(path: planFolder.path, reason: "\(error)")
        }
        let reports = try ReportTemplates.reportsDirectory(planFolder: planFolder, lock: lock)
        let oldLedger = ReportLedger.load(from: oldReports).ledger
        let newLedger = ReportLedger.load(from: reports).ledger
        for files in ReportFiles.scan(oldReports) where keys.contains(files.key) {
            for url in files.all where worthCarrying(url, key: files.key, ledger: oldLedger) {
                let name = url.lastPathComponent
                guard let bytes = try? Data(contentsOf: url) else { continue }
                let outcome: GuardedFile.Outcome
                do {
                    outcome = try GuardedFile.update(name, in: reports, with: bytes, ours: newLedger.files[name]?.hashes ?? [])
                } catch {
                    throw ReportError.writeFailed(path: reports.path(name), reason: "\(error)")
                }
                switch outcome {
                case .created, .replaced: summary.carried.append(name)
                case .unchanged: break
                case .kept, .keptBoth: summary.keptBoth.append(name)
                }
            }
        }
        try carryUploads(from: oldReports, to: reports, keys: keys, into: &summary)
        withExtendedLifetime(lock) {}
        return summary
    }

    /// Someone's work: a file that differs from every version generated at its name or, where
    /// the ledger has no record of the name (a lost ledger), a file with content (an untouched
    /// template of the old dates would only hide the new one).
    private static func worthCarrying(_ url: URL, key: String, ledger: ReportLedger) -> Bool {
        guard ledger.files[url.lastPathComponent] != nil else { return ReportCheck.upload(url, key: key).state != .notStarted }
        return ledger.isEdited(url)
    }

    /// Uploads live at `uploads/<key>/<n>/<file>`; each is copied under the first number free
    /// in the new folder unless the same bytes are there already.
    private static func carryUploads(
        from oldReports: URL, to reports: DirectoryHandle, keys: Set<String>, into summary: inout ReportCarryOverSummary
    ) throws {
        let oldUploads = oldReports.appendingPathComponent("uploads", isDirectory: true)
        let visits = ((try? FileManager.default.contentsOfDirectory(atPath: oldUploads.path)) ?? []).filter { keys.contains($0) }.sorted()
        for key in visits {
            let oldBase = ReportUploads.folder(reports: oldReports, key: key)
            let newBase = ReportUploads.folder(reports: reports.url, key: key)
            var present = Set(ReportUploads.list(newBase, key: key).compactMap { try? Data(contentsOf: $0.url) })
            for (_, file) in ReportUploads.list(oldBase, key: key) {
                guard let bytes = try? Data(contentsOf: file), !present.contains(bytes) else { continue }
                do {
                    let (n, dir) = try ReportUploads.claimNext(in: newBase)
                    try bytes.write(to: dir.appendingPathComponent(file.lastPathComponent), options: .withoutOverwriting)
                    present.insert(bytes)
                    summary.uploads.append("\(key)/\(n)")
                } catch {
                    throw ReportError.writeFailed(path: newBase.path, reason: "\(error)")
                }
            }
        }
    }
}
