import Foundation
import GLPK
import Testing

// MARK: - Export, read back, same optimum

@Suite struct ExportTests {
    /// A maximization with awkward names (spaces, a leading digit, a keyword, a collision after
    /// sanitizing, an empty name), a ranged row, an equality, integer, binary and free columns,
    /// and a column in no row.
    ///
    /// By hand: a, b binary; k integer in [0, 4]; f free continuous; z in [0, 2] in no row.
    /// max 5a + 4b + 3k + 0f + 1z, rows: 2a + 3b + k ∈ [1, 5] ("cap 1"), f − k = 0 ("end"),
    /// a + b ≤ 1 ("1st"). With a + b ≤ 1: a = 1 leaves k ≤ 3 → 5 + 9 = 14; b = 1 → k ≤ 2:
    /// 4 + 6 = 10; neither → k = 4: 12. Plus z = 2: optimum 16 (a = 1, k = 3, f = 3, z = 2).
    static func awkwardModel() -> LinearModel {
        var model = LinearModel(name: "awkward model *\\", sense: .maximize)
        let a = model.addVariable(name: "a b", kind: .binary, objective: 5)
        let b = model.addVariable(name: "a_b", kind: .binary, objective: 4)
        let k = model.addVariable(name: "1k", kind: .integer, upper: 4, objective: 3)
        let f = model.addVariable(name: "end", lower: -.infinity)
        model.addVariable(name: "", upper: 2, objective: 1)
        model.addConstraint(name: "cap 1", terms: [.init(a, 2), .init(b, 3), .init(k, 1)], lower: 1, upper: 5)
        model.addConstraint(name: "end", terms: [.init(f, 1), .init(k, -1)], lower: 0, upper: 0)
        model.addConstraint(name: "1st", terms: [.init(a, 1), .init(b, 1)], upper: 1)
        return model
    }

    private func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("glpk-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func cplexLPRoundTripKeepsSenseAndOptimum() throws {
        let model = Self.awkwardModel()
        let direct = try GLPKSolver.solve(model)
        #expect(direct.status == .optimal)
        #expect(direct.objective == 16)
        #expect(direct.values == [1, 0, 3, 3, 2])

        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("model.lp")
        try GLPKSolver.export(model, to: url, format: .cplexLP)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains("Maximize"))
        for name in ["a_b ", "a_b_2", "x_1k", "x_end", "x4", "r_1st"] {
            #expect(text.contains(name), "missing \(name) in\n\(text)")
        }
        // Only the final file remains: the temporary one was renamed.
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path) == ["model.lp"])

        let reread = try GLPKSolver.solve(file: url, format: .cplexLP)
        #expect(reread.status == .optimal)
        #expect(reread.objective == 16)
    }

    @Test func freeMPSRoundTripIsTheMinimization() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("model.mps")
        try GLPKSolver.export(Self.awkwardModel(), to: url, format: .freeMPS)
        let reread = try GLPKSolver.solve(file: url, format: .freeMPS)
        #expect(reread.status == .optimal)
        #expect(reread.objective == -16)
        #expect(Array(reread.values) == [1, 0, 3, 3, 2])  // MPS keeps ranged rows: same columns

        // A minimization is exported as is.
        var minimize = Self.awkwardModel()
        minimize.sense = .minimize
        try GLPKSolver.export(minimize, to: url, format: .freeMPS)
        #expect(try GLPKSolver.solve(file: url, format: .freeMPS).objective == (try GLPKSolver.solve(minimize).objective))
    }

    @Test func knapsackRoundTripBothFormats() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let lp = directory.appendingPathComponent("k.lp")
        let mps = directory.appendingPathComponent("k.mps")
        try GLPKSolver.export(Fixtures.knapsack(), to: lp, format: .cplexLP)
        try GLPKSolver.export(Fixtures.knapsack(), to: mps, format: .freeMPS)
        let fromLP = try GLPKSolver.solve(file: lp, format: .cplexLP)
        let fromMPS = try GLPKSolver.solve(file: mps, format: .freeMPS)
        #expect(fromLP.objective == 25 && fromLP.values == [1, 0, 1, 1, 0])
        #expect(fromMPS.objective == -25 && fromMPS.values == [1, 0, 1, 1, 0])
    }

    @Test func modelWithoutConstraints() throws {
        var model = LinearModel(name: "box", sense: .maximize)
        model.addVariable(name: "x", kind: .integer, upper: 7, objective: 2)
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(
            throws: GLPKError.invalidModel(
                "model 'box' has no constraints; GLPK's CPLEX LP writer would drop every variable (export it as freeMPS)")
        ) { try GLPKSolver.export(model, to: directory.appendingPathComponent("box.lp"), format: .cplexLP) }
        let mps = directory.appendingPathComponent("box.mps")
        try GLPKSolver.export(model, to: mps, format: .freeMPS)
        #expect(try GLPKSolver.solve(file: mps, format: .freeMPS).objective == -14)
    }

    @Test func badFilesAreIOErrors() throws {
        let directory = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let garbage = directory.appendingPathComponent("garbage.lp")
        try "this is not an LP file".write(to: garbage, atomically: true, encoding: .utf8)
        #expect {
            try GLPKSolver.solve(file: garbage, format: .cplexLP)
        } throws: { error in
            guard case GLPKError.io(let message) = error else { return false }
            return message.hasPrefix("cannot read \(garbage.path): ")
        }
        #expect {
            try GLPKSolver.solve(file: directory.appendingPathComponent("missing.mps"), format: .freeMPS)
        } throws: { error in
            if case GLPKError.io = error { true } else { false }
        }
        #expect {
            try GLPKSolver.export(
                Fixtures.knapsack(), to: directory.appendingPathComponent("no/such/dir/k.lp"), format: .cplexLP)
        } throws: { error in
            if case GLPKError.io = error { true } else { false }
        }
    }
}
