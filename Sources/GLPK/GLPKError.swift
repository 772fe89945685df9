// MARK: - GLPKError

/// Everything that can go wrong in the GLPK layer, as a typed error instead of a process abort.
///
/// GLPK answers misuse with `abort()`, so the layer validates first and reports the problem here;
/// the three cases separate "your model or options are wrong" from "the solver gave up" from
/// "the file system said no", because callers react differently to each.
public enum GLPKError: Error, Equatable, CustomStringConvertible {
    /// The model or the solve options would make GLPK abort or misbehave; the message names the
    /// offending row, column or option.
    case invalidModel(String)
    /// GLPK returned an error code that has no meaningful solve status (numerical trouble,
    /// a failed factorization, …); the message carries the code and GLPK's last output.
    case solverFailed(String)
    /// Reading or writing a model file failed; the message carries the path and GLPK's own reason.
    case io(String)

    public var description: String {
        switch self {
        case .invalidModel(let message): "invalid model: \(message)"
        case .solverFailed(let message): "GLPK failed: \(message)"
        case .io(let message): "GLPK I/O error: \(message)"
        }
    }
}
