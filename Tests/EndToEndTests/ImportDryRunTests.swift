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
        let db = (workspace.path as NSString).appendingPathComponent("neu.sqlite")
        let dry = try await Processes.run(kontor, ["import", "customers", file, "--dry-run", "--db", db], environment: workspace.environment)
        #expect(dry.status == 0, "\(dry.err)")
        #expect(dry.out.contains("2 would be new") && dry.out.contains("nothing written"), "\(dry.out)")
        let left = try FileManager.default.contentsOfDirectory(atPath: workspace.path).filter { $0.hasPrefix("neu.sqlite") }
        #expect(left.isEmpty, "the dry run left \(left)")
        // The real run makes the database and imports what the dry run accepted.
        let real = try await Processes.run(kontor, ["import", "customers", file, "--db", db], environment: workspace.environment)
        #expect(real.status == 0 && FileManager.default.fileExists(atPath: db), "\(real.err)")
    }
}
