import ArgumentParser
import VisitPlannerCore

/// Envelopes typed on the command line, checked for what shells and people really send.
///
/// In bash, `--budget "$100,000"` arrives as `00,000` (`$1` is expanded as a variable): taken at
/// face value that is $0.00, which plans nothing and used to overwrite the year's plan. So an
/// amount is refused when it has a shape no person writes (a grouped number starting with 0),
/// when it is zero, or when it is below `smallest`, with a message that says how to type it.
enum BudgetArgument {
    /// The smallest envelope taken as meant: anything less is almost surely a typo or a
    /// shell-mangled amount (no trip costs less).
    static let smallest = Money(dollars: 100)

    static func parse(_ text: String, option: String) throws -> Money {
        let hint = "write it without $ or commas, e.g. \(option) 100000 (in the shell, \"$1…\" in double quotes loses the $1)"
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard let amount = Money(parsing: trimmed) else {
            throw ValidationError("\(option): \"\(text)\" is not an amount in US dollars; \(hint)")
        }
        let digits = trimmed.drop { $0 == "$" }
        if digits.hasPrefix("0") && (digits.contains(",") || digits.count > 1 && !digits.hasPrefix("0.")) {
            throw ValidationError("\(option): \"\(text)\" starts with 0, so part of it was probably lost; \(hint)")
        }
        guard amount >= smallest else {
            throw ValidationError(
                "\(option): \(amount) is not a plausible envelope (the smallest taken is \(smallest)); \(hint)")
        }
        return amount
    }
}

/// `--name` becomes a folder: safe characters only, and no name Windows cannot open (a plan
/// folder is often copied to a shared drive).
enum PlanName {
    static func check(_ name: String) throws {
        if safeFileName(name) != name {
            throw ValidationError("--name: use letters, digits, '-', '_' and '.', e.g. \(safeFileName(name))")
        }
        if let problem = FileNameRules.problem(with: name) {
            throw ValidationError("--name: \(problem); choose another name")
        }
    }
}
