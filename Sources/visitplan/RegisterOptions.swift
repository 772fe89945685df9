import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister

/// The options every register command shares: which register, and who is acting.
///
/// The register is `--register PATH`, else `Reports/register-<--year>.sqlite`, else the only
/// `Reports/register-*.sqlite` there is. Only `adopt` creates one; the other commands refuse a
/// path that does not exist, so a typo never starts an empty register.
struct RegisterOptions: ParsableArguments {
    @Option(help: "The register file (default: Reports/register-<year>.sqlite).")
    var register: String?

    @Option(help: "The planning year, to find Reports/register-<year>.sqlite.")
    var year: Int?

    @Option(help: "Who makes the change, for the history: a manager id or name, or a person's name (default: the user name).")
    var by: String?

    /// The register file for a command, given the year of a plan being adopted if any.
    func url(planYear: Int? = nil) throws -> URL {
        if let register { return URL(fileURLWithPath: register) }
        if let year = year ?? planYear { return Register.defaultURL(year: year) }
        let reports = URL(fileURLWithPath: "Reports", isDirectory: true)
        let found = ((try? FileManager.default.contentsOfDirectory(atPath: reports.path)) ?? [])
            .filter { $0.hasPrefix("register-") && $0.hasSuffix(".sqlite") }.sorted()
        switch found.count {
        case 0:
            throw CommandFailure(.badData, "no register in Reports/; run `visitplan adopt <plan folder>` first, or give --register PATH")
        case 1: return reports.appendingPathComponent(found[0])
        default:
            throw CommandFailure(
                .badData, "several registers in Reports/ (\(found.joined(separator: ", "))); choose one with --year or --register")
        }
    }

    /// Opens an existing register.
    func open() throws -> Register {
        let url = try url()
        guard FileManager.default.fileExists(atPath: url.path) else {
            throw CommandFailure(
                .badData, "no register at \(url.path); run `visitplan adopt <plan folder>` first, or check --register/--year")
        }
        return try registerErrors { try Register(url: url) }
    }

    /// Who is acting, matched to a manager of the register when it is one.
    func actor(in register: Register) throws -> RegisterActor {
        try registerErrors { try register.actor(named: by ?? Register.userName) }
    }
}

/// Runs a register operation, turning its errors into the command line's messages and exit
/// codes: a refused change is bad input (1), a database or file failure is 2.
func registerErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as RegisterError {
        throw CommandFailure(.badData, error.description)
    } catch {
        if let message = RegisterError.databaseMessage(error) { throw CommandFailure(.failed, "register: \(message)") }
        throw error
    }
}

/// Parses a `YYYY-MM-DD` option.
func dayOption(_ text: String?, _ option: String) throws -> Day? {
    guard let text else { return nil }
    guard let day = Day(iso: text) else { throw ValidationError("\(option): expected a date as YYYY-MM-DD, found \"\(text)\"") }
    return day
}

/// Parses an amount option (`1234.56`, `1,234.56`); never negative.
func moneyOption(_ text: String?, _ option: String) throws -> Money? {
    guard let text else { return nil }
    guard let amount = Money(parsing: text) else {
        throw ValidationError("\(option): \"\(text)\" is not an amount in US dollars such as 1234.56")
    }
    return amount
}
