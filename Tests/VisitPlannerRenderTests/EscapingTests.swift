import Foundation
import XCTest

@testable import VisitPlannerCore
@testable import VisitPlannerRender
@testable import VisitPlannerReports
@testable import VisitPlannerWriters

/// Hostile names do not break or escape any output format.
final class EscapingTests: XCTestCase {
    let doc = PlanFixture.document

    func testHTMLHasNoRawDataMarkup() throws {
        let html = PlanHTML.render(doc)
        XCTAssertFalse(html.lowercased().contains("<script"), "no script element, from data or otherwise")
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; Not [visited](http://evil.example)"))
        XCTAssertFalse(html.contains("<Lead>"))
        XCTAssertFalse(html.contains("<b>bold</b>"))
        XCTAssertFalse(html.contains("<draft>"))
        XCTAssertFalse(html.contains("<US>"))
        // Every `&` starts an entity.
        let entity = try NSRegularExpression(pattern: "&(?!(amp|lt|gt|quot|#39|#[0-9]+|#x[0-9a-fA-F]+);)")
        let range = NSRange(html.startIndex..., in: html)
        let stray = entity.matches(in: html, range: range).map {
            (html as NSString).substring(with: NSRange(location: $0.range.location, length: min(30, html.utf16.count - $0.range.location)))
        }
        XCTAssertEqual(stray, [], "raw & in plan.html")
        // Self-contained: nothing fetched from anywhere.
        for banned in ["src=", "href=", "@import", "url(h", "<link", "<iframe", "<img", "<object"] {
            XCTAssertFalse(html.contains(banned), banned)
        }
        XCTAssertTrue(html.contains("@page { size: A4 landscape"))
        // Inline SVG parses as XML (entities only, balanced tags).
        for svg in [PlanGraphics.timeline(PlanIndex(doc)), PlanGraphics.budgetBar(doc)] {
            XCTAssertTrue(xmlParses(svg), String(svg.prefix(200)))
        }
    }

    func testMarkdownTablesKeepTheirColumns() {
        let texts = [PlanMarkdown.render(doc)] + ItineraryMarkdown.render(doc).map(\.text)
        for text in texts {
            var columns: Int?
            for line in text.components(separatedBy: "\n") {
                guard line.hasPrefix("|") else { columns = nil; continue }
                let n = unescapedPipes(line)
                if let c = columns { XCTAssertEqual(n, c, line) } else { columns = n }
            }
            XCTAssertNil(text.range(of: #"(?<!\\)<"#, options: .regularExpression), "no raw HTML from data")
            XCTAssertNil(text.range(of: #"(?<!\\)\]\("#, options: .regularExpression), "no live link from data")
        }
        XCTAssertTrue(PlanMarkdown.render(doc).contains("No fare from JFK \\| blackout all year second line \\<b>bold\\</b>"))
    }

    func testFileNamesFromDataAreSafe() {
        let names = ItineraryMarkdown.render(doc).map(\.fileName) + ICalendar.render(doc).map(\.fileName)
        for name in names {
            XCTAssertFalse(name.contains("/") || name.contains("\\") || name.contains(".."), name)
            XCTAssertFalse(name.hasPrefix("."), name)
        }
    }

    func testNamesThatSanitizeAlikeGetDistinctFiles() {
        var d = doc
        d.trips[1].manager = "..\\MM-1"  // safeFileName gives "__MM-1", as for "../MM-1"
        let names = ItineraryMarkdown.render(d).map(\.fileName)
        XCTAssertEqual(names.count, 2)
        XCTAssertEqual(Set(names).count, 2, names.joined(separator: ", "))
    }

    // MARK: - Helpers

    private func unescapedPipes(_ line: String) -> Int {
        var n = 0, escaped = false
        for ch in line {
            if escaped { escaped = false; continue }
            if ch == "\\" { escaped = true } else if ch == "|" { n += 1 }
        }
        return n
    }

    /// A tiny well-formedness check: tags balance and `&` only in entities.
    private func xmlParses(_ xml: String) -> Bool {
        var stack: [String] = []
        var rest = Substring(xml)
        while let open = rest.firstIndex(of: "<") {
            guard let close = rest[open...].firstIndex(of: ">") else { return false }
            let tag = rest[rest.index(after: open)..<close]
            if tag.contains("<") { return false }
            if tag.hasPrefix("/") {
                guard stack.popLast() == String(tag.dropFirst()) else { return false }
            } else if !tag.hasSuffix("/") {
                stack.append(String(tag.prefix { $0 != " " }))
            }
            rest = rest[rest.index(after: close)...]
        }
        return stack.isEmpty
    }
}
