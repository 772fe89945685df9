import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerReports
import VisitPlannerWriters

extension VisitPlan {
    /// `visitplan recommendations [import]`: the recommendations of submitted reports in the register.
    struct Recommendations: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recommendations of submitted reports, followed up in the register; writes HQ's roll-up.",
            discussion: """
                `visitplan recommendations import <report file or plan folder>` enters them (open); importing a report \
                again adds nothing. `visitplan recommendations [--overdue] [--as-of DATE]` lists them and writes \
                recommendations.md and recommendations.csv into the register's report folder. \
                `visitplan recommendation <id> status <new> --note TEXT` follows one up.
                """,
            subcommands: [List.self, Import.self], defaultSubcommand: List.self)
    }

    /// `visitplan recommendation <id> status <new> --note TEXT --by NAME`.
    struct RecommendationCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "recommendation",
            abstract: "Change the status of one recommendation (with a note saying why).")

        @Argument(help: "The recommendation id (ALPHA-2027-03-08#1), as `visitplan recommendations` lists it.")
        var id: String
        @Argument(help: "status")
        var verb: String
        @Argument(help: "The new status: open, in progress, implemented, not accepted, superseded.")
        var status: String
        @Option(help: "Why the status changes (required).")
        var note: String?
        @OptionGroup var options: RegisterOptions

        func validate() throws {
            guard verb == "status" else { throw ValidationError("unknown action \"\(verb)\"; the only one is status") }
            guard RecommendationStatus(reading: status) != nil else {
                throw ValidationError(
                    "unknown status \"\(status)\"; one of \(RecommendationStatus.allCases.map(\.description).joined(separator: ", "))")
            }
        }

        func run() throws {
            let register = try options.open()
            let actor = try options.actor(in: register)
            let new = RecommendationStatus(reading: status) ?? .open
            let rec = try registerErrors { try register.setRecommendationStatus(id, to: new, note: note ?? "", by: actor) }
            Console.out("\(rec.id) (\(rec.operation)): \(rec.status)")
        }
    }
}

extension VisitPlan.Recommendations {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the recommendations and write the roll-up (recommendations.md, recommendations.csv).")

        @Flag(help: "Only open or in-progress recommendations whose deadline has passed.")
        var overdue = false
        @Option(help: "The day deadlines are compared with (YYYY-MM-DD; default: today).")
        var asOf: String?
        @OptionGroup var options: RegisterOptions

        func run() throws {
            let register = try options.open()
            let day = try dayOption(asOf, "--as-of") ?? register.clock.today()
            let all = try registerErrors { try register.recommendations() }
            let shown = overdue ? all.filter { $0.isOverdue(asOf: day) } : all
            var table = TextTable(
                headers: ["id", "operation", "priority", "deadline", "status", "addressed to", "recommendation"],
                alignments: [.left, .left, .left, .left, .left, .left, .left])
            for r in shown {
                table.add([
                    r.id, r.operation, r.priority, r.deadline?.iso ?? "",
                    r.status.description + (r.isOverdue(asOf: day) ? ", overdue" : ""),
                    r.addressedTo, r.text,
                ])
            }
            Console.out(table.render())
            let urls: [URL]
            do {
                urls = try RecommendationRollUp.write(all, asOf: day, to: register.reportFolder)
            } catch {
                throw CommandFailure(.failed, "\(register.reportFolder.path) could not be written: \(error)")
            }
            Console.out("\(shown.count) of \(all.count) recommendations shown. Wrote " + urls.map(\.path).joined(separator: ", "))
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Enter the recommendations of a submitted report (a .md or .docx file) or of every report of a plan folder.")

        @Argument(help: "A report file, or a plan folder (its reports/ are read).")
        var path: String
        @OptionGroup var options: RegisterOptions

        func run() throws {
            let register = try options.open()
            let actor = try options.actor(in: register)
            let reports: [SubmittedReport]
            do {
                reports = try SubmittedReport.read(URL(fileURLWithPath: path))
            } catch let error as ReportError {
                throw CommandFailure(.badData, error.description)
            }
            let result = try registerErrors { try register.importRecommendations(reports, by: actor) }
            Console.out(
                "\(result.reports) report\(result.reports == 1 ? "" : "s") read: \(result.added.count) recommendation\(result.added.count == 1 ? "" : "s") entered, \(result.known.count) already in the register."
            )
        }
    }
}
