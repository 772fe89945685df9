import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What goes into the staging folder of `GeneratedFolder`: the generated files, and every
/// entry of the live folder that is not provably VisitPlanner's (carried over by hard link),
/// decided before anything is written so that the manifest can be written first.
struct StagingPlan {
    private let generated: [(path: String, bytes: Data)]
    private let generatedBytes: [String: Data]
    /// Folders that hold generated files (`itineraries`, `calendar`).
    private let generatedFolders: Set<String>
    /// Folders in which a symbolic link is refused: the generated ones and those the caller names.
    private let protected: Set<String>
    /// Someone's folders to create, parents first, with their permission bits.
    private(set) var folders: [(path: String, mode: UInt32)] = []
    /// Entries to hard-link from the live folder (`source`) into the staging folder (`destination`).
    private(set) var carries: [(source: String, destination: String)] = []
    /// Copy names given to edited files → the name they had.
    private(set) var copies: [String: String] = [:]
    private(set) var kept: [KeptFile] = []
    /// Every relative path the staging folder will hold, or that the live folder holds.
    private var taken: Set<String> = []

    init(files: [(path: String, bytes: Data)], protectedFolders: [String]) {
        generated = files
        generatedBytes = Dictionary(files.map { ($0.path, $0.bytes) }, uniquingKeysWith: { $1 })
        var folders: Set<String> = []
        for (path, _) in files {
            var folder = GeneratedFolder.split(path).folder
            while !folder.isEmpty {
                folders.insert(folder)
                folder = GeneratedFolder.split(folder).folder
            }
        }
        generatedFolders = folders
        protected = folders.union(protectedFolders)
        taken = Set(files.map(\.path)).union(folders)
    }

    // MARK: - Survey

    /// Decides, for every entry of the live folder, whether it is carried over and under which name.
    ///
    /// - Parameter owned: relative path → SHA-256 of the files VisitPlanner wrote there.
    /// - Throws: `FileSystemError.symbolicLink` for a link at a protected folder,
    ///   `.otherFileSystem` for a mount point inside the folder.
    mutating func survey(_ live: DirectoryHandle, owned: [String: String]) throws {
        try walk(live, source: "", destination: "", owned: owned, device: live.selfInfo()?.device)
    }

    private mutating func walk(
        _ folder: DirectoryHandle, source: String, destination: String, owned: [String: String], device: UInt64?
    ) throws {
        let names = try folder.entries()
        for name in names { taken.insert(destination + name) }
        for name in names {
            let sourcePath = source + name
            var destinationPath = destination + name
            if source.isEmpty && name == FolderManifest.fileName { continue }
            if DirectoryHandle.isAbandonedTemporary(name) {
                try folder.unlink(name)
                continue
            }
            // Another program's file being written right now: it lands in the old folder and
            // is moved over after the switch.
            if name.hasPrefix(DirectoryHandle.temporaryPrefix) { continue }
            guard let info = folder.info(name) else { continue }
            let atGeneratedFile = generatedBytes[destinationPath] != nil
            switch info.kind {
            case .directory:
                if let device, info.device != device { throw FileSystemError.otherFileSystem(path: folder.path(name)) }
                if atGeneratedFile {
                    destinationPath = keepAsCopy(sourcePath, destinationPath)
                }
                if !generatedFolders.contains(destinationPath) { folders.append((destinationPath, info.mode)) }
                guard let sub = try folder.subdirectory(name, create: false) else { continue }
                try walk(sub, source: sourcePath + "/", destination: destinationPath + "/", owned: owned, device: device)
            case .symbolicLink:
                if sourcePath == destinationPath && protected.contains(sourcePath) {
                    throw FileSystemError.symbolicLink(path: folder.path(name), target: folder.readLink(name))
                }
                if atGeneratedFile || generatedFolders.contains(destinationPath) {
                    destinationPath = keepAsCopy(sourcePath, destinationPath)
                }
                carries.append((sourcePath, destinationPath))
            case .file, .other:
                var bytes: Data?
                if info.kind == .file, let hash = owned[sourcePath] {
                    bytes = try? folder.read(name)
                    if let bytes, ContentHash.sha256(bytes) == hash { continue }  // ours, as we wrote it
                }
                if let new = generatedBytes[destinationPath] {
                    if info.kind == .file && Int64(new.count) == info.size {
                        if bytes == nil { bytes = try? folder.read(name) }
                        if bytes == new { continue }  // what we write anyway: nothing is lost
                    }
                    destinationPath = keepAsCopy(sourcePath, destinationPath)
                } else if generatedFolders.contains(destinationPath) {
                    destinationPath = keepAsCopy(sourcePath, destinationPath)
                } else if owned[sourcePath] != nil {
                    kept.append(KeptFile(path: sourcePath, keptAs: sourcePath, reason: .editedNoLongerGenerated))
                }
                carries.append((sourcePath, destinationPath))
            }
        }
    }

    /// Picks the copy name for someone's file that sits where a generated file goes.
    private mutating func keepAsCopy(_ source: String, _ destination: String) -> String {
        let copy = KeptFile.copyName(for: destination) { taken.contains($0) }
        taken.insert(copy)
        copies[copy] = source
        kept.append(KeptFile(path: source, keptAs: copy, reason: .edited))
        return copy
    }

    // MARK: - Building

    /// Writes the manifest, the generated files and the carried entries into `staging`, and
    /// flushes it all to disk.
    ///
    /// - Returns: for every entry carried under its own name, what it was once linked, so that
    ///   a later save into the old folder can be told from it.
    func build(into staging: DirectoryHandle, from live: DirectoryHandle?) throws -> [String: DirectoryHandle.EntryInfo] {
        var hashes: [String: String] = [:]
        for (path, bytes) in generated { hashes[path] = ContentHash.sha256(bytes) }
        let manifest = FolderManifest(files: hashes, copies: copies)
        try AtomicFile.write(try manifest.encoded(), named: FolderManifest.fileName, in: staging, sync: false)

        var made: [String: DirectoryHandle] = [:]
        for (path, bytes) in generated {
            let (folder, name) = GeneratedFolder.split(path)
            guard let target = try GeneratedFolder.folder(folder, in: staging, cache: &made, create: true) else { continue }
            try AtomicFile.write(bytes, named: name, in: target, sync: false)
        }
        for (path, mode) in folders {
            let (folder, name) = GeneratedFolder.split(path)
            guard let target = try GeneratedFolder.folder(folder, in: staging, cache: &made, create: true) else { continue }
            _ = try target.subdirectory(name, create: true)
            fchmodat(target.fd, name, mode_t(mode), 0)
        }
        var carried: [String: DirectoryHandle.EntryInfo] = [:]
        if let live {
            var opened: [String: DirectoryHandle] = [:]
            for (source, destination) in carries {
                let (sourceFolder, sourceName) = GeneratedFolder.split(source)
                let (folder, name) = GeneratedFolder.split(destination)
                guard let from = try? GeneratedFolder.folder(sourceFolder, in: live, cache: &opened, create: false),
                    let to = try GeneratedFolder.folder(folder, in: staging, cache: &made, create: true)
                else { continue }
                guard carry(sourceName, from: from, as: name, into: to) else { continue }
                if source == destination, let info = to.info(name) { carried[destination] = info }
            }
        }
        try staging.sync()
        for handle in made.values { try handle.sync() }
        return carried
    }

    /// Hard-links an entry; where the file system refuses (no hard links, another owner's file
    /// under `protected_hardlinks`), copies it. An entry that cannot be carried at all stays in
    /// the old folder and is moved back after the switch.
    private func carry(_ name: String, from: DirectoryHandle, as newName: String, into: DirectoryHandle) -> Bool {
        if (try? from.link(name, to: newName, in: into)) == true { return true }
        guard let info = from.info(name) else { return false }
        switch info.kind {
        case .file:
            guard let bytes = try? from.read(name), (try? into.createFile(newName, contents: bytes)) != nil else { return false }
            fchmodat(into.fd, newName, mode_t(info.mode), 0)
            return true
        case .symbolicLink:
            guard let target = from.readLink(name) else { return false }
            return (try? into.makeSymbolicLink(newName, to: target)) == true
        default:
            return false
        }
    }
}
