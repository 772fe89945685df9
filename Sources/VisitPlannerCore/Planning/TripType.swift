/// A kind of trip: a manager, operations in visiting order, nights at each, and which stays fall
/// in a preferred window — everything but the departure day. Its cost and value are fixed;
/// `starts` lists every departure day on which exactly this trip (with exactly these
/// preferred-window stays) is possible.
///
/// The planning model chooses types; the scheduler then gives each chosen type a departure day
/// from its `starts` so that a manager's trips and rest days never overlap.
struct TripType: Sendable {
    /// Index into `PlanningData.managers`.
    let manager: Int
    /// Indices into `PlanningData.operations`, in visiting order.
    let stops: [Int]
    let nights: [Int]
    let preferred: [Bool]
    let cost: TripCost
    /// Assessment value in basis points of priority (one plain visit of priority p is p × 10,000).
    let value: Int
    /// Departure days (offsets from the horizon start), ascending.
    let starts: [Int]
    /// For two or more visits of the same operations, the n-th identical copy (0 = first).
    let copy: Int

    /// Days away, departure and return days included.
    var days: Int { nights.reduce(0, +) + 1 }
}

/// Builds trip types (see `TripType`) from the data.
///
/// Exactness of the nights considered: stretching the first stop is never better than leaving a
/// day later, and stretching the last stop is never better than coming home earlier (fewer days
/// away, the same operations, no less value, less money), so only middle stops of a multi-stop
/// trip take more than their minimum nights — to wait for a later stop's window.
struct TripTypeGenerator {
    let data: PlanningData
    let calendar: PlanningCalendar
    let rules: ValueRules
    let coster: TripCoster

    init(data: PlanningData, calendar: PlanningCalendar) {
        self.data = data
        self.calendar = calendar
        rules = ValueRules(policy: data.policy)
        coster = TripCoster(data: data)
    }

    /// Operations a manager may travel to: eligible, active, travel allowed, visits allowed,
    /// with fares both ways.
    func travelTargets(manager m: Int) -> [Int] {
        let manager = data.managers[m]
        return manager.eligible.compactMap { code in
            guard let i = data.operations.firstIndex(where: { $0.code == code }) else { return nil }
            let op = data.operations[i]
            guard !op.virtualOnly, op.maxVisits > 0, op.active.count > 0,
                coster.isRoutable(home: manager.homeAirport, operations: [code])
            else { return nil }
            return i
        }.sorted()
    }

    /// Ordered sequences of distinct targets, up to `maxStops` long, with a fare for every leg.
    func sequences(manager m: Int) -> [[Int]] {
        var budget = GenerationBudget.unlimited
        return (try? sequences(manager: m, budget: &budget)) ?? []
    }

    /// The same within a time and memory budget (each sequence is charged as it is found).
    func sequences(manager m: Int, budget: inout GenerationBudget) throws -> [[Int]] {
        let targets = travelTargets(manager: m)
        let home = data.managers[m].homeAirport
        let maxStops = data.policy.maxStops
        var result: [[Int]] = []
        func extend(_ seq: [Int], _ budget: inout GenerationBudget) throws {
            if !seq.isEmpty && coster.isRoutable(home: home, operations: seq.map { data.operations[$0].code }) {
                try budget.charge(sequenceOf: seq.count)
                result.append(seq)
            }
            guard seq.count < maxStops else { return }
            for t in targets where !seq.contains(t) {
                if let last = seq.last {
                    let a = data.operations[last].airport, b = data.operations[t].airport
                    if a != b && data.fare(a, b) == nil { continue }
                }
                try extend(seq + [t], &budget)
            }
        }
        try extend([], &budget)
        budget.release(sequences: result.map(\.count))
        return result
    }

    /// Nights per stop worth considering (see the type's note on exactness).
    func nightOptions(_ seq: [Int]) -> [[Int]] {
        var options: [[Int]] = [[]]
        for (i, op) in seq.enumerated() {
            let o = data.operations[op]
            let range = (i == 0 || i == seq.count - 1) ? o.minNights...o.minNights : o.minNights...o.maxNights
            options = options.flatMap { prefix in range.map { prefix + [$0] } }
        }
        return options
    }

    /// Every trip type of every manager worth considering, in a deterministic order.
    ///
    /// - Parameter costLimit: types dearer than this are left out (nil keeps all).
    func types(costLimit: Money?) -> [TripType] {
        var budget = GenerationBudget.unlimited
        // An unlimited budget never throws.
        return (try? types(costLimit: costLimit, budget: &budget)) ?? []
    }

    /// The same within a time and memory budget.
    ///
    /// - Throws: `PlanError.tooLarge` when the types would take more memory than the budget
    ///   allows, or `PlanError.outOfTime` when the deadline passes first.
    func types(costLimit: Money?, budget: inout GenerationBudget) throws -> [TripType] {
        var all: [TripType] = []
        for m in data.managers.indices {
            let before = budget.bytes
            let kept = TripTypeGenerator.removeDominated(try types(manager: m, costLimit: costLimit, budget: &budget), data: data)
            // Dominated types are freed: only what is kept stays charged.
            budget.bytes = before + kept.map(GenerationBudget.bytes(of:)).reduce(0, +)
            all += kept
        }
        return all
    }

    /// Drops a type when another of the same manager and operations is never worse: at least
    /// its value, at most its cost and days away, and for each of its departure days a
    /// departure that keeps the manager busy within the same days. Any plan using the dropped
    /// type stays valid with the other in its place, so an optimal plan remains. Only for
    /// operations allowing one visit (types of repeated visits come in ordered copies).
    static func removeDominated(_ types: [TripType], data: PlanningData) -> [TripType] {
        struct Key: Hashable { let ops: [Int] }
        var groups: [Key: [Int]] = [:]
        for (i, t) in types.enumerated() where t.stops.allSatisfy({ data.operations[$0].maxVisits == 1 }) {
            groups[Key(ops: t.stops.sorted()), default: []].append(i)
        }
        var keep = [Bool](repeating: true, count: types.count)
        for key in groups.keys.sorted(by: { $0.ops.lexicographicallyPrecedes($1.ops) }) {
            let members = groups[key]!
            for b in members {
                for a in members where a != b && keep[a] && dominates(types[a], types[b]) {
                    // Twins dominate each other: the first one stays.
                    if a < b || !dominates(types[b], types[a]) {
                        keep[b] = false
                        break
                    }
                }
            }
        }
        return types.indices.filter { keep[$0] }.map { types[$0] }
    }

    /// `a` is never worse than `b` (same manager and operations assumed).
    static func dominates(_ a: TripType, _ b: TripType) -> Bool {
        a.value >= b.value && a.cost.total <= b.cost.total && a.days <= b.days && covers(a.starts, b.starts, slack: b.days - a.days)
    }

    /// Whether every day b in `needed` has some day a in `available` with b ≤ a ≤ b + slack.
    static func covers(_ available: [Int], _ needed: [Int], slack: Int) -> Bool {
        var j = 0
        for b in needed {
            while j < available.count && available[j] < b { j += 1 }
            if j == available.count || available[j] > b + slack { return false }
        }
        return true
    }

    func types(manager m: Int, costLimit: Money?, budget: inout GenerationBudget) throws -> [TripType] {
        let manager = data.managers[m]
        let free = calendar.managerFree[m]
        let horizonLength = calendar.length
        var result: [TripType] = []
        for seq in try sequences(manager: m, budget: &budget) {
            let codes = seq.map { data.operations[$0].code }
            let own = seq.map { manager.portfolio.contains(data.operations[$0].code) }
            let copies = seq.map { data.operations[$0].maxVisits }.min() ?? 1
            for nights in nightOptions(seq) {
                let total = nights.reduce(0, +)
                guard total + 1 <= manager.maxTravelDays else { continue }
                let stays = zip(codes, nights).map { Stay(operation: $0, arrive: calendar.horizon.first, nights: $1) }
                guard let cost = coster.cost(home: manager.homeAirport, stays: stays) else { continue }
                if let costLimit, cost.total > costLimit { continue }
                // Departure days grouped by which stays fall in a preferred window.
                var byPreferred: [[Bool]: [Int]] = [:]
                var order: [[Bool]] = []
                var depart = 0
                while depart + total < horizonLength {
                    defer { depart += 1 }
                    guard free.allOpen(depart, depart + total + 1) else { continue }
                    var arrive = depart
                    var preferred: [Bool] = []
                    var ok = true
                    for (i, op) in seq.enumerated() {
                        guard calendar.nightsOpen[op].allOpen(arrive, arrive + nights[i]) else { ok = false; break }
                        preferred.append(calendar.preferred[op].allOpen(arrive, arrive + nights[i]))
                        arrive += nights[i]
                    }
                    guard ok else { continue }
                    if byPreferred[preferred] == nil { order.append(preferred) }
                    byPreferred[preferred, default: []].append(depart)
                }
                for preferred in order.sorted(by: { $0.lexicographicallyPrecedes($1) { !$0 && $1 } }) {
                    let value = seq.indices.map {
                        rules.inPerson(priority: data.operations[seq[$0]].priority, preferred: preferred[$0], own: own[$0])
                    }.reduce(0, +)
                    for copy in 0..<max(1, copies) {
                        try budget.charge(starts: byPreferred[preferred]!.count, stops: seq.count, typesSoFar: result.count)
                        result.append(
                            TripType(
                                manager: m, stops: seq, nights: nights, preferred: preferred, cost: cost,
                                value: value, starts: byPreferred[preferred]!, copy: copy))
                    }
                }
            }
        }
        return result
    }
}
