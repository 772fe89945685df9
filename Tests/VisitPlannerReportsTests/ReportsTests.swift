import Foundation
import VisitPlannerCore
import XCTest

@testable import VisitPlannerReports
@testable import VisitPlannerWriters

final class ReportsTests: XCTestCase {
    private var folder: URL!
    private var reports: URL { folder.appendingPathComponent("reports") }

    override func setUpWithError() throws { folder = try ReportsFixture.planFolder() }
    override func tearDown() { ReportsFixture.remove(folder) }

    private func read(_ name: String) throws -> Data { try Data(contentsOf: reports.appendingPathComponent(name)) }
    private func text(_ name: String) throws -> String { String(decoding: try read(name), as: UTF8.self) }
    private func write(_ text: String, _ name: String) throws { try Data(text.utf8).write(to: reports.appendingPathComponent(name)) }
    private func status(_ key: String) throws -> ReportCheck {
        try XCTUnwrap(ReportStatus.run(planFolder: folder).reports.first { $0.key == key }, "no status for \(key)")
    }

    // MARK: - Generating

    func testInitWritesBothFilesForEveryVisitThenNothingNew() throws {
        let first = try ReportTemplates.initialize(planFolder: folder)
        XCTAssertEqual(first.visits, 4)
        XCTAssertEqual(
            first.created,
            [
                "CHARLIE-2027-virtual.md", "CHARLIE-2027-virtual.docx", "ALPHA-2027-M1.md", "ALPHA-2027-M1.docx",
                "BRAVO-2027-M1.md", "BRAVO-2027-M1.docx", "ALPHA-2027-M2.md", "ALPHA-2027-M2.docx",
            ])
        let ledger = ReportLedger.load(from: reports)
        XCTAssertNil(ledger.warning)
        XCTAssertEqual(ledger.ledger.files.count, 8)
        XCTAssertEqual(ledger.ledger.files["CHARLIE-2027-virtual.docx"]?.mode, "virtual")
        XCTAssertEqual(ledger.ledger.files["ALPHA-2027-M1.md"]?.placeholders, 15)

        let ledgerBytes = try read(".ledger.json")
        let second = try ReportTemplates.initialize(planFolder: folder)
        XCTAssertEqual(second.created, [])
        XCTAssertEqual(second.refreshed, [])
        XCTAssertEqual(second.unchanged.count, 8)
        XCTAssertEqual(try read(".ledger.json"), ledgerBytes)
    }

    func testMarkdownTemplateMatchesGolden() throws {
        try ReportTemplates.initialize(planFolder: folder)
        try assertGolden(try text("ALPHA-2027-M1.md"), "reports-ALPHA-2027-M1.md")
    }

    func testTemplateHoldsVisitDetailsAndEscapesData() throws {
        try ReportTemplates.initialize(planFolder: folder)
        let md = try text("ALPHA-2027-M1.md")
        XCTAssertTrue(md.contains("- **Operation:** UN Alpha \\<Police> Support Mission & Co (ALPHA)"))
        XCTAssertTrue(md.contains("- **Mandate renewal:** June"))
        XCTAssertTrue(md.contains("- **UN police strength:** 1,250"))
        XCTAssertTrue(md.contains("- **Cost estimate:** $7,650.00 for the whole trip"))
        XCTAssertTrue(md.contains("- **Mission manager:** Ana Example (M1)"))
        XCTAssertFalse(md.contains(ReportTemplate.followUpSection), "no earlier ALPHA report yet")
        let virtual = try text("CHARLIE-2027-virtual.md")
        XCTAssertTrue(virtual.hasPrefix("# Virtual assessment report: CHARLIE, 2027\n"))
        XCTAssertTrue(virtual.contains("- **Cost estimate:** no travel cost (virtual)"))
        let xml = try docxPart(try read("ALPHA-2027-M1.docx"), "word/document.xml")
        XCTAssertTrue(xml.contains("UN Alpha &lt;Police&gt; Support Mission &amp; Co (ALPHA)"))
    }

    func testDocxBytesAreDeterministic() throws {
        let plan = try PlanDocument.decode(Data(ReportsFixture.planJSON().utf8))
        let visit = ReportVisit.all(in: plan)[1]
        let blocks = ReportTemplate.blocks(for: visit, plan: plan, previous: nil)
        XCTAssertEqual(try DocxWriter.render(blocks, title: "t"), try DocxWriter.render(blocks, title: "t"))
    }

    // MARK: - Checking Markdown

    func testUnfilledTemplatesAreNotStarted() throws {
        try ReportTemplates.initialize(planFolder: folder)
        let result = try ReportStatus.run(planFolder: folder)
        XCTAssertEqual(result.reports.map(\.key), ["CHARLIE-2027-virtual", "ALPHA-2027-M1", "BRAVO-2027-M1", "ALPHA-2027-M2"])
        XCTAssertEqual(result.reports.map(\.state), Array(repeating: .notStarted, count: 4))
        XCTAssertEqual(result.reports[1].placeholders.count, 15)
        XCTAssertEqual(result.reports[1].emptySections.count, ReportTemplate.requiredSections.count)
        XCTAssertFalse(result.allComplete)
    }

    func testFilledMarkdownIsComplete() throws {
        try ReportTemplates.initialize(planFolder: folder)
        try write(ReportsFixture.fillMarkdown(try text("ALPHA-2027-M1.md")), "ALPHA-2027-M1.md")
        let check = try status("ALPHA-2027-M1")
        XCTAssertEqual(check.state, .complete, "\(check)")
        XCTAssertEqual(check.file, "ALPHA-2027-M1.md")
        XCTAssertEqual(check.placeholders, [])
        XCTAssertEqual(check.emptySections, [])
        XCTAssertEqual(check.problems, [])
        XCTAssertEqual(check.recommendations.map(\.addressedTo), ["Police Commissioner", "Chief of Staff"])
    }

    func testMarkdownWithGapsIsInProgressExactly() throws {
        try ReportTemplates.initialize(planFolder: folder)
        let rows = [
            ["Appoint a gender adviser", "Police Commissioner", "", "high", "command"],
            ["Train the investigators", "", "end of June", "low", "operations"],
        ]
        var md = ReportsFixture.fillMarkdown(
            try text("ALPHA-2027-M1.md"), rows: rows,
            keep: ["[[TO FILL: people met]]", "[[TO FILL: your name and title]]"])
        md = md.replacingOccurrences(of: "Observed and written up.\n\n### Police operations", with: "\n### Police operations")
        try write(md, "ALPHA-2027-M1.md")
        let check = try status("ALPHA-2027-M1")
        XCTAssertEqual(check.state, .inProgress)
        XCTAssertEqual(check.placeholders, ["[[TO FILL: your name and title]]", "[[TO FILL: people met]]"])
        XCTAssertEqual(check.emptySections, ["Police command", "People met"])
        XCTAssertEqual(
            check.problems,
            [
                "recommendation 1 (Appoint a gender adviser): no deadline",
                "recommendation 2 (Train the investigators): no addressee",
                "recommendation 2 (Train the investigators): deadline \"end of June\" is not a date (write YYYY-MM-DD)",
            ])
    }

    func testUntickedPrioritiesLeaveTheSectionEmpty() throws {
        try ReportTemplates.initialize(planFolder: folder)
        let md = ReportsFixture.fillMarkdown(try text("BRAVO-2027-M1.md"))
            .replacingOccurrences(of: "- [x] Capabilities and mindsets", with: "- [ ] Capabilities and mindsets")
        try write(md, "BRAVO-2027-M1.md")
        let check = try status("BRAVO-2027-M1")
        XCTAssertEqual(check.state, .inProgress)
        XCTAssertEqual(check.emptySections, [ReportTemplate.a4pSection])
    }

    // MARK: - Checking Word

    func testFilledDocxIsComplete() throws {
        try ReportTemplates.initialize(planFolder: folder)
        try ReportsFixture.fillDocx(try read("BRAVO-2027-M1.docx")).write(to: reports.appendingPathComponent("BRAVO-2027-M1.docx"))
        let check = try status("BRAVO-2027-M1")
        XCTAssertEqual(check.file, "BRAVO-2027-M1.docx", "the edited file of the pair is checked")
        XCTAssertEqual(check.state, .complete, "\(check)")
        XCTAssertEqual(
            check.recommendations,
            [
                Recommendation(
                    text: "Appoint a gender adviser", addressedTo: "Police Commissioner",
                    deadline: "2027-06-30", priority: "high", area: "command")
            ])
    }

    func testDocxWithPlaceholderAndBadDateIsInProgress() throws {
        try ReportTemplates.initialize(planFolder: folder)
        let filled = try ReportsFixture.fillDocx(
            try read("BRAVO-2027-M1.docx"),
            row: ["Audit the armoury", "Head of Police Component", "31/12/2027", "high", "administration"],
            keep: ["[[TO FILL: documents consulted]]"])
        try filled.write(to: reports.appendingPathComponent("BRAVO-2027-M1.docx"))
        let check = try status("BRAVO-2027-M1")
        XCTAssertEqual(check.state, .inProgress)
        XCTAssertEqual(check.placeholders, ["[[TO FILL: documents consulted]]"])
        XCTAssertEqual(check.emptySections, ["Documents consulted"])
        XCTAssertEqual(check.problems, ["recommendation 1 (Audit the armoury): deadline \"31/12/2027\" is not a date (write YYYY-MM-DD)"])
    }

    func testBothFilesEditedIsSaid() throws {
        try ReportTemplates.initialize(planFolder: folder)
        try write(ReportsFixture.fillMarkdown(try text("BRAVO-2027-M1.md")), "BRAVO-2027-M1.md")
        let docx = reports.appendingPathComponent("BRAVO-2027-M1.docx")
        try ReportsFixture.fillDocx(try read("BRAVO-2027-M1.docx")).write(to: docx)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: docx.path)
        let check = try status("BRAVO-2027-M1")
        XCTAssertEqual(check.file, "BRAVO-2027-M1.docx")
        XCTAssertEqual(check.notes.count, 1)
        XCTAssertTrue(check.notes[0].hasPrefix("both BRAVO-2027-M1.md and BRAVO-2027-M1.docx were edited"), check.notes[0])
    }

    /// A report uploaded through the web pages is what `reports status` checks (and the
    /// register imports), unless a file edited in the folder is newer.
    func testAnUploadIsCheckedWhenItIsTheNewestWork() throws {
        try ReportTemplates.initialize(planFolder: folder)
        let dir = reports.appendingPathComponent("uploads/BRAVO-2027-M1/2")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let upload = dir.appendingPathComponent("BRAVO-2027-M1.md")
        try Data(ReportsFixture.fillMarkdown(try text("BRAVO-2027-M1.md")).utf8).write(to: upload)
        // An older, unreadable upload 1 is not the one checked.
        try FileManager.default.createDirectory(
            at: reports.appendingPathComponent("uploads/BRAVO-2027-M1/1"), withIntermediateDirectories: true)
        try Data("not a zip".utf8).write(to: reports.appendingPathComponent("uploads/BRAVO-2027-M1/1/BRAVO-2027-M1.docx"))
        var check = try status("BRAVO-2027-M1")
        XCTAssertEqual(check.file, "uploads/BRAVO-2027-M1/2/BRAVO-2027-M1.md")
        XCTAssertEqual(check.state, .complete)
        XCTAssertEqual(check.notes, ["checked upload 2 (BRAVO-2027-M1.md, through the web pages)"])
        XCTAssertEqual(try SubmittedReport.read(folder).map(\.key), ["BRAVO-2027-M1"])

        // The officer then edits the Word file in the folder, later than the upload.
        let docx = reports.appendingPathComponent("BRAVO-2027-M1.docx")
        try ReportsFixture.fillDocx(try read("BRAVO-2027-M1.docx"), keep: ["[[TO FILL: documents consulted]]"]).write(to: docx)
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(60)], ofItemAtPath: docx.path)
        check = try status("BRAVO-2027-M1")
        XCTAssertEqual(check.file, "BRAVO-2027-M1.docx")
        XCTAssertEqual(check.state, .inProgress)
        XCTAssertEqual(
            check.notes, ["BRAVO-2027-M1.docx is newer than upload 2 (BRAVO-2027-M1.md, through the web pages): checked BRAVO-2027-M1.docx"]
        )
    }

    // MARK: - Never losing work

    func testRegeneratingKeepsFilledFilesByteIdentical() throws {
        try ReportTemplates.initialize(planFolder: folder)
        try write(ReportsFixture.fillMarkdown(try text("ALPHA-2027-M1.md")), "ALPHA-2027-M1.md")
        try ReportsFixture.fillDocx(try read("BRAVO-2027-M1.docx")).write(to: reports.appendingPathComponent("BRAVO-2027-M1.docx"))
        let md = try read("ALPHA-2027-M1.md")
        let docx = try read("BRAVO-2027-M1.docx")
        let summary = try ReportTemplates.initialize(planFolder: folder)
        XCTAssertEqual(summary.keptEdited, ["ALPHA-2027-M1.md", "BRAVO-2027-M1.docx"])
        XCTAssertEqual(try read("ALPHA-2027-M1.md"), md)
        XCTAssertEqual(try read("BRAVO-2027-M1.docx"), docx)
        // The later ALPHA report, still a template, now follows up the March recommendations.
        XCTAssertEqual(summary.refreshed, ["ALPHA-2027-M2.md", "ALPHA-2027-M2.docx"])
        let later = try text("ALPHA-2027-M2.md")
        XCTAssertTrue(later.contains("## \(ReportTemplate.followUpSection)"))
        XCTAssertTrue(
            later.contains(
                "| Appoint a gender adviser | Police Commissioner | 2027-06-30 | [[TO FILL: implemented, in progress or not implemented]] |"
            ))
        // A third run changes nothing.
        let third = try ReportTemplates.initialize(planFolder: folder)
        XCTAssertEqual(third.created + third.refreshed, [])
    }

    func testFileUnknownToTheLedgerIsKept() throws {
        try ReportTemplates.initialize(planFolder: folder)
        try FileManager.default.removeItem(at: reports.appendingPathComponent(".ledger.json"))
        try write("a colleague's own notes", "BRAVO-2027-M1.md")
        let summary = try ReportTemplates.initialize(planFolder: folder)
        // The September ALPHA template would now follow up the March report, which the lost
        // ledger cannot prove untouched: it differs from the file there, so that file is kept too.
        XCTAssertEqual(summary.keptEdited, ["BRAVO-2027-M1.md", "ALPHA-2027-M2.md", "ALPHA-2027-M2.docx"])
        XCTAssertEqual(try text("BRAVO-2027-M1.md"), "a colleague's own notes")
        // Files that are exactly the template are recognised, so a lost ledger does not make
        // every untouched template count as edited forever.
        XCTAssertEqual(
            summary.unchanged,
            ["CHARLIE-2027-virtual.md", "CHARLIE-2027-virtual.docx", "ALPHA-2027-M1.md", "ALPHA-2027-M1.docx", "BRAVO-2027-M1.docx"])
        XCTAssertEqual(summary.created, [])
        let ledger = ReportLedger.load(from: reports).ledger
        XCTAssertEqual(ledger.files.keys.sorted(), summary.unchanged.sorted())
        XCTAssertNil(ledger.files["BRAVO-2027-M1.md"])
    }

    func testTheLedgerNeverForgetsAnEntryOrAVersion() throws {
        func entry(_ hash: String, earlier: [String]? = nil) -> ReportLedger.Entry {
            ReportLedger.Entry(
                visit: "V", operation: "OP", date: "2027-01-01", mode: "in-person", sha256: hash, placeholders: 1, earlier: earlier)
        }
        let mine = ReportLedger(files: ["a.md": entry("new"), "b.md": entry("b1")])
        let onDisk = ReportLedger(files: ["a.md": entry("old", earlier: ["older"]), "c.md": entry("c1")])
        let merged = mine.merged(with: onDisk)
        XCTAssertEqual(merged.files.keys.sorted(), ["a.md", "b.md", "c.md"])
        XCTAssertEqual(merged.files["a.md"], entry("new", earlier: ["old", "older"]))
        XCTAssertEqual(merged.files["a.md"]?.hashes, ["new", "old", "older"])
        XCTAssertEqual(entry("new").replacing(entry("old", earlier: ["new", "older"])), entry("new", earlier: ["old", "older"]))

        // A template of an earlier plan version, untouched, is still recognised as ours and refreshed.
        try ReportTemplates.initialize(planFolder: folder)
        let march = try read("BRAVO-2027-M1.md")
        try Data(ReportsFixture.planJSON().replacingOccurrences(of: "\"total\": 7650}", with: "\"total\": 7651}").utf8)
            .write(to: folder.appendingPathComponent("plan.json"))
        XCTAssertEqual(try ReportTemplates.initialize(planFolder: folder).refreshed.count, 4)
        try march.write(to: reports.appendingPathComponent("BRAVO-2027-M1.md"))  // restored from a backup
        let summary = try ReportTemplates.initialize(planFolder: folder)
        XCTAssertEqual(summary.refreshed, ["BRAVO-2027-M1.md"])
        XCTAssertEqual(summary.keptEdited, [])
    }

    func testALinkedReportsFolderIsRefused() throws {
        let outside = folder.deletingLastPathComponent().appendingPathComponent("elsewhere")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: reports.path, withDestinationPath: outside.path)
        XCTAssertThrowsError(try ReportTemplates.initialize(planFolder: folder)) { error in
            XCTAssertTrue("\(error)".contains("\(reports.path) is a symbolic link to \(outside.path)"), "\(error)")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: outside.path), [])
    }

    func testMovedVisitKeepsItsReportName() throws {
        try ReportTemplates.initialize(planFolder: folder)
        try write(ReportsFixture.fillMarkdown(try text("ALPHA-2027-M1.md")), "ALPHA-2027-M1.md")
        let filled = try read("ALPHA-2027-M1.md")
        let template = try read("ALPHA-2027-M1.docx")
        try Data(ReportsFixture.planJSON(alphaArrive: "2027-03-09", alphaLeave: "2027-03-12").utf8)
            .write(to: folder.appendingPathComponent("plan.json"))
        let summary = try ReportTemplates.initialize(planFolder: folder)
        // The trip moved a day: same names, the officer's file kept, the unedited one refreshed.
        XCTAssertEqual(summary.created, [])
        XCTAssertEqual(summary.orphaned, [])
        XCTAssertEqual(summary.keptEdited, ["ALPHA-2027-M1.md"])
        // The trip's other stop and the September visit that follows the March one up name
        // the new dates too.
        XCTAssertEqual(
            summary.refreshed, ["ALPHA-2027-M1.docx", "BRAVO-2027-M1.md", "BRAVO-2027-M1.docx", "ALPHA-2027-M2.md", "ALPHA-2027-M2.docx"])
        XCTAssertEqual(try read("ALPHA-2027-M1.md"), filled)
        XCTAssertNotEqual(try read("ALPHA-2027-M1.docx"), template)
        XCTAssertTrue(try text("ALPHA-2027-M1.docx").isEmpty == false)
        let result = try ReportStatus.run(planFolder: folder)
        let moved = try XCTUnwrap(result.reports.first { $0.key == "ALPHA-2027-M1" })
        XCTAssertFalse(moved.orphaned)
        XCTAssertEqual(moved.state, .complete)
        XCTAssertEqual(moved.date?.iso, "2027-03-09")
    }

    func testDroppedVisitLeavesTheOldReportOrphanedAndKept() throws {
        try ReportTemplates.initialize(planFolder: folder)
        try write(ReportsFixture.fillMarkdown(try text("ALPHA-2027-M2.md")), "ALPHA-2027-M2.md")
        let filled = try read("ALPHA-2027-M2.md")
        // M1 now makes the September trip too: M2's visit is gone, M1's second visit is new.
        let plan = ReportsFixture.planJSON().replacingOccurrences(
            of: #""id": "T02", "manager": "M2""#, with: #""id": "T02", "manager": "M1""#)
        XCTAssertNotEqual(plan, ReportsFixture.planJSON())
        try Data(plan.utf8).write(to: folder.appendingPathComponent("plan.json"))
        let summary = try ReportTemplates.initialize(planFolder: folder)
        XCTAssertEqual(summary.created, ["ALPHA-2027-M1-2.md", "ALPHA-2027-M1-2.docx"])
        XCTAssertEqual(summary.orphaned, ["ALPHA-2027-M2.md", "ALPHA-2027-M2.docx"])
        XCTAssertEqual(try read("ALPHA-2027-M2.md"), filled)
        let result = try ReportStatus.run(planFolder: folder)
        let old = try XCTUnwrap(result.reports.first { $0.key == "ALPHA-2027-M2" })
        XCTAssertTrue(old.orphaned)
        XCTAssertEqual(old.state, .complete)
        XCTAssertFalse(try XCTUnwrap(result.reports.first { $0.key == "ALPHA-2027-M1-2" }).orphaned)
        XCTAssertTrue(result.rendered().contains("orphaned: this visit is no longer in the plan (moved or dropped); the report is kept"))
    }

    /// A re-plan written to its own folder, then adopted: the officers' work in the previous
    /// plan's folder follows the visits the new plan keeps, and nothing is taken away.
    func testAdoptedReplanCarriesEditedReportsAndUploadsOfKeptVisits() throws {
        try ReportTemplates.initialize(planFolder: folder)
        try write(ReportsFixture.fillMarkdown(try text("ALPHA-2027-M1.md")), "ALPHA-2027-M1.md")
        try write(ReportsFixture.fillMarkdown(try text("ALPHA-2027-M2.md")), "ALPHA-2027-M2.md")
        try write("the March notes, old folder", "BRAVO-2027-M1.md")
        let filled = try read("ALPHA-2027-M1.md")
        let upload = reports.appendingPathComponent("uploads/ALPHA-2027-M1/1")
        try FileManager.default.createDirectory(at: upload, withIntermediateDirectories: true)
        try Data("uploaded".utf8).write(to: upload.appendingPathComponent("ALPHA-2027-M1.docx"))
        let before = try snapshot(folder)

        // The re-plan moves the March trip by a week and gives the September visit to M1.
        let replan = folder.deletingLastPathComponent().appendingPathComponent("replan-2027-06-15", isDirectory: true)
        try FileManager.default.createDirectory(at: replan, withIntermediateDirectories: true)
        let json = ReportsFixture.planJSON(alphaArrive: "2027-03-15", alphaLeave: "2027-03-19")
            .replacingOccurrences(of: #""id": "T02", "manager": "M2""#, with: #""id": "T02", "manager": "M1""#)
        try Data(json.utf8).write(to: replan.appendingPathComponent("plan.json"))
        try ReportTemplates.initialize(planFolder: replan)
        let newReports = replan.appendingPathComponent("reports")
        try Data("the March notes, new folder".utf8).write(to: newReports.appendingPathComponent("BRAVO-2027-M1.md"))

        let summary = try ReportCarryOver.apply(from: folder, to: replan)
        XCTAssertEqual(summary.carried, ["ALPHA-2027-M1.md"])
        XCTAssertEqual(summary.uploads, ["ALPHA-2027-M1/1"])
        XCTAssertEqual(summary.keptBoth, ["BRAVO-2027-M1.md"])
        XCTAssertEqual(try Data(contentsOf: newReports.appendingPathComponent("ALPHA-2027-M1.md")), filled)
        XCTAssertEqual(
            try String(contentsOf: newReports.appendingPathComponent("BRAVO-2027-M1.md"), encoding: .utf8), "the March notes, new folder")
        XCTAssertEqual(
            try Data(contentsOf: newReports.appendingPathComponent("uploads/ALPHA-2027-M1/1/ALPHA-2027-M1.docx")), Data("uploaded".utf8))
        // M2's visit is not in the new plan: its report stays in the previous folder only.
        XCTAssertFalse(FileManager.default.fileExists(atPath: newReports.appendingPathComponent("ALPHA-2027-M2.md").path))
        XCTAssertEqual(try snapshot(folder), before, "the previous plan's folder is left exactly as it was")
        XCTAssertEqual(
            summary.description,
            "Reports: 1 edited report file carried over; 1 upload carried over; 1 edited in both plans (the new plan's kept, the previous plan's left in its folder: BRAVO-2027-M1.md)."
        )
        // The carried report is the officer's from now on: the next run keeps it, and a
        // second carry-over adds nothing.
        let again = try ReportTemplates.initialize(planFolder: replan)
        XCTAssertEqual(again.keptEdited, ["BRAVO-2027-M1.md", "ALPHA-2027-M1.md"])
        let second = try ReportCarryOver.apply(from: folder, to: replan)
        XCTAssertEqual(second.carried, [])
        XCTAssertEqual(second.uploads, [])
        XCTAssertEqual(try ReportCarryOver.apply(from: replan, to: replan), ReportCarryOverSummary())
    }

    /// With the previous folder's ledger lost, only reports with content are carried: an
    /// untouched template of the old dates never hides the new one.
    func testCarryOverWithALostLedgerTakesOnlyReportsWithContent() throws {
        try ReportTemplates.initialize(planFolder: folder)
        try write(ReportsFixture.fillMarkdown(try text("ALPHA-2027-M1.md")), "ALPHA-2027-M1.md")
        try FileManager.default.removeItem(at: reports.appendingPathComponent(".ledger.json"))
        let replan = folder.deletingLastPathComponent().appendingPathComponent("replan", isDirectory: true)
        try FileManager.default.createDirectory(at: replan, withIntermediateDirectories: true)
        try Data(ReportsFixture.planJSON(alphaArrive: "2027-03-15", alphaLeave: "2027-03-19").utf8)
            .write(to: replan.appendingPathComponent("plan.json"))
        try ReportTemplates.initialize(planFolder: replan)
        let fresh = try Data(contentsOf: replan.appendingPathComponent("reports/BRAVO-2027-M1.md"))
        let summary = try ReportCarryOver.apply(from: folder, to: replan)
        XCTAssertEqual(summary.carried, ["ALPHA-2027-M1.md"])
        XCTAssertEqual(try Data(contentsOf: replan.appendingPathComponent("reports/BRAVO-2027-M1.md")), fresh)
    }

    /// Every file under `root` with its bytes.
    private func snapshot(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = walker?.nextObject() as? URL {
            guard (try url.resourceValues(forKeys: [.isRegularFileKey])).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(root.path.count))] = try Data(contentsOf: url)
        }
        return files
    }

    // MARK: - Recommendations files

    func testRecommendationsCSVRowsAreExact() throws {
        try ReportTemplates.initialize(planFolder: folder)
        let rows = [
            ["Fix \"the\" radios, now", "Chief of Staff", "2027-05-01", "low", "administration"],
            ["Vet the new recruits", "Police Commissioner", "2027-04-01", "high", "capacity-building"],
            ["Appoint a gender adviser", "Police Commissioner", "2027-06-30", "high", "command"],
            ["Map the hotspots", "Head of Operations", "2027-07-01", "medium", "operations"],
        ]
        try write(ReportsFixture.fillMarkdown(try text("ALPHA-2027-M1.md"), rows: rows), "ALPHA-2027-M1.md")
        try ReportsFixture.fillDocx(
            try read("BRAVO-2027-M1.docx"),
            row: ["Share crime statistics", "Police Commissioner", "2027-09-30", "High", "operations"]
        )
        .write(to: reports.appendingPathComponent("BRAVO-2027-M1.docx"))
        let result = try ReportStatus.run(planFolder: folder)
        XCTAssertEqual(result.recommendationCount, 5)
        let csv = String(decoding: try Data(contentsOf: folder.appendingPathComponent("recommendations.csv")), as: UTF8.self)
        XCTAssertEqual(
            csv,
            "\u{FEFF}"
                + [
                    "operation,sgf_area,priority,recommendation,addressed_to,deadline,report,report_status",
                    "ALPHA,Police command,high,Appoint a gender adviser,Police Commissioner,2027-06-30,ALPHA-2027-M1.md,complete",
                    "ALPHA,Police operations,medium,Map the hotspots,Head of Operations,2027-07-01,ALPHA-2027-M1.md,complete",
                    "ALPHA,Police administration,low,\"Fix \"\"the\"\" radios, now\",Chief of Staff,2027-05-01,ALPHA-2027-M1.md,complete",
                    "ALPHA,Police capacity-building and development,high,Vet the new recruits,Police Commissioner,2027-04-01,ALPHA-2027-M1.md,complete",
                    "BRAVO,Police operations,high,Share crime statistics,Police Commissioner,2027-09-30,BRAVO-2027-M1.docx,complete",
                ].joined(separator: "\r\n") + "\r\n")
        let md = try String(contentsOf: folder.appendingPathComponent("recommendations.md"), encoding: .utf8)
        XCTAssertTrue(md.contains("## ALPHA: UN Alpha \\<Police> Support Mission & Co\n\n### Police command\n"))
        XCTAssertTrue(md.contains("| low | Fix \"the\" radios, now | Chief of Staff | 2027-05-01 | ALPHA-2027-M1.md |"))
    }

    // MARK: - Bad input

    func testMissingPlanNamesTheFile() throws {
        let empty = folder.appendingPathComponent("nothing-here")
        XCTAssertThrowsError(try ReportTemplates.initialize(planFolder: empty)) { error in
            XCTAssertEqual(
                "\(error)",
                "\(empty.path)/plan.json not found: run `visitplan plan` first, then give its output folder (the one holding plan.json)")
        }
        try Data("{\"name\": 3}".utf8).write(to: folder.appendingPathComponent("plan.json"))
        XCTAssertThrowsError(try ReportStatus.run(planFolder: folder)) { error in
            XCTAssertTrue("\(error)".hasPrefix("\(folder.path)/plan.json cannot be read as a plan: "), "\(error)")
        }
    }

    func testGarbageReportsAreReportedNotFatal() throws {
        try ReportTemplates.initialize(planFolder: folder)
        try Data("PK\u{03}\u{04} this is not a zip".utf8).write(to: reports.appendingPathComponent("BRAVO-2027-M1.docx"))
        let docx = try read("ALPHA-2027-M2.docx")
        try docx.prefix(docx.count / 2).write(to: reports.appendingPathComponent("ALPHA-2027-M2.docx"))
        // Windows-1252 "é" and a stray byte: not UTF-8.
        let latin = Data(ReportsFixture.fillMarkdown(try text("ALPHA-2027-M1.md")).utf8) + Data([0x0A, 0x43, 0x61, 0x66, 0xE9, 0x0A])
        try latin.write(to: reports.appendingPathComponent("ALPHA-2027-M1.md"))
        try Data().write(to: reports.appendingPathComponent("CHARLIE-2027-virtual.md"))
        try Data(repeating: 0xFF, count: 100).write(to: reports.appendingPathComponent("ZULU-notadate.docx"))

        let result = try ReportStatus.run(planFolder: folder)
        let byKey = Dictionary(uniqueKeysWithValues: result.reports.map { ($0.key, $0) })
        XCTAssertEqual(byKey["BRAVO-2027-M1"]?.state, .unreadable)
        XCTAssertEqual(
            byKey["BRAVO-2027-M1"]?.problems,
            ["BRAVO-2027-M1.docx cannot be read: not a Word document (.docx is a ZIP archive, and this file is not one)"])
        XCTAssertEqual(byKey["ALPHA-2027-M2"]?.state, .unreadable)
        XCTAssertEqual(byKey["ALPHA-2027-M1"]?.state, .complete)
        XCTAssertEqual(byKey["ALPHA-2027-M1"]?.notes, ["not UTF-8; read as Windows-1252 (save it as UTF-8)"])
        XCTAssertEqual(byKey["CHARLIE-2027-virtual"]?.state, .inProgress)
        XCTAssertEqual(byKey["ZULU-notadate"]?.orphaned, true)
        XCTAssertFalse(result.allComplete)
        _ = result.rendered()
        // And init still keeps every one of them.
        let summary = try ReportTemplates.initialize(planFolder: folder)
        XCTAssertEqual(summary.created, [])
        XCTAssertEqual(summary.orphaned, ["ZULU-notadate.docx"])
    }

    func testReadersSurviveArbitraryBytes() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 22, 100, 4096] {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            _ = try? DocxReader.read(bytes)
            _ = ReportChecker.check(ReportMarkdown.read(String(decoding: bytes, as: UTF8.self)))
        }
    }

    // MARK: - Helpers

    func testContentHashIsSHA256() {
        XCTAssertEqual(ContentHash.sha256(Data()), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(ContentHash.sha256(Data("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(
            ContentHash.sha256(Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    func testParseKey() {
        XCTAssertEqual(ReportFiles.parseKey("UN-OPS-2027-03-08")?.operation, "UN-OPS")
        XCTAssertEqual(ReportFiles.parseKey("ALPHA-2027-03-08-2")?.date?.iso, "2027-03-08")
        XCTAssertEqual(ReportFiles.parseKey("UN-OPS-2027-DO-HOA")?.operation, "UN-OPS")
        XCTAssertNil(try XCTUnwrap(ReportFiles.parseKey("UN-OPS-2027-DO-HOA")).date)
        XCTAssertEqual(ReportFiles.parseKey("ALPHA-2027-M1-2")?.operation, "ALPHA")
        XCTAssertEqual(ReportFiles.parseKey("ALPHA-2027-virtual")?.operation, "ALPHA")
        XCTAssertNil(ReportFiles.parseKey("ALPHA-2027"))
        XCTAssertNil(ReportFiles.parseKey("ALPHA-notes"))
    }

    private func docxPart(_ data: Data, _ path: String) throws -> String {
        let part = try XCTUnwrap(try DocxPackage.unzip(data).first { $0.path == path }, "no \(path)")
        return String(decoding: part.data, as: UTF8.self)
    }

    /// Compares with a file in Golden/; `RECORD_GOLDEN=1` rewrites it in the source tree.
    private func assertGolden(_ actual: String, _ name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let url = URL(fileURLWithPath: "\(file)").deletingLastPathComponent().appendingPathComponent("Golden").appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["RECORD_GOLDEN"] == "1" {
            try Data(actual.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        XCTAssertEqual(actual, expected, "differs from Golden/\(name); re-record with RECORD_GOLDEN=1 if intended", file: file, line: line)
    }

    /// With a register, the follow-up section lists its open recommendations, not one report's.
    func testFollowUpFromTheRegister() throws {
        let plan = try PlanDocument.decode(Data(ReportsFixture.planJSON().utf8))
        let visit = try XCTUnwrap(ReportVisit.all(in: plan).first { $0.operation == "BRAVO" })
        let rec = Recommendation(
            text: "Recruit women officers (ALPHA-2027-M1#1)", addressedTo: "Police Commissioner", deadline: "2027-04-30",
            priority: "high", area: "Police operations")
        let blocks = ReportTemplate.blocks(
            for: visit, plan: plan,
            previous: PreviousReport(fileName: "register-2027.sqlite", date: nil, recommendations: [rec], fromRegister: true))
        let start = try XCTUnwrap(blocks.firstIndex(of: .heading1(ReportTemplate.followUpSection)))
        XCTAssertEqual(
            Array(blocks[start...(start + 2)]),
            [
                .heading1("Follow-up of previous recommendations"),
                .paragraph("Recommendations still open in the register register-2027.sqlite for this operation. Say what became of each."),
                .table(
                    header: ["Recommendation", "Addressed to", "Deadline", "What became of it"],
                    rows: [
                        [
                            "Recruit women officers (ALPHA-2027-M1#1)", "Police Commissioner", "2027-04-30",
                            "[[TO FILL: implemented, in progress or not implemented]]",
                        ]
                    ]),
            ])
    }
}
