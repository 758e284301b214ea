import Foundation
import GRDB
@testable import KontorModel
import Testing

/// Open sessions learn from the areas' counters what a colleague's save
/// changed: each save marks the areas of the tables it wrote, triggers'
/// tables included; a commit without marks counts as everything.
@Suite("Change marks")
struct ChangeMarksTests {
    @Test func everyTableOfTheSchemaHasAnArea() throws {
        let db = try TestDatabase()
        let tables = try db.database.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table'")
        }
        let unclaimed = tables.filter { DataArea.tables[$0] == nil && !DataArea.isMirror($0) }
        #expect(unclaimed.isEmpty, "tables without an area (a save to them would read everything again): \(unclaimed)")
        #expect(Set(DataArea.tables.keys).isSubset(of: Set(tables)), "areas name tables that do not exist")
    }

    @Test func aSaveMarksTheAreasOfWhatItWrote() throws {
        let db = try TestDatabase()
        let watcher = try ChangeWatcher(database: db.database)
        #expect(watcher.changes() == nil)

        // Another opening of the file stands in for a colleague's session.
        let other = try KontorDatabase(path: db.path)
        let bob = try other.session(for: Actor(username: "bob"))
        let acme = try other.customers.create(CustomerFields(name: "Acme"), by: bob)
        #expect(watcher.changes() == DataChanges([.customers, .activity]))
        #expect(watcher.changes() == nil)

        let ticket = try other.tickets.create(TicketFields(subject: "Drucker", customerID: acme.id, queue: "support", firstMessage: "Geht nicht"), by: bob)
        let created = try #require(watcher.changes())
        #expect(created.touches([.tickets]) && !created.touches([.invoices, .inventory, .deals]))

        // Taking it changes the assignee's workload, kept by a trigger:
        // the staff area is marked too, though the save never names it.
        _ = try other.tickets.take(id: ticket.id, expectedVersion: ticket.version, by: bob)
        let taken = try #require(watcher.changes())
        #expect(taken.areas.isSuperset(of: [.tickets, .staff]))
        #expect(!taken.touches([.customers, .invoices, .inventory, .deals]))

        let product = try other.products.create(ProductFields(sku: "KAF-500", name: "Kaffee", price: "12,50"), by: try other.session(for: Actor(username: "carol")))
        #expect(watcher.changes()?.areas == [.inventory, .activity])
        _ = try other.products.receive(productID: product.id, quantity: 5, reference: "Lieferung", by: try other.session(for: Actor(username: "carol")))
        #expect(watcher.changes()?.touches([.inventory]) == true)

        // A person's own list choices wake nobody's screen.
        try bob.setPreference(.bell, on: true)
        #expect(watcher.changes() == DataChanges([.preferences]))
    }

    @Test func commitsFromSeveralSavesAddUp() throws {
        let db = try TestDatabase()
        let watcher = try ChangeWatcher(database: db.database)
        let acme = try db.database.customers.create(CustomerFields(name: "Acme"), by: db.bob)
        _ = try db.database.products.create(ProductFields(sku: "TEE-1", name: "Tee", price: "3,00"), by: db.carol)
        _ = try db.database.tickets.create(TicketFields(subject: "Frage", customerID: acme.id, queue: "support", firstMessage: "?"), by: db.bob)
        let all = try #require(watcher.changes())
        #expect(all.areas.isSuperset(of: [.customers, .inventory, .tickets]))
        #expect(!all.touches([.invoices, .deals, .bank]))
    }

    @Test func aSaveThatFailsMarksNothing() throws {
        let db = try TestDatabase()
        let watcher = try ChangeWatcher(database: db.database)
        _ = try db.database.customers.create(CustomerFields(name: "Acme"), by: db.bob)
        _ = watcher.changes()
        struct Refused: Error {}
        // A save that wrote and then failed: rolled back, marks and all.
        #expect(throws: Refused.self) {
            try db.database.write { db in
                try db.execute(sql: "UPDATE customers SET notes = 'halb'")
                throw Refused()
            }
        }
        #expect(watcher.changes() == nil)
        let marks = try db.database.read { db in try ChangeMarks.read(db) }
        #expect(marks[.customers] == 1)
    }

    /// Rows a bulk load binds itself pass GRDB's observers by: the load
    /// marks every area, even when a marked save lands in the same tick.
    @Test func aBulkWriteMarksEveryArea() throws {
        let db = try TestDatabase()
        let watcher = try ChangeWatcher(database: db.database)
        try db.database.write { db in
            let insert = try RowInserter(db, sql: "INSERT INTO settings (key, value, version, updated_at, updated_by) VALUES (?, ?, 1, '2026-12-06T09:00:00Z', 'import')")
            try insert.insert("test.bulk", "1")
        }
        _ = try db.database.customers.create(CustomerFields(name: "Acme"), by: db.bob)
        #expect(watcher.changes() == .everything)
    }

    @Test func aCommitWithoutMarksCountsAsEverything() throws {
        let db = try TestDatabase()
        let acme = try db.database.customers.create(CustomerFields(name: "Acme"), by: db.bob)
        let watcher = try ChangeWatcher(database: db.database)
        // Another program (sqlite3, a bulk load) writes past the model.
        let raw = try DatabaseQueue(path: db.path)
        try raw.write { db in try db.execute(sql: "UPDATE customers SET notes = 'von Hand' WHERE id = ?", arguments: [acme.id]) }
        #expect(watcher.changes() == .everything)
        #expect(watcher.changes() == nil)
    }

    @Test func aTableNoAreaClaimsStandsForEveryArea() {
        let recorder = ChangeMarks.Recorder()
        _ = recorder.observes(eventsOfKind: .insert(tableName: "tickets_fts"))
        _ = recorder.observes(eventsOfKind: .update(tableName: "tickets", columnNames: ["status"]))
        #expect(recorder.areas == [.tickets])
        _ = recorder.observes(eventsOfKind: .insert(tableName: "something_new"))
        #expect(recorder.areas == Set(DataArea.allCases))
    }
}
