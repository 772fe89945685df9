import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerRender

extension VisitPlan {
    struct Replan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Re-plan the rest of the year around what is fixed, with today's data.",
            discussion: """
                Trips travelled, booked or approved, and open trips departing within the lead time, stay exactly as \
                they are at their best-known cost; cancelled trips are gone; the rest is re-optimised within what the \
                envelope still allows, with the data as it is now (new blackouts, leave, closures). Among equally good \
                plans, the one that keeps most adopted trips (same manager and operations) is chosen: after cost by \
                default (stability never costs a cent), or before cost with --keep before-cost. Writes the new plan to \
                Reports/replan-<as-of>/ and prints the change list; `visitplan adopt` applies it.
                """)

        @OptionGroup var dataOptions: DataOptions
        @OptionGroup var registerOptions: RegisterOptions

        @Option(help: "The day of the re-plan, YYYY-MM-DD (default: today).")
        var asOf: String?

        @Option(help: "Days from --as-of before which no trip is re-planned (default: the register's request lead time).")
        var leadDays: Int?

        @Option(help: "Keeping adopted trips ranks after-cost (default) or before-cost.")
        var keep: String = KeepOrder.afterCost.rawValue

        @Option(help: "Folder for the plan's folder.")
        var out: String = "Reports"

        @Option(help: "Name of the plan (its folder under --out). Default: replan-<as-of>.")
        var name: String?

        @Option(help: "Seconds the whole run may take (default: policy.yaml's solver.time_limit_seconds).")
        var timeLimit: Double?

        func validate() throws {
            _ = try dayOption(asOf, "--as-of")
            guard KeepOrder(rawValue: keep) != nil else {
                throw ValidationError("--keep: expected after-cost or before-cost, found \"\(keep)\"")
            }
            if let leadDays, !(0...365).contains(leadDays) { throw ValidationError("--lead-days: expected 0 to 365") }
            if let timeLimit, !(timeLimit > 0 && timeLimit <= 86_400) {
                throw ValidationError("--time-limit: expected seconds between 1 and 86400")
            }
            if let name { try PlanName.check(name) }
        }

        func run() throws {
            let started = Date()
            let progress = ProgressLine(started: started)
            var data = try dataOptions.load()
            for warning in data.warnings { Console.error("warning: \(warning)") }
            let day = try dayOption(asOf, "--as-of") ?? Day(date: Date())
            let register = try registerOptions.open()
            // One lead time per re-plan: the register's (or --lead-days) with the re-plan's
            // as-of date. policy.yaml's booking section is for `plan --as-of`.
            let registerLead = try registerErrors { try register.settings().requestLeadDays }
            let policyLead = data.policy.booking.requestLeadDays
            if leadDays == nil, policyLead != registerLead {
                Console.error(
                    "warning: policy.yaml booking.request_lead_days is \(policyLead), the register's request-lead-days \(registerLead): "
                        + "the register's applies to this re-plan (align them with `visitplan register settings --request-lead-days \(policyLead)`, or give --lead-days)"
                )
            }
            if let policyAsOf = data.policy.booking.asOf, policyAsOf != day {
                Console.error("warning: policy.yaml booking.as_of \(policyAsOf.iso) is not used: the re-plan is made as of \(day.iso)")
            }
            data.policy.booking.asOf = nil
            let basis = try registerErrors {
                try register.replanBasis(asOf: day, leadDays: leadDays, data: data, keepOrder: KeepOrder(rawValue: keep)!)
            }
            let options = PlanOptions(timeLimit: timeLimit, started: started, progress: progress.callback)
            let result: PlanResult
            do {
                result = try Replanner.plan(data, basis.request, options: options)
            } catch let error as ReplanError {
                throw CommandFailure(.noPlan, error.description)
            }
            let planName = name ?? "replan-\(day.iso)"
            let folder = URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent(planName, isDirectory: true)
            let document = PlanDocument(name: planName, result: result, data: data)
            let written = try PlanWriter.write(
                document, to: folder, reportTemplates: result.infeasibility == nil, onWait: { Console.error($0) })
            Console.out(PlanSummary.text(document))
            Console.out(ReplanChanges(basis: basis, result: result).description)
            Console.out("Wrote \(folder.path)/: \(PlanWriter.describe(written.written))")
            for kept in written.kept { Console.out("Kept: \(kept)") }
            if result.infeasibility != nil { throw Exit.noPlan.code }
            Console.out("To make it the year's baseline: visitplan adopt \(folder.path)")
        }
    }
}

/// What a re-plan changes against the register: trips kept, moved, added and dropped,
/// operations that gain or lose a visit, and the money freed or used.
struct ReplanChanges: CustomStringConvertible {
    var fixed: [String]
    /// Why each fixed trip is fixed.
    var fixedWhy: [String: String]
    var kept: [String] = []
    var moved: [String] = []
    var added: [String] = []
    var dropped: [String] = []
    var gained: [String] = []
    var lost: [String] = []
    var openEstimate: Money
    var newCost: Money

    init(basis: ReplanBasis, result: PlanResult) {
        let fixedIDs = Set(basis.request.fixed.map(\.id))
        fixed = basis.request.fixed.map(\.id).sorted()
        fixedWhy = basis.fixedWhy
        let before = Dictionary(uniqueKeysWithValues: basis.request.open.map { ($0.id, $0) })
        let after = result.trips.filter { !fixedIDs.contains($0.id) }
        for trip in after {
            if let old = before[trip.id] {
                if old.depart == trip.depart && old.returnDay == trip.returnDay { kept.append(trip.id) } else { moved.append(trip.id) }
            } else {
                added.append(trip.id)
            }
        }
        dropped = before.keys.filter { id in !after.contains { $0.id == id } }.sorted()
        func visits(_ trips: [PlannedTrip]) -> [String: Int] {
            trips.flatMap { $0.stays.map(\.operation) }.reduce(into: [:]) { $0[$1, default: 0] += 1 }
        }
        let was = visits(Array(before.values)), now = visits(after)
        for op in Set(was.keys).union(now.keys).sorted() {
            let d = now[op, default: 0] - was[op, default: 0]
            if d > 0 { gained.append(d == 1 ? op : "\(op) ×\(d)") }
            if d < 0 { lost.append(-d == 1 ? op : "\(op) ×\(-d)") }
        }
        openEstimate = basis.openEstimate
        newCost = after.map(\.cost.total).reduce(.zero, +)
    }

    var description: String {
        func line(_ label: String, _ items: [String]) -> String {
            "  \(label): " + (items.isEmpty ? "none" : "\(items.count) (\(items.joined(separator: ", ")))")
        }
        let delta = newCost - openEstimate
        let money =
            delta.cents == 0
            ? "the same money as before (\(newCost))"
            : delta.cents < 0
                ? "\(openEstimate - newCost) freed (\(newCost) instead of \(openEstimate))"
                : "\(delta) more (\(newCost) instead of \(openEstimate))"
        var out = ["Changes against the register:", "  fixed (kept exactly): \(fixed.isEmpty ? "none" : String(fixed.count))"]
        let byWhy = Dictionary(grouping: fixed) { fixedWhy[$0] ?? "fixed" }
        for why in byWhy.keys.sorted() {
            let ids: [String] = byWhy[why] ?? []
            out.append("    \(why): " + ids.joined(separator: ", "))
        }
        out += [
            line("kept", kept.sorted()), line("moved", moved.sorted()), line("added", added.sorted()),
            line("dropped", dropped), line("operations gaining a visit", gained), line("operations losing a visit", lost),
            "  money for the re-planned trips: \(money)",
        ]
        return out.joined(separator: "\n")
    }
}
