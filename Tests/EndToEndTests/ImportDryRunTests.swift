import Foundation
import Testing

/// A dry run writes nothing: not even the database it names, when that
/// does not exist yet.
@Suite("Import dry run")
struct ImportDryRunTests {
    @Test func aDryRunIntoANewDatabaseLeavesNoFileBehind() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let file = (workspace.path as NSString).appendingPathComponent("neue-kunden.csv")
        try "\u{FEFF}Firma;Ort;Land\r\nBäckerei Sommer;Köln;Deutschland\r\nOptik Weiß;Graz;Österreich\r\n".write(toFile: file, atomically: true, encoding: .utf8)
        // The usual place (XDG_DATA_HOME/kontor), where there is none yet.
        let folder = (workspace.environment["XDG_DATA_HOME"]! as NSString).appendingPathComponent("kontor")
        let db = (folder as NSString).appendingPathComponent("kontor.sqlite")
        let dry = try await Processes.run(kontor, ["import", "customers", file, "--dry-run"], environment: workspace.environment)
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.contains("2 would be new") && dry.out.contains("nothing written"), "\(dry.out)")
        let left = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasPrefix("kontor.sqlite") }
        #expect(left.isEmpty, "the dry run left \(left)")
        // The real run makes the database and imports what the dry run accepted.
        let real = try await Processes.run(kontor, ["import", "customers", file], environment: workspace.environment)
        #expect(real.status == 0 && FileManager.default.fileExists(atPath: db), "\(real.err)")
    }

    /// A database named by --db must be there: a mistyped path would
    /// otherwise become a new, empty database, without a word.
    @Test func aMistypedDatabaseIsRefusedNotCreated() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let file = (workspace.path as NSString).appendingPathComponent("kunden.csv")
        try "Firma;Ort\nBäckerei Sommer;Köln\n".write(toFile: file, atomically: true, encoding: .utf8)
        let typo = (workspace.path as NSString).appendingPathComponent("kontr.sqlite")
        for arguments in [["import", "customers", file, "--db", typo], ["import", "customers", file, "--dry-run", "--db", typo],
                          ["export", "customers", "--db", typo], ["datev", "debtors", "--db", typo]] {
            let run = try await Processes.run(kontor, arguments, environment: workspace.environment)
            #expect(run.status != 0 && run.err.contains("there is no database at \(typo)"), "\(arguments): \(run.err)")
            #expect(!FileManager.default.fileExists(atPath: typo), "\(arguments) made \(typo)")
        }
    }

    /// From standard input (as over SSH), the rejected rows come back on
    /// standard error: the copy of the input they would lie beside is gone
    /// when the command ends.
    @Test func theRejectedRowsOfStandardInputComeBackOnStandardError() async throws {
        let workspace = try Workspace()
        let kontor = try KontorBinary.path()
        let db = try await workspace.demoDatabase(scale: 20)
        let file = (workspace.path as NSString).appendingPathComponent("kunden.csv")
        try "Firma;Ort;E-Mail\nBäckerei Sommer;Köln;info@sommer.example\nOptik Weiß;Graz;kein-at-zeichen\n".write(toFile: file, atomically: true, encoding: .utf8)
        let run = try await Processes.run(kontor, ["import", "customers", "-", "--skip-bad", "--db", db], environment: workspace.environment, stdin: file)
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("standard error (2> FILE keeps them)"), "\(run.out)")
        #expect(run.err.contains("Optik Weiß") && !run.err.contains("Bäckerei Sommer"), "\(run.err)")
    }
}
