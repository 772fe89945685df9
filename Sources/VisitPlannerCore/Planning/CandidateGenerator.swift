/// Enumerates every trip a manager could make, then drops the ones that can never be
/// better than another candidate.
///
/// Two exact reductions keep the model small without losing any optimal plan:
/// - Nights: stretching the first stop is never better than leaving a day later, and
///   stretching the last stop is never better than coming home earlier (a sub-interval with
///   the same operations, no less value and no more cost), so only middle stops of a
///   multi-stop trip take more than their minimum nights (to wait for a later stop's window).
/// - Dominance: a candidate is dropped when another one of the same manager, visiting the
///   same operations, lies within its days, has at least its value and at most its cost.
///   Swapping it in keeps every constraint satisfied (fewer days away, same operations,
///   less money), so some optimal plan never uses the dropped one.
struct CandidateGenerator {
    let data: PlanningData
    let calendar: PlanningCalendar
    let rules: ValueRules
    let coster: TripCoster

    init(data: PlanningData) {
        self.data = data
        calendar = PlanningCalendar(data: data)
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
                  coster.isRoutable(home: manager.homeAirport, operations: [code]) else { return nil }
            return i
        }.sorted()
    }

    /// Ordered sequences of distinct targets, up to `maxStops` long, with a fare for every leg.
    func sequences(manager m: Int) -> [[Int]] {
        let targets = travelTargets(manager: m)
        let home = data.managers[m].homeAirport
        let maxStops = data.policy.maxStops
        var result: [[Int]] = []
        func extend(_ seq: [Int]) {
            if !seq.isEmpty {
                let codes = seq.map { data.operations[$0].code }
                if coster.isRoutable(home: home, operations: codes) { result.append(seq) }
            }
            guard seq.count < maxStops else { return }
            for t in targets where !seq.contains(t) {
                if let last = seq.last {
                    let a = data.operations[last].airport, b = data.operations[t].airport
                    if a != b && data.fare(a, b) == nil { continue }
                }
                extend(seq + [t])
            }
        }
        extend([])
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

    /// All non-dominated candidates of every manager, in a deterministic order.
    func candidates() -> [TripCandidate] {
        var all: [TripCandidate] = []
        for m in data.managers.indices {
            all += candidates(manager: m)
        }
        return all
    }

    func candidates(manager m: Int) -> [TripCandidate] {
        let manager = data.managers[m]
        let free = calendar.managerFree[m]
        let horizonLength = calendar.length
        var raw: [TripCandidate] = []
        for seq in sequences(manager: m) {
            let codes = seq.map { data.operations[$0].code }
            let own = seq.map { manager.portfolio.contains(data.operations[$0].code) }
            for nights in nightOptions(seq) {
                let total = nights.reduce(0, +)
                guard total + 1 <= manager.maxTravelDays else { continue }
                let stays = zip(codes, nights).map { Stay(operation: $0, arrive: calendar.horizon.first, nights: $1) }
                guard let cost = coster.cost(home: manager.homeAirport, stays: stays) else { continue }
                guard cost.total <= data.policy.budget.travelCap else { continue }
                var depart = 0
                while depart + total < horizonLength {
                    defer { depart += 1 }
                    guard free.allOpen(depart, depart + total + 1) else { continue }
                    var arrive = depart
                    var ok = true
                    var value = 0
                    var preferred: [Bool] = []
                    for (i, op) in seq.enumerated() {
                        let n = nights[i]
                        guard calendar.nightsOpen[op].allOpen(arrive, arrive + n) else { ok = false; break }
                        let inWindow = calendar.preferred[op].allOpen(arrive, arrive + n)
                        preferred.append(inWindow)
                        value += rules.inPerson(priority: data.operations[op].priority, preferred: inWindow, own: own[i])
                        arrive += n
                    }
                    guard ok else { continue }
                    raw.append(TripCandidate(manager: m, stops: seq, nights: nights, depart: depart, cost: cost,
                                             value: value, preferred: preferred))
                }
            }
        }
        return CandidateGenerator.removeDominated(raw)
    }

    /// Drops candidates dominated by another of the same manager and operation set.
    static func removeDominated(_ raw: [TripCandidate]) -> [TripCandidate] {
        struct GroupKey: Hashable { let manager: Int; let ops: [Int] }
        var groups: [GroupKey: [Int]] = [:]
        for (i, c) in raw.enumerated() {
            groups[GroupKey(manager: c.manager, ops: c.stops.sorted()), default: []].append(i)
        }
        var keep = [Bool](repeating: true, count: raw.count)
        for (_, members) in groups {
            // Index the group by departure day for the containment search.
            var byDepart: [Int: [Int]] = [:]
            for i in members { byDepart[raw[i].depart, default: []].append(i) }
            for b in members {
                let cb = raw[b]
                search: for d in cb.depart...cb.returnDay {
                    guard let starts = byDepart[d] else { continue }
                    for a in starts where a != b && keep[a] {
                        let ca = raw[a]
                        guard ca.returnDay <= cb.returnDay, ca.value >= cb.value,
                              ca.cost.total <= cb.cost.total else { continue }
                        // Identical twins: keep the first generated.
                        let strictly = ca.returnDay < cb.returnDay || ca.depart > cb.depart
                            || ca.value > cb.value || ca.cost.total < cb.cost.total
                        if strictly || a < b {
                            keep[b] = false
                            break search
                        }
                    }
                }
            }
        }
        return raw.indices.filter { keep[$0] }.map { raw[$0] }
    }
}
