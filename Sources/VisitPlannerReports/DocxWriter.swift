import Foundation
import VisitPlannerWriters
import ZIPFoundation

/// Reports as Word files (Office Open XML, ISO/IEC 29500), written from blocks.
///
/// Only the parts Word and LibreOffice need: content types, package relationships, the
/// document, its relationships and its styles. The title and headings use the built-in
/// Title, Heading 1 and Heading 2 styles, so Word's navigation pane and table of contents
/// work; each placeholder is a content control showing placeholder text (grey, in the
/// built-in Placeholder Text style), which vanishes when typed over. The same blocks always give the same bytes:
/// entries are written in a fixed order with a fixed date and permissions.
public enum DocxWriter {
    static let wordNamespace = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

    /// The bytes of a .docx file.
    /// - Throws: only if the ZIP library fails to build the archive in memory.
    public static func render(_ blocks: [ReportBlock], title: String) throws -> Data {
        let parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes),
            ("_rels/.rels", packageRels),
            ("docProps/core.xml", coreProperties(title: title)),
            ("word/document.xml", document(blocks)),
            ("word/styles.xml", styles),
            ("word/settings.xml", settings),
            ("word/_rels/document.xml.rels", documentRels),
        ]
        return try DocxPackage.zip(parts.map { ($0.0, Data($0.1.utf8)) })
    }

    // MARK: - document.xml

    static func document(_ blocks: [ReportBlock]) -> String {
        var body = ""
        for block in blocks {
            switch block {
            case .title(let t): body += paragraph(style: "Title", run(t))
            case .heading1(let t): body += paragraph(style: "Heading1", run(t))
            case .heading2(let t): body += paragraph(style: "Heading2", run(t))
            case .paragraph(let t): body += textParagraph(style: nil, t)
            case .guidance(let t): body += paragraph(style: "Guidance", run(t))
            case .field(let label, let value): body += paragraph(style: nil, run(label + ": ", bold: true) + runs(value))
            case .checkbox(let t, let checked): body += paragraph(style: "Checkbox", run((checked ? "☒ " : "☐ ") + t))
            case .table(let header, let rows): body += table(header: header, rows: rows)
            }
        }
        return """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="\(wordNamespace)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
            <w:body>\(body)<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>\
            <w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418" w:header="709" w:footer="709" w:gutter="0"/>\
            </w:sectPr></w:body></w:document>
            """
    }

    private static func paragraph(style: String?, _ content: String) -> String {
        let props = style.map { "<w:pPr><w:pStyle w:val=\"\($0)\"/></w:pPr>" } ?? ""
        return "<w:p>\(props)\(content)</w:p>"
    }

    /// A paragraph of free text; one that is only a placeholder becomes a block-level content
    /// control, so the desk officer's text (several paragraphs if need be) replaces it.
    private static func textParagraph(style: String?, _ text: String) -> String {
        guard let hint = placeholderOnly(text) else { return paragraph(style: style, runs(text)) }
        return placeholderControl(paragraph(style: style, placeholderRun(hint)))
    }

    /// Runs for `text`: a value that is only a placeholder becomes an inline content control;
    /// anything else (data included, even when it looks like a placeholder) is plain text.
    private static func runs(_ text: String) -> String {
        guard let hint = placeholderOnly(text) else { return run(text) }
        return placeholderControl(placeholderRun(hint))
    }

    /// The placeholder when `text` is exactly one generated placeholder, else nil.
    static func placeholderOnly(_ text: String) -> String? {
        let found = Placeholder.find(in: text)
        guard found.count == 1, found[0] == text, text.hasSuffix("]]") else { return nil }
        return text
    }

    /// A content control showing its placeholder (`w:showingPlcHdr`): Word and LibreOffice
    /// select the whole placeholder on the first click and replace it with what is typed, and
    /// drop the placeholder state, so no template text stays in the officer's words.
    static func placeholderControl(_ content: String) -> String {
        "<w:sdt><w:sdtPr><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr><w:tag w:val=\"\(placeholderTag)\"/>"
            + "<w:showingPlcHdr/></w:sdtPr><w:sdtContent>\(content)</w:sdtContent></w:sdt>"
    }

    /// The tag of every content control VisitPlanner writes.
    static let placeholderTag = "visitplanner-placeholder"

    private static func placeholderRun(_ placeholder: String) -> String {
        "<w:r><w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr><w:t xml:space=\"preserve\">\(Escape.xml(placeholder))</w:t></w:r>"
    }

    private static func run(_ text: String, bold: Bool = false) -> String {
        guard !text.isEmpty else { return "" }
        let rPr = bold ? "<w:rPr><w:b/></w:rPr>" : ""
        return "<w:r>\(rPr)<w:t xml:space=\"preserve\">\(Escape.xml(text))</w:t></w:r>"
    }

    private static func table(header: [String], rows: [[String]]) -> String {
        let columns = max(1, header.count)
        // The text width of A4 with 2.5 cm margins, in twentieths of a point; the first column
        // (the recommendation itself) gets a double share.
        let share = 9070 / (columns + 1)
        let widths = (0..<columns).map { $0 == 0 ? 9070 - share * (columns - 1) : share }
        var x = "<w:tbl><w:tblPr><w:tblStyle w:val=\"ReportTable\"/><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
        x +=
            "<w:tblLook w:val=\"04A0\" w:firstRow=\"1\" w:lastRow=\"0\" w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"0\" w:noVBand=\"1\"/></w:tblPr>"
        x += "<w:tblGrid>" + widths.map { "<w:gridCol w:w=\"\($0)\"/>" }.joined() + "</w:tblGrid>"
        func row(_ cells: [String], header: Bool) -> String {
            var r = header ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>"
            for i in 0..<columns {
                let text = i < cells.count ? cells[i] : ""
                let shade = header ? "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"D9E2F3\"/>" : ""
                r += "<w:tc><w:tcPr><w:tcW w:w=\"\(widths[i])\" w:type=\"dxa\"/>\(shade)</w:tcPr>"
                r += header ? "<w:p>\(run(text, bold: true))</w:p></w:tc>" : textParagraph(style: nil, text) + "</w:tc>"
            }
            return r + "</w:tr>"
        }
        x += row(header, header: true)
        for cells in rows { x += row(cells, header: false) }
        return x + "</w:tbl><w:p/>"
    }

    // MARK: - Package parts

    static let contentTypes = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>\
        <Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>\
        <Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>\
        <Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>\
        </Types>
        """

    static let packageRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>\
        </Relationships>
        """

    static let documentRels = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
        <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
        <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>\
        </Relationships>
        """

    static func coreProperties(title: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
        xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>\(Escape.xml(title))</dc:title>\
        <dc:creator>VisitPlanner</dc:creator></cp:coreProperties>
        """
    }

    static let settings = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:settings xmlns:w="\(wordNamespace)"><w:defaultTabStop w:val="720"/>\
        <w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat>\
        </w:settings>
        """

    /// Built-in styles keep their English names (`heading 1`) so Word maps them to its own in
    /// every language; `Guidance` is ours, for template prompts.
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <w:styles xmlns:w="\(wordNamespace)">\
        <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/>\
        <w:sz w:val="22"/><w:szCs w:val="22"/><w:lang w:val="en-GB"/></w:rPr></w:rPrDefault>\
        <w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>\
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:spacing w:after="240"/></w:pPr><w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:keepNext/><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr>\
        <w:rPr><w:b/><w:color w:val="1F3864"/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:keepNext/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr>\
        <w:rPr><w:b/><w:color w:val="2F5496"/><w:sz w:val="25"/><w:szCs w:val="25"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:customStyle="1" w:styleId="Guidance"><w:name w:val="Guidance"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:spacing w:after="60"/><w:ind w:left="284"/></w:pPr><w:rPr><w:i/><w:color w:val="595959"/></w:rPr></w:style>\
        <w:style w:type="paragraph" w:customStyle="1" w:styleId="Checkbox"><w:name w:val="Checkbox"/><w:basedOn w:val="Normal"/><w:qFormat/>\
        <w:pPr><w:spacing w:after="40"/><w:ind w:left="284"/></w:pPr></w:style>\
        <w:style w:type="character" w:styleId="PlaceholderText"><w:name w:val="Placeholder Text"/><w:uiPriority w:val="99"/>\
        <w:semiHidden/><w:rPr><w:color w:val="808080"/></w:rPr></w:style>\
        <w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>\
        <w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>\
        <w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>\
        <w:style w:type="table" w:customStyle="1" w:styleId="ReportTable"><w:name w:val="Report Table"/><w:basedOn w:val="TableNormal"/>\
        <w:pPr><w:spacing w:after="0"/></w:pPr><w:tblPr><w:tblBorders>\
        <w:top w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:left w:val="single" w:sz="4" w:space="0" w:color="808080"/>\
        <w:bottom w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:right w:val="single" w:sz="4" w:space="0" w:color="808080"/>\
        <w:insideH w:val="single" w:sz="4" w:space="0" w:color="808080"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="808080"/>\
        </w:tblBorders></w:tblPr></w:style>\
        </w:styles>
        """
}

/// The ZIP container of a .docx, in memory.
enum DocxPackage {
    /// A ZIP of `parts` in the given order, each deflated, dated 2000-01-01 00:00 UTC with
    /// permissions 0644, so the same parts always give the same bytes (ZIPFoundation converts
    /// the date with gmtime, so the time zone does not matter).
    static func zip(_ parts: [(path: String, data: Data)]) throws -> Data {
        let archive = try Archive(data: Data(), accessMode: .create)
        let fixedDate = Date(timeIntervalSince1970: 946_684_800)
        for (path, bytes) in parts {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(bytes.count), modificationDate: fixedDate,
                permissions: 0o644, compressionMethod: .deflate
            ) { position, size in
                bytes.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else {
            preconditionFailure("an archive created in memory always has data")
        }
        return data
    }

    /// Every file entry of a ZIP, in archive order.
    static func unzip(_ data: Data) throws -> [(path: String, data: Data)] {
        let archive = try Archive(data: data, accessMode: .read)
        var parts: [(path: String, data: Data)] = []
        for entry in archive where entry.type == .file {
            var bytes = Data()
            _ = try archive.extract(entry) { bytes.append($0) }
            parts.append((entry.path, bytes))
        }
        return parts
    }
}
