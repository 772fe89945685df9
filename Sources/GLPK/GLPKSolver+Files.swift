import CGLPK
import Foundation

// MARK: - Export

extension GLPKSolver {
    /// File formats GLPK can write and read back.
    public enum ExportFormat: Sendable {
        /// CPLEX LP: readable, keeps the optimization sense. The default choice.
        case cplexLP
        /// Free MPS. MPS cannot record the sense, so a maximization is written as the equivalent
        /// minimization of the negated objective (its optimal objective is the negated one).
        case freeMPS
    }

    /// Writes the model to a file, atomically: GLPK writes a temporary file in the same
    /// directory, which is then renamed over `url`, so readers never see a half-written model.
    ///
    /// Names are rewritten into valid, unique LP/MPS names (see `ExportNames`): only ASCII
    /// letters, digits and `_`, no leading digit, no LP keyword. For `.freeMPS` a maximization is
    /// exported as `minimize -objective` (GLPK's MPS writer drops the sense, so other tools would
    /// minimize the original objective otherwise).
    ///
    /// - Throws: `GLPKError.invalidModel` for an invalid model, or a model without constraints in
    ///   `.cplexLP` (GLPK's LP writer then writes no variables at all; use `.freeMPS`);
    ///   `GLPKError.io` when GLPK cannot write or the rename fails.
    public static func export(_ model: LinearModel, to url: URL, format: ExportFormat) throws {
        try model.validate()
        if format == .cplexLP && model.constraints.isEmpty {
            throw GLPKError.invalidModel(
                "model '\(model.name)' has no constraints; GLPK's CPLEX LP writer would drop every variable (export it as freeMPS)")
        }
        let rows = ExportNames.sanitize(model.constraints.map(\.name), prefix: "r")
        let objective = ExportNames.sanitize("obj", prefix: "obj", reserved: Set(rows))
        let names = GLPKSession.Names(
            problem: ExportNames.sanitize(model.name, prefix: "model"),
            objective: objective,
            columns: ExportNames.sanitize(model.variables.map(\.name), prefix: "x"),
            rows: rows)

        let directory = url.deletingLastPathComponent()
        // Same directory (rename must not cross file systems); the original name last, so GLPK
        // still sees the extension (it compresses when a name ends in ".gz").
        let temporary = directory.appendingPathComponent(".\(UUID().uuidString).tmp.\(url.lastPathComponent)")
        do {
            try GLPKSession.run(log: nil) { session in
                try session.load(model, names: names, forceMinimize: format == .freeMPS)
                let code = try temporary.withUnsafeFileSystemRepresentation { path -> Int32 in
                    guard let path else { return -1 }
                    return switch format {
                    case .cplexLP: try session.protected("glp_write_lp") { vp_write_lp($0, path, $1) }
                    case .freeMPS: try session.protected("glp_write_mps") { vp_write_mps($0, path, $1) }
                    }
                }
                guard code == 0 else {
                    throw GLPKError.io("cannot write \(url.path): \(session.terminal.summary)")
                }
            }
        } catch {
            // Also after an internal GLPK error in the writer: no half-written leftover.
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
        let renamed = temporary.withUnsafeFileSystemRepresentation { from in
            url.withUnsafeFileSystemRepresentation { to in
                guard let from, let to else { return Int32(-1) }
                return rename(from, to)
            }
        }
        guard renamed == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: temporary)
            throw GLPKError.io("cannot move the exported model to \(url.path): \(reason)")
        }
    }

    // MARK: - Import and solve

    /// Reads a model file with GLPK's own reader and solves it like `solve(_:options:)`.
    ///
    /// Used to prove that an export is the same model: the optimal objective must match (for an
    /// MPS export of a maximization, the negated one). The file's rows and columns may differ
    /// in number from the original (GLPK's LP writer turns a ranged row into an equality plus a
    /// bounded slack column and drops free rows), so compare objectives, not shapes.
    ///
    /// - Throws: `GLPKError.io` when GLPK rejects the file (its message included);
    ///   `GLPKError.invalidModel` when the file's model or the options are invalid.
    public static func solve(file url: URL, format: ExportFormat, options: SolveOptions = .init()) throws -> Solution {
        let start = ContinuousClock.now
        let (model, constant) = try read(file: url, format: format)
        try model.validate()
        try options.validate(for: model)
        let outcome = try solveMIP(model, options: options, start: start)
        return makeSolution(outcome, model: model, sense: model.sense, start: start, objectiveConstant: constant)
    }

    /// Reads a file into a `LinearModel`, plus the objective's constant term.
    static func read(file url: URL, format: ExportFormat) throws -> (LinearModel, Double) {
        try GLPKSession.run(log: nil) { session in
            let code = try url.withUnsafeFileSystemRepresentation { path -> Int32 in
                guard let path else { return -1 }
                return switch format {
                case .cplexLP: try session.protected("glp_read_lp") { vp_read_lp($0, path, $1) }
                case .freeMPS: try session.protected("glp_read_mps") { vp_read_mps($0, path, $1) }
                }
            }
            guard code == 0 else {
                throw GLPKError.io("cannot read \(url.path): \(session.terminal.summary)")
            }
            return session.extractModel()
        }
    }
}
