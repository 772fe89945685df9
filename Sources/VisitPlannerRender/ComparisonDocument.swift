import Foundation
import VisitPlannerCore

/// `comparison.json`: every scenario's figures, its diff against the base, and the sweep.
///
/// Like `plan.json`: money is a JSON number of dollars from `Decimal` (never a binary
/// fraction), dates are `YYYY-MM-DD`, keys are sorted. No timing figure is included, so the
/// same input always gives the same bytes.
public struct ComparisonDocument: Codable, Sendable, Equatable {
    public typealias Horizon = PlanDocument.Horizon

    public struct Visit: Codable, Sendable, Equatable {
        public var operation: String
        public var manager: String
        public var arrive: Day
        public var leave: Day
        public var trip: String
    }

    public struct Change: Codable, Sendable, Equatable {
        public var operation: String
        public var base: Visit
        public var scenario: Visit
    }

    public struct Diff: Codable, Sendable, Equatable {
        public var added: [Visit]
        public var dropped: [Visit]
        public var moved: [Change]
        public var reassigned: [Change]
        public var unchanged: Int
    }

    public struct NotVisited: Codable, Sendable, Equatable {
        public var operation: String
        /// Why, when the plan explains it.
        public var reason: String?
    }

    public struct Scenario: Codable, Sendable, Equatable {
        public var id: String
        public var title: String
        /// The sub-folder holding this scenario's full plan.
        public var folder: String
        public var changes: [String]
        public var status: String
        public var problem: String?
        public var envelope: Decimal
        public var pscRate: Decimal
        public var travelCap: Decimal
        public var inPersonVisits: Int
        /// In-person visits whose stay lies inside a preferred window of the operation.
        public var preferredWindowVisits: Int
        public var operationsCovered: Int
        public var virtualAssessments: Int
        /// Active operations with neither an in-person visit nor a virtual assessment.
        public var notAssessed: [String]
        /// Assessment value in priority points (see `ComparisonTables.valueExplanation`).
        public var value: Decimal
        public var travelCost: Decimal
        public var psc: Decimal
        public var total: Decimal
        public var remaining: Decimal
        public var notVisited: [NotVisited]
        /// Against the base; absent for the base itself and when either has no plan.
        public var diff: Diff?
    }

    public struct SweepPoint: Codable, Sendable, Equatable {
        public var envelope: Decimal
        public var status: String
        public var value: Decimal?
        public var travelCost: Decimal
        /// Operations visited in person, in data order.
        public var visited: [String]
        public var inPersonVisits: Int
        public var preferredWindowVisits: Int
        public var virtualAssessments: Int
        /// Active operations with neither an in-person visit nor a virtual assessment, in data order.
        public var notAssessed: [String]
    }

    /// What the step from one envelope of the sweep to the next buys.
    public struct Marginal: Codable, Sendable, Equatable {
        public var from: Decimal
        public var to: Decimal
        public var valueGain: Decimal
        public var valuePerThousand: Decimal
        /// Operations visited more often at `to` than at `from`, once per extra visit, in data order.
        public var moreVisits: [String]
        /// Operations visited less often at `to`, once per visit fewer, in data order.
        public var fewerVisits: [String]
        public var inPersonChange: Int
        public var preferredWindowChange: Int
        public var virtualChange: Int
        public var notAssessedChange: Int
    }

    public struct DropOut: Codable, Sendable, Equatable {
        public var operation: String
        /// Visited at this envelope and every larger one of the sweep.
        public var visitedFrom: Decimal?
        /// The next lower envelope of the sweep, where it is no longer visited.
        public var dropsBelow: Decimal?
        public var alsoVisitedAt: [Decimal]
        public var alwaysVisited: Bool
    }

    public struct Sweep: Codable, Sendable, Equatable {
        public var base: Decimal?
        public var points: [SweepPoint]
        public var marginal: [Marginal]
        public var dropOuts: [DropOut]
    }

    public var name: String
    public var horizon: Horizon
    /// Id of the scenario the others are compared with (the first).
    public var base: String?
    public var scenarios: [Scenario]
    public var sweep: Sweep?
}

// MARK: - From a comparison

extension ComparisonDocument {
    public init(name: String, comparison c: Comparison) {
        func d(_ m: Money) -> Decimal { Decimal(m.cents) / 100 }
        func visit(_ v: VisitPlannerCore.Visit) -> Visit {
            Visit(operation: v.operation, manager: v.manager, arrive: v.arrive, leave: v.leave, trip: v.trip)
        }
        func change(_ x: PlanDiff.Change) -> Change {
            Change(operation: x.base.operation, base: visit(x.base), scenario: visit(x.scenario))
        }
        self.name = name
        horizon = Horizon(start: c.horizon.first, end: c.horizon.last)
        base = c.base?.run.scenario.id
        scenarios = c.entries.map { e in
            let m = e.metrics
            let reasons = Dictionary(e.run.document?.notVisited.map { ($0.operation, $0.reason) } ?? [], uniquingKeysWith: { a, _ in a })
            let budget = e.run.data.policy.budget
            return Scenario(
                id: e.run.scenario.id, title: e.run.scenario.title, folder: e.run.scenario.folderName, changes: e.changes,
                status: m.status, problem: m.problem, envelope: m.envelope,
                pscRate: Decimal(budget.pscRate.millionths) / 1_000_000, travelCap: d(budget.travelCap),
                inPersonVisits: m.inPersonVisits, preferredWindowVisits: m.preferredWindowVisits,
                operationsCovered: m.operationsCovered, virtualAssessments: m.virtualAssessments, notAssessed: m.notAssessed,
                value: m.value, travelCost: m.travelCost, psc: m.psc,
                total: m.total, remaining: m.remaining,
                notVisited: m.notVisited.map { NotVisited(operation: $0, reason: reasons[$0]) },
                diff: e.diff.map {
                    Diff(
                        added: $0.added.map(visit), dropped: $0.dropped.map(visit), moved: $0.moved.map(change),
                        reassigned: $0.reassigned.map(change), unchanged: $0.unchanged)
                })
        }
        sweep = c.sweep.map { s in
            let byEnvelope = Dictionary(s.points.map { ($0.envelope, $0) }, uniquingKeysWith: { a, _ in a })
            return Sweep(
                base: s.base.map(d),
                points: s.points.map { p in
                    // Operations in data order, so the bytes never depend on hashing.
                    SweepPoint(
                        envelope: d(p.envelope), status: p.status, value: p.value, travelCost: p.travelCost,
                        visited: c.operations.filter { p.visited.contains($0) }, inPersonVisits: p.inPersonVisits,
                        preferredWindowVisits: p.preferredWindowVisits, virtualAssessments: p.virtual.count,
                        notAssessed: c.operations.filter { p.notAssessed.contains($0) })
                },
                marginal: s.steps.map { step in
                    let a = byEnvelope[step.from], b = byEnvelope[step.to]
                    func change(_ f: (VisitPlannerCore.Sweep.Point) -> Int) -> Int { (b.map(f) ?? 0) - (a.map(f) ?? 0) }
                    func visits(_ p: VisitPlannerCore.Sweep.Point?, _ code: String) -> Int { p?.visits[code] ?? 0 }
                    return Marginal(
                        from: d(step.from), to: d(step.to), valueGain: step.valueGain, valuePerThousand: step.perThousand,
                        moreVisits: c.operations.flatMap { code in
                            Array(repeating: code, count: max(0, visits(b, code) - visits(a, code)))
                        },
                        fewerVisits: c.operations.flatMap { code in
                            Array(repeating: code, count: max(0, visits(a, code) - visits(b, code)))
                        },
                        inPersonChange: change(\.inPersonVisits), preferredWindowChange: change(\.preferredWindowVisits),
                        virtualChange: change(\.virtual.count), notAssessedChange: change(\.notAssessed.count))
                },
                dropOuts: Self.sorted(
                    s.dropOuts.map {
                        DropOut(
                            operation: $0.operation, visitedFrom: $0.visitedFrom.map(d), dropsBelow: $0.dropsBelow.map(d),
                            alsoVisitedAt: $0.alsoAt.map(d), alwaysVisited: $0.always)
                    }))
        }
    }

    /// Drop-outs as a manager reads them when the budget is cut: the operations that drop out
    /// at the highest budget first (the first visits lost), then those visited at every
    /// envelope, then those not visited even at the top of the range; ties in data order.
    static func sorted(_ dropOuts: [DropOut]) -> [DropOut] {
        func rank(_ d: DropOut) -> Int { d.visitedFrom == nil ? 2 : d.alwaysVisited ? 1 : 0 }
        return dropOuts.enumerated().sorted { x, y in
            let (a, b) = (x.element, y.element)
            if rank(a) != rank(b) { return rank(a) < rank(b) }
            if rank(a) == 0, let fa = a.visitedFrom, let fb = b.visitedFrom, fa != fb { return fa > fb }
            return x.offset < y.offset
        }.map(\.element)
    }

    /// Pretty, key-sorted JSON with a final newline.
    public func encoded() throws -> Data {
        try DeterministicJSON.encode(self)
    }

    public static func decode(_ data: Data) throws -> ComparisonDocument {
        try JSONDecoder().decode(ComparisonDocument.self, from: data)
    }
}
