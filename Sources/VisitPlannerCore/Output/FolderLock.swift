import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The advisory lock every VisitPlanner run takes before it changes an output folder, so that
/// two runs writing the same folder (two `plan`s, `plan` and `reports init`) take turns.
///
/// The lock is `flock` on a hidden file next to the folder, `.visitplan-lock.<folder name>`:
/// next to it rather than inside, because the folder itself is replaced as a whole. The
/// system releases it when the process ends, however it ends, so a killed run never leaves the
/// folder locked. The lock file stays (removing it would let two runs lock different files).
public final class FolderLock: @unchecked Sendable {
    /// The folder the lock protects.
    public let folder: URL
    /// The folder that holds `folder`, open.
    public let parent: DirectoryHandle
    /// The name of `folder` inside `parent`.
    public let name: String
    private let fd: Int32

    private init(folder: URL, parent: DirectoryHandle, name: String, fd: Int32) {
        self.folder = folder
        self.parent = parent
        self.name = name
        self.fd = fd
    }

    deinit {
        flock(fd, LOCK_UN)
        close(fd)
    }

    /// The lock file's name for a folder named `name`.
    public static func fileName(for name: String) -> String { ".visitplan-lock.\(name)" }

    /// Takes the lock of `folder`, waiting for another run to finish.
    ///
    /// - Parameters:
    ///   - folder: the output folder (it need not exist yet; its parent is created if missing).
    ///   - timeout: how long to wait for another run before giving up.
    ///   - onWait: called once, with a message for the user, when the lock is held by another run.
    /// - Throws: `FileSystemError.busy` after `timeout`; `.symbolicLink` if the folder that
    ///   holds `folder` is a link; `.failed` if the lock file cannot be created.
    public static func acquire(
        _ folder: URL, timeout: TimeInterval = 120, onWait: ((String) -> Void)? = nil
    ) throws -> FolderLock {
        let standard = folder.standardizedFileURL
        let name = standard.lastPathComponent
        guard !name.isEmpty, name != "/", name != ".", name != ".." else { throw FileSystemError.notAFolder(path: standard.path) }
        let parent = try DirectoryHandle.open(standard.deletingLastPathComponent(), create: true)
        let lockName = fileName(for: name)
        let fd = openat(parent.fd, lockName, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0o666)
        guard fd >= 0 else { throw FileSystemError.current("create the lock file", parent.path(lockName)) }
        let deadline = Date().addingTimeInterval(timeout)
        var told = false
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else {
                let error = FileSystemError.current("lock", parent.path(lockName))
                close(fd)
                throw error
            }
            if !told {
                onWait?("another visitplan run is writing \(standard.path); waiting…")
                told = true
            }
            guard Date() < deadline else {
                close(fd)
                throw FileSystemError.busy(folder: standard.path, seconds: Int(timeout.rounded()))
            }
            usleep(20_000)
        }
        return FolderLock(folder: standard, parent: parent, name: name, fd: fd)
    }
}
