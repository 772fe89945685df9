import Foundation

// MARK: - Metrics

/// The figures a manager compares across scenarios, read from one scenario's plan.
public struct ScenarioMetrics: Sendable, Equatable {
    /// `optimal`, `feasible`, `timeLimit`, `infeasible`, or `error` when the solver failed.
    public var status: String
    public var envelope: Decimal
    public var inPersonVisits: Int
    /// In-person visits whose stay lies inside one of the operation's preferred windows.
    public var preferredWindowVisits: Int
    /// Operations assessed at all: in person or virtually.
    public var operationsCovered: Int
    public var virtualAssessments: Int
    /// Active operations with neither an in-person visit nor a virtual assessment, in data order.
    public var notAssessed: [String]
    /// Assessment value in priority points.
    public var value: Decimal
    public var travelCost: Decimal
    public var psc: Decimal
    public var total: Decimal
    public var remaining: Decimal
    /// Active operations without an in-person visit, in data order.
    public var notVisited: [String]
    /// Why there is no plan (infeasible, time limit or solver error), when there is none.
    public var problem: String?

    /// - Parameters:
    ///   - document: the plan; nil when the solver failed.
    ///   - data: the data the plan was made from (for the envelope when there is no plan).
    ///   - error: the solver's failure, when `document` is nil.
    public init(document: PlanDocument?, data: PlanningData, error: String? = nil) {
        guard let doc = document else {
            status = "error"
            envelope = Decimal(data.policy.budget.envelope.cents) / 100
            inPersonVisits = 0; preferredWindowVisits = 0; operationsCovered = 0; virtualAssessments = 0
            value = 0; travelCost = 0; psc = 0; total = 0
            remaining = envelope
            notVisited = data.operations.filter { $0.active.count > 0 }.map(\.code)
            notAssessed = notVisited
            problem = error ?? "no plan"
            return
        }
        status = doc.solver.status.rawValue
        envelope = doc.budget.envelope
        let visited = Set(doc.trips.flatMap { $0.stops.map(\.operation) })
        inPersonVisits = doc.trips.map(\.stops.count).reduce(0, +)
        preferredWindowVisits = doc.trips.map { $0.stops.filter(\.preferredWindow).count }.reduce(0, +)
        virtualAssessments = doc.virtual.count
        operationsCovered = visited.union(doc.virtual.map(\.operation)).count
        value = doc.value.total
        travelCost = doc.budget.travelCost
        psc = doc.budget.psc
        total = doc.budget.total
        remaining = doc.budget.remaining
        notVisited = doc.operations.filter { $0.active.end >= $0.active.start && !visited.contains($0.code) }.map(\.code)
        let virtual = Set(doc.virtual.map(\.operation))
        notAssessed = notVisited.filter { !virtual.contains($0) }
        problem = doc.infeasibility
    }
}

// MARK: - Diff against the base

/// One in-person visit: an operation, who goes, and when.
public struct Visit: Sendable, Hashable, Comparable {
    public var operation: String
    public var manager: String
    public var arrive: Day
    public var leave: Day
    public var trip: String

    public init(operation: String, manager: String, arrive: Day, leave: Day, trip: String) {
        self.operation = operation
        self.manager = manager
        self.arrive = arrive
        self.leave = leave
        self.trip = trip
    }

    public static func < (a: Visit, b: Visit) -> Bool {
        (a.arrive, a.operation, a.manager) < (b.arrive, b.operation, b.manager)
    }

    /// Every stop of every trip of a plan, by arrival.
    public static func all(in doc: PlanDocument) -> [Visit] {
        doc.trips.flatMap { t in
            t.stops.map { Visit(operation: $0.operation, manager: t.manager, arrive: $0.arrive, leave: $0.leave, trip: t.id) }
        }.sorted()
    }

    var sameDates: (Visit) -> Bool { { $0.arrive == self.arrive && $0.leave == self.leave } }
}

/// How a scenario's visits differ from the base plan's.
///
/// Visits are matched per operation. A visit with the same manager and dates in both is
/// unchanged; one by the same manager on other dates is **moved**; one by another manager
/// (whatever its dates) is **re-assigned**; a base visit with no counterpart is **dropped**
/// and a scenario visit with none is **added**. Every base visit is thus exactly one of
/// unchanged, moved, re-assigned or dropped.
public struct PlanDiff: Sendable, Equatable {
    public struct Change: Sendable, Equatable {
        public var base: Visit
        public var scenario: Visit
    }

    public var added: [Visit] = []
    public var dropped: [Visit] = []
    public var moved: [Change] = []
    public var reassigned: [Change] = []
    public var unchanged = 0

    public var isEmpty: Bool { added.isEmpty && dropped.isEmpty && moved.isEmpty && reassigned.isEmpty }

    public init(base: PlanDocument, scenario: PlanDocument) {
        self.init(base: Visit.all(in: base), scenario: Visit.all(in: scenario))
    }

    public init(base: [Visit], scenario: [Visit]) {
        let operations = Array(Set(base.map(\.operation) + scenario.map(\.operation))).sorted()
        for op in operations {
            var left = base.filter { $0.operation == op }.sorted()
            var right = scenario.filter { $0.operation == op }.sorted()
            // 1. Identical visits.
            for b in left {
                if let j = right.firstIndex(where: { $0.manager == b.manager && b.sameDates($0) }) {
                    right.remove(at: j)
                    left.removeAll { $0 == b }
                    unchanged += 1
                }
            }
            // 2. Same manager, other dates: the nearest in time.
            for b in left {
                let same = right.indices.filter { right[$0].manager == b.manager }
                if let j = same.min(by: { abs(right[$0].arrive.number - b.arrive.number) < abs(right[$1].arrive.number - b.arrive.number) })
                {
                    moved.append(Change(base: b, scenario: right.remove(at: j)))
                    left.removeAll { $0 == b }
                }
            }
            // 3. Another manager: pair the rest in date order.
            while !left.isEmpty && !right.isEmpty {
                reassigned.append(Change(base: left.removeFirst(), scenario: right.removeFirst()))
            }
            dropped += left
            added += right
        }
        added.sort()
        dropped.sort()
        moved.sort { $0.base < $1.base }
        reassigned.sort { $0.base < $1.base }
    }
}

// MARK: - Sweep

/// The value bought at each envelope of a range, all else as in the base scenario.
public struct Sweep: Sendable, Equatable {
    public struct Point: Sendable, Equatable {
        public var envelope: Money
        public var status: String
        /// Assessment value in priority points; nil when no plan was found.
        public var value: Decimal?
        public var travelCost: Decimal
        /// Operations visited in person.
        public var visited: Set<String>
        /// In-person visits per operation (an operation may be visited more than once).
        public var visits: [String: Int] = [:]
        /// In-person visits inside a preferred window.
        public var preferredWindowVisits = 0
        /// Operations assessed virtually.
        public var virtual: Set<String> = []
        /// Active operations with neither an in-person visit nor a virtual assessment.
        public var notAssessed: Set<String> = []

        /// In-person visits in all.
        public var inPersonVisits: Int { visits.values.reduce(0, +) }
    }

    /// The value gained per $1,000 between two neighbouring envelopes.
    public struct Step: Sendable, Equatable {
        public var from: Money
        public var to: Money
        public var valueGain: Decimal
        /// `valueGain` per $1,000 of envelope, rounded to 4 decimals.
        public var perThousand: Decimal
    }

    /// Where an operation stops being visited as the budget falls.
    public struct DropOut: Sendable, Equatable {
        public var operation: String
        /// The lowest envelope of the range from which the operation is visited at every larger
        /// one; below it the operation drops out. Nil when it is not visited at the top of the range.
        public var visitedFrom: Money?
        /// Lower envelopes where it is visited anyway (other visits crowd it out in between).
        public var alsoAt: [Money]
        /// Visited at every envelope of the range.
        public var always: Bool { visitedFrom != nil && dropsBelow == nil }
        /// The envelope just below `visitedFrom` where it is no longer visited, if any.
        public var dropsBelow: Money?
    }

    public var points: [Point]
    public var base: Money?
    public var steps: [Step]
    public var dropOuts: [DropOut]

    /// - Parameters:
    ///   - runs: the sweep's runs, any order (sorted by envelope here).
    ///   - base: the base scenario's envelope, marked on the curve.
    ///   - operations: every operation code, in report order.
    public init(runs: [ScenarioRun], base: Money?, operations: [String]) {
        points = runs.map { run in
            let doc = run.document
            let planned = doc.map { $0.infeasibility == nil } ?? false
            let stops = doc?.trips.flatMap(\.stops) ?? []
            let metrics = ScenarioMetrics(document: doc, data: run.data, error: run.error)
            return Point(
                envelope: run.data.policy.budget.envelope,
                status: doc?.solver.status.rawValue ?? "error",
                value: planned ? doc?.value.total : nil,
                travelCost: planned ? doc?.budget.travelCost ?? 0 : 0,
                visited: Set(stops.map(\.operation)),
                visits: Dictionary(stops.map { ($0.operation, 1) }, uniquingKeysWith: +),
                preferredWindowVisits: metrics.preferredWindowVisits,
                virtual: Set(doc?.virtual.map(\.operation) ?? []),
                notAssessed: Set(metrics.notAssessed))
        }.sorted { $0.envelope < $1.envelope }
        self.base = base
        steps = zip(points, points.dropFirst()).compactMap { a, b in
            guard let va = a.value, let vb = b.value, b.envelope > a.envelope else { return nil }
            let gain = vb - va
            var per = gain * 1000 * 100 / Decimal(b.envelope.cents - a.envelope.cents)
            var rounded = Decimal()
            NSDecimalRound(&rounded, &per, 4, .plain)
            return Step(from: a.envelope, to: b.envelope, valueGain: gain, perThousand: rounded)
        }
        let points = self.points
        dropOuts = operations.map { code in
            var from: Money? = nil
            var below: Money? = nil
            for p in points.reversed() {
                if p.visited.contains(code) { from = p.envelope } else { below = p.envelope; break }
            }
            let also = from.map { f in points.filter { $0.envelope < f && $0.visited.contains(code) }.map(\.envelope) } ?? []
            return DropOut(operation: code, visitedFrom: from, alsoAt: also, dropsBelow: from == nil ? nil : below)
        }
    }

    /// Envelopes from `min` to `max` by `step`; `max` is always included.
    public static func envelopes(min: Money, max: Money, step: Money) -> [Money] {
        guard step.cents > 0, min <= max else { return [] }
        var out: [Money] = []
        var e = min
        while e < max {
            out.append(e)
            e += step
        }
        out.append(max)
        return out
    }
}

// MARK: - The whole comparison

/// Every scenario's metrics, each scenario's diff against the base, and the sweep.
public struct Comparison: Sendable {
    public struct Entry: Sendable {
        public var run: ScenarioRun
        public var metrics: ScenarioMetrics
        /// Against the base; nil for the base itself and when either has no plan.
        public var diff: PlanDiff?
        public var changes: [String]
    }

    public var entries: [Entry]
    public var sweep: Sweep?
    public var horizon: DayRange
    /// Operation codes in data order.
    public var operations: [String]

    /// - Parameters:
    ///   - runs: the scenarios' runs; the first is the base.
    ///   - sweep: the sweep's runs, if a sweep was asked for.
    ///   - data: the base data (before any scenario).
    public init(runs: [ScenarioRun], sweep: [ScenarioRun]? = nil, data: PlanningData) {
        let baseDoc = runs.first?.document
        entries = runs.enumerated().map { i, run in
            let diff: PlanDiff? = i == 0 ? nil : (baseDoc.flatMap { b in run.document.map { PlanDiff(base: b, scenario: $0) } })
            return Entry(
                run: run, metrics: ScenarioMetrics(document: run.document, data: run.data, error: run.error),
                diff: diff, changes: run.scenario.changes(from: data))
        }
        operations = data.operations.map(\.code)
        horizon = data.policy.horizon
        self.sweep = sweep.map { Sweep(runs: $0, base: runs.first?.data.policy.budget.envelope, operations: operations) }
    }

    public var base: Entry? { entries.first }
}
