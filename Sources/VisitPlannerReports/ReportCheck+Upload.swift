import Foundation
import VisitPlannerCore

extension ReportCheck {
    /// Checks one report file handed in outside a plan folder (an upload in the web
    /// application) by the rules `reports status` applies: placeholders left, required
    /// sections empty, flawed recommendations. A file never generated here counts as edited;
    /// one whose every required section is empty and that recommends nothing is not started.
    ///
    /// - Parameter key: the visit key (`ReportVisit.key`).
    public static func upload(_ url: URL, key: String) -> ReportCheck {
        let parsed = ReportFiles.parseKey(key)
        var result = ReportCheck(
            key: key, operation: parsed?.operation ?? key, date: parsed?.date, file: url.lastPathComponent, state: .notStarted,
            orphaned: false, edited: true)
        guard let findings = result.read(url) else { return result }
        result.judge(
            findings, untouched: findings.recommendations.isEmpty && findings.emptySections.count == ReportTemplate.requiredSections.count)
        return result
    }

    /// Not started (untouched), complete (nothing left to fill or fix) or in progress.
    mutating func judge(_ findings: ReportChecker.Findings, untouched: Bool) {
        if untouched {
            state = .notStarted
        } else if findings.placeholders.isEmpty && findings.emptySections.isEmpty && findings.problems.isEmpty {
            state = .complete
        } else {
            state = .inProgress
        }
    }

    /// Reads the file and records what the check finds in it (one reading for `reports status`
    /// and for uploads); nil when it cannot be read, the check then `unreadable` with the reason.
    mutating func read(_ url: URL) -> ReportChecker.Findings? {
        let blocks: [ReadBlock]
        do {
            let read = try ReportFileReader.read(url)
            blocks = read.blocks
            if let note = read.note { notes.append(note) }
        } catch {
            state = .unreadable
            problems.append("\(url.lastPathComponent) cannot be read: \(error)")
            return nil
        }
        let findings = ReportChecker.check(blocks)
        placeholders = findings.placeholders
        emptySections = findings.emptySections
        recommendations = findings.recommendations
        problems = findings.problems
        return findings
    }
}
