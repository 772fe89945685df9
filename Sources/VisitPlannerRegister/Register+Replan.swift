import Foundation
import VisitPlannerCore

/// What the register holds, as a re-plan needs it: the trips that stand and the trips that may
/// still change.
public struct ReplanBasis: Sendable {
    public var request: ReplanRequest
    /// Ids of the trips that stand, with why (status, or "departs within the lead time").
    public var fixedWhy: [String: String]
    /// Open trips' estimates, for the money a re-plan frees or uses.
    public var openEstimate: Money
}

extension Register {
    /// Splits the register's trips for a re-plan as of `asOf`.
    ///
    /// - Fixed (kept exactly, at their best-known cost): approved, booked, travelled, report
    ///   submitted and closed trips, and open trips departing before `asOf + leadDays`.
    /// - Open (re-planned; kept where it costs nothing, by `keepOrder`): planned, requested and
    ///   postponed trips departing later.
    /// - Gone: cancelled trips.
    /// New trips depart on `asOf + leadDays` or later.
    public func replanBasis(asOf: Day, leadDays: Int? = nil, data: PlanningData, keepOrder: KeepOrder = .afterCost) throws
        -> ReplanBasis
    {
        let lead = try leadDays ?? settings().requestLeadDays
        let earliest = asOf + lead
        var fixed: [PlannedTrip] = []
        var open: [PlannedTrip] = []
        var why: [String: String] = [:]
        var openEstimate = Money.zero
        let all = try trips()
        for trip in all where trip.status != .cancelled {
            let pinned = !trip.status.isReplannable || trip.bestDepart < earliest
            if pinned {
                why[trip.id] =
                    !trip.status.isReplannable
                    ? "\(trip.status)"
                    : trip.bestDepart < asOf
                        ? "was due to depart \(trip.bestDepart.iso) and is still \(trip.status): its money stays counted; record or cancel it"
                        : "departs before \(earliest.iso) (lead time \(lead) days)"
                fixed.append(Register.plannedTrip(trip, data: data, bestKnown: true))
            } else {
                open.append(Register.plannedTrip(trip, data: data, bestKnown: false))
                openEstimate += trip.estimate.total
            }
        }
        return ReplanBasis(
            request: ReplanRequest(
                fixed: fixed, open: open, earliestDeparture: earliest, keepOrder: keepOrder,
                reservedIDs: all.filter { $0.status == .cancelled }.map(\.id)),
            fixedWhy: why, openEstimate: openEstimate)
    }

    /// A register trip as a plan's trip: as travelled, booked or approved (dates, stops,
    /// traveller) and at its best-known cost when `bestKnown`, else as planned at its estimate.
    static func plannedTrip(_ trip: RegisterTrip, data: PlanningData, bestKnown: Bool) -> PlannedTrip {
        let stops = bestKnown ? (trip.actualStops ?? trip.approvedStops ?? trip.stops) : trip.stops
        let depart = bestKnown ? (trip.actualDepart ?? trip.bookedDepart ?? trip.approvedDepart ?? trip.depart) : trip.depart
        let back = bestKnown ? (trip.actualReturn ?? trip.bookedReturn ?? trip.approvedReturn ?? trip.returnDay) : trip.returnDay
        let traveller = bestKnown ? (trip.actualTraveller ?? trip.manager) : trip.manager
        return Replanner.fixedTrip(
            id: trip.id, manager: traveller, stays: stops.map { ($0.operation, $0.arrive, $0.nights) }, depart: depart,
            returnDay: back, cost: bestKnown ? bestKnownCost(trip) : planCost(trip.estimate), data: data)
    }

    /// Actual costs once travelled; the booked cost (ticket as airfare) once booked; the approved
    /// cost (the difference from the estimate as airfare) once approved; else the estimate.
    static func bestKnownCost(_ trip: RegisterTrip) -> TripCost {
        if let actual = trip.actual { return planCost(actual) }
        let estimate = trip.estimate
        if let known = trip.bookedCost ?? trip.approvedCost {
            // Airfare takes what the other categories do not explain: the total is exact.
            return TripCost(
                airfare: known - (estimate.dsa + estimate.terminal + estimate.access), dsa: estimate.dsa,
                terminal: estimate.terminal, access: estimate.access)
        }
        return planCost(estimate)
    }

    /// The register's categories in the plan's (which has no "other": it goes with airfare).
    static func planCost(_ c: TripCosts) -> TripCost {
        TripCost(airfare: c.airfare + c.other, dsa: c.dsa, terminal: c.terminal, access: c.access)
    }
}
