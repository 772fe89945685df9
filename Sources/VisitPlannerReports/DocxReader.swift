import Foundation
import VisitPlannerWriters
import ZIPFoundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// Reads a Word report back into blocks: headings (by style), paragraph text and tables.
///
/// Works on what Word, LibreOffice and our writer produce: headings are found through the
/// style's built-in name (`heading 1`), which stays English even when Word shows localized
/// style names; text of deleted tracked changes is ignored, inserted text is read.
public enum DocxReader {
    /// Why a file could not be read as a Word document.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Entries larger than this are not read: no report is that big, and a crafted file could
    /// otherwise expand to fill the memory.
    static let maximumPartSize: Int64 = 64 << 20

    public static func read(_ data: Data) throws -> [ReadBlock] {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw Failure(description: "not a Word document (.docx is a ZIP archive, and this file is not one)")
        }
        var documentPath = "word/document.xml"
        if let rels = try? part("_rels/.rels", in: archive), let target = officeDocumentTarget(rels) {
            documentPath = target.hasPrefix("/") ? String(target.dropFirst()) : target
        }
        guard let document = try part(documentPath, in: archive) else {
            throw Failure(description: "not a Word document: it has no \(documentPath)")
        }
        let folder = (documentPath as NSString).deletingLastPathComponent
        let stylesData = try? part(folder.isEmpty ? "styles.xml" : folder + "/styles.xml", in: archive)
        let styleNames = stylesData.map(readStyleNames) ?? [:]
        let collector = BodyCollector(styleNames: styleNames)
        let parser = XMLParser(data: document)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        parser.delegate = collector
        guard parser.parse() else {
            let reason = parser.parserError.map { ($0 as NSError).localizedDescription } ?? "unknown error"
            throw Failure(
                description: "damaged Word document: \(documentPath) is not well-formed XML (line \(parser.lineNumber): \(reason))")
        }
        return collector.blocks
    }

    /// The bytes of one part, or nil if the archive has no such entry.
    static func part(_ path: String, in archive: Archive) throws -> Data? {
        guard let entry = archive[path] else { return nil }
        guard entry.type == .file else { return nil }
        guard Int64(entry.uncompressedSize) <= maximumPartSize else {
            throw Failure(description: "\(path) is larger than \(maximumPartSize >> 20) MB")
        }
        var data = Data()
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                data.append(chunk)
                if data.count > maximumPartSize { throw Failure(description: "\(path) is larger than \(maximumPartSize >> 20) MB") }
            }
        } catch let failure as Failure {
            throw failure
        } catch {
            throw Failure(description: "damaged Word document: \(path) cannot be unpacked (\(error))")
        }
        return data
    }

    private static func officeDocumentTarget(_ rels: Data) -> String? {
        final class Finder: NSObject, XMLParserDelegate {
            var target: String?
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                if name == "Relationship", attributes["Type"]?.hasSuffix("/officeDocument") == true, target == nil {
                    target = attributes["Target"]
                }
            }
        }
        let finder = Finder()
        let parser = XMLParser(data: rels)
        parser.shouldProcessNamespaces = true
        parser.delegate = finder
        _ = parser.parse()
        return finder.target
    }

    /// Style id → the style's name, lowercased (`Heading1` → `heading 1`).
    private static func readStyleNames(_ styles: Data) -> [String: String] {
        final class Names: NSObject, XMLParserDelegate {
            var names: [String: String] = [:]
            var current: String?
            func parser(
                _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]
            ) {
                if name == "style" { current = attributes["styleId"] ?? attributes["w:styleId"] }
                if name == "name", let id = current, let value = attributes["val"] ?? attributes["w:val"] {
                    names[id] = value.lowercased()
                }
            }
            func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
                if name == "style" { current = nil }
            }
        }
        let names = Names()
        let parser = XMLParser(data: styles)
        parser.shouldProcessNamespaces = true
        parser.delegate = names
        _ = parser.parse()
        return names.names
    }
}

/// Walks document.xml and collects paragraphs and tables of the body in order.
private final class BodyCollector: NSObject, XMLParserDelegate {
    let styleNames: [String: String]
    var blocks: [ReadBlock] = []

    private var tableDepth = 0
    private var rows: [[String]] = []
    private var cells: [String] = []
    private var cellText: [String] = []
    private var paragraph = ""
    private var style: String?
    private var outlineLevel: Int?
    private var inText = false
    private var inParagraphProperties = false
    /// For each open content control (`w:sdt`): whether it still shows its placeholder.
    private var controls: [Bool] = []
    private var inControlProperties = false
    /// Text of a content control that shows its placeholder, not yet added to the paragraph.
    private var placeholderText = ""

    /// Inside a content control that still shows its placeholder (`w:showingPlcHdr`): its text
    /// is template text, whatever it says.
    private var showingPlaceholder: Bool { controls.contains(true) }

    init(styleNames: [String: String]) { self.styleNames = styleNames }

    private static func attribute(_ attributes: [String: String], _ name: String) -> String? {
        attributes[name] ?? attributes["w:" + name]
    }

    func parser(
        _ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
        attributes: [String: String] = [:]
    ) {
        switch name {
        case "tbl":
            tableDepth += 1
            if tableDepth == 1 { rows = [] }
        case "tr" where tableDepth == 1: cells = []
        case "tc" where tableDepth == 1: cellText = []
        case "p": paragraph = ""; placeholderText = ""; style = nil; outlineLevel = nil
        case "pPr": inParagraphProperties = true
        case "sdt": controls.append(false)
        case "sdtPr": inControlProperties = true
        case "showingPlcHdr" where inControlProperties && !controls.isEmpty: controls[controls.count - 1] = true
        case "pStyle" where inParagraphProperties: style = Self.attribute(attributes, "val")
        case "outlineLvl" where inParagraphProperties: outlineLevel = Self.attribute(attributes, "val").flatMap { Int($0) }
        case "t": inText = true
        case "tab", "br", "cr": add(" ")
        case "noBreakHyphen": add("-")
        default: break
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inText { add(string) }
    }

    /// Adds text to the paragraph, or to the pending placeholder inside a control showing one.
    private func add(_ text: String) {
        if showingPlaceholder {
            placeholderText += text
        } else {
            flushPlaceholder()
            paragraph += text
        }
    }

    /// A control's placeholder text as a placeholder: kept when it is one already
    /// (`[[TO FILL: …]]`), else marked as one, so the check counts it as unfilled.
    private func flushPlaceholder() {
        guard !placeholderText.isEmpty else { return }
        let text = placeholderText
        placeholderText = ""
        if Placeholder.contains(text) {
            paragraph += text
        } else if !text.trimmingCharacters(in: .whitespaces).isEmpty {
            paragraph += Placeholder.make(ReportText.normalized(text))
        }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        switch name {
        case "t": inText = false
        case "pPr": inParagraphProperties = false
        case "sdtPr": inControlProperties = false
        case "sdt":
            flushPlaceholder()
            if !controls.isEmpty { controls.removeLast() }
        case "p":
            flushPlaceholder()
            if tableDepth > 0 {
                cellText.append(paragraph)
            } else if let level = headingLevel() {
                blocks.append(.heading(level: level, text: ReportText.normalized(paragraph)))
            } else if !paragraph.trimmingCharacters(in: .whitespaces).isEmpty {
                blocks.append(.text(paragraph))
            }
        case "tc" where tableDepth == 1:
            cells.append(ReportText.normalized(cellText.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: " ")))
        case "tr" where tableDepth == 1: rows.append(cells)
        case "tbl":
            tableDepth -= 1
            if tableDepth == 0 { blocks.append(.table(rows)) }
        default: break
        }
    }

    /// 0 for the title, 1 and 2 for headings, 3+ for deeper headings; nil for body text.
    private func headingLevel() -> Int? {
        if let style {
            let name = styleNames[style] ?? style.lowercased()
            if name == "title" { return 0 }
            for prefix in ["heading ", "heading"] where name.hasPrefix(prefix) {
                if let n = Int(name.dropFirst(prefix.count)), n >= 1 { return n }
            }
        }
        // Word writes level 9 for body text.
        return outlineLevel.flatMap { $0 < 9 ? $0 + 1 : nil }
    }
}
