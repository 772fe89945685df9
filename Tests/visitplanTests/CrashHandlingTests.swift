import Foundation
import VisitPlannerCore
import XCTest

@testable import visitplan

/// A crash of `visitplan` ends the process at once with a backtrace on standard error; it never
/// waits for a key on the caller's terminal (see Sources/VisitPlannerCore/Foundation/CrashHandling.swift).
final class CrashHandlingTests: XCTestCase {
    var binary: URL { Executable.url }

    struct Run {
        let status: Int32
        let signalled: Bool
        let out: String
        let err: String
        let seconds: Double
    }

    /// Runs `executable` with `environment` changes applied (nil removes a variable). Standard
    /// input is a pipe that stays open and silent until the process ends: a user who presses
    /// nothing.
    func run(_ executable: String, _ arguments: [String], environment changes: [String: String?]) throws -> Run {
        var environment = ProcessInfo.processInfo.environment
        for (name, value) in changes { environment[name] = value }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = environment
        let input = Pipe(), out = Pipe(), err = Pipe()
        process.standardInput = input
        process.standardOutput = out
        process.standardError = err
        let start = Date()
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let seconds = Date().timeIntervalSince(start)
        try input.fileHandleForWriting.close()
        return Run(
            status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
            out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self),
            seconds: seconds)
    }

    /// Under a terminal (a pty made by `script`) with no key pressed, the runtime's default
    /// backtracer would wait 30 s ("Press space to interact…"); configured, it does not.
    func testCrashUnderATerminalReleasesItAtOnce() throws {
        let script = "/usr/bin/script"
        guard FileManager.default.isExecutableFile(atPath: script) else { throw XCTSkip("no \(script) to make a terminal") }
        let r = try run(
            script, ["-qfec", "\(binary.path) --version", "/dev/null"],
            environment: ["SWIFT_BACKTRACE": nil, "VISITPLAN_DELIBERATE_CRASH": "1"])
        XCTAssertEqual(r.status, 132, r.out)  // SIGILL, the trap of fatalError, as 128 + 4
        XCTAssertLessThan(r.seconds, 15, r.out)
        XCTAssertTrue(r.out.contains("Fatal error: deliberate crash (VISITPLAN_DELIBERATE_CRASH=1)"), r.out)
        XCTAssertTrue(r.out.contains("Thread 0 \"visitplan\" crashed"), r.out)
        XCTAssertFalse(r.out.contains("Press space to interact"), r.out)
    }

    /// Without a terminal: the report goes to standard error, standard output stays clean.
    func testCrashReportGoesToStandardError() throws {
        let r = try run(binary.path, ["--version"], environment: ["SWIFT_BACKTRACE": nil, "VISITPLAN_DELIBERATE_CRASH": "1"])
        XCTAssertTrue(r.signalled && r.status == SIGILL, "\(r.status)")
        XCTAssertEqual(r.out, "")
        XCTAssertTrue(r.err.contains("Program crashed: Illegal instruction"), r.err)
    }

    /// A setting the user chose wins: with the backtracer off, the crash prints no backtrace.
    func testUsersSettingIsRespected() throws {
        let r = try run(binary.path, ["--version"], environment: ["SWIFT_BACKTRACE": "enable=no", "VISITPLAN_DELIBERATE_CRASH": "1"])
        XCTAssertTrue(r.signalled && r.status == SIGILL, "\(r.status)")
        XCTAssertTrue(r.err.contains("Fatal error: deliberate crash"), r.err)
        XCTAssertFalse(r.err.contains("Program crashed"), r.err)
    }

    /// The re-exec is invisible: same exit status and the same bytes on both streams as a run
    /// that needs none, for a success and for a failure.
    func testRestartPassesStatusAndStreamsThrough() throws {
        for arguments in [["--version"], ["validate", "--data", "/nonexistent-\(UUID().uuidString)"]] {
            let restarted = try run(binary.path, arguments, environment: ["SWIFT_BACKTRACE": nil])
            let direct = try run(binary.path, arguments, environment: ["SWIFT_BACKTRACE": CrashHandling.backtraceSettings])
            XCTAssertEqual(restarted.status, direct.status, "\(arguments)")
            XCTAssertEqual(restarted.out, direct.out, "\(arguments)")
            XCTAssertEqual(restarted.err, direct.err, "\(arguments)")
        }
        XCTAssertEqual(try run(binary.path, ["--version"], environment: ["SWIFT_BACKTRACE": nil]).status, 0)
    }
}
