import Foundation
import Hummingbird
import HummingbirdTesting
import VisitPlannerCore
import VisitPlannerRegister
import XCTest

@testable import VisitPlannerWeb

/// The data page: tables shown, rows and the policy edited in forms, every save checked as
/// `visitplan validate` checks, written in the file's own shape and recorded.
final class DataPageTests: XCTestCase {
    func app(overrides: [String: String] = [:]) throws -> WebApp {
        let web = try WebFixture.app(self)
        try DataFixture.write(to: web.configuration.dataFolder, overrides: overrides)
        return web
    }

    static func text(_ web: WebApp, _ file: String) throws -> String {
        try String(contentsOf: web.configuration.dataFolder.appendingPathComponent(file), encoding: .utf8)
    }

    /// The digest field of a form page.
    static func digest(_ html: String, after marker: String = "") -> String {
        let start = marker.isEmpty ? html.startIndex : (html.range(of: marker)?.upperBound ?? html.endIndex)
        guard let r = html.range(of: #"name="digest" value=""#, range: start..<html.endIndex) else { return "" }
        let rest = html[r.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) } ?? ""
    }

    /// The fields of a row form as the page fills them, with some changed.
    static func rowFields(_ html: String, _ changes: [String: String]) -> [(String, String)] {
        var fields: [(String, String)] = [("digest", digest(html))]
        var rest = Substring(html)
        while let r = rest.range(of: #" name="c."#) {
            rest = rest[r.upperBound...]
            let name = String(rest.prefix { $0 != "\"" })
            let valueStart = rest.range(of: #"value=""#)!.upperBound
            let value = String(rest[valueStart...].prefix { $0 != "\"" }).replacingOccurrences(of: "&#39;", with: "'")
                .replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
            fields.append(("c." + name, changes[name] ?? value))
        }
        return fields
    }

    func testTheTablesAndThePolicyAreShown() async throws {
        let web = try app()
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let (status, html) = try await paula.get(client, "/data")
            XCTAssertEqual(status, .ok)
            XCTAssertTrue(html.contains(#"<p id="data-valid">"#), html)
            XCTAssertTrue(
                html.contains(
                    "<tr><td class=\"num\">3</td><td>OPC</td><td>Operation Charlie</td><td>PKO</td><td>Charlie Town</td><td>Bravoland</td><td>BBB</td><td>Region Two</td><td>-6.5</td><td>31</td><td>5</td><td>4</td><td>2</td><td>3</td><td>2</td><td></td><td></td><td>November</td><td>in-person</td><td>150</td><td>Shares BBB with OPB, UN flight onwards</td><td></td><td><a href=\"/data/operations.csv/3\" id=\"edit-operations-3\">Edit</a>"
                ), html)
            XCTAssertTrue(html.contains("<td><code>budget.envelope</code></td><td>10000.00</td>"), html)
            XCTAssertTrue(html.contains(#"<a id="add-fares" href="/data/fares.csv/new">"#), html)
            XCTAssertTrue(html.contains(#"<a href="/data" aria-current="page">Data</a>"#), html)
        }
    }

    func testABadValueIsShownNextToItsFieldAndNothingIsWritten() async throws {
        let web = try app()
        let before = try Self.text(web, "operations.csv")
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let form = try await paula.get(client, "/data/operations.csv/2").1
            XCTAssertTrue(form.contains(#"<input id="field-10" name="c.priority" value="6">"#), form)
            let (status, html, _) = try await paula.post(client, "/data/operations.csv/2", Self.rowFields(form, ["priority": "high"]))
            XCTAssertEqual(status, .unprocessableContent)
            XCTAssertTrue(
                html.contains(
                    #"<input id="field-10" name="c.priority" value="high" aria-invalid="true" aria-describedby="field-10-error">"#
                        + "\n"
                        + #"<span class="field-error" id="field-10-error">expected a whole number from 1 to 100, found &quot;high&quot; </span>"#
                ), html)
            XCTAssertTrue(html.contains(#"<input id="field-1" name="c.name" value="Operation Bravo">"#), "the typed values are kept")
            XCTAssertTrue(html.contains("Not saved: the change does not pass the data checks."), html)
            XCTAssertEqual(try Self.text(web, "operations.csv"), before)
            XCTAssertTrue(try web.register.history(entity: "data").isEmpty)
        }
    }

    func testARowIsSavedInTheFilesOwnShapeAndRecorded() async throws {
        let web = try app()
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let form = try await paula.get(client, "/data/operations.csv/3").1
            let (status, _, location) = try await paula.post(
                client, "/data/operations.csv/3", Self.rowFields(form, ["priority": "7", "notes": #"Say "hello", then leave"#]))
            XCTAssertEqual(status, .seeOther)
            XCTAssertEqual(location, "/data?saved=operations.csv#table-operations")
            let lines = try Self.text(web, "operations.csv").components(separatedBy: "\n")
            XCTAssertEqual(lines.count, 5)
            XCTAssertEqual(
                lines[1], "OPA,Operation Alpha,PKO,Alpha City,Alphaland,AAA,Region One,10.5,20.25,100,10,3,5,1,,,March,in-person,,")
            XCTAssertEqual(
                lines[3],
                #"OPC,Operation Charlie,PKO,Charlie Town,Bravoland,BBB,Region Two,-6.5,31,5,7,2,3,2,,,November,in-person,150,"Say ""hello"", then leave""#
            )
            let entry = try XCTUnwrap(try web.register.history(entity: "data").last)
            XCTAssertEqual(entry.by, "paula")
            XCTAssertEqual(entry.entityId, "operations.csv")
            XCTAssertEqual(entry.action, "edit")
            XCTAssertEqual(entry.field, "row 3")
            XCTAssertEqual(
                HistoryEntry.shown(entry.old),
                #"OPC,Operation Charlie,PKO,Charlie Town,Bravoland,BBB,Region Two,-6.5,31,5,4,2,3,2,,,November,in-person,150,"Shares BBB with OPB, UN flight onwards""#
            )
            XCTAssertEqual(HistoryEntry.shown(entry.new), lines[3])
            let page = try await paula.get(client, "/data?saved=operations.csv").1
            XCTAssertTrue(page.contains("Saved operations.csv."), page)
        }
    }

    func testARowIsAddedAndAnotherDeleted() async throws {
        let web = try app()
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let form = try await paula.get(client, "/data/unavailability.csv/new").1
            XCTAssertTrue(form.contains(#"<button id="row-submit" type="submit">Add row</button>"#), form)
            let added = try await paula.post(
                client, "/data/unavailability.csv/new",
                Self.rowFields(form, ["manager": "MGR-2", "start": "2027-08-02", "end": "2027-08-13", "reason": "Training"]))
            XCTAssertEqual(added.0, .seeOther)
            XCTAssertEqual(
                try Self.text(web, "unavailability.csv"),
                "manager,start,end,reason\nALL,2027-01-01,2027-01-03,New Year\nMGR-1,2027-04-05,2027-04-16,Annual leave\nMGR-2,2027-08-02,2027-08-13,Training\n"
            )
            let page = try await paula.get(client, "/data").1
            let deleted = try await paula.post(
                client, "/data/windows.csv/1/delete", [("digest", Self.digest(page, after: #"id="delete-windows-1""#))])
            XCTAssertEqual(deleted.0, .seeOther)
            XCTAssertEqual(
                try Self.text(web, "windows.csv"),
                "operation,kind,start,end,reason\nOPB,preferred,2027-09-01,2027-10-31,Before the mandate renewal\n")
            let history = try web.register.history(entity: "data")
            XCTAssertEqual(history.map(\.action), ["add", "delete"])
            XCTAssertEqual(history.map { $0.field ?? "" }, ["row 3", "row 1"])
            XCTAssertEqual(HistoryEntry.shown(history[1].old), "OPA,blackout,2027-07-01,2027-08-31,Rainy season")
        }
    }

    /// Deleting an operation a manager's portfolio names breaks managers.csv: refused, saying so.
    func testADeleteThatBreaksAnotherFileIsRefused() async throws {
        let web = try app()
        let before = try Self.text(web, "operations.csv")
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let page = try await paula.get(client, "/data").1
            let (status, html, _) = try await paula.post(
                client, "/data/operations.csv/3/delete", [("digest", Self.digest(page, after: #"id="delete-operations-3""#))])
            XCTAssertEqual(status, .unprocessableContent)
            XCTAssertTrue(html.contains("Row 3 of operations.csv cannot be deleted: "), html)
            XCTAssertTrue(html.contains("managers.csv:2: backup:"), html)
            XCTAssertEqual(try Self.text(web, "operations.csv"), before)
        }
    }

    /// A data set with a problem: shown on its row; fixed in the form; saved.
    func testAProblemInTheDataIsShownOnItsRowAndFixed() async throws {
        let bad = DataFixture.files["dsa.csv"]!.replacingOccurrences(of: "OPB,150.50", with: "OPB,lots")
        let web = try app(overrides: ["dsa.csv": bad])
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let page = try await paula.get(client, "/data").1
            XCTAssertTrue(page.contains(#"<li>dsa.csv:3: rate: "#), page)
            XCTAssertTrue(page.contains(#"<tr class="bad"><td class="num">2</td><td>OPB</td><td>lots</td>"#), page)
            let form = try await paula.get(client, "/data/dsa.csv/2").1
            XCTAssertTrue(form.contains(#"<input id="field-1" name="c.rate" value="lots" aria-invalid="true""#), form)
            let (status, _, _) = try await paula.post(client, "/data/dsa.csv/2", Self.rowFields(form, ["rate": "150.50"]))
            XCTAssertEqual(status, .seeOther)
            XCTAssertEqual(try Self.text(web, "dsa.csv"), DataFixture.files["dsa.csv"])
            XCTAssertTrue(web.dataIssues().isEmpty)
        }
    }

    func testThePolicyIsEditedKeepingItsComments() async throws {
        let web = try app()
        try await WebFixture.test(web) { client in
            let paula = try await Browser.login(client, "paula")
            let form = try await paula.get(client, "/data/policy").1
            XCTAssertTrue(form.contains(#"<input id="policy-budget-envelope" name="budget.envelope" value="10000.00">"#), form)
            var fields = PolicyText.fields.map { ($0.key, PolicyText(DataFixture.files["policy.yaml"]!).value($0.key)) }
            fields.append(("digest", Self.digest(form)))
            let bad = fields.map { $0.0 == "budget.envelope" ? ($0.0, "lots") : $0 }
            let refused = try await paula.post(client, "/data/policy", bad)
            XCTAssertEqual(refused.0, .unprocessableContent)
            XCTAssertTrue(
                refused.1.contains(
                    #"<span class="field-error" id="policy-budget-envelope-error">expected an amount in US dollars such as 126560 or 126560.00, found &quot;lots&quot; </span>"#
                ), refused.1)
            XCTAssertTrue(refused.1.contains(#"name="budget.envelope" value="lots""#), "what was typed is kept")
            XCTAssertEqual(try Self.text(web, "policy.yaml"), DataFixture.files["policy.yaml"])
            let good = fields.map {
                $0.0 == "budget.envelope" ? ($0.0, "12000.00") : $0.0 == "value.virtual_share" ? ($0.0, "25%") : $0
            }
            let saved = try await paula.post(client, "/data/policy", good)
            XCTAssertEqual(saved.0, .seeOther)
            let expected = DataFixture.files["policy.yaml"]!
                .replacingOccurrences(of: "  envelope: 10000.00       # total money", with: "  envelope: 12000.00       # total money")
                .replacingOccurrences(of: "  time_limit_seconds: 5\n", with: "  time_limit_seconds: 5\nvalue:\n  virtual_share: 25%\n")
            XCTAssertEqual(try Self.text(web, "policy.yaml"), expected)
            let entry = try XCTUnwrap(try web.register.history(entity: "data").last)
            XCTAssertEqual(entry.field, "budget.envelope, value.virtual_share")
            XCTAssertEqual(HistoryEntry.shown(entry.old), "budget.envelope: 10000.00; value.virtual_share: ")
            XCTAssertEqual(HistoryEntry.shown(entry.new), "budget.envelope: 12000.00; value.virtual_share: 25%")
        }
    }

    func testOnlyPlannersEditAndAStaleFormIsRefused() async throws {
        let web = try app()
        try await WebFixture.test(web) { client in
            let mona = try await Browser.login(client, "mona")
            let page = try await mona.get(client, "/data")
            XCTAssertEqual(page.0, .ok)
            XCTAssertFalse(page.1.contains("Delete row"), "a manager reads only")
            for path in ["/data/policy", "/data/dsa.csv/1", "/data/dsa.csv/1/delete"] {
                let status = try await mona.post(client, path, [("c.rate", "1")]).0
                XCTAssertEqual(status, .forbidden, path)
                XCTAssertEqual(try web.register.history().last?.entityId, path)
            }
            let dora = try await Browser.login(client, "dora")
            let refused = try await dora.get(client, "/data").0
            XCTAssertEqual(refused, .forbidden)
            XCTAssertEqual(HistoryEntry.shown(try web.register.history().last!.new), "data.view")
            let paula = try await Browser.login(client, "paula")
            let form = try await paula.get(client, "/data/dsa.csv/1").1
            var fields = Self.rowFields(form, ["rate": "101"])
            fields[0] = ("digest", "stale")
            let stale = try await paula.post(client, "/data/dsa.csv/1", fields)
            XCTAssertEqual(stale.0, .conflict)
            XCTAssertEqual(try Self.text(web, "dsa.csv"), DataFixture.files["dsa.csv"])
            for path in ["/data/airports.csv/1", "/data/../policy.yaml/1", "/data/dsa.csv/9", "/data/dsa.csv/0"] {
                let status = try await paula.get(client, path).0
                XCTAssertEqual(status, .notFound, path)
            }
        }
    }

    func testACSVFileKeepsItsShape() throws {
        let text = "\u{FEFF}a;b;c\r\n1;\"x;y\";\"say \"\"hi\"\"\"\r\n\r\n2;;z\r\n"
        let table = try XCTUnwrap(CSVFileText.parse(Data(text.utf8)))
        XCTAssertEqual(table.separator, ";")
        XCTAssertEqual(table.rows, [["1", "x;y", "say \"hi\""], ["2", "", "z"]])
        XCTAssertEqual(table.lines, [2, 4])
        XCTAssertEqual(table.text(), "\u{FEFF}a;b;c\r\n1;\"x;y\";\"say \"\"hi\"\"\"\r\n2;;z\r\n")
        XCTAssertEqual(table.writtenLines(), [2, 3])
    }
}
