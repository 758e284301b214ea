import GRDB

/// Products that are services (an hour of maintenance, a call-out fee, a
/// training) sell without stock: issuing them moves nothing, and nothing can
/// be received or counted for them.
///
/// Existing products become services when their unit is a time or flat
/// rate (h, Std, Psch, Mon) and they have never had a stock move: the
/// ledger proves they were never stocked.
enum ServiceSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE products ADD COLUMN stocked INTEGER NOT NULL DEFAULT 1 CHECK (stocked IN (0, 1));
            UPDATE products SET stocked = 0
            WHERE unit IN ('h', 'Std', 'Psch', 'Mon') AND on_hand = 0
              AND NOT EXISTS (SELECT 1 FROM stock_moves m WHERE m.product_id = products.id);
            """)
    }
}
