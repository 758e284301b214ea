import GRDB

/// What keeps the invoice list's filter and footer at a few milliseconds a
/// key however many invoices there are.
///
/// - `invoice_totals`: count and sums by status and kind, kept by triggers,
///   so that the footer's totals of a view (all, drafts, open, paid, …) are
///   a handful of rows rather than a pass over every invoice.
/// - `invoices_by_id_number`: the list's own order (newest first) with the
///   number, status and kind beside the id. A filter by a number's start that
///   matches most of a year ("2026") walks it newest first and reads an
///   invoice row only for the rows shown, never the whole table.
enum InvoiceListSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: createTable)
        try db.execute(sql: recount)
        try db.execute(sql: createTriggers)
        try db.execute(sql: """
            CREATE INDEX invoices_by_id_number ON invoices (id, number, status, kind);
            """)
    }

    static let createTable = """
        CREATE TABLE invoice_totals (
            status      TEXT NOT NULL,
            kind        TEXT NOT NULL,
            n           INTEGER NOT NULL DEFAULT 0,
            gross_cents INTEGER NOT NULL DEFAULT 0,
            paid_cents  INTEGER NOT NULL DEFAULT 0,
            PRIMARY KEY (status, kind)
        ) WITHOUT ROWID;
        """

    static let createTriggers = """
        CREATE TRIGGER invoice_totals_insert AFTER INSERT ON invoices BEGIN
            INSERT INTO invoice_totals (status, kind, n, gross_cents, paid_cents)
            VALUES (new.status, new.kind, 1, new.gross_cents, new.paid_cents)
            ON CONFLICT (status, kind) DO UPDATE SET
                n = n + 1, gross_cents = gross_cents + excluded.gross_cents, paid_cents = paid_cents + excluded.paid_cents;
        END;
        CREATE TRIGGER invoice_totals_delete AFTER DELETE ON invoices BEGIN
            UPDATE invoice_totals SET n = n - 1, gross_cents = gross_cents - old.gross_cents, paid_cents = paid_cents - old.paid_cents
            WHERE status = old.status AND kind = old.kind;
        END;
        CREATE TRIGGER invoice_totals_update AFTER UPDATE OF status, kind, gross_cents, paid_cents ON invoices BEGIN
            UPDATE invoice_totals SET n = n - 1, gross_cents = gross_cents - old.gross_cents, paid_cents = paid_cents - old.paid_cents
            WHERE status = old.status AND kind = old.kind;
            INSERT INTO invoice_totals (status, kind, n, gross_cents, paid_cents)
            VALUES (new.status, new.kind, 1, new.gross_cents, new.paid_cents)
            ON CONFLICT (status, kind) DO UPDATE SET
                n = n + 1, gross_cents = gross_cents + excluded.gross_cents, paid_cents = paid_cents + excluded.paid_cents;
        END;
        """

    /// Sums every invoice afresh (on migrating, and after a bulk load without triggers).
    static let recount = """
        DELETE FROM invoice_totals;
        INSERT INTO invoice_totals (status, kind, n, gross_cents, paid_cents)
        SELECT status, kind, count(*), sum(gross_cents), sum(paid_cents) FROM invoices GROUP BY status, kind;
        """
}
