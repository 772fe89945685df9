import Foundation

/// `.visitplan-manifest.json`: the proof of what VisitPlanner wrote into a generated folder.
///
/// For every generated file, the SHA-256 of the bytes written. A file is VisitPlanner's to
/// replace or remove only while its bytes still have that hash; anything else in the folder
/// (a file someone edited, added or saved) is theirs and is never removed.
public struct FolderManifest: Codable, Equatable, Sendable {
    public static let fileName = ".visitplan-manifest.json"

    public var version = 1
    /// Relative path (`itineraries/MM-1.md`) → SHA-256 of the bytes written.
    public var files: [String: String] = [:]
    /// Copies kept of someone's edited file (`plan (edited).md`) → the path they were taken
    /// from (`plan.md`), so that the folder of an interrupted run can tell a copy it made from a
    /// file someone saved.
    public var copies: [String: String] = [:]

    public init(files: [String: String] = [:], copies: [String: String] = [:]) {
        self.files = files
        self.copies = copies
    }

    /// Sorted keys, one line per file, a final newline: the same files give the same bytes.
    public func encoded() throws -> Data {
        try DeterministicJSON.encode(self)
    }

    /// The manifest in `folder`, or `nil` if there is none or it cannot be read (then nothing
    /// in the folder is proven VisitPlanner's, and nothing is removed).
    static func load(from folder: DirectoryHandle) -> FolderManifest? {
        guard let data = try? folder.read(fileName) else { return nil }
        return try? JSONDecoder().decode(FolderManifest.self, from: data)
    }
}
