import GRDB

/// `v40-payments-on-paid-invoices`: money received on an invoice already
/// paid (a customer who paid twice, a standing order that ran once too
/// often) can be recorded on it, as an overpayment the customer is owed
/// back. Before, `payments_only_issued` refused any payment on a paid
/// invoice, so such a bank entry could be booked nowhere and waited for
/// ever, and the books no longer matched the bank account.
///
/// A payment still needs an invoice that was issued and not cancelled;
/// Skonto is still taken only on one that is open.
enum DoublePaymentSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER payments_only_issued;
            CREATE TRIGGER payments_only_issued BEFORE INSERT ON payments
            WHEN (new.kind = 'payment' AND ((SELECT status FROM invoices WHERE id = new.invoice_id) NOT IN ('issued', 'paid')
                                            OR (SELECT kind FROM invoices WHERE id = new.invoice_id) <> 'invoice'))
              OR (new.kind = 'skonto' AND new.amount_cents > 0 AND ((SELECT status FROM invoices WHERE id = new.invoice_id) <> 'issued'
                                                                   OR (SELECT kind FROM invoices WHERE id = new.invoice_id) <> 'invoice'))
            BEGIN
                SELECT RAISE(ABORT, 'payments can only be recorded against issued invoices');
            END;
            """)
    }
}
