import Foundation
import GRDB
@testable import KontorModel
import Testing

/// A database made by the previous version, with invoices in it, comes
/// through `v11-einvoice` with every line, its meaning, and every trigger,
/// index and view that reads the rebuilt table.
@Suite("Migration to v11-einvoice")
struct EInvoiceMigrationTests {
    @Test func existingLinesKeepTheirMeaningAndTheRulesStay() throws {
        let queue = try DatabaseQueue(configuration: KontorDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v9-pending-sla")
        let now = "2026-11-01T10:00:00Z"
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO customers (id, name, sort_key, created_at, updated_at, updated_by) VALUES (1, 'Müller GmbH', 'muller gmbh', ?, ?, 'alice');
                INSERT INTO products (id, sku, name, unit, price_cents, vat_rate_bp, cost_cents, reorder_point, on_hand, active, created_at, updated_at, updated_by)
                VALUES (1, 'KAF-1', 'Kaffee', 'Stk', 1250, 700, 0, 0, 0, 1, ?, ?, 'alice');
                INSERT INTO invoices (id, kind, status, customer_id, created_at, updated_at, updated_by) VALUES (1, 'invoice', 'draft', 1, ?, ?, 'alice');
                INSERT INTO invoice_lines (invoice_id, position, product_id, description, quantity, unit, unit_price_cents, vat_rate_bp, vat_exemption, net_cents)
                VALUES (1, 1, 1, 'Kaffee', 4, 'Stk', 1250, 700, '', 5000),
                       (1, 2, NULL, 'Beratung', 3, 'h', 9500, 0, 'Steuerfrei nach § 4 Nr. 21 UStG', 28500);
                """, arguments: [now, now, now, now, now, now])
        }
        let database = try KontorDatabase(writer: queue)
        let lines = try database.invoices.lines(of: 1)
        #expect(lines.map(\.quantity) == [4, 3])
        #expect(lines.map(\.unitCode) == [.piece, .hour])
        #expect(lines.map(\.taxCategory) == [.standard, .exempt])
        #expect(lines.map(\.netCents) == [5_000, 28_500])
        #expect(lines[1].vatExemption == "Steuerfrei nach § 4 Nr. 21 UStG")
        try queue.read { db in
            // The draft still reserves its coffee through the view, on the rebuilt table.
            #expect(try Int.fetchOne(db, sql: "SELECT sum(quantity) FROM product_reservations WHERE product_id = 1") == 4)
            let names = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'invoice_lines'"))
            for name in ["invoice_lines_frozen_insert", "invoice_lines_frozen_update", "invoice_lines_frozen_delete",
                         "invoice_lines_by_invoice", "invoice_lines_by_product_document", "invoice_lines_by_document_product"] {
                #expect(names.contains(name), "\(name) is gone")
            }
            #expect(try SQLiteSpecific.integrityProblems(db).isEmpty)
        }
        // A wrong net amount is still refused by the database.
        #expect(throws: DatabaseError.self) {
            try queue.write { db in try db.execute(sql: "UPDATE invoice_lines SET net_cents = 1 WHERE invoice_id = 1") }
        }
    }
}
