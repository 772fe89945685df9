import Foundation
import VisitPlannerCore

/// Writes a comparison folder: the reports, the sweep chart, and every scenario's full plan.
public enum ComparisonWriter {
    /// - Parameters:
    ///   - comparison: the solved scenarios (and sweep).
    ///   - name: the comparison's name, shown in the reports.
    ///   - folder: `Reports/<name>/`.
    /// - Returns: the paths written, relative to `folder`, in writing order.
    @discardableResult
    public static func write(_ comparison: Comparison, name: String, to folder: URL) throws -> [String] {
        var written: [String] = []
        let doc = ComparisonDocument(name: name, comparison: comparison)
        // Plans first: the reports point to them.
        for entry in comparison.entries {
            guard let plan = entry.run.document else { continue }
            let sub = entry.run.scenario.folderName
            let files = try PlanWriter.write(plan, data: entry.run.data, to: folder.appendingPathComponent(sub, isDirectory: true))
            written += files.map { "\(sub)/\($0)" }
        }
        func put(_ relative: String, _ text: String) throws {
            try AtomicFile.write(text, to: folder.appendingPathComponent(relative))
            written.append(relative)
        }
        try put("comparison.md", ComparisonTables.markdown(doc))
        try put("comparison.csv", ComparisonTables.csv(doc))
        try AtomicFile.write(try doc.encoded(), to: folder.appendingPathComponent("comparison.json"))
        written.append("comparison.json")
        if let sweep = doc.sweep {
            let svg = ComparisonChart.svg(sweep)
            try put("sweep.svg", svg)
            try put("comparison.html", ComparisonHTML.page(doc, svg: svg))
        }
        return written
    }
}
