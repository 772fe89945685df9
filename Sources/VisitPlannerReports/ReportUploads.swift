import Foundation

/// Reports handed in through the web pages: `reports/uploads/<key>/<n>/<key>.<ext>`, numbered
/// from 1, never overwritten. The web pages store them, `reports status` checks the newest, and
/// adopting a re-plan carries them along; all three read and number them here.
public enum ReportUploads {
    /// The folder of a visit's uploads in a reports folder.
    public static func folder(reports: URL, key: String) -> URL {
        reports.appendingPathComponent("uploads", isDirectory: true).appendingPathComponent(key, isDirectory: true)
    }

    /// The uploads in `base` (a visit's folder), oldest first: each number with its report file
    /// (`<key>.md` or `<key>.docx`); numbers without one are skipped.
    public static func list(_ base: URL, key: String) -> [(number: Int, url: URL)] {
        let fm = FileManager.default
        let numbers = ((try? fm.contentsOfDirectory(atPath: base.path)) ?? []).compactMap { Int($0) }.filter { $0 > 0 }.sorted()
        return numbers.compactMap { n in
            let dir = base.appendingPathComponent(String(n), isDirectory: true)
            let names = ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted()
            let name = names.first { name in
                name.hasPrefix(key + ".") && ["md", "docx"].contains((name as NSString).pathExtension.lowercased())
            }
            return name.map { (n, dir.appendingPathComponent($0)) }
        }
    }

    /// Claims the next number in `base` by creating its folder (which fails when another
    /// upload took it at the same moment, and then the next number is tried).
    /// - Returns: the number and its folder.
    public static func claimNext(in base: URL) throws -> (number: Int, folder: URL) {
        let fm = FileManager.default
        try fm.createDirectory(at: base, withIntermediateDirectories: true)
        let taken = ((try? fm.contentsOfDirectory(atPath: base.path)) ?? []).compactMap { Int($0) }
        var number = (taken.max() ?? 0) + 1
        while true {
            let dir = base.appendingPathComponent(String(number), isDirectory: true)
            do {
                try fm.createDirectory(at: dir, withIntermediateDirectories: false)
                return (number, dir)
            } catch {
                number += 1
                if number > 10_000 { throw error }
            }
        }
    }
}
