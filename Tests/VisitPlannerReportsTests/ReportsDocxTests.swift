import Foundation
import VisitPlannerCore
import XCTest

@testable import VisitPlannerReports
@testable import VisitPlannerWriters

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The Word file is a real .docx: the parts Word needs, well-formed XML, built-in heading
/// styles, and the recommendations as a Word table with a header row.
final class ReportsDocxTests: XCTestCase {
    private var parts: [String: String] = [:]
    private var folder: URL!

    override func setUpWithError() throws {
        folder = try ReportsFixture.planFolder()
        try ReportTemplates.initialize(planFolder: folder)
        let data = try Data(contentsOf: folder.appendingPathComponent("reports/ALPHA-2027-M1.docx"))
        XCTAssertEqual(Array(data.prefix(4)), [0x50, 0x4B, 0x03, 0x04], "a ZIP archive")
        for part in try DocxPackage.unzip(data) { parts[part.path] = String(decoding: part.data, as: UTF8.self) }
    }

    override func tearDown() { ReportsFixture.remove(folder) }

    func testPackageHasTheRequiredParts() throws {
        XCTAssertEqual(
            Set(parts.keys),
            [
                "[Content_Types].xml", "_rels/.rels", "docProps/core.xml", "word/document.xml",
                "word/styles.xml", "word/settings.xml", "word/_rels/document.xml.rels",
            ])
        let types = try XCTUnwrap(parts["[Content_Types].xml"])
        XCTAssertTrue(
            types.contains(
                "PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\""
            ))
        XCTAssertTrue(types.contains("PartName=\"/word/styles.xml\""))
        XCTAssertTrue(try XCTUnwrap(parts["_rels/.rels"]).contains("Target=\"word/document.xml\""))
        XCTAssertTrue(try XCTUnwrap(parts["word/_rels/document.xml.rels"]).contains("Target=\"styles.xml\""))
    }

    func testEveryPartIsWellFormedXML() {
        for (path, text) in parts {
            let parser = XMLParser(data: Data(text.utf8))
            XCTAssertTrue(parser.parse(), "\(path): \(String(describing: parser.parserError))")
        }
    }

    func testHeadingStylesAreDefinedAndUsed() throws {
        let styles = try XCTUnwrap(parts["word/styles.xml"])
        for (id, name) in [("Title", "Title"), ("Heading1", "heading 1"), ("Heading2", "heading 2")] {
            XCTAssertTrue(styles.contains("w:styleId=\"\(id)\"><w:name w:val=\"\(name)\"/>"), id)
        }
        let document = try XCTUnwrap(parts["word/document.xml"])
        XCTAssertEqual(document.components(separatedBy: "<w:pStyle w:val=\"Title\"/>").count - 1, 1)
        XCTAssertEqual(document.components(separatedBy: "<w:pStyle w:val=\"Heading1\"/>").count - 1, 8)
        XCTAssertEqual(document.components(separatedBy: "<w:pStyle w:val=\"Heading2\"/>").count - 1, 6)
    }

    func testRecommendationsAreAWordTableWithHeaderRow() throws {
        let document = try XCTUnwrap(parts["word/document.xml"])
        XCTAssertTrue(document.contains("<w:tbl>"))
        XCTAssertTrue(document.contains("<w:tr><w:trPr><w:tblHeader/></w:trPr>"))
        let blocks = try DocxReader.read(try Data(contentsOf: folder.appendingPathComponent("reports/ALPHA-2027-M1.docx")))
        let tables = blocks.compactMap { block -> [[String]]? in
            if case .table(let rows) = block { return rows }
            return nil
        }
        XCTAssertEqual(tables.count, 1)
        XCTAssertEqual(tables[0].first, ReportTemplate.recommendationHeader)
        XCTAssertEqual(tables[0].count, 2)
    }

    func testWordAndMarkdownReadBackAlike() throws {
        let docx = try DocxReader.read(try Data(contentsOf: folder.appendingPathComponent("reports/ALPHA-2027-M1.docx")))
        let md = ReportMarkdown.read(try String(contentsOf: folder.appendingPathComponent("reports/ALPHA-2027-M1.md"), encoding: .utf8))
        let a = ReportChecker.check(docx), b = ReportChecker.check(md)
        XCTAssertEqual(a.placeholders, b.placeholders)
        XCTAssertEqual(a.emptySections, b.emptySections)
        XCTAssertEqual(a.placeholders.count, 15)
        XCTAssertEqual(
            docx.filter { if case .heading = $0 { return true } else { return false } },
            md.filter { if case .heading = $0 { return true } else { return false } })
    }

    // MARK: - Placeholders as content controls

    func testEveryPlaceholderIsAContentControlShowingItsPlaceholder() throws {
        let document = try XCTUnwrap(parts["word/document.xml"])
        func count(_ s: String) -> Int { document.components(separatedBy: s).count - 1 }
        XCTAssertEqual(count("<w:sdt>"), 15)
        XCTAssertEqual(count("<w:showingPlcHdr/>"), 15)
        XCTAssertEqual(count("[[TO FILL"), 15)
        XCTAssertEqual(count("<w:highlight"), 0)
        XCTAssertTrue(
            document.contains(
                "<w:sdt><w:sdtPr><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr><w:tag w:val=\"visitplanner-placeholder\"/><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr><w:t xml:space=\"preserve\">[[TO FILL: your name and title]]</w:t></w:r></w:sdtContent></w:sdt></w:p>"
            ))
        // A whole-paragraph placeholder is a block-level control around its paragraph, so the
        // officer's answer may run to several paragraphs; each table cell has its own.
        XCTAssertTrue(
            document.contains(
                "<w:sdtContent><w:p><w:r><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr><w:t xml:space=\"preserve\">[[TO FILL: main findings]]</w:t></w:r></w:p></w:sdtContent></w:sdt>"
            ))
        XCTAssertTrue(document.contains("</w:tcPr><w:sdt>"))
        let styles = try XCTUnwrap(parts["word/styles.xml"])
        XCTAssertTrue(styles.contains("w:styleId=\"PlaceholderText\"><w:name w:val=\"Placeholder Text\"/>"))
    }

    func testTextFromDataThatLooksLikeAPlaceholderIsNoControl() {
        let xml = DocxWriter.document([
            .field(label: "Operation", value: "[[TO FILL: x]] (ALPHA)"), .paragraph("see [[TO FILL: y]]"),
        ])
        XCTAssertFalse(xml.contains("<w:sdt>"))
    }

    /// A filled control (placeholder state dropped) reads as the officer's text; one still
    /// showing its placeholder reads as a placeholder, whatever its text says.
    func testReaderTellsPlaceholderControlsFromFilledOnes() throws {
        func control(_ showing: Bool, _ text: String) -> String {
            "<w:sdt><w:sdtPr>\(showing ? "<w:showingPlcHdr/>" : "")</w:sdtPr><w:sdtContent><w:r><w:t>\(text)</w:t></w:r></w:sdtContent></w:sdt>"
        }
        let body = [
            "<w:p><w:r><w:t>Report prepared by: </w:t></w:r>\(control(true, "Click or tap here to enter text."))</w:p>",
            "<w:p>\(control(false, "Met the Police Commissioner"))</w:p>",
            "<w:sdt><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:p><w:r><w:t>[[TO FILL: main findings]]</w:t></w:r></w:p></w:sdtContent></w:sdt>",
            "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Recommendation</w:t></w:r></w:p></w:tc></w:tr><w:tr><w:tc>",
            "<w:sdt><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>Recruit women officers</w:t></w:r></w:p></w:sdtContent></w:sdt>",
            "</w:tc></w:tr><w:tr><w:tc>\(control(true, " "))<w:p>\(control(true, "Type the deadline"))</w:p></w:tc></w:tr></w:tbl>",
        ].joined()
        let xml = "<w:document xmlns:w=\"\(DocxWriter.wordNamespace)\"><w:body>\(body)</w:body></w:document>"
        let data = try DocxPackage.zip([("word/document.xml", Data(xml.utf8))])
        XCTAssertEqual(
            try DocxReader.read(data),
            [
                .text("Report prepared by: [[TO FILL: Click or tap here to enter text.]]"),
                .text("Met the Police Commissioner"),
                .text("[[TO FILL: main findings]]"),
                .table([["Recommendation"], ["Recruit women officers"], ["[[TO FILL: Type the deadline]]"]]),
            ])
    }
}
