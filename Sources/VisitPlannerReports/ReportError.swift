import Foundation
import VisitPlannerCore

/// Why the report commands could not run at all. Problems inside single reports are not
/// errors: they are listed in the status.
public enum ReportError: Error, CustomStringConvertible, Equatable {
    case planMissing(path: String)
    case planUnreadable(path: String, reason: String)
    case writeFailed(path: String, reason: String)
    /// A report file that cannot be read (not a report, damaged, not UTF-8).
    case unreadable(path: String, reason: String)

    public var description: String {
        switch self {
        case .planMissing(let path):
            return "\(path) not found: run `visitplan plan` first, then give its output folder (the one holding plan.json)"
        case .planUnreadable(let path, let reason):
            return "\(path) cannot be read as a plan: \(reason). Run `visitplan plan` again to rewrite it"
        case .writeFailed(let path, let reason):
            return "\(path) could not be written: \(reason)"
        case .unreadable(let path, let reason):
            return "\(path) cannot be read as a report: \(reason)"
        }
    }

    /// The plan in `planFolder/plan.json`.
    static func loadPlan(_ planFolder: URL) throws -> PlanDocument {
        let url = planFolder.appendingPathComponent("plan.json")
        guard FileManager.default.fileExists(atPath: url.path) else { throw ReportError.planMissing(path: url.path) }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw ReportError.planUnreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        do {
            return try PlanDocument.decode(data)
        } catch let DecodingError.dataCorrupted(context) {
            throw ReportError.planUnreadable(path: url.path, reason: reason(context))
        } catch let DecodingError.keyNotFound(key, context) {
            throw ReportError.planUnreadable(path: url.path, reason: "\(key.stringValue) missing at \(where_(context))")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw ReportError.planUnreadable(path: url.path, reason: reason(context))
        } catch {
            throw ReportError.planUnreadable(path: url.path, reason: "\(error)")
        }
    }

    private static func where_(_ context: DecodingError.Context) -> String {
        let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
        return path.isEmpty ? "the top level" : String(path.drop { $0 == "." })
    }

    private static func reason(_ context: DecodingError.Context) -> String {
        "\(context.debugDescription.trimmingCharacters(in: CharacterSet(charactersIn: "."))) at \(where_(context))"
    }

    /// Writes through `AtomicFile`, naming the file when it fails.
    static func write(_ data: Data, to url: URL) throws {
        do {
            try AtomicFile.write(data, to: url)
        } catch {
            throw ReportError.writeFailed(path: url.path, reason: (error as NSError).localizedDescription)
        }
    }
}
