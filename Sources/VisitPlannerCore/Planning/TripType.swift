import Foundation

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
    /// Per operation, nights and arrival offset, whether a stay is possible and preferred
    /// (`StayFlags`), so that the hot loop reads one byte per stop instead of four prefix sums.
    private let stayFlags: [UInt8]
    /// Where operation o's flags begin in `stayFlags` (nights n at arrival a:
    /// `flagBase[o] + (n − min_nights) × H + a`).
    private let flagBase: [Int]

    /// Bits of `stayFlags`.
    enum StayFlags {
        /// Every night open and enough working days when landing by `workingArrivalMinute`.
        static let early: UInt8 = 1
        /// The same when landing later (the arrival day does not count).
        static let late: UInt8 = 2
        /// Every night inside a preferred window.
        static let preferred: UInt8 = 4
    }

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
        let h = calendar.length
        var flags: [UInt8] = []
        var base: [Int] = []
        for (o, op) in data.operations.enumerated() {
            base.append(flags.count)
            for n in op.minNights...max(op.minNights, op.maxNights) {
                for a in 0..<h {
                    var f: UInt8 = 0
                    if calendar.nightsOpen[o].allOpen(a, a + n) {
                        // Working days as `TimelineBuilder.workingDays` counts them, by prefix sums.
                        let working = n > 0 ? calendar.workdays[o].openCount(a, a + n) : 0
                        let lost = n > 0 && calendar.workdays[o].isOpen(a) ? 1 : 0
                        if working >= op.minWorkingDays { f |= StayFlags.early }
                        if working - lost >= op.minWorkingDays { f |= StayFlags.late }
                    }
                    if calendar.preferred[o].allOpen(a, a + n) { f |= StayFlags.preferred }
                    flags.append(f)
                }
            }
        }
        stayFlags = flags
        flagBase = base
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
        // The loader allows 1…6; a template holds at most 8 stops (`Template.arrivals`).
        let maxStops = min(data.policy.maxStops, 8)
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

    /// A dated trip as generation sees it: offsets of departure and return, shape (an index
    /// into the sequence's `LayoutCache.shapes`), which stays are in a preferred window (bit i
    /// for stop i; `max_stops` is at most 6), value and cost. Plain integers only, so the hot
    /// loop copies no arrays and counts no references.
    struct Dated {
        let depart: Int
        let back: Int
        let shape: Int
        let preferred: UInt64
        let value: Int
        let cost: TripCost
        var days: Int { back - depart + 1 }
    }

    /// A trip's timeline reduced to what generation needs, valid for every departure day to
    /// which `LayoutCache.canShift` allows shifting it.
    struct Template {
        /// The departure offset it was laid out for (or last found valid for).
        var depart: Int
        let days: Int
        let shape: Int
        /// Each stop's arrival offset from the departure day, and whether it lands after
        /// `workingArrivalMinute` (bit i), in a fixed-size vector (`max_stops` ≤ 6): no
        /// reference counting in the hot loop.
        let arrivals: SIMD8<Int32>
        let late: UInt8
        let returnOffset: Int
        let cost: TripCost
    }

    /// Everything laid out for one sequence of one manager, in flat arrays: the nights vectors
    /// are numbered in the order `nightOptions` lists them (mixed radix, first stop most
    /// significant), and each has a slot per departure day. A timeline is reused, shifted, for
    /// another departure day while no zone offset of the trip's airports changes
    /// (`TimelineBuilder.canShift`), so the tz arithmetic runs once per daylight-saving period,
    /// not once per day; the per-day checks are prefix sums.
    final class LayoutCache {
        let seq: [Int]
        let minNights: [Int]
        /// Nights options per stop (max − min + 1) and the weight of each stop in the index.
        let radix: [Int]
        let weight: [Int]
        let count: Int
        let length: Int
        /// Per nights vector, per departure day: 0 not laid out yet, -1 impossible, k > 0 the
        /// dated trip `store[k - 1]`.
        var slots: [[Int32]]
        var store: [Dated] = []
        var templates: [Template?]
        /// Per nights vector, the zone offsets its template's timeline read (`ZoneReader`), days
        /// relative to the template's departure.
        var probes: [[ZoneProbe]]
        var shapes: [TripShape] = []
        var shapeIndex: [TripShape: Int] = [:]
        /// Sum over the trip's airports of the zone-offset changes before each day (see
        /// `ZoneTable.epochSums`): equal at two days iff no offset changed between them.
        let epochs: [Int]
        let epochFirst: Int

        init(seq: [Int], data: PlanningData, length: Int, epochs: [Int], epochFirst: Int) {
            self.seq = seq
            minNights = seq.map { data.operations[$0].minNights }
            let r = seq.map { max(1, data.operations[$0].maxNights - data.operations[$0].minNights + 1) }
            var w = [Int](repeating: 1, count: seq.count)
            for i in stride(from: seq.count - 2, through: 0, by: -1) { w[i] = w[i + 1] * r[i + 1] }
            radix = r
            weight = w
            count = r.reduce(1, *)
            self.length = length
            slots = [[Int32]](repeating: [], count: count)
            templates = [Template?](repeating: nil, count: count)
            probes = [[ZoneProbe]](repeating: [], count: count)
            self.epochs = epochs
            self.epochFirst = epochFirst
        }

        /// The nights vector of index `k`.
        func nights(_ k: Int) -> [Int] { seq.indices.map { minNights[$0] + (k / weight[$0]) % radix[$0] } }

        /// Index of `nights` with stop `i` one night shorter (the caller checks it stays ≥ min).
        func fewer(_ k: Int, at i: Int) -> Int { k - weight[i] }

        /// Whether a timeline laid out for offset `a` may be shifted to offset `b` (the same rule
        /// as `TimelineBuilder.canShift`: no offset change from three days before the earlier
        /// departure to three days after the later return).
        func canShift(from a: Int, to b: Int, days: Int, horizonFirst: Int) -> Bool {
            let i = horizonFirst + min(a, b) - 3 - epochFirst, j = horizonFirst + max(a, b) + days + 3 - epochFirst
            guard i >= 0, j < epochs.count, i <= j else { return false }
            return epochs[i] == epochs[j]
        }

        func shape(_ s: TripShape) -> Int {
            if let known = shapeIndex[s] { return known }
            shapes.append(s)
            shapeIndex[s] = shapes.count - 1
            return shapes.count - 1
        }
    }

    /// A cache for the sequence `seq` of manager `m`.
    func cache(manager m: Int, seq: [Int]) -> LayoutCache {
        let airports = [data.managers[m].homeAirport] + seq.map { data.operations[$0].airport }
        let (first, sums) = builder.zones.epochSums(airports)
        return LayoutCache(seq: seq, data: data, length: calendar.length, epochs: sums, epochFirst: first)
    }

    /// The trip of the cache's sequence with nights vector `k`, leaving on offset `depart`, when
    /// it is possible: every day away inside the horizon and free for manager `m`, every night
    /// on the ground open at its operation, every stay with its operation's working days.
    func dated(manager m: Int, nights k: Int, depart: Int, cache: LayoutCache) -> Dated? {
        guard depart >= 0, depart < cache.length else { return nil }
        if cache.slots[k].isEmpty { cache.slots[k] = [Int32](repeating: 0, count: cache.length) }
        let slot = cache.slots[k][depart]
        if slot > 0 { return cache.store[Int(slot) - 1] }
        if slot < 0 { return nil }
        if let found = layOut(manager: m, nights: k, depart: depart, cache: cache) {
            cache.store.append(found)
            cache.slots[k][depart] = Int32(cache.store.count)
            return found
        }
        cache.slots[k][depart] = -1
        return nil
    }

    private func layOut(manager m: Int, nights k: Int, depart: Int, cache: LayoutCache) -> Dated? {
        guard calendar.managerFree[m].isOpen(depart) else { return nil }
        let seq = cache.seq
        let horizonFirst = calendar.horizon.first.number
        var template: Template
        if let known = cache.templates[k], cache.canShift(from: known.depart, to: depart, days: known.days, horizonFirst: horizonFirst) {
            // No zone offset changes around either trip: the same timeline shifted.
            template = known
        } else if let known = cache.templates[k],
            cache.probes[k].allSatisfy({ builder.zones.offset($0.airport, day: horizonFirst + depart + $0.day) == $0.offset })
        {
            // Offsets change nearby, but none the timeline reads: the same timeline shifted. It
            // is anchored here, so that the plain check above holds again once past the change.
            template = known
            template.depart = depart
            cache.templates[k] = template
        } else {
            let codes = seq.map { data.operations[$0].code }
            let nights = cache.nights(k)
            var zones = ZoneReader(zones: builder.zones, recording: true)
            guard
                let t = builder.timeline(
                    home: data.managers[m].homeAirport, operations: codes, nights: nights, depart: calendar.day(depart), zones: &zones)
            else { return nil }
            let shape = TripShape(t)
            let at = horizonFirst + depart
            var arrivals = SIMD8<Int32>(repeating: 0)
            var late: UInt8 = 0
            for (i, a) in shape.arrivals.enumerated() {
                arrivals[i] = Int32(clamping: a)
                if t.stays[i].arriveMinute > cutoff { late |= 1 << UInt8(i) }
            }
            template = Template(
                depart: depart, days: t.days, shape: cache.shape(shape), arrivals: arrivals, late: late,
                returnOffset: shape.returnOffset, cost: coster.cost(t, builder: builder))
            cache.templates[k] = template
            cache.probes[k] = (zones.probes ?? []).map { ZoneProbe(airport: $0.airport, day: $0.day - at, offset: $0.offset) }
        }
        let back = depart + template.returnOffset
        guard back < calendar.length, calendar.managerFree[m].allOpen(depart, back + 1) else { return nil }
        var preferred: UInt64 = 0
        var value = 0
        let h = calendar.length
        for i in seq.indices {
            let op = seq[i]
            let a = depart + Int(template.arrivals[i])
            guard a >= 0, a < h else { return nil }
            let f = stayFlags[flagBase[op] + ((k / cache.weight[i]) % cache.radix[i]) * h + a]
            guard f & (template.late & (1 << UInt8(i)) != 0 ? StayFlags.late : StayFlags.early) != 0 else { return nil }
            let inWindow = f & StayFlags.preferred != 0
            if inWindow { preferred |= 1 << UInt64(i) }
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
    func replaceable(_ trip: Dated, manager m: Int, nights k: Int, depart: Int, cache: LayoutCache) -> Bool {
        func better(_ other: Dated?) -> Bool {
            guard let other else { return false }
            return other.depart >= trip.depart && other.back <= trip.back
                && other.cost.total <= trip.cost.total && other.value >= trip.value
        }
        // Stop i has more than its minimum nights iff its digit of k is not 0.
        if (k / cache.weight[0]) % cache.radix[0] > 0 {
            if better(dated(manager: m, nights: cache.fewer(k, at: 0), depart: depart + 1, cache: cache)) { return true }
        }
        let last = cache.seq.count - 1
        if k % cache.radix[last] > 0 {
            if better(dated(manager: m, nights: cache.fewer(k, at: last), depart: depart, cache: cache)) { return true }
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
    ///
    /// - Parameter workers: managers listed at once (default: one per core).
    func types(
        costLimit: Money?, budget: inout GenerationBudget, workers: Int = ProcessInfo.processInfo.activeProcessorCount
    ) throws -> [TripType] {
        let workers = min(workers, data.managers.count)
        guard workers > 1 else {
            var all: [TripType] = []
            for m in data.managers.indices { all += try keptTypes(manager: m, costLimit: costLimit, budget: &budget) }
            return all
        }
        // Managers' types are independent: listed by one worker per core, each taking the next
        // manager, and joined in manager order, so the result is the same as one at a time.
        // The time and memory limits count what all the workers hold.
        let ledger = GenerationLedger(bytes: budget.bytes, generated: budget.generated)
        let start = budget.sharing(ledger)
        let results = ListingResults(managers: data.managers.count)
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            var local = start
            while let m = results.next() {
                do {
                    results.finish(m, with: .success(try keptTypes(manager: m, costLimit: costLimit, budget: &local)))
                } catch {
                    results.finish(m, with: .failure(error))
                }
            }
        }
        budget.absorb(ledger)
        return try results.joined()
    }

    /// Manager `m`'s types without the dominated ones, which are freed: only what is kept
    /// stays charged.
    private func keptTypes(manager m: Int, costLimit: Money?, budget: inout GenerationBudget) throws -> [TripType] {
        let before = budget.bytes
        let kept = TripTypeGenerator.removeDominated(try types(manager: m, costLimit: costLimit, budget: &budget), data: data)
        budget.adjust(bytes: kept.map(GenerationBudget.bytes(of:)).reduce(0, +) - (budget.bytes - before))
        return kept
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
        let horizonFirst = calendar.horizon.first.number
        let free = calendar.managerFree[m]
        var result: [TripType] = []
        struct Key: Hashable {
            let shape: Int
            let preferred: UInt64
        }
        for seq in try sequences(manager: m, budget: &budget) {
            // Dated trips of this sequence already laid out, by nights and departure offset.
            let cache = cache(manager: m, seq: seq)
            let copies = seq.map { data.operations[$0].maxVisits }.min() ?? 1
            let firstLong = alwaysLongEnough(seq[0]), lastLong = alwaysLongEnough(seq[seq.count - 1])
            for k in 0..<cache.count {
                let nights = cache.nights(k)
                // Departure days grouped by the trip's shape and which stays are preferred.
                var groups: [Key: (starts: [Int], dated: Dated)] = [:]
                var order: [Key] = []
                // Long first or last stays are needed only where the shorter neighbour's timeline
                // is not a plain shift (a zone offset changes nearby): see `alwaysLongEnough`.
                let long = nights[0] > firstLong || nights[seq.count - 1] > lastLong
                var span = 0
                if long {
                    guard
                        let any = (0..<horizonLength).lazy.compactMap({
                            self.dated(manager: m, nights: k, depart: $0, cache: cache)
                        }).first
                    else { continue }
                    span = any.days + 2
                }
                for depart in 0..<horizonLength where free.isOpen(depart) {
                    if long && cache.canShift(from: depart, to: depart + 1, days: span, horizonFirst: horizonFirst) { continue }
                    guard let trip = dated(manager: m, nights: k, depart: depart, cache: cache) else { continue }
                    guard trip.days <= manager.maxTravelDays else { continue }
                    if let costLimit, trip.cost.total > costLimit { continue }
                    if replaceable(trip, manager: m, nights: k, depart: depart, cache: cache) { continue }
                    let key = Key(shape: trip.shape, preferred: trip.preferred)
                    if groups[key] == nil {
                        order.append(key)
                        groups[key] = ([depart], trip)
                    } else {
                        groups[key]!.starts.append(depart)
                    }
                }
                func flags(_ mask: UInt64) -> [Bool] { seq.indices.map { mask & (1 << UInt64($0)) != 0 } }
                let sorted = order.sorted {
                    let a = flags($0.preferred), b = flags($1.preferred)
                    if a != b { return a.lexicographicallyPrecedes(b) { !$0 && $1 } }
                    return groups[$0]!.starts[0] < groups[$1]!.starts[0]
                }
                for key in sorted {
                    let group = groups[key]!
                    let preferred = flags(key.preferred)
                    for copy in 0..<max(1, copies) {
                        try budget.charge(starts: group.starts.count, stops: seq.count, typesSoFar: result.count)
                        result.append(
                            TripType(
                                manager: m, stops: seq, nights: nights, preferred: preferred, cost: group.dated.cost,
                                value: group.dated.value, starts: group.starts, copy: copy, days: group.dated.days))
                    }
                }
            }
        }
        return result
    }
}

/// The managers' lists of types as the workers finish them; the next manager to list; and,
/// after a failure, no more managers (the first failing manager's error is the one thrown).
private final class ListingResults: @unchecked Sendable {
    private let lock = NSLock()
    private var lists: [Result<[TripType], Error>?]
    private var handedOut = 0
    private var failed = false

    init(managers: Int) { lists = Array(repeating: nil, count: managers) }

    func next() -> Int? {
        lock.withLock {
            guard !failed, handedOut < lists.count else { return nil }
            handedOut += 1
            return handedOut - 1
        }
    }

    func finish(_ m: Int, with result: Result<[TripType], Error>) {
        lock.withLock {
            lists[m] = result
            if case .failure = result { failed = true }
        }
    }

    /// Every list in manager order, or the error of the first manager that failed.
    func joined() throws -> [TripType] {
        try lock.withLock {
            var all: [TripType] = []
            for list in lists {
                guard let list else { continue }
                all += try list.get()
            }
            return all
        }
    }
}
