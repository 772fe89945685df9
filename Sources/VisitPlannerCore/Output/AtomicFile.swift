import Foundation

/// Writes files so that a reader never sees half of one: the bytes go to a temporary file in
/// the same folder, which is then renamed over the target (rename is atomic on one volume).
public enum AtomicFile {
    public static func write(_ data: Data, to url: URL) throws {
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            try data.write(to: temp)
            if rename(temp.path, url.path) != 0 {
                throw CocoaError(
                    .fileWriteUnknown,
                    userInfo: [
                        NSFilePathErrorKey: url.path,
                        NSLocalizedDescriptionKey: String(cString: strerror(errno)),
                    ])
            }
        } catch {
            try? FileManager.default.removeItem(at: temp)
            throw error
        }
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }
}

/// Makes a name taken from data safe as a single file name: no path separators, no `..`,
/// no control or shell-hostile characters, never empty.
public func safeFileName(_ raw: String) -> String {
    var out = ""
    for scalar in raw.unicodeScalars {
        let c = Character(scalar)
        if scalar.isASCII && (c.isLetter || c.isNumber || c == "-" || c == "_" || c == ".") {
            out.append(c)
        } else if scalar.properties.isAlphabetic && !scalar.isASCII {
            out.append(c)
        } else {
            out.append("_")
        }
    }
    while out.contains("..") { out = out.replacingOccurrences(of: "..", with: "_") }
    while out.hasPrefix(".") || out.hasPrefix("-") { out.removeFirst() }
    if out.isEmpty { out = "unnamed" }
    return String(out.prefix(100))
}
