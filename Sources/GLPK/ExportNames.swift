// MARK: - ExportNames

/// Turns arbitrary model names into names that GLPK's CPLEX LP and free MPS writers emit
/// verbatim and its readers read back as the same, distinct rows and columns.
///
/// GLPK's writers replace invalid names on their own, but not uniquely ("a b" and "a_b" would
/// merge into one column on reading), and they do not guard keywords (a column named `end`
/// is written as a bare `end` in the Bounds section, where the reader takes it for `End`).
/// So names are made valid here, conservatively: ASCII letters, digits and `_` only; a prefix
/// when the result would be empty, start with a digit, or be an LP keyword; a `_2`, `_3`, …
/// suffix until unique.
enum ExportNames {
    /// Words the LP reader treats specially somewhere (sections, `free`, infinities, `s.t.`).
    private static let keywords: Set<String> = [
        "minimize", "minimise", "minimum", "min", "maximize", "maximise", "maximum", "max",
        "subject", "such", "st", "bounds", "bound", "general", "generals", "gen", "integer",
        "integers", "int", "binary", "binaries", "bin", "end", "free", "inf", "infinity", "to", "that",
    ]
    /// Leaves room for a uniqueness suffix under GLPK's 255-byte limit.
    private static let maximumLength = 240

    /// - Parameters:
    ///   - names: original names, in index order.
    ///   - prefix: used for empty names (`prefix` + 0-based index) and to fix invalid starts.
    ///   - reserved: names already taken in the same namespace (e.g. the objective's).
    static func sanitize(_ names: [String], prefix: String, reserved: Set<String> = []) -> [String] {
        var used = reserved
        var nextSuffix: [String: Int] = [:]
        return names.enumerated().map { index, name in
            var base = String(
                String.UnicodeScalarView(
                    name.unicodeScalars.map { scalar in
                        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "_")
                            ? scalar : "_"
                    }
                ).prefix(maximumLength))
            if base.isEmpty {
                base = "\(prefix)\(index)"
            } else if base.first?.isNumber == true || keywords.contains(base.lowercased()) {
                base = String("\(prefix)_\(base)".prefix(maximumLength))
            }
            var candidate = base
            while used.contains(candidate) {
                let suffix = nextSuffix[base, default: 2]
                nextSuffix[base] = suffix + 1
                candidate = "\(base)_\(suffix)"
            }
            used.insert(candidate)
            return candidate
        }
    }

    /// A single name (problem, objective) made valid the same way.
    static func sanitize(_ name: String, prefix: String, reserved: Set<String> = []) -> String {
        sanitize([name], prefix: prefix, reserved: reserved)[0]
    }
}
