// swift-tools-version: 6.1
import PackageDescription

/// libFuzzer targets over Kontor's modules. Built and run by `Fuzz/run`
/// with `-sanitize=fuzzer,address`; not part of `swift test` (a crash a
/// fuzzer finds becomes a regression test there instead).
let package = Package(
    name: "KontorFuzz",
    dependencies: [.package(name: "Kontor", path: "..")],
    targets: [
        .target(name: "FuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["FuzzDriver", .product(name: "KontorKit", package: "Kontor")]),
        .executableTarget(name: "fuzz-text", dependencies: ["FuzzSupport", "FuzzDriver", .product(name: "KontorKit", package: "Kontor")]),
        .executableTarget(name: "fuzz-app", dependencies: ["FuzzSupport", "FuzzDriver", .product(name: "KontorKit", package: "Kontor")]),
        .executableTarget(name: "fuzz-csv", dependencies: ["FuzzSupport", "FuzzDriver", .product(name: "KontorKit", package: "Kontor")]),
        .executableTarget(name: "fuzz-parsers", dependencies: ["FuzzSupport", "FuzzDriver", .product(name: "KontorKit", package: "Kontor")]),
    ],
    swiftLanguageModes: [.v6]
)
