import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// What a filled (or unfilled) report still lacks, read from its blocks.
public struct ReportCheck: Equatable, Sendable {
    public enum State: String, Sendable {
        case notStarted = "not started"
        case inProgress = "in progress"
        case complete
        case unreadable
        /// A planned visit with no report file at all.
        case missing
    }

    /// The visit key (`ReportVisit.key`).
    public var key: String
    public var operation: String
    public var date: Day?
    /// The file that was checked (`UNMISS-2027-01-04.docx`); nil if none exists.
    public var file: String?
    public var state: State
    /// The visit is no longer in the plan (moved or dropped); the report is kept.
    public var orphaned: Bool
    /// Whether anyone changed the report since VisitPlanner generated it.
    public var edited: Bool
    public var placeholders: [String] = []
    public var emptySections: [String] = []
    public var recommendations: [Recommendation] = []
    /// Things to fix: each names the recommendation or section concerned.
    public var problems: [String] = []
    /// Things to know that do not stop the report being complete.
    public var notes: [String] = []

    /// Whether `--strict` accepts this report: complete, or a never-started report of a visit
    /// that left the plan (nothing to lose, nothing to finish).
    public var acceptable: Bool { state == .complete || (orphaned && state == .notStarted) }
}

/// Finds placeholders, empty sections and flawed recommendations in a report's blocks.
enum ReportChecker {
    struct Findings {
        var placeholders: [String] = []
        var emptySections: [String] = []
        var recommendations: [Recommendation] = []
        var problems: [String] = []
    }

    private struct Section {
        var name: String
        var texts: [String] = []
        var tables: [[[String]]] = []
    }

    static func check(_ blocks: [ReadBlock]) -> Findings {
        var f = Findings()
        for block in blocks {
            switch block {
            case .heading(_, let t), .text(let t): f.placeholders += Placeholder.find(in: t)
            case .table(let rows): f.placeholders += rows.flatMap { $0.flatMap { Placeholder.find(in: $0) } }
            }
        }

        var sections: [Section] = []
        for block in blocks {
            switch block {
            case .heading(let level, let text) where level == 1 || level == 2:
                sections.append(Section(name: sectionName(text)))
            case .heading(let level, _) where level == 0:
                sections.append(Section(name: ""))
            case .heading(_, let text), .text(let text):
                if sections.isEmpty { sections.append(Section(name: "")) }
                sections[sections.count - 1].texts.append(text)
            case .table(let rows):
                if sections.isEmpty { sections.append(Section(name: "")) }
                sections[sections.count - 1].tables.append(rows)
            }
        }

        for required in ReportTemplate.requiredSections {
            let name = sectionName(required)
            let found = sections.filter { $0.name == name }
            if found.isEmpty {
                f.emptySections.append("\(required) (heading not found)")
                continue
            }
            if required == ReportTemplate.recommendationsSection {
                checkRecommendations(found.flatMap(\.tables), into: &f)
                if f.recommendations.isEmpty && !found.contains(where: hasOwnText) { f.emptySections.append(required) }
            } else if required == ReportTemplate.a4pSection {
                if !found.contains(where: { $0.texts.contains(where: isTicked) || hasOwnText($0) }) { f.emptySections.append(required) }
            } else if !found.contains(where: hasOwnText) {
                f.emptySections.append(required)
            }
        }
        return f
    }

    // MARK: - Recommendations

    private static func checkRecommendations(_ tables: [[[String]]], into f: inout Findings) {
        guard let table = tables.first(where: { isRecommendationHeader($0.first ?? []) }) else {
            f.problems.append(
                "the recommendations table is missing (columns: \(ReportTemplate.recommendationHeader.joined(separator: ", ")))")
            return
        }
        let header = table[0].map { $0.lowercased() }
        func column(_ words: [String]) -> Int? { header.firstIndex { h in words.contains { h.contains($0) } } }
        let textColumn = column(["recommend"]) ?? 0
        let toColumn = column(["address", "responsib", "to whom"])
        let deadlineColumn = column(["deadline", "date", "due"])
        let priorityColumn = column(["priority"])
        let areaColumn = column(["sgf", "area"])
        if toColumn == nil { f.problems.append("the recommendations table has no \"Addressed to\" column") }
        if deadlineColumn == nil { f.problems.append("the recommendations table has no \"Deadline\" column") }

        for (index, row) in table.dropFirst().enumerated() {
            func cell(_ i: Int?) -> String {
                guard let i, i < row.count else { return "" }
                return row[i].trimmingCharacters(in: .whitespacesAndNewlines)
            }
            /// A cell's text, or "" when it is empty or still a placeholder.
            func filled(_ i: Int?) -> String { Placeholder.contains(cell(i)) ? "" : cell(i) }
            if row.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            let number = index + 1
            let text = filled(textColumn)
            if text.isEmpty {
                let othersFilled = row.indices.contains { $0 != textColumn && !filled($0).isEmpty }
                if othersFilled { f.problems.append("recommendation \(number): the recommendation itself is missing") }
                continue
            }
            let label = "recommendation \(number) (\(short(text)))"
            let rec = Recommendation(
                text: text, addressedTo: filled(toColumn), deadline: filled(deadlineColumn),
                priority: filled(priorityColumn), area: filled(areaColumn))
            if rec.addressedTo.isEmpty && toColumn != nil { f.problems.append("\(label): no addressee") }
            if rec.deadline.isEmpty {
                if deadlineColumn != nil { f.problems.append("\(label): no deadline") }
            } else if Day(iso: rec.deadline) == nil {
                f.problems.append("\(label): deadline \"\(rec.deadline)\" is not a date (write YYYY-MM-DD)")
            }
            if !rec.priority.isEmpty && RecommendationPriority.rank(rec.priority) == RecommendationPriority.order.count {
                f.problems.append("\(label): priority \"\(rec.priority)\" is not high, medium or low")
            }
            if !rec.area.isEmpty && SGFArea.matching(rec.area) == nil {
                f.problems.append("\(label): SGF area \"\(rec.area)\" is not command, operations, administration or capacity-building")
            }
            f.recommendations.append(rec)
        }
    }

    static func isRecommendationHeader(_ row: [String]) -> Bool {
        let cells = row.map { $0.lowercased() }
        return cells.contains { $0.contains("recommend") } && !cells.contains { $0.contains("what became") }
    }

    // MARK: - Text

    /// Whether a section holds text the desk officer wrote: not template text, not a placeholder.
    private static func hasOwnText(_ section: Section) -> Bool {
        // A table's header row is template text too.
        let texts = section.texts + section.tables.flatMap { $0.dropFirst().flatMap { $0 } }
        return texts.contains { raw in
            if isCheckbox(raw) { return false }
            var t = raw
            for p in Placeholder.find(in: raw) { t = t.replacingOccurrences(of: p, with: " ") }
            let n = ReportText.normalized(t)
            return !n.isEmpty && !ReportTemplate.fixedTexts.contains(n) && n.contains(where: { $0.isLetter || $0.isNumber })
        }
    }

    private static let tickedMarks = ["[x]", "[X]", "☒", "☑", "✓", "✔", "■", "⊠"]
    private static let boxMarks = tickedMarks + ["[ ]", "☐", "□"]

    private static func stripListMarker(_ text: String) -> Substring {
        var t = Substring(text.trimmingCharacters(in: .whitespaces))
        for m in ["- ", "* ", "+ "] where t.hasPrefix(m) { t = t.dropFirst(m.count) }
        return t
    }

    static func isTicked(_ text: String) -> Bool {
        let t = stripListMarker(text)
        if tickedMarks.contains(where: { t.hasPrefix($0) }) { return true }
        // "X Strategic communications": a box replaced by a letter.
        if t.hasPrefix("X ") || t.hasPrefix("x ") {
            return A4PPriority.all.contains(ReportText.normalized(String(t.dropFirst(2))))
        }
        return false
    }

    private static func isCheckbox(_ text: String) -> Bool {
        let t = stripListMarker(text)
        return boxMarks.contains { t.hasPrefix($0) } || isTicked(text)
    }

    /// A heading as a section name: lowercase, without numbering ("2.1 ") or a final colon.
    static func sectionName(_ heading: String) -> String {
        var t = Substring(ReportText.normalized(heading).lowercased())
        let numbering = t.prefix { $0.isNumber || $0 == "." }
        if !numbering.isEmpty, t.dropFirst(numbering.count).hasPrefix(" ") { t = t.dropFirst(numbering.count + 1) }
        if t.hasSuffix(":") { t = t.dropLast() }
        return t.trimmingCharacters(in: .whitespaces)
    }

    static func short(_ text: String) -> String {
        text.count <= 40 ? text : String(text.prefix(37)) + "…"
    }
}
