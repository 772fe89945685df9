import GLPK

// MARK: - Small models checkable by hand

enum Fixtures {
    /// 0-1 knapsack, capacity 11:
    ///
    /// | item | a | b | c | d | e |
    /// |---|---|---|---|---|---|
    /// | value | 10 | 13 | 7 | 8 | 9 |
    /// | weight | 4 | 6 | 3 | 4 | 5 |
    ///
    /// By enumeration of the subsets of weight ≤ 11, the best is {a, c, d}: weight 4+3+4 = 11,
    /// value 10+7+8 = 25 (next best {a, b}: 23; {b, e}: 22). The LP relaxation is fractional
    /// (a, c, then 4/6 of b: 25.67), so branch-and-bound really runs.
    static func knapsack(scale: Double = 1) -> LinearModel {
        var model = LinearModel(name: "knapsack", sense: .maximize)
        let values = [10.0, 13, 7, 8, 9].map { $0 * scale }
        let weights = [4.0, 6, 3, 4, 5]
        for (index, name) in ["a", "b", "c", "d", "e"].enumerated() {
            model.addVariable(name: name, kind: .binary, objective: values[index])
        }
        model.addConstraint(
            name: "capacity", terms: weights.enumerated().map { LinearModel.Term($0.offset, $0.element) }, upper: 11)
        return model
    }

    /// A small random knapsack for the concurrency test: seed decides weights and values.
    static func randomKnapsack(seed: UInt64, items: Int = 12, rows: Int = 2) -> LinearModel {
        var random = LCG(seed: seed)
        var model = LinearModel(name: "random-\(seed)", sense: .maximize)
        for item in 0..<items {
            model.addVariable(name: "item\(item)", kind: .binary, objective: Double(10 + random.next(upTo: 40)))
        }
        for row in 0..<rows {
            var weights: [LinearModel.Term] = []
            var total = 0.0
            for item in 0..<items {
                let weight = Double(5 + random.next(upTo: 30))
                weights.append(.init(item, weight))
                total += weight
            }
            model.addConstraint(name: "row\(row)", terms: weights, upper: (total / 2).rounded())
        }
        return model
    }

    /// The "hard-ish" instance: 150 items, 3 knapsack rows, values correlated with weights
    /// (which is what makes knapsacks hard for branch-and-bound).
    static func multiKnapsack(seed: UInt64 = 2024, items: Int = 150) -> LinearModel {
        var random = LCG(seed: seed)
        var model = LinearModel(name: "multi-knapsack", sense: .maximize)
        var weights = [[Double]](repeating: [], count: 3)
        for row in 0..<3 {
            weights[row] = (0..<items).map { _ in Double(20 + random.next(upTo: 80)) }
        }
        for item in 0..<items {
            let average = (weights[0][item] + weights[1][item] + weights[2][item]) / 3
            model.addVariable(name: "item\(item)", kind: .binary, objective: average + Double(random.next(upTo: 10)))
        }
        for row in 0..<3 {
            let total = weights[row].reduce(0, +)
            model.addConstraint(
                name: "resource\(row)", terms: weights[row].enumerated().map { .init($0.offset, $0.element) },
                upper: (total / 2).rounded())
        }
        return model
    }
}

// MARK: - LCG

/// Deterministic numbers so the random instances are the same on every run and machine
/// (Knuth's MMIX constants).
struct LCG {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(upTo bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }
}
