import KontorLocale
import GRDB

/// One bank entry waiting for a person, with what Kontor proposes.
public struct WaitingBankEntry: Equatable, Sendable, Identifiable {
    public var id: Int64
    /// `proposed` or `unmatched`.
    public var state: String
    public var bookingDate: String
    public var amountCents: Int
    public var counterparty: String
    public var remittance: String
    public var note: String
    public var version: Int
    /// The documents proposed, by number, with the amount each would get.
    public var proposals: [(number: String, amountCents: Int, skontoCents: Int)]

    public static func == (a: WaitingBankEntry, b: WaitingBankEntry) -> Bool {
        a.id == b.id && a.version == b.version && a.state == b.state
    }
}

/// The review of what an import could not book surely: confirm a proposal,
/// book an entry to another document, or set it aside. Each one
/// transaction, checked against the entry's version so two people cannot
/// book the same entry twice.
extension BankRepository {
    /// The entries waiting for a person, oldest first; with `setAside`,
    /// those a person set aside instead (newest first), to look at again.
    public func waitingEntries(limit: Int = 500, setAside: Bool = false) throws -> [WaitingBankEntry] {
        try database.read { db in
            try Row.fetchAll(db, sql: setAside
                ? "SELECT * FROM bank_entries WHERE state = 'skipped' ORDER BY booking_date DESC, id DESC LIMIT ?"
                : "SELECT * FROM bank_entries WHERE state IN ('proposed', 'unmatched') ORDER BY booking_date, id LIMIT ?",
                arguments: [limit]).map { row in
                let id: Int64 = row["id"]
                let proposals = try Row.fetchAll(db, sql: """
                    SELECT i.number, m.amount_cents, m.skonto_cents FROM bank_entry_matches m JOIN invoices i ON i.id = m.invoice_id
                    WHERE m.entry_id = ? ORDER BY i.id
                    """, arguments: [id]).map { (number: $0["number"] as String, amountCents: $0["amount_cents"] as Int, skontoCents: $0["skonto_cents"] as Int) }
                return WaitingBankEntry(id: id, state: row["state"], bookingDate: row["booking_date"], amountCents: row["amount_cents"],
                                        counterparty: row["counterparty_name"], remittance: row["remittance"], note: row["note"],
                                        version: row["version"], proposals: proposals)
            }
        }
    }

    /// Books a proposed entry as proposed; a Skonto it takes after the
    /// period ended is granted, since a person confirmed it.
    public func confirm(_ entry: WaitingBankEntry, by session: Session) throws {
        try session.write(.writeBackOffice) { db in
            let row = try Self.waiting(db, entry)
            try Self.refuseAhead(row)
            let matches = try Row.fetchAll(db, sql: "SELECT invoice_id, amount_cents, skonto_cents FROM bank_entry_matches WHERE entry_id = ?",
                                           arguments: [entry.id])
            guard !matches.isEmpty else { throw KontorError.rule(tr("nothing is proposed for this entry: book it to an invoice by its number")) }
            // Paid on since (another entry confirmed, a payment typed by
            // hand): what the proposal says is open is so no more, and
            // booking it would pay the invoice twice.
            if let stale = try String.fetchOne(db, sql: """
                SELECT i.number FROM bank_entry_matches m JOIN invoices i ON i.id = m.invoice_id
                WHERE m.entry_id = ? AND m.open_cents IS NOT NULL AND m.open_cents <> i.gross_cents - i.paid_cents
                ORDER BY i.number LIMIT 1
                """, arguments: [entry.id]) {
                throw KontorError.rule(tr("{0} was paid on since this was proposed: look at what is open on it, then book the entry with n or set it aside (s)", stale))
            }
            // Every cent that moved is booked, or none: money out beyond what is owed back would be recorded nowhere.
            let proposed = matches.reduce(0) { $0 + ($1["amount_cents"] as Int) }
            guard proposed == row["amount_cents"] as Int else {
                throw KontorError.rule(tr("the proposal books {0} of the {1} that moved: record what it can by hand and set the entry aside (s)",
                                          Money.format(cents: abs(proposed)), Money.format(cents: abs(row["amount_cents"] as Int))))
            }
            for match in matches {
                try Self.book(db, entryID: entry.id, invoiceID: match["invoice_id"], amountCents: match["amount_cents"],
                              skontoCents: match["skonto_cents"], skontoEvenIfLate: true, date: row["booking_date"], remittance: row["remittance"],
                              counterpartyIBAN: row["counterparty_iban"], session: session)
            }
            try Self.finish(db, entry, state: "booked", note: tr("confirmed by {0}", session.username), session: session)
        }
    }

    /// Books the entry to the invoice (money in) or credit note (money
    /// out) numbered `number`, whatever was proposed, always whole, so the
    /// bank account and the books agree: money in beyond what is open is
    /// owed back to the customer; money out beyond what is owed back is
    /// refused (Kontor has nowhere to keep it).
    @discardableResult
    public func book(_ entry: WaitingBankEntry, to number: String, by session: Session) throws -> BankBooking {
        try session.write(.writeBackOffice) { db in
            let row = try Self.waiting(db, entry)
            try Self.refuseAhead(row)
            let typed = TextFolding.trimmed(number).uppercased()
            guard let document = try Invoice.fetchOne(db, sql: "SELECT * FROM invoices WHERE number = ?", arguments: [typed]) else {
                throw KontorError.invalid(ValidationFailure([FieldIssue(field: "number", message: tr("{0} is not the number of an invoice or credit note", typed))]))
            }
            let amount = entry.amountCents
            let part: Int
            if amount > 0 {
                // A paid invoice too: money paid on it twice is owed back.
                guard document.kind == .invoice else {
                    throw KontorError.invalid(ValidationFailure([FieldIssue(field: "number", message: tr("{0} is a credit note: money that came in is booked to an invoice", typed))]))
                }
                guard document.status == .issued || document.status == .paid else {
                    throw KontorError.invalid(ValidationFailure([FieldIssue(field: "number", message: tr("{0} is not an open invoice ({1})", typed, document.status.displayName.lowercased()))]))
                }
                part = amount
            } else {
                guard document.owedToCustomerCents > 0 else {
                    throw KontorError.invalid(ValidationFailure([FieldIssue(field: "number", message: tr("nothing is owed back to the customer on {0}", typed))]))
                }
                // More paid out than is owed back: Kontor has no place for the rest, so nothing is booked.
                guard -amount <= document.owedToCustomerCents else {
                    throw KontorError.invalid(ValidationFailure([FieldIssue(field: "number", message: tr(
                        "{0} owes back {1}, not {2}: record the refund on it (R) and set this entry aside",
                        typed, Money.format(cents: document.owedToCustomerCents), Money.format(cents: -amount)))]))
                }
                part = amount
            }
            try db.execute(sql: "DELETE FROM bank_entry_matches WHERE entry_id = ? AND payment_id IS NULL", arguments: [entry.id])
            try Self.book(db, entryID: entry.id, invoiceID: document.id, amountCents: part, skontoCents: 0, date: row["booking_date"],
                          remittance: row["remittance"], counterpartyIBAN: row["counterparty_iban"], session: session)
            let overpaid = amount > 0 ? max(0, amount - max(0, document.grossCents - document.paidCents)) : 0
            try Self.finish(db, entry, state: "booked", note: tr("booked to {0} by {1}", typed, session.username)
                            + (overpaid > 0 ? "; " + tr("{0} more than was open, owed back to the customer", Money.format(cents: overpaid)) : ""),
                            session: session)
            return BankBooking(number: typed, bookedCents: abs(part), overpaidCents: overpaid)
        }
    }

    /// Sets the entry aside: it stays imported (and is never booked twice) but waits no more.
    public func skip(_ entry: WaitingBankEntry, by session: Session) throws {
        try session.write(.writeBackOffice) { db in
            _ = try Self.waiting(db, entry)
            try db.execute(sql: "DELETE FROM bank_entry_matches WHERE entry_id = ? AND payment_id IS NULL", arguments: [entry.id])
            try Self.finish(db, entry, state: "skipped", note: tr("set aside by {0}", session.username), session: session)
        }
    }

    /// Brings an entry set aside back to the review (set aside by mistake:
    /// a customer's transfer the review did not recognise), unmatched, so
    /// that it can be booked to the invoice it pays.
    public func bringBack(_ entry: WaitingBankEntry, by session: Session) throws {
        try session.write(.writeBackOffice) { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM bank_entries WHERE id = ?", arguments: [entry.id]) else {
                throw KontorError.rule(tr("that bank entry is gone"))
            }
            guard row["version"] as Int == entry.version, row["state"] as String == "skipped" else {
                throw KontorError.rule(tr("{0} dealt with this entry meanwhile ({1}); look again", row["updated_by"] as String, row["state"] as String))
            }
            try Self.finish(db, entry, state: "unmatched", note: tr("brought back by {0}", session.username), session: session)
        }
    }

    /// An entry dated after today is booked once that day has come, as a payment typed by hand is.
    private static func refuseAhead(_ row: Row) throws {
        let day: String = row["booking_date"]
        if day > CalendarDate.today() {
            throw KontorError.rule(tr("it is dated {0}, after today: book it once the day has come", CalendarDate.german(day)))
        }
    }

    /// The entry's row, if it still waits as it was read.
    private static func waiting(_ db: Database, _ entry: WaitingBankEntry) throws -> Row {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM bank_entries WHERE id = ?", arguments: [entry.id]) else {
            throw KontorError.rule(tr("that bank entry is gone"))
        }
        guard row["version"] as Int == entry.version, ["proposed", "unmatched"].contains(row["state"] as String) else {
            throw KontorError.rule(tr("{0} dealt with this entry meanwhile ({1}); look again", row["updated_by"] as String, row["state"] as String))
        }
        return row
    }

    /// Books one matched document of an entry, whether the import was sure
    /// or a person confirmed it: the payment (with the Skonto it takes) or
    /// the refund, the match with its payment row (a proposed match gets
    /// the row), and the account learnt for the customer.
    /// `known` is the document as the caller read it in this transaction, if it did.
    /// `skontoEvenIfLate`: a person confirmed a Skonto taken after its period.
    static func book(_ db: Database, entryID: Int64, invoiceID: Int64, amountCents: Int, skontoCents: Int, skontoEvenIfLate: Bool = false,
                     date: String, remittance: String, counterpartyIBAN: String, session: Session, known: Invoice? = nil) throws {
        let reference = String("Bank \(date) \(remittance)".prefix(140))
        let paymentID: Int64
        if amountCents > 0 {
            // A bank transfer is money received, whatever is open: an amount
            // over it is booked as paid too much (owed back), not refused.
            paymentID = try InvoiceRepository.recordPayment(db, to: invoiceID, amountCents: amountCents, paidOn: date, method: .transfer, reference: reference,
                                                            acceptingOverpayment: true, takingSkonto: skontoCents > 0, skontoEvenIfLate: skontoEvenIfLate,
                                                            by: session, known: known).paymentID
        } else {
            paymentID = try InvoiceRepository.recordRefund(db, from: invoiceID, amountCents: -amountCents, paidOn: date, method: .transfer,
                                                           reference: reference, by: session, known: known).paymentID
        }
        try db.cachedStatement(sql: """
            INSERT INTO bank_entry_matches (entry_id, invoice_id, amount_cents, skonto_cents, payment_id) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (entry_id, invoice_id) DO UPDATE SET payment_id = excluded.payment_id
            """).execute(arguments: [entryID, invoiceID, amountCents, skontoCents, paymentID])
        if !counterpartyIBAN.isEmpty {
            try db.cachedStatement(sql: """
                INSERT INTO bank_counterparties (iban, customer_id) SELECT ?, customer_id FROM invoices WHERE id = ?
                ON CONFLICT (iban) DO UPDATE SET customer_id = excluded.customer_id
                """).execute(arguments: [counterpartyIBAN, invoiceID])
        }
    }

    private static func finish(_ db: Database, _ entry: WaitingBankEntry, state: String, note: String, session: Session) throws {
        try db.execute(sql: """
            UPDATE bank_entries SET state = ?, note = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
            """, arguments: [state, note, Timestamp.now(), session.username, entry.id])
        try Audit.record(db, session: session, entity: "bank_entry", id: entry.id, action: state, changes: [("state", entry.state, state)])
    }
}

/// What booking a bank entry by hand did (`BankReview.book(_:to:by:)`).
public struct BankBooking: Equatable, Sendable {
    public var number: String
    /// Booked to the document, in cents (positive either way).
    public var bookedCents: Int
    /// Money in beyond what was open: the customer is owed it back.
    public var overpaidCents: Int
}
