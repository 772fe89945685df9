import CGLPK

// MARK: - GLPKSession

/// One GLPK "environment visit": the only place that owns a `glp_prob`.
///
/// GLPK keeps its state per thread and a problem must be deleted on the thread that created it
/// (otherwise: "glp_free: memory allocation error", abort). A session is therefore created, used
/// and torn down inside one synchronous call (`GLPKSession.run`), never across an `await`.
/// Tearing down deletes the problem, then calls `glp_free_env()` so that worker threads do not
/// leak GLPK's environment (about 6 kB each) and the terminal hook does not outlive the call.
final class GLPKSession {
    /// The problem object; valid until `run` returns.
    let problem: OpaquePointer
    /// GLPK's terminal output of this session, for `options.log` and for error messages.
    let terminal: TerminalCapture

    private init(terminal: TerminalCapture) {
        self.terminal = terminal
        problem = glp_create_prob()
    }

    /// Runs `body` with a fresh problem and GLPK's terminal output captured, then frees all of
    /// GLPK's state on this thread.
    static func run<Result>(log: (@Sendable (String) -> Void)?, _ body: (GLPKSession) throws -> Result) rethrows -> Result {
        let terminal = TerminalCapture(log: log)
        let context = Unmanaged.passRetained(terminal)
        // Installed before the first other GLPK call, so nothing reaches stdout. Returning 1 tells
        // GLPK the text was handled, which also swallows messages that ignore msg_lev.
        glp_term_hook(
            { info, text in
                if let info, let text {
                    Unmanaged<TerminalCapture>.fromOpaque(info).takeUnretainedValue().append(String(cString: text))
                }
                return 1
            }, context.toOpaque())
        let session = GLPKSession(terminal: terminal)
        defer {
            glp_delete_prob(session.problem)
            glp_term_hook(nil, nil)
            glp_free_env()
            terminal.flush()
            context.release()
        }
        return try body(session)
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

    private func emit(_ line: String) {
        recentLines.append(line)
        if recentLines.count > Self.keptLines {
            recentLines.removeFirst(recentLines.count - Self.keptLines)
        }
        log?(line)
    }
}
