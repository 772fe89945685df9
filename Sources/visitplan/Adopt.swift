import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister

extension VisitPlan {
    struct Adopt: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make a plan the year's baseline in the register (trips and virtual assessments enter as planned).",
            discussion: """
                Re-adopting a later plan keeps trips with the same id: those still planned, requested or postponed take the \
                new dates and estimate; new ids are added; open trips the plan no longer has are cancelled ("dropped by \
                re-plan <name>"); approved, booked, travelled and closed trips are never changed. Prints the change list.
                """)

        @Argument(help: "The folder `visitplan plan` wrote (it holds plan.json).")
        var planFolder: String

        @OptionGroup var options: RegisterOptions

        func run() throws {
            let file = URL(fileURLWithPath: planFolder, isDirectory: true).appendingPathComponent("plan.json")
            let doc: PlanDocument
            do {
                doc = try PlanDocument.decode(try Data(contentsOf: file))
            } catch let error as DecodingError {
                throw CommandFailure(.badData, "\(file.path) is not a plan.json VisitPlanner can read: \(error)")
            } catch {
                throw CommandFailure(.badData, "cannot read \(file.path): run `visitplan plan` first, or check the folder")
            }
            let url = try options.url(planYear: doc.horizon.start.year)
            let changes = try registerErrors {
                let register = try Register(url: url)
                return try register.adopt(doc, by: try options.actor(in: register))
            }
            Console.out(changes.description)
            Console.out("Register: \(url.path)")
        }
    }
}
