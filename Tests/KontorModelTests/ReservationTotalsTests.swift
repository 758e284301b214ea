import GRDB
@testable import KontorModel
import Testing

/// The inventory's reserved quantities come from `reservation_totals`, kept
/// by triggers: whatever writes the lines, invoices and deals, they stay
/// what summing the open documents gives — and each trigger is needed for
/// that.
@Suite("Reservation totals")
struct ReservationTotalsTests {
    /// What the totals must be: the open documents' lines summed, product by product.
    static func summed(_ db: TestDatabase) throws -> [Int64: Int] {
        try quantities(db, ReservationSQL.summed)
    }

    static func kept(_ db: TestDatabase) throws -> [Int64: Int] {
        try quantities(db, "SELECT product_id, quantity FROM reservation_totals")
    }

    private static func quantities(_ db: TestDatabase, _ sql: String) throws -> [Int64: Int] {
        try db.database.read { db in
            var out: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql) { out[row["product_id"]] = row["quantity"] }
            return out
        }
    }

    /// Writes as another tool (or a later feature) would make them, touching
    /// every way a line can come to count or stop counting.
    static func writeDirectly(_ db: TestDatabase) throws {
        let draft = "SELECT id FROM invoices WHERE status = 'draft' AND kind = 'invoice' AND EXISTS (SELECT 1 FROM invoice_lines l WHERE l.invoice_id = invoices.id AND l.product_id IS NOT NULL)"
        let wonOpen = "SELECT id FROM deals WHERE stage = 'won' AND invoice_id IS NULL AND EXISTS (SELECT 1 FROM deal_lines l WHERE l.deal_id = deals.id AND l.product_id IS NOT NULL)"
        let unreferenced = "NOT EXISTS (SELECT 1 FROM invoices i WHERE i.deal_id = deals.id)"
        // Lines of drafts: more of one, another product on one, one removed, one added.
        try db.raw("UPDATE invoice_lines SET quantity_milli = quantity_milli + 2000, net_cents = ((quantity_milli + 2000) * unit_price_cents + 500) / 1000 - discount_cents WHERE id = (SELECT min(id) FROM invoice_lines WHERE product_id IS NOT NULL AND invoice_id IN (\(draft)))")
        try db.raw("UPDATE invoice_lines SET product_id = (SELECT max(id) FROM products) WHERE id = (SELECT max(id) FROM invoice_lines WHERE product_id IS NOT NULL AND invoice_id IN (\(draft)))")
        try db.raw("DELETE FROM invoice_lines WHERE id = (SELECT min(id) FROM invoice_lines WHERE product_id IS NOT NULL AND invoice_id IN (\(draft) ORDER BY id DESC LIMIT 1))")
        try db.raw("""
            INSERT INTO invoice_lines (invoice_id, position, product_id, description, quantity_milli, unit, unit_code, unit_price_cents,
                                       tax_category, vat_rate_bp, vat_exemption, net_cents)
            SELECT (\(draft) ORDER BY id LIMIT 1 OFFSET 1), 99, id, name, 3000, unit, 'H87', price_cents, 'S', 1900, '', 3 * price_cents
            FROM products WHERE id = (SELECT min(id) FROM products)
            """)
        // Drafts that stop reserving: one issued, one deleted (its lines go by cascade).
        try db.raw("UPDATE invoices SET status = 'issued', number = '2099-00001', issue_date = '2099-01-02' WHERE id = (\(draft) ORDER BY id LIMIT 1 OFFSET 2)")
        try db.raw("DELETE FROM invoices WHERE id = (\(draft) ORDER BY id LIMIT 1 OFFSET 3) AND NOT EXISTS (SELECT 1 FROM deals d WHERE d.invoice_id = invoices.id)")
        // Deal lines: more of one, another product, one removed, one added to a won deal.
        try db.raw("UPDATE deal_lines SET quantity_milli = quantity_milli + 5000 WHERE id = (SELECT min(id) FROM deal_lines WHERE product_id IS NOT NULL AND deal_id IN (\(wonOpen)))")
        try db.raw("UPDATE deal_lines SET product_id = (SELECT max(id) FROM products) WHERE id = (SELECT max(id) FROM deal_lines WHERE product_id IS NOT NULL AND deal_id IN (\(wonOpen)))")
        try db.raw("DELETE FROM deal_lines WHERE id = (SELECT min(id) FROM deal_lines WHERE product_id IS NOT NULL AND deal_id IN (\(wonOpen) ORDER BY id DESC LIMIT 1))")
        try db.raw("""
            INSERT INTO deal_lines (deal_id, position, product_id, description, quantity_milli, unit_price_cents, vat_rate_bp)
            SELECT (\(wonOpen) ORDER BY id LIMIT 1 OFFSET 1), 99, id, name, 4000, price_cents, 1900 FROM products WHERE id = (SELECT min(id) FROM products)
            """)
        // Deals: one won, one lost, one invoiced, one deleted; a draft deleted releases its deal.
        try db.raw("UPDATE deals SET stage = 'won' WHERE id = (SELECT min(id) FROM deals d WHERE stage = 'negotiation' AND EXISTS (SELECT 1 FROM deal_lines l WHERE l.deal_id = d.id AND l.product_id IS NOT NULL))")
        try db.raw("UPDATE deals SET stage = 'lost', lost_reason = 'zu teuer' WHERE id = (\(wonOpen) ORDER BY id LIMIT 1 OFFSET 2)")
        try db.raw("UPDATE deals SET invoice_id = (SELECT max(id) FROM invoices WHERE status = 'paid') WHERE id = (\(wonOpen) ORDER BY id LIMIT 1 OFFSET 3)")
        try db.raw("DELETE FROM deals WHERE id = (\(wonOpen) AND \(unreferenced) ORDER BY id DESC LIMIT 1)")
        try db.raw("""
            UPDATE deals SET invoice_id = (\(draft) ORDER BY id DESC LIMIT 1) WHERE id = (\(wonOpen) ORDER BY id LIMIT 1);
            DELETE FROM invoices WHERE id = (\(draft) ORDER BY id DESC LIMIT 1);
            """)
    }

    @Test func theKeptTotalsFollowEveryWriteToLinesAndDocuments() throws {
        let db = try TestDatabase(demoScale: 300)
        let before = try Self.kept(db)
        #expect(!before.isEmpty)
        #expect(before == (try Self.summed(db)), "after the bulk-loaded demo")
        try Self.writeDirectly(db)
        #expect(try Self.kept(db) != before, "the writes change what is reserved")
        #expect(try Self.kept(db) == Self.summed(db), "after direct writes")
        #expect(try db.database.checkInvariants([.reservationTotals]).allSatisfy(\.holds))
    }

    @Test(arguments: ReservationTotalsSchema.triggerNames)
    func withoutOneTriggerTheTotalsGoWrong(_ trigger: String) throws {
        let db = try TestDatabase(demoScale: 300)
        try db.raw("DROP TRIGGER \(trigger)")
        try Self.writeDirectly(db)
        #expect(try Self.kept(db) != Self.summed(db))
        let found = try #require(try db.database.checkInvariants([.reservationTotals]).first)
        #expect(found.violations.first?.hasPrefix("reservation_totals product ") == true, "\(found.violations)")
    }

    @Test func bulkAndRowByRowSeedingKeepTheSameTotals() throws {
        let bulk = try TestDatabase()
        try DemoSeeder.seed(bulk.database, scale: 150, actor: Actor(username: "alice"), rowByRow: false, now: DemoMoment.fixed)
        let rowByRow = try TestDatabase()
        _ = try DemoSeeder.seed(rowByRow.database, scale: 150, actor: Actor(username: "alice"), rowByRow: true, now: DemoMoment.fixed)
        #expect(!(try Self.kept(bulk)).isEmpty)
        #expect(try Self.kept(bulk) == Self.summed(bulk))
        #expect(try Self.kept(rowByRow) == Self.summed(rowByRow))
        #expect(try Self.kept(bulk) == Self.kept(rowByRow))
    }

    @Test func theListAndTheStockLevelReadTheKeptTotals() throws {
        let db = try TestDatabase(demoScale: 300)
        let (id, quantity) = try #require(try Self.kept(db).max { $0.value < $1.value })
        // Changed behind the triggers' back, so that a sum would not give it.
        try db.raw("UPDATE reservation_totals SET quantity = quantity + 1000 WHERE product_id = \(id)")
        #expect(try db.database.products.stockLevel(of: id).reserved == quantity + 1000)
        #expect(try db.database.products.listRow(id: id)?.reserved == quantity + 1000)
    }
}
