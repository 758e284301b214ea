import Foundation
import GRDB
@testable import KontorModel
import Testing

@Suite("Backups")
struct BackupTests {
    /// A backup stopped half-way (Ctrl-C) leaves `….partial-PID` behind,
    /// gigabytes at a million customers: the next backup removes those of
    /// processes that are gone, and leaves one still being made alone.
    @Test func theNextBackupRemovesTheCopiesOfStoppedOnes() throws {
        let test = try TestDatabase()
        let folder = test.folder.appendingPathComponent("backups").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let target = folder + "/kontor.sqlite"
        // A process that has ended: its pid is free until something reuses it.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        let stopped = "\(target).partial-\(ended.processIdentifier)"
        let running = "\(target).partial-1"  // init: always running
        for file in [stopped, stopped + "-journal", running] { FileManager.default.createFile(atPath: file, contents: Data("x".utf8)) }
        try test.database.backup(to: target, by: test.alice)
        #expect(!FileManager.default.fileExists(atPath: stopped) && !FileManager.default.fileExists(atPath: stopped + "-journal"))
        #expect(FileManager.default.fileExists(atPath: running))
        #expect(FileManager.default.fileExists(atPath: target))
    }

    @Test func aBackupIsACheckedPrivateCopyTakenWhilePeopleWork() throws {
        let test = try TestDatabase()
        try test.add((0..<200).map { "Kunde \($0)" })
        let target = test.folder.appendingPathComponent("backups/kontor.sqlite").path
        // Someone keeps saving while the copy is taken.
        let other = try KontorDatabase(path: test.path)
        let bob = try other.session(for: Actor(username: "bob"))
        let done = DispatchSemaphore(value: 0)
        Thread.detachNewThread {
            for i in 0..<50 { _ = try? other.customers.create(CustomerFields(name: "Während \(i)"), by: bob) }
            done.signal()
        }
        try test.database.backup(to: target, by: test.alice)
        done.wait()
        let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let copy = try DatabaseQueue(path: target)
        let count = try copy.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customers")! }
        #expect(count >= 200 && count <= 250)
        #expect(try copy.read(SQLiteSpecific.integrityProblems).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: target + "-wal"))
        // A copy opens as a Kontor database.
        #expect(try DatabaseFile.inspect(path: target).isNew == false)
    }

    /// A backup never goes over the live database (it would be renamed over
    /// it, and open sessions would write into a deleted file), nor over a
    /// file that exists unless told to replace it.
    @Test func aBackupNeverWritesOverTheDatabaseOrAnotherFile() throws {
        let test = try TestDatabase()
        try test.add(["Kunde 1"])
        let before = try Data(contentsOf: URL(fileURLWithPath: test.path))
        let link = test.folder.appendingPathComponent("link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: test.path)
        let folder = (test.path as NSString).deletingLastPathComponent, name = (test.path as NSString).lastPathComponent
        let roundabout = folder + "/./../" + (folder as NSString).lastPathComponent + "/" + name
        for target in [test.path, test.path + "-wal", test.path + "-presence", link, roundabout] {
            let copied = try? test.database.backup(to: target, replacing: true, by: test.alice)
            #expect(copied == nil, "a backup went to \(target)")
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: test.path)) == before)
        let precious = test.folder.appendingPathComponent("precious.txt").path
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: precious))
        #expect(throws: KontorError.self) { try test.database.backup(to: precious, by: test.alice) }
        #expect(try String(contentsOfFile: precious, encoding: .utf8) == "keep me")
        let copy = test.folder.appendingPathComponent("copy.sqlite").path
        _ = try test.database.backup(to: copy, by: test.alice)
        #expect(throws: KontorError.self) { try test.database.backup(to: copy, by: test.alice) }
        _ = try test.database.backup(to: copy, replacing: true, by: test.alice)
        // A folder is no file to copy into, even told to replace.
        #expect { try test.database.backup(to: test.folder.path, replacing: true, by: test.alice) } throws: { "\($0)".contains("is a folder") }
        // Today's default name is never taken twice.
        let backups = test.folder.appendingPathComponent("backups").path
        try FileManager.default.createDirectory(atPath: backups, withIntermediateDirectories: true)
        #expect(KontorDatabase.freeBackupName(in: backups, day: "2026-12-07").hasSuffix("/kontor-2026-12-07.sqlite"))
        FileManager.default.createFile(atPath: backups + "/kontor-2026-12-07.sqlite", contents: nil)
        FileManager.default.createFile(atPath: backups + "/kontor-2026-12-07-2.sqlite", contents: nil)
        #expect(KontorDatabase.freeBackupName(in: backups, day: "2026-12-07").hasSuffix("/kontor-2026-12-07-3.sqlite"))
    }

    /// A large copy goes in steps that say how far it is, all read from one
    /// snapshot: saves in between neither restart it nor tear it.
    @Test func aBackupInStepsSaysHowFarItIsAndStaysWhole() throws {
        let test = try TestDatabase()
        try test.add((0..<300).map { "Kunde \($0)" })
        let target = test.folder.appendingPathComponent("backups/steps.sqlite").path
        let other = try KontorDatabase(path: test.path)
        let bob = try other.session(for: Actor(username: "bob"))
        var steps: [BackupStep] = []
        var saved = 0
        _ = try test.database.backupByOwner(to: target, pagesPerStep: 8) { step in
            steps.append(step)
            // A colleague saves between two steps.
            if case .copying = step, (try? other.customers.create(CustomerFields(name: "Zwischendurch \(saved)"), by: bob)) != nil { saved += 1 }
        }
        let shares = steps.compactMap { step -> Double? in if case let .copying(share) = step { return share }; return nil }
        #expect(shares.count > 5 && zip(shares, shares.dropFirst()).allSatisfy { $0 <= $1 } && shares.last == 1, "\(shares)")
        #expect(steps.last == .checking && saved == shares.count)
        let copy = try DatabaseQueue(path: target)
        #expect(try copy.read(SQLiteSpecific.integrityProblems).isEmpty)
        // The snapshot the copy began with: none of the saves made meanwhile.
        #expect(try copy.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE name LIKE 'Zwischendurch%'") } == 0)
        #expect(try copy.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM customers") } == 300)
    }

    @Test func onlyAdminsTakeBackups() throws {
        let test = try TestDatabase()
        let target = test.folder.appendingPathComponent("copy.sqlite").path
        #expect(throws: KontorError.self) { try test.database.backup(to: target, by: test.bob) }
        #expect(!FileManager.default.fileExists(atPath: target))
    }
}
