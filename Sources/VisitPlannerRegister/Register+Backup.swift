import Foundation
import GRDB

extension Register {
    /// Copies the register to `destination` with SQLite's online backup: a consistent snapshot
    /// even while other commands write. The copy is written beside the destination and renamed
    /// into place, so a half-written backup never carries the final name; an existing file is
    /// never overwritten.
    public func backup(to destination: URL) throws {
        let manager = FileManager.default
        guard !manager.fileExists(atPath: destination.path) else {
            throw RegisterError.invalid("\(destination.path) exists; choose a new file name (a backup never overwrites)")
        }
        let folder = destination.deletingLastPathComponent()
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let temp = folder.appendingPathComponent(".\(destination.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            do {
                let copy = try DatabaseQueue(path: temp.path)
                try database.backup(to: copy)
                // Fold the copy into one file (no -wal beside it) before it is renamed.
                try copy.writeWithoutTransaction { db in
                    try db.execute(sql: "PRAGMA journal_mode = DELETE")
                }
                try copy.close()
            }
            guard link(temp.path, destination.path) == 0 else {
                throw RegisterError.invalid("\(destination.path) exists; choose a new file name (a backup never overwrites)")
            }
            try? manager.removeItem(at: temp)
        } catch {
            try? manager.removeItem(at: temp)
            throw error
        }
    }
}
