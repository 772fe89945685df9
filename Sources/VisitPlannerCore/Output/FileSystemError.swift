import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a file operation on an output folder was refused or failed, always naming the path.
///
/// A refusal (a symbolic link, a folder held by another run) is not a failure of the system:
/// the message says what the user can do about it.
public enum FileSystemError: Error, Equatable, CustomStringConvertible, LocalizedError {
    /// A system call failed: what was being done, on which path, and the system's reason.
    case failed(operation: String, path: String, errno: Int32)
    /// A folder VisitPlanner writes into is a symbolic link: writing or deleting through it
    /// could reach files outside the output folder.
    case symbolicLink(path: String, target: String?)
    /// The path exists but is not a folder where a folder is needed.
    case notAFolder(path: String)
    /// Another run held the folder's lock for longer than the time allowed.
    case busy(folder: String, seconds: Int)
    /// A folder inside the plan folder lives on another file system (a mount point): the plan
    /// folder cannot be switched in one atomic step.
    case otherFileSystem(path: String)

    public var description: String {
        switch self {
        case .failed(let operation, let path, let code):
            return "\(path): cannot \(operation): \(String(cString: strerror(code)))"
        case .symbolicLink(let path, let target):
            let to = target.map { " to \($0)" } ?? ""
            return
                "\(path) is a symbolic link\(to): VisitPlanner never writes or deletes through a link, so that nothing outside the output folder is touched; replace the link by a real folder, or name the real folder instead"
        case .notAFolder(let path):
            return "\(path) exists and is not a folder"
        case .busy(let folder, let seconds):
            return
                "another visitplan run has been writing \(folder) for more than \(seconds) s: nothing was changed; run again when it has finished"
        case .otherFileSystem(let path):
            return
                "\(path) is on another file system (a mount point): the plan folder cannot be switched in one step; move it out of the plan folder"
        }
    }

    public var errorDescription: String? { description }

    /// The error for the current `errno`.
    static func current(_ operation: String, _ path: String) -> FileSystemError {
        .failed(operation: operation, path: path, errno: errno)
    }
}
