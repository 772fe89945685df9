import Foundation

/// A file someone else wrote that VisitPlanner kept while replacing a generated folder, and
/// where it is now, so that the command can say so.
public struct KeptFile: Equatable, Sendable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        /// A generated file that was edited (or someone's own file at a generated file's name):
        /// kept under a copy name, the new plan's file takes the name.
        case edited
        /// A generated file that was edited and that the new plan no longer has: kept as it is.
        case editedNoLongerGenerated
        /// A file saved into the folder while it was being switched: kept under a copy name
        /// because the name was taken by then.
        case savedDuringSwitch
        /// A file found in the staging folder of an interrupted run: kept under a copy name.
        case fromInterruptedRun
        /// Files that could not be moved back (still being written by another program): left
        /// in the hidden folder named, which the next run carries over.
        case leftInHiddenFolder
    }

    /// Where the file was, relative to the output folder.
    public var path: String
    /// Where it is now, relative to the output folder (or to its parent for `.leftInHiddenFolder`).
    public var keptAs: String
    public var reason: Reason

    public init(path: String, keptAs: String, reason: Reason) {
        self.path = path
        self.keptAs = keptAs
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .edited:
            return
                "\(path) is not the file VisitPlanner last wrote there (edited, or someone's own): kept as \(keptAs); \(path) is the new one"
        case .editedNoLongerGenerated:
            return "\(path) was edited after VisitPlanner wrote it and the new plan has no such file: kept as it is"
        case .savedDuringSwitch:
            return "\(path) was saved while the folder was being replaced: that version is kept as \(keptAs)"
        case .fromInterruptedRun:
            return "\(path) was found in the hidden folder of an interrupted run: kept as \(keptAs)"
        case .leftInHiddenFolder:
            return "\(path) is still being written by another program: left in \(keptAs), the next run moves it back"
        }
    }

    /// `plan (edited).md`, `plan (edited 2).md`, …: the first name not in use.
    ///
    /// - Parameters:
    ///   - path: the relative path of the original.
    ///   - isTaken: whether a relative path is already in use.
    public static func copyName(for path: String, isTaken: (String) -> Bool) -> String {
        let slash = path.lastIndex(of: "/")
        let folder = slash.map { String(path[...$0]) } ?? ""
        let name = slash.map { String(path[path.index(after: $0)...]) } ?? path
        var stem = name
        var ext = ""
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            stem = String(name[..<dot])
            ext = String(name[dot...])
        }
        var n = 1
        while true {
            let candidate = folder + stem + (n == 1 ? " (edited)" : " (edited \(n))") + ext
            if !isTaken(candidate) && candidate.utf8.count - folder.utf8.count <= 255 { return candidate }
            if candidate.utf8.count - folder.utf8.count <= 255 {
                n += 1
            } else if !stem.isEmpty {
                stem.removeLast()
            } else {
                ext.removeLast()
            }
        }
    }
}
