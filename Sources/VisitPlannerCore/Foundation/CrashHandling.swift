import Foundation

// MARK: - CrashHandling

/// Makes a crash end the process at once (used by both executables, first thing in `main`), with a short backtrace on standard error, instead of
/// holding the caller's terminal.
///
/// Why: on Linux the Swift runtime catches crashes and runs its backtracer, whose default is
/// `interactive=tty`: when standard input and output are a terminal it prints "Press space to
/// interact, D to debug, or any other key to quit (30s)" and waits, and full symbolication of a
/// large binary can take longer still. A desk officer's terminal (or a script run in one) is
/// then stuck for 30 s or more after any crash. The runtime reads its settings only from the
/// `SWIFT_BACKTRACE` environment variable, once, when it loads (before `main`); there is no API
/// and no setting that can be compiled into the executable (the runtime's settings symbol is not
/// exported). So when the variable is not set, `main` sets it and replaces the process with a
/// fresh copy of itself (`execv` of `/proc/self/exe`): same process id, same arguments, same
/// standard input, output and error, and the exit status is the new image's own. The second
/// image finds the variable set and goes on. A value the user set is always respected.
///
/// Measured on a debug build (see the report of issue 9): the re-exec costs about 10 ms; a
/// crash under a terminal ended after about 1 s instead of 31 s.
public enum CrashHandling {
    /// Backtracer settings: never wait for a key (`interactive=no`, `timeout=0s`), a medium
    /// report of the crashed thread on standard error (standard output may be a data file being
    /// written), fast symbolication (full symbolication can take minutes on a large binary).
    public static let backtraceSettings =
        "enable=yes,interactive=no,timeout=0s,output-to=stderr,preset=medium,threads=crashed,symbolicate=fast"

    /// Set to `1` to make the program crash right after this configuration: shows what a crash
    /// looks like and lets the tests prove that it never waits for the terminal.
    public static let deliberateCrashVariable = "VISITPLAN_DELIBERATE_CRASH"

    /// Call first thing in `main`. Returns at once when `SWIFT_BACKTRACE` is already set (by the
    /// user, or by the first image of this process); otherwise does not return unless `execv`
    /// fails, in which case the program runs on with the runtime's defaults.
    public static func configureBacktracer() {
        #if os(Linux)
            if getenv("SWIFT_BACKTRACE") == nil,
                let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            {
                setenv("SWIFT_BACKTRACE", backtraceSettings, 1)
                // The resolved path, not /proc/self/exe itself: the kernel names the process
                // after the file executed, and "exe" would then show in ps, top and crash reports.
                execv(executable, CommandLine.unsafeArgv)
            }
        #endif
        if getenv(deliberateCrashVariable).map({ String(cString: $0) }) == "1" {
            fatalError("deliberate crash (\(deliberateCrashVariable)=1)")
        }
    }
}
