import Foundation

/// Loads a data folder, checks every file and every cross-reference, and reports every
/// problem at once.
///
/// The result is a `PlanningData` that later stages may trust: every code it mentions
/// exists, every range is ordered and inside the horizon, every needed fare is there.
public enum DataLoader {
    public static let policyFile = "policy.yaml"
    public static let operationsFile = "operations.csv"
    public static let managersFile = "managers.csv"
    public static let unavailabilityFile = "unavailability.csv"
    public static let windowsFile = "windows.csv"
    public static let faresFile = "fares.csv"
    public static let dsaFile = "dsa.csv"
    /// Optional: when the folder has it, every airport the data uses must be listed in it.
    public static let airportsFile = "airports.csv"

    /// The home airport of a manager whose `home_airport` cell is empty.
    static let defaultHome = "JFK"

    /// The word that stands for every manager or every operation.
    public static let all = "ALL"

    /// Loads and validates the data folder.
    ///
    /// - Parameter directory: the folder holding the seven data files (and optionally
    ///   `airports.csv`).
    /// - Returns: the validated data, with any warnings (things worth a look that do not
    ///   stop planning) in `warnings`.
    /// - Throws: `DataErrors` listing every problem found, each with file, line and column.
    public static func load(directory: URL) throws -> PlanningData {
        let log = IssueLog()
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDir), isDir.boolValue else {
            throw DataErrors([DataIssue(file: directory.path, "is not a folder; give the data folder with --data")])
        }
        let file = { (name: String) in directory.appendingPathComponent(name) }
        checkWorkbooks(in: directory, log: log)
        let policy = readPolicy(file(policyFile), log: log)
        let horizon = policy?.horizon
        var (operations, codes) = readOperations(file(operationsFile), horizon: horizon, log: log)
        let dsa = readDSA(file(dsaFile), log: log)
        let windows = readWindows(file(windowsFile), horizon: horizon, log: log)
        let unavailability = readUnavailability(file(unavailabilityFile), horizon: horizon, log: log)
        var (managers, ids, covered) = readManagers(file(managersFile), log: log)
        let fares = readFares(file(faresFile), log: log)
        let airports = readAirports(file(airportsFile), log: log)

        crossCheck(
            operations: &operations, codes: codes, dsa: dsa, managers: &managers, ids: ids,
            unavailability: unavailability, windows: windows, fares: fares, log: log)
        checkCoverage(operations, covered: covered, horizonKnown: horizon != nil, log: log)
        if let airports {
            checkAirports(airports, operations: operations, managers: managers, fares: fares, log: log)
        }

        guard log.isEmpty, let policy else {
            throw DataErrors(log.issues)
        }
        return PlanningData(
            policy: policy, operations: operations.map(\.value), managers: managers.map(\.value),
            windows: windows.map(\.window), fares: fares.table, source: directory.path, warnings: log.warnings,
            airportZones: airports?.zones ?? [:])
    }

    // MARK: - policy.yaml

    static func readPolicy(_ url: URL, log: IssueLog) -> Policy? {
        let file = url.lastPathComponent
        guard let data = DataFile.read(url, limit: DataFile.largestSettings, log: log) else { return nil }
        let before = log.count
        guard let doc = YAMLFields.document(data, file: file, log: log) else { return nil }
        doc.checkKeys(["horizon", "currency", "budget", "trips", "travel", "journeys", "office", "booking", "coverage", "value", "solver"])

        let horizonSection = doc.section("horizon", required: true)
        horizonSection?.checkKeys(["start", "end"])
        let start = horizonSection?.day("start", required: true)
        let end = horizonSection?.day("end", required: true)
        if let start, let end {
            if end < start {
                horizonSection?.issue("end", "\(end.iso) is before horizon.start (\(start.iso))", at: horizonSection?.child("end"))
            } else if start.distance(to: end) > 3 * 366 {
                horizonSection?.issue("end", "the horizon is longer than three years; plan one year at a time")
            }
        }
        let currency = doc.scalar("currency")?.0 ?? "USD"
        if currency.uppercased() != "USD" {
            doc.issue("currency", "only USD is supported, found \(shown(currency))", at: doc.child("currency"))
        }

        let budget = doc.section("budget", required: true)
        budget?.checkKeys(["envelope", "psc_rate"])
        let envelope = budget?.money("envelope", required: true)
        let psc = budget?.rate("psc_rate", required: true, max: 1_000_000)

        let trips = doc.section("trips")
        trips?.checkKeys(["max_stops"])
        let maxStops = trips?.int("max_stops", in: 1...6) ?? 3

        let travel = doc.section("travel")
        travel?.checkKeys(["class_policy", "business_min_leg_hours", "business_min_journey_hours", "terminal_expense"])
        let classPolicy =
            travel?.choice("class_policy", [("rule", ClassPolicy.rule), ("economy-only", .economyOnly), ("economy_only", .economyOnly)])
            ?? .rule
        let legHours = travel?.number("business_min_leg_hours", in: 0...48) ?? 9
        let journeyHours = travel?.number("business_min_journey_hours", in: 0...72) ?? 11
        var terminal = travel?.money("terminal_expense") ?? Money.zero
        if terminal > FieldReader.largestAmount {
            travel?.issue(
                "terminal_expense", "\(terminal) is more than \(FieldReader.largestAmount); check for a typo",
                at: travel?.child("terminal_expense"))
            terminal = .zero
        }

        let journeySection = doc.section("journeys")
        journeySection?.checkKeys(["depart_home_at", "depart_mission_at", "night_in_flight_dsa", "working_arrival_by"])
        let standard = JourneyRules.standard
        let journeys = JourneyRules(
            departHomeMinute: journeySection?.timeOfDay("depart_home_at") ?? standard.departHomeMinute,
            departMissionMinute: journeySection?.timeOfDay("depart_mission_at") ?? standard.departMissionMinute,
            nightInFlightShare: journeySection?.rate("night_in_flight_dsa", max: 1_000_000) ?? standard.nightInFlightShare,
            workingArrivalMinute: journeySection?.timeOfDay("working_arrival_by") ?? standard.workingArrivalMinute)

        let office = doc.section("office")
        office?.checkKeys(["max_away_at_once"])
        let maxAway = office?.int("max_away_at_once", in: 1...10_000)

        let bookingSection = doc.section("booking")
        bookingSection?.checkKeys(["as_of", "request_lead_days", "ticket_lead_days", "late_departures"])
        let standardBooking = BookingRules.standard
        let requestLead = bookingSection?.int("request_lead_days", in: 0...365) ?? standardBooking.requestLeadDays
        let ticketLead = bookingSection?.int("ticket_lead_days", in: 0...365) ?? standardBooking.ticketLeadDays
        if ticketLead > requestLead {
            bookingSection?.issue(
                "ticket_lead_days", "\(ticketLead) is more than request_lead_days (\(requestLead)): a ticket is bought after the request",
                at: bookingSection?.child("ticket_lead_days"))
        }
        let booking = BookingRules(
            asOf: bookingSection?.day("as_of"), requestLeadDays: requestLead, ticketLeadDays: ticketLead,
            late: bookingSection?.choice("late_departures", BookingRules.Late.allCases.map { ($0.rawValue, $0) }) ?? .exclude)

        let coverage = doc.choice("coverage", [("maximize", CoverageMode.maximize), ("required", .required)]) ?? .maximize

        let value = doc.section("value")
        value?.checkKeys(["preferred_window_bonus", "own_portfolio_bonus", "virtual_share"])
        let preferred = value?.rate("preferred_window_bonus", max: 10_000_000) ?? Rate(millionths: 200_000)
        let own = value?.rate("own_portfolio_bonus", max: 10_000_000) ?? Rate(millionths: 100_000)
        let virtual = value?.rate("virtual_share", max: 1_000_000) ?? Rate(millionths: 300_000)
        for (key, r) in [("preferred_window_bonus", preferred), ("own_portfolio_bonus", own), ("virtual_share", virtual)]
        where r.millionths % 100 != 0 {
            value?.issue(key, "use at most two decimals of a percent (e.g. 12.5%)", at: value?.child(key))
        }

        let solver = doc.section("solver")
        solver?.checkKeys(["time_limit_seconds"])
        let timeLimit = solver?.number("time_limit_seconds", in: 1...86_400) ?? 60

        guard log.count == before, let start, let end, let envelope, let psc else { return nil }
        return Policy(
            horizon: DayRange(start, end), currency: "USD",
            budget: BudgetSplit(envelope: envelope, pscRate: psc), maxStops: maxStops,
            classPolicy: classPolicy,
            businessMinLegTenths: Int((legHours * 10).rounded()),
            businessMinJourneyTenths: Int((journeyHours * 10).rounded()),
            terminalExpense: terminal, coverage: coverage,
            preferredWindowBonus: preferred, ownPortfolioBonus: own, virtualShare: virtual,
            timeLimitSeconds: timeLimit, journeys: journeys, maxAwayAtOnce: maxAway, booking: booking)
    }

    // MARK: - operations.csv

    struct Located<T> {
        let value: T
        let line: Int
    }

    static let operationColumns = [
        "code", "name", "type", "hq_city", "country", "airport", "region", "latitude",
        "longitude", "police_strength", "priority", "min_nights", "max_nights",
    ]
    static let operationOptional = [
        "max_visits", "active_from", "active_to", "mandate_renewal", "travel", "access_fare", "notes", "weekend",
        "min_working_days", "access_hours",
    ]

    /// Working days a stay needs when `min_working_days` is empty (fewer when max_nights is less).
    static let defaultMinWorkingDays = 2

    /// The operations whose rows are valid, and every code written in the file (even on a row
    /// with other problems), so a bad cell is not also reported as an unknown code elsewhere.
    static func readOperations(_ url: URL, horizon: DayRange?, log: IssueLog) -> ([Located<Operation>], codes: Set<String>) {
        guard let table = CSVTable.read(url, required: operationColumns, optional: operationOptional, log: log) else { return ([], []) }
        let codes = writtenCodes(table, column: "code")
        if table.records.isEmpty { log.add(file: table.file, "has no operations; add one row per operation") }
        var result: [Located<Operation>] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            let f = FieldReader(file: table.file, record: record, log: log)
            let code = f.code("code")
            let name = f.text("name")
            let type = f.choice("type", OperationType.allCases.map { ($0.rawValue, $0) })
            let hq = f.text("hq_city")
            let country = f.text("country")
            let airport = f.airport("airport")
            let region = f.text("region")
            let lat = f.decimal("latitude", in: -90...90)
            let lon = f.decimal("longitude", in: -180...180)
            let strength = f.int("police_strength", in: 0...1_000_000)
            let priority = f.int("priority", in: 1...100)
            let minNights = f.int("min_nights", in: 1...60)
            let maxNights = f.int("max_nights", in: 1...60)
            let maxVisits = f.int("max_visits", in: 0...12, default: 1)
            let from = f.day("active_from", required: false)
            let to = f.day("active_to", required: false)
            let renewal = f.choice(
                "mandate_renewal", Day.monthNames.enumerated().map { ($0.element, Optional($0.offset + 1)) }, default: Optional<Int>.none)
            let virtualOnly = f.choice("travel", [("in-person", false), ("virtual-only", true)], default: false)
            let access = f.money("access_fare", default: .zero)
            let notes = record["notes"]
            let weekend = f.weekend("weekend", default: .saturdaySunday)
            // An empty cell: 2 working days, or every night of the longest stay when fewer.
            let minWorking = f.int("min_working_days", in: 0...60, default: min(defaultMinWorkingDays, maxNights ?? 0))
            let accessTenths = record["access_hours"].isEmpty ? 0 : f.tenths("access_hours")
            if let minNights, let maxNights, maxNights < minNights {
                log.add(file: table.file, line: record.line, field: "max_nights", "is \(maxNights), less than min_nights (\(minNights))")
            }
            // Working days are days whose night is spent there, so a stay of n nights has at most n.
            if let maxNights, let minWorking, minWorking > maxNights {
                log.add(
                    file: table.file, line: record.line, field: "min_working_days",
                    "is \(minWorking), more than max_nights (\(maxNights)); no stay could have that many working days")
            }
            var fileNameProblem = false
            if let code {
                if let first = seen[code] {
                    log.add(
                        file: table.file, line: record.line, field: "code", "\(code) is already used on line \(first); codes must be unique"
                    )
                } else {
                    seen[code] = record.line
                }
                if code.uppercased() == all {
                    log.add(file: table.file, line: record.line, field: "code", "ALL is reserved (it means every operation in windows.csv)")
                } else if let problem = FileNameRules.problem(with: code) {
                    // Codes name itinerary, calendar and report files.
                    log.add(file: table.file, line: record.line, field: "code", "\(problem); choose another code")
                    fileNameProblem = true
                }
            }
            let active = activeRange(from: from, to: to, horizon: horizon, code: code, file: table.file, line: record.line, log: log)
            guard let code, let name, let type, let hq, let country, let airport, let region, let lat, let lon,
                let strength, let priority, let minNights, let maxNights, let maxVisits, let renewal,
                let virtualOnly, let access, maxNights >= minNights, code.uppercased() != all, !fileNameProblem,
                let weekend, let minWorking, let accessTenths, minWorking <= maxNights
            else { continue }
            let op = Operation(
                code: code, name: name, type: type, hqCity: hq, country: country, airport: airport,
                region: region, latitude: lat, longitude: lon, policeStrength: strength,
                priority: priority, minNights: minNights, maxNights: maxNights, maxVisits: maxVisits,
                active: active ?? DayRange(Day(number: 1), Day(number: 0)), mandateRenewal: renewal,
                virtualOnly: virtualOnly, accessFare: access, dsaRate: .zero, dsaSource: "", notes: notes,
                weekend: weekend, minWorkingDays: minWorking, accessMinutes: accessTenths * 6)
            result.append(Located(value: op, line: record.line))
        }
        return (result, codes)
    }

    /// The days an operation can be visited in the horizon, from the dates written.
    ///
    /// Only dates actually written are compared or quoted: an empty `active_from` means "from
    /// the start of the horizon", never a date to cite. An operation closed before the horizon
    /// (or opening after it) is not an error, just inactive this year: a warning says so.
    static func activeRange(from: Day?, to: Day?, horizon: DayRange?, code: String?, file: String, line: Int, log: IssueLog)
        -> DayRange?
    {
        if let from, let to, to < from {
            log.add(file: file, line: line, field: "active_to", "\(to.iso) is before active_from (\(from.iso))")
            return nil
        }
        guard let horizon else { return nil }
        let active = DayRange(max(from ?? horizon.first, horizon.first), min(to ?? horizon.last, horizon.last))
        if active.count == 0 {
            let name = code ?? "the operation"
            if let to, to < horizon.first {
                log.warn(
                    file: file, line: line, field: "active_to",
                    "\(to.iso) is before the planning horizon starts (\(horizon.first.iso)): \(name) is not planned")
            } else if let from, from > horizon.last {
                log.warn(
                    file: file, line: line, field: "active_from",
                    "\(from.iso) is after the planning horizon ends (\(horizon.last.iso)): \(name) is not planned")
            }
        }
        return active
    }

    /// The valid codes written in a column, on good rows and on rows refused for their shape.
    static func writtenCodes(_ table: CSVTable, column: String) -> Set<String> {
        Set((table.records + table.rejected).map { $0[column] }.filter { isCode($0) && $0.uppercased() != all })
    }

    // MARK: - dsa.csv

    /// The rates by operation code; nil when the file could not be read at all (already
    /// reported), so that no operation is then reported without a rate one by one.
    static func readDSA(_ url: URL, log: IssueLog) -> [String: Located<(Money, String)>]? {
        guard let table = CSVTable.read(url, required: ["operation", "rate"], optional: ["source"], log: log) else { return nil }
        var rates: [String: Located<(Money, String)>] = [:]
        for record in table.records {
            let f = FieldReader(file: table.file, record: record, log: log)
            guard let code = f.code("operation") else { continue }
            let rate = f.money("rate", positive: true)
            if let first = rates[code] {
                log.add(file: table.file, line: record.line, field: "operation", "\(code) already has a rate on line \(first.line)")
                continue
            }
            // A bad rate is already reported; keeping the row (at zero, never used as loading
            // fails) avoids a second, wrong report that the operation has no rate.
            rates[code] = Located(value: (rate ?? .zero, record["source"]), line: record.line)
        }
        return rates
    }

    // MARK: - windows.csv

    static func readWindows(_ url: URL, horizon: DayRange?, log: IssueLog) -> [(window: TimeWindow, line: Int)] {
        guard let table = CSVTable.read(url, required: ["operation", "kind", "start", "end"], optional: ["reason"], log: log) else {
            return []
        }
        var result: [(TimeWindow, Int)] = []
        for record in table.records {
            let f = FieldReader(file: table.file, record: record, log: log)
            let code = f.code("operation")
            let kind = f.choice("kind", [("blackout", WindowKind.blackout), ("preferred", .preferred)])
            guard let range = readRange(f, horizon: horizon), let code, let kind else { continue }
            result.append(
                (
                    TimeWindow(
                        operation: code.uppercased() == all ? nil : code, kind: kind, range: range,
                        reason: record["reason"]), record.line
                ))
        }
        return result
    }

    /// start/end of a record: both dates, end not before start, both inside the horizon.
    static func readRange(_ f: FieldReader, horizon: DayRange?) -> DayRange? {
        let start = f.day("start")
        let end = f.day("end")
        guard let start, let end else { return nil }
        if end < start {
            f.log.add(file: f.file, line: f.record.line, field: "end", "\(end.iso) is before start (\(start.iso))")
            return nil
        }
        if let horizon, !horizon.overlaps(DayRange(start, end)) {
            f.log.add(
                file: f.file, line: f.record.line, field: "start",
                "\(start.iso) – \(end.iso) lies outside the planning horizon \(horizon.first.iso) – \(horizon.last.iso)")
            return nil
        }
        return DayRange(start, end)
    }

    // MARK: - unavailability.csv

    static func readUnavailability(_ url: URL, horizon: DayRange?, log: IssueLog) -> [(manager: String?, period: Period, line: Int)] {
        guard let table = CSVTable.read(url, required: ["manager", "start", "end"], optional: ["reason"], log: log) else { return [] }
        var result: [(String?, Period, Int)] = []
        for record in table.records {
            let f = FieldReader(file: table.file, record: record, log: log)
            let id = f.code("manager")
            guard let range = readRange(f, horizon: horizon), let id else { continue }
            result.append((id.uppercased() == all ? nil : id, Period(range: range, reason: record["reason"]), record.line))
        }
        return result
    }

    // MARK: - managers.csv

    /// The managers whose rows are valid, every id written in the file, and every operation
    /// code written in a portfolio or backup list (nil when the file could not be read).
    static func readManagers(_ url: URL, log: IssueLog) -> ([Located<Manager>], ids: Set<String>, covered: Set<String>?) {
        guard
            let table = CSVTable.read(
                url, required: ["id", "name", "portfolio", "max_travel_days", "min_rest_days"],
                optional: ["backup", "home_airport"], log: log)
        else { return ([], [], nil) }
        let ids = writtenCodes(table, column: "id")
        let covered = Set(
            (table.records + table.rejected).flatMap { record in
                (record["portfolio"] + ";" + record["backup"]).split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            })
        if table.records.isEmpty { log.add(file: table.file, "has no managers; add one row per mission manager") }
        var result: [Located<Manager>] = []
        var seen: [String: Int] = [:]
        for record in table.records {
            let f = FieldReader(file: table.file, record: record, log: log)
            let id = f.code("id")
            let name = f.text("name")
            let portfolio = f.codeList("portfolio", required: true)
            let backup = f.codeList("backup", required: false)
            let home = f.airport("home_airport", default: defaultHome)
            let maxDays = f.int("max_travel_days", in: 0...366)
            let rest = f.int("min_rest_days", in: 0...365)
            if let id {
                if let first = seen[id] {
                    log.add(file: table.file, line: record.line, field: "id", "\(id) is already used on line \(first); ids must be unique")
                } else {
                    seen[id] = record.line
                }
                if id.uppercased() == all {
                    log.add(
                        file: table.file, line: record.line, field: "id", "ALL is reserved (it means every manager in unavailability.csv)")
                } else if let problem = FileNameRules.problem(with: id) {
                    // Ids name itinerary and calendar files.
                    log.add(file: table.file, line: record.line, field: "id", "\(problem); choose another id")
                }
            }
            if let portfolio, let backup {
                for code in backup where portfolio.contains(code) {
                    log.add(file: table.file, line: record.line, field: "backup", "\(code) is already in this manager's portfolio")
                }
            }
            guard let id, let name, let portfolio, let backup, let home, let maxDays, let rest, id.uppercased() != all,
                FileNameRules.problem(with: id) == nil
            else { continue }
            result.append(
                Located(
                    value: Manager(
                        id: id, name: name, portfolio: portfolio, backup: backup, homeAirport: home,
                        maxTravelDays: maxDays, minRestDays: rest, unavailable: []),
                    line: record.line))
        }
        return (result, ids, covered)
    }

    // MARK: - fares.csv

    struct FareTable {
        var table: [AirportPair: Fare] = [:]
        var lines: [AirportPair: Int] = [:]
        /// Every pair with a row, even a row with problems (already reported).
        var written: Set<AirportPair> = []
        /// False when fares.csv could not be read at all (already reported): no fare is then
        /// reported missing one by one.
        var readable = false
    }

    static func readFares(_ url: URL, log: IssueLog) -> FareTable {
        var fares = FareTable()
        guard
            let table = CSVTable.read(
                url, required: ["from", "to", "economy", "business", "hours"],
                optional: ["connections"], log: log)
        else { return fares }
        fares.readable = true
        for record in table.records {
            let f = FieldReader(file: table.file, record: record, log: log)
            let from = f.airport("from")
            let to = f.airport("to")
            let economy = f.money("economy", positive: true)
            let business = f.money("business", positive: true)
            let hours = f.tenths("hours")
            let connections = f.int("connections", in: 0...5, default: 0)
            if let from, let to { fares.written.insert(AirportPair(from, to)) }
            guard let from, let to, let economy, let business, let hours, let connections else { continue }
            if from == to {
                log.add(file: table.file, line: record.line, field: "to", "is the same airport as from (\(from))")
                continue
            }
            if business < economy {
                log.add(
                    file: table.file, line: record.line, field: "business",
                    "\(business) is less than the economy fare \(economy)")
                continue
            }
            let key = AirportPair(from, to)
            if let first = fares.lines[key] {
                log.add(
                    file: table.file, line: record.line, field: "from",
                    "\(from)–\(to) already has a fare on line \(first) (a row serves both directions)")
                continue
            }
            fares.table[key] = Fare(
                from: from, to: to, economy: economy, business: business,
                tenthsOfHours: hours, connections: connections)
            fares.lines[key] = record.line
        }
        return fares
    }

    // MARK: - Cross-references

    /// - Parameters:
    ///   - codes: every operation code written in operations.csv, valid row or not.
    ///   - ids: every manager id written in managers.csv, valid row or not.
    static func crossCheck(
        operations: inout [Located<Operation>], codes: Set<String>,
        dsa: [String: Located<(Money, String)>]?,
        managers: inout [Located<Manager>], ids: Set<String>,
        unavailability: [(manager: String?, period: Period, line: Int)],
        windows: [(window: TimeWindow, line: Int)], fares: FareTable, log: IssueLog
    ) {
        let opsLoaded = !codes.isEmpty
        // DSA: one per operation, none for unknown codes.
        for i in operations.indices {
            let code = operations[i].value.code
            if let rate = dsa?[code] {
                operations[i] = Located(
                    value: with(operations[i].value) {
                        $0.dsaRate = rate.value.0; $0.dsaSource = rate.value.1
                    },
                    line: operations[i].line)
            } else if dsa != nil {
                log.add(
                    file: dsaFile, field: "operation", "no DSA rate for \(code) (\(operationsFile) line \(operations[i].line)); add a row")
            }
        }
        if opsLoaded {
            for (code, rate) in (dsa ?? [:]).sorted(by: { $0.value.line < $1.value.line }) where !codes.contains(code) {
                log.add(file: dsaFile, line: rate.line, field: "operation", "unknown operation \(code); it is not in \(operationsFile)")
            }
            for (window, line) in windows {
                if let code = window.operation, !codes.contains(code) {
                    log.add(file: windowsFile, line: line, field: "operation", unknownOperation(code, codes))
                }
            }
        }
        // Managers: portfolio and backup codes exist; unavailability ids exist.
        for m in managers where opsLoaded {
            for code in m.value.portfolio where !codes.contains(code) {
                log.add(file: managersFile, line: m.line, field: "portfolio", unknownOperation(code, codes))
            }
            for code in m.value.backup where !codes.contains(code) {
                log.add(file: managersFile, line: m.line, field: "backup", unknownOperation(code, codes))
            }
        }
        for entry in unavailability {
            if let id = entry.manager, !ids.contains(id), !ids.isEmpty {
                let hint = Suggestion.hint(for: id, in: ids.sorted())
                log.add(
                    file: unavailabilityFile, line: entry.line, field: "manager",
                    "unknown manager \(id)\(hint); use an id from \(managersFile) or ALL")
            }
        }
        for i in managers.indices {
            let id = managers[i].value.id
            let periods = unavailability.filter { $0.manager == nil || $0.manager == id }.map(\.period)
            managers[i] = Located(value: with(managers[i].value) { $0.unavailable = periods }, line: managers[i].line)
        }
        // Fares the planner needs: each manager's home to every airport they may visit.
        let opByCode = Dictionary(operations.map { ($0.value.code, $0.value) }, uniquingKeysWith: { a, _ in a })
        var reported = Set<AirportPair>()
        for m in managers where fares.readable {
            for code in m.value.eligible {
                guard let op = opByCode[code], !op.virtualOnly, op.airport != m.value.homeAirport else { continue }
                let key = AirportPair(m.value.homeAirport, op.airport)
                if !fares.written.contains(key) && reported.insert(key).inserted {
                    log.add(
                        file: faresFile, field: "from",
                        "no fare between \(m.value.homeAirport) and \(op.airport) (needed for \(code), \(managersFile) line \(m.line)); add a row from,to = \(m.value.homeAirport),\(op.airport)"
                    )
                }
            }
        }
    }

    static func unknownOperation(_ code: String, _ codes: Set<String>) -> String {
        let hint = Suggestion.hint(for: code, in: codes.sorted())
        return "unknown operation \(code)\(hint); it is not in \(operationsFile)"
    }
}

/// A copy of `value` changed by `change`.
func with<T>(_ value: T, _ change: (inout T) -> Void) -> T {
    var copy = value
    change(&copy)
    return copy
}
