import Foundation

/// Checks of the data folder as a whole: workbooks saved beside the tables, operations no
/// manager covers, and airports missing from `airports.csv`.
extension DataLoader {
    // MARK: - Workbooks beside the tables

    /// The tables a planner edits in a spreadsheet.
    static let tableFiles = [operationsFile, managersFile, unavailabilityFile, windowsFile, faresFile, dsaFile, airportsFile]

    /// Spreadsheet formats a table may have been saved in instead of CSV.
    static let workbookExtensions: Set<String> = ["xlsx", "xlsm", "xlsb", "xls", "ods", "numbers"]

    /// Refuses a folder where a workbook beside a table is newer than the table.
    ///
    /// A planner who opens `operations.csv`, edits it and presses Save in Excel often gets
    /// `operations.xlsx`: the edits are in the workbook while the planner keeps reading the old
    /// CSV. A newer workbook therefore stops loading, naming both files; an older one (the
    /// usual leftover after "Save As CSV") only earns a warning. Lock files (`~$…`) are ignored.
    static func checkWorkbooks(in directory: URL, log: IssueLog) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) else { return }
        for name in names.sorted() {
            let ext = (name as NSString).pathExtension.lowercased()
            guard workbookExtensions.contains(ext) else { continue }
            let base = (name as NSString).deletingPathExtension.lowercased()
            guard let table = tableFiles.first(where: { ($0 as NSString).deletingPathExtension == base }) else { continue }
            let csv = directory.appendingPathComponent(table)
            guard let csvDate = modified(csv) else { continue }  // missing: the read says so, naming the workbook
            let workbookDate = modified(directory.appendingPathComponent(name)) ?? .distantPast
            if workbookDate > csvDate {
                log.add(
                    file: table,
                    "\(name) in the same folder was saved after \(table), but only \(table) is read, so the latest edits "
                        + "may be missing; save the workbook as \"CSV UTF-8\" over \(table), or move the workbook out of the folder")
            } else {
                log.warn(file: table, "\(name) in the same folder is older than \(table); \(table) is read and the workbook is ignored")
            }
        }
    }

    private static func modified(_ url: URL) -> Date? {
        (try? FileManager.default.attributesOfItem(atPath: url.path))?[.modificationDate] as? Date
    }

    // MARK: - Coverage

    /// Refuses an operation active in the horizon that is in no portfolio and no backup list:
    /// no one could visit or assess it, and the plan would leave it out without a word.
    ///
    /// - Parameters:
    ///   - covered: every code written in managers.csv's lists, nil when it could not be read.
    ///   - horizonKnown: false when policy.yaml failed, so activity is unknown: all are checked.
    static func checkCoverage(_ operations: [Located<Operation>], covered: Set<String>?, horizonKnown: Bool, log: IssueLog) {
        guard let covered else { return }
        for op in operations where !covered.contains(op.value.code) && (!horizonKnown || op.value.active.count > 0) {
            log.add(
                file: operationsFile, line: op.line, field: "code",
                "\(op.value.code) is in no manager's portfolio or backup, so it would get neither a visit nor a virtual "
                    + "assessment; add it to a portfolio or backup in \(managersFile)")
        }
    }

    // MARK: - airports.csv

    /// What airports.csv says: each code with its line, and each IANA time zone given.
    struct AirportTable {
        var lines: [String: Int] = [:]
        var zones: [String: String] = [:]
        subscript(code: String) -> Int? { lines[code] }
        var keys: Dictionary<String, Int>.Keys { lines.keys }
    }

    /// The airport codes written in airports.csv (each with its line) and their time zones, or
    /// nil when the folder has no such file or it cannot be read. A `tz` cell must name a zone
    /// of the tz database (/usr/share/zoneinfo, as Foundation's TimeZone reads it); an empty
    /// one leaves the airport on UTC, with a warning.
    static func readAirports(_ url: URL, log: IssueLog) -> AirportTable? {
        guard FileManager.default.fileExists(atPath: url.path) else { return nil }
        guard
            let table = CSVTable.read(
                url, required: ["iata"], optional: ["name", "city", "country", "latitude", "longitude", "tz"], log: log)
        else { return nil }
        var airports = AirportTable()
        var lines: [String: Int] = [:]
        for record in table.rejected {
            let code = record["iata"].uppercased()
            if lines[code] == nil { lines[code] = record.line }
        }
        for record in table.records {
            let f = FieldReader(file: table.file, record: record, log: log)
            let code = f.airport("iata")
            if !record["latitude"].isEmpty { _ = f.decimal("latitude", in: -90...90) }
            if !record["longitude"].isEmpty { _ = f.decimal("longitude", in: -180...180) }
            let zone = record["tz"]
            var zoneOK = true
            if table.columns.contains("tz") && !record.refused.contains("tz") {
                if zone.isEmpty {
                    log.warn(
                        file: table.file, line: record.line, field: "tz",
                        "is empty, so \(record["iata"]) is taken to be on UTC; journey days may be off")
                } else if !isTimeZone(zone) {
                    log.add(
                        file: table.file, line: record.line, field: "tz",
                        "\(shown(zone)) is not a time zone of the tz database; use an IANA name such as Africa/Juba or America/New_York")
                    zoneOK = false
                }
            }
            guard let code else { continue }
            if let first = lines[code] {
                log.add(file: table.file, line: record.line, field: "iata", "\(code) is already listed on line \(first)")
            } else {
                lines[code] = record.line
                if !zone.isEmpty && zoneOK { airports.zones[code] = zone }
            }
        }
        airports.lines = lines
        return airports
    }

    /// Whether `name` is a zone of the tz database (an IANA name such as `Africa/Juba`, or
    /// `UTC`); abbreviations such as `EST`, which Foundation also accepts, are refused because
    /// their meaning is ambiguous.
    static func isTimeZone(_ name: String) -> Bool {
        guard name == "UTC" || name.contains("/"), let zone = TimeZone(identifier: name) else { return false }
        return zone.identifier == name
    }

    /// Every airport the data uses — operations', managers' homes, both ends of every fare —
    /// must be listed in airports.csv, where the fare script takes its coordinates.
    static func checkAirports(
        _ airports: AirportTable, operations: [Located<Operation>], managers: [Located<Manager>], fares: FareTable, log: IssueLog
    ) {
        let known = airports.keys.sorted()
        func missing(_ code: String) -> String {
            "\(code) is not in \(airportsFile)\(Suggestion.hint(for: code, in: known)); add a row for it there"
        }
        for op in operations where airports[op.value.airport] == nil {
            log.add(file: operationsFile, line: op.line, field: "airport", missing(op.value.airport))
        }
        for m in managers where airports[m.value.homeAirport] == nil {
            let note = m.value.homeAirport == defaultHome ? " (an empty home_airport means \(defaultHome))" : ""
            log.add(file: managersFile, line: m.line, field: "home_airport", missing(m.value.homeAirport) + note)
        }
        for (pair, line) in fares.lines.sorted(by: { $0.value < $1.value }) {
            guard let fare = fares.table[pair] else { continue }
            for (column, code) in [("from", fare.from), ("to", fare.to)] where airports[code] == nil {
                log.add(file: faresFile, line: line, field: column, missing(code))
            }
        }
    }
}
