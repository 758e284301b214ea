import GRDB

/// Dunning runs (`v19-dunning`):
///
/// - `dunning_letters`: every letter sent, one per customer and run, with
///   its level (the highest of its invoices'), what it claimed and by when;
/// - `dunning_notices`: per invoice in a letter, the level, date, open
///   amount and interest claimed — what the invoice, the customer's view
///   and a ticket show, and what the next run builds on;
/// - `dunning_fees`: the letter's fee as a receivable of its own (never an
///   edit of the invoice), paid by `dunning_fee_payments`, which keep its
///   `paid_cents` as invoices' payments keep theirs;
/// - `invoice_disputes`: invoices a ticket says the customer disputes;
///   dunning skips them while the row stands;
/// - `payment_plans`: customers paying by instalments until a date;
///   dunning skips them until then.
///
/// Letters, notices and fee payments are append-only, and a fee cannot be
/// changed but through its payments, whatever program writes.
enum DunningSchema {
    static func migrate(_ db: Database) throws {
        let levels = "'reminder', 'first', 'second', 'final'"
        try db.execute(sql: """
            CREATE TABLE dunning_letters (
                id               INTEGER PRIMARY KEY,
                customer_id      INTEGER NOT NULL REFERENCES customers(id),
                letter_date      TEXT NOT NULL,
                level            TEXT NOT NULL CHECK (level IN (\(levels))),
                -- The sum of the notices' open amounts and interest.
                open_cents       INTEGER NOT NULL CHECK (open_cents > 0),
                interest_cents   INTEGER NOT NULL CHECK (interest_cents >= 0),
                interest_rate_bp INTEGER NOT NULL CHECK (interest_rate_bp >= 0),
                -- The base rate it was reckoned from (§247 BGB), and since when that held.
                base_rate_bp     INTEGER NOT NULL,
                base_rate_from   TEXT NOT NULL,
                -- This letter's fee, and fees of earlier letters still open when it was sent.
                fee_cents        INTEGER NOT NULL CHECK (fee_cents >= 0),
                earlier_fees_cents INTEGER NOT NULL CHECK (earlier_fees_cents >= 0),
                pay_by           TEXT NOT NULL,
                file_name        TEXT NOT NULL,
                created_by       TEXT NOT NULL,
                created_at       TEXT NOT NULL
            );
            CREATE INDEX dunning_letters_by_customer ON dunning_letters (customer_id, id);
            CREATE TABLE dunning_notices (
                id             INTEGER PRIMARY KEY,
                letter_id      INTEGER NOT NULL REFERENCES dunning_letters(id),
                invoice_id     INTEGER NOT NULL REFERENCES invoices(id),
                level          TEXT NOT NULL CHECK (level IN (\(levels))),
                notice_date    TEXT NOT NULL,
                days_overdue   INTEGER NOT NULL CHECK (days_overdue > 0),
                open_cents     INTEGER NOT NULL CHECK (open_cents > 0),
                interest_cents INTEGER NOT NULL CHECK (interest_cents >= 0),
                -- Each level once per invoice.
                UNIQUE (invoice_id, level)
            );
            CREATE INDEX dunning_notices_by_letter ON dunning_notices (letter_id);
            CREATE TABLE dunning_fees (
                id           INTEGER PRIMARY KEY,
                customer_id  INTEGER NOT NULL REFERENCES customers(id),
                letter_id    INTEGER NOT NULL UNIQUE REFERENCES dunning_letters(id),
                amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                -- Always the sum of its dunning_fee_payments (kept by a trigger).
                paid_cents   INTEGER NOT NULL DEFAULT 0 CHECK (paid_cents BETWEEN 0 AND amount_cents),
                due_date     TEXT NOT NULL,
                created_at   TEXT NOT NULL
            );
            CREATE INDEX dunning_fees_by_customer ON dunning_fees (customer_id, paid_cents < amount_cents, id);
            CREATE TABLE dunning_fee_payments (
                id           INTEGER PRIMARY KEY,
                fee_id       INTEGER NOT NULL REFERENCES dunning_fees(id),
                kind         TEXT NOT NULL CHECK (kind IN ('payment', 'waiver')),
                amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                paid_on      TEXT NOT NULL,
                method       TEXT NOT NULL CHECK (method IN ('transfer', 'cash', 'card', 'direct_debit', 'other', 'offset')),
                reference    TEXT NOT NULL DEFAULT '',
                created_by   TEXT NOT NULL,
                created_at   TEXT NOT NULL,
                CHECK ((kind = 'waiver') = (method = 'offset'))
            );
            CREATE INDEX dunning_fee_payments_by_fee ON dunning_fee_payments (fee_id, id);
            CREATE TABLE invoice_disputes (
                invoice_id INTEGER PRIMARY KEY REFERENCES invoices(id),
                ticket_id  INTEGER NOT NULL REFERENCES tickets(id),
                since      TEXT NOT NULL,
                created_by TEXT NOT NULL
            );
            CREATE INDEX invoice_disputes_by_ticket ON invoice_disputes (ticket_id);
            CREATE TABLE payment_plans (
                customer_id INTEGER PRIMARY KEY REFERENCES customers(id),
                until       TEXT NOT NULL,
                note        TEXT NOT NULL DEFAULT '',
                updated_at  TEXT NOT NULL,
                updated_by  TEXT NOT NULL
            );

            CREATE TRIGGER dunning_letters_append_only_update BEFORE UPDATE ON dunning_letters BEGIN
                SELECT RAISE(ABORT, 'dunning letters are kept as sent');
            END;
            CREATE TRIGGER dunning_letters_append_only_delete BEFORE DELETE ON dunning_letters BEGIN
                SELECT RAISE(ABORT, 'dunning letters are kept as sent');
            END;
            CREATE TRIGGER dunning_notices_append_only_update BEFORE UPDATE ON dunning_notices BEGIN
                SELECT RAISE(ABORT, 'dunning notices are kept as sent');
            END;
            CREATE TRIGGER dunning_notices_append_only_delete BEFORE DELETE ON dunning_notices BEGIN
                SELECT RAISE(ABORT, 'dunning notices are kept as sent');
            END;
            CREATE TRIGGER dunning_notices_only_issued BEFORE INSERT ON dunning_notices
            WHEN (SELECT kind || ':' || status FROM invoices WHERE id = new.invoice_id) IS NOT 'invoice:issued' BEGIN
                SELECT RAISE(ABORT, 'only issued, unpaid invoices can be dunned');
            END;
            CREATE TRIGGER dunning_fees_frozen BEFORE UPDATE ON dunning_fees
            WHEN new.id IS NOT old.id OR new.customer_id IS NOT old.customer_id OR new.letter_id IS NOT old.letter_id
              OR new.amount_cents IS NOT old.amount_cents OR new.due_date IS NOT old.due_date OR new.created_at IS NOT old.created_at BEGIN
                SELECT RAISE(ABORT, 'a dunning fee cannot be changed; pay or waive it');
            END;
            CREATE TRIGGER dunning_fees_paid_is_derived BEFORE UPDATE OF paid_cents ON dunning_fees
            WHEN new.paid_cents IS NOT (SELECT coalesce(sum(amount_cents), 0) FROM dunning_fee_payments WHERE fee_id = new.id) BEGIN
                SELECT RAISE(ABORT, 'a dunning fee''s paid amount is the sum of its payments');
            END;
            CREATE TRIGGER dunning_fees_no_delete BEFORE DELETE ON dunning_fees BEGIN
                SELECT RAISE(ABORT, 'dunning fees are kept; waive one instead');
            END;
            CREATE TRIGGER dunning_fee_payments_not_over BEFORE INSERT ON dunning_fee_payments
            WHEN new.amount_cents > (SELECT amount_cents - paid_cents FROM dunning_fees WHERE id = new.fee_id) BEGIN
                SELECT RAISE(ABORT, 'more than is open on the dunning fee');
            END;
            CREATE TRIGGER dunning_fee_payments_paid AFTER INSERT ON dunning_fee_payments BEGIN
                UPDATE dunning_fees SET paid_cents = paid_cents + new.amount_cents WHERE id = new.fee_id;
            END;
            CREATE TRIGGER dunning_fee_payments_append_only_update BEFORE UPDATE ON dunning_fee_payments BEGIN
                SELECT RAISE(ABORT, 'dunning fee payments cannot be changed');
            END;
            CREATE TRIGGER dunning_fee_payments_append_only_delete BEFORE DELETE ON dunning_fee_payments BEGIN
                SELECT RAISE(ABORT, 'dunning fee payments cannot be deleted');
            END;
            """)
    }
}
