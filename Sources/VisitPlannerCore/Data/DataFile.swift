import Foundation

/// Reads one data file whole, after checking that it is a regular file of a plausible size.
///
/// Every data file is read into memory, so the size is checked first, from the file system,
/// before a byte is read: a 2 GB export or a device file picked by mistake gets a clear
/// message instead of exhausting memory or blocking forever.
enum DataFile {
    /// Far above any real table (a fares table for 2,000 airports is about 60 MB) and far below
    /// what would strain memory once parsed.
    static let largestTable = 64 * 1024 * 1024
    /// Settings and scenarios files are a few kilobytes.
    static let largestSettings = 1024 * 1024

    /// The bytes of a file, or nil after logging why it cannot be used.
    ///
    /// - Parameters:
    ///   - url: the file.
    ///   - limit: the largest size accepted, in bytes.
    ///   - log: where the problem goes, named by the file's name.
    static func read(_ url: URL, limit: Int, log: IssueLog) -> Data? {
        switch load(url, limit: limit) {
        case .success(let data): return data
        case .failure(let issue):
            log.add(issue)
            return nil
        }
    }

    /// The bytes of a file, or the located issue that says why it cannot be used.
    static func load(_ url: URL, limit: Int) -> Result<Data, DataIssue> {
        let file = url.lastPathComponent
        let unreadable = DataIssue(file: file, "cannot read the file (is it there, and readable?)")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path) else {
            if let workbook = workbook(beside: url) {
                return .failure(
                    DataIssue(
                        file: file, "is missing, but \(workbook) is in the folder; save that workbook as \"CSV UTF-8\" named \(file)"))
            }
            return .failure(unreadable)
        }
        let type = attributes[.type] as? FileAttributeType
        guard type == .typeRegular else {
            let what = type == .typeDirectory ? "a folder" : "not an ordinary file"
            return .failure(DataIssue(file: file, "is \(what); it must be a text file"))
        }
        let size = (attributes[.size] as? NSNumber)?.int64Value ?? 0
        guard size <= Int64(limit) else {
            return .failure(
                DataIssue(
                    file: file,
                    "the file is \(megabytes(size)), more than the \(megabytes(Int64(limit))) a data file may hold; is it the right file?"))
        }
        guard let data = try? Data(contentsOf: url) else { return .failure(unreadable) }
        // The file may have grown between the check and the read.
        guard data.count <= limit else {
            return .failure(
                DataIssue(
                    file: file,
                    "the file is \(megabytes(Int64(data.count))), more than the \(megabytes(Int64(limit))) a data file may hold; is it the right file?"
                ))
        }
        return .success(data)
    }

    /// A spreadsheet workbook of the same base name in the same folder (`operations.xlsx` for
    /// `operations.csv`), the first by name when there are several.
    static func workbook(beside url: URL) -> String? {
        let base = url.deletingPathExtension().lastPathComponent.lowercased()
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path)) ?? []
        return names.sorted().first { name in
            (name as NSString).deletingPathExtension.lowercased() == base
                && DataLoader.workbookExtensions.contains((name as NSString).pathExtension.lowercased())
        }
    }

    /// `2.0 GB`, `64 MB`, `1 MB`: sizes as a file manager shows them, rounded down.
    static func megabytes(_ bytes: Int64) -> String {
        let mb = Double(bytes) / (1024 * 1024)
        if mb >= 1024 { return String(format: "%.1f GB", (mb / 1024 * 10).rounded(.down) / 10) }
        return "\(Int(mb)) MB"
    }
}
