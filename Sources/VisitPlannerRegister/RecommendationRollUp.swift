import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// HQ's roll-up of recommendations for its reporting to legislative bodies: every
/// recommendation of the register with its status, as `recommendations.csv` (to pivot) and
/// `recommendations.md` (to read), written atomically into the register's report folder.
public enum RecommendationRollUp {
    public static let csvName = "recommendations.csv"
    public static let markdownName = "recommendations.md"
    static let header = [
        "id", "operation", "sgf_area", "priority", "recommendation", "addressed_to", "deadline", "status", "overdue", "report",
    ]

    /// Writes both files; returns their URLs.
    @discardableResult
    public static func write(_ recs: [RegisterRecommendation], asOf: Day, to folder: URL) throws -> [URL] {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try [(csvName, csv(recs, asOf: asOf)), (markdownName, markdown(recs, asOf: asOf))].map { name, text in
            let url = folder.appendingPathComponent(name)
            try AtomicFile.write(text, to: url)
            return url
        }
    }

    public static func csv(_ recs: [RegisterRecommendation], asOf: Day) -> String {
        var csv = CSVWriter(header: header)
        for r in recs {
            csv.add(
                [
                    r.id, r.operation, r.area, r.priority, r.text, r.addressedTo, r.deadline?.iso ?? "", r.status.description,
                    r.isOverdue(asOf: asOf) ? "yes" : "no", r.reportFile,
                ].map { .text($0) })
        }
        return csv.text
    }

    public static func markdown(_ recs: [RegisterRecommendation], asOf: Day) -> String {
        var md = MarkdownWriter()
        md.heading(1, "Recommendations as of \(asOf.iso)")
        let counts = RecommendationStatus.allCases.map { s in "\(recs.filter { $0.status == s }.count) \(s)" }
        let overdue = recs.filter { $0.isOverdue(asOf: asOf) }.count
        md.paragraph("\(recs.count) recommendations: \(counts.joined(separator: ", ")); \(overdue) overdue.")
        for operation in Array(Set(recs.map(\.operation))).sorted() {
            md.heading(2, operation)
            md.table(
                ["id", "SGF area", "priority", "recommendation", "addressed to", "deadline", "status"],
                right: Array(repeating: false, count: 7),
                rows: recs.filter { $0.operation == operation }.map { r in
                    [
                        r.id, r.area, r.priority, r.text, r.addressedTo, r.deadline?.iso ?? "",
                        r.status.description + (r.isOverdue(asOf: asOf) ? " (overdue)" : ""),
                    ]
                })
        }
        return md.text
    }
}
