import Foundation
import GRDB
@testable import KontorModel
import Testing

/// The demo seeder builds counts, totals and search indexes once after its
/// bulk load instead of letting the triggers keep them row by row. Both ways
/// must end in the same database: the same rows in every table, the same
/// search results, and ledgers that add up.
@Suite("Demo seeding: bulk load and row by row agree")
struct DemoSeedingWaysTests {
    @Test func bulkLoadEndsInTheSameDatabaseAsTriggersRowByRow() throws {
        let bulk = try TestDatabase(), rowByRow = try TestDatabase()
        let alice = Actor(username: "alice")
        let bulkReport = try DemoSeeder.seed(bulk.database, scale: 150, actor: alice, rowByRow: false, now: DemoMoment.fixed)
        let rowReport = try DemoSeeder.seed(rowByRow.database, scale: 150, actor: alice, rowByRow: true, now: DemoMoment.fixed)
        #expect(bulkReport.rows == rowReport.rows)

        let tables = try bulk.database.read { db in
            try String.fetchAll(db, sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
                  AND name NOT LIKE '%_fts_data' AND name NOT LIKE '%_fts_idx' AND sql NOT LIKE 'CREATE VIRTUAL%'
                ORDER BY name
                """)
        }
        #expect(tables.contains("customer_counts") && tables.contains("invoice_totals") && tables.contains("customers_fts_docsize"))
        for table in tables {
            let a = try contents(bulk, table), b = try contents(rowByRow, table)
            #expect(a.count == b.count, "\(table): \(a.count) rows bulk, \(b.count) row by row")
            #expect(a == b, "\(table) differs: first difference \(zip(a, b).first { $0 != $1 }.map { "\($0) ≠ \($1)" } ?? "in length")")
        }

        for db in [bulk, rowByRow] {
            // The search indexes agree with what they index…
            let problems = try db.database.integrityProblems()
            #expect(problems.isEmpty, "\(problems)")
            try db.database.write { db in
                try db.execute(sql: "INSERT INTO customers_fts (customers_fts) VALUES ('integrity-check')")
                try db.execute(sql: "INSERT INTO tickets_fts (tickets_fts) VALUES ('integrity-check')")
                try db.execute(sql: "INSERT INTO contacts_fts (contacts_fts) VALUES ('integrity-check')")
            }
            // …and the ledgers add up: stock on hand, amounts paid.
            let (stock, paid) = try db.database.read { db in
                (try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM products p
                    WHERE on_hand <> (SELECT coalesce(sum(quantity), 0) FROM stock_moves m WHERE m.product_id = p.id)
                    """)!,
                 try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM invoices i
                    WHERE paid_cents <> (SELECT coalesce(sum(amount_cents), 0) FROM payments p WHERE p.invoice_id = i.id)
                    """)!)
            }
            #expect(stock == 0, "products whose on hand is not the sum of their moves: \(stock)")
            #expect(paid == 0, "invoices whose paid amount is not the sum of their payments: \(paid)")
        }
        for term in ["m", "müller", "gmbh", "berlin", "schmidt", "drucker", "rechnung"] {
            let a = try matches(bulk, term), b = try matches(rowByRow, term)
            #expect(a == b, "search for “\(term)” differs")
        }
    }

    /// The year's rows are made on a second thread while the first writes
    /// them: the same rows, with the same ids, as made and written on one.
    @Test func theYearMadeOnASecondThreadIsTheYearMadeOnOne() throws {
        let twoThreads = try TestDatabase(), oneThread = try TestDatabase()
        let alice = Actor(username: "alice")
        let a = try DemoSeeder.seed(twoThreads.database, scale: 400, seed: 7, actor: alice, rowByRow: false, now: DemoMoment.fixed)
        let b = try DemoSeeder.seed(oneThread.database, scale: 400, seed: 7, actor: alice, rowByRow: false, yearOnOneThread: true, now: DemoMoment.fixed)
        #expect(a.rows == b.rows)
        for table in ["invoices", "invoice_lines", "payments", "stock_moves", "tickets", "ticket_messages", "deals", "products"] {
            let x = try contents(twoThreads, table), y = try contents(oneThread, table)
            #expect(x.count > 0, "\(table) is empty")
            #expect(x == y, "\(table) differs: first difference \(zip(x, y).first { $0 != $1 }.map { "\($0) ≠ \($1)" } ?? "in length")")
        }
    }

    /// Every row of a table as text, sorted; the moments at which the two
    /// databases were made (within the last hour) read alike.
    func contents(_ db: TestDatabase, _ table: String) throws -> [String] {
        let now = Date()
        return try db.database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { row in
                row.databaseValues.map { value -> String in
                    if let text = String.fromDatabaseValue(value), let date = Timestamp.date(from: text),
                       abs(date.timeIntervalSince(now)) < 3600 {
                        return "<recent>"
                    }
                    return value.description
                }.joined(separator: "|")
            }.sorted()
        }
    }

    /// Customer ids and open ticket ids whose search index matches `term`.
    func matches(_ db: TestDatabase, _ term: String) throws -> [Int64] {
        let pattern = "\"\(term)\"*"
        return try db.database.read { db in
            try Int64.fetchAll(db, sql: "SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? ORDER BY rowid", arguments: [pattern])
                + Int64.fetchAll(db, sql: "SELECT -rowid FROM tickets_fts WHERE tickets_fts MATCH ? ORDER BY rowid", arguments: [pattern])
        }
    }
}
