// MARK: - GLPKError

/// Everything that can go wrong in the GLPK layer, as a typed error instead of a process abort.
///
/// GLPK answers misuse with `abort()`, so the layer validates first and reports the problem here;
/// GLPK also aborts on its own internal errors, which validation cannot foresee, so those are
/// caught in C (see `CGLPK.h`) and reported here too. The cases separate "your model or options
/// are wrong" from "the solver gave up" from "GLPK itself broke" from "the file system said no",
/// because callers react differently to each.
public enum GLPKError: Error, Equatable, CustomStringConvertible {
    /// The model or the solve options would make GLPK abort or misbehave; the message names the
    /// offending row, column or option.
    case invalidModel(String)
    /// GLPK returned an error code that has no meaningful solve status (numerical trouble,
    /// a failed factorization, …); the message carries the code and GLPK's last output.
    case solverFailed(String)
    /// GLPK raised an internal error inside `routine` (it would have called `abort()`); the
    /// message is GLPK's own, with the place in GLPK's sources it names, e.g. routine
    /// `glp_intopt`, message `glp_add_cols: ncs = 0; invalid number of columns (api/prob1.c at
    /// line 360)`. The process lives on; every GLPK object of the calling thread was freed, and
    /// the next solve on that thread starts afresh.
    case internalError(routine: String, message: String)
    /// Reading or writing a model file failed; the message carries the path and GLPK's own reason.
    case io(String)

    public var description: String {
        switch self {
        case .invalidModel(let message): "invalid model: \(message)"
        case .solverFailed(let message): "GLPK failed: \(message)"
        case .internalError(let routine, let message): "GLPK internal error in \(routine): \(message)"
        case .io(let message): "GLPK I/O error: \(message)"
        }
    }
}
