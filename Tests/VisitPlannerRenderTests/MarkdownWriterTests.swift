import Foundation
import XCTest

@testable import VisitPlannerWriters

/// `MarkdownWriter`: text from data shows as written and never becomes markup.
///
/// The expected strings were checked with GitHub's own renderer (cmark-gfm with its
/// extensions, including autolinks): each renders as plain text.
final class MarkdownWriterTests: XCTestCase {
    func testInlineEscapesEveryMarkupOpener() {
        XCTAssertEqual(MarkdownWriter.inline("a|b*c_<d>"), "a\\|b\\*c\\_\\<d>")
        XCTAssertEqual(MarkdownWriter.inline("<script>alert(1)</script>"), "\\<script>alert(1)\\</script>")
        XCTAssertEqual(MarkdownWriter.inline("<img src=x onerror=alert(1)>"), "\\<img src=x onerror=alert(1)>")
        XCTAssertEqual(MarkdownWriter.inline("![t](https://evil.example/t.png)"), "\\!\\[t\\](https\\://evil.example/t.png)")
        XCTAssertEqual(MarkdownWriter.inline("[click](javascript:alert(1))"), "\\[click\\](javascript\\:alert(1))")
        XCTAssertEqual(MarkdownWriter.inline("<http://evil.example>"), "\\<http\\://evil.example>")
        XCTAssertEqual(MarkdownWriter.inline("see www.evil.example"), "see www\\.evil.example")
        XCTAssertEqual(MarkdownWriter.inline("`code` ~~gone~~ **b**"), "\\`code\\` \\~\\~gone\\~\\~ \\*\\*b\\*\\*")
        XCTAssertEqual(MarkdownWriter.inline("&lt;b&gt; & Co &#60;"), "\\&lt;b\\&gt; & Co \\&\\#60;")
        XCTAssertEqual(MarkdownWriter.inline("[^1] [x]: http://e"), "\\[^1\\] \\[x\\]: http\\://e")
        XCTAssertEqual(MarkdownWriter.inline("back\\slash"), "back\\\\slash")
    }

    func testEmailAddressesAreBrokenWithAWordJoiner() {
        XCTAssertEqual(MarkdownWriter.inline("user@evil.example"), "user@\u{2060}evil.example")
        XCTAssertEqual(MarkdownWriter.inline("mailto:a@b.c"), "mailto\\:a@\u{2060}b.c")
        XCTAssertEqual(MarkdownWriter.inline("@SUM(A1) and a @ b"), "@SUM(A1) and a @ b", "no address, nothing added")
    }

    func testOrdinaryTextStaysReadable() {
        for s in ["Status: optimal", "10:30", "$12,345.60", "-$0.01", "+1 visit in person (UNMISS)", "Côte d'Ivoire", "e.g. 3.5 days"] {
            XCTAssertEqual(MarkdownWriter.inline(s), s)
        }
    }

    func testValueNeverStartsABlock() {
        XCTAssertEqual(MarkdownWriter.inline("- item"), "\\- item")
        XCTAssertEqual(MarkdownWriter.inline("+ item"), "\\+ item")
        XCTAssertEqual(MarkdownWriter.inline("==="), "\\===")
        XCTAssertEqual(MarkdownWriter.inline("---"), "\\---")
        XCTAssertEqual(MarkdownWriter.inline("> quote"), "\\> quote")
        XCTAssertEqual(MarkdownWriter.inline("# heading"), "\\# heading")
        XCTAssertEqual(MarkdownWriter.inline("12. item"), "12\\. item")
        XCTAssertEqual(MarkdownWriter.inline("3) item"), "3\\) item")
        XCTAssertEqual(MarkdownWriter.inline("(http://e)"), "\\(http\\://e)")
        XCTAssertEqual(MarkdownWriter.inline("        code"), " code", "no indented code block")
        XCTAssertEqual(MarkdownWriter.inline("  - item"), " \\- item")
        XCTAssertEqual(MarkdownWriter.inline("a\n# b\r\n| c |\rd"), "a \\# b \\| c \\| d", "line breaks are spaces")
    }

    func testControlCharactersAreNeutralised() {
        XCTAssertEqual(MarkdownWriter.inline("\u{1B}]0;title\u{07}"), " \\]0;title ")
        XCTAssertEqual(MarkdownWriter.inline("\u{202E}abc\u{0}"), " abc ")
    }

    func testLocalLinksOnly() {
        XCTAssertEqual(MarkdownWriter.localLink("plan", to: "base/plan.md"), "[plan](base/plan.md)")
        XCTAssertEqual(MarkdownWriter.localLink("a b", to: "a b/plan.md"), "a b", "a space is refused, not encoded into a link")
        XCTAssertEqual(MarkdownWriter.localLink("x", to: "ü/p(1).md"), "[x](%C3%BC/p%281%29.md)")
        for bad in [
            "javascript:alert(1)", "https://evil.example/x", "/etc/passwd", "../up.md", "a/../b", "a//b", "", "a\\b", "./a", "a\u{1B}b",
        ] {
            XCTAssertEqual(MarkdownWriter.localLink("label", to: bad), "label", bad)
        }
        XCTAssertEqual(MarkdownWriter.localLink("<x>", to: "javascript:x"), "\\<x>")
    }

    func testMarkupInterpolationEscapesStringsOnly() {
        let reason = "**x** <b>"
        let m: Markdown = "**No plan:** \(reason) (\(3))"
        XCTAssertEqual(m.markup, "**No plan:** \\*\\*x\\*\\* \\<b> (3)")
        let inner: Markdown = "`code`"
        XCTAssertEqual(("a \(inner)" as Markdown).markup, "a `code`")
    }

    func testTableKeepsItsColumnsAndRows() {
        var md = MarkdownWriter()
        md.table(["a|b", "n"], right: [false, true], rows: [["x\n| y | z |", "1"], ["", "2"], ["only"]], emphasized: [1])
        XCTAssertEqual(
            md.text.components(separatedBy: "\n"),
            ["| a\\|b | n |", "| --- | ---: |", "| x \\| y \\| z \\| | 1 |", "|  | **2** |", "| only |  |", "", ""])
    }

    func testBlocks() {
        var md = MarkdownWriter()
        md.heading(2, "# T\nx")
        md.paragraph("1. not a list")
        md.bullet("- not nested")
        md.bullet("child", level: 1)
        XCTAssertEqual(md.text, "## \\# T x\n\n1\\. not a list\n\n- \\- not nested\n  - child\n")
    }
}
