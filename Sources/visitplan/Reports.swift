import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister
import VisitPlannerRender
import VisitPlannerReports
import VisitPlannerWriters

extension VisitPlan {
    struct Reports: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Assessment-report templates for every planned visit, and a check of the filled reports.",
            discussion: """
                `plan` writes the templates too. Reports live in <plan folder>/reports/ as Markdown and Word \
                files; fill either one. An edited report is never overwritten.
                """,
            subcommands: [Init.self, Status.self]
        )
    }
}

extension VisitPlan.Reports {
    /// The plan folder argument both subcommands take.
    struct PlanFolder: ParsableArguments {
        @Argument(help: "The folder `visitplan plan` wrote (it holds plan.json).")
        var planFolder: String

        var url: URL { URL(fileURLWithPath: planFolder, isDirectory: true) }
    }

    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a report template (.md and .docx) for every visit that has none; refresh unedited ones.")

        @OptionGroup var folder: PlanFolder

        @Option(help: "A register: each template follows up the operation's open recommendations there.")
        var register: String?

        func run() throws {
            var followUp: ((String, Day) -> PreviousReport?)?
            if let register {
                let url = URL(fileURLWithPath: register)
                guard FileManager.default.fileExists(atPath: url.path) else {
                    throw CommandFailure(.badData, "no register at \(url.path); check --register")
                }
                let opened = try registerErrors { try Register(url: url) }
                let pending = try registerErrors { try opened.recommendations() }.filter { $0.status.isPending }
                let name = url.lastPathComponent
                followUp = { operation, day in
                    let recs = pending.filter { $0.operation == operation && ($0.reportDate.map { $0 < day } ?? true) }
                    guard !recs.isEmpty else { return nil }
                    return PreviousReport(
                        fileName: name, date: nil,
                        recommendations: recs.map {
                            Recommendation(
                                text: "\($0.text) (\($0.id))", addressedTo: $0.addressedTo, deadline: $0.deadline?.iso ?? "",
                                priority: $0.priority, area: $0.area)
                        }, fromRegister: true)
                }
            }
            do {
                let summary = try ReportTemplates.initialize(
                    planFolder: folder.url, onWait: { Console.error($0) }, followUp: followUp)
                for warning in summary.warnings { Console.error("warning: \(warning)") }
                Console.out(summary.description)
                if !summary.orphaned.isEmpty {
                    Console.out("Orphaned (kept): " + summary.orphaned.joined(separator: ", "))
                }
            } catch let error as ReportError {
                Console.error(error.description)
                throw ExitCode(1)
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "How far each report is; writes recommendations.csv and recommendations.md.")

        @OptionGroup var folder: PlanFolder

        @Flag(help: "Exit with status 1 unless every report is complete.")
        var strict = false

        @Option(help: "A register: also show where each trip's report stands in clearance.")
        var register: String?

        func run() throws {
            let result: ReportStatusResult
            do {
                result = try ReportStatus.run(planFolder: folder.url)
            } catch let error as ReportError {
                Console.error(error.description)
                throw ExitCode(1)
            }
            if result.reports.isEmpty {
                Console.out(
                    "No reports in \(folder.url.appendingPathComponent("reports").path): run `visitplan reports init \(folder.planFolder)` first."
                )
            } else {
                Console.out(result.rendered())
            }
            if let register { try showClearance(register) }
            if strict && !result.allComplete {
                Console.error("Not every report is complete (--strict).")
                throw ExitCode(1)
            }
        }
    }
}

extension VisitPlan.Reports.Status {
    /// Where each trip's report stands in the register's clearance, trip by trip.
    func showClearance(_ path: String) throws {
        let url = URL(fileURLWithPath: path)
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CommandFailure(.badData, "no register at \(url.path); check --register")
        }
        let register = try registerErrors { try Register(url: url) }
        let clearances = try registerErrors { try register.clearances() }
        let trips = try registerErrors { try register.trips() }
        var lines = ["Clearance of reports (\(url.lastPathComponent)):"]
        for trip in trips where trip.status.hasTravelled || clearances[trip.id] != nil {
            lines.append("  \(trip.id): " + (clearances[trip.id]?.summary ?? "not submitted; next: submit"))
        }
        if lines.count == 1 { lines.append("  no trip has travelled yet") }
        Console.out(lines.joined(separator: "\n"))
    }
}
