import Foundation
import Yams

/// Typed, located access to a YAML mapping, for settings files planners edit by hand.
///
/// Yams parses; this adds messages that name the file, line and dotted key, and catches
/// keys that are not known (almost always a typo that would otherwise be silently ignored),
/// keys written twice in one group (the parser would silently keep the last), and control
/// characters in any key or value.
struct YAMLFields {
    let file: String
    let node: Node
    let path: String
    let log: IssueLog

    /// Parses a whole YAML document into a top-level mapping, or logs why it cannot.
    static func document(_ data: Data, file: String, log: IssueLog) -> YAMLFields? {
        guard let text = String(data: data, encoding: .utf8) else {
            log.add(file: file, "the file is not UTF-8 text; save it as UTF-8")
            return nil
        }
        if let issue = YAMLGuard.problem(in: text, file: file) {
            log.add(issue)
            return nil
        }
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            log.add(yamlIssue(error, file: file, lines: text.reduce(1) { $0 + ($1 == "\n" || $1 == "\r\n" ? 1 : 0) }))
            return nil
        } catch {
            log.add(file: file, "cannot be read as YAML: \(error)")
            return nil
        }
        guard let node, node.mapping != nil else {
            log.add(file: file, "is empty or not a set of `key: value` settings")
            return nil
        }
        checkTree(node, path: "", file: file, log: log)
        return YAMLFields(file: file, node: node, path: "", log: log)
    }

    /// How messages name an item of a list: by its `id` when it has a short, printable one
    /// (`cut-20.envelope`, as a planner names a scenario), else by position (`scenarios[2]`).
    static func itemPath(_ item: Node, index: Int, in path: String) -> String {
        let id = item.mapping?["id"]?.scalar?.string.trimmingWhitespace() ?? ""
        if !id.isEmpty && id.count <= 60 && ControlCharacters.first(in: id) == nil { return id }
        return "\(path)[\(index + 1)]"
    }

    /// Every key and value of the tree: no key twice in one group, no control character.
    ///
    /// Recursion is safe here: `YAMLGuard` has bounded the depth before parsing.
    static func checkTree(_ node: Node, path: String, file: String, log: IssueLog) {
        switch node {
        case .scalar(let scalar):
            if let bad = ControlCharacters.first(in: scalar.string) {
                log.add(file: file, line: node.mark?.line, field: path.isEmpty ? nil : path, ControlCharacters.message(for: bad))
            }
        case .mapping(let mapping):
            var seen: [String: Int] = [:]
            for (key, value) in mapping {
                let name = key.string ?? "?"
                let dotted = path.isEmpty ? name : "\(path).\(name)"
                if let bad = ControlCharacters.first(in: name) {
                    log.add(
                        file: file, line: key.mark?.line, field: path.isEmpty ? nil : path, "a key " + ControlCharacters.message(for: bad))
                    continue
                }
                if let first = seen[name] {
                    log.add(
                        file: file, line: key.mark?.line, field: dotted,
                        "is written twice in the same group (first on line \(first)); keep one, as only one can count")
                } else {
                    seen[name] = key.mark?.line ?? 0
                }
                checkTree(value, path: dotted, file: file, log: log)
            }
        case .sequence(let sequence):
            for (index, item) in sequence.enumerated() {
                checkTree(item, path: itemPath(item, index: index, in: path), file: file, log: log)
            }
        }
    }

    /// - Parameter lines: how many lines the file has: the parser places a problem found at
    ///   the very end on the line after the last, which a planner cannot find.
    static func yamlIssue(_ error: YamlError, file: String, lines: Int) -> DataIssue {
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let ctx = context.map { "\($0.text) " } ?? ""
            return DataIssue(
                file: file, line: min(max(mark.line, 1), lines),
                "not valid YAML: \(ctx)\(problem) (column \(mark.column)); check indentation and the `key: value` form")
        default:
            return DataIssue(file: file, "not valid YAML: \(error)")
        }
    }

    var line: Int? { node.mark?.line }

    private func dotted(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func issue(_ key: String, _ message: String, at node: Node? = nil) {
        log.add(file: file, line: (node ?? self.node).mark?.line, field: dotted(key), message)
    }

    /// Logs every key not in `known`, suggesting the nearest known one.
    func checkKeys(_ known: [String]) {
        guard let mapping = node.mapping else { return }
        for (key, _) in mapping {
            let name = key.string ?? "?"
            if !known.contains(name) && ControlCharacters.first(in: name) == nil {
                let hint = Suggestion.hint(for: name, in: known, quoted: true)
                log.add(
                    file: file, line: key.mark?.line, field: dotted(name),
                    "unknown setting\(hint); allowed here: \(known.joined(separator: ", "))")
            }
        }
    }

    func child(_ key: String) -> Node? { node.mapping?[key] }

    /// A nested mapping; nil (and an issue if required) when absent or not a mapping.
    func section(_ key: String, required: Bool = false) -> YAMLFields? {
        guard let sub = child(key) else {
            if required { issue(key, "is missing") }
            return nil
        }
        guard sub.mapping != nil else {
            issue(key, "expected a group of `name: value` settings under it", at: sub)
            return nil
        }
        return YAMLFields(file: file, node: sub, path: dotted(key), log: log)
    }

    /// A scalar's text; nil when absent (logged if required) or not a scalar.
    func scalar(_ key: String, required: Bool = false) -> (String, Node)? {
        guard let sub = child(key) else {
            if required { issue(key, "is missing") }
            return nil
        }
        guard let s = sub.scalar?.string else {
            issue(key, "expected a single value, found a list or group", at: sub)
            return nil
        }
        // Already reported by `checkTree`; reading it would only add a second message.
        if ControlCharacters.first(in: s) != nil { return nil }
        return (s, sub)
    }

    func day(_ key: String, required: Bool = false) -> Day? {
        guard let (s, n) = scalar(key, required: required) else { return nil }
        guard let d = Day(iso: s) else {
            issue(key, "expected a date as YYYY-MM-DD, found \(shown(s))", at: n)
            return nil
        }
        return d
    }

    func money(_ key: String, required: Bool = false) -> Money? {
        guard let (s, n) = scalar(key, required: required) else { return nil }
        guard !s.hasPrefix("-"), let m = Money(parsing: s) else {
            issue(key, "expected an amount in US dollars such as 126560 or 126560.00, found \(shown(s))", at: n)
            return nil
        }
        return m
    }

    func rate(_ key: String, required: Bool = false, max: Int64 = 10_000_000) -> Rate? {
        guard let (s, n) = scalar(key, required: required) else { return nil }
        guard let r = Rate(parsing: s) else {
            issue(key, "expected a percentage such as 13% (or 0.13), found \(shown(s))", at: n)
            return nil
        }
        guard r.millionths <= max else {
            issue(key, "must be at most \(Rate(millionths: max)), found \(shown(s))", at: n)
            return nil
        }
        return r
    }

    func int(_ key: String, in range: ClosedRange<Int>) -> Int? {
        guard let (s, n) = scalar(key) else { return nil }
        guard let v = Int(s), range.contains(v) else {
            issue(key, "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \(shown(s))", at: n)
            return nil
        }
        return v
    }

    func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
        guard let (s, n) = scalar(key) else { return nil }
        guard let v = Double(s), v.isFinite, range.contains(v) else {
            issue(key, "expected a number from \(range.lowerBound) to \(range.upperBound), found \(shown(s))", at: n)
            return nil
        }
        return v
    }

    /// A local time of day `HH:MM` (00:00–24:00), as minutes after midnight.
    func timeOfDay(_ key: String) -> Int? {
        guard let (s, n) = scalar(key) else { return nil }
        let parts = s.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, parts[0].count == 2, parts[1].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let h = Int(parts[0]), let m = Int(parts[1]), m < 60, h * 60 + m <= 24 * 60
        {
            return h * 60 + m
        }
        issue(key, "expected a local time of day as HH:MM from 00:00 to 24:00 (e.g. 18:00), found \(shown(s))", at: n)
        return nil
    }

    func choice<T>(_ key: String, _ options: [(String, T)]) -> T? {
        guard let (s, n) = scalar(key) else { return nil }
        if let m = options.first(where: { $0.0.lowercased() == s.lowercased() }) { return m.1 }
        issue(key, "expected one of \(options.map(\.0).joined(separator: ", ")), found \(shown(s))", at: n)
        return nil
    }

    /// A list of scalars, or a single scalar taken as a one-element list.
    func stringList(_ key: String) -> [(String, Node)]? {
        guard let sub = child(key) else { return nil }
        if let s = sub.scalar?.string { return ControlCharacters.first(in: s) == nil ? [(s, sub)] : [] }
        guard let seq = sub.sequence else {
            issue(key, "expected a list such as [A, B]", at: sub)
            return nil
        }
        var out: [(String, Node)] = []
        for item in seq {
            guard let s = item.scalar?.string else {
                issue(key, "expected a list of single values", at: item)
                return nil
            }
            if ControlCharacters.first(in: s) != nil { continue }  // reported by `checkTree`
            out.append((s, item))
        }
        return out
    }
}
