import GRDB

/// What an invoice needs to be accepted by German law and read by the
/// buyer's software (`v11-einvoice`):
///
/// - invoice lines get their EN 16931 tax category (`tax_category`), the
///   reason for overriding the suggested one (`tax_reason`), a discount
///   with its reason (`discount_cents`, `discount_reason`), a decimal
///   quantity in thousandths (`quantity_milli`; `quantity` becomes its whole
///   part, computed, for the stock ledger and the reservations) and a
///   UN/ECE Rec. 20 unit code (`unit_code`). The table is rebuilt, because
///   SQLite cannot change a CHECK constraint in place; its indexes, triggers
///   and the views that read it are rebuilt with it, as they were;
/// - invoices get the seller and buyer as structured data at issue
///   (`parties`, JSON), a service period (`period_start`, `period_end`)
///   and the buyer's order reference (`order_reference`), frozen at issue
///   like everything else.
///
/// Existing lines keep their meaning: 0 % lines become exempt (`E`, with
/// the reason they already carry), the others standard rated (`S`), and
/// their unit text is read for its code.
enum EInvoiceSchema {
    static func migrate(_ db: Database) throws {
        // Everything that names the table, apart from the table itself: it is
        // dropped with the old table and created again, unchanged, afterwards.
        let dependents = try TableRebuild.detachDependents(of: "invoice_lines", db)
        try db.execute(sql: """
            CREATE TABLE invoice_lines_v10 (
                id               INTEGER PRIMARY KEY,
                invoice_id       INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
                position         INTEGER NOT NULL,
                product_id       INTEGER REFERENCES products(id),
                description      TEXT NOT NULL CHECK (length(trim(description)) > 0),
                -- Thousandths: 2,5 hours is 2500. Negative on credit notes.
                quantity_milli   INTEGER NOT NULL CHECK (quantity_milli <> 0),
                -- The whole part, for the stock ledger and the reservations.
                quantity         INTEGER GENERATED ALWAYS AS (quantity_milli / 1000) VIRTUAL,
                unit             TEXT NOT NULL DEFAULT 'Stk.',
                unit_code        TEXT NOT NULL DEFAULT 'H87'
                                 CHECK (unit_code IN ('H87', 'HUR', 'KGM', 'LTR', 'C62', 'LS', 'DAY', 'MON', 'MTR')),
                unit_price_cents INTEGER NOT NULL CHECK (unit_price_cents >= 0),
                tax_category     TEXT NOT NULL DEFAULT 'S' CHECK (tax_category IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O')),
                vat_rate_bp      INTEGER NOT NULL CHECK (vat_rate_bp IN (0, 700, 1900)
                                 AND (tax_category = 'S') = (vat_rate_bp > 0)),
                -- Why no VAT is charged (required unless S or Z), printed on the invoice.
                vat_exemption    TEXT NOT NULL DEFAULT '' CHECK (tax_category IN ('S', 'Z') OR length(trim(vat_exemption)) > 0),
                -- Why the category differs from the one suggested for the customer and product.
                tax_reason       TEXT NOT NULL DEFAULT '',
                -- A discount on the line (EN 16931 line allowance), positive, with its reason.
                discount_cents   INTEGER NOT NULL DEFAULT 0 CHECK (discount_cents >= 0),
                discount_reason  TEXT NOT NULL DEFAULT '' CHECK (discount_cents = 0 OR length(trim(discount_reason)) > 0),
                -- quantity × price to the cent, less the discount (credit notes: all negative).
                net_cents        INTEGER NOT NULL CHECK (net_cents =
                                 (quantity_milli * unit_price_cents + CASE WHEN quantity_milli < 0 THEN -500 ELSE 500 END) / 1000
                                 - CASE WHEN quantity_milli < 0 THEN -discount_cents ELSE discount_cents END)
            );
            INSERT INTO invoice_lines_v10 (id, invoice_id, position, product_id, description, quantity_milli, unit, unit_code,
                                           unit_price_cents, tax_category, vat_rate_bp, vat_exemption, net_cents)
            SELECT id, invoice_id, position, product_id, description, quantity * 1000, unit,
                   CASE lower(trim(unit, ' .'))
                       WHEN 'stk' THEN 'H87' WHEN 'pck' THEN 'H87' WHEN 'h' THEN 'HUR' WHEN 'std' THEN 'HUR'
                       WHEN 'kg' THEN 'KGM' WHEN 'l' THEN 'LTR' WHEN 'psch' THEN 'LS' WHEN 'mon' THEN 'MON'
                       ELSE 'C62' END,
                   unit_price_cents, CASE WHEN vat_rate_bp = 0 THEN 'E' ELSE 'S' END, vat_rate_bp, vat_exemption, net_cents
            FROM invoice_lines;
            DROP TABLE invoice_lines;
            ALTER TABLE invoice_lines_v10 RENAME TO invoice_lines;
            """)
        for item in dependents { try db.execute(sql: item.sql) }
        try db.execute(sql: """
            ALTER TABLE invoices ADD COLUMN parties TEXT NOT NULL DEFAULT '{}';
            ALTER TABLE invoices ADD COLUMN period_start TEXT;
            ALTER TABLE invoices ADD COLUMN period_end TEXT;
            ALTER TABLE invoices ADD COLUMN order_reference TEXT NOT NULL DEFAULT '';
            CREATE TRIGGER invoices_frozen_einvoice BEFORE UPDATE OF parties, period_start, period_end, order_reference ON invoices
            WHEN old.status <> 'draft' AND (new.parties IS NOT old.parties OR new.period_start IS NOT old.period_start
                 OR new.period_end IS NOT old.period_end OR new.order_reference IS NOT old.order_reference)
            BEGIN
                SELECT RAISE(ABORT, 'issued invoices cannot be changed');
            END;
            """)
    }
}
