import Foundation

/// The built `visitplan` next to the test bundle, run as a person would run it: every
/// end-to-end test finds and runs it through here.
enum Executable {
    struct Run {
        let status: Int32
        let out: String
        let err: String
    }

    /// On Linux the bundle URL is the products folder itself; on macOS, the .xctest inside it.
    static var url: URL {
        let bundle = Bundle(for: Marker.self).bundleURL
        let candidates = [bundle, bundle.deletingLastPathComponent()].map { $0.appendingPathComponent("visitplan") }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
    }

    private final class Marker {}

    /// Runs it with `arguments`, standard input empty (no terminal, nothing typed), and returns
    /// its exit status and what it printed.
    static func run(_ arguments: [String]) throws -> Run {
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }
}
