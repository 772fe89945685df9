import Foundation
import VisitPlannerRegister

/// The one table of which role may do which action. Every route asks `allows`; nothing else
/// decides who may do what.
///
/// A desk officer acts only on their own trips (the account's manager id is the trip's
/// traveller): `allows(_:_:trip:)` adds that rule. The register itself refuses anyone
/// approving their own trip, whatever the role.
public enum Permissions {
    /// Role → actions.
    public static let table: [UserRole: Set<WebAction>] = [
        .planner: [
            .viewYear, .viewTrips, .requestTrip, .bookTrip, .postponeTrip, .cancelTrip, .viewPlan, .runPlan, .cancelPlan,
            .adoptPlan, .download, .viewData, .editData, .viewReports, .uploadReport, .trackRecommendations,
            .viewScenarios, .editScenarios, .runComparison,
        ],
        .manager: [
            .viewYear, .viewTrips, .approveTrip, .viewPlan, .download, .viewData, .viewReports, .reviewReport, .trackRecommendations,
            .viewScenarios, .editScenarios, .runComparison,
        ],
        .deskOfficer: [.viewYear, .viewTrips, .requestTrip, .bookTrip, .travelledTrip, .viewReports, .uploadReport],
        .reviewer: [.viewYear, .viewTrips, .viewReports, .reviewReport, .trackRecommendations],
        .administrator: [.viewYear, .manageUsers],
    ]

    /// The role may take the action at all.
    public static func allows(_ role: UserRole, _ action: WebAction) -> Bool { table[role]?.contains(action) ?? false }

    /// The account may take the action on this trip: its role allows it, and a desk officer
    /// only on their own trips.
    public static func allows(_ user: RegisterUser, _ action: WebAction, trip: RegisterTrip) -> Bool {
        guard allows(user.role, action) else { return false }
        if user.role == .deskOfficer { return trip.manager == user.managerId }
        return true
    }

    /// A desk officer sees only their own trips; every other role that may view trips sees all.
    public static func canSee(_ user: RegisterUser, trip: RegisterTrip) -> Bool { allows(user, .viewTrips, trip: trip) }
}
