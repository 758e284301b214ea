import Foundation
import GRDB
@testable import KontorModel
import Testing

/// `v24-invoice-parties` moves each issued document's parties out of the
/// invoice row into `invoice_parties`: nothing is lost, the printed and
/// e-invoice readers still find them, and they stay frozen with the invoice.
@Suite("Migration to v24-invoice-parties")
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
                INSERT INTO products (id, sku, name, unit, price_cents, vat_rate_bp, cost_cents, reorder_point, on_hand, active, created_at, updated_at, updated_by)
                VALUES (1, 'KAF-1', 'Kaffee', 'Stk', 1250, 700, 0, 0, 0, 1, ?, ?, 'alice');
                INSERT INTO invoice_lines (invoice_id, position, product_id, description, quantity_milli, unit, unit_price_cents, tax_category, vat_rate_bp, net_cents)
                VALUES (2, 1, 1, 'Kaffee', 4000, 'Stk', 1250, 'S', 700, 5000);
                INSERT INTO payments (invoice_id, amount_cents, paid_on, method, reference, created_by, created_at)
                VALUES (1, 5000, '2026-11-10', 'transfer', '', 'alice', ?);
                """, arguments: [now, now, parties.json, now, now, now, now, now, now, now])
        }
        let database = try KontorDatabase(writer: queue)
        #expect(try database.invoices.find(id: 1)?.parties == parties)
        #expect(try database.invoices.find(number: "2026-00001")?.parties?.buyer.email == "rechnung@mueller.example")
        #expect(try database.invoices.find(id: 2)?.parties == nil)
        // What refers to the rebuilt table is all there, and the rules on it still hold.
        #expect(try database.invoices.lines(of: 2).map(\.quantity) == [4])
        #expect(try database.invoices.payments(of: 1).map(\.amountCents) == [5_000])
        #expect(try database.invoices.find(id: 1)?.paidCents == 5_000)
        try queue.read { db throws in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM invoice_parties") == 1)
            #expect(try !db.columns(in: "invoices").map(\.name).contains("parties"))
            #expect(try SQLiteSpecific.integrityProblems(db).isEmpty)
            #expect(try Int.fetchOne(db, sql: "SELECT sum(quantity) FROM product_reservations WHERE product_id = 1") == 4)
            let names = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name IN ('invoices', 'payments')"))
            for name in ["invoices_frozen", "invoices_status_flow", "invoices_no_delete", "invoice_totals_update", "invoices_by_status",
                         "invoices_open_amount", "payments_update_invoice", "payments_only_issued"] {
                #expect(names.contains(name), "\(name) is gone")
            }
        }
        // Frozen with the invoice: neither changed nor removed once issued, and the rest of the e-invoice fields stay frozen.
        for sql in ["UPDATE invoice_parties SET parties = '{}' WHERE invoice_id = 1", "DELETE FROM invoice_parties WHERE invoice_id = 1",
                    "UPDATE invoices SET period_start = '2026-09-01' WHERE id = 1", "UPDATE invoices SET buyer_name = 'X' WHERE id = 1",
                    "DELETE FROM invoices WHERE id = 1"] {
            #expect(throws: DatabaseError.self, "\(sql)") { try queue.write { db in try db.execute(sql: sql) } }
        }
        // A draft's row may still change (none is kept for drafts, but nothing forbids it before issue).
        try queue.write { db in
            try db.execute(sql: "INSERT INTO invoice_parties (invoice_id, parties) VALUES (2, '{}')")
            try db.execute(sql: "UPDATE invoice_parties SET parties = '{\"x\":1}' WHERE invoice_id = 2")
        }
    }
}
