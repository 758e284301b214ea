import Foundation
import GRDB
@testable import KontorModel
import Testing

/// A colleague's long write (an import, a bulk job) holds the database's
/// write lock for seconds. Opening the database and a session, and reading,
/// must not wait for it: only a save does.
@Suite("Opening the database while another program writes")
struct OpenWhileWritingTests {
    @Test func aSessionOpensAndReadsWhileAnotherConnectionHoldsTheWriteLock() throws {
        let test = try TestDatabase()
        let alice = Actor(username: "alice")
        _ = try test.database.session(for: alice)
        let path = test.path
        // Another program, mid-way through a write of its own, on a thread
        // that holds its transaction until this test is done.
        let other = try DatabaseQueue(path: path)
        let holding = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
        let failure = Failure()
        let writer = Thread {
            do {
                try other.writeWithoutTransaction { db in
                    try db.execute(sql: "CREATE TABLE scratch (a); DROP TABLE scratch")
                    try db.execute(sql: "BEGIN IMMEDIATE")
                    try db.execute(sql: """
                        INSERT INTO audit_log (at, actor, entity, entity_id, action) VALUES ('2026-01-01 00:00:00', 'x', 'y', 0, 'z')
                        """)
                    holding.signal()
                    done.wait()
                    try db.execute(sql: "ROLLBACK")
                }
            } catch {
                // Said, and the test goes on rather than waiting for ever.
                failure.text = "\(error)"
                holding.signal()
            }
        }
        writer.start()
        #expect(holding.wait(timeout: .now() + 60) == .success, "the other program's write never began")
        defer { done.signal() }
        try #require(failure.text == nil, "the other program's write failed: \(failure.text ?? "")")

        let start = Date()
        let opened = try KontorDatabase(path: path)
        let session = try opened.session(for: alice)
        let staff = try opened.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM staff") }
        #expect((staff ?? 0) >= 1)
        #expect(session.staff.username == "alice")
        // The busy timeout is five seconds: waiting for the lock would take them all.
        #expect(Date().timeIntervalSince(start) < 2)
    }
}

/// What went wrong on the writer's thread, read after it has said so.
private final class Failure: @unchecked Sendable {
    var text: String?
}

