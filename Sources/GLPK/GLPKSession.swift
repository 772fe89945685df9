import CGLPK

// MARK: - GLPKSession

/// One GLPK "environment visit": the only place that owns a `glp_prob`.
///
/// GLPK keeps its state per thread and a problem must be deleted on the thread that created it
/// (otherwise: "glp_free: memory allocation error", abort). A session is therefore created, used
/// and torn down inside one synchronous call (`GLPKSession.run`), never across an `await`.
/// Tearing down deletes the problem, then calls `glp_free_env()` so that worker threads do not
/// leak GLPK's environment (about 6 kB each) and the terminal hook does not outlive the call.
///
/// Every GLPK routine that does real work goes through `protected`, which calls a C function of
/// `CGLPK` that survives GLPK's internal errors. After such an error GLPK's whole state of this
/// thread, the problem included, has already been freed: `protected` throws
/// `GLPKError.internalError`, the session is marked dead, and the teardown skips the problem.
final class GLPKSession {
    /// The problem object; valid until `run` returns, unless an internal error freed it.
    var problem: OpaquePointer {
        // Only a bug in this layer could get here: `protected` throws when the problem dies.
        precondition(!environmentFreed, "GLPK problem used after an internal GLPK error freed it")
        return handle
    }
    /// GLPK's terminal output of this session, for `options.log` and for error messages.
    let terminal: TerminalCapture
    /// Set when a protected call reported an internal GLPK error: `glp_free_env()` has freed the
    /// problem, the hooks and every other GLPK object of this thread.
    private(set) var environmentFreed = false
    private let handle: OpaquePointer

    private init(terminal: TerminalCapture) {
        self.terminal = terminal
        handle = glp_create_prob()
    }

    /// Runs `body` with a fresh problem and GLPK's terminal output captured, then frees all of
    /// GLPK's state on this thread.
    static func run<Result>(log: (@Sendable (String) -> Void)?, _ body: (GLPKSession) throws -> Result) rethrows -> Result {
        let terminal = TerminalCapture(log: log)
        let context = Unmanaged.passRetained(terminal)
        // Installed before the first other GLPK call, so nothing reaches stdout. Returning 1 tells
        // GLPK the text was handled, which also swallows messages that ignore msg_lev. A Swift
        // closure is fine here even under protection: GLPK prints an internal error's message
        // through this hook, which returns, before the error hook jumps (see CGLPK.h).
        glp_term_hook(
            { info, text in
                if let info, let text {
                    Unmanaged<TerminalCapture>.fromOpaque(info).takeUnretainedValue().append(String(cString: text))
                }
                return 1
            }, context.toOpaque())
        let session = GLPKSession(terminal: terminal)
        defer {
            // After an internal error the problem and the hook died with the environment;
            // deleting the problem again would be a double free.
            if !session.environmentFreed {
                glp_delete_prob(session.handle)
                glp_term_hook(nil, nil)
            }
            // Harmless when already freed (GLPK then only returns 1).
            glp_free_env()
            terminal.flush()
            context.release()
        }
        return try body(session)
    }

    /// Calls one protected C routine of `CGLPK` (`vp_intopt`, `vp_simplex`, …) on the problem.
    ///
    /// - Parameters:
    ///   - routine: the GLPK routine's name, for the error.
    ///   - call: receives the problem and the `failed` flag to hand to the C routine.
    /// - Throws: `GLPKError.internalError` with GLPK's message when GLPK raised an internal
    ///   error; the session is then dead (`environmentFreed`) and must not call GLPK again.
    func protected<Value>(_ routine: String, _ call: (OpaquePointer, UnsafeMutablePointer<Int32>) -> Value) throws -> Value {
        var failed: Int32 = 0
        let value = call(problem, &failed)
        guard failed == 0 else {
            environmentFreed = true
            throw GLPKError.internalError(routine: routine, message: terminal.errorReport)
        }
        return value
    }
}

// MARK: - TerminalCapture

/// Collects GLPK's terminal text, which arrives in arbitrary pieces, and hands out whole lines.
///
/// Used only on the thread of its session (from GLPK's terminal hook), so it needs no lock.
final class TerminalCapture {
    private let log: (@Sendable (String) -> Void)?
    private var pending = ""
    /// The last lines GLPK printed, kept so a failed call can say what GLPK complained about.
    private(set) var recentLines: [String] = []
    private static let keptLines = 12
    /// How GLPK's error handler introduces the source location after its message.
    private static let errorLocationPrefix = "Error detected in file "

    init(log: (@Sendable (String) -> Void)?) {
        self.log = log
    }

    func append(_ text: String) {
        pending += text
        while let newline = pending.firstIndex(of: "\n") {
            emit(String(pending[..<newline]))
            pending = String(pending[pending.index(after: newline)...])
        }
    }

    /// Emits a trailing partial line, if any.
    func flush() {
        if !pending.isEmpty {
            emit(pending)
            pending = ""
        }
    }

    /// GLPK's recent output joined into one line, for error messages.
    var summary: String {
        flush()
        return recentLines.joined(separator: " | ")
    }

    /// GLPK's report of an internal error: GLPK prints its message, then "Error detected in file
    /// F at line N"; this gives "message (F at line N)". Falls back to `summary`.
    var errorReport: String {
        flush()
        guard let index = recentLines.lastIndex(where: { $0.hasPrefix(Self.errorLocationPrefix) }), index > 0 else {
            return summary.isEmpty ? "GLPK printed no message" : summary
        }
        let location = recentLines[index].dropFirst(Self.errorLocationPrefix.count)
        return "\(recentLines[index - 1]) (\(location))"
    }

    private func emit(_ line: String) {
        recentLines.append(line)
        if recentLines.count > Self.keptLines {
            recentLines.removeFirst(recentLines.count - Self.keptLines)
        }
        log?(line)
    }
}
