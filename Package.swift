// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Kontor",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "kontor", targets: ["kontor"]),
        // The modules, for the fuzz targets in Fuzz/ (a package of its own,
        // built with the fuzzer's instrumentation, never by `swift test`).
        .library(name: "KontorKit", targets: ["KontorText", "KontorLocale", "KontorCSV", "KontorModel", "KontorUI", "KontorApp"]),
    ],
    dependencies: [
        // SQLite access: pools, WAL, migrations, records, FTS5.
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        // The command line: subcommands, options, help and error messages.
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // Property tests: random inputs, shrunk to the smallest failing one.
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // C shim over ncursesw: macros and globals become functions Swift can call.
        .target(
            name: "CNcurses",
            cSettings: [.define("_XOPEN_SOURCE_EXTENDED"), .define("NCURSES_WIDECHAR", to: "1")],
            linkerSettings: [.linkedLibrary("ncursesw")]
        ),
        // cairo, Debian's 2D graphics library, for printed invoices as PDF
        // (libcairo2-dev). Found through pkg-config; the header is cairo's own.
        .systemLibrary(
            name: "CCairo",
            pkgConfig: "cairo",
            providers: [.apt(["libcairo2-dev"])]
        ),
        // Text made safe to show, for the screen and the printed documents
        // alike: the model and the toolkit may not import each other.
        .target(name: "KontorText"),
        .target(name: "KontorLocale"),
        // CSV as spreadsheets write it: reading (streaming, dialect
        // detection, read ahead on a second thread), writing, numbers and
        // dates. Knows nothing of the business.
        .target(name: "KontorCSV", dependencies: ["KontorText", "KontorLocale"]),
        // Bank statements as banks send them (ISO 20022 camt.053, or a
        // bank's CSV export read with the import's CSV reader), read into
        // plain values. Knows nothing of invoices.
        .target(name: "KontorBankFiles", dependencies: ["KontorCSV", "KontorText", "KontorLocale", "CXMLReader"]),
        // SQLite's process-wide settings, made before its first connection
        // (the system's libsqlite3, as GRDB uses it).
        .target(name: "CSQLiteSetup", linkerSettings: [.linkedLibrary("sqlite3")]),
        // The business model over SQLite. Knows nothing of terminals.
        .target(
            name: "KontorModel",
            dependencies: ["KontorText", "KontorLocale", "KontorCSV", "KontorBankFiles", "KontorMail", "CSQLiteSetup",
                           .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // libxml2 (its headers and library, found by pkg-config), and a thin
        // C face over its streaming writer (xmlTextWriter) for the e-invoices.
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .target(name: "CXMLWriter", dependencies: ["CLibXML2"]),
        // The same for its streaming reader (xmlTextReader): bank statements.
        .target(name: "CXMLReader", dependencies: ["CLibXML2"]),
        // GMime (the MIME parser of notmuch and Evolution, found by
        // pkg-config) and a thin C face over it and libxml2's HTML parser,
        // for mail coming in.
        .systemLibrary(name: "CGMime", pkgConfig: "gmime-3.0", providers: [.apt(["libgmime-3.0-dev"])]),
        .target(name: "CMailReader", dependencies: ["CGMime", "CLibXML2"]),
        // Mail as it arrives, read into plain values: sender, recipients,
        // threading headers, the text a person wrote, attachments, and
        // whether a machine sent it. Knows nothing of tickets.
        .target(name: "KontorMail", dependencies: ["CMailReader", "KontorLocale"]),
        // XRechnung e-invoices (UBL 2.1, CII) of issued invoices, written
        // with libxml2's writer, checked before they are written.
        .target(name: "KontorEInvoice", dependencies: ["KontorModel", "KontorLocale", "CXMLWriter"]),
        // Printed invoices as PDF (A4, DIN 5008): lays out the model's
        // `InvoiceSheet` with cairo. Knows nothing of SQLite or terminals.
        .target(name: "KontorPDF", dependencies: ["KontorModel", "CCairo"]),
        // The terminal toolkit. Knows nothing of customers or invoices.
        .target(
            name: "KontorUI",
            dependencies: ["CNcurses", "KontorText", "KontorLocale"]
        ),
        // The way in on a shared server: its configuration, who the caller
        // is, the commands an SSH key may run, the authorized_keys file.
        .target(
            name: "KontorAccess",
            dependencies: ["KontorModel", "KontorText", "KontorLocale"]
        ),
        // Screens, navigation and application state over the model and the toolkit.
        .target(
            name: "KontorApp",
            dependencies: ["KontorModel", "KontorUI", "KontorEInvoice", "KontorPDF", "KontorText", "KontorLocale"]
        ),
        // The command line: wiring only.
        .executableTarget(
            name: "kontor",
            dependencies: [
                "KontorApp", "KontorModel", "KontorUI", "KontorText", "KontorLocale", "KontorAccess", "KontorEInvoice", "KontorBankFiles", "KontorMail", "KontorPDF",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KontorModelTests", dependencies: [
            "KontorModel", "KontorText", "KontorCSV", "KontorBankFiles", "KontorMail", "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "KontorAccessTests", dependencies: ["KontorAccess", "KontorModel"]),
        .testTarget(name: "KontorUITests", dependencies: [
            "KontorUI", "KontorText", .product(name: "PropertyBased", package: "swift-property-based"),
        ]),
        .testTarget(name: "KontorEInvoiceTests", dependencies: ["KontorEInvoice", "KontorModel", "KontorLocale", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "KontorMailTests", dependencies: ["KontorMail", "TestSupport"]),
        .testTarget(name: "KontorPDFTests", dependencies: ["KontorPDF", "KontorModel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "KontorCSVTests", dependencies: ["KontorCSV"]),
        .testTarget(name: "KontorLocaleTests", dependencies: ["KontorLocale"]),
        .testTarget(
            name: "KontorAppTests",
            dependencies: ["KontorApp", "KontorModel", "KontorUI", "KontorLocale", "KontorMail", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["Goldens"]
        ),
        .testTarget(name: "EndToEndTests", dependencies: ["KontorModel", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        // What several test targets share: the shared data's place, fixture settings.
        .target(name: "TestSupport", dependencies: ["KontorModel"], path: "Tests/TestSupport"),
    ],
    swiftLanguageModes: [.v6]
)
