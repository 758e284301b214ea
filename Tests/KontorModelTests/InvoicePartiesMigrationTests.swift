import Foundation
import GRDB
@testable import KontorModel
import Testing

/// `v23-invoice-parties` moves each issued document's parties out of the
/// invoice row into `invoice_parties`: nothing is lost, the printed and
/// e-invoice readers still find them, and they stay frozen with the invoice.
@Suite("Migration to v23-invoice-parties")
struct InvoicePartiesMigrationTests {
    @Test func partiesMoveOutOfTheInvoiceRowAndStayFrozen() throws {
        let queue = try DatabaseQueue(configuration: KontorDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v21-mail")
        let parties = InvoiceParties(
            seller: PartyDetails(name: "Kontor Handel GmbH", address: PostalAddress(street: "Hauptstraße 1", postalCode: "10115", city: "Berlin", country: "DE")),
            buyer: PartyDetails(name: "Müller GmbH", address: PostalAddress(street: "Königstraße 4", postalCode: "50667", city: "Köln", country: "DE"),
                                email: "rechnung@mueller.example", isConsumer: false),
            iban: "DE02200505501015871393", smallBusiness: true)
        let now = "2026-11-01T10:00:00Z"
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO customers (id, name, sort_key, created_at, updated_at, updated_by) VALUES (1, 'Müller GmbH', 'muller gmbh', ?, ?, 'alice');
                INSERT INTO invoices (id, kind, status, number, customer_id, issue_date, due_date, net_cents, vat_cents, gross_cents,
                                      buyer_name, parties, period_start, created_at, updated_at, updated_by)
                VALUES (1, 'invoice', 'issued', '2026-00001', 1, '2026-11-01', '2026-11-15', 10000, 1900, 11900, 'Müller GmbH', ?, '2026-10-01', ?, ?, 'alice');
                INSERT INTO invoices (id, kind, status, customer_id, created_at, updated_at, updated_by) VALUES (2, 'invoice', 'draft', 1, ?, ?, 'alice');
                """, arguments: [now, now, parties.json, now, now, now, now])
        }
        let database = try KontorDatabase(writer: queue)
        #expect(try database.invoices.find(id: 1)?.parties == parties)
        #expect(try database.invoices.find(number: "2026-00001")?.parties?.buyer.email == "rechnung@mueller.example")
        #expect(try database.invoices.find(id: 2)?.parties == nil)
        try queue.read { db throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM invoice_parties") == 1)
            #expect(try !db.columns(in: "invoices").map(\.name).contains("parties"))
            #expect(try SQLiteSpecific.integrityProblems(db).isEmpty)
        }
        // Frozen with the invoice: neither changed nor removed once issued, and the rest of the e-invoice fields stay frozen.
        for sql in ["UPDATE invoice_parties SET parties = '{}' WHERE invoice_id = 1", "DELETE FROM invoice_parties WHERE invoice_id = 1",
                    "UPDATE invoices SET period_start = '2026-09-01' WHERE id = 1"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try queue.write { db in try db.execute(sql: sql) } }
        }
        // A draft's row may still change (none is kept for drafts, but nothing forbids it before issue).
        try queue.write { db in
            try db.execute(sql: "INSERT INTO invoice_parties (invoice_id, parties) VALUES (2, '{}')")
            try db.execute(sql: "UPDATE invoice_parties SET parties = '{\"x\":1}' WHERE invoice_id = 2")
        }
    }
}
