import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// The state of every report of a plan, and the recommendations files written from them.
public struct ReportStatusResult: Sendable {
    public var reports: [ReportCheck]
    /// Paths written, relative to the plan folder.
    public var written: [String]
    public var recommendationCount: Int

    /// What `--strict` asks: every report complete (a never-started report of a visit that
    /// left the plan does not count against it).
    public var allComplete: Bool { reports.allSatisfy(\.acceptable) }

    public func count(_ state: ReportCheck.State) -> Int { reports.filter { $0.state == state }.count }

    /// The table and details for the terminal.
    ///
    /// File names, placeholders, problems and notes come from the desk officers' files: each
    /// passes through `Escape.terminal` (the table's cells through `TextTable`).
    public func rendered() -> String {
        let t = Escape.terminal
        var table = TextTable(
            headers: ["report", "status", "placeholders", "empty sections", "recommendations", "problems"],
            alignments: [.left, .left, .right, .right, .right, .right])
        for r in reports {
            let state = r.orphaned ? "\(r.state.rawValue), orphaned" : r.state.rawValue
            // An untouched pair is named by its key: either file may be filled.
            table.add([
                r.edited ? (r.file ?? r.key) : r.key, state, "\(r.placeholders.count)", "\(r.emptySections.count)",
                "\(r.recommendations.count)",
                "\(r.problems.count)",
            ])
        }
        var out = table.render()
        let details = reports.filter {
            !($0.state == .notStarted && !$0.orphaned) && ($0.state != .complete || !$0.notes.isEmpty || $0.orphaned)
        }
        if !details.isEmpty { out += "\n" }
        for r in details {
            out += "\(t(r.file ?? r.key)):\n"
            if r.orphaned {
                out +=
                    r.edited
                    ? "  - orphaned: this visit is no longer in the plan (moved or dropped); the report is kept\n"
                    : "  - orphaned: this visit is no longer in the plan and the template was never filled; you may delete it\n"
            }
            if r.state == .missing { out += "  - no report file: run `visitplan reports init` to write its template\n" }
            if r.state != .notStarted {
                if !r.placeholders.isEmpty {
                    let shown = t(r.placeholders.prefix(5).joined(separator: ", "))
                    out +=
                        "  - \(r.placeholders.count) placeholder\(r.placeholders.count == 1 ? "" : "s") left: \(shown)\(r.placeholders.count > 5 ? ", …" : "")\n"
                }
                if !r.emptySections.isEmpty { out += "  - empty sections: \(t(r.emptySections.joined(separator: "; ")))\n" }
                for p in r.problems { out += "  - \(t(p))\n" }
            }
            for n in r.notes { out += "  - note: \(t(n))\n" }
        }
        var totals = ["\(reports.count) report\(reports.count == 1 ? "" : "s")"]
        for state in [ReportCheck.State.complete, .inProgress, .notStarted, .unreadable, .missing] where count(state) > 0 {
            totals.append("\(count(state)) \(state.rawValue)")
        }
        let orphans = reports.filter(\.orphaned).count
        if orphans > 0 { totals.append("\(orphans) orphaned") }
        out += "\n" + totals.joined(separator: ", ") + ".\n"
        out +=
            "\(recommendationCount) recommendation\(recommendationCount == 1 ? "" : "s") written to \(t(written.joined(separator: " and "))).\n"
        return out
    }
}

/// Checks the reports of a plan folder.
public enum ReportStatus {
    /// Reads every report in `planFolder/reports`, tells for each how far it is, and writes
    /// `recommendations.csv` and `recommendations.md` into the plan folder.
    ///
    /// For a visit with both a Markdown and a Word file, the edited one is checked; if both
    /// were edited, the one changed last, with a note. A file that cannot be read (not a
    /// .docx, damaged, not UTF-8) never stops the run: it is reported.
    /// - Throws: `ReportError` if plan.json is missing or unreadable, or an output cannot be written.
    public static func run(planFolder: URL) throws -> ReportStatusResult {
        let plan = try ReportError.loadPlan(planFolder)
        let folder = planFolder.appendingPathComponent("reports", isDirectory: true)
        let (ledger, warning) = ReportLedger.load(from: folder)
        let visits = ReportVisit.all(in: plan)
        let planned = Dictionary(uniqueKeysWithValues: visits.map { ($0.key, $0) })
        let found = ReportFiles.scan(folder)
        var checks: [ReportCheck] = []
        var seen: Set<String> = []
        for files in found {
            seen.insert(files.key)
            checks.append(check(files, ledger: ledger, visit: planned[files.key]))
        }
        for visit in visits where !seen.contains(visit.key) {
            checks.append(
                ReportCheck(
                    key: visit.key, operation: visit.operation, date: visit.date, file: nil, state: .missing,
                    orphaned: false, edited: false))
        }
        checks.sort { ($0.date ?? Day(number: .max), $0.key) < ($1.date ?? Day(number: .max), $1.key) }
        if let warning, !checks.isEmpty { checks[0].notes.append(warning) }

        let export = RecommendationsExport(plan: plan, reports: checks)
        try ReportError.write(Data(export.csv().utf8), to: planFolder.appendingPathComponent(RecommendationsExport.csvName))
        try ReportError.write(Data(export.markdown().utf8), to: planFolder.appendingPathComponent(RecommendationsExport.markdownName))
        return ReportStatusResult(
            reports: checks, written: [RecommendationsExport.csvName, RecommendationsExport.markdownName],
            recommendationCount: export.rows.count)
    }

    static func check(_ files: ReportFiles, ledger: ReportLedger, visit: ReportVisit?) -> ReportCheck {
        let entry = files.all.lazy.compactMap { ledger.files[$0.lastPathComponent] }.first
        let parsed = ReportFiles.parseKey(files.key)
        let operation = visit?.operation ?? entry?.operation ?? parsed?.operation ?? files.key
        let date = visit?.date ?? entry.flatMap { Day(iso: $0.date) } ?? parsed?.date
        let choice = ReportChoice(files, ledger: ledger)
        let shown: String? = choice.url.map { url in
            guard let upload = files.upload, upload.url == url else { return url.lastPathComponent }
            return "uploads/\(files.key)/\(upload.number)/\(url.lastPathComponent)"
        }
        var result = ReportCheck(
            key: files.key, operation: operation, date: date, file: shown,
            state: .notStarted, orphaned: visit == nil, edited: choice.edited)
        if let note = choice.note { result.notes.append(note) }
        guard let url = choice.url, let findings = result.read(url) else { return result }
        let generated = ledger.files[url.lastPathComponent]?.placeholders
        let untouched =
            findings.recommendations.isEmpty
            && findings.emptySections.count == ReportTemplate.requiredSections.count
            && generated.map { findings.placeholders.count >= $0 } ?? false
        result.judge(findings, untouched: !choice.edited || untouched)
        return result
    }
}
