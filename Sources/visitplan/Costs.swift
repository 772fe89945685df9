import ArgumentParser
import VisitPlannerCore
import VisitPlannerRender
import VisitPlannerReports
import VisitPlannerWriters

extension VisitPlan {
    struct Costs: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "What each operation costs to visit on its own, and all of them one by one against the travel cap.")

        @OptionGroup var dataOptions: DataOptions

        func run() throws {
            let data = try dataOptions.load(outcome: "Nothing was costed.")
            let table = SoloCostTable(data: data)
            var text = TextTable(
                headers: ["operation", "route", "class", "nights", "airfare", "DSA", "terminal", "access", "total"],
                alignments: [.left, .left, .left, .right, .right, .right, .right, .right, .right])
            let coster = TripCoster(data: data)
            for row in table.rows {
                guard let cost = row.cost else {
                    text.add([row.operation.code, "-", "-", "-", "-", "-", "-", "-", row.note ?? "-"])
                    continue
                }
                let stay = Stay(operation: row.operation.code, arrive: data.policy.horizon.first, nights: row.nights)
                let legs = coster.legs(home: row.home, stays: [stay]) ?? []
                let route = ([row.home] + legs.map(\.to)).joined(separator: "-")
                let classes = Set(legs.map(\.travelClass.rawValue)).sorted().joined(separator: "/")
                text.add([
                    row.operation.code, route, classes, "\(row.nights)", cost.airfare.description, cost.dsa.description,
                    cost.terminal.description, cost.access.description, cost.total.description,
                ])
            }
            let b = table.budget
            Console.out("Visiting each operation on its own (shortest useful stay, from its portfolio manager's home):\n")
            Console.out(text.render())
            var summary = TextTable(headers: ["", "amount"], alignments: [.left, .right])
            summary.add(["all visits one by one: travel", table.naiveTravel.description])
            summary.add(["PSC \(b.pscRate)", table.naivePSC.description])
            summary.add(["total", table.naiveTotal.description])
            summary.addRule()
            summary.add(["travel cap (envelope \(b.envelope) / (1 + \(b.pscRate)))", b.travelCap.description])
            summary.add([
                table.headroom.cents >= 0 ? "left under the cap" : "over the cap", Money(cents: abs(table.headroom.cents)).description,
            ])
            Console.out(summary.render())
        }
    }
}
