import Foundation
import VisitPlannerCore

/// Writes every file of a plan folder, each atomically.
public enum PlanWriter {
    /// - Returns: the paths written, relative to `folder`, in writing order.
    @discardableResult
    public static func write(_ document: PlanDocument, data: PlanningData, to folder: URL) throws -> [String] {
        var written: [String] = []
        func put(_ relative: String, _ bytes: Data) throws {
            try AtomicFile.write(bytes, to: folder.appendingPathComponent(relative))
            written.append(relative)
        }
        try put("plan.json", try document.encoded())
        return written
    }
}
