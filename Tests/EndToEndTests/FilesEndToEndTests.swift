import Foundation
import Testing

/// `kontor files` on a personal installation: the folders beside the
/// database, listed newest first, a file fetched and deleted; a name that
/// would act on a terminal is shown through the sanitiser.
@Suite("A person's files on the command line")
struct FilesEndToEndTests {
    @Test func theFilesBesideTheDatabaseAreListedFetchedAndDeleted() async throws {
        let workspace = try Workspace()
        let db = try await workspace.demoDatabase(scale: 20)
        let kontor = try KontorBinary.path()
        let env = workspace.environment
        let folder = (db as NSString).deletingLastPathComponent + "/exports"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("Firma;Ort\r\n".utf8).write(to: URL(fileURLWithPath: folder + "/kunden.csv"))
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder + "/bad\u{1B}[31mname.txt"))
        var run = try await Processes.run(kontor, ["files", "--db", db], environment: env)
        #expect(run.status == 0 && run.out.contains("exports/kunden.csv"), "\(run.out)\(run.err)")
        #expect(!run.out.contains("\u{1B}") && run.out.contains("bad␛[31mname.txt"), "\(run.out)")
        run = try await Processes.run(kontor, ["files", "get", "exports/kunden.csv", "--db", db], environment: env)
        #expect(run.status == 0 && run.out == "Firma;Ort\r\n", "\(run.err)")
        run = try await Processes.run(kontor, ["files", "get", "../kontor.sqlite", "--db", db], environment: env)
        #expect(run.status != 0 && run.err.contains("leads out of your files"), "\(run.err)")
        run = try await Processes.run(kontor, ["files", "delete", "exports/kunden.csv", "--db", db], environment: env)
        #expect(run.status == 0 && !FileManager.default.fileExists(atPath: folder + "/kunden.csv"), "\(run.out)\(run.err)")
    }
}
