import Foundation
import VisitPlannerCore
import XCTest

@testable import VisitPlannerReports
@testable import VisitPlannerWriters

/// A plan small enough to check by hand: three made-up operations, two managers.
///
/// - ALPHA is visited twice (T01 in March, T02 in September), so the second report follows
///   up the first one's recommendations.
/// - BRAVO is the second stop of T01.
/// - CHARLIE is assessed virtually: its report is dated on the horizon start, 2027-01-01.
enum ReportsFixture {
    static func planJSON(alphaArrive: String = "2027-03-08", alphaLeave: String = "2027-03-12") -> String {
        """
        {
          "name": "Test & <plan>",
          "horizon": {"start": "2027-01-01", "end": "2027-12-31"},
          "coverage": "maximize",
          "budget": {"envelope": 20000, "pscRate": 0.13, "travelCap": 17699.11, "travelCost": 9000, "psc": 1170,
                     "total": 10170, "remaining": 9830, "airfare": 7000, "dsa": 1500, "terminal": 400, "access": 100},
          "solver": {"status": "optimal", "objective": 9000, "bound": 9000, "gap": 0, "seconds": 0.1, "rows": 1,
                     "columns": 1, "nonzeros": 1, "candidates": 3, "valueStatus": "optimal"},
          "value": {"total": 30, "bound": 30, "inPerson": 25, "virtual": 5},
          "trips": [
            {"id": "T01", "manager": "M1", "depart": "\(alphaArrive)", "return": "2027-03-15", "days": 8, "value": 15,
             "stops": [
               {"operation": "ALPHA", "arrive": "\(alphaArrive)", "leave": "\(alphaLeave)", "nights": 4, "dsaRate": 200,
                "dsa": 800, "access": 100, "preferredWindow": true, "ownPortfolio": true, "value": 10},
               {"operation": "BRAVO", "arrive": "2027-03-12", "leave": "2027-03-15", "nights": 3, "dsaRate": 150,
                "dsa": 450, "access": 0, "preferredWindow": false, "ownPortfolio": true, "value": 5}],
             "legs": [
               {"from": "JFK", "to": "AAA", "date": "\(alphaArrive)", "class": "business", "hours": 14, "fare": 3000},
               {"from": "AAA", "to": "BBB", "date": "2027-03-12", "class": "economy", "hours": 2, "fare": 500},
               {"from": "BBB", "to": "JFK", "date": "2027-03-15", "class": "business", "hours": 13, "fare": 2500}],
             "cost": {"airfare": 6000, "dsa": 1250, "terminal": 300, "access": 100, "total": 7650}},
            {"id": "T02", "manager": "M2", "depart": "2027-09-06", "return": "2027-09-09", "days": 4, "value": 10,
             "stops": [
               {"operation": "ALPHA", "arrive": "2027-09-06", "leave": "2027-09-09", "nights": 3, "dsaRate": 200,
                "dsa": 600, "access": 0, "preferredWindow": false, "ownPortfolio": false, "value": 10}],
             "legs": [
               {"from": "GVA", "to": "AAA", "date": "2027-09-06", "class": "economy", "hours": 5, "fare": 500},
               {"from": "AAA", "to": "GVA", "date": "2027-09-09", "class": "economy", "hours": 5, "fare": 500}],
             "cost": {"airfare": 1000, "dsa": 250, "terminal": 100, "access": 0, "total": 1350}}
          ],
          "virtual": [{"operation": "CHARLIE", "manager": "M2", "value": 5}],
          "notVisited": [],
          "operations": [
            {"code": "ALPHA", "name": "UN Alpha <Police> Support Mission & Co", "type": "PKO", "hqCity": "Alphaville",
             "country": "Alphaland", "airport": "AAA", "region": "Test", "policeStrength": 1250, "priority": 5,
             "mandateRenewal": "June", "active": {"start": "2027-01-01", "end": "2027-12-31"}, "blackouts": [], "preferred": []},
            {"code": "BRAVO", "name": "UN Bravo Office", "type": "SPM", "hqCity": "Bravo City", "country": "Bravoland",
             "airport": "BBB", "region": "Test", "policeStrength": 12, "priority": 3,
             "active": {"start": "2027-01-01", "end": "2027-12-31"}, "blackouts": [], "preferred": []},
            {"code": "CHARLIE", "name": "UN Charlie Mission", "type": "SPM", "hqCity": "Charlie Town", "country": "Charlieland",
             "airport": "CCC", "region": "Test", "policeStrength": 3, "priority": 1,
             "active": {"start": "2027-01-01", "end": "2027-12-31"}, "blackouts": [], "preferred": []}
          ],
          "managers": [
            {"id": "M1", "name": "Ana Example", "home": "JFK", "portfolio": ["ALPHA", "BRAVO"], "unavailable": []},
            {"id": "M2", "name": "Ben Sample", "home": "GVA", "portfolio": ["CHARLIE"], "unavailable": []}
          ]
        }
        """
    }

    /// A fresh plan folder with plan.json, inside its own temporary parent folder.
    static func planFolder(_ json: String = planJSON()) throws -> URL {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("reports-test-\(UUID().uuidString)")
        let folder = parent.appendingPathComponent("plan-2027", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try PlanDocument.decode(Data(json.utf8))  // the fixture itself must be a valid plan
        try Data(json.utf8).write(to: folder.appendingPathComponent("plan.json"))
        return folder
    }

    static func remove(_ planFolder: URL) {
        try? FileManager.default.removeItem(at: planFolder.deletingLastPathComponent())
    }

    // MARK: - Filling reports as a desk officer would

    /// A recommendation row: recommendation, addressed to, deadline, priority, SGF area.
    typealias Row = [String]

    static let goodRows: [Row] = [
        ["Appoint a gender adviser", "Police Commissioner", "2027-06-30", "high", "command"],
        ["Publish the FPU rotation plan", "Chief of Staff", "2027-12-31", "Medium", "Police administration"],
    ]

    /// Fills a Markdown template: every placeholder outside the table replaced by text, one box
    /// ticked, the recommendations table replaced by `rows`. `keep` placeholders are left as they are.
    static func fillMarkdown(_ template: String, rows: [Row] = goodRows, keep: Set<String> = []) -> String {
        var out: [String] = []
        for line in template.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("| [[TO FILL: recommendation]]") {
                out += rows.map { "| " + $0.joined(separator: " | ") + " |" }
                continue
            }
            if line == "- [ ] Capabilities and mindsets" {
                out.append("- [x] Capabilities and mindsets")
                continue
            }
            var filled = line
            for p in Placeholder.find(in: line) where !keep.contains(p) {
                filled = filled.replacingOccurrences(of: p, with: "Observed and written up.")
            }
            out.append(filled)
        }
        return out.joined(separator: "\n")
    }

    /// Fills a Word template by editing word/document.xml as Word would leave it: text in
    /// several runs, a box ticked, the table's placeholder row replaced by `row`.
    static func fillDocx(_ data: Data, row: Row = goodRows[0], keep: Set<String> = []) throws -> Data {
        var parts = try DocxPackage.unzip(data)
        let index = try XCTUnwrap(parts.firstIndex { $0.path == "word/document.xml" })
        var xml = String(decoding: parts[index].data, as: UTF8.self)
        let tableHints = ["recommendation", "addressed to", "YYYY-MM-DD", "high, medium or low", "SGF area"]
        for (hint, value) in zip(tableHints, row) {
            xml = xml.replacingOccurrences(of: ">[[TO FILL: \(hint)]]<", with: ">\(Escape.xml(value))<")
        }
        xml = xml.replacingOccurrences(of: "☐ Strategic communications", with: "☒ Strategic communications")
        for p in Set(Placeholder.find(in: xml)) where !keep.contains(p) {
            xml = xml.replacingOccurrences(of: p, with: "Seen on site</w:t></w:r><w:r><w:t xml:space=\"preserve\">, and written up.")
        }
        parts[index].data = Data(typedOver(xml).utf8)
        return try DocxPackage.zip(parts)
    }

    /// What Word does to a content control whose placeholder was typed over: it no longer
    /// shows its placeholder, and the text loses the placeholder style.
    static func typedOver(_ xml: String) -> String {
        var out = ""
        var rest = Substring(xml)
        while let start = rest.range(of: "<w:sdt>"), let end = rest[start.lowerBound...].range(of: "</w:sdt>") {
            out += rest[..<start.lowerBound]
            var control = String(rest[start.lowerBound..<end.upperBound])
            if !Placeholder.contains(control) {
                control = control.replacingOccurrences(of: "<w:showingPlcHdr/>", with: "")
                    .replacingOccurrences(of: "<w:rPr><w:rStyle w:val=\"PlaceholderText\"/></w:rPr>", with: "")
            }
            out += control
            rest = rest[end.upperBound...]
        }
        return out + rest
    }
}
