import Foundation

/// policy.yaml as lines, so the policy form changes values and nothing else: every comment, the
/// order of keys and the alignment of comments stay as the planner wrote them.
///
/// Only the shape policy.yaml has is handled: top-level keys, and sections of `key: value`
/// lines one level down. A key the file lacks is added at the end of its section (the section
/// is added at the end of the file if missing).
struct PolicyText {
    var lines: [String]

    /// The keys of the form, by their dotted path (as the loader names them in its messages),
    /// with the words shown next to each.
    static let fields: [(key: String, label: String)] = [
        ("horizon.start", "First day a trip may use (YYYY-MM-DD)"),
        ("horizon.end", "Last day a trip may use (YYYY-MM-DD)"),
        ("budget.envelope", "Total money available, US dollars"),
        ("budget.psc_rate", "Programme support costs on top of travel (e.g. 13%)"),
        ("trips.max_stops", "Most operations visited on one trip"),
        ("travel.class_policy", "Class of travel: rule or economy-only"),
        ("travel.business_min_leg_hours", "Business class from a non-stop flight of (hours)"),
        ("travel.business_min_journey_hours", "Business class from a journey with connections of (hours)"),
        ("travel.terminal_expense", "Terminal expense per flight, US dollars"),
        ("coverage", "Coverage: maximize or required"),
        ("value.preferred_window_bonus", "Extra value of a visit in a preferred window (e.g. 20%)"),
        ("value.own_portfolio_bonus", "Extra value when the desk officer visits their own operation (e.g. 10%)"),
        ("value.virtual_share", "Value of a virtual assessment, as a share of a visit (e.g. 30%)"),
        ("solver.time_limit_seconds", "Longest search for the best plan (seconds)"),
    ]

    init(_ text: String) {
        lines = text.components(separatedBy: "\n")
    }

    var text: String { lines.joined(separator: "\n") }

    /// Where a key's line is (nil when absent), and where its section ends.
    private func locate(_ key: String) -> (line: Int?, sectionLine: Int?, insertAt: Int) {
        let parts = key.split(separator: ".").map(String.init)
        if parts.count == 1 {
            let line = lines.firstIndex { Self.isTopKey($0, parts[0]) }
            return (line, nil, lines.count)
        }
        guard let section = lines.firstIndex(where: { Self.isTopKey($0, parts[0]) }) else { return (nil, nil, lines.count) }
        var end = section + 1
        var found: Int?
        while end < lines.count {
            let l = lines[end]
            if let (indent, name) = Self.key(of: l) {
                if indent == 0 { break }
                if name == parts[1] { found = end }
            } else if !l.trimmingCharacters(in: .whitespaces).isEmpty && !l.hasPrefix(" ")
                && !l.trimmingCharacters(in: .whitespaces).hasPrefix("#")
            {
                break
            }
            end += 1
        }
        // Insert after the section's last key line, not after trailing comments or blanks.
        var insert = end
        while insert > section + 1 && Self.key(of: lines[insert - 1]) == nil { insert -= 1 }
        return (found, section, insert)
    }

    private static func isTopKey(_ line: String, _ name: String) -> Bool {
        guard let (indent, key) = key(of: line) else { return false }
        return indent == 0 && key == name
    }

    /// `(indent, key)` of a `key: ...` line; nil for comments, blanks and list items.
    private static func key(of line: String) -> (Int, String)? {
        let indent = line.prefix { $0 == " " }.count
        let rest = line.dropFirst(indent)
        guard let colon = rest.firstIndex(of: ":"), !rest.hasPrefix("#"), !rest.hasPrefix("-") else { return nil }
        let name = rest[..<colon]
        guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { return nil }
        return (indent, String(name))
    }

    /// The value text of a key line and where its comment starts (nil: no comment).
    private static func split(_ line: String) -> (prefix: String, value: String, comment: String?) {
        let colon = line.firstIndex(of: ":")!
        let prefix = String(line[...colon])
        let rest = String(line[line.index(after: colon)...])
        var inQuote: Character?
        var previous: Character = " "
        for (offset, c) in rest.enumerated() {
            if let q = inQuote {
                if c == q { inQuote = nil }
            } else if c == "\"" || c == "'" {
                inQuote = c
            } else if c == "#" && previous.isWhitespace {
                let index = rest.index(rest.startIndex, offsetBy: offset)
                let value = String(rest[..<index])
                return (prefix, value, String(rest[index...]))
            }
            previous = c
        }
        return (prefix, rest, nil)
    }

    /// The value of a key as the form shows it (quotes removed), "" when absent.
    func value(_ key: String) -> String {
        guard let line = locate(key).line else { return "" }
        var v = Self.split(lines[line]).value.trimmingCharacters(in: .whitespaces)
        if v.count >= 2, let f = v.first, (f == "\"" || f == "'"), v.last == f { v = String(v.dropFirst().dropLast()) }
        return v
    }

    /// Sets a key's value, keeping its comment where it was.
    mutating func set(_ key: String, to raw: String) {
        let value = Self.yamlScalar(raw.trimmingCharacters(in: .whitespaces))
        guard value != Self.yamlScalar(self.value(key)) || locate(key).line == nil else { return }
        let spot = locate(key)
        if let line = spot.line {
            let (prefix, old, comment) = Self.split(lines[line])
            guard let comment else {
                lines[line] = prefix + (value.isEmpty ? "" : " " + value)
                return
            }
            // Keep the comment in its column when the new value fits.
            let width = old.count
            var body = value.isEmpty ? "" : " " + value
            body += String(repeating: " ", count: max(1, width - body.count))
            lines[line] = prefix + body + comment
            return
        }
        guard !value.isEmpty else { return }
        let parts = key.split(separator: ".").map(String.init)
        if parts.count == 1 {
            insertAtEnd(["\(key): \(value)"])
        } else if spot.sectionLine != nil {
            lines.insert("  \(parts[1]): \(value)", at: spot.insertAt)
        } else {
            insertAtEnd(["\(parts[0]):", "  \(parts[1]): \(value)"])
        }
    }

    private mutating func insertAtEnd(_ new: [String]) {
        if lines.last == "" { lines.insert(contentsOf: new, at: lines.count - 1) } else { lines += new }
    }

    /// A value as YAML reads it back as the same text: plain when it is only letters, digits
    /// and `. _ % / + -` (and does not start with `-` followed by a space), else double-quoted.
    static func yamlScalar(_ s: String) -> String {
        if s.isEmpty { return "" }
        let plain = s.allSatisfy { ($0.isASCII && ($0.isLetter || $0.isNumber)) || "._%/+-".contains($0) }
        if plain { return s }
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
