import GRDB

/// `v42-interest-received`: default interest a customer paid on what a
/// dunning letter claimed. The letter asks for "open + interest + fee =
/// total", and a customer who pays that total in one transfer pays the
/// interest too: it was booked nowhere (not an invoice's, not a fee's), so
/// such a transfer was only proposed and the interest had no account.
///
/// Interest is no receivable until paid (the letter's figure runs to its
/// date and grows every day): it is recorded when the money comes, once
/// per letter, and the DATEV export books it onto the fee account (SKR03
/// 2650 / SKR04 7100, no VAT) as the fees are. Append-only, as payments are.
enum InterestReceivedSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE interest_received (
                id           INTEGER PRIMARY KEY,
                letter_id    INTEGER NOT NULL UNIQUE REFERENCES dunning_letters(id),
                customer_id  INTEGER NOT NULL REFERENCES customers(id),
                amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
                paid_on      TEXT NOT NULL,
                method       TEXT NOT NULL CHECK (method IN ('transfer', 'cash', 'card', 'direct_debit', 'other')),
                reference    TEXT NOT NULL DEFAULT '',
                created_by   TEXT NOT NULL,
                created_at   TEXT NOT NULL
            );
            CREATE INDEX interest_received_by_customer ON interest_received (customer_id, id);
            CREATE TRIGGER interest_received_append_only_update BEFORE UPDATE ON interest_received BEGIN
                SELECT RAISE(ABORT, 'interest received is kept as booked');
            END;
            CREATE TRIGGER interest_received_append_only_delete BEFORE DELETE ON interest_received BEGIN
                SELECT RAISE(ABORT, 'interest received is kept as booked');
            END;
            CREATE TRIGGER interest_received_as_claimed BEFORE INSERT ON interest_received
            WHEN (SELECT customer_id FROM dunning_letters WHERE id = new.letter_id) IS NOT new.customer_id
              OR new.amount_cents > (SELECT interest_cents FROM dunning_letters WHERE id = new.letter_id) BEGIN
                SELECT RAISE(ABORT, 'interest received must be its letter''s customer''s, and no more than the letter claimed');
            END;
            """)
    }
}
