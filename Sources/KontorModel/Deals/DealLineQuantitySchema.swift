import GRDB

/// `v45-deal-line-quantities`: a deal's line takes a quantity with up to
/// three decimals (2,5 hours), as an invoice line does: `quantity_milli`
/// in thousandths, and `quantity` its whole part, computed, for the stock
/// reservations, which count whole pieces (a stocked product's line must be
/// whole). The table is rebuilt, because SQLite cannot change a column into
/// a computed one in place; its indexes and triggers, and the triggers
/// elsewhere that read it, are made again as they were, but that the
/// reservations' update trigger watches `quantity_milli`.
enum DealLineQuantitySchema {
    static func migrate(_ db: Database) throws {
        let dependents = try TableRebuild.detachDependents(of: "deal_lines", db)
        try db.execute(sql: """
            CREATE TABLE deal_lines_v44 (
                id               INTEGER PRIMARY KEY,
                deal_id          INTEGER NOT NULL REFERENCES deals(id) ON DELETE CASCADE,
                position         INTEGER NOT NULL,
                product_id       INTEGER REFERENCES products(id),
                description      TEXT NOT NULL CHECK (length(trim(description)) > 0),
                quantity_milli   INTEGER NOT NULL CHECK (quantity_milli > 0),
                quantity         INTEGER GENERATED ALWAYS AS (quantity_milli / 1000) VIRTUAL,
                unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
                vat_rate_bp      INTEGER NOT NULL CHECK (vat_rate_bp IN (0, 700, 1900))
            );
            INSERT INTO deal_lines_v44 (id, deal_id, position, product_id, description, quantity_milli, unit_price_cents, vat_rate_bp)
            SELECT id, deal_id, position, product_id, description, quantity * 1000, unit_price_cents, vat_rate_bp FROM deal_lines;
            DROP TABLE deal_lines;
            ALTER TABLE deal_lines_v44 RENAME TO deal_lines;
            """)
        // A trigger on a change of the quantity now watches the column that
        // is written: a computed column is never named in an UPDATE.
        for item in dependents {
            try db.execute(sql: item.sql.replacingOccurrences(of: "UPDATE OF deal_id, product_id, quantity ON deal_lines",
                                                                with: "UPDATE OF deal_id, product_id, quantity_milli ON deal_lines"))
        }
    }

    /// A line's net in cents: quantity × unit price, rounded half up (the
    /// quantity is above 0), as `Quantity.times(cents:)` rounds it.
    static let lineNet = "((quantity_milli * unit_price_cents + 500) / 1000)"
}
