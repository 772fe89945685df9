import Foundation

// The vocabulary shared by the report writers (Markdown, Word) and readers: what a report is
// made of, the fixed assessment content, and how placeholders look.

// MARK: - Blocks

/// One piece of a report as the template writes it. Both the Markdown and the Word writer
/// render the same list of blocks, so the two files of a visit always say the same thing.
public enum ReportBlock: Equatable, Sendable {
    case title(String)
    case heading1(String)
    case heading2(String)
    /// Free text; may hold placeholders.
    case paragraph(String)
    /// `Label: value`, the label in bold.
    case field(label: String, value: String)
    /// A guiding question or instruction: template text, never counted as the desk officer's work.
    case guidance(String)
    /// A tick box (A4P+ priorities).
    case checkbox(String, checked: Bool)
    /// A table whose first row is the header.
    case table(header: [String], rows: [[String]])
}

/// A report as read back from a file: headings, text and tables, in document order.
public enum ReadBlock: Equatable, Sendable {
    /// Level 0 is the title, 1 and 2 the two heading levels.
    case heading(level: Int, text: String)
    case text(String)
    /// Rows of cells; the first row is the header.
    case table([[String]])
}

// MARK: - Placeholders

/// `[[TO FILL: what to write]]`: impossible to miss in Word or Markdown, and found by a
/// pattern no real report text matches.
public enum Placeholder {
    public static func make(_ hint: String) -> String { "[[TO FILL: \(hint)]]" }

    /// Every placeholder in `text`, including a damaged one missing its closing brackets.
    public static func find(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: "[[TO FILL", options: .caseInsensitive) {
            let tail = rest[start.lowerBound...]
            if let end = tail.range(of: "]]") {
                found.append(String(tail[..<end.upperBound]))
                rest = tail[end.upperBound...]
            } else {
                found.append(String(tail.prefix(60)))
                break
            }
        }
        return found
    }

    public static func contains(_ text: String) -> Bool { text.range(of: "[[TO FILL", options: .caseInsensitive) != nil }
}

// MARK: - Assessment content

/// The four areas of the Strategic Guidance Framework for International Police Peacekeeping.
public enum SGFArea: String, CaseIterable, Sendable {
    case command = "Police command"
    case operations = "Police operations"
    case administration = "Police administration"
    case capacity = "Police capacity-building and development"

    /// The short name desk officers type in the recommendations table.
    public var shortName: String {
        switch self {
        case .command: return "command"
        case .operations: return "operations"
        case .administration: return "administration"
        case .capacity: return "capacity-building"
        }
    }

    public var guidingQuestions: [String] {
        switch self {
        case .command:
            return [
                "Is the Police Commissioner's command structure clear, staffed and exercised as the SGF command guideline describes?",
                "Do the component's plans, directives and priorities follow from the mandate and the mission concept?",
                "How are police commanders integrated with the mission leadership, the military and civilian components?",
                "How is performance of individual officers and formed police units evaluated and acted upon?",
            ]
        case .operations:
            return [
                "Are operational structures (individual police officers, formed police units, specialized teams) deployed where the mandate needs them?",
                "How are community-oriented and intelligence-led policing practised, and with what results?",
                "Are public order and protection of civilians tasks planned, rehearsed and coordinated with the host-state police?",
                "How are investigations supported, and are serious crimes and sexual violence cases followed through?",
            ]
        case .administration:
            return [
                "Are budget, logistics, human resources and rotation processes supporting the mandate on time?",
                "Are vacancy rates, selection and deployment timelines within expectations? Which posts are critical?",
                "Are the safety, security, welfare and medical support of police personnel adequate?",
                "Are conduct and discipline, reporting and records management working?",
            ]
        case .capacity:
            return [
                "What support does the component give to host-state police reform, restructuring and rebuilding?",
                "Is there an agreed development plan with the host-state police, with baselines and indicators?",
                "How are training, mentoring and co-location organized, and are they sustainable after the mission?",
                "Is capacity-building coordinated with the UN country team, donors and bilateral partners?",
            ]
        }
    }

    /// The area a desk officer meant, from a full name, short name or any case of either.
    public static func matching(_ text: String) -> SGFArea? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        guard !t.isEmpty else { return nil }
        for area in allCases where t == area.rawValue.lowercased() || t == area.shortName || t == "police " + area.shortName {
            return area
        }
        if t.hasPrefix("capacity") || t.contains("capacity-building") || t.contains("capacity building") { return .capacity }
        return nil
    }
}

/// Action for Peacekeeping Plus priorities, and its two cross-cutting themes.
public enum A4PPriority {
    public static let all = [
        "Collective coherence behind a political strategy",
        "Strategic and operational integration",
        "Capabilities and mindsets",
        "Accountability to peacekeepers (safety and security)",
        "Accountability of peacekeepers (conduct and performance)",
        "Strategic communications",
        "Cooperation with host countries",
        "Cross-cutting: women, peace and security",
        "Cross-cutting: data-driven and technology-enabled peacekeeping",
    ]
}

/// Recommendation priorities, in the order HQ reads them.
public enum RecommendationPriority {
    public static let order = ["high", "medium", "low"]

    public static func rank(_ text: String) -> Int {
        order.firstIndex(of: text.trimmingCharacters(in: .whitespaces).lowercased()) ?? order.count
    }
}

/// One row of a report's recommendations table, as the desk officer wrote it.
public struct Recommendation: Equatable, Sendable {
    public var text: String
    public var addressedTo: String
    public var deadline: String
    public var priority: String
    public var area: String

    public init(text: String, addressedTo: String, deadline: String, priority: String, area: String) {
        self.text = text
        self.addressedTo = addressedTo
        self.deadline = deadline
        self.priority = priority
        self.area = area
    }
}
