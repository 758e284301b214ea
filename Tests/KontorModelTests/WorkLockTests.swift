import Foundation
@testable import KontorModel
import Testing

/// One dunning run at a time on a database, across processes: a second is
/// refused with who sends and since when, and a run's process that ends,
/// however it ends, leaves nothing to clear.
@Suite("One dunning run at a time")
struct WorkLockTests {
    @Test func aRunWhileAnotherIsSentIsRefusedAndSendsNothing() throws {
        let f = try InvoiceFixture()
        _ = try DunningTests.issued(f, on: "2026-09-01")
        let run = try f.db.database.dunningRun(on: "2026-11-15")
        #expect(run.letters.count == 1)
        #expect(f.db.carol.dunningRunUnderWay() == nil)

        let held = try WorkLock.take(.dunningRun, beside: f.db.path, username: "alice", fullName: "Alice Admin")
        let holder = try #require(f.db.carol.dunningRunUnderWay())
        #expect(holder.username == "alice" && holder.fullName == "Alice Admin" && holder.isThisProcess)
        #expect(abs(holder.since.timeIntervalSinceNow) < 60)
        #expect {
            try f.db.carol.sendDunning(run) { _ in Issue.record("a letter went out beside the other run") }
        } throws: { error in
            (error as? WorkLockHeld)?.holder.username == "alice"
                && ErrorText.describe(error).contains("This session is sending a dunning run already")
        }
        #expect(try f.db.database.dunning.letters(ofCustomer: f.customer.id).isEmpty)

        // Let go, the next run goes out, and holds the lock only while it sends.
        held.release()
        #expect(f.db.carol.dunningRunUnderWay() == nil)
        var seenWhileSending: WorkUnderWay?
        let sent = try f.db.carol.sendDunning(run) { _ in seenWhileSending = f.db.alice.dunningRunUnderWay() }
        #expect(sent.count == 1)
        #expect(seenWhileSending?.username == "carol" && seenWhileSending?.fullName == "Carol Back")
        #expect(f.db.alice.dunningRunUnderWay() == nil)
    }

    /// A database file with a second name (a hard link) is refused: SQLite
    /// keeps its log beside the name it was given, so two sessions through
    /// two names would damage it. Opened through a symbolic link it is the
    /// file itself, with what lies beside it.
    @Test func aDatabaseIsOpenedByItsOwnNameOnly() throws {
        let db = try TestDatabase()
        let folder = db.folder.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let symbolic = folder.appendingPathComponent("soft.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: symbolic, withDestinationPath: db.path)
        let throughLink = try KontorDatabase(path: symbolic)
        #expect(throughLink.path == URL(fileURLWithPath: db.path).resolvingSymlinksInPath().path)
        #expect(throughLink.filesFolder == db.database.filesFolder)

        let hard = folder.appendingPathComponent("hard.sqlite").path
        #expect(link(db.path, hard) == 0)
        for path in [hard, db.path] {
            #expect {
                try KontorDatabase(path: path)
            } throws: { error in
                ErrorText.describe(error).contains("the file has 2 names (hard links)")
            }
        }
        try FileManager.default.removeItem(atPath: hard)
        #expect(try KontorDatabase(path: db.path).path == db.path)
    }

    /// The lock of a run in another process (a shell holding it with
    /// util-linux's `flock`, on the file another Kontor wrote): named with
    /// who and since when, and gone the moment that process is killed.
    @Test func aRunInAnotherProcessIsNamedUntilItsProcessEnds() throws {
        let db = try TestDatabase()
        let path = WorkLock.path(.dunningRun, beside: db.path)
        let since = Date(timeIntervalSince1970: 1_796_040_000) // 2026-11-30 at noon UTC, not today
        try "dave\nDave Manager\n\(since.timeIntervalSince1970)\n1\n".write(toFile: path, atomically: false, encoding: .utf8)
        let other = Process()
        // The shell takes the lock on its descriptor 9 and becomes `sleep`,
        // which holds it: one process, as a Kontor sending a run is.
        other.executableURL = URL(fileURLWithPath: "/bin/sh")
        other.arguments = ["-c", "exec 9>>\"$0\" && flock --exclusive 9 && exec sleep 60", path]
        // Not the test run's output: a reader of it would wait for this too.
        other.standardOutput = FileHandle.nullDevice
        other.standardError = FileHandle.nullDevice
        try other.run()
        defer { if other.isRunning { other.terminate() } }

        let deadline = Date().addingTimeInterval(10)
        while db.carol.dunningRunUnderWay() == nil, Date() < deadline { usleep(10_000) }
        let holder = try #require(db.carol.dunningRunUnderWay())
        #expect(holder.fullName == "Dave Manager" && !holder.isThisProcess)
        #expect(holder.sinceText.hasPrefix("30.11.2026 "), "\(holder.sinceText)")
        #expect(throws: WorkLockHeld.self) {
            try WorkLock.take(.dunningRun, beside: db.path, username: "carol", fullName: "Carol Back")
        }
        let refused = ErrorText.describe(WorkLockHeld(kind: .dunningRun, holder: holder, askedBy: "carol"))
        #expect(refused == "Dave Manager has been sending a dunning run since \(holder.sinceText); wait until it is done", "\(refused)")

        // Killed, not quit: the system lets go of its lock.
        kill(other.processIdentifier, SIGKILL)
        other.waitUntilExit()
        while db.carol.dunningRunUnderWay() != nil, Date() < deadline { usleep(10_000) }
        #expect(db.carol.dunningRunUnderWay() == nil)
        let lock = try WorkLock.take(.dunningRun, beside: db.path, username: "carol", fullName: "Carol Back")
        #expect(db.alice.dunningRunUnderWay()?.username == "carol")
        // The database opened through a link is the same database, with the same lock.
        let link = db.folder.appendingPathComponent("link.sqlite").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: db.path)
        #expect(WorkLock.holder(.dunningRun, beside: link)?.username == "carol")
        #expect {
            try WorkLock.take(.dunningRun, beside: link, username: "carol", fullName: "Carol Back")
        } throws: { error in
            ErrorText.describe(error).hasPrefix("This session is sending")
        }
        lock.release()
        // Another session of the same person's is named as theirs.
        let mine = WorkUnderWay(username: "carol", fullName: "Carol Back", since: Date(), pid: 1)
        #expect(ErrorText.describe(WorkLockHeld(kind: .dunningRun, holder: mine, askedBy: "carol")).hasPrefix("You have been sending a dunning run in another session since "))
    }
}
