import Foundation
import VisitPlannerCore
import VisitPlannerReports

/// Writes a plan folder as a whole: one plan, the old or the new, never a mix.
///
/// Everything is rendered in memory first, so a rendering failure writes nothing. The files
/// then replace the folder's generated files in one step (`GeneratedFolder`): a reader, or a
/// run killed at any moment, sees either the previous plan or this one. Runs on the same
/// folder take turns (`FolderLock`). Only files the folder's manifest proves this program
/// wrote, byte for byte, are ever replaced or removed; an edited generated file is kept as
/// `<name> (edited).<ext>` and reported; anything else in the folder (`reports/`, a planner's
/// own notes) is carried over untouched.
public enum PlanWriter {
    /// What a run wrote and kept.
    public struct Result: Sendable {
        /// The generated files, relative to the folder, in writing order.
        public var written: [String]
        /// Someone's files that were kept under another name (or left aside), to tell the user.
        public var kept: [KeptFile]
        /// The report templates, when asked for.
        public var reports: ReportInitSummary?
    }

    /// - Returns: the paths written, relative to `folder`, in writing order.
    @discardableResult
    public static func write(_ document: PlanDocument, data: PlanningData, to folder: URL) throws -> [String] {
        try write(document, to: folder)
    }

    /// Writes the plan's files from the document alone (what `write(_:data:to:)` does).
    ///
    /// - Returns: the paths written, relative to `folder`, in writing order.
    @discardableResult
    public static func write(_ document: PlanDocument, to folder: URL) throws -> [String] {
        try write(document, to: folder, reportTemplates: false).written
    }

    /// Writes the plan folder and, when asked, its report templates, under one lock.
    ///
    /// - Parameters:
    ///   - reportTemplates: also write `reports/` (`ReportTemplates.initialize`) before
    ///     another run may touch the folder.
    ///   - onWait: told, once, when another run is writing the folder and this one waits.
    ///   - timeout: how long to wait for another run before giving up.
    /// - Throws: `FileSystemError` (naming the path: a symbolic link, a busy folder, a write
    ///   that failed; the folder is then unchanged), `ReportError` for the templates.
    public static func write(
        _ document: PlanDocument, to folder: URL, reportTemplates: Bool, onWait: ((String) -> Void)? = nil,
        timeout: TimeInterval = 120
    ) throws -> Result {
        let lock = try FolderLock.acquire(folder, timeout: timeout, onWait: onWait)
        // Calendars are updated in place: the folder's current ones number the new events.
        let files = try render(document, previousCalendars: previousCalendars(lock))
        let outcome = try GeneratedFolder.write(files, lock: lock, protectedFolders: ["reports"], recognise: recognise)
        var result = Result(written: outcome.written, kept: outcome.kept, reports: nil)
        if reportTemplates {
            result.reports = try ReportTemplates.initialize(planFolder: lock.folder, lock: lock)
        }
        return result
    }

    /// For a plan folder written before manifests existed: the files this program can prove it
    /// wrote are those it renders, byte for byte, from the folder's own plan.json.
    static func recognise(_ folder: DirectoryHandle) -> [String: String] {
        guard let json = try? folder.read("plan.json"), let document = try? PlanDocument.decode(json),
            let files = try? render(document)
        else { return [:] }
        var hashes: [String: String] = [:]
        for (path, bytes) in files { hashes[path] = ContentHash.sha256(bytes) }
        return hashes
    }

    /// The calendars this program wrote in the folder's `calendar/` (the manifest lists them;
    /// a person's own `.ics` beside them is never read or rewritten), by name, read without
    /// following links; none when the folder is new. A file too large to be ours is left out.
    static func previousCalendars(_ lock: FolderLock) -> [String: String] {
        guard let plan = try? lock.parent.subdirectory(lock.name, create: false),
            let manifestBytes = try? plan.read(FolderManifest.fileName),
            let manifest = try? JSONDecoder().decode(FolderManifest.self, from: manifestBytes),
            let calendars = try? plan.subdirectory("calendar", create: false),
            let names = try? calendars.entries()
        else { return [:] }
        var out: [String: String] = [:]
        for name in names.sorted() where name.hasSuffix(".ics") && manifest.files["calendar/" + name] != nil {
            guard let info = calendars.info(name), info.kind == .file, info.size <= 16 << 20,
                let bytes = try? calendars.read(name), let text = String(data: bytes, encoding: .utf8)
            else { continue }
            out[name] = text
        }
        return out
    }

    /// Every file of the plan folder as relative path and bytes, in writing order.
    ///
    /// File names taken from data are made safe (and unique) by `PlanIndex`.
    public static func render(_ document: PlanDocument, previousCalendars: [String: String] = [:]) throws -> [(
        path: String, bytes: Data
    )] {
        var files: [(String, Data)] = [("plan.json", try document.encoded())]
        files.append(("plan.md", Data(PlanMarkdown.render(document).utf8)))
        files.append(("trips.csv", Data(TripsCSV.render(document).utf8)))
        files.append(("plan.html", Data(PlanHTML.render(document).utf8)))
        for (name, text) in ItineraryMarkdown.render(document) { files.append(("itineraries/" + name, Data(text.utf8))) }
        for (name, text) in ICalendar.render(document, previous: previousCalendars) {
            files.append(("calendar/" + name, Data(text.utf8)))
        }
        return files
    }

    /// A short account of what was written: `plan.json, plan.md, …, 10 itineraries, 10 calendars`.
    public static func describe(_ written: [String]) -> String {
        var parts = written.filter { !$0.contains("/") }
        for (folder, one, many) in [("itineraries/", "itinerary", "itineraries"), ("calendar/", "calendar", "calendars")] {
            let n = written.filter { $0.hasPrefix(folder) }.count
            if n > 0 { parts.append("\(n) \(n == 1 ? one : many) in \(folder)") }
        }
        return parts.joined(separator: ", ")
    }
}
