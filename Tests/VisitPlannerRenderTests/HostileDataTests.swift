import Foundation
import XCTest

@testable import VisitPlannerCore
@testable import VisitPlannerRender
@testable import VisitPlannerReports
@testable import VisitPlannerWriters

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Every renderer over documents whose every string field holds an attack, checked by
/// parsing what comes out: no payload survives live in any output.
///
/// Each document is rendered twice, once with benign strings (`v0`, `v1`, …) and once with
/// payloads in the very same fields; every check that compares the two says "data adds no
/// structure": the same Markdown blocks and markup, the same HTML/XML tags, the same CSV
/// records and iCalendar properties, the same terminal lines. The payloads rotate over
/// the fields, so every field carries every payload in one of the rounds.
final class HostileDataTests: XCTestCase {
    static let payloads = [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "javascript:alert(document.cookie)",
        "[click](javascript:alert(1))",
        "![t](https://evil.example/t.png)",
        "<https://evil.example/autolink>",
        "www.evil.example and user@evil.example",
        "a|b\nc|d\n| x | y |",
        "\r\n# heading\n- item\n1. one\n> quote\n    code",
        "=HYPERLINK(\"http://evil.example\",\"click\")",
        "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
        "\u{1B}]0;owned title\u{07}",
        "\u{1B}[2J\u{1B}[H",
        "\u{1B}]52;c;ZXZpbA==\u{07}",
        "\u{9B}31m C1 CSI \u{85} NEL",
        "\u{202E}fdp.exe\u{202C} \u{2066}isolate\u{2069}",
        "nul\u{0}byte\u{7F}del",
        "`code` **bold** _em_ ~~strike~~ &lt;b&gt; &#60;i&#62;",
        "[[TO FILL: x]](https://evil.example)",
        "END:VCALENDAR\r\nBEGIN:VEVENT;x,y\\",
        "\"quoted\", 'single'; semi",
        "    ",
    ]

    // MARK: - The documents

    /// A copy of `document` with every string (except dates and enumerations) replaced by
    /// `replace`, the same original always by the same replacement so references still match.
    static func transformed<T: Codable>(_ document: T, keep: Set<String> = [], _ replace: (String) -> String) throws -> T {
        let json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(document))
        func walk(_ value: Any, key: String?) -> Any {
            switch value {
            case let d as [String: Any]:
                return Dictionary(uniqueKeysWithValues: d.keys.sorted().map { ($0, walk(d[$0]!, key: $0)) })
            case let a as [Any]: return a.map { walk($0, key: key) }
            case let s as String:
                if let key, keep.contains(key) { return s }
                if s.range(of: #"^\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) != nil { return s }
                return replace(s)
            default: return value
            }
        }
        let data = try JSONSerialization.data(withJSONObject: walk(json, key: nil), options: [.sortedKeys])
        return try JSONDecoder().decode(T.self, from: data)
    }

    /// Replaces strings: benign (`v<n>`) or the payload of round `round`, numbered so two
    /// different originals never become the same string.
    final class Replacer {
        let round: Int?
        var seen: [String: String] = [:]
        init(round: Int?) { self.round = round }
        func callAsFunction(_ s: String) -> String {
            if let r = seen[s] { return r }
            let n = seen.count
            let r = round.map { HostileDataTests.payloads[(n + $0) % HostileDataTests.payloads.count] + " \(n)" } ?? "v\(n)"
            seen[s] = r
            return r
        }
    }

    /// Every output of every renderer for the fixtures with strings from `replace`, by name.
    static func outputs(_ replace: Replacer) throws -> [(name: String, text: String)] {
        let plan = try transformed(PlanFixture.document, keep: ["status", "valueStatus", "class", "coverage"], replace.callAsFunction)
        var out: [(String, String)] = [
            ("plan.md", PlanMarkdown.render(plan)), ("trips.csv", TripsCSV.render(plan)), ("plan.html", PlanHTML.render(plan)),
            ("plan-summary.txt", PlanSummary.text(plan)),
        ]
        out += ItineraryMarkdown.render(plan).enumerated().map { ("itinerary-\($0.offset).md", $0.element.text) }
        out += ICalendar.render(plan).enumerated().map { ("calendar-\($0.offset).ics", $0.element.text) }
        let index = PlanIndex(plan)
        out.append(("timeline.svg", PlanGraphics.timeline(index)))
        out.append(("budget.svg", PlanGraphics.budgetBar(plan)))

        // Reports: templates with a previous report whose recommendations are hostile too.
        let rec = Recommendation(
            text: replace("rec text"), addressedTo: replace("rec to"), deadline: replace("rec deadline"),
            priority: replace("rec priority"), area: replace("rec area"))
        let previous = PreviousReport(fileName: replace("previous.md"), date: nil, recommendations: [rec])
        for (i, visit) in ReportVisit.all(in: plan).enumerated() {
            let blocks = ReportTemplate.blocks(for: visit, plan: plan, previous: previous)
            out.append(("report-\(i).md", ReportMarkdown.render(blocks)))
            out.append(("report-\(i).xml", DocxWriter.document(blocks)))
        }
        out.append(("core.xml", DocxWriter.coreProperties(title: replace("report title"))))
        var check = ReportCheck(
            key: replace("check key"), operation: plan.operations[0].code, date: nil, file: replace("check file"),
            state: .inProgress, orphaned: true, edited: true)
        check.recommendations = [rec]
        check.placeholders = [replace("placeholder")]
        check.emptySections = [replace("section")]
        check.problems = [replace("problem")]
        check.notes = [replace("note")]
        let export = RecommendationsExport(plan: plan, reports: [check])
        out.append(("recommendations.csv", export.csv()))
        out.append(("recommendations.md", export.markdown()))
        out.append(
            ("report-status.txt", ReportStatusResult(reports: [check], written: [replace("written")], recommendationCount: 1).rendered()))

        // The comparison: every string replaced, statuses included.
        let comparison = try transformed(ComparisonFixture.document, replace.callAsFunction)
        let svg = ComparisonChart.svg(comparison.sweep!, title: replace("chart title"))
        out += [
            ("comparison.md", ComparisonTables.markdown(comparison)), ("comparison.csv", ComparisonTables.csv(comparison)),
            ("comparison.html", ComparisonHTML.page(comparison, svg: svg)), ("sweep.svg", svg),
            ("comparison-summary.txt", ComparisonTables.summary(comparison)),
        ]
        return out
    }

    // MARK: - The test

    func testNoPayloadSurvivesLiveInAnyOutput() throws {
        let benign = try Self.outputs(Replacer(round: nil))
        var seenOnError = false, seenHyperlink = false
        for round in Self.payloads.indices {
            let hostile = try Self.outputs(Replacer(round: round))
            XCTAssertEqual(hostile.map(\.name), benign.map(\.name))
            // HOSTILE_DUMP=<folder> writes every output, to check with other tools (e.g. GitHub's cmark-gfm).
            if let dump = ProcessInfo.processInfo.environment["HOSTILE_DUMP"] {
                let folder = URL(fileURLWithPath: dump).appendingPathComponent("round-\(round)")
                try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
                for h in hostile { try Data(h.text.utf8).write(to: folder.appendingPathComponent(h.name)) }
            }
            for (b, h) in zip(benign, hostile) {
                let context = "round \(round), \(h.name)"
                assertNoUnsafeCharacters(h.text, in: h.name, context)
                switch (h.name as NSString).pathExtension {
                case "md": checkMarkdown(h.text, benign: b.text, context)
                case "html": checkMarkup(h.text, benign: b.text, parse: false, context)
                case "svg", "xml": checkMarkup(h.text, benign: b.text, parse: true, context)
                case "csv": checkCSV(h.text, benign: b.text, context)
                case "ics": checkICS(h.text, benign: b.text, context)
                default:
                    XCTAssertEqual(lines(h.text).count, lines(b.text).count, "terminal lines, \(context)")
                }
                seenOnError = seenOnError || h.text.contains("onerror")
                seenHyperlink = seenHyperlink || (h.name.hasSuffix(".csv") && h.text.contains("HYPERLINK"))
            }
        }
        XCTAssertTrue(seenOnError && seenHyperlink, "the payloads reach the outputs, shown as text")
    }

    // MARK: - Checks

    func assertNoUnsafeCharacters(_ text: String, in name: String, _ context: String) {
        let breaks: Set<Unicode.Scalar> = name.hasSuffix(".csv") || name.hasSuffix(".ics") ? ["\r", "\n"] : ["\n"]
        let bad = text.unicodeScalars.filter { Escape.isUnsafe($0) && !breaks.contains($0) }
        XCTAssertEqual(bad.map { String($0.value, radix: 16) }, [], "control or bidi characters, \(context)")
        if name.hasSuffix(".csv") || name.hasSuffix(".ics") {
            // CR only in CRLF record ends.
            XCTAssertFalse(text.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "lone CR, \(context)")
        }
    }

    func checkMarkdown(_ md: String, benign: String, _ context: String) {
        XCTAssertEqual(markdownSignature(md), markdownSignature(benign), "Markdown structure from data, \(context)")
        let live: [(String, String)] = [
            (#"(?<!\\)<"#, "raw HTML or autolink"),
            (#"(?i)(?<!\\)\b(https?|ftp|javascript|mailto|data|vbscript|file|xmpp):"#, "a live scheme"),
            (#"(?i)www\."#, "a www. autolink"),
            (#"[A-Za-z0-9._+-]@[A-Za-z0-9]"#, "an e-mail autolink"),
            (#"(?<!\\)!(?<!\\)\["#, "an image"),
        ]
        for (pattern, what) in live {
            let found = md.range(of: pattern, options: .regularExpression).map { String(md[$0.lowerBound...].prefix(40)) }
            XCTAssertNil(found, "\(what) in \(context)")
        }
    }

    /// Per line: its block kind and the count of each unescaped markup character outside link targets.
    func markdownSignature(_ md: String) -> [String] {
        lines(md).map { raw in
            // Links are the program's (data cannot open one: its `[` are escaped, checked below),
            // and a placeholder's brackets are template text.
            let line = withoutLinks(raw).replacingOccurrences(of: #"\[\[TO FILL[^\]]*\]\]"#, with: "", options: .regularExpression)
            var kind = "p"
            if line.isEmpty {
                kind = "blank"
            } else if let m = line.range(of: #"^#{1,6} "#, options: .regularExpression) {
                kind = "h\(line[m].count)"
            } else if let m = line.range(of: #"^ *[-+*] "#, options: .regularExpression) {
                kind = "li\(line[m].count)"
            } else if line.range(of: #"^ *\d{1,9}[.)]( |$)"#, options: .regularExpression) != nil {
                kind = "ol"
            } else if line.hasPrefix(">") {
                kind = "quote"
            } else if line.hasPrefix("    ") {
                kind = "code"
            }
            var counts: [Character: Int] = [:]
            var escaped = false
            for ch in line {
                if escaped { escaped = false; continue }
                if ch == "\\" { escaped = true; continue }
                if "[]<`*_~|".contains(ch) { counts[ch, default: 0] += 1 }
            }
            return kind + " " + counts.sorted { $0.key < $1.key }.map { "\($0.key)\($0.value)" }.joined()
        }
    }

    /// The line with each link `[label](target)` (opened by an unescaped `[`) as `L`, after
    /// checking that its target is a relative path inside the output folder.
    func withoutLinks(_ line: String) -> String {
        let chars = Array(line)
        var out = ""
        var i = 0
        func isEscaped(_ j: Int) -> Bool {
            var n = 0
            var k = j - 1
            while k >= 0 && chars[k] == "\\" { n += 1; k -= 1 }
            return n % 2 == 1
        }
        while i < chars.count {
            if chars[i] == "[" && !isEscaped(i),
                let close = chars[(i + 1)...].indices.first(where: { chars[$0] == "]" && !isEscaped($0) }),
                close + 1 < chars.count, chars[close + 1] == "(",
                let end = chars[(close + 1)...].firstIndex(of: ")")
            {
                let target = String(chars[(close + 2)..<end])
                XCTAssertTrue(
                    !target.contains(":") && !target.hasPrefix("/") && !target.split(separator: "/").contains(".."),
                    "link to \(target) leaves the folder")
                out += "L"
                i = end + 1
            } else {
                out.append(chars[i])
                i += 1
            }
        }
        return out
    }

    func checkMarkup(_ text: String, benign: String, parse: Bool, _ context: String) {
        /// Tags in order; for Word, without runs and highlights (a `[[TO FILL…]]` in data is
        /// highlighted like any placeholder: template look, not markup from data).
        func tags(_ s: String) -> [String] {
            let regex = try! NSRegularExpression(pattern: #"<(/?[A-Za-z][A-Za-z0-9:-]*)"#)
            let runs: Set<String> = ["w:r", "/w:r", "w:t", "/w:t", "w:rPr", "/w:rPr", "w:highlight"]
            return regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).map { (s as NSString).substring(with: $0.range(at: 1)) }
                .filter { !runs.contains($0) }
        }
        XCTAssertEqual(tags(text), tags(benign), "tags from data, \(context)")
        XCTAssertNil(text.range(of: #"(?i)<[^>]*javascript:"#, options: .regularExpression), "script URL in a tag, \(context)")
        XCTAssertNil(
            text.range(of: #"&(?!(amp|lt|gt|quot|#39|#[0-9]+|#x[0-9a-fA-F]+);)"#, options: .regularExpression), "raw &, \(context)")
        if parse {
            let parser = XMLParser(data: Data(text.utf8))
            XCTAssertTrue(parser.parse(), "well-formed XML, \(context): \(String(describing: parser.parserError))")
        }
    }

    func checkCSV(_ text: String, benign: String, _ context: String) {
        guard let records = CSVTestParser.records(text), let expected = CSVTestParser.records(benign) else {
            return XCTFail("not RFC 4180 with BOM and CRLF, \(context)")
        }
        XCTAssertEqual(records.count, expected.count, "records, \(context)")
        for r in records {
            XCTAssertEqual(r.count, records[0].count, "fields, \(context)")
            for field in r where !CSVWriter.isNumber(field) {
                let first = field.unicodeScalars.first { $0 != " " }
                XCTAssertFalse(first.map { "=+-@\t\r".unicodeScalars.contains($0) } ?? false, "formula \(field), \(context)")
            }
        }
    }

    func checkICS(_ text: String, benign: String, _ context: String) {
        XCTAssertTrue(text.hasSuffix("\r\n"))
        let physical = text.components(separatedBy: "\r\n").dropLast()
        for line in physical { XCTAssertLessThanOrEqual(line.utf8.count, 75, "folded, \(context)") }
        func properties(_ s: String) -> [String] {
            s.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").map {
                String($0.prefix { $0 != ":" && $0 != ";" })
            }
        }
        XCTAssertEqual(properties(text), properties(benign), "content lines from data, \(context)")
    }

    func lines(_ s: String) -> [String] { s.components(separatedBy: "\n") }
}
