import Foundation
import VisitPlannerCore

/// A report handed in by a desk officer, as the register takes it: which visit, and the
/// recommendations it makes (with the problems the check finds in them).
public struct SubmittedReport: Equatable, Sendable {
    /// The file read (`ALPHA-2027-03-08.docx`).
    public var file: String
    /// The visit key (`ReportVisit.key`): the same report read twice has the same key.
    public var key: String
    public var operation: String
    /// The visit's date: from the ledger of the folder the file was written to, else from a
    /// date-named file (`<operation>-<YYYY-MM-DD>`, as reports were named before), else from
    /// the title the template gave it (`Assessment visit report: ALPHA, 8 Mar 2027 – …`).
    public var date: Day?
    public var recommendations: [Recommendation]
    /// What is wrong with the recommendations table (a deadline that is not a date…).
    public var problems: [String]

    /// The reports at `url`: one report file (`.md` or `.docx`), or every report someone
    /// worked on in a plan folder's `reports/` (for a visit with both files, the edited one;
    /// untouched templates are skipped: they recommend nothing).
    /// - Throws: `ReportError.planMissing` for a folder without plan.json,
    ///   `ReportError.unreadable` for a file that cannot be read as a report.
    public static func read(_ url: URL) throws -> [SubmittedReport] {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder) else {
            throw ReportError.unreadable(path: url.path, reason: "no such file or folder")
        }
        // A single file: the ledger next to it, if any, knows its visit.
        guard isFolder.boolValue else {
            let ledger = ReportLedger.load(from: url.deletingLastPathComponent()).ledger
            return [try file(url, ledger: ledger)]
        }
        guard FileManager.default.fileExists(atPath: url.appendingPathComponent("plan.json").path) else {
            throw ReportError.planMissing(path: url.appendingPathComponent("plan.json").path)
        }
        let folder = url.appendingPathComponent("reports", isDirectory: true)
        let ledger = ReportLedger.load(from: folder).ledger
        var reports: [SubmittedReport] = []
        for files in ReportFiles.scan(folder) {
            let choice = ReportChoice(files, ledger: ledger)
            guard choice.edited, let chosen = choice.url else { continue }
            reports.append(try file(chosen, ledger: ledger))
        }
        return reports
    }

    private static func file(_ url: URL, ledger: ReportLedger?) throws -> SubmittedReport {
        let name = url.lastPathComponent
        let key = (name as NSString).deletingPathExtension
        let blocks: [ReadBlock]
        do {
            blocks = try ReportFileReader.read(url).blocks
        } catch {
            throw ReportError.unreadable(path: url.path, reason: "\(error)")
        }
        let findings = ReportChecker.check(blocks)
        let entry = ledger?.files[name]
        let parsed = ReportFiles.parseKey(key)
        return SubmittedReport(
            file: name, key: key, operation: entry?.operation ?? parsed?.operation ?? key,
            date: entry.flatMap { Day(iso: $0.date) } ?? parsed?.date ?? titleDate(blocks), recommendations: findings.recommendations,
            problems: findings.problems.filter { $0.hasPrefix("recommendation") || $0.hasPrefix("the recommendations table") })
    }

    /// The arrival day in a template's title, `…: <operation>, <d Mon yyyy>[ – <d Mon yyyy>]`.
    static func titleDate(_ blocks: [ReadBlock]) -> Day? {
        guard case .heading(0, let title)? = blocks.first(where: { if case .heading(0, _) = $0 { true } else { false } }),
            let comma = title.range(of: ", ", options: .backwards)
        else { return nil }
        return Day(readable: title[comma.upperBound...].components(separatedBy: " – ")[0])
    }
}
