import ArgumentParser
import Foundation
import KontorModel

/// `kontor demo`: a database full of realistic data, opened in the UI.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a demo database with realistic data and open it.",
        discussion: "An empty demo database is filled first; one that already holds data is simply opened."
    )

    @Option(name: .long, help: ArgumentHelp("The demo database file (default: demo.sqlite in the data folder).", valueName: "path"))
    var db: String?

    @Flag(name: .long, help: "Only create and fill the database; refuses one that is not empty.")
    var seedOnly = false

    @Option(name: .long, help: ArgumentHelp("Number of customers to create (the rest in proportion).", valueName: "N"))
    var scale: Int = DemoSeeder.defaultScale

    @OptionGroup var ui: UIOptions

    func validate() throws {
        if let db, db.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError("--db needs a file path, got an empty one")
        }
        guard scale >= 1 else { throw ValidationError("--scale must be at least 1, got \(scale)") }
        guard scale <= 10_000_000 else { throw ValidationError("--scale must be at most 10000000, got \(scale)") }
    }

    func run() throws {
        var options = DatabaseOptions()
        options.db = db
        let theme = seedOnly ? nil : try Terminal.theme(named: ui.theme)
        if !seedOnly { try Terminal.requireTerminal() }
        let database = try options.open(defaultName: "demo.sqlite")
        if try database.isEmpty() {
            FileHandle.standardError.write(Data("kontor: creating demo data (\(scale) customers) in \(database.path)…\n".utf8))
            let bar = SeedProgressBar()
            let report = try DemoSeeder.seed(database, scale: scale, actor: Actor.current(), progress: bar.update)
            bar.finish()
            let rate = Int(report.rowsPerSecond)
            FileHandle.standardError.write(Data("kontor: \(report.rows) rows in \(String(format: "%.2f", report.seconds)) s (\(rate) rows/s)\n".utf8))
        } else if seedOnly {
            throw KontorFailure(KontorError.notEmpty(path: database.path).description)
        }
        if let theme { try Terminal.runUI(database: database, theme: theme) }
    }
}
