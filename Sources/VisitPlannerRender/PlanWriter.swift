import Foundation
import VisitPlannerCore

/// Writes every file of a plan folder, each atomically.
///
/// Everything is rendered in memory first, so a rendering failure writes nothing; each file
/// then replaces its previous version by rename, so a reader never sees half a file. Only
/// files this writer owns are ever removed: itineraries and calendars of managers who no
/// longer travel. Anything else in the folder (e.g. `reports/`) is left alone.
public enum PlanWriter {
    /// The folders whose stale files (of managers no longer travelling) are removed, with the
    /// one extension this writer puts there.
    static let ownedFolders = [("itineraries", "md"), ("calendar", "ics")]

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
        let files = try render(document)
        var written: [String] = []
        for (relative, bytes) in files {
            try AtomicFile.write(bytes, to: folder.appendingPathComponent(relative))
            written.append(relative)
        }
        try removeStale(in: folder, keeping: Set(written))
        return written
    }

    /// Every file of the plan folder as relative path and bytes, in writing order.
    ///
    /// File names taken from data are made safe (and unique) by `PlanIndex`.
    public static func render(_ document: PlanDocument) throws -> [(path: String, bytes: Data)] {
        var files: [(String, Data)] = [("plan.json", try document.encoded())]
        files.append(("plan.md", Data(PlanMarkdown.render(document).utf8)))
        files.append(("trips.csv", Data(TripsCSV.render(document).utf8)))
        files.append(("plan.html", Data(PlanHTML.render(document).utf8)))
        for (name, text) in ItineraryMarkdown.render(document) { files.append(("itineraries/" + name, Data(text.utf8))) }
        for (name, text) in ICalendar.render(document) { files.append(("calendar/" + name, Data(text.utf8))) }
        return files
    }

    /// Removes `itineraries/*.md` and `calendar/*.ics` that this run did not write.
    private static func removeStale(in folder: URL, keeping written: Set<String>) throws {
        let fm = FileManager.default
        for (sub, ext) in ownedFolders {
            let dir = folder.appendingPathComponent(sub, isDirectory: true)
            guard let names = try? fm.contentsOfDirectory(atPath: dir.path) else { continue }
            for name in names.sorted() where name.hasSuffix("." + ext) && !name.hasPrefix(".") {
                guard !written.contains(sub + "/" + name) else { continue }
                let url = dir.appendingPathComponent(name)
                var isDirectory: ObjCBool = false
                guard fm.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
                try fm.removeItem(at: url)
            }
        }
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
