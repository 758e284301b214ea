import GRDB

/// An invoice's parties in the detail an e-invoice needs (`v23-invoice-parties`):
/// moved out of `invoices` into `invoice_parties`, a row per issued document.
///
/// The JSON is about a kilobyte per invoice and is read only when a document
/// is printed, mailed or turned into an e-invoice; in `invoices` it made every
/// row four times as wide, so the list's filters, a bank statement's matching
/// and a payment's update all read four times the pages they need. Frozen
/// like the invoice it belongs to: once the invoice is issued its parties can
/// be neither changed nor removed.
enum InvoicePartiesSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE invoice_parties (
                invoice_id INTEGER PRIMARY KEY REFERENCES invoices(id) ON DELETE CASCADE,
                parties    TEXT NOT NULL CHECK (json_valid(parties))
            );
            INSERT INTO invoice_parties (invoice_id, parties)
            SELECT id, parties FROM invoices WHERE parties <> '{}' AND json_valid(parties) ORDER BY id;
            DROP TRIGGER invoices_frozen_einvoice;
            ALTER TABLE invoices DROP COLUMN parties;
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
