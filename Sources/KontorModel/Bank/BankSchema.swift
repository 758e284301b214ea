import GRDB

/// Bank statements taken in (`v18-bank-statements`):
///
/// - `bank_entries`: every entry of every statement imported, once per
///   account and bank reference (importing a statement twice books nothing
///   twice), with what became of it: booked, proposed, unmatched or skipped;
/// - `bank_entry_matches`: which invoices or credit notes an entry pays or
///   refunds, with the Skonto it takes, and the payment row once booked;
/// - `bank_counterparties`: the accounts customers paid from, learnt when
///   an entry is booked, so the next transfer from that IBAN finds its
///   customer without a name.
enum BankSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE bank_entries (
                id                INTEGER PRIMARY KEY,
                account           TEXT NOT NULL,
                reference         TEXT NOT NULL,
                statement_id      TEXT NOT NULL,
                booking_date      TEXT NOT NULL,
                -- Credits positive, debits negative.
                amount_cents      INTEGER NOT NULL CHECK (amount_cents <> 0),
                counterparty_name TEXT NOT NULL DEFAULT '',
                counterparty_iban TEXT NOT NULL DEFAULT '',
                remittance        TEXT NOT NULL DEFAULT '',
                state             TEXT NOT NULL CHECK (state IN ('booked', 'proposed', 'unmatched', 'skipped')),
                -- Why it was matched, proposed or left: shown in the review.
                note              TEXT NOT NULL DEFAULT '',
                imported_at       TEXT NOT NULL,
                imported_by       TEXT NOT NULL,
                version           INTEGER NOT NULL DEFAULT 1,
                updated_at        TEXT NOT NULL,
                updated_by        TEXT NOT NULL,
                UNIQUE (account, reference)
            );
            CREATE INDEX bank_entries_by_state ON bank_entries (state, booking_date, id);
            CREATE TABLE bank_entry_matches (
                entry_id     INTEGER NOT NULL REFERENCES bank_entries(id),
                invoice_id   INTEGER NOT NULL REFERENCES invoices(id),
                -- What goes to this document: positive a payment, negative a refund.
                amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0),
                skonto_cents INTEGER NOT NULL DEFAULT 0 CHECK (skonto_cents >= 0),
                payment_id   INTEGER REFERENCES payments(id),
                PRIMARY KEY (entry_id, invoice_id)
            );
            CREATE INDEX bank_entry_matches_by_invoice ON bank_entry_matches (invoice_id);
            -- Open invoices by what is still open, for a transfer that names no invoice.
            CREATE INDEX invoices_open_amount ON invoices (gross_cents - paid_cents) WHERE status = 'issued' AND kind = 'invoice';
            CREATE TABLE bank_counterparties (
                iban        TEXT PRIMARY KEY,
                customer_id INTEGER NOT NULL REFERENCES customers(id)
            );
            """)
    }
}
