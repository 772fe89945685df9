import Foundation
import VisitPlannerRegister

/// Everything a person can ask of the web application, each checked against `Permissions`.
public enum WebAction: String, Sendable, CaseIterable {
    case viewYear = "year.view"
    case viewTrips = "trips.view"
    case requestTrip = "trip.request"
    case approveTrip = "trip.approve"
    case bookTrip = "trip.book"
    case travelledTrip = "trip.travelled"
    case postponeTrip = "trip.postpone"
    case cancelTrip = "trip.cancel"
    case viewPlan = "plan.view"
    case runPlan = "plan.run"
    case cancelPlan = "plan.cancel"
    case adoptPlan = "plan.adopt"
    case download = "plan.download"
    case manageUsers = "users.manage"
    case viewData = "data.view"
    case editData = "data.edit"
    case viewReports = "reports.view"
    case uploadReport = "report.upload"
    case reviewReport = "report.review"
    case trackRecommendations = "recommendations.track"
    case viewScenarios = "scenarios.view"
    case editScenarios = "scenarios.edit"
    case runComparison = "scenarios.compare"

    /// The trip step this action takes, when it is one.
    public var tripAction: TripAction? {
        switch self {
        case .requestTrip: return .request
        case .approveTrip: return .approve
        case .bookTrip: return .book
        case .travelledTrip: return .travelled
        case .postponeTrip: return .postpone
        case .cancelTrip: return .cancel
        default: return nil
        }
    }

    /// The web action of a trip step.
    public static func of(_ step: TripAction) -> WebAction? { allCases.first { $0.tripAction == step } }
}
