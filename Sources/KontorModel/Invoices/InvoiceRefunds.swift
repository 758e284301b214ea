import KontorLocale
import GRDB

/// Money owed back to a customer: after a credit note for an invoice that
/// was (partly) paid, or after paying more than an invoice's total. Each
/// write is one transaction, audited like a payment, so invoice, credit
/// note and the customer's balance never disagree.
extension InvoiceRepository {
    /// Records money paid back to the customer against a credit note or an
    /// overpaid invoice: a payment row with a negative amount. Refused for
    /// more than the customer is owed on that document, naming the amount.
    /// Paying back all that is owed on a credit note settles it (`paid`).
    @discardableResult
    public func recordRefund(from documentID: Int64, amountCents: Int, paidOn: String = CalendarDate.today(),
                             method: Payment.Method = .transfer, reference: String = "", by session: Session) throws -> Invoice {
        var issues: [FieldIssue] = []
        if amountCents <= 0 { issues.append(FieldIssue(field: "amount", message: tr("must be more than 0,00"))) }
        if method == .offset { issues.append(FieldIssue(field: "method", message: tr("must be how the money went back: transfer, cash, card or other"))) }
        if !CalendarDate.isValid(paidOn) { issues.append(FieldIssue(field: "date", message: tr("must be a date like 2026-11-29"))) }
        if reference.count > 140 { issues.append(FieldIssue(field: "reference", message: tr("is too long: {0} characters, at most 140", reference.count))) }
        if !issues.isEmpty { throw KontorError.invalid(ValidationFailure(issues)) }
        return try session.write(.writeBackOffice) { db in
            try Self.recordRefund(db, from: documentID, amountCents: amountCents, paidOn: paidOn, method: method, reference: reference, by: session).document
        }
    }

    /// `recordRefund` inside the caller's transaction; the arguments are
    /// already checked for form. With the refund's payment row, which a
    /// bank entry keeps.
    static func recordRefund(_ db: Database, from documentID: Int64, amountCents: Int, paidOn: String, method: Payment.Method,
                             reference: String, by session: Session, known: Invoice? = nil) throws -> (document: Invoice, paymentID: Int64) {
        let document = try known.flatMap { $0.id == documentID ? $0 : nil } ?? Self.invoice(db, documentID)
        let name = document.kind == .creditNote ? tr("credit note {0}", document.number ?? "") : tr("invoice {0}", document.number ?? "")
        guard document.status != .draft else { throw KontorError.rule(tr("a draft has nothing to refund: it was never issued")) }
        let owed = document.owedToCustomerCents
        guard owed > 0 else {
            throw KontorError.rule(document.openCents > 0
                ? tr("nothing is owed back to the customer on {0}; {1} {2} are still to be paid on it", name, Money.format(cents: document.openCents), document.currency)
                : tr("nothing is owed back to the customer on {0}", name))
        }
        guard amountCents <= owed else {
            throw KontorError.invalid(ValidationFailure([FieldIssue(
                field: "amount", message: tr("is more than the {0} {1} owed to the customer on {2}", Money.format(cents: owed), document.currency, name))]))
        }
        try db.execute(sql: """
            INSERT INTO payments (invoice_id, kind, amount_cents, paid_on, method, reference, created_by, created_at)
            VALUES (?, 'refund', ?, ?, ?, ?, ?, ?)
            """, arguments: [documentID, -amountCents, paidOn, method.rawValue, TextFolding.trimmed(reference), session.username, Timestamp.now()])
        let paymentID = db.lastInsertedRowID
        let refunded = try Self.afterPayment(db, document)
        var changes: [Audit.Change] = [("paid_cents", String(document.paidCents), String(refunded.paidCents)),
                                       ("refund_cents", nil, String(amountCents))]
        if refunded.status != document.status { changes.append(("status", document.status.rawValue, refunded.status.rawValue)) }
        try Audit.record(db, session: session, entity: "invoice", id: documentID, action: "refund", changes: changes)
        return (refunded, paymentID)
    }

    /// Sets `amountCents` (what was open on the invoice; negative when it
    /// was overpaid) off against its credit note: a settlement row on each,
    /// opposite amounts, so the invoice is left with nothing open and the
    /// credit note with what the customer is owed back. Inside the
    /// cancelling transaction, before the invoice is marked cancelled.
    static func settle(_ db: Database, invoiceID: Int64, invoiceNumber: String, noteID: Int64, noteNumber: String,
                       amountCents: Int, on date: String, by session: Session) throws {
        let now = Timestamp.now()
        for (document, other, amount, reference) in [(invoiceID, noteID, amountCents, noteNumber), (noteID, invoiceID, -amountCents, invoiceNumber)] {
            try db.execute(sql: """
                INSERT INTO payments (invoice_id, kind, amount_cents, paid_on, method, reference, settles_id, created_by, created_at)
                VALUES (?, 'settlement', ?, ?, 'offset', ?, ?, ?, ?)
                """, arguments: [document, amount, date, reference, other, session.username, now])
        }
    }
}
