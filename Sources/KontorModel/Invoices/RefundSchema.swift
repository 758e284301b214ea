import GRDB

/// Money owed back, and deals whose invoice was credited (`v15-refunds`).
///
/// Before, a payment was only money received, so a credit note for a
/// part-paid invoice left the invoice "open" for what was never paid and
/// the credit note "open" for a negative amount, while the customer was
/// owed what they had paid and nothing could record paying it back.
///
/// `payments` gets a `kind` and its amount a sign:
///
/// - `payment`: money received, positive, against an issued invoice;
/// - `refund`: money paid back, negative, against a credit note or an
///   overpaid invoice, never more than the customer is owed there;
/// - `settlement`: no money moves; a credit note sets off what was still
///   open on the invoice it cancels. It comes in pairs, one row on each
///   document (`settles_id` names the other one, method `offset`), with
///   opposite amounts, so the customer's balance is unchanged by it.
///
/// `paid_cents` stays the sum of a document's rows. A credit note is
/// settled (`paid`) once its `paid_cents` reaches its (negative) gross.
/// The table is rebuilt, as SQLite cannot change a CHECK in place; its
/// indexes and the append-only triggers come back unchanged.
///
/// Existing data is brought into line: every cancelled invoice still
/// showing an open amount is settled against its credit note, and a deal
/// still linked to a cancelled invoice is unlinked, so it can be invoiced
/// again or reopened. Each such change is written to the audit log.
enum RefundSchema {
    static func migrate(_ db: Database) throws {
        // Everything that names the table apart from itself and its indexes,
        // kept to be created again after the rebuild, except the two
        // triggers this migration replaces.
        let replaced: Set<String> = ["payments_only_issued", "payments_update_invoice"]
        let dependents = try TableRebuild.detachDependents(of: "payments", db)
        try db.execute(sql: """
            CREATE TABLE payments_v15 (
                id           INTEGER PRIMARY KEY,
                invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
                -- payment: received (> 0); refund: paid back (< 0); settlement: set off against settles_id.
                -- skonto: the early-payment discount the customer took as offered (no money moved).
                kind         TEXT NOT NULL DEFAULT 'payment' CHECK (kind IN ('payment', 'refund', 'settlement', 'skonto')),
                amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0
                                 AND (kind <> 'payment' OR amount_cents > 0)
                                 AND (kind <> 'refund' OR amount_cents < 0)),
                paid_on      TEXT NOT NULL,
                method       TEXT NOT NULL DEFAULT 'transfer'
                             CHECK (method IN ('transfer', 'cash', 'card', 'direct_debit', 'other', 'offset')),
                reference    TEXT NOT NULL DEFAULT '',
                -- A settlement: the other document of the pair.
                settles_id   INTEGER REFERENCES invoices(id),
                created_by   TEXT NOT NULL,
                created_at   TEXT NOT NULL,
                CHECK ((kind = 'settlement') = (settles_id IS NOT NULL)),
                CHECK ((kind IN ('settlement', 'skonto')) = (method = 'offset'))
            );
            INSERT INTO payments_v15 (id, invoice_id, kind, amount_cents, paid_on, method, reference, created_by, created_at)
            SELECT id, invoice_id, 'payment', amount_cents, paid_on, method, reference, created_by, created_at FROM payments;
            DROP TABLE payments;
            ALTER TABLE payments_v15 RENAME TO payments;
            """)
        for item in dependents where item.isIndex { try db.execute(sql: item.sql) }
        try settleCancelledInvoices(db)
        try unlinkCreditedDeals(db)
        for item in dependents where !item.isIndex && !replaced.contains(item.name) { try db.execute(sql: item.sql) }
        try db.execute(sql: triggers)
    }

    /// The triggers that guard payments and keep `paid_cents` and the status.
    static let triggers = """
        CREATE TRIGGER payments_only_issued BEFORE INSERT ON payments
        WHEN (new.kind = 'payment' OR (new.kind = 'skonto' AND new.amount_cents > 0)) AND ((SELECT status FROM invoices WHERE id = new.invoice_id) <> 'issued'
          OR (SELECT kind FROM invoices WHERE id = new.invoice_id) <> 'invoice')
        BEGIN
            SELECT RAISE(ABORT, 'payments can only be recorded against issued, unpaid invoices');
        END;
        CREATE TRIGGER payments_refund_owed BEFORE INSERT ON payments
        WHEN new.kind = 'refund' AND NOT coalesce((SELECT status IN ('issued', 'paid') AND paid_cents + new.amount_cents >= gross_cents
                                                   FROM invoices WHERE id = new.invoice_id), 0)
        BEGIN
            SELECT RAISE(ABORT, 'a refund pays back at most what the customer is owed on that document');
        END;
        CREATE TRIGGER payments_settlement_issued BEFORE INSERT ON payments
        WHEN new.kind = 'settlement' AND NOT coalesce((SELECT status IN ('issued', 'paid') FROM invoices WHERE id = new.invoice_id)
                                                      AND (SELECT status IN ('issued', 'paid') FROM invoices WHERE id = new.settles_id), 0)
        BEGIN
            SELECT RAISE(ABORT, 'a settlement sets off two issued documents');
        END;
        CREATE TRIGGER payments_update_invoice AFTER INSERT ON payments
        BEGIN
            UPDATE invoices SET
                paid_cents = paid_cents + new.amount_cents,
                status = CASE WHEN status = 'issued' AND CASE kind WHEN 'credit_note' THEN paid_cents + new.amount_cents <= gross_cents
                                                                   ELSE paid_cents + new.amount_cents >= gross_cents END
                         THEN 'paid' ELSE status END
            WHERE id = new.invoice_id;
        END;
        """

    /// Every cancelled invoice with an amount still open (or overpaid) sets
    /// it off against its credit note, as cancelling now does at once.
    /// Written before the triggers exist, so `paid_cents` and the credit
    /// note's status are set here.
    private static func settleCancelledInvoices(_ db: Database) throws {
        let pairs = try Row.fetchAll(db, sql: """
            SELECT i.id, i.number, i.gross_cents - i.paid_cents AS open, c.id AS note_id, c.number AS note_number, c.issue_date
            FROM invoices i JOIN invoices c ON c.id = (SELECT min(id) FROM invoices WHERE corrects_id = i.id AND status <> 'draft')
            WHERE i.status = 'cancelled' AND i.kind = 'invoice' AND i.gross_cents <> i.paid_cents
            """)
        let now = Timestamp.now()
        for pair in pairs {
            let open: Int = pair["open"], invoiceID: Int64 = pair["id"], noteID: Int64 = pair["note_id"]
            for (document, other, amount, reference) in [(invoiceID, noteID, open, pair["note_number"] as String),
                                                         (noteID, invoiceID, -open, pair["number"] as String)] {
                try db.execute(sql: """
                    INSERT INTO payments (invoice_id, kind, amount_cents, paid_on, method, reference, settles_id, created_by, created_at)
                    VALUES (?, 'settlement', ?, ?, 'offset', ?, ?, 'kontor', ?)
                    """, arguments: [document, amount, pair["issue_date"] as String, reference, other, now])
                let before = try Int.fetchOne(db, sql: "SELECT paid_cents FROM invoices WHERE id = ?", arguments: [document])!
                try db.execute(sql: "UPDATE invoices SET paid_cents = paid_cents + ? WHERE id = ?", arguments: [amount, document])
                try Audit.record(db, actor: "kontor", entity: "invoice", id: document, action: "settlement",
                                 changes: [("paid_cents", String(before), String(before + amount))])
            }
            if try Bool.fetchOne(db, sql: "SELECT paid_cents <= gross_cents FROM invoices WHERE id = ?", arguments: [noteID])! {
                try db.execute(sql: "UPDATE invoices SET status = 'paid' WHERE id = ? AND status = 'issued'", arguments: [noteID])
            }
        }
    }

    /// A deal linked to a cancelled invoice is won and not invoiced again.
    private static func unlinkCreditedDeals(_ db: Database) throws {
        let deals = try Row.fetchAll(db, sql: """
            SELECT d.id, d.invoice_id FROM deals d JOIN invoices i ON i.id = d.invoice_id WHERE i.status = 'cancelled'
            """)
        for deal in deals {
            try db.execute(sql: "UPDATE deals SET invoice_id = NULL, version = version + 1, updated_at = ?, updated_by = 'kontor' WHERE id = ?",
                           arguments: [Timestamp.now(), deal["id"] as Int64])
            try Audit.record(db, actor: "kontor", entity: "deal", id: deal["id"], action: "credited",
                             changes: [("invoice_id", String(deal["invoice_id"] as Int64), nil)])
        }
    }
}
