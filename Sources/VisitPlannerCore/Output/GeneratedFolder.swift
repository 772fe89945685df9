import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces the generated files of an output folder (a plan folder) all at once, so that the
/// folder always holds one whole set (the old one or the new one), and nothing anyone else
/// wrote into it is ever lost.
///
/// The rule users see:
/// - The files VisitPlanner generates are listed, with the SHA-256 of their bytes, in the
///   folder's `.visitplan-manifest.json`. Only a file whose bytes still match is VisitPlanner's
///   to replace or remove.
/// - A generated file someone changed (or someone's own file at a generated file's name) is
///   kept as `<name> (edited).<ext>` (`(edited 2)`, …) next to the new file, and the command
///   says so. Conflict copies, and every other file someone put in the folder, are theirs:
///   carried over untouched, never removed.
/// - No symbolic link inside the folder is ever followed: a link at a folder VisitPlanner
///   writes into is refused with a message naming it; any other link is carried over as a link.
///
/// How: everything is written into a hidden staging folder next to the output folder
/// (`.visitplan-staging.<name>.<pid>.<random>`), with the manifest first; everyone else's files
/// are hard-linked into it (same file on disk, so an in-place save reaches both); the two
/// folders are exchanged in one step (`renameat2(RENAME_EXCHANGE)`); then anything saved into
/// the old folder meanwhile is moved into the new one (`Retire`), and the old folder is removed
/// once it holds nothing but VisitPlanner's own files. A staging folder left by a killed run is
/// recognised by its name and handled the same way by the next run. The caller holds the
/// folder's `FolderLock`, so runs never interleave.
public enum GeneratedFolder {
    /// What a run did.
    public struct Outcome: Sendable {
        /// The generated files, relative to the folder, in writing order.
        public var written: [String]
        /// Files of someone else's that were kept under another name, or left aside.
        public var kept: [KeptFile]
    }

    static let stagingPrefix = ".visitplan-staging."

    // MARK: - Writing

    /// Replaces the generated files of `lock.folder` by `files`.
    ///
    /// - Parameters:
    ///   - files: relative path (`calendar/MM-1.ics`) and bytes of every generated file.
    ///   - lock: the folder's lock, held by the caller for the whole run.
    ///   - protectedFolders: folders inside it, besides those of `files`, that are written
    ///     into by someone else under the same lock (`reports`): a link there is refused too.
    ///   - recognise: for a folder written before manifests existed, the hashes of the files
    ///     VisitPlanner can prove it wrote (by generating them again from what the folder holds).
    /// - Throws: `FileSystemError`, naming the path; nothing in the folder has changed then.
    public static func write(
        _ files: [(path: String, bytes: Data)], lock: FolderLock, protectedFolders: [String] = [],
        recognise: ((DirectoryHandle) -> [String: String])? = nil
    ) throws -> Outcome {
        let parent = lock.parent
        let name = lock.name
        if let info = parent.info(name) {
            if info.kind == .symbolicLink { throw FileSystemError.symbolicLink(path: parent.path(name), target: parent.readLink(name)) }
            if info.kind != .directory { throw FileSystemError.notAFolder(path: parent.path(name)) }
        }
        var kept: [KeptFile] = []
        for entry in try parent.entries() where isStaging(entry, for: name) {
            var retire = Retire(parent: parent, folderName: entry, liveName: name, reason: .fromInterruptedRun)
            kept += try retire.run()
        }

        let live = try parent.subdirectory(name, create: false)
        var owned: [String: String] = [:]
        if let live {
            if let manifest = FolderManifest.load(from: live) {
                owned = manifest.files
            } else if let recognise {
                owned = recognise(live)
            }
        }
        var plan = StagingPlan(files: files, protectedFolders: protectedFolders)
        if let live { try plan.survey(live, owned: owned) }
        kept += plan.kept

        let stagingName = newStagingName(for: name)
        guard mkdirat(parent.fd, stagingName, 0o777) == 0 else {
            throw FileSystemError.current("create the folder", parent.path(stagingName))
        }
        let carried: [String: DirectoryHandle.EntryInfo]
        do {
            guard let staging = try parent.subdirectory(stagingName, create: false) else {
                throw FileSystemError.failed(operation: "open the folder", path: parent.path(stagingName), errno: ENOENT)
            }
            carried = try plan.build(into: staging, from: live)
        } catch {
            // Nothing was switched: the staging folder holds only our files and links to theirs.
            var retire = Retire(parent: parent, folderName: stagingName, liveName: name, reason: .fromInterruptedRun)
            _ = try? retire.run()
            throw error
        }

        let oldName = try switchFolders(parent: parent, staging: stagingName, live: name, liveExists: live != nil)
        try parent.sync()
        if let oldName {
            var retire = Retire(
                parent: parent, folderName: oldName, liveName: name, carried: carried,
                movedTo: Dictionary(plan.copies.map { ($1, $0) }, uniquingKeysWith: { a, _ in a }), owned: owned,
                reason: .savedDuringSwitch)
            kept += try retire.run()
        }
        return Outcome(written: files.map(\.path), kept: kept)
    }

    /// Puts the staging folder in the place of the live one.
    ///
    /// - Returns: the hidden name under which the old contents now are, or `nil` if there
    ///   were none.
    private static func switchFolders(parent: DirectoryHandle, staging: String, live: String, liveExists: Bool) throws -> String? {
        if !liveExists, try parent.rename(staging, to: live, mode: .noReplace) { return nil }
        do {
            try parent.rename(staging, to: live, mode: .exchange)
            return staging
        } catch FileSystemError.failed(_, _, let code) where code == EINVAL || code == ENOSYS || code == ENOTSUP {
            // A file system without atomic exchange (some network shares): two renames, so the
            // folder is missing for an instant, but never half written.
            let old = newStagingName(for: live)
            guard try parent.rename(live, to: old, mode: .noReplace),
                try parent.rename(staging, to: live, mode: .noReplace)
            else {
                throw FileSystemError.failed(operation: "replace the folder", path: parent.path(live), errno: EEXIST)
            }
            return old
        }
    }

    // MARK: - Names

    /// `.visitplan-staging.<name>.<pid>.<random hex>`.
    static func newStagingName(for name: String) -> String {
        var random = SystemRandomNumberGenerator()
        let value: UInt64 = random.next()
        return "\(stagingPrefix)\(name).\(getpid()).\(String(value, radix: 16))"
    }

    /// Whether `entry` (in the folder's parent) is a staging folder of the folder `name`.
    static func isStaging(_ entry: String, for name: String) -> Bool {
        let prefix = stagingPrefix + name + "."
        guard entry.hasPrefix(prefix) else { return false }
        let tail = entry.dropFirst(prefix.count).split(separator: ".", omittingEmptySubsequences: false)
        return tail.count == 2 && Int32(tail[0]) != nil && UInt64(tail[1], radix: 16) != nil
    }

    /// `("itineraries", "MM-1.md")` for `itineraries/MM-1.md`; `("", "plan.json")` at the top.
    static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    /// Opens (and creates, if asked) the folder `relative` inside `root`, one name at a time,
    /// never following a link; cached in `cache`.
    static func folder(
        _ relative: String, in root: DirectoryHandle, cache: inout [String: DirectoryHandle], create: Bool
    ) throws -> DirectoryHandle? {
        if let handle = cache[relative] { return handle }
        if relative.isEmpty { return root }
        let (above, name) = split(relative)
        guard let up = try folder(above, in: root, cache: &cache, create: create),
            let handle = try up.subdirectory(name, create: create)
        else { return nil }
        cache[relative] = handle
        return handle
    }
}
