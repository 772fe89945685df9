internal import CFileOps
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// An open folder. Every operation names an entry *of this folder* and never follows a
/// symbolic link, so nothing done through a handle can reach outside the folder it was opened
/// on, whatever links someone puts inside it.
///
/// Paths given by the user are resolved once, when the top folder is opened; everything below
/// is opened relative to it (`openat` with `O_NOFOLLOW`).
public final class DirectoryHandle: @unchecked Sendable {
    /// The open descriptor (`O_DIRECTORY`), closed in `deinit`.
    let fd: Int32
    /// Where the folder is, for messages only: operations never go through this path.
    public let url: URL

    private init(fd: Int32, url: URL) {
        self.fd = fd
        self.url = url
    }

    deinit { close(fd) }

    // MARK: - Opening

    /// Opens the folder at `url`, creating it (and missing parents) when asked.
    ///
    /// - Throws: `FileSystemError.symbolicLink` if the folder itself is a link,
    ///   `.notAFolder` if it is something else, `.failed` for any other reason.
    public static func open(_ url: URL, create: Bool) throws -> DirectoryHandle {
        let path = url.standardizedFileURL.path
        if create {
            var isDirectory: ObjCBool = false
            let linkTarget = try? FileManager.default.destinationOfSymbolicLink(atPath: path)
            if linkTarget == nil, !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                do {
                    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
                } catch {
                    throw FileSystemError.failed(operation: "create the folder", path: path, errno: EACCES)
                }
            }
        }
        let fd = Glibc_open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { throw openError(path) }
        return DirectoryHandle(fd: fd, url: URL(fileURLWithPath: path, isDirectory: true))
    }

    /// The folder `name` inside this one; `nil` if it does not exist and `create` is false.
    ///
    /// - Throws: `FileSystemError.symbolicLink` if `name` is a link (it is never followed).
    public func subdirectory(_ name: String, create: Bool) throws -> DirectoryHandle? {
        if create, mkdirat(fd, name, 0o777) != 0, errno != EEXIST {
            throw FileSystemError.current("create the folder", path(name))
        }
        let sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard sub >= 0 else {
            if errno == ENOENT && !create { return nil }
            throw Self.openError(path(name), target: readLink(name))
        }
        return DirectoryHandle(fd: sub, url: url.appendingPathComponent(name, isDirectory: true))
    }

    private static func openError(_ path: String, target: String? = nil) -> FileSystemError {
        let code = errno
        if code == ELOOP || code == EMLINK {
            return .symbolicLink(path: path, target: target ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: path)))
        }
        if code == ENOTDIR {
            if let link = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                return .symbolicLink(path: path, target: target ?? link)
            }
            return .notAFolder(path: path)
        }
        return .failed(operation: "open the folder", path: path, errno: code)
    }

    /// The full path of an entry, for messages.
    public func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    // MARK: - Reading

    /// What an entry is, without following links.
    public struct EntryInfo: Equatable, Sendable {
        public enum Kind: Sendable { case file, directory, symbolicLink, other }
        public var kind: Kind
        public var device: UInt64
        public var inode: UInt64
        public var size: Int64
        public var modified: timespec
        public var mode: UInt32

        /// Same file on disk (a hard link of it counts as the same).
        public func isSameFile(as other: EntryInfo) -> Bool { device == other.device && inode == other.inode }

        /// Same file and, by size and modification time, the same content as when `other` was taken.
        public func isUnchanged(since other: EntryInfo) -> Bool {
            isSameFile(as: other) && size == other.size && modified.tv_sec == other.modified.tv_sec
                && modified.tv_nsec == other.modified.tv_nsec
        }

        public static func == (a: EntryInfo, b: EntryInfo) -> Bool { a.isUnchanged(since: b) && a.kind == b.kind }
    }

    /// `nil` if there is no such entry.
    public func info(_ name: String) -> EntryInfo? {
        var st = stat()
        guard fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) == 0 else { return nil }
        return Self.info(st)
    }

    /// The entry of this folder itself.
    public func selfInfo() -> EntryInfo? {
        var st = stat()
        guard fstat(fd, &st) == 0 else { return nil }
        return Self.info(st)
    }

    private static func info(_ st: stat) -> EntryInfo {
        let type = UInt32(st.st_mode) & UInt32(S_IFMT)
        let kind: EntryInfo.Kind =
            type == UInt32(S_IFREG) ? .file : type == UInt32(S_IFDIR) ? .directory : type == UInt32(S_IFLNK) ? .symbolicLink : .other
        #if canImport(Darwin)
            let modified = st.st_mtimespec
        #else
            let modified = st.st_mtim
        #endif
        return EntryInfo(
            kind: kind, device: UInt64(st.st_dev), inode: UInt64(st.st_ino), size: Int64(st.st_size), modified: modified,
            mode: UInt32(st.st_mode) & 0o7777)
    }

    /// The names in this folder (without `.` and `..`), sorted.
    public func entries() throws -> [String] {
        let copy = dup(fd)
        guard copy >= 0, let dir = fdopendir(copy) else {
            if copy >= 0 { close(copy) }
            throw FileSystemError.current("list the folder", url.path)
        }
        defer { closedir(dir) }
        rewinddir(dir)
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: &entry.pointee.d_name) {
                String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The bytes of a regular file; a link is never followed.
    public func read(_ name: String) throws -> Data {
        let file = openat(fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard file >= 0 else { throw FileSystemError.current("read", path(name)) }
        defer { close(file) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc_read(file, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileSystemError.current("read", path(name))
            }
            if n == 0 { break }
            data.append(buffer, count: n)
        }
        return data
    }

    /// Where a symbolic link points, or `nil` if `name` is not one.
    public func readLink(_ name: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let n = readlinkat(fd, name, &buffer, buffer.count - 1)
        guard n >= 0 else { return nil }
        return String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    // MARK: - Writing

    /// The prefix of every temporary file VisitPlanner creates, so that a later run can tell
    /// its own leftovers (of a run that was killed) from anyone else's files.
    public static let temporaryPrefix = ".visitplan-tmp."

    /// Writes a new file, which must not exist yet (`O_EXCL`), and flushes it to disk.
    ///
    /// Permissions are the usual ones for a document (read-write for the owner, readable by
    /// others as the umask allows): `0o666` less the process's umask.
    public func createFile(_ name: String, contents: Data) throws {
        let file = openat(fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard file >= 0 else { throw FileSystemError.current("create", path(name)) }
        var ok = false
        defer {
            close(file)
            if !ok { unlinkat(fd, name, 0) }
        }
        try contents.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc_write(file, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw FileSystemError.current("write", path(name))
                }
                offset += n
            }
        }
        guard fsync(file) == 0 else { throw FileSystemError.current("flush to disk", path(name)) }
        ok = true
    }

    /// Writes `contents` to a new temporary file named after `name` and returns its name.
    public func createTemporary(for name: String, contents: Data) throws -> String {
        var random = SystemRandomNumberGenerator()
        let temp = Self.temporaryName(for: name, pid: getpid(), random: random.next())
        try createFile(temp, contents: contents)
        return temp
    }

    /// `.visitplan-tmp.<pid>.<random>.<name>`, cut to the 255 bytes a file name may have.
    static func temporaryName(for name: String, pid: Int32, random: UInt64) -> String {
        var temp = "\(temporaryPrefix)\(pid).\(String(random, radix: 16)).\(name)"
        while temp.utf8.count > 255 { temp.removeLast() }
        return temp
    }

    /// The process that created a temporary file, from its name.
    static func temporaryOwner(_ name: String) -> Int32? {
        guard name.hasPrefix(temporaryPrefix) else { return nil }
        return Int32(name.dropFirst(temporaryPrefix.count).prefix { $0 != "." })
    }

    /// Whether `name` is a temporary file of a VisitPlanner run that no longer exists (killed
    /// while writing), or of the earlier naming (`.<file>.<UUID>.tmp`), which had no owner.
    public static func isAbandonedTemporary(_ name: String) -> Bool {
        if let pid = temporaryOwner(name) {
            return pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH
        }
        guard name.hasPrefix("."), name.hasSuffix(".tmp") else { return false }
        let parts = name.dropLast(4).split(separator: ".", omittingEmptySubsequences: false)
        guard let uuid = parts.last, parts.count >= 3 else { return false }
        return UUID(uuidString: String(uuid)) != nil
    }

    /// How `rename` treats an existing target.
    public enum RenameMode: Sendable {
        /// Replace it (plain `rename`).
        case replace
        /// Fail instead (returns false).
        case noReplace
        /// Swap the two entries in one step; both must exist.
        case exchange
    }

    /// Renames `name` to `newName` in `destination` (this folder by default).
    ///
    /// - Returns: false if `mode` is `.noReplace` and the target exists; true otherwise.
    /// - Throws: `FileSystemError.failed` (with `EINVAL`/`ENOSYS` where the file system cannot
    ///   exchange atomically).
    @discardableResult
    public func rename(_ name: String, to newName: String, in destination: DirectoryHandle? = nil, mode: RenameMode) throws -> Bool {
        let target = destination ?? self
        switch mode {
        case .replace:
            guard renameat(fd, name, target.fd, newName) == 0 else { throw FileSystemError.current("rename to \(newName)", path(name)) }
        case .exchange:
            guard cfo_renameat2(fd, name, target.fd, newName, CFO_RENAME_EXCHANGE) == 0 else {
                throw FileSystemError.current("exchange with \(target.path(newName))", path(name))
            }
        case .noReplace:
            if cfo_renameat2(fd, name, target.fd, newName, CFO_RENAME_NOREPLACE) == 0 { return true }
            if errno == EEXIST || errno == ENOTEMPTY { return false }
            guard errno == EINVAL || errno == ENOSYS || errno == ENOTSUP else {
                throw FileSystemError.current("rename to \(newName)", path(name))
            }
            // No RENAME_NOREPLACE here: a hard link fails on an existing target atomically.
            if info(name)?.kind != .directory {
                guard try link(name, to: newName, in: target) else { return false }
                guard unlinkat(fd, name, 0) == 0 else { throw FileSystemError.current("remove", path(name)) }
                return true
            }
            guard target.info(newName) == nil else { return false }
            guard renameat(fd, name, target.fd, newName) == 0 else { throw FileSystemError.current("rename to \(newName)", path(name)) }
        }
        return true
    }

    /// Hard-links `name` as `newName` in `destination`; a symbolic link is linked itself, not followed.
    ///
    /// - Returns: false if the target exists.
    /// - Throws: `FileSystemError.failed` where the file system has no hard links (`EPERM`,
    ///   `EXDEV`, `EMLINK`, `ENOTSUP`): callers copy instead.
    public func link(_ name: String, to newName: String, in destination: DirectoryHandle) throws -> Bool {
        if linkat(fd, name, destination.fd, newName, 0) == 0 { return true }
        if errno == EEXIST { return false }
        throw FileSystemError.current("link as \(destination.path(newName))", path(name))
    }

    /// Creates a symbolic link `name` pointing to `target`; false if `name` exists.
    public func makeSymbolicLink(_ name: String, to target: String) throws -> Bool {
        if symlinkat(target, fd, name) == 0 { return true }
        if errno == EEXIST { return false }
        throw FileSystemError.current("create the link", path(name))
    }

    /// Removes a file or a symbolic link (never a folder).
    public func unlink(_ name: String) throws {
        guard unlinkat(fd, name, 0) == 0 || errno == ENOENT else { throw FileSystemError.current("remove", path(name)) }
    }

    /// Removes an empty folder; false if it is not empty.
    public func removeDirectory(_ name: String) throws -> Bool {
        if unlinkat(fd, name, AT_REMOVEDIR) == 0 || errno == ENOENT { return true }
        if errno == ENOTEMPTY || errno == EEXIST { return false }
        throw FileSystemError.current("remove the folder", path(name))
    }

    /// Flushes the folder's entries (names created, renamed, removed) to disk.
    public func sync() throws {
        guard fsync(fd) == 0 || errno == EINVAL else { throw FileSystemError.current("flush to disk", url.path) }
    }
}

// The C functions under names that do not clash with this type's methods.
private func Glibc_open(_ path: String, _ flags: Int32) -> Int32 { open(path, flags) }
private func Glibc_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int { read(fd, buffer, count) }
private func Glibc_write(_ fd: Int32, _ buffer: UnsafeRawPointer, _ count: Int) -> Int { write(fd, buffer, count) }
