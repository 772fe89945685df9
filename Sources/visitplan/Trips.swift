import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister

extension VisitPlan {
    struct Trips: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Bookings and actual costs in bulk: export the register's trips as a spreadsheet template, import it filled.",
            discussion: """
                Columns: id, manager, status, estimate, approved, step, depart, return, ticket, airfare, dsa, terminal, access, \
                other, traveller, operations, note. Fill `step` on the rows to change (request, approve, book, travelled, \
                cost, report, close, reapprove, postpone, cancel) with the facts it needs; rows without a step are left \
                alone. An import applies every row or none; each problem is reported as file:line: column: what is wrong.
                """,
            subcommands: [Export.self, Import.self])
    }
}

extension VisitPlan.Trips {
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write the trips template (CSV, UTF-8 with BOM, opens in Excel).")

        @Argument(help: "The CSV file to write.")
        var file: String

        @OptionGroup var options: RegisterOptions

        func run() throws {
            let register = try options.open()
            let text = try registerErrors { try register.exportSheet() }
            try AtomicFile.write(text, to: URL(fileURLWithPath: file))
            Console.out("Wrote \(file): fill `step` on the rows to change, then `visitplan trips import \(file)`.")
        }
    }

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Apply a filled trips template: every row in one transaction, or nothing.")

        @Argument(help: "The CSV file to read.")
        var file: String

        @OptionGroup var options: RegisterOptions

        func run() throws {
            let register = try options.open()
            let url = URL(fileURLWithPath: file)
            guard let data = try? Data(contentsOf: url) else { throw CommandFailure(.badData, "cannot read \(file)") }
            do {
                let summary = try registerErrors {
                    try register.importSheet(data, file: url.lastPathComponent, by: try options.actor(in: register))
                }
                Console.out(summary.description)
            } catch let errors as DataErrors {
                Console.error(errors.description)
                Console.error("Nothing was applied. Fix the lines above and import again.")
                throw ExitCode(Exit.badData.rawValue)
            }
        }
    }
}
