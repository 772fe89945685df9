import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerReports

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
            let folder = URL(fileURLWithPath: planFolder, isDirectory: true)
            let (changes, previous) = try registerErrors {
                let register = try Register(url: url)
                let previous = try register.plans().last?.name
                return (try register.adopt(doc, by: try options.actor(in: register)), previous)
            }
            Console.out(changes.description)
            // Reports follow the trips: what desk officers did in the previously adopted plan's
            // folder (next to this one) comes along to the visits this plan keeps.
            if let previous, previous != folder.standardizedFileURL.lastPathComponent {
                let before = folder.standardizedFileURL.deletingLastPathComponent().appendingPathComponent(previous, isDirectory: true)
                if FileManager.default.fileExists(atPath: before.appendingPathComponent("plan.json").path) {
                    do {
                        Console.out(try ReportCarryOver.apply(from: before, to: folder, onWait: { Console.error($0) }).description)
                    } catch let error as ReportError {
                        throw CommandFailure(.failed, "the plan is adopted, but its reports could not be carried over: \(error)")
                    }
                } else {
                    Console.out(
                        "Reports: the previously adopted plan \(previous) is not in \(before.deletingLastPathComponent().path)/, so no report was carried over."
                    )
                }
            }
            Console.out("Register: \(url.path)")
        }
    }
}
