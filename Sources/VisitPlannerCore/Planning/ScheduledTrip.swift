/// A trip of the plan: a chosen trip type (manager, operations in order, nights at each)
/// with the departure day the scheduler gave it.
struct ScheduledTrip: Sendable {
    /// Index into `PlanningData.managers`.
    let manager: Int
    /// Indices into `PlanningData.operations`, in visiting order.
    let stops: [Int]
    let nights: [Int]
    /// Day offset from the horizon start of the first leg.
    let depart: Int
    /// Days away, departure and return days included (from the trip's timeline).
    let days: Int
    /// Day offset of the landing back home.
    var returnDay: Int { depart + days - 1 }
    let cost: TripCost
    /// Assessment value in basis points of priority (one plain visit of priority p is p × 10,000).
    let value: Int
    /// Whether each stay lies wholly inside a preferred window.
    let preferred: [Bool]
}

/// How assessment value is counted, in basis points of an operation's priority.
struct ValueRules: Sendable {
    let preferredBonus: Int
    let ownBonus: Int
    let virtualShare: Int

    init(policy: Policy) {
        preferredBonus = Int(policy.preferredWindowBonus.millionths / 100)
        ownBonus = Int(policy.ownPortfolioBonus.millionths / 100)
        virtualShare = Int(policy.virtualShare.millionths / 100)
    }

    /// 100% of priority = 10,000 points.
    static let base = 10_000

    func inPerson(priority: Int, preferred: Bool, own: Bool) -> Int {
        priority * (ValueRules.base + (preferred ? preferredBonus : 0) + (own ? ownBonus : 0))
    }

    func virtual(priority: Int) -> Int { priority * virtualShare }
}

/// Assessment value as people read it: priority units with up to two decimals (`14`, `11.5`).
public struct AssessmentValue: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Basis points of priority.
    public var points: Int
    public init(points: Int) { self.points = points }
    public static func < (a: Self, b: Self) -> Bool { a.points < b.points }
    public var description: String {
        let negative = points < 0
        let m = abs(points)
        // Two decimals are exact whenever bonuses are whole percents.
        let hundredths = (m + 50) / 100
        var text = String(hundredths / 100)
        let frac = hundredths % 100
        if frac != 0 { text += frac % 10 == 0 ? ".\(frac / 10)" : (frac < 10 ? ".0\(frac)" : ".\(frac)") }
        return (negative ? "-" : "") + text
    }
    public var decimal: Double { Double(points) / Double(ValueRules.base) }
}
