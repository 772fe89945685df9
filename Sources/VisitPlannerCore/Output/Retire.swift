import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Empties a hidden folder that held an output folder's old contents (or the staging folder of
/// an interrupted run) into the live folder, removing only what is provably VisitPlanner's.
///
/// Each entry is first renamed to a private name in its folder (`.visitplan-retire.<name>`),
/// where no editor saves, and only then examined: so a save that lands at the old name while
/// it is examined is a new entry, seen by the next pass, never removed unseen. An entry is
/// removed only when its bytes match the manifest, or the same bytes (or the same file, hard
/// linked) are in the live folder under the same name. Anything else is moved into the live
/// folder under its name, or as a `(edited)` copy when the name is taken, and reported.
struct Retire {
    let parent: DirectoryHandle
    /// The hidden folder's name in `parent`.
    let folderName: String
    /// The live folder's name in `parent`.
    let liveName: String
    /// What each entry carried into the live folder was once linked (see `StagingPlan.build`).
    let carried: [String: DirectoryHandle.EntryInfo]
    /// Why a file that must be kept under a copy name ends up there.
    let reason: KeptFile.Reason
    /// Where the content of an old path went in the live folder under another name (a copy
    /// of an edited file: `plan.md` → `plan (edited).md`).
    let movedTo: [String: String]
    /// The files of the hidden folder proven VisitPlanner's, when its own manifest does not
    /// say (a folder written before manifests existed).
    let owned: [String: String]?

    static let asidePrefix = ".visitplan-retire."
    private var manifest = FolderManifest()
    private var live: [String: DirectoryHandle] = [:]
    private var kept: [KeptFile] = []

    init(
        parent: DirectoryHandle, folderName: String, liveName: String, carried: [String: DirectoryHandle.EntryInfo] = [:],
        movedTo: [String: String] = [:], owned: [String: String]? = nil, reason: KeptFile.Reason
    ) {
        self.parent = parent
        self.folderName = folderName
        self.liveName = liveName
        self.carried = carried
        self.movedTo = movedTo
        self.owned = owned
        self.reason = reason
    }

    /// Empties and removes the hidden folder; what cannot be moved yet (a file another program
    /// is still writing) is left in it for the next run, and reported.
    mutating func run() throws -> [KeptFile] {
        guard let old = try parent.subdirectory(folderName, create: false) else { return [] }
        manifest = FolderManifest.load(from: old) ?? FolderManifest()
        if let owned { manifest.files = owned }
        for pass in 0..<4 {
            if pass > 0 { usleep(20_000) }
            try sweep(old, relative: "")
            let rest = try old.entries()
            if rest.allSatisfy({ $0 == FolderManifest.fileName }) {
                try old.unlink(FolderManifest.fileName)
                if try parent.removeDirectory(folderName) { return kept }
            }
        }
        for name in try old.entries() where name != FolderManifest.fileName {
            kept.append(KeptFile(path: name, keptAs: folderName, reason: .leftInHiddenFolder))
        }
        return kept
    }

    // MARK: - Sweeping

    private mutating func sweep(_ folder: DirectoryHandle, relative: String) throws {
        for name in try folder.entries() {
            if relative.isEmpty && name == FolderManifest.fileName { continue }
            if DirectoryHandle.isAbandonedTemporary(name) {
                try folder.unlink(name)
                continue
            }
            if name.hasPrefix(DirectoryHandle.temporaryPrefix) { continue }  // still being written: a later pass
            guard let info = folder.info(name) else { continue }
            if info.kind == .directory && !name.hasPrefix(Self.asidePrefix) {
                guard let sub = try folder.subdirectory(name, create: false) else { continue }
                try sweep(sub, relative: relative + name + "/")
                _ = try folder.removeDirectory(name)
                continue
            }
            let original: String
            let aside: String
            if name.hasPrefix(Self.asidePrefix) {
                original = String(name.dropFirst(Self.asidePrefix.count))
                aside = name
            } else {
                original = name
                aside = Self.asidePrefix + name
                guard aside.utf8.count <= 255 else {
                    try settle(folder, aside: name, path: relative + name, name: name)
                    continue
                }
                // An entry already aside under that name is examined on its own, first.
                guard try folder.rename(name, to: aside, mode: .noReplace) else { continue }
            }
            try settle(folder, aside: aside, path: relative + original, name: original)
        }
    }

    /// Decides on one entry, now at its private name `aside`.
    private mutating func settle(_ folder: DirectoryHandle, aside: String, path: String, name: String) throws {
        guard let entry = folder.info(aside) else { return }
        var bytes: Data?
        func content() -> Data? {
            if bytes == nil, entry.kind == .file { bytes = try? folder.read(aside) }
            return bytes
        }
        // Byte-identical to what VisitPlanner generated there.
        if entry.kind == .file, let hash = manifest.files[path], let data = content(), ContentHash.sha256(data) == hash {
            try folder.unlink(aside)
            return
        }
        // The same file, or the same bytes, is in the live folder under the same name.
        let place = GeneratedFolder.split(path).folder
        let target = try? liveFolder(place, create: false)
        if let target, let current = target.info(name), same(entry, content, as: current, in: target, name: name, folder, aside) {
            try folder.unlink(aside)
            return
        }
        // An edited file whose copy (`plan (edited).md`) is in the live folder now.
        if let copy = movedTo[path] {
            let (copyPlace, copyName) = GeneratedFolder.split(copy)
            if let copyFolder = try? liveFolder(copyPlace, create: false), let current = copyFolder.info(copyName),
                same(entry, content, as: current, in: copyFolder, name: copyName, folder, aside)
            {
                try folder.unlink(aside)
                return
            }
        }
        // A copy VisitPlanner made of an edited file whose original is still in the live folder.
        if let source = manifest.copies[path] {
            let (sourcePlace, sourceName) = GeneratedFolder.split(source)
            if let sourceFolder = try? liveFolder(sourcePlace, create: false), let current = sourceFolder.info(sourceName),
                same(entry, content, as: current, in: sourceFolder, name: sourceName, folder, aside)
            {
                try folder.unlink(aside)
                return
            }
        }
        // A save into the old folder after its file was carried: the save takes the name, and
        // the version it replaced goes, as the save itself would have made it go.
        if let was = carried[path], let target, let current = target.info(name), current.isUnchanged(since: was),
            (try? folder.rename(aside, to: name, in: target, mode: .exchange)) != nil
        {
            if let displaced = folder.info(aside), displaced.isUnchanged(since: was) {
                try folder.unlink(aside)
            } else {
                try keepAsCopy(folder, aside: aside, path: path, name: name)
            }
            return
        }
        // Someone's file: back under its own name, or a copy name if that is taken.
        if let home = try? liveFolder(place, create: true), home.info(name) == nil,
            try folder.rename(aside, to: name, in: home, mode: .noReplace)
        {
            return
        }
        try keepAsCopy(folder, aside: aside, path: path, name: name)
    }

    /// Whether the entry aside holds what `current` holds.
    private func same(
        _ entry: DirectoryHandle.EntryInfo, _ content: () -> Data?, as current: DirectoryHandle.EntryInfo, in place: DirectoryHandle,
        name: String, _ folder: DirectoryHandle, _ aside: String
    ) -> Bool {
        if entry.isSameFile(as: current) { return true }
        switch (entry.kind, current.kind) {
        case (.file, .file):
            guard entry.size == current.size, let data = content() else { return false }
            return (try? place.read(name)) == data
        case (.symbolicLink, .symbolicLink):
            return folder.readLink(aside) != nil && folder.readLink(aside) == place.readLink(name)
        default:
            return false
        }
    }

    /// Moves the entry aside into the live folder under the first free copy name.
    private mutating func keepAsCopy(_ folder: DirectoryHandle, aside: String, path: String, name: String) throws {
        let place = GeneratedFolder.split(path).folder
        var home: DirectoryHandle
        var prefix = place.isEmpty ? "" : place + "/"
        if let found = try? liveFolder(place, create: true) {
            home = found
        } else {
            // The folder's name is taken by a file in the live folder: keep it at the top.
            guard let top = try liveFolder("", create: true) else { return }
            home = top
            prefix = ""
        }
        for _ in 0..<1000 {
            let copy = KeptFile.copyName(for: prefix + name) { home.info(GeneratedFolder.split($0).name) != nil }
            if try folder.rename(aside, to: GeneratedFolder.split(copy).name, in: home, mode: .noReplace) {
                kept.append(KeptFile(path: path, keptAs: copy, reason: reason))
                return
            }
        }
    }

    /// The folder `relative` inside the live folder (which is created if it is missing and
    /// `create` is set, for a run interrupted before its first switch).
    private mutating func liveFolder(_ relative: String, create: Bool) throws -> DirectoryHandle? {
        if live[""] == nil {
            guard let root = try parent.subdirectory(liveName, create: create) else { return nil }
            live[""] = root
        }
        return try GeneratedFolder.folder(relative, in: live[""]!, cache: &live, create: create)
    }
}
