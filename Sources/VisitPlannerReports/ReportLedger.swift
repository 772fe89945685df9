import Foundation
import VisitPlannerCore

/// `reports/.ledger.json`: what VisitPlanner wrote into the reports folder.
///
/// For every file it generated: the SHA-256 of its bytes at generation (and of every earlier
/// version it wrote under that name) and the visit it is for. A file whose bytes match none of
/// them was edited by someone and is never overwritten; a file missing from the ledger is
/// treated the same way (it may be a colleague's work), unless its bytes are exactly the
/// template that would be written.
///
/// Entries are never dropped: the ledger is only changed under the plan folder's lock, by
/// merging into what is on disk, and an entry is written *before* the file it describes, so a
/// run killed at any moment leaves no generated file the ledger does not know.
struct ReportLedger: Codable, Equatable {
    static let fileName = ".ledger.json"

    struct Entry: Codable, Equatable {
        var visit: String
        var operation: String
        var date: String
        var mode: String
        var sha256: String
        /// Placeholders in the file as generated, to tell "opened and saved" from "started".
        var placeholders: Int
        /// Earlier versions generated under the same name (sorted), still untouched if found.
        var earlier: [String]?

        /// Every version generated under this name.
        var hashes: Set<String> { Set([sha256] + (earlier ?? [])) }

        /// This entry for a newly generated version, remembering `previous` versions.
        func replacing(_ previous: Entry?) -> Entry {
            var next = self
            let older = (previous?.hashes ?? []).subtracting([sha256])
            next.earlier = older.isEmpty ? nil : older.sorted()
            return next
        }
    }

    var version = 1
    /// Keyed by file name (`UNMISS-2027-01-04.docx`).
    var files: [String: Entry] = [:]

    /// The ledger of a reports folder; an empty one if there is none. A damaged ledger is
    /// also treated as empty, which only makes every existing report count as edited (kept).
    static func load(from reports: URL) -> (ledger: ReportLedger, warning: String?) {
        let url = reports.appendingPathComponent(fileName)
        guard let data = try? Data(contentsOf: url) else { return (ReportLedger(), nil) }
        return decode(data, path: url.path)
    }

    /// The same, read without following a link.
    static func load(from reports: DirectoryHandle) -> (ledger: ReportLedger, warning: String?) {
        guard let data = try? reports.read(fileName) else { return (ReportLedger(), nil) }
        return decode(data, path: reports.path(fileName))
    }

    private static func decode(_ data: Data, path: String) -> (ledger: ReportLedger, warning: String?) {
        do {
            return (try JSONDecoder().decode(ReportLedger.self, from: data), nil)
        } catch {
            return (ReportLedger(), "\(path) is damaged and was ignored: existing reports are all kept as if edited")
        }
    }

    func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        var data = try encoder.encode(self)
        data.append(0x0A)
        return data
    }

    /// This ledger with every entry of `other` it lacks, and every version `other` knows
    /// added to the entries both have: merging never forgets a file or a version.
    func merged(with other: ReportLedger) -> ReportLedger {
        var out = self
        for (name, theirs) in other.files {
            guard var mine = out.files[name] else {
                out.files[name] = theirs
                continue
            }
            let older = mine.hashes.union(theirs.hashes).subtracting([mine.sha256])
            mine.earlier = older.isEmpty ? nil : older.sorted()
            out.files[name] = mine
        }
        return out
    }

    /// Whether the file at `url` differs from every version VisitPlanner wrote (or was never written by it).
    func isEdited(_ url: URL) -> Bool {
        guard let entry = files[url.lastPathComponent], let data = try? Data(contentsOf: url) else { return true }
        return !entry.hashes.contains(ContentHash.sha256(data))
    }
}

/// The report files of one visit found in a reports folder: a Markdown file, a Word file, or both.
struct ReportFiles {
    var key: String
    var markdown: URL?
    var word: URL?
    /// The latest upload of the visit through the web pages (`uploads/<key>/<n>/<file>`) and its number.
    var upload: (url: URL, number: Int)?

    /// The Markdown and Word files in the reports folder (not the uploads).
    var all: [URL] { [markdown, word].compactMap { $0 } }

    /// Every report in `folder`, grouped by visit key, sorted by key. Hidden files and Word's
    /// lock files (`~$name.docx`) are not reports.
    static func scan(_ folder: URL) -> [ReportFiles] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        var byKey: [String: ReportFiles] = [:]
        for name in names where !name.hasPrefix(".") && !name.hasPrefix("~$") {
            let url = folder.appendingPathComponent(name)
            let ext = url.pathExtension.lowercased()
            guard ext == "md" || ext == "docx" else { continue }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let key = url.deletingPathExtension().lastPathComponent
            var files = byKey[key] ?? ReportFiles(key: key)
            if ext == "md" { files.markdown = url } else { files.word = url }
            byKey[key] = files
        }
        for (key, upload) in latestUploads(folder) {
            var files = byKey[key] ?? ReportFiles(key: key)
            files.upload = upload
            byKey[key] = files
        }
        return byKey.values.sorted { $0.key < $1.key }
    }

    /// The newest upload of each visit: the highest number under `uploads/<key>/`.
    static func latestUploads(_ folder: URL) -> [String: (url: URL, number: Int)] {
        let uploads = folder.appendingPathComponent("uploads", isDirectory: true)
        var latest: [String: (url: URL, number: Int)] = [:]
        for key in (try? FileManager.default.contentsOfDirectory(atPath: uploads.path)) ?? [] where !key.hasPrefix(".") {
            if let last = ReportUploads.list(ReportUploads.folder(reports: folder, key: key), key: key).last {
                latest[key] = (last.url, last.number)
            }
        }
        return latest
    }

    /// Operation (and, in the older date-named form, date) from a key, for files not in a
    /// ledger: `<operation>-<year>-<manager or virtual>[-n]`, or `<operation>-<YYYY-MM-DD>[-n]`
    /// as reports were named before their names followed the trips.
    static func parseKey(_ key: String) -> (operation: String, date: Day?)? {
        let parts = key.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        // `<operation>-<YYYY-MM-DD>`, then with a `-2`, `-3`… after the date.
        for dropped in [0, 1] where parts.count >= 4 + dropped {
            let head = parts.dropLast(dropped)
            if dropped == 1, Int(parts[parts.count - 1]) == nil { continue }
            if let day = Day(iso: head.suffix(3).joined(separator: "-")) {
                let operation = head.dropLast(3).joined(separator: "-")
                if !operation.isEmpty { return (operation, day) }
            }
        }
        // `<operation>-<year>-…`: the first four-digit component after the operation.
        guard let year = parts.indices.dropFirst().first(where: { isYear(parts[$0]) && $0 < parts.count - 1 }) else { return nil }
        return (parts[..<year].joined(separator: "-"), nil)
    }

    private static func isYear(_ part: String) -> Bool {
        part.count == 4 && part.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// Reads one report file into blocks, whatever it holds.
enum ReportFileReader {
    /// - Returns: the blocks, and a note when the text had to be read leniently.
    /// - Throws: `DocxReader.Failure` or a file error, with a reason a person can act on.
    static func read(_ url: URL) throws -> (blocks: [ReadBlock], note: String?) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw DocxReader.Failure(description: "cannot be read (\((error as NSError).localizedDescription))")
        }
        if url.pathExtension.lowercased() == "docx" {
            return (try DocxReader.read(data), nil)
        }
        if let text = String(data: data, encoding: .utf8) {
            return (ReportMarkdown.read(text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text), nil)
        }
        // Saved by an editor in a legacy encoding: every byte is a valid Windows-1252/Latin-1 character.
        let text = String(data: data, encoding: .windowsCP1252) ?? String(decoding: data, as: UTF8.self)
        return (ReportMarkdown.read(text), "not UTF-8; read as Windows-1252 (save it as UTF-8)")
    }
}
