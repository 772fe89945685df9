/// Booking lead times applied to the data a plan is made from (issue "Dates a planner can
/// book"): with an as-of date, no trip departs before the earliest day the policy allows, so
/// every manager is unavailable from the horizon's start until the day before it.
extension PlanningData {
    /// The data with the booking lead time applied; unchanged when no as-of date is set.
    public func applyingBookingLead() -> PlanningData {
        guard let earliest = policy.booking.earliestDeparture, earliest > policy.horizon.first else { return self }
        var out = self
        let last = min(earliest - 1, policy.horizon.last)
        let rules = policy.booking
        let why =
            rules.late == .exclude
            ? "booking lead time: trips are requested \(rules.requestLeadDays) days ahead (as of \(rules.asOf!.iso))"
            : "booking lead time: tickets are bought \(rules.ticketLeadDays) days ahead (as of \(rules.asOf!.iso))"
        for m in out.managers.indices {
            out.managers[m].unavailable.append(Period(range: DayRange(policy.horizon.first, last), reason: why))
        }
        return out
    }
}
