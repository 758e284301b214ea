// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Kontor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kontor", targets: ["kontor"]),
    ],
    dependencies: [
        // SQLite access: pools, WAL, migrations, records, FTS5.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // The command line: subcommands, options, help and error messages.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // C shim over ncursesw: macros and globals become functions Swift can call.
        .target(
            name: "CNcurses",
            cSettings: [.define("_XOPEN_SOURCE_EXTENDED"), .define("NCURSES_WIDECHAR", to: "1")],
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        // Text made safe to show, for the screen and the printed documents
        // alike: the model and the toolkit may not import each other.
        .target(name: "KontorText"),
        // CSV as spreadsheets write it: reading (streaming, dialect
        // detection), writing, numbers and dates. Knows nothing of the business.
        .target(name: "KontorCSV"),
        // The business model over SQLite. Knows nothing of terminals.
        .target(
            name: "KontorModel",
            dependencies: ["KontorText", "KontorCSV", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // The terminal toolkit. Knows nothing of customers or invoices.
        .target(
            name: "KontorUI",
            dependencies: ["CNcurses", "KontorText"]
        ),
        // Screens, navigation and application state over the model and the toolkit.
        .target(
            name: "KontorApp",
            dependencies: ["KontorModel", "KontorUI"]
        ),
        // The command line: wiring only.
        .executableTarget(
            name: "kontor",
            dependencies: [
                "KontorApp", "KontorModel", "KontorUI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KontorCSVTests", dependencies: ["KontorCSV"]),
        .testTarget(name: "KontorModelTests", dependencies: ["KontorModel", "KontorText", "KontorCSV", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "KontorUITests", dependencies: ["KontorUI"]),
        .testTarget(
            name: "KontorAppTests",
            dependencies: ["KontorApp", "KontorModel", "KontorUI", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Goldens"]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["KontorModel"]),
    ],
    swiftLanguageModes: [.v6]
)
