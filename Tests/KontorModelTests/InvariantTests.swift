import Foundation
import GRDB
@testable import KontorModel
import Testing

/// Each of Kontor's rules about its data broken as another tool could break
/// it (raw SQL, a trigger dropped first where the database would refuse),
/// and the check that guards it naming the record.
@Suite("Invariants")
struct InvariantTests {
    /// The violations of one check after `breaking` ran on a fresh demo.
    private func violations(of name: String, after breaking: (TestDatabase) throws -> Void) throws -> [String] {
        let test = try TestDatabase(demoScale: 300)
        try breaking(test)
        let result = try #require(try test.database.checkInvariants().first { $0.name == name })
        return result.violations
    }

    private func firstIssuedNumber(_ test: TestDatabase, status: String = "paid") throws -> String {
        try test.database.read { db in
            try #require(try String.fetchOne(db, sql: "SELECT number FROM invoices WHERE kind = 'invoice' AND status = ? ORDER BY id LIMIT 1", arguments: [status]))
        }
    }

    @Test func theDemoKeepsEveryRule() throws {
        let test = try TestDatabase(demoScale: 300)
        let results = try test.database.checkInvariants()
        #expect(results.map(\.name) == Invariant.all.map(\.name))
        for result in results { #expect(result.holds, "\(result.name): \(result.violations)") }
        // The same through a connection that cannot write, as `kontor check` reads.
        #expect(try KontorDatabase.checkInvariants(path: test.path).allSatisfy(\.holds))
    }

    @Test func stockOnHandOffItsLedgerIsNamedBySKU() throws {
        var sku = ""
        let found = try violations(of: "stock-ledger") { test in
            sku = try test.database.read { db in try String.fetchOne(db, sql: "SELECT sku FROM products WHERE stocked = 1 ORDER BY id LIMIT 1")! }
            try test.raw("DROP TRIGGER products_on_hand_is_derived; UPDATE products SET on_hand = on_hand + 5 WHERE sku = '\(sku)'")
        }
        #expect(found.count == 1)
        #expect(found.first?.contains("product \(sku)") == true && found.first?.contains("stock moves sum to") == true, "\(found)")
    }

    @Test func storedTotalsOffTheLinesNameTheInvoice() throws {
        var number = ""
        let found = try violations(of: "invoice-totals") { test in
            number = try firstIssuedNumber(test)
            try test.raw("DROP TRIGGER invoices_frozen; UPDATE invoices SET vat_cents = vat_cents + 1, gross_cents = gross_cents + 1 WHERE number = '\(number)'")
        }
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("invoice \(number): stored net") == true, "\(found)")
    }

    @Test func aDocumentDiscountCountsInTheTotals() throws {
        // A discount row the stored totals do not reflect is a difference.
        var number = ""
        let found = try violations(of: "invoice-totals") { test in
            number = try firstIssuedNumber(test)
            try test.raw("""
                DROP TRIGGER invoice_allowances_frozen_insert;
                INSERT INTO invoice_allowances (invoice_id, position, is_charge, amount_cents, reason, tax_category, vat_rate_bp)
                SELECT id, 1, 0, 1000, 'Treuerabatt', 'S', 1900 FROM invoices WHERE number = '\(number)'
                """)
        }
        #expect(found.count == 1 && found.first?.contains(number) == true, "\(found)")
    }

    @Test func paidAmountOffItsPaymentsNamesTheInvoice() throws {
        var number = ""
        let found = try violations(of: "paid-amounts") { test in
            number = try firstIssuedNumber(test, status: "issued")
            try test.raw("UPDATE invoices SET paid_cents = paid_cents + 100 WHERE number = '\(number)'")
        }
        #expect(found == ["invoice \(number): paid 1,00, its payments sum to 0,00"] || found.first?.contains("invoice \(number): paid") == true, "\(found)")
    }

    @Test func anOverpaymentNobodyAcceptedIsNamed() throws {
        var number = ""
        let found = try violations(of: "payments-within-gross") { test in
            number = try firstIssuedNumber(test, status: "issued")
            try test.raw("""
                INSERT INTO payments (invoice_id, kind, amount_cents, paid_on, method, created_by, created_at)
                SELECT id, 'payment', gross_cents - paid_cents + 500, '2026-01-01', 'transfer', 'mallory', '2026-01-01T00:00:00Z'
                FROM invoices WHERE number = '\(number)'
                """)
        }
        #expect(found.count == 1 && found.first?.hasPrefix("invoice \(number):") == true, "\(found)")
        #expect(found.first?.contains("no overpayment accepted") == true)
    }

    @Test func anOverpaymentAcceptedInKontorIsNoViolation() throws {
        let test = try TestDatabase(demoScale: 300)
        let id = try test.database.read { db in
            try Int64.fetchOne(db, sql: "SELECT id FROM invoices WHERE kind = 'invoice' AND status = 'issued' ORDER BY id LIMIT 1")!
        }
        let open = try test.database.read { db in try Int.fetchOne(db, sql: "SELECT gross_cents - paid_cents FROM invoices WHERE id = ?", arguments: [id])! }
        try test.database.invoices.recordPayment(to: id, amountCents: open + 500, acceptingOverpayment: true, by: test.carol)
        #expect(try test.database.checkInvariants().allSatisfy(\.holds))
    }

    @Test func aNumberTakenButNeverIssuedIsAGap() throws {
        let found = try violations(of: "invoice-numbers") { test in
            try test.raw("UPDATE invoice_numbers SET last_number = last_number + 1 WHERE series = (SELECT max(series) FROM invoice_numbers WHERE series NOT LIKE 'CN-%')")
        }
        #expect(found.count == 1 && found.first?.contains("1 of 1…") == true && found.first?.contains("missing") == true, "\(found)")
    }

    @Test func aNumberBeyondItsSeriesIsNamed() throws {
        // A number changed by hand past the series' counter: one missing, one too high.
        let found = try violations(of: "invoice-numbers") { test in
            let number = try firstIssuedNumber(test)
            let series = String(number.prefix(while: { $0 != "-" }))
            try test.raw("DROP TRIGGER invoices_frozen; UPDATE invoices SET number = '\(series)-99999' WHERE number = '\(number)'")
        }
        #expect(found.count == 1 && found.first?.contains("numbers up to 99999 issued") == true && found.first?.contains("1 of 1…") == true, "\(found)")
    }

    @Test func derivedTablesOffWhatTheyDeriveFromAreNamed() throws {
        let test = try TestDatabase(demoScale: 300)
        try test.raw("""
            UPDATE invoice_totals SET n = n + 1 WHERE status = 'paid' AND kind = 'invoice';
            UPDATE deal_stage_totals SET value_cents = value_cents + 1 WHERE stage = 'lead';
            UPDATE customer_counts SET n = n + 1 WHERE archived = 0;
            UPDATE reservation_totals SET quantity = quantity + 1 WHERE product_id = (SELECT min(product_id) FROM reservation_totals);
            DELETE FROM staff_workload WHERE staff_id = (SELECT min(staff_id) FROM staff_workload);
            """)
        let results = Dictionary(uniqueKeysWithValues: try test.database.checkInvariants().map { ($0.name, $0.violations) })
        #expect(results["invoice-totals-table"]?.first?.hasPrefix("invoice_totals invoice paid: kept") == true, "\(results)")
        #expect(results["deal-stage-totals"]?.first?.hasPrefix("deal_stage_totals lead: kept") == true, "\(results)")
        #expect(results["customer-counts"]?.first?.hasPrefix("customer_counts active: kept") == true, "\(results)")
        #expect(results["reservation-totals"]?.first?.hasPrefix("reservation_totals product ") == true, "\(results)")
        #expect(results["reservation-totals"]?.first?.contains(": kept ") == true, "\(results)")
        #expect(results["staff-workload"]?.first?.hasPrefix("staff_workload ") == true, "\(results)")
        #expect(results["staff-workload"]?.first?.contains(": kept 0 open tickets and 0 open deals") == true, "\(results)")
    }

    @Test func aDeletedAuditEntryAndItsMissingTriggerAreNamed() throws {
        let test = try TestDatabase(demoScale: 300)
        try test.raw("DROP TRIGGER audit_log_append_only_delete; DELETE FROM audit_log WHERE id = 2")
        let results = Dictionary(uniqueKeysWithValues: try test.database.checkInvariants().map { ($0.name, $0.violations) })
        #expect(results["audit-log"]?.first?.contains("1 entries missing") == true, "\(results)")
        #expect(results["triggers"] == ["trigger audit_log_append_only_delete is missing — the audit log can be changed or deleted"])
    }

    @Test func anAuditEntryBackdatedIsNamed() throws {
        let test = try TestDatabase(demoScale: 300)
        try test.raw("DROP TRIGGER audit_log_append_only_update; UPDATE audit_log SET at = '2000-01-01T00:00:00Z' WHERE id = (SELECT max(id) FROM audit_log)")
        let found = try #require(try test.database.checkInvariants().first { $0.name == "audit-log" }).violations
        #expect(found.count == 1 && found.first?.contains("written at 2000-01-01T00:00:00Z") == true, "\(found)")
    }

    @Test func aFileOfAnOlderSchemaIsRefusedNotChanged() throws {
        let test = try TestDatabase()
        try test.raw("DELETE FROM grdb_migrations WHERE identifier = 'v16-invoice-terms'")
        #expect(throws: KontorError.self) { try KontorDatabase.checkInvariants(path: test.path) }
    }
}
