import Foundation
import GRDB
@testable import KontorModel
import Testing

/// Opening is read-only until the file is known healthy and Kontor's: every
/// refused file is left exactly as it was, without side files.
@Suite("Opening a database file")
struct DatabaseFileTests {
    /// A folder with a closed, healthy Kontor database of one admin (alice)
    /// and bob, with no -wal file left.
    final class Folder {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-open-\(UUID().uuidString)")
        var path: String { url.appendingPathComponent("kontor.sqlite").path }

        init(healthy: Bool = true) throws {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
            guard healthy else { return }
            try Self.makeDatabase(at: path)
        }

        private static func makeDatabase(at path: String) throws {
            let database = try KontorDatabase(path: path)
            let alice = try database.session(for: Actor(username: "alice"))
            try alice.staffDirectory.add(StaffFields(username: "bob", fullName: "Bob Front"), role: .front)
            for i in 0..<300 { try database.customers.create(CustomerFields(name: "Kunde \(i)", city: "Bonn"), by: alice) }
        }

        var files: [String] { ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted() }
        func bytes() throws -> Data { try Data(contentsOf: URL(fileURLWithPath: path)) }
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    /// Opens `folder`'s file as Kontor would and returns the refusal.
    func refusal(_ folder: Folder, username: String? = nil) throws -> String {
        let before = try folder.bytes()
        let filesBefore = folder.files
        var message = ""
        #expect {
            _ = try KontorDatabase(path: folder.path, username: username)
        } throws: { error in
            message = "\(error)"
            return true
        }
        #expect(try folder.bytes() == before, "the refused file changed")
        #expect(folder.files == filesBefore, "side files left: \(folder.files)")
        return message
    }

    @Test func anEmptyFileIsRefusedNotMadeANewDatabase() throws {
        let folder = try Folder(healthy: false)
        FileManager.default.createFile(atPath: folder.path, contents: Data())
        #expect(try refusal(folder).contains("the file is empty (0 bytes)"))
    }

    @Test func aFileThatIsNoDatabaseIsRefused() throws {
        let folder = try Folder(healthy: false)
        FileManager.default.createFile(atPath: folder.path, contents: Data("Kunde;Ort\nMüller;Bonn\n".utf8))
        #expect(try refusal(folder).contains("it is not an SQLite database"))
    }

    @Test func randomBytesInsideAreFoundByTheQuickCheck() throws {
        let folder = try Folder()
        var bytes = try folder.bytes()
        var generator = SystemRandomNumberGenerator()
        let start = bytes.count / 2 / 4096 * 4096
        for i in start..<(start + 4096) { bytes[i] = UInt8.random(in: 0...255, using: &generator) }
        try bytes.write(to: URL(fileURLWithPath: folder.path))
        let message = try refusal(folder)
        #expect(message.contains("the file is damaged"), "\(message)")
        #expect(message.contains("kontor check --db"))
    }

    @Test func aFileCutShortIsRefused() throws {
        let folder = try Folder()
        let bytes = try folder.bytes()
        try bytes.prefix(bytes.count - 1000).write(to: URL(fileURLWithPath: folder.path))
        #expect(try refusal(folder).contains("cut short"))
    }

    @Test func aFileFromANewerKontorIsRefusedWithWhatItHas() throws {
        let folder = try Folder()
        try DatabaseQueue(path: folder.path).write { db in
            try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')")
        }
        let message = try refusal(folder)
        #expect(message.contains("written by a newer Kontor"))
        #expect(message.contains("v99-from-the-future"))
    }

    @Test func anotherProgramsDatabaseIsRefused() throws {
        let folder = try Folder(healthy: false)
        try DatabaseQueue(path: folder.path).write { db in
            try db.execute(sql: "CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
        }
        #expect(try refusal(folder).contains("another program (tables: moz_places)"))
    }

    @Test func aStrangersAccountIsRefusedBeforeAnythingIsWritten() throws {
        let folder = try Folder()
        #expect(try refusal(folder, username: "mallory").contains("not on the staff list"))
        #expect(!FileManager.default.fileExists(atPath: folder.path + "-wal"))
    }

    @Test func aHealthyFileOpensAndItsAccountsWork() throws {
        let folder = try Folder()
        let database = try KontorDatabase(path: folder.path, username: "bob")
        #expect(try database.session(for: Actor(username: "bob")).role == .front)
    }

    @Test func aReadOnlyFileIsRefusedWithoutLeavingSideFiles() throws {
        // Root may write any file: the refusal is for everyone else.
        guard geteuid() != 0 else { return }
        let folder = try Folder()
        chmod(folder.path, 0o444)
        #expect(try refusal(folder).contains("may read the file but not write it"))
    }

    @Test func aLargeFileSkipsTheQuickCheckWhenTheSettingSaysSo() throws {
        let folder = try Folder()
        try DatabaseQueue(path: folder.path).write { db in
            try db.execute(sql: "INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('database.quick_check_max_mb', '0', '2026-12-05T00:00:00Z', 'alice')")
        }
        #expect(try !DatabaseFile.inspect(path: folder.path).quickChecked)
        try DatabaseQueue(path: folder.path).write { db in
            try db.execute(sql: "UPDATE settings SET value = '10' WHERE key = 'database.quick_check_max_mb'")
        }
        #expect(try DatabaseFile.inspect(path: folder.path).quickChecked)
    }

    @Test func pathsWithURICharactersOpen() throws {
        let folder = try Folder(healthy: false)
        let odd = folder.url.appendingPathComponent("Büro 100% #1?.sqlite").path
        _ = try KontorDatabase(path: odd)
        #expect(try DatabaseFile.inspect(path: odd).isNew == false)
    }
}
