import XCTest

@testable import VisitPlannerRegister

/// Every status × action × re-approval flag, against a table written out by hand.
final class TripLifecycleTests: XCTestCase {
    /// The legal transitions, and nothing else.
    static let legal: [TripStatus: [TripAction: TripStatus]] = [
        .planned: [.request: .requested, .postpone: .postponed, .cancel: .cancelled],
        .requested: [.approve: .approved, .postpone: .postponed, .cancel: .cancelled],
        .approved: [.book: .booked, .postpone: .postponed, .cancel: .cancelled],
        .booked: [.travelled: .travelled, .postpone: .postponed, .cancel: .cancelled],
        .travelled: [.report: .reportSubmitted],
        .reportSubmitted: [.close: .closed],
        .closed: [:],
        .postponed: [.request: .requested, .cancel: .cancelled],
        .cancelled: [:],
    ]

    /// With actual costs over the threshold: re-approval becomes possible after travel, and
    /// closing waits for it.
    static let legalFlagged: [TripStatus: [TripAction: TripStatus]] = {
        var table = legal
        table[.travelled]![.reapprove] = .travelled
        table[.reportSubmitted] = [.reapprove: .reportSubmitted]
        return table
    }()

    func testEveryTransition() {
        var legalCount = 0, refusedCount = 0
        for flagged in [false, true] {
            let table = flagged ? Self.legalFlagged : Self.legal
            for status in TripStatus.allCases {
                let expected = table[status]!
                for action in TripAction.allCases {
                    do {
                        let next = try TripLifecycle.next(from: status, needsReapproval: flagged, action: action)
                        XCTAssertEqual(next, expected[action], "\(status) --\(action)--> \(next) (flagged: \(flagged))")
                        legalCount += 1
                    } catch {
                        XCTAssertNil(expected[action], "\(status) --\(action)--> refused (flagged: \(flagged))")
                        XCTAssertEqual(error.status, status)
                        XCTAssertEqual(error.action, action)
                        XCTAssertEqual(Set(error.allowed), Set(expected.keys), "\(status), flagged: \(flagged)")
                        refusedCount += 1
                    }
                }
            }
        }
        // 9 statuses × 9 actions × 2 flags.
        XCTAssertEqual(legalCount + refusedCount, 162)
        XCTAssertEqual(legalCount, 16 + 17)
    }

    func testAllowedListsFollowTheLifecycleOrder() {
        XCTAssertEqual(TripLifecycle.allowed(from: .planned), [.request, .postpone, .cancel])
        XCTAssertEqual(TripLifecycle.allowed(from: .travelled, needsReapproval: true), [.report, .reapprove])
        XCTAssertEqual(TripLifecycle.allowed(from: .closed), [])
    }

    func testRefusalSaysWhatIsAllowed() {
        XCTAssertThrowsError(try TripLifecycle.next(from: .planned, action: .book)) { error in
            XCTAssertEqual(
                "\(error)", "a trip that is planned cannot take the step \"book\"; allowed from here: request, postpone, cancel")
        }
        XCTAssertThrowsError(try TripLifecycle.next(from: .cancelled, action: .request)) { error in
            XCTAssertEqual(
                "\(error)", "a trip that is cancelled cannot take the step \"request\"; allowed from here: none (the trip is cancelled)")
        }
        XCTAssertThrowsError(try TripLifecycle.next(from: .reportSubmitted, needsReapproval: true, action: .close)) { error in
            XCTAssertEqual(
                "\(error)",
                "a trip that is report submitted cannot take the step \"close\" (its actual cost is over the approved estimate and must be "
                    + "re-approved first); allowed from here: reapprove")
        }
    }

    func testStatusReadsBothForms() {
        XCTAssertEqual(TripStatus(reading: "Report Submitted"), .reportSubmitted)
        XCTAssertEqual(TripStatus(reading: "report-submitted"), .reportSubmitted)
        XCTAssertEqual(TripStatus(reading: " Booked "), .booked)
        XCTAssertNil(TripStatus(reading: "done"))
    }
}
