import GRDB

/// An invoice's parties in the detail an e-invoice needs (`v24-invoice-parties`):
/// moved out of `invoices` into `invoice_parties`, a row per issued document.
///
/// The JSON is about a kilobyte per invoice and is read only when a document
/// is printed, mailed or turned into an e-invoice; in `invoices` it made every
/// row four times as wide, so the list's filters, a bank statement's matching
/// and a payment's update all read four times the pages they need. Frozen
/// like the invoice it belongs to: once the invoice is issued its parties can
/// be neither changed nor removed.
enum InvoicePartiesSchema {
    /// The table is rebuilt rather than its column dropped: `DROP COLUMN`
    /// only shrinks the rows in place, and the invoices would still be
    /// spread over the same pages.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE invoice_parties (
                invoice_id INTEGER PRIMARY KEY REFERENCES invoices(id) ON DELETE CASCADE,
                parties    TEXT NOT NULL CHECK (json_valid(parties))
            );
            INSERT INTO invoice_parties (invoice_id, parties)
            SELECT id, parties FROM invoices WHERE parties <> '{}' AND json_valid(parties) ORDER BY id;
            """)
        let dependents = try TableRebuild.detachDependents(of: "invoices", db)
        try db.execute(sql: """
            CREATE TABLE invoices_rebuilt (
                id                INTEGER PRIMARY KEY,
                kind              TEXT NOT NULL DEFAULT 'invoice' CHECK (kind IN ('invoice', 'credit_note')),
                -- NULL while draft; assigned when issued, gapless per series and year.
                number            TEXT UNIQUE,
                status            TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'issued', 'paid', 'cancelled')),
                customer_id       INTEGER NOT NULL REFERENCES customers(id),
                deal_id           INTEGER REFERENCES deals(id),
                -- For a credit note: the invoice it cancels.
                corrects_id       INTEGER REFERENCES invoices(id),
                issue_date        TEXT,
                delivery_date     TEXT,
                due_date          TEXT,
                currency          TEXT NOT NULL DEFAULT 'EUR',
                net_cents         INTEGER NOT NULL DEFAULT 0,
                vat_cents         INTEGER NOT NULL DEFAULT 0,
                gross_cents       INTEGER NOT NULL DEFAULT 0,
                -- Always the sum of this invoice's payments (kept by a trigger).
                paid_cents        INTEGER NOT NULL DEFAULT 0,
                -- Seller and buyer as they were when the invoice was issued (in detail: invoice_parties).
                seller_name       TEXT NOT NULL DEFAULT '',
                seller_address    TEXT NOT NULL DEFAULT '',
                seller_vat_id     TEXT NOT NULL DEFAULT '',
                seller_tax_number TEXT NOT NULL DEFAULT '',
                buyer_name        TEXT NOT NULL DEFAULT '',
                buyer_address     TEXT NOT NULL DEFAULT '',
                buyer_vat_id      TEXT NOT NULL DEFAULT '',
                buyer_reference   TEXT NOT NULL DEFAULT '',
                notes             TEXT NOT NULL DEFAULT '',
                version           INTEGER NOT NULL DEFAULT 1,
                created_at        TEXT NOT NULL,
                updated_at        TEXT NOT NULL,
                updated_by        TEXT NOT NULL,
                period_start      TEXT,
                period_end        TEXT,
                order_reference   TEXT NOT NULL DEFAULT '',
                skonto_bp         INTEGER NOT NULL DEFAULT 0 CHECK (skonto_bp BETWEEN 0 AND 1000),
                skonto_days       INTEGER NOT NULL DEFAULT 0
                                  CHECK (skonto_days BETWEEN 0 AND 365 AND (skonto_days = 0) = (skonto_bp = 0)),
                CHECK ((status = 'draft') = (number IS NULL)),
                CHECK ((kind = 'credit_note') = (corrects_id IS NOT NULL))
            );
            INSERT INTO invoices_rebuilt (id, kind, number, status, customer_id, deal_id, corrects_id, issue_date, delivery_date, due_date,
                                      currency, net_cents, vat_cents, gross_cents, paid_cents,
                                      seller_name, seller_address, seller_vat_id, seller_tax_number,
                                      buyer_name, buyer_address, buyer_vat_id, buyer_reference, notes, version, created_at, updated_at, updated_by,
                                      period_start, period_end, order_reference, skonto_bp, skonto_days)
            SELECT id, kind, number, status, customer_id, deal_id, corrects_id, issue_date, delivery_date, due_date,
                   currency, net_cents, vat_cents, gross_cents, paid_cents,
                   seller_name, seller_address, seller_vat_id, seller_tax_number,
                   buyer_name, buyer_address, buyer_vat_id, buyer_reference, notes, version, created_at, updated_at, updated_by,
                   period_start, period_end, order_reference, skonto_bp, skonto_days
            FROM invoices ORDER BY id;
            DROP TABLE invoices;
            ALTER TABLE invoices_rebuilt RENAME TO invoices;
            """)
        // Everything that read the old table, as it was, but the trigger that froze the column now gone.
        for item in dependents where item.name != "invoices_frozen_einvoice" { try db.execute(sql: item.sql) }
        try db.execute(sql: """
            CREATE TRIGGER invoices_frozen_einvoice BEFORE UPDATE OF period_start, period_end, order_reference ON invoices
            WHEN old.status <> 'draft' AND (new.period_start IS NOT old.period_start
                 OR new.period_end IS NOT old.period_end OR new.order_reference IS NOT old.order_reference)
            BEGIN
                SELECT RAISE(ABORT, 'issued invoices cannot be changed');
            END;
            CREATE TRIGGER invoice_parties_frozen_update BEFORE UPDATE ON invoice_parties
            WHEN (SELECT status FROM invoices WHERE id = old.invoice_id) <> 'draft'
            BEGIN
                SELECT RAISE(ABORT, 'issued invoices cannot be changed');
            END;
            CREATE TRIGGER invoice_parties_frozen_delete BEFORE DELETE ON invoice_parties
            WHEN (SELECT status FROM invoices WHERE id = old.invoice_id) <> 'draft'
            BEGIN
                SELECT RAISE(ABORT, 'issued invoices cannot be changed');
            END;
            """)
    }

    /// The columns of an invoice with its parties: for the readers that
    /// print, mail or write it as an e-invoice (`Invoice.partiesJSON`).
    static let selectWithParties = "SELECT i.*, p.parties FROM invoices i LEFT JOIN invoice_parties p ON p.invoice_id = i.id"

    /// Stores the parties of a document being issued.
    static func store(_ db: Database, invoiceID: Int64, parties: String) throws {
        try db.cachedStatement(sql: """
            INSERT INTO invoice_parties (invoice_id, parties) VALUES (?, ?)
            ON CONFLICT (invoice_id) DO UPDATE SET parties = excluded.parties
            """).execute(arguments: [invoiceID, parties])
    }
}
