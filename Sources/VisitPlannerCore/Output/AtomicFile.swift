import Foundation

/// Writes one file so that a reader never sees half of it and a crash never leaves a damaged
/// one: the bytes go to a new temporary file in the same folder (`.visitplan-tmp.<pid>.…`,
/// created with `O_EXCL`, flushed to disk), which is then renamed over the target (rename is
/// atomic on one volume), and the folder is flushed so the new name survives a power cut.
///
/// A temporary file left by a killed run carries that run's process id, so the next run that
/// writes the folder can tell it is abandoned and remove it (`DirectoryHandle.isAbandonedTemporary`).
/// The folder is opened without following a symbolic link (a link is refused, naming it).
public enum AtomicFile {
    /// Writes `data` to `url`, creating its folder if needed.
    ///
    /// - Throws: `FileSystemError`, naming the path.
    public static func write(_ data: Data, to url: URL) throws {
        let folder = try DirectoryHandle.open(url.deletingLastPathComponent(), create: true)
        try write(data, named: url.lastPathComponent, in: folder)
    }

    public static func write(_ text: String, to url: URL) throws {
        try write(Data(text.utf8), to: url)
    }

    /// Writes `data` as `name` inside an open folder.
    ///
    /// - Parameter sync: flush the folder too; a caller writing many files into a folder it
    ///   flushes afterwards passes false.
    public static func write(_ data: Data, named name: String, in folder: DirectoryHandle, sync: Bool = true) throws {
        let temp = try folder.createTemporary(for: name, contents: data)
        do {
            try folder.rename(temp, to: name, mode: .replace)
        } catch {
            try? folder.unlink(temp)
            throw error
        }
        if sync { try folder.sync() }
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
