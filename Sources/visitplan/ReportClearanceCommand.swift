import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister

extension VisitPlan {
    /// `visitplan report <trip-id> submit|review --kind gender|supervisor|transmit|show`.
    struct ReportClearanceCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "report",
            abstract: "Clear a trip's report: submit, gender and supervisor reviews, transmission to the head of police component.",
            discussion: """
                submitted → reviewed (review --kind gender and review --kind supervisor, in either order, each by someone \
                other than who submitted) → transmitted (review --kind transmit). `submit` moves a travelled trip to \
                report-submitted. `show` prints where the report stands and its history.
                """)

        @Argument(help: "The trip id.")
        var id: String
        @Argument(help: "submit, review or show.")
        var step: String
        @Option(help: "With review: gender, supervisor or transmit.")
        var kind: String?
        @Option(help: "A comment for the record.")
        var note: String?
        @OptionGroup var options: RegisterOptions

        func validate() throws {
            switch step {
            case "submit", "show":
                if kind != nil { throw ValidationError("--kind goes with review only") }
            case "review":
                guard let kind, ["gender", "supervisor", "transmit"].contains(kind) else {
                    throw ValidationError("review needs --kind gender, --kind supervisor or --kind transmit")
                }
            default:
                throw ValidationError("unknown step \"\(step)\"; one of submit, review, show")
            }
        }

        func run() throws {
            let register = try options.open()
            if step == "show" {
                _ = try registerErrors { try register.trip(id) }
                let clearance = try registerErrors { try register.clearances() }[id]
                Console.out("\(id): " + (clearance?.summary ?? "report not submitted; next: submit"))
                for e in try registerErrors({ try register.history(entity: "report", id: id) }) {
                    Console.out("  \(e.at)  \(e.by)  \(e.action)\(e.comment.map { "  (\($0))" } ?? "")")
                }
                return
            }
            let which: ReportClearance.Step =
                step == "submit" ? .submit : ReportClearance.Step(rawValue: kind ?? "") ?? .transmit
            let actor = try options.actor(in: register)
            let clearance = try registerErrors { try register.clearReport(trip: id, which, comment: note, by: actor) }
            Console.out("\(id): " + clearance.summary)
        }
    }
}
