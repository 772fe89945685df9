// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "VisitPlanner",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "visitplan", targets: ["visitplan"]),
        .executable(name: "visitplan-bench", targets: ["visitplan-bench"]),
        .library(name: "VisitPlannerCore", targets: ["VisitPlannerCore"]),
        .library(name: "VisitPlannerRegister", targets: ["VisitPlannerRegister"]),
        .library(name: "VisitPlannerReports", targets: ["VisitPlannerReports"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.19"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
    ],
    targets: [
        // GLPK's C API (glpk.h from libglpk-dev; Debian ships no glpk.pc) plus a few C functions
        // that turn GLPK's abort() on internal errors into return values (setjmp/longjmp must
        // stay in C, see Sources/CGLPK/include/CGLPK.h).
        .target(
            name: "CGLPK",
            linkerSettings: [.linkedLibrary("glpk")]
        ),
        // The only Swift code that imports CGLPK: a safe, validated wrapper.
        .target(
            name: "GLPK",
            dependencies: [
                "CGLPK",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // renameat2 (atomic exchange / no-replace), which Glibc does not declare: see its header.
        .target(name: "CFileOps"),
        // Data model, loading, validation, costing, the planning model and its solve.
        .target(
            name: "VisitPlannerCore",
            dependencies: [
                "GLPK",
                "CFileOps",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The one writer per format (Escape, MarkdownWriter, CSVWriter) and terminal tables:
        // shared by the renderers and the reports, so both escape data the same way.
        .target(name: "VisitPlannerWriters", dependencies: ["VisitPlannerCore"]),
        // Assessment reports: templates (Markdown, Word), reading them back, checks, ledger,
        // the recommendations roll-up. Usable without the renderers (register, web).
        .target(
            name: "VisitPlannerReports",
            dependencies: [
                "VisitPlannerCore",
                "VisitPlannerWriters",
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // Everything a person opens of a plan: Markdown, CSV, iCalendar, HTML/SVG; writes the
        // report templates of a new plan through VisitPlannerReports.
        .target(
            name: "VisitPlannerRender",
            dependencies: [
                "VisitPlannerCore",
                "VisitPlannerWriters",
                "VisitPlannerReports",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The year's register (SQLite through GRDB): what happens to the plan after planning.
        // Depends on Core, the writers and the reports (never the renderers); nothing depends on it
        // but the command line.
        .target(
            name: "VisitPlannerRegister",
            dependencies: [
                "VisitPlannerCore",
                "VisitPlannerWriters",
                "VisitPlannerReports",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // `visitplan serve`: the web application over the same core, data folder and register.
        .target(
            name: "VisitPlannerWeb",
            dependencies: [
                "VisitPlannerCore",
                "VisitPlannerReports",
                "VisitPlannerRender",
                "VisitPlannerWriters",
                "VisitPlannerRegister",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .executableTarget(
            name: "visitplan",
            dependencies: [
                "VisitPlannerCore",
                "VisitPlannerWriters",
                "VisitPlannerReports",
                "VisitPlannerRender",
                "VisitPlannerRegister",
                "VisitPlannerWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "visitplan-bench",
            dependencies: [
                "VisitPlannerCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GLPKTests", dependencies: ["GLPK"]),
        .testTarget(
            name: "VisitPlannerCoreTests",
            dependencies: ["VisitPlannerCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "VisitPlannerRenderTests",
            dependencies: ["VisitPlannerRender", "VisitPlannerReports", "VisitPlannerWriters", "VisitPlannerCore"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "VisitPlannerReportsTests",
            dependencies: ["VisitPlannerReports", "VisitPlannerWriters", "VisitPlannerCore"],
            resources: [.copy("Golden")]
        ),
        .testTarget(
            name: "visitplanTests",
            dependencies: ["visitplan", "VisitPlannerCore", "VisitPlannerRender", "VisitPlannerReports", "VisitPlannerRegister"]
        ),
        .testTarget(
            name: "VisitPlannerRegisterTests",
            dependencies: [
                "VisitPlannerRegister", "VisitPlannerCore", "VisitPlannerReports",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "VisitPlannerWebTests",
            dependencies: [
                "VisitPlannerWeb", "VisitPlannerRegister", "VisitPlannerCore",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
