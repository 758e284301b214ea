import Foundation
import GRDB
@testable import KontorModel
import Testing

@Suite("Presence")
struct PresenceTests {
    @Test func twoSessionsOnOneFileSeeEachOther() throws {
        let test = try TestDatabase()
        // Bob in a process of his own: his own connection to the same file.
        let other = try KontorDatabase(path: test.path)
        let alice = Presence(session: test.alice)
        let bob = Presence(session: try other.session(for: Actor(username: "bob")))
        alice.update(PresencePlace(screen: "Invoices", kind: .invoice, recordID: 7, recordTitle: "Invoice 2026-00007"))
        bob.update(PresencePlace(screen: "Invoices", kind: .invoice, recordID: 7, recordTitle: "Invoice 2026-00007", editing: true))

        let seenByAlice = alice.others(at: .invoice, 7)
        #expect(seenByAlice.map(\.username) == ["bob"])
        #expect(seenByAlice.first?.fullName == "Bob Front" && seenByAlice.first?.place.editing == true)
        #expect(seenByAlice.first?.pid == getpid())
        #expect(bob.others(at: .invoice, 7).map(\.username) == ["alice"])
        #expect(alice.others(at: .invoice, 8).isEmpty)
        #expect(Set(alice.everyone().map(\.username)) == ["alice", "bob"])

        // Bob moves on: Alice sees him where he is now.
        bob.update(PresencePlace(screen: "Customers"))
        #expect(alice.others(at: .invoice, 7).isEmpty)
        #expect(alice.everyone().first { $0.username == "bob" }?.place == PresencePlace(screen: "Customers"))

        // Bob quits: his row goes at once.
        bob.leave()
        #expect(alice.everyone().map(\.username) == ["alice"])
    }

    @Test func aSessionThatStopsBeatingVanishesByAgeAndIsCleanedAway() throws {
        let test = try TestDatabase()
        let alice = Presence(session: test.alice)
        let bob = Presence(session: test.bob)
        let now = Date()
        // Bob's last heartbeat was longer ago than a session stays: killed, say.
        bob.update(PresencePlace(screen: "Tickets", kind: .ticket, recordID: 3, recordTitle: "Ticket #3"),
                   now: now.addingTimeInterval(-(Presence.staleAfter + 1)))
        alice.update(PresencePlace(screen: "Tickets", kind: .ticket, recordID: 3, recordTitle: "Ticket #3"), now: now)
        #expect(alice.others(at: .ticket, 3, now: now).isEmpty)
        // Alice's write removed his row from the file, too.
        let rows = try DatabaseQueue(path: Presence.path(of: test.path)).read { db in
            try String.fetchAll(db, sql: "SELECT username FROM presence")
        }
        #expect(rows == ["alice"])
    }

    @Test func anUnchangedPlaceIsWrittenOnlyAsAHeartbeat() throws {
        let test = try TestDatabase()
        let alice = Presence(session: test.alice)
        let place = PresencePlace(screen: "Deals", kind: .deal, recordID: 1, recordTitle: "Deal")
        let start = Date()
        let file = try DatabaseQueue(path: Presence.path(of: test.path))
        func heartbeat() throws -> Double { try file.read { db in try Double.fetchOne(db, sql: "SELECT heartbeat FROM presence")! } }
        alice.update(place, now: start)
        alice.update(place, now: start.addingTimeInterval(1))
        #expect(try heartbeat() == start.timeIntervalSince1970)
        alice.update(place, now: start.addingTimeInterval(Presence.heartbeatInterval))
        #expect(try heartbeat() == start.addingTimeInterval(Presence.heartbeatInterval).timeIntervalSince1970)
    }

    @Test func presenceIsKeptOutOfTheBusinessFile() throws {
        // Heartbeats must not wake every session's change check.
        let test = try TestDatabase()
        let watcher = try ChangeWatcher(database: test.database)
        let alice = Presence(session: test.alice)
        alice.update(PresencePlace(screen: "Customers", kind: .customer, recordID: 1, recordTitle: "Müller"))
        alice.update(PresencePlace(screen: "Customers"))
        #expect(watcher.hasChanged() == false)
        let mode = try FileManager.default.attributesOfItem(atPath: Presence.path(of: test.path))[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func aPresenceFileThatCannotBeWrittenIsNoError() throws {
        let test = try TestDatabase()
        try Data("not a database".utf8).write(to: URL(fileURLWithPath: Presence.path(of: test.path)))
        let alice = Presence(session: test.alice)
        alice.update(PresencePlace(screen: "Customers"))
        #expect(alice.everyone().isEmpty)
        // Saving goes on as ever.
        #expect(throws: Never.self) { try test.add(["Weiter GmbH"]) }
    }

    @Test func aDatabaseInMemoryHasNobodyElse() throws {
        let database = try KontorDatabase.inMemory()
        let alice = Presence(session: try database.session(for: Actor(username: "alice")))
        alice.update(PresencePlace(screen: "Customers"))
        #expect(alice.everyone().isEmpty)
    }
}
