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
    /// Days away, departure and return days included (the same for every departure day in
    /// `starts`: departures are grouped by the trip's shape in time, `TripShape`).
    let days: Int
}

/// Where a trip's days fall relative to its departure day: each stay's arrival offset, the
/// return offset and the nights in flight of each leg. Journey times are fixed but zone
/// offsets change with daylight saving, so the shape can differ between departure days;
/// departures are grouped by it, and cost and days away are exact for each group.
struct TripShape: Hashable {
    let arrivals: [Int]
    let returnOffset: Int
    let flightNights: [Int]

    init(_ t: TripTimeline) {
        arrivals = t.stays.map { t.depart.distance(to: $0.arrive) }
        returnOffset = t.depart.distance(to: t.returnDay)
        flightNights = t.legs.map(\.nightsInFlight)
    }
}

/// Builds trip types (see `TripType`) from the data.
///
/// Exactness of the nights considered: every stop takes any nights in [min, max]. A dated trip
/// (nights, departure day) is dropped only when a shorter one replaces it in every plan: one
/// fewer night at the first stop leaving a day later, or one fewer at the last stop, that is
/// itself possible (working days, open nights, manager free) and has the same operations, a
/// busy interval inside the longer one's, no more cost and no less value (`replaceable`).
struct TripTypeGenerator {
    let data: PlanningData
    let calendar: PlanningCalendar
    let rules: ValueRules
    let coster: TripCoster
    let builder: TimelineBuilder
    /// Plain figures of the hot loop, so it copies no operation or manager records.
    private let minWorking: [Int]
    private let minNights: [Int]
    private let priority: [Int]
    /// own[m][o]: operation o is in manager m's portfolio.
    private let own: [[Bool]]
    private let cutoff: Int

    init(data: PlanningData, calendar: PlanningCalendar) {
        self.data = data
        self.calendar = calendar
        rules = ValueRules(policy: data.policy)
        coster = TripCoster(data: data)
        builder = TimelineBuilder(data: data)
        minWorking = data.operations.map(\.minWorkingDays)
        minNights = data.operations.map(\.minNights)
        priority = data.operations.map(\.priority)
        own = data.managers.map { m in data.operations.map { m.portfolio.contains($0.code) } }
        cutoff = data.policy.journeys.workingArrivalMinute
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

    /// Nights per stop worth considering: any in [min, max] at every stop (see the note on
    /// exactness: dated trips a shorter one replaces are dropped per departure day).
    func nightOptions(_ seq: [Int]) -> [[Int]] {
        var options: [[Int]] = [[]]
        for op in seq {
            let o = data.operations[op]
            options = options.flatMap { prefix in (o.minNights...o.maxNights).map { prefix + [$0] } }
        }
        return options
    }

    /// A dated trip as generation sees it: offsets of departure and return, shape, preferred
    /// flags, value and cost.
    struct Dated {
        let depart: Int
        let back: Int
        let shape: TripShape
        let preferred: [Bool]
        let value: Int
        let cost: TripCost
        var days: Int { back - depart + 1 }
    }

    /// A trip's timeline reduced to what generation needs, valid for every departure day to
    /// which `TimelineBuilder.canShift` allows shifting it.
    struct Template {
        let depart: Day
        let days: Int
        let shape: TripShape
        let arriveMinutes: [Int]
        let cost: TripCost
        /// The airports whose zones the timeline used.
        let airports: [String]
    }

    /// The trip of manager `m` to `seq` with `nights`, leaving on offset `depart`, when it is
    /// possible: every day away inside the horizon and free for the manager, every night on the
    /// ground open at its operation, every stay with its operation's working days.
    func dated(manager m: Int, seq: [Int], nights: [Int], depart: Int, cache: LayoutCache) -> Dated? {
        let key = nights + [depart]
        if let known = cache.dated[key] { return known }
        let found = layOut(manager: m, seq: seq, nights: nights, depart: depart, cache: cache)
        cache.dated[key] = found
        return found
    }

    /// Dated trips and timelines of one sequence already laid out. A timeline is reused, shifted,
    /// for another departure day while no zone offset changes (`TimelineBuilder.canShift`), so
    /// the tz arithmetic runs once per daylight-saving period, not once per day.
    final class LayoutCache {
        var dated: [[Int]: Dated?] = [:]
        var templates: [[Int]: Template] = [:]
    }

    private func layOut(manager m: Int, seq: [Int], nights: [Int], depart: Int, cache: LayoutCache) -> Dated? {
        guard depart >= 0, depart < calendar.length, calendar.managerFree[m].isOpen(depart) else { return nil }
        let day = calendar.day(depart)
        let template: Template
        if let known = cache.templates[nights], builder.canShift(known.airports, from: known.depart, to: day, days: known.days) {
            template = known
        } else {
            let codes = seq.map { data.operations[$0].code }
            guard let t = builder.timeline(home: data.managers[m].homeAirport, operations: codes, nights: nights, depart: day) else {
                return nil
            }
            template = Template(
                depart: day, days: t.days, shape: TripShape(t), arriveMinutes: t.stays.map(\.arriveMinute),
                cost: coster.cost(t, builder: builder), airports: [data.managers[m].homeAirport] + t.legs.map(\.to))
            cache.templates[nights] = template
        }
        let back = depart + template.shape.returnOffset
        guard back < calendar.length, calendar.managerFree[m].allOpen(depart, back + 1) else { return nil }
        var preferred: [Bool] = []
        preferred.reserveCapacity(seq.count)
        var value = 0
        for (i, op) in seq.enumerated() {
            let a = depart + template.shape.arrivals[i]
            guard calendar.nightsOpen[op].allOpen(a, a + nights[i]) else { return nil }
            // Working days as `TimelineBuilder.workingDays` counts them, by prefix sums.
            var working = nights[i] > 0 ? calendar.workdays[op].openCount(a, a + nights[i]) : 0
            if nights[i] > 0 && calendar.workdays[op].isOpen(a) && template.arriveMinutes[i] > cutoff { working -= 1 }
            guard working >= minWorking[op] else { return nil }
            let inWindow = calendar.preferred[op].allOpen(a, a + nights[i])
            preferred.append(inWindow)
            value += rules.inPerson(priority: priority[op], preferred: inWindow, own: own[m][op])
        }
        return Dated(depart: depart, back: back, shape: template.shape, preferred: preferred, value: value, cost: template.cost)
    }

    /// The fewest nights after which every stay at `op` has its working days, whatever the
    /// weekday and hour of arrival: a stay of k nights spans k days, of which at most
    /// w·⌊k/7⌋ + min(w, k mod 7) are weekend days (w = weekend length) and one more (the
    /// arrival day) may not count; that lower bound on working days never falls as k grows,
    /// so the first k where it reaches `minWorkingDays` holds for every longer stay too
    /// (max_nights when no k does; min_nights when no working day is required).
    ///
    /// A first stop of n > this nights is never needed where no zone offset changes around
    /// the trip: one night fewer, leaving a day later, is the same timeline shifted (same legs,
    /// same nights in flight), so it has one night less of DSA, a subset of the nights and days
    /// away (open, free, no less preferred), and still its working days. Likewise a last stop of
    /// n > this nights against one night fewer coming home a day earlier. Such dated trips are
    /// skipped without being laid out; near an offset change they are laid out and filtered by
    /// `replaceable`.
    func alwaysLongEnough(_ op: Int) -> Int {
        let o = data.operations[op]
        // No working days required: the shorter neighbour always qualifies.
        if o.minWorkingDays == 0 { return o.minNights }
        let w = o.weekend.days.count
        var k = o.minNights
        while k < o.maxNights && k - 1 - (w * (k / 7) + min(w, k % 7)) < o.minWorkingDays { k += 1 }
        return k
    }

    /// Whether a shorter possible trip replaces `trip` in any plan (see the note on exactness):
    /// one fewer night at the first stop leaving a day later, or one fewer at the last stop.
    func replaceable(_ trip: Dated, manager m: Int, seq: [Int], nights: [Int], depart: Int, cache: LayoutCache) -> Bool {
        func dated(manager m: Int, seq: [Int], nights: [Int], depart: Int) -> Dated? {
            self.dated(manager: m, seq: seq, nights: nights, depart: depart, cache: cache)
        }
        func better(_ other: Dated?) -> Bool {
            guard let other else { return false }
            return other.depart >= trip.depart && other.back <= trip.back
                && other.cost.total <= trip.cost.total && other.value >= trip.value
        }
        if nights[0] > minNights[seq[0]] {
            var fewer = nights
            fewer[0] -= 1
            if better(dated(manager: m, seq: seq, nights: fewer, depart: depart + 1)) { return true }
        }
        let last = seq.count - 1
        if nights[last] > minNights[seq[last]] {
            var fewer = nights
            fewer[last] -= 1
            if better(dated(manager: m, seq: seq, nights: fewer, depart: depart)) { return true }
        }
        return false
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
        let horizonLength = calendar.length
        var result: [TripType] = []
        struct Key: Hashable {
            let shape: TripShape
            let preferred: [Bool]
        }
        for seq in try sequences(manager: m, budget: &budget) {
            // Dated trips of this sequence already laid out, by nights and departure offset.
            let cache = LayoutCache()
            let copies = seq.map { data.operations[$0].maxVisits }.min() ?? 1
            for nights in nightOptions(seq) {
                // Departure days grouped by the trip's shape and which stays are preferred.
                var groups: [Key: (starts: [Int], dated: Dated)] = [:]
                var order: [Key] = []
                // Long first or last stays are needed only where the shorter neighbour's timeline
                // is not a plain shift (a zone offset changes nearby): see `alwaysLongEnough`.
                let long = nights[0] > alwaysLongEnough(seq[0]) || nights[seq.count - 1] > alwaysLongEnough(seq[seq.count - 1])
                var span = 0
                var airports: [String] = []
                if long {
                    guard
                        let any = (0..<horizonLength).lazy.compactMap({
                            self.dated(manager: m, seq: seq, nights: nights, depart: $0, cache: cache)
                        }).first
                    else { continue }
                    span = any.days + 2
                    airports = [manager.homeAirport] + seq.map { data.operations[$0].airport }
                }
                for depart in 0..<horizonLength where calendar.managerFree[m].isOpen(depart) {
                    if long && builder.canShift(airports, from: calendar.day(depart), to: calendar.day(depart + 1), days: span) {
                        continue
                    }
                    guard let trip = dated(manager: m, seq: seq, nights: nights, depart: depart, cache: cache) else { continue }
                    guard trip.days <= manager.maxTravelDays else { continue }
                    if let costLimit, trip.cost.total > costLimit { continue }
                    if replaceable(trip, manager: m, seq: seq, nights: nights, depart: depart, cache: cache) { continue }
                    let key = Key(shape: trip.shape, preferred: trip.preferred)
                    if groups[key] == nil {
                        order.append(key)
                        groups[key] = ([depart], trip)
                    } else {
                        groups[key]!.starts.append(depart)
                    }
                }
                let sorted = order.sorted {
                    if $0.preferred != $1.preferred { return $0.preferred.lexicographicallyPrecedes($1.preferred) { !$0 && $1 } }
                    return groups[$0]!.starts[0] < groups[$1]!.starts[0]
                }
                for key in sorted {
                    let group = groups[key]!
                    for copy in 0..<max(1, copies) {
                        try budget.charge(starts: group.starts.count, stops: seq.count, typesSoFar: result.count)
                        result.append(
                            TripType(
                                manager: m, stops: seq, nights: nights, preferred: key.preferred, cost: group.dated.cost,
                                value: group.dated.value, starts: group.starts, copy: copy, days: group.dated.days))
                    }
                }
            }
        }
        return result
    }
}
