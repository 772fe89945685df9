import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister

extension VisitPlan {
    struct RegisterCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract: "Look after the register: a consistent backup, the shared policy settings.",
            subcommands: [Backup.self, Settings.self])
    }
}

extension VisitPlan.RegisterCommand {
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Copy the register consistently, even while others use it (never overwrites a file).")

        @Argument(help: "The new file.")
        var file: String

        @OptionGroup var options: RegisterOptions

        func run() throws {
            let register = try options.open()
            try registerErrors { try register.backup(to: URL(fileURLWithPath: file)) }
            Console.out("Backed up \(register.url.path) to \(file).")
        }
    }

    struct Settings: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show or change the register's policy settings (shared by everyone who uses it; changes go to the history).")

        @OptionGroup var options: RegisterOptions

        @Option(help: "Days before departure from which a request needs a justification (indicative policy: 21).")
        var requestLeadDays: Int?

        @Option(help: "Share by which actual cost may exceed the approved estimate before re-approval, e.g. 10%.")
        var reapprovalThreshold: String?

        func run() throws {
            let register = try options.open()
            var settings = try registerErrors { try register.settings() }
            if requestLeadDays != nil || reapprovalThreshold != nil {
                if let n = requestLeadDays { settings.requestLeadDays = n }
                if let text = reapprovalThreshold {
                    guard let rate = Rate(parsing: text) else {
                        throw ValidationError("--reapproval-threshold: expected a share such as 10% or 0.1, found \"\(text)\"")
                    }
                    settings.reapprovalThreshold = rate
                }
                settings = try registerErrors { try register.change(settings: settings, by: try options.actor(in: register)) }
            }
            Console.out("request-lead-days: \(settings.requestLeadDays)\nreapproval-threshold: \(settings.reapprovalThreshold)")
        }
    }
}
