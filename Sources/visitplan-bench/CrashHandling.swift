import Foundation
import VisitPlannerCore

// MARK: - Entry point

extension Bench {
    /// ArgumentParser's entry point, after the Swift backtracer is told never to wait for the
    /// terminal after a crash (see `CrashHandling`); the benchmark's child processes inherit it.
    static func main() {
        CrashHandling.configureBacktracer()
        main(nil)
    }
}
