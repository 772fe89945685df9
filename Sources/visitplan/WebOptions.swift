import ArgumentParser
import Foundation
import VisitPlannerCore
import VisitPlannerRegister

/// The options `serve` and `users` share: the data folder and the register the web
/// application works on.
///
/// The register is `--register PATH`, else `Reports/register-<--year>.sqlite`, else the only
/// `Reports/register-*.sqlite` there is, else `Reports/register-<year>.sqlite` for the data's
/// planning year (created: accounts may be added before any plan is adopted).
struct WebOptions: ParsableArguments {
    @Option(help: "Folder with policy.yaml and the CSV data files.")
    var data: String = "Data"

    @Option(help: "The register file (default: Reports/register-<year>.sqlite).")
    var register: String?

    @Option(help: "The planning year, to find Reports/register-<year>.sqlite.")
    var year: Int?

    var dataURL: URL { URL(fileURLWithPath: data, isDirectory: true) }

    /// The register's file, found or chosen as described above.
    func registerURL() throws -> URL {
        var options = RegisterOptions()
        options.register = register
        options.year = year
        if register != nil || year != nil { return try options.url() }
        if let found = try? options.url() { return found }
        do {
            let planning = try DataLoader.load(directory: dataURL)
            return Register.defaultURL(year: planning.policy.horizon.first.year)
        } catch {
            throw CommandFailure(
                .badData,
                "no register in Reports/ and the data in \(data)/ cannot be read to find the year; give --register PATH or --year YEAR")
        }
    }

    /// Opens (creating if needed) the register.
    func open() throws -> Register {
        let url = try registerURL()
        return try registerErrors { try Register(url: url) }
    }
}
