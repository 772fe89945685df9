/// Checks a plan against every rule directly from the data, independently of the planner's
/// model: dates and journey times (`TripTimeline`), working days, windows, availability, overlap and rest, travel days, eligibility, stops,
/// visits, costs to the cent, the travel cap and the envelope, coverage and value.
///
/// The planner runs it on every plan before anyone sees it (PyVRP's `Result.is_feasible()`):
/// GLPK compares in floating point with relative tolerances, so a plan it calls feasible may
/// still break a rule by a cent; this check is exact (integer cents and days).
public enum PlanVerifier {
    /// The rules `plan` breaks, one line each; empty when the plan is valid.
    public static func problems(_ plan: PlanResult, data: PlanningData) -> [String] {
        var out: [String] = []
        let p = data.policy
        let coster = TripCoster(data: data)
        let builder = TimelineBuilder(data: data)
        let rules = ValueRules(policy: p)
        func inside(_ ranges: [DayRange], _ d: Day) -> Bool { ranges.contains { $0.contains(d) } }
        var visits: [String: Int] = [:]
        var total = Money.zero
        var value = 0
        for t in plan.trips {
            guard let m = data.manager(t.manager) else {
                out.append("\(t.id): unknown manager \(t.manager)")
                continue
            }
            if t.stays.isEmpty || t.stays.count > p.maxStops { out.append("\(t.id): \(t.stays.count) stops") }
            if Set(t.stays.map(\.operation)).count != t.stays.count { out.append("\(t.id): an operation twice") }
            if t.depart < p.horizon.first || t.returnDay > p.horizon.last { out.append("\(t.id): outside the horizon") }
            if t.returnDay >= t.depart {
                for d in t.depart...t.returnDay where inside(m.unavailable.map(\.range), d) {
                    out.append("\(t.id): \(m.id) unavailable on \(d)")
                }
            } else {
                out.append("\(t.id): returns \(t.returnDay) before leaving \(t.depart)")
            }
            // The trip's calendar, recomputed from its manager, operations, nights and departure.
            let timeline = builder.timeline(
                home: m.homeAirport, operations: t.stays.map(\.operation), nights: t.stays.map(\.nights), depart: t.depart)
            guard let timeline else {
                out.append("\(t.id): no fare for its route")
                total += t.cost.total
                continue
            }
            if t.returnDay != timeline.returnDay { out.append("\(t.id): returns \(t.returnDay), expected \(timeline.returnDay)") }
            var tripValue = 0
            for (s, laid) in zip(t.stays, timeline.stays) {
                guard let op = data.operation(s.operation) else {
                    out.append("\(t.id): unknown operation \(s.operation)")
                    continue
                }
                if s.arrive != laid.arrive { out.append("\(t.id): \(s.operation) arrives \(s.arrive), expected \(laid.arrive)") }
                if s.leave != s.arrive + s.nights { out.append("\(t.id): \(s.operation) leave/nights mismatch") }
                if !(op.minNights...max(op.minNights, op.maxNights)).contains(s.nights) {
                    out.append("\(t.id): \(s.operation) \(s.nights) nights")
                }
                let working = builder.workingDays(laid)
                if working < op.minWorkingDays {
                    out.append("\(t.id): \(s.operation) \(working) working days, fewer than \(op.minWorkingDays)")
                }
                if !m.eligible.contains(op.code) { out.append("\(t.id): \(m.id) not eligible for \(op.code)") }
                if op.virtualOnly || op.maxVisits == 0 { out.append("\(t.id): \(op.code) may not be visited") }
                let nights = laid.nightDays
                let blackouts = data.windows(of: op.code, kind: .blackout).map(\.range)
                for n in nights where !op.active.contains(n) || inside(blackouts, n) || !p.horizon.contains(n) {
                    out.append("\(t.id): \(op.code) closed on the night of \(n)")
                }
                let preferredRanges = data.windows(of: op.code, kind: .preferred).map(\.range)
                let preferred = nights.allSatisfy { inside(preferredRanges, $0) }
                if preferred != s.preferredWindow { out.append("\(t.id): \(op.code) preferred flag \(s.preferredWindow)") }
                let isOwn = m.portfolio.contains(op.code)
                if isOwn != s.ownPortfolio { out.append("\(t.id): \(op.code) own flag") }
                let v = rules.inPerson(priority: op.priority, preferred: preferred, own: isOwn)
                if v != s.value.points { out.append("\(t.id): \(op.code) value \(s.value.points), expected \(v)") }
                tripValue += v
                visits[op.code, default: 0] += 1
            }
            if tripValue != t.value.points { out.append("\(t.id): trip value \(t.value.points), expected \(tripValue)") }
            value += tripValue
            let c = coster.cost(timeline, builder: builder)
            if c != t.cost { out.append("\(t.id): cost \(t.cost.total), recomputed \(c.total)") }
            if t.stays.map(\.dsa).reduce(.zero, +) != c.dsa { out.append("\(t.id): DSA of the stays ≠ the trip's DSA \(c.dsa)") }
            total += t.cost.total
        }
        for m in data.managers {
            let mine = plan.trips.filter { $0.manager == m.id }.sorted { $0.depart < $1.depart }
            for (a, b) in zip(mine, mine.dropFirst()) where b.depart < a.returnDay + m.minRestDays + 1 {
                out.append("\(m.id): \(b.id) departs \(b.depart), before \(a.id)'s return \(a.returnDay) + \(m.minRestDays) rest + 1")
            }
            let days = mine.map(\.days).reduce(0, +)
            if days > m.maxTravelDays { out.append("\(m.id): \(days) days away > \(m.maxTravelDays)") }
        }
        if let limit = p.maxAwayAtOnce {
            // Office cover: managers away per day, this plan's trips and trips made elsewhere.
            var away: [Day: Int] = [:]
            for t in plan.trips where t.returnDay >= t.depart {
                for d in t.depart...t.returnDay { away[d, default: 0] += 1 }
            }
            for (d, n) in away.sorted(by: { $0.key < $1.key }) where n + data.awayElsewhere[d, default: 0] > limit {
                out.append("\(d.iso): \(n + data.awayElsewhere[d, default: 0]) managers away, more than max_away_at_once \(limit)")
            }
        }
        if let earliest = p.booking.earliestDeparture {
            for t in plan.trips where t.depart < earliest {
                out.append("\(t.id): departs \(t.depart.iso), before \(earliest.iso) (booking lead time)")
            }
        }
        for (code, n) in visits.sorted(by: { $0.key < $1.key }) where n > (data.operation(code)?.maxVisits ?? 0) {
            out.append("\(code): \(n) visits")
        }
        let budget = plan.budget
        if total > p.budget.travelCap { out.append("travel \(total) is over the travel cap \(p.budget.travelCap)") }
        if total + p.budget.psc(on: total) > p.budget.envelope {
            out.append("travel \(total) plus PSC \(p.budget.psc(on: total)) is over the envelope \(p.budget.envelope)")
        }
        if total != budget.travelCost { out.append("budget table travel \(budget.travelCost) ≠ trips \(total)") }
        if budget.split != p.budget { out.append("budget table envelope \(budget.split.envelope) ≠ policy \(p.budget.envelope)") }
        if p.coverage == .required {
            for op in data.operations where op.active.count > 0 && !op.virtualOnly && op.maxVisits > 0 && visits[op.code] == nil {
                out.append("\(op.code): coverage is required but it has no visit")
            }
        }
        // Virtual assessments: exactly the active operations with a portfolio or backup manager
        // and no in-person visit (with a 0% share they are worth nothing and may be omitted).
        let expectedVirtual = data.operations.filter { op in
            op.active.count > 0 && visits[op.code] == nil && data.visitsMadeElsewhere[op.code, default: 0] == 0
                && data.managers.contains { $0.portfolio.contains(op.code) || $0.backup.contains(op.code) }
        }
        let listed = plan.virtual.map(\.operation).sorted(), allowed = expectedVirtual.map(\.code).sorted()
        if rules.virtualShare == 0 ? !Set(listed).isSubset(of: allowed) : listed != allowed {
            out.append("virtual assessments \(listed), expected \(allowed)")
        }
        for v in plan.virtual {
            guard let op = data.operation(v.operation) else { continue }
            if v.value.points != rules.virtual(priority: op.priority) {
                out.append("\(v.operation): virtual value \(v.value.points), expected \(rules.virtual(priority: op.priority))")
            }
            value += rules.virtual(priority: op.priority)
        }
        if value != plan.value.points { out.append("plan value \(plan.value.points), recomputed \(value)") }
        return out
    }
}
