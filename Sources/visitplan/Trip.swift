import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister

extension VisitPlan {
    struct Trip: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Move a trip of the register one step: request, approve, book, travelled, cost, report, close, reapprove, postpone, cancel.",
            discussion: """
                planned → requested → approved → booked → travelled → report → closed; postpone and cancel from any state \
                before travel (--reason). Facts each step needs: request [--depart DATE] [--justification TEXT] (a \
                justification when fewer days ahead than the register's lead time, 21 by default); approve [--amount X] \
                (not by the traveller); book --ticket X --depart DATE --return DATE; travelled --depart DATE --return DATE \
                --airfare X --dsa X [--terminal X] [--access X] [--other X] [--traveller ID] [--operations A;B]; cost (a late \
                amount after travel) --airfare/--dsa/--terminal/--access/--other X; reapprove (actual cost over the \
                threshold; not by the traveller). `visitplan trip T01 show` prints the trip and its history.
                """)

        @Argument(help: "The trip id (T01).")
        var id: String

        @Argument(help: "The step: request, approve, book, travelled, cost, report, close, reapprove, postpone, cancel, or show.")
        var step: String

        @OptionGroup var options: RegisterOptions

        @Option(help: "Departure date (YYYY-MM-DD): request (new date), book (as booked), travelled (actual).")
        var depart: String?
        @Option(name: .customLong("return"), help: "Return date (YYYY-MM-DD): book (as booked), travelled (actual).")
        var returnDate: String?
        @Option(help: "Ticket cost in USD (book).")
        var ticket: String?
        @Option(help: "Amount approved in USD (approve; default: the estimate).")
        var amount: String?
        @Option(help: "Actual airfare in USD (travelled, cost).")
        var airfare: String?
        @Option(help: "Actual DSA in USD (travelled, cost).")
        var dsa: String?
        @Option(help: "Actual terminal expenses in USD (travelled, cost; default 0).")
        var terminal: String?
        @Option(help: "Actual access fares in USD (travelled, cost; default 0).")
        var access: String?
        @Option(help: "Other actual costs in USD (travelled, cost; default 0).")
        var other: String?
        @Option(help: "Who travelled, when not the planned manager (travelled).")
        var traveller: String?
        @Option(help: "Operations visited, ;-separated, when not the approved ones (travelled).")
        var operations: String?
        @Option(help: "Why the request comes late (request).")
        var justification: String?
        @Option(help: "Why the trip is postponed or cancelled (postpone, cancel).")
        var reason: String?
        @Option(help: "A comment for the history (cost, reapprove).")
        var note: String?

        func validate() throws {
            let known = TripAction.allCases.map(\.rawValue) + ["cost", "show"]
            guard known.contains(step) else {
                throw ValidationError("unknown step \"\(step)\"; one of \(known.joined(separator: ", "))")
            }
        }

        func tripStep() throws -> TripStep {
            func costs(required: Bool) throws -> TripCosts {
                let a = try moneyOption(airfare, "--airfare"), d = try moneyOption(dsa, "--dsa")
                if required && (a == nil || d == nil) {
                    throw ValidationError(
                        "travelled needs the actual costs: --airfare X --dsa X (and --terminal, --access, --other when any)")
                }
                return TripCosts(
                    airfare: a ?? .zero, dsa: d ?? .zero, terminal: try moneyOption(terminal, "--terminal") ?? .zero,
                    access: try moneyOption(access, "--access") ?? .zero, other: try moneyOption(other, "--other") ?? .zero)
            }
            func dates(_ what: String) throws -> (Day, Day) {
                guard let d = try dayOption(depart, "--depart"), let r = try dayOption(returnDate, "--return") else {
                    throw ValidationError("\(what) needs --depart YYYY-MM-DD and --return YYYY-MM-DD")
                }
                return (d, r)
            }
            switch step {
            case "request": return .request(depart: try dayOption(depart, "--depart"), justification: justification)
            case "approve": return .approve(amount: try moneyOption(amount, "--amount"))
            case "book":
                guard let t = try moneyOption(ticket, "--ticket") else {
                    throw ValidationError("book needs --ticket X (the ticket's cost in USD)")
                }
                let (d, r) = try dates("book")
                return .book(ticket: t, depart: d, returnDay: r)
            case "travelled":
                let (d, r) = try dates("travelled")
                let ops = operations.map { $0.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } }
                return .travelled(
                    TravelFacts(depart: d, returnDay: r, costs: try costs(required: true), traveller: traveller, operations: ops))
            case "cost": return .addCost(try costs(required: false), note: note)
            case "report": return .report
            case "close": return .close
            case "reapprove": return .reapprove(note: note)
            case "postpone": return .postpone(reason: reason ?? "")
            default: return .cancel(reason: reason ?? "")
            }
        }

        func run() throws {
            let register = try options.open()
            if step == "show" {
                let trip = try registerErrors { try register.trip(id) }
                Console.out(Self.describe(trip))
                for e in try registerErrors({ try register.history(entity: "trip", id: id) }) {
                    let change =
                        e.field.map { "\($0): \(HistoryEntry.shown(e.old)) → \(HistoryEntry.shown(e.new))" } ?? "entered the register"
                    Console.out("  \(e.at)  \(e.by)  \(e.action)  \(change)\(e.comment.map { "  (\($0))" } ?? "")")
                }
                return
            }
            let step = try tripStep()
            let trip = try registerErrors { try register.apply(step, to: id, by: try options.actor(in: register)) }
            Console.out(Self.describe(trip))
        }

        static func describe(_ t: RegisterTrip) -> String {
            var line = "\(t.id) (\(t.manager)): \(t.status), \(t.depart.iso) to \(t.returnDay.iso), estimate \(t.estimate.total)"
            if let a = t.approvedCost { line += ", approved \(a)" }
            if let b = t.bookedCost { line += ", booked \(b)" }
            if let actual = t.actual { line += ", actual \(actual.total)" }
            if t.notAsPlanned { line += "; not as planned" }
            if t.needsReapproval { line += "; actual cost over the threshold: needs re-approval" }
            if let r = t.reason { line += "; reason: \(r)" }
            let next = TripLifecycle.allowed(from: t.status, needsReapproval: t.needsReapproval).map(\.rawValue)
            return line + "\nNext: " + (next.isEmpty ? "none" : next.joined(separator: ", "))
        }
    }
}
