import ArgumentParser
import Foundation
import KontorLocale
import KontorModel

/// `kontor demo`: a database full of realistic data, opened in the UI.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: tr("Create a demo database with realistic data and open it."),
        discussion: tr("An empty demo database is filled first; one that already holds data is simply opened.")
    )

    @Option(name: .long, help: ArgumentHelp(tr("The demo database file (default: demo.sqlite in the data folder)."), valueName: "path"))
    var db: String?

    @Flag(name: .long, help: ArgumentHelp(tr("Only create and fill the database; refuses one that is not empty.")))
    var seedOnly = false

    @Option(name: .long, help: ArgumentHelp(tr("Number of customers to create (the rest in proportion)."), valueName: "N"))
    var scale: Int = DemoSeeder.defaultScale

    @OptionGroup var ui: UIOptions

    func validate() throws {
        if let db, db.trimmingCharacters(in: .whitespaces).isEmpty {
            throw ValidationError(tr("--db needs a file path, got an empty one"))
        }
        guard scale >= 1 else { throw ValidationError(tr("--scale must be at least 1, got {0}", scale)) }
        guard scale <= 10_000_000 else { throw ValidationError(tr("--scale must be at most 10000000, got {0}", scale)) }
    }

    func run() throws {
        var options = DatabaseOptions()
        options.db = db
        let theme = seedOnly ? nil : try Terminal.theme(named: ui.theme)
        if !seedOnly { try Terminal.requireTerminal() }
        let database = try options.open(defaultName: "demo.sqlite", creates: true)
        if try database.isEmpty() {
            FileHandle.standardError.write(Data((tr("kontor: creating demo data ({0} customers) in {1}…", scale, database.path) + "\n").utf8))
            let bar = ProgressBar()
            let report = try DemoSeeder.seed(database, scale: scale, actor: Actor.current(), progress: bar.update)
            bar.finish()
            let rate = Int(report.rowsPerSecond)
            FileHandle.standardError.write(Data((tr("kontor: {0} rows in {1} s ({2} rows/s)", report.rows, String(format: "%.2f", report.seconds), rate) + "\n").utf8))
            FileHandle.standardError.write(Data((tr("kontor: steps: {0}", bar.stepTimes) + "\n").utf8))
        } else if seedOnly {
            throw KontorFailure(KontorError.notEmpty(path: database.path).description)
        }
        if let theme { try Terminal.runUI(database: database, theme: theme) }
    }
}
