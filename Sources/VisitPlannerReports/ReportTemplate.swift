import Foundation
import VisitPlannerCore
import VisitPlannerWriters

/// One visit that gets a report: an in-person stop of a trip, or a virtual assessment.
public struct ReportVisit: Equatable, Sendable {
    public enum Mode: String, Codable, Sendable {
        case inPerson = "in person"
        case virtual
    }

    /// The file name without extension, and the visit's key in the ledger, the register and
    /// the web pages: `<operation>-<year>-<manager>` for an in-person visit (`-2`, `-3`, … for
    /// the same manager's second or third visit to the operation that year, numbered by
    /// arrival) and `<operation>-<year>-virtual` for a virtual assessment. It names no date
    /// and no position in the plan, so a trip that moves, or gains or loses another stop,
    /// keeps its reports: an edited report stays where its desk officer left it.
    public var key: String
    public var operation: String
    /// The arrival day; for a virtual assessment, the first day of the plan's horizon (see `all(in:)`).
    public var date: Day
    public var leave: Day?
    public var nights: Int?
    public var mode: Mode
    public var manager: String
    public var trip: PlanDocument.Trip?

    /// Every visit of a plan, in date order, each with a distinct key (see `key`).
    ///
    /// A virtual assessment has no date in the plan: it can happen any time in the year. Its
    /// report is dated on the first day of the horizon, and its key names the planning year
    /// (the year the horizon starts, as in trip ids), so the file name stays the same however
    /// often the plan is re-run for that year.
    public static func all(in plan: PlanDocument) -> [ReportVisit] {
        var visits: [ReportVisit] = []
        for trip in plan.trips {
            for stop in trip.stops {
                visits.append(
                    ReportVisit(
                        key: "", operation: stop.operation, date: stop.arrive, leave: stop.leave, nights: stop.nights,
                        mode: .inPerson, manager: trip.manager, trip: trip))
            }
        }
        for v in plan.virtual {
            visits.append(
                ReportVisit(
                    key: "", operation: v.operation, date: plan.horizon.start, leave: nil, nights: nil,
                    mode: .virtual, manager: v.manager, trip: nil))
        }
        visits.sort {
            ($0.date, $0.operation, $0.mode.rawValue, $0.manager, $0.trip?.id ?? "")
                < ($1.date, $1.operation, $1.mode.rawValue, $1.manager, $1.trip?.id ?? "")
        }
        let year = plan.horizon.start.year
        var used: Set<String> = []
        for i in visits.indices {
            let who = visits[i].mode == .virtual ? "virtual" : visits[i].manager
            let base = safeFileName("\(visits[i].operation)-\(year)-\(who)")
            var key = base
            var n = 2
            while used.contains(key) { key = "\(base)-\(n)"; n += 1 }
            used.insert(key)
            visits[i].key = key
        }
        return visits
    }
}

/// The recommendations of an earlier report on the same operation, for the follow-up section.
public struct PreviousReport: Equatable, Sendable {
    public var fileName: String
    public var date: Day?
    public var recommendations: [Recommendation]
    /// The recommendations are the register's open ones (from any earlier report), not one
    /// report's; `fileName` then names the register.
    public var fromRegister: Bool

    public init(fileName: String, date: Day?, recommendations: [Recommendation], fromRegister: Bool = false) {
        self.fileName = fileName
        self.date = date
        self.recommendations = recommendations
        self.fromRegister = fromRegister
    }
}

/// The content of an assessment report template, as blocks both writers render.
public enum ReportTemplate {
    // MARK: - Section names (the status check finds sections by these)

    public static let visitSection = "Visit"
    public static let purposeSection = "Purpose and terms of reference"
    public static let sgfSection = "Assessment by area of the Strategic Guidance Framework"
    public static let genderSection = "Gender-responsive policing and women, peace and security (UNSCR 1325)"
    public static let a4pSection = "A4P+ priorities touched"
    public static let findingsSection = "Findings"
    public static let recommendationsSection = "Recommendations"
    public static let followUpSection = "Follow-up of previous recommendations"
    public static let annexSection = "Annexes"
    public static let peopleSection = "People met"
    public static let documentsSection = "Documents consulted"

    /// Sections that must hold the desk officer's own text before the report is complete.
    public static var requiredSections: [String] {
        [purposeSection] + SGFArea.allCases.map(\.rawValue)
            + [genderSection, a4pSection, findingsSection, recommendationsSection, peopleSection, documentsSection]
    }

    public static let recommendationHeader = ["Recommendation", "Addressed to", "Deadline", "Priority", "SGF area"]
    public static let followUpHeader = ["Recommendation", "Addressed to", "Deadline", "What became of it"]

    static let howTo =
        "How to fill this report: replace every TO FILL marker with your own text (in Word, click the grey marker and type: it vanishes), answer below the guiding questions, and add or delete table rows as needed. The command visitplan reports status lists what is left."
    /// The instruction of templates written before placeholders were content controls.
    static let earlierHowTo =
        "How to fill this report: replace every yellow TO FILL marker with your own text, answer below the guiding questions, and add or delete table rows as needed. The command visitplan reports status lists what is left."
    static let purpose =
        "Purpose: assess the UN police component against its mandate and the Strategic Guidance Framework for International Police Peacekeeping, follow up earlier recommendations, and agree new ones with the Head of Police Component."
    static let torHint =
        "Terms of reference: the objectives agreed with the mission before the visit, the places visited and the counterparts met."
    static let sgfIntro =
        "One section per SGF area. Answer the questions that apply, in your own words, below them; you may delete the questions."
    static let questionsLabel = "Guiding questions:"
    static let genderQuestions = [
        "How far does the component meet its targets for women police officers, including in command posts and formed police units?",
        "How are sexual and gender-based violence and conflict-related sexual violence prevented, reported and investigated with the host-state police?",
        "How does the component apply UNSCR 1325 (2000) and the later women, peace and security resolutions in its planning and reporting?",
        "Are women in the community consulted in community-oriented policing?",
    ]
    static let a4pHint = "Tick every priority your findings touch: in Word replace ☐ with ☒ (or X), in Markdown [ ] with [x]."
    static let findingsHint = "The main findings across all areas, most important first."
    static let recommendationsHint =
        "One row per recommendation. Addressed to: the post or office that must act (e.g. Police Commissioner). Deadline: a date written YYYY-MM-DD. Priority: high, medium or low. SGF area: command, operations, administration or capacity-building."
    static let peopleHint = "Name, title and organization of each person met."
    static let documentsHint = "Title, author and date of each document consulted."

    /// Template text a desk officer did not write: never counted as content of a section.
    static let fixedTexts: Set<String> = {
        var all = [
            howTo, earlierHowTo, purpose, torHint, sgfIntro, questionsLabel, a4pHint, findingsHint, recommendationsHint, peopleHint,
            documentsHint,
        ]
        all += genderQuestions + A4PPriority.all
        all += SGFArea.allCases.flatMap(\.guidingQuestions)
        return Set(all.map(ReportText.normalized))
    }()

    // MARK: - Building

    /// The blocks of one visit's report.
    /// - Parameters:
    ///   - visit: the visit.
    ///   - plan: the plan it belongs to, for the operation, manager and trip details.
    ///   - previous: the latest earlier report on the same operation, if any.
    public static func blocks(for visit: ReportVisit, plan: PlanDocument, previous: PreviousReport?) -> [ReportBlock] {
        let op = plan.operations.first { $0.code == visit.operation }
        let manager = plan.managers.first { $0.id == visit.manager }
        var b: [ReportBlock] = []

        switch visit.mode {
        case .inPerson:
            b.append(.title("Assessment visit report: \(visit.operation), \(dates(visit))"))
        case .virtual:
            b.append(.title("Virtual assessment report: \(visit.operation), \(visit.date.year)"))
        }
        b.append(.guidance(howTo))

        b.append(.heading1(visitSection))
        if let op {
            b.append(.field(label: "Operation", value: "\(op.name) (\(op.code))"))
            b.append(.field(label: "Type", value: op.type))
            b.append(.field(label: "Headquarters", value: "\(op.hqCity), \(op.country)"))
            b.append(.field(label: "Mandate renewal", value: op.mandateRenewal ?? "not recorded"))
            b.append(.field(label: "UN police strength", value: grouped(op.policeStrength)))
        } else {
            b.append(.field(label: "Operation", value: "\(visit.operation) (not described in plan.json)"))
        }
        switch visit.mode {
        case .inPerson:
            let nights = visit.nights.map { ", \($0) night\($0 == 1 ? "" : "s")" } ?? ""
            b.append(.field(label: "Visit", value: "in person, \(dates(visit))\(nights)"))
        case .virtual:
            b.append(
                .field(
                    label: "Visit",
                    value:
                        "virtual assessment during \(plan.horizon.start.readable) – \(plan.horizon.end.readable), date to agree with the mission"
                ))
        }
        b.append(.field(label: "Mission manager", value: manager.map { "\($0.name) (\($0.id))" } ?? visit.manager))
        if let trip = visit.trip {
            let route = ([trip.legs.first?.from] + trip.legs.map(\.to)).compactMap { $0 }.joined(separator: " – ")
            b.append(
                .field(
                    label: "Trip",
                    value: "\(trip.id), \(trip.depart.readable) – \(trip.return.readable)\(route.isEmpty ? "" : ", \(route)")"))
            let others = trip.stops.filter { $0.operation != visit.operation || $0.arrive != visit.date }
            if !others.isEmpty {
                b.append(
                    .field(
                        label: "Other stops on this trip",
                        value: others.map { "\($0.operation) (\($0.arrive.readable))" }.joined(separator: ", ")))
            }
            let c = trip.cost
            b.append(
                .field(
                    label: "Cost estimate",
                    value:
                        "\(money(c.total)) for the whole trip (airfare \(money(c.airfare)), DSA \(money(c.dsa)), terminal \(money(c.terminal)), access \(money(c.access)))"
                ))
        } else {
            b.append(.field(label: "Cost estimate", value: "no travel cost (virtual)"))
        }
        b.append(.field(label: "Report prepared by", value: Placeholder.make("your name and title")))

        b.append(.heading1(purposeSection))
        b.append(.guidance(purpose))
        b.append(.guidance(torHint))
        b.append(.paragraph(Placeholder.make("terms of reference of this visit")))

        b.append(.heading1(sgfSection))
        b.append(.guidance(sgfIntro))
        for area in SGFArea.allCases {
            b.append(.heading2(area.rawValue))
            b.append(.guidance(questionsLabel))
            b += area.guidingQuestions.map { .guidance($0) }
            b.append(.paragraph(Placeholder.make("findings on \(area.rawValue.lowercased())")))
        }

        b.append(.heading1(genderSection))
        b.append(.guidance(questionsLabel))
        b += genderQuestions.map { .guidance($0) }
        b.append(.paragraph(Placeholder.make("findings on gender-responsive policing and women, peace and security")))

        b.append(.heading1(a4pSection))
        b.append(.guidance(a4pHint))
        b += A4PPriority.all.map { .checkbox($0, checked: false) }

        b.append(.heading1(findingsSection))
        b.append(.guidance(findingsHint))
        b.append(.paragraph(Placeholder.make("main findings")))

        b.append(.heading1(recommendationsSection))
        b.append(.guidance(recommendationsHint))
        b.append(
            .table(
                header: recommendationHeader,
                rows: [
                    [
                        Placeholder.make("recommendation"), Placeholder.make("addressed to"), Placeholder.make("YYYY-MM-DD"),
                        Placeholder.make("high, medium or low"), Placeholder.make("SGF area"),
                    ]
                ]))

        if let previous {
            b.append(.heading1(followUpSection))
            let when = previous.date.map { " (visit of \($0.readable))" } ?? ""
            if previous.fromRegister {
                b.append(
                    .paragraph(
                        "Recommendations still open in the register \(previous.fileName) for this operation. Say what became of each."))
                b.append(
                    .table(
                        header: followUpHeader,
                        rows: previous.recommendations.map {
                            [$0.text, $0.addressedTo, $0.deadline, Placeholder.make("implemented, in progress or not implemented")]
                        }))
            } else if previous.recommendations.isEmpty {
                b.append(.paragraph("The previous report, \(previous.fileName)\(when), records no recommendations yet."))
            } else {
                b.append(.paragraph("Recommendations of the previous report, \(previous.fileName)\(when). Say what became of each."))
                b.append(
                    .table(
                        header: followUpHeader,
                        rows: previous.recommendations.map {
                            [$0.text, $0.addressedTo, $0.deadline, Placeholder.make("implemented, in progress or not implemented")]
                        }))
            }
        }

        b.append(.heading1(annexSection))
        b.append(.heading2(peopleSection))
        b.append(.guidance(peopleHint))
        b.append(.paragraph(Placeholder.make("people met")))
        b.append(.heading2(documentsSection))
        b.append(.guidance(documentsHint))
        b.append(.paragraph(Placeholder.make("documents consulted")))
        return b
    }

    // MARK: - Formatting

    static func dates(_ visit: ReportVisit) -> String {
        guard let leave = visit.leave, leave != visit.date else { return visit.date.readable }
        return "\(visit.date.readable) – \(leave.readable)"
    }

    static func money(_ d: Decimal) -> String { dollars(d) }

    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (n < 0 ? "-" : "") + out
    }
}

/// Text clean-up shared by the readers.
enum ReportText {
    /// Without list and tick-box markers, Markdown emphasis and escapes, extra spaces.
    static func normalized(_ text: String) -> String {
        var t = Substring(text.trimmingCharacters(in: .whitespacesAndNewlines))
        var changed = true
        while changed {
            changed = false
            for marker in ["- ", "* ", "+ ", "> ", "• ", "[ ] ", "[x] ", "[X] ", "☐ ", "☒ ", "☑ ", "☐", "☒", "☑"] where t.hasPrefix(marker)
            {
                t = t.dropFirst(marker.count).drop { $0 == " " }
                changed = true
            }
        }
        var s = String(t)
        if s.hasPrefix("**") && s.hasSuffix("**") && s.count >= 4 { s = String(s.dropFirst(2).dropLast(2)) }
        if (s.hasPrefix("*") && s.hasSuffix("*") || s.hasPrefix("_") && s.hasSuffix("_")) && s.count >= 2 {
            s = String(s.dropFirst().dropLast())
        }
        s = unescapeMarkdown(s)
        return s.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }

    /// `\*` → `*` and so on, for any escaped ASCII punctuation.
    static func unescapeMarkdown(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var escaping = false
        for c in s {
            if escaping {
                if !(c.isASCII && c.isPunctuation || c.isASCII && c.isSymbol) { out.append("\\") }
                out.append(c)
                escaping = false
            } else if c == "\\" {
                escaping = true
            } else {
                out.append(c)
            }
        }
        if escaping { out.append("\\") }
        return out
    }
}
