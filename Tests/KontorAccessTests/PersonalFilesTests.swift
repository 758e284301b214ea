import Foundation
import KontorAccess
import KontorModel
import Testing

/// A served person's own files: listed, fetched and deleted by a path
/// inside their folder, and nothing outside it.
@Suite("A person's files on a server")
struct PersonalFilesTests {
    let base: URL
    let mine: PersonalFiles

    init() throws {
        base = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-files-\(UUID().uuidString)")
        let anna = base.appendingPathComponent("files/anna")
        try FileManager.default.createDirectory(at: anna.appendingPathComponent("invoices"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("files/chef/invoices"), withIntermediateDirectories: true)
        try Data("%PDF-1.7 anna".utf8).write(to: anna.appendingPathComponent("invoices/2026-00042.pdf"))
        try Data("Rechnung".utf8).write(to: anna.appendingPathComponent("invoices/2026-00042.txt"))
        try Data("%PDF-1.7 chef".utf8).write(to: base.appendingPathComponent("files/chef/invoices/2026-00043.pdf"))
        try Data("secret".utf8).write(to: base.appendingPathComponent("kontor.sqlite"))
        // A link that leads out, as someone with a shell on the server could leave.
        try FileManager.default.createSymbolicLink(atPath: anna.appendingPathComponent("db").path, withDestinationPath: base.appendingPathComponent("kontor.sqlite").path)
        mkfifo(anna.appendingPathComponent("pipe").path, 0o600)
        mine = PersonalFiles(folder: anna.path)
    }

    @Test func theListHoldsOnlyTheirOwnFiles() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        #expect(Set(try mine.list().map(\.path)) == ["invoices/2026-00042.pdf", "invoices/2026-00042.txt"])
        #expect(try PersonalFiles(folder: base.appendingPathComponent("files/nobody").path).list().isEmpty)
    }

    @Test func aFileIsFetchedByItsPathInsideTheFolderAndNothingElse() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        #expect(try Data(contentsOf: mine.file("invoices/2026-00042.pdf")) == Data("%PDF-1.7 anna".utf8))
        #expect(try mine.file("./invoices/2026-00042.pdf") == mine.file("invoices/2026-00042.pdf"), "./ is the folder itself")
        for (path, reason) in [("../chef/invoices/2026-00043.pdf", "leads out of your files"),
                               ("invoices/../../chef/invoices/2026-00043.pdf", "leads out of your files"),
                               (base.appendingPathComponent("kontor.sqlite").path, "name a file as"),
                               ("db", "leads out of your files"),
                               ("invoices", "is a folder"),
                               ("pipe", "there is no file"),
                               ("invoices/2026-00099.pdf", "there is no file"),
                               ("", "name a file as")] {
            #expect(throws: AccessError.self, "\(path)") { try mine.file(path) }
            do { _ = try mine.file(path) } catch { #expect("\(error)".contains(reason), "\(path): \(error)") }
        }
    }

    /// On a computer of one's own the files folder is the database's own:
    /// the database, its journals, its presence file and its backups lie
    /// beside the made files and are never listed, fetched or deleted.
    @Test func besideTheDatabaseOnlyTheMadeFilesAreReached() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let own = PersonalFiles(folder: base.path)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("exports"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: base.appendingPathComponent("backups"), withIntermediateDirectories: true)
        try Data("a;b".utf8).write(to: base.appendingPathComponent("exports/customers.csv"))
        for name in ["kontor.sqlite-wal", "kontor.sqlite-shm", "kontor.sqlite-presence", "demo.sqlite", "backups/kontor-1.sqlite"] {
            try Data("db".utf8).write(to: base.appendingPathComponent(name))
        }
        #expect(Set(try own.list().map(\.path)) == ["exports/customers.csv"])
        for path in ["kontor.sqlite", "kontor.sqlite-wal", "demo.sqlite", "backups/kontor-1.sqlite", "files/anna/invoices/2026-00042.pdf"] {
            #expect(throws: AccessError.self, "\(path)") { try own.file(path) }
            #expect(throws: AccessError.self, "\(path)") { try own.delete(path) }
            #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent(path).path), "\(path) is kept")
        }
        #expect(try Data(contentsOf: own.file("exports/customers.csv")) == Data("a;b".utf8))
    }

    @Test func deletingRemovesTheFileAndItsEmptyFolder() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        try mine.delete("invoices/2026-00042.pdf")
        try mine.delete("invoices/2026-00042.txt")
        #expect(try mine.list().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: base.appendingPathComponent("files/anna/invoices").path))
        #expect(throws: AccessError.self) { try mine.delete("../chef/invoices/2026-00043.pdf") }
        #expect(FileManager.default.fileExists(atPath: base.appendingPathComponent("files/chef/invoices/2026-00043.pdf").path))
    }

    @Test func aServedDatabaseSaysHowToFetchWhatItWrote() throws {
        defer { try? FileManager.default.removeItem(at: base) }
        let path = base.appendingPathComponent("served/kontor.sqlite").path
        let served = try KontorDatabase(path: path, personalFilesOf: "anna")
        #expect(served.filesFolder == base.appendingPathComponent("served/files/anna").path)
        let pdf = served.filesFolder + "/invoices/2026-00042.pdf"
        #expect(served.shownPath(pdf) == "invoices/2026-00042.pdf")
        #expect(served.withFetch("Printed", pdf) == "Printed · fetch: ssh … files get invoices/2026-00042.pdf > 2026-00042.pdf")
        let own = try KontorDatabase(path: base.appendingPathComponent("own/kontor.sqlite").path)
        #expect(own.filesFolder == base.appendingPathComponent("own").path)
        #expect(own.withFetch("Printed", own.filesFolder + "/invoices/x.pdf") == "Printed")
    }
}
