import Foundation
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerReports
import XCTest

/// A whole year on the command line (issue "The plan lives through the year", acceptance):
/// adopt the default plan; request, approve, book and travel three trips with actual costs (one
/// over its estimate); book a fourth; cancel one; a mission closes and an officer takes leave in
/// June; `replan --as-of 2027-06-15` keeps the travelled and booked trips exactly and
/// re-optimises the rest within the money left, as an independent re-solve finds it; `status`
/// adds up to the cent.
extension EndToEndTests {
    func testAYearWithAReplanInJune() throws {
        let e2e = self
        let folder = try e2e.copyOfData()
        let out = folder.appendingPathComponent("out")
        try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
        let db = out.appendingPathComponent("register-2027.sqlite").path
        func ok(_ args: [String], _ label: String = "") throws -> Run {
            let r = try e2e.run(args)
            XCTAssertEqual(r.status, 0, "\(label) \(args.joined(separator: " ")): \(r.err)")
            return r
        }
        _ = try ok(["plan", "--data", folder.path, "--out", out.path, "--name", "plan-2027"])
        _ = try ok(["adopt", out.appendingPathComponent("plan-2027").path, "--register", db, "--by", "Planner"])
        let adopted = try PlanDocument.decode(Data(contentsOf: out.appendingPathComponent("plan-2027/plan.json")))
        let trips = adopted.trips.sorted { ($0.depart, $0.id) < ($1.depart, $1.id) }
        XCTAssertGreaterThanOrEqual(trips.count, 6)

        // Three trips travelled, the first one $500.00 over its estimate in airfare.
        var actualTotal = Decimal(0)
        for (k, trip) in trips.prefix(3).enumerated() {
            let estimate = trip.cost.total
            let airfare = trip.cost.airfare + (k == 0 ? 500 : 0)
            _ = try ok(["trip", trip.id, "request", "--register", db, "--by", trip.manager, "--justification", "planned in 2026"])
            _ = try ok(["trip", trip.id, "approve", "--register", db, "--by", "Chief"])
            _ = try ok([
                "trip", trip.id, "book", "--register", db, "--by", "Travel Unit", "--ticket", "\(trip.cost.airfare)",
                "--depart", trip.depart.iso, "--return", trip.return.iso,
            ])
            _ = try ok([
                "trip", trip.id, "travelled", "--register", db, "--by", trip.manager, "--depart", trip.depart.iso, "--return",
                trip.return.iso, "--airfare", "\(airfare)", "--dsa", "\(trip.cost.dsa)", "--terminal", "\(trip.cost.terminal)",
                "--access", "\(trip.cost.access)",
            ])
            actualTotal += estimate + (k == 0 ? 500 : 0)
        }
        // A fourth trip (the first after June) booked; the last trip of the year cancelled.
        let booked = try XCTUnwrap(trips.first { $0.depart > Day(iso: "2027-07-05")! })
        _ = try ok(["trip", booked.id, "request", "--register", db, "--by", booked.manager, "--justification", "x"])
        _ = try ok(["trip", booked.id, "approve", "--register", db, "--by", "Chief"])
        _ = try ok([
            "trip", booked.id, "book", "--register", db, "--by", "Travel Unit", "--ticket", "\(booked.cost.airfare)", "--depart",
            booked.depart.iso, "--return", booked.return.iso,
        ])
        let cancelled = try XCTUnwrap(trips.last { $0.id != booked.id })
        _ = try ok(["trip", cancelled.id, "cancel", "--register", db, "--by", "Chief", "--reason", "mission request"])

        // June: a mission visited later in the plan closes at the end of June, and the manager of
        // another open trip goes on leave from June to September.
        // Beyond the lead time (21 days from 15 June), so they are re-planned, not fixed.
        let open = trips.dropFirst(3).filter { $0.id != booked.id && $0.id != cancelled.id && $0.depart > Day(iso: "2027-07-06")! }
        let closing = try XCTUnwrap(open.first).stops[0].operation
        let onLeave = try XCTUnwrap(open.first { $0.manager != open.first!.manager && $0.manager != booked.manager }).manager
        let opsFile = folder.appendingPathComponent("operations.csv")
        var lines = try String(contentsOf: opsFile, encoding: .utf8).components(separatedBy: "\n")
        let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        let toColumn = try XCTUnwrap(header.firstIndex(of: "active_to"))
        for i in lines.indices where lines[i].hasPrefix(closing + ",") {
            var cells = lines[i].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            cells[toColumn] = "2027-06-30"
            lines[i] = cells.joined(separator: ",")
        }
        try lines.joined(separator: "\n").write(to: opsFile, atomically: true, encoding: .utf8)
        let leave = folder.appendingPathComponent("unavailability.csv")
        let text = try String(contentsOf: leave, encoding: .utf8)
        try (text + (text.hasSuffix("\n") ? "" : "\n") + "\(onLeave),2027-06-01,2027-09-30,annual leave\n")
            .write(to: leave, atomically: true, encoding: .utf8)

        // The desk officer of the first trip fills its report in the adopted plan's folder.
        let firstVisit = try XCTUnwrap(ReportVisit.all(in: adopted).first { $0.trip?.id == trips[0].id })
        let reportFile = out.appendingPathComponent("plan-2027/reports/\(firstVisit.key).md")
        let officersText = try String(contentsOf: reportFile, encoding: .utf8) + "\nMet the head of the police component.\n"
        try Data(officersText.utf8).write(to: reportFile)

        let replan = try ok(["replan", "--data", folder.path, "--register", db, "--as-of", "2027-06-15", "--out", out.path])
        XCTAssertTrue(replan.out.contains("Changes against the register:"), replan.out)
        let result = try PlanDocument.decode(Data(contentsOf: out.appendingPathComponent("replan-2027-06-15/plan.json")))

        // Travelled and booked trips are kept exactly: same ids, dates and cost.
        for trip in trips.prefix(3) + [booked] {
            let kept = try XCTUnwrap(result.trips.first { $0.id == trip.id }, trip.id)
            XCTAssertEqual(kept.depart, trip.depart, trip.id)
            XCTAssertEqual(kept.return, trip.return, trip.id)
        }
        let first = try XCTUnwrap(result.trips.first { $0.id == trips[0].id })
        XCTAssertEqual(first.cost.total, trips[0].cost.total + 500, "the actual cost, not the estimate")
        XCTAssertFalse(result.trips.contains { $0.id == cancelled.id }, "a cancelled trip is gone")
        // The closed mission and the officer on leave.
        for trip in result.trips where trip.depart >= Day(iso: "2027-06-15")! {
            XCTAssertFalse(trip.stops.contains { $0.operation == closing && $0.leave > Day(iso: "2027-06-30")! }, trip.id)
            if trip.manager == onLeave {
                XCTAssertTrue(trip.return < Day(iso: "2027-06-01")! || trip.depart > Day(iso: "2027-09-30")!, trip.id)
            }
        }
        // Within the money: travel ≤ cap, to the cent.
        XCTAssertLessThanOrEqual(result.budget.travelCost, result.budget.travelCap)

        // An independent re-solve of what was left to plan gives the same value and cost.
        let data = try DataLoader.load(directory: folder)
        let register = try Register(url: URL(fileURLWithPath: db))
        let basis = try register.replanBasis(asOf: Day(iso: "2027-06-15")!, data: data)
        let residual = try Replanner.residual(data, basis.request)
        let again = try Planner(data: residual).plan(options: PlanOptions(timeLimit: 60, explain: false))
        let fixedIDs = Set(basis.request.fixed.map(\.id))
        let planned = result.trips.filter { !fixedIDs.contains($0.id) }
        XCTAssertEqual(planned.map(\.cost.total).reduce(0, +), Decimal(again.budget.travelCost.cents) / 100)
        XCTAssertEqual(
            planned.map(\.value).reduce(Decimal(0), +) + result.virtual.map(\.value).reduce(Decimal(0), +),
            Decimal(again.value.points) / 10_000)
        XCTAssertEqual(result.solver.status, .optimal)

        // Status adds up to the cent: spent is the actual costs entered.
        let status = try ok(["status", "--register", db])
        XCTAssertTrue(status.out.contains("spent"), status.out)
        let position = try register.position()
        XCTAssertEqual(position.lines[.spent].map { Decimal($0.travel.cents) / 100 }, actualTotal)
        XCTAssertEqual(position.forecast.total + position.free.total, position.envelope.total)

        // Report names follow the trips: every kept trip's visits have the same report names in
        // the re-plan, and adopting it brings the officer's report along.
        let keptKeys = { (doc: PlanDocument) in
            Set(ReportVisit.all(in: doc).filter { v in (trips.prefix(3) + [booked]).contains { $0.id == v.trip?.id } }.map(\.key))
        }
        XCTAssertEqual(keptKeys(result), keptKeys(adopted))
        let adoptReplan = try ok(["adopt", out.appendingPathComponent("replan-2027-06-15").path, "--register", db, "--by", "Planner"])
        XCTAssertTrue(adoptReplan.out.contains("Reports: 1 edited report file carried over."), adoptReplan.out)
        XCTAssertEqual(
            try String(contentsOf: out.appendingPathComponent("replan-2027-06-15/reports/\(firstVisit.key).md"), encoding: .utf8),
            officersText)
        XCTAssertEqual(try String(contentsOf: reportFile, encoding: .utf8), officersText, "the previous folder keeps it too")
    }
}

extension EndToEndTests {
    /// One lead time per re-plan: the register's, as of the re-plan's date. policy.yaml's
    /// booking section (for `plan --as-of`) is said to be set aside when it differs.
    func testAReplanUsesTheRegistersLeadTimeAndItsOwnDate() throws {
        let folder = try copyOfData()
        let out = try temporaryFolder()
        let db = out.appendingPathComponent("register-2027.sqlite").path
        XCTAssertEqual(try run(["plan", "--data", folder.path, "--out", out.path, "--name", "plan-2027"]).status, 0)
        XCTAssertEqual(try run(["adopt", out.appendingPathComponent("plan-2027").path, "--register", db, "--by", "Planner"]).status, 0)
        let policy = folder.appendingPathComponent("policy.yaml")
        let text = try String(contentsOf: policy, encoding: .utf8)
            .replacingOccurrences(of: "  request_lead_days: 21 ", with: "  request_lead_days: 28 ")
            .replacingOccurrences(of: "  # as_of: 2027-03-01 ", with: "  as_of: 2027-09-01 ")
        XCTAssertNotEqual(text, try String(contentsOf: policy, encoding: .utf8))
        try text.write(to: policy, atomically: true, encoding: .utf8)
        let replan = try run(["replan", "--data", folder.path, "--register", db, "--as-of", "2027-06-15", "--out", out.path])
        XCTAssertEqual(replan.status, 0, replan.err)
        XCTAssertTrue(
            replan.err.contains(
                "warning: policy.yaml booking.request_lead_days is 28, the register's request-lead-days 21: the register's applies to this re-plan"
            ), replan.err)
        XCTAssertTrue(
            replan.err.contains("warning: policy.yaml booking.as_of 2027-09-01 is not used: the re-plan is made as of 2027-06-15"),
            replan.err)
        let result = try PlanDocument.decode(Data(contentsOf: out.appendingPathComponent("replan-2027-06-15/plan.json")))
        XCTAssertNil(result.booking)
        XCTAssertFalse(result.trips.contains { $0.lateRequest == true })
        // With --lead-days the choice is explicit: no warning about the lead time.
        let explicit = try run([
            "replan", "--data", folder.path, "--register", db, "--as-of", "2027-06-15", "--lead-days", "28", "--out", out.path,
            "--name", "replan-explicit",
        ])
        XCTAssertEqual(explicit.status, 0, explicit.err)
        XCTAssertFalse(explicit.err.contains("request_lead_days"), explicit.err)
    }
}
