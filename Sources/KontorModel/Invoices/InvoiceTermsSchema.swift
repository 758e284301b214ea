import GRDB

/// What real invoices carry besides their lines (`v16-invoice-terms`):
///
/// - Skonto terms per invoice (`skonto_bp`, `skonto_days`: 200 and 10 are
///   "2 % within 10 days"; 0 and 0 are none), frozen at issue;
/// - a service period per line (`period_start`, `period_end`, both or
///   neither), for a line that covers other days than the invoice;
/// - discounts and surcharges on the whole document
///   (`invoice_allowances`), each in one VAT group of the lines and with
///   its reason, frozen at issue like the lines, copied negated onto a
///   credit note.
///
/// Existing invoices keep their meaning: no Skonto, no line periods, no
/// document allowances.
enum InvoiceTermsSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE invoices ADD COLUMN skonto_bp INTEGER NOT NULL DEFAULT 0 CHECK (skonto_bp BETWEEN 0 AND 1000);
            ALTER TABLE invoices ADD COLUMN skonto_days INTEGER NOT NULL DEFAULT 0
                CHECK (skonto_days BETWEEN 0 AND 365 AND (skonto_days = 0) = (skonto_bp = 0));
            CREATE TRIGGER invoices_frozen_terms BEFORE UPDATE OF skonto_bp, skonto_days ON invoices
            WHEN old.status <> 'draft' AND (new.skonto_bp IS NOT old.skonto_bp OR new.skonto_days IS NOT old.skonto_days)
            BEGIN
                SELECT RAISE(ABORT, 'issued invoices cannot be changed');
            END;

            ALTER TABLE invoice_lines ADD COLUMN period_start TEXT;
            ALTER TABLE invoice_lines ADD COLUMN period_end TEXT
                CHECK ((period_start IS NULL) = (period_end IS NULL) AND (period_end IS NULL OR period_end >= period_start));

            CREATE TABLE invoice_allowances (
                id            INTEGER PRIMARY KEY,
                invoice_id    INTEGER NOT NULL REFERENCES invoices(id) ON DELETE CASCADE,
                position      INTEGER NOT NULL,
                -- 1: a surcharge (BG-21), 0: a discount (BG-20).
                is_charge     INTEGER NOT NULL CHECK (is_charge IN (0, 1)),
                -- Positive on invoices, negative on credit notes.
                amount_cents  INTEGER NOT NULL CHECK (amount_cents <> 0),
                reason        TEXT NOT NULL CHECK (length(trim(reason)) > 0),
                tax_category  TEXT NOT NULL CHECK (tax_category IN ('S', 'Z', 'E', 'AE', 'K', 'G', 'O')),
                vat_rate_bp   INTEGER NOT NULL CHECK (vat_rate_bp IN (0, 700, 1900) AND (tax_category = 'S') = (vat_rate_bp > 0))
            );
            CREATE INDEX invoice_allowances_by_invoice ON invoice_allowances (invoice_id, position);
            CREATE TRIGGER invoice_allowances_frozen_insert BEFORE INSERT ON invoice_allowances
            WHEN (SELECT status FROM invoices WHERE id = new.invoice_id) <> 'draft'
            BEGIN
                SELECT RAISE(ABORT, 'issued invoices cannot be changed');
            END;
            CREATE TRIGGER invoice_allowances_frozen_update BEFORE UPDATE ON invoice_allowances
            WHEN (SELECT status FROM invoices WHERE id = old.invoice_id) <> 'draft'
              OR (SELECT status FROM invoices WHERE id = new.invoice_id) <> 'draft'
            BEGIN
                SELECT RAISE(ABORT, 'issued invoices cannot be changed');
            END;
            CREATE TRIGGER invoice_allowances_frozen_delete BEFORE DELETE ON invoice_allowances
            WHEN (SELECT status FROM invoices WHERE id = old.invoice_id) <> 'draft'
            BEGIN
                SELECT RAISE(ABORT, 'issued invoices cannot be changed');
            END;
            """)
    }
}
