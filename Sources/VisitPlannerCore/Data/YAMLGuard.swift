import Foundation

/// Refuses YAML texts that would crash or mislead the YAML library, before it parses them.
///
/// The YAML library builds its tree recursively: a file nested a few thousand levels deep
/// (`[[[[…`, `{{{{…`, `- - - -…`, or indentation) overflows the stack and kills the process
/// with no message. Anchors and aliases (`&a`, `*a`) let a few lines stand for a tree of
/// billions of nodes. A settings file needs neither, so one linear scan of the text, which
/// needs no recursion itself, refuses them, naming the file and the line.
///
/// The scan follows YAML's lexical structure only as far as needed: quoted strings, comments,
/// block scalars (`|`, `>`), flow collections and block indentation. Where it must guess
/// (multi-line plain scalars), it overcounts depth, which the generous limit absorbs.
enum YAMLGuard {
    /// Far deeper than any settings file (policy.yaml and scenarios.yaml need four levels) and
    /// far shallower than what overflows the parser's stack (thousands).
    static let deepest = 64

    /// The first reason `text` must not be parsed, or nil when it may be.
    static func problem(in text: String, file: String) -> DataIssue? {
        if let issue = controlCharacter(in: text, file: file) { return issue }
        var scan = Scan(bytes: Array(text.utf8), file: file)
        return scan.run()
    }

    /// A control character written in the file itself (escapes inside quoted strings are
    /// checked after parsing, with the key they belong to).
    private static func controlCharacter(in text: String, file: String) -> DataIssue? {
        var line = 1
        for scalar in text.unicodeScalars {
            if scalar == "\n" {
                line += 1
                continue
            }
            if scalar == "\r" { continue }  // part of a CRLF line end
            if ControlCharacters.isForbidden(scalar) {
                return DataIssue(file: file, line: line, ControlCharacters.message(for: scalar))
            }
        }
        return nil
    }

    private struct Scan {
        let bytes: [UInt8]
        let file: String
        var line = 1
        /// Open `[` and `{`.
        var flow = 0
        /// Indentation columns of the open block collections.
        var stack: [Int] = []
        /// Inside a `|` or `>` scalar: the indentation of the line that opened it.
        var blockScalarParent: Int? = nil
        /// Inside a quoted string that may span lines: its quote.
        var quote: UInt8? = nil
        /// Where a new node may begin (after `key:`, `- `, `[`, `,` …).
        var valueStart = true
        /// Block sequence or key indicators (`- - -`) on the current line.
        var extra = 0

        init(bytes: [UInt8], file: String) {
            self.bytes = bytes
            self.file = file
        }

        static let space: UInt8 = 0x20, tab: UInt8 = 0x09, newline: UInt8 = 0x0A, cr: UInt8 = 0x0D

        func isBlank(_ c: UInt8) -> Bool { c == Scan.space || c == Scan.tab || c == Scan.cr }

        func tooDeep() -> DataIssue {
            DataIssue(
                file: file, line: line,
                "nests lists or groups more than \(YAMLGuard.deepest) levels deep; a settings file needs a few. Is this the right file?")
        }

        func anchor() -> DataIssue {
            DataIssue(
                file: file, line: line,
                "uses a YAML anchor or alias (&name or *name), which is not accepted; write each value out in full")
        }

        var depth: Int { stack.count + extra + flow }

        mutating func run() -> DataIssue? {
            var start = 0
            let n = bytes.count
            while start < n {
                var end = start
                while end < n && bytes[end] != Scan.newline { end += 1 }
                if let issue = scanLine(start, end) { return issue }
                line += 1
                start = end + 1
            }
            return nil
        }

        /// One line, from `start` up to (not including) its line feed.
        mutating func scanLine(_ start: Int, _ end: Int) -> DataIssue? {
            var indent = 0
            while start + indent < end && (bytes[start + indent] == Scan.space || bytes[start + indent] == Scan.tab) { indent += 1 }
            let blank = start + indent == end || bytes[start + indent] == Scan.cr
            var p = start
            extra = 0
            if let parent = blockScalarParent {
                if blank || indent > parent { return nil }
                blockScalarParent = nil
            }
            if quote == nil && flow == 0 {
                if blank || bytes[start + indent] == UInt8(ascii: "#") { return nil }
                if indent == 0 && (starts(start, end, "---") || starts(start, end, "...")) {
                    stack = []
                    p = start + 3
                } else if indent == 0 && bytes[start] == UInt8(ascii: "%") {
                    return nil  // a directive
                } else {
                    while let top = stack.last, top > indent { stack.removeLast() }
                    if stack.last != indent { stack.append(indent) }
                    if depth > YAMLGuard.deepest { return tooDeep() }
                    p = start + indent
                }
                valueStart = true
            }
            while p < end {
                let c = bytes[p]
                if let q = quote {
                    if q == UInt8(ascii: "\"") {
                        if c == UInt8(ascii: "\\") {
                            p += 2
                            continue
                        }
                        if c == q { quote = nil }
                    } else if c == q {
                        if p + 1 < end && bytes[p + 1] == q {
                            p += 2
                            continue
                        }
                        quote = nil
                    }
                    p += 1
                    continue
                }
                if isBlank(c) {
                    p += 1
                    continue
                }
                if c == UInt8(ascii: "#") && (p == start || isBlank(bytes[p - 1])) { break }  // a comment
                let next: UInt8? = p + 1 < end ? bytes[p + 1] : nil
                let separated = next.map(isBlank) ?? true
                if valueStart {
                    switch c {
                    case UInt8(ascii: "\""), UInt8(ascii: "'"):
                        quote = c
                        valueStart = false
                        p += 1
                        continue
                    case UInt8(ascii: "&"), UInt8(ascii: "*"):
                        if !separated { return anchor() }
                    case UInt8(ascii: "!"):
                        // A tag: skip it; the node it tags follows.
                        while p < end && !isBlank(bytes[p]) { p += 1 }
                        continue
                    case UInt8(ascii: "|"), UInt8(ascii: ">"):
                        if flow == 0 {
                            blockScalarParent = stack.last ?? 0
                            return nil
                        }
                    case UInt8(ascii: "-"), UInt8(ascii: "?"):
                        if flow == 0 && separated {
                            extra += 1
                            if depth > YAMLGuard.deepest { return tooDeep() }
                            p += 1
                            continue
                        }
                    default: break
                    }
                }
                switch c {
                case UInt8(ascii: "["), UInt8(ascii: "{"):
                    if valueStart || flow > 0 {
                        flow += 1
                        if depth > YAMLGuard.deepest { return tooDeep() }
                        valueStart = true
                        p += 1
                        continue
                    }
                case UInt8(ascii: "]"), UInt8(ascii: "}"):
                    if flow > 0 {
                        flow -= 1
                        valueStart = false
                        p += 1
                        continue
                    }
                case UInt8(ascii: ","):
                    if flow > 0 {
                        valueStart = true
                        p += 1
                        continue
                    }
                case UInt8(ascii: ":"):
                    if separated
                        || (flow > 0 && next.map { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "]") || $0 == UInt8(ascii: "}") } == true)
                    {
                        valueStart = true
                        p += 1
                        continue
                    }
                default: break
                }
                valueStart = false
                p += 1
            }
            return nil
        }

        func starts(_ start: Int, _ end: Int, _ marker: String) -> Bool {
            let m = Array(marker.utf8)
            guard end - start >= m.count, Array(bytes[start..<start + m.count]) == m else { return false }
            return end - start == m.count || isBlank(bytes[start + m.count])
        }
    }
}
