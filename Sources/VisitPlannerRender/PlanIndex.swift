import Foundation
import VisitPlannerCore

/// Look-ups every renderer needs, built once from a PlanDocument: operations and managers by
/// code, trips in date order per manager, and a safe, unique file name for each traveller.
struct PlanIndex {
    let document: PlanDocument
    let operations: [String: PlanDocument.OperationInfo]
    let managers: [String: PlanDocument.ManagerInfo]
    /// Trips ordered by departure, then id.
    let trips: [PlanDocument.Trip]
    /// Managers who travel, in the document's manager order (then any unknown ids, sorted).
    let travellers: [String]
    /// `travellers` → a file name stem (no extension) safe for any file system and unique.
    let fileStems: [String: String]

    init(_ doc: PlanDocument) {
        document = doc
        operations = Dictionary(doc.operations.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        managers = Dictionary(doc.managers.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        trips = doc.trips.sorted { ($0.depart, $0.id) < ($1.depart, $1.id) }
        let travelling = Set(doc.trips.map(\.manager))
        var order: [String] = []
        for m in doc.managers where travelling.contains(m.id) && !order.contains(m.id) { order.append(m.id) }
        order += travelling.subtracting(order).sorted()
        travellers = order
        // Two ids may sanitize to the same name ("a/b", "a_b"): number the later ones.
        var stems: [String: String] = [:]
        var taken: Set<String> = []
        for id in order {
            let base = safeFileName(id)
            var stem = base
            var n = 2
            while taken.contains(stem.lowercased()) { stem = "\(base)-\(n)"; n += 1 }
            taken.insert(stem.lowercased())
            stems[id] = stem
        }
        fileStems = stems
    }

    func trips(of manager: String) -> [PlanDocument.Trip] { trips.filter { $0.manager == manager } }

    /// `Jane Doe (DO-CAF)`, or the id alone when the manager is unknown or has no other name.
    func managerLabel(_ id: String) -> String {
        guard let m = managers[id], !m.name.isEmpty, m.name != id else { return id }
        return "\(m.name) (\(id))"
    }

    func managerName(_ id: String) -> String {
        guard let m = managers[id], !m.name.isEmpty else { return id }
        return m.name
    }

    /// `Bangui, Central African Republic`, or empty when unknown.
    func place(_ code: String) -> String {
        guard let op = operations[code] else { return "" }
        return [op.hqCity, op.country].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    func operationName(_ code: String) -> String { operations[code]?.name ?? "" }

    /// `UNOAU + UNSOS`.
    static func stopCodes(_ trip: PlanDocument.Trip) -> String { trip.stops.map(\.operation).joined(separator: " + ") }
}

// MARK: - Dates for people

extension PlanIndex {
    static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `Mon 4 Jan 2027`.
    static func longDate(_ d: Day) -> String { "\(weekdayNames[d.weekday]) \(d.readable)" }

    /// `4 Jan`.
    static func shortDate(_ d: Day) -> String {
        let c = d.components
        return "\(c.day) \(Day.monthNames[c.month - 1].prefix(3))"
    }

    /// `January 2027`.
    static func monthYear(_ d: Day) -> String { "\(Day.monthNames[d.month - 1]) \(d.year)" }
}
