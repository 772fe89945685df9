import Foundation

// MARK: - Entry point

extension Bench {
    /// ArgumentParser's entry point, after the Swift backtracer is told never to wait for the
    /// terminal after a crash. Twin of `CrashHandling.configureBacktracer()` in
    /// Sources/visitplan/CrashHandling.swift (the two executables share no module of their own),
    /// which explains why: the runtime reads `SWIFT_BACKTRACE` only at load time, so when it is
    /// unset the program sets it and replaces itself with a fresh copy (same arguments and
    /// standard streams). The benchmark's child processes inherit the setting.
    static func main() {
        #if os(Linux)
            if getenv("SWIFT_BACKTRACE") == nil,
                let executable = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            {
                setenv(
                    "SWIFT_BACKTRACE",
                    "enable=yes,interactive=no,timeout=0s,output-to=stderr,preset=medium,threads=crashed,symbolicate=fast", 1)
                execv(executable, CommandLine.unsafeArgv)
            }
        #endif
        main(nil)
    }
}
