import Foundation

@testable import VisitPlannerCore

/// A small plan to check by hand: two managers, three trips (one with two stops), one virtual
/// assessment and one operation not visited. Every name is hostile on purpose: `&`, `<`,
/// quotes, commas, semicolons, backslashes, accents, a pipe, a newline and a `../`.
enum PlanFixture {
    typealias Doc = PlanDocument

    static func day(_ iso: String) -> Day { Day(iso: iso)! }
    static func span(_ a: String, _ b: String) -> Doc.Horizon { Doc.Horizon(start: day(a), end: day(b)) }
    static func money(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))! }

    static let terminalPerTransfer = money("50")

    static func leg(_ from: String, _ to: String, _ date: String, _ cls: TravelClass, _ hours: String, _ fare: String) -> Doc.Leg {
        Doc.Leg(from: from, to: to, date: day(date), class: cls, hours: money(hours), fare: money(fare))
    }

    static func stop(_ op: String, _ arrive: String, nights: Int, rate: String, access: String = "0", preferred: Bool = false) -> Doc.Stop {
        let r = money(rate)
        return Doc.Stop(
            operation: op, arrive: day(arrive), leave: day(arrive) + nights, nights: nights, dsaRate: r,
            dsa: r * Decimal(nights), access: money(access), preferredWindow: preferred, ownPortfolio: true,
            value: money("3.5"))
    }

    /// A trip whose cost is summed from its legs and stops, as the coster does.
    static func trip(_ id: String, _ manager: String, stops: [Doc.Stop], legs: [Doc.Leg]) -> Doc.Trip {
        let airfare = legs.reduce(Decimal(0)) { $0 + $1.fare }
        let dsa = stops.reduce(Decimal(0)) { $0 + $1.dsa }
        let access = stops.reduce(Decimal(0)) { $0 + $1.access }
        let terminal = terminalPerTransfer * Decimal(2 * legs.count)
        let depart = legs.first!.date, back = legs.last!.date
        return Doc.Trip(
            id: id, manager: manager, depart: depart, return: back, days: depart.distance(to: back) + 1,
            value: money("7"), stops: stops, legs: legs,
            cost: Doc.Cost(
                airfare: airfare, dsa: dsa, terminal: terminal, access: access,
                total: airfare + dsa + terminal + access))
    }

    static let opA = "UNO&A", opB = "MIN<US>", opC = "OP,\"Q\"", opD = "VIRT|D", opE = "../NV"
    static let m1 = "../MM-1", m2 = "MM,2;ß"

    static let document: PlanDocument = {
        let trips = [
            trip(
                "T01", m1,
                stops: [
                    stop(opA, "2027-05-10", nights: 3, rate: "280.50", preferred: true),
                    stop(opB, "2027-05-13", nights: 4, rate: "190.25", access: "350"),
                ],
                legs: [
                    leg("JFK", "ABJ", "2027-05-10", .business, "11.5", "4210.35"),
                    leg("ABJ", "BGF", "2027-05-13", .economy, "3", "612.40"),
                    leg("BGF", "JFK", "2027-05-17", .business, "16", "5120"),
                ]),
            trip(
                "T02", m2, stops: [stop(opC, "2027-06-07", nights: 4, rate: "199.99")],
                legs: [
                    leg("JFK", "PAP", "2027-06-07", .economy, "4.5", "612.33"),
                    leg("PAP", "JFK", "2027-06-11", .economy, "4.5", "612.33"),
                ]),
            trip(
                "T03", m1, stops: [stop(opA, "2027-10-04", nights: 4, rate: "280.50")],
                legs: [
                    leg("JFK", "ABJ", "2027-10-04", .business, "11.5", "4210.35"),
                    leg("ABJ", "JFK", "2027-10-08", .business, "11.5", "4210.35"),
                ]),
        ]
        func sum(_ f: (Doc.Cost) -> Decimal) -> Decimal { trips.reduce(Decimal(0)) { $0 + f($1.cost) } }
        let travel = sum(\.total)
        var raw = travel * money("0.13")
        var psc = Decimal()
        NSDecimalRound(&psc, &raw, 2, .plain)
        let envelope = money("60000")
        let budget = Doc.Budget(
            envelope: envelope, pscRate: money("0.13"), travelCap: money("53097.34"), travelCost: travel,
            psc: psc, total: travel + psc, remaining: envelope - travel - psc,
            airfare: sum(\.airfare), dsa: sum(\.dsa), terminal: sum(\.terminal), access: sum(\.access))
        func op(
            _ code: String, _ name: String, _ city: String, _ country: String, _ airport: String,
            blackouts: [Doc.Horizon] = [], preferred: [Doc.Horizon] = []
        ) -> Doc.OperationInfo {
            Doc.OperationInfo(
                code: code, name: name, type: "SPM", hqCity: city, country: country, airport: airport,
                region: "Africa & <Elsewhere>", policeStrength: 120, priority: 5, mandateRenewal: "June",
                active: span("2027-01-01", "2027-12-31"), blackouts: blackouts, preferred: preferred)
        }
        return PlanDocument(
            name: "Plan \"2027\" & <draft>, v1; ../x",
            horizon: span("2027-01-01", "2027-12-31"),
            coverage: .maximize,
            budget: budget,
            solver: Doc.Solver(
                status: .optimal, objective: travel, bound: travel, gap: 0, seconds: money("0.125"), rows: 12,
                columns: 40, nonzeros: 160, candidates: 38, valueStatus: .optimal),
            value: Doc.Value(total: money("23.5"), bound: money("25"), gap: money("0.06"), inPerson: money("21"), virtual: money("2.5")),
            trips: trips,
            virtual: [Doc.Virtual(operation: opD, manager: m2, value: money("2.5"))],
            notVisited: [Doc.NotVisited(operation: opE, reason: "No fare from JFK | blackout all year\nsecond line <b>bold</b>")],
            infeasibility: nil,
            operations: [
                op(
                    opA, "Office of \"Alpha\" & <Beta>", "Zoë's Town", "Côte d'Ivoire", "ABJ",
                    blackouts: [span("2027-03-01", "2027-03-31")], preferred: [span("2027-05-01", "2027-06-30")]),
                op(
                    opB, "<script>alert('x')</script> Mission", "Bangui, Centre", "Central African Republic", "BGF",
                    blackouts: [span("2027-07-01", "2027-09-15")]),
                op(opC, "Opération \"Québec\"; Ñ", "Port\\Town", "Haïti", "PAP"),
                op(opD, "Virtual | Office *bold*", "Nowhere", "—", "XXX"),
                op(opE, "<script>alert('x')</script> Not [visited](http://evil.example)", "Far", "Away", "FAR"),
            ],
            managers: [
                Doc.ManagerInfo(
                    id: m1, name: "Zoë \"Z\" O'Brien, <Lead> & Co", home: "JFK", portfolio: [opA, opB],
                    unavailable: [span("2027-02-15", "2027-03-12"), span("2027-07-19", "2027-08-06")]),
                Doc.ManagerInfo(
                    id: m2, name: "=José Ñúñez\\Desk; SUM(A1)", home: "JFK", portfolio: [opC, opD],
                    unavailable: [span("2027-12-20", "2027-12-31")]),
            ])
    }()
}
