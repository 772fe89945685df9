import Foundation

/// "Did you mean …?": the known name a typo most likely stands for.
///
/// Bare edit distance ties often (`UNMIS` is one edit from both `UNMIK` and `UNMISS`) and then
/// picks by list order, proposing a name the user never meant. People mostly drop or add
/// letters at the end of a name they half remember, so a name that extends what was typed
/// (or that what was typed extends) comes first; then the fewest edits; then the length
/// closest to what was typed; then the order of the list, so the answer is always the same.
public enum Suggestion {
    /// The candidate most likely meant by `typed`, or nil when none is close.
    ///
    /// Close means at most two edits away (case ignored), or — for a prefix either way — a
    /// shared start of at least three characters covering at least half of the longer name.
    public static func closest(to typed: String, in candidates: [String]) -> String? {
        let t = typed.lowercased()
        guard !t.isEmpty else { return nil }
        var best: (name: String, rank: (Int, Int, Int))? = nil
        for candidate in candidates {
            let c = candidate.lowercased()
            if c == t { return candidate }
            let (shorter, longer) = t.count <= c.count ? (t, c) : (c, t)
            let isPrefix = longer.hasPrefix(shorter) && shorter.count >= 3 && shorter.count * 2 >= longer.count
            // Edits are at least the difference in length: skip the costly count when it is too far.
            guard isPrefix || longer.count - shorter.count <= 2 else { continue }
            let distance = editDistance(t, c)
            guard distance <= 2 || isPrefix else { continue }
            let rank = (isPrefix ? 0 : 1, distance, abs(c.count - t.count))
            if best == nil || rank < best!.rank { best = (candidate, rank) }
        }
        return best?.name
    }

    /// Levenshtein distance: insertions, deletions and substitutions of characters.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }

    /// ` (did you mean X?)` or nothing, for the end of a message.
    public static func hint(for typed: String, in candidates: [String], quoted: Bool = false) -> String {
        guard let name = closest(to: typed, in: candidates) else { return "" }
        return quoted ? " (did you mean \"\(name)\"?)" : " (did you mean \(name)?)"
    }
}
