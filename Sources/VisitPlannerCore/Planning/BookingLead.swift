/// Booking lead times applied to the data a plan is made from (issue "Dates a planner can
/// book"): with an as-of date, no trip departs before the earliest day the policy allows, so
/// every manager is unavailable from the horizon's start until the day before it.
extension PlanningData {
    /// The data with the booking lead time applied; unchanged when no as-of date is set.
    public func applyingBookingLead() -> PlanningData {
        guard let earliest = policy.booking.earliestDeparture, earliest > policy.horizon.first else { return self }
        var out = self
        let last = earliest - 1
        let rules = policy.booking
        let why =
            rules.late == .exclude
            ? "booking lead time: trips are requested \(rules.requestLeadDays) days ahead (as of \(rules.asOf!.iso))"
            : "booking lead time: tickets are bought \(rules.ticketLeadDays) days ahead (as of \(rules.asOf!.iso))"
        out.blockDepartures(through: last, reason: why)
        return out
    }

    /// Makes every manager unavailable from the horizon's first day through `last` (clipped to
    /// the horizon), so no trip departs before the day after it: the one way both a plan made
    /// as of a date and a re-plan keep their earliest departure.
    mutating func blockDepartures(through last: Day, reason: String) {
        let end = min(last, policy.horizon.last)
        guard end >= policy.horizon.first else { return }
        for m in managers.indices {
            managers[m].unavailable.append(Period(range: DayRange(policy.horizon.first, end), reason: reason))
        }
    }
}
