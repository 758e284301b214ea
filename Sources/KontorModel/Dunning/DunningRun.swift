import KontorLocale
import GRDB

/// A dunning run (Mahnlauf) as proposed for one day: for every overdue
/// invoice due for its next level, a notice, grouped into one letter per
/// customer; and the overdue invoices left out, each with why.
///
/// The run only reads. Sending (`Session.sendDunning`) reads it again inside
/// its transaction, so what is sent is what holds then.
public struct DunningRun: Equatable, Sendable {
    /// The day of the run: letters are dated it, interest runs to it.
    public var date: String
    public var terms: DunningTerms
    /// One proposed letter per customer, in customer order.
    public var letters: [DunningProposal]
    /// Overdue invoices not proposed, with the reason.
    public var skipped: [SkippedInvoice]

    /// Every invoice proposed, over all letters.
    public var noticeCount: Int { letters.reduce(0) { $0 + $1.notices.count } }
}

/// One letter as proposed: a customer's invoices due for their next level.
public struct DunningProposal: Equatable, Sendable, Identifiable {
    public var customerID: Int64
    public var customerName: String
    /// A consumer (§288 (1) BGB: 5 points over the base rate) or a business (9 points).
    public var consumer: Bool
    public var notices: [ProposedNotice]
    public var interestRateBP: Int
    /// Fees of earlier letters the customer has not paid yet.
    public var earlierFeesCents: Int
    public var terms: DunningTerms
    public var date: String

    public var id: Int64 { customerID }
    /// The highest level of its invoices: the letter's title and fee.
    public var level: DunningLevel { notices.map(\.level).max() ?? .none }
    public var feeCents: Int { terms.fee(level) }
    public var openCents: Int { notices.reduce(0) { $0 + $1.openCents } }
    public var interestCents: Int { notices.reduce(0) { $0 + $1.interestCents } }
    /// What the letter asks for: the open invoices, interest to its date, its fee and earlier ones.
    public var totalCents: Int { openCents + interestCents + feeCents + earlierFeesCents }
    public var payBy: String { CalendarDate.adding(days: terms.payWithinDays, to: date) ?? date }

    /// The letter without the invoices in `excluded`; nil when none is left.
    public func excluding(_ excluded: Set<Int64>) -> DunningProposal? {
        var copy = self
        copy.notices.removeAll { excluded.contains($0.invoiceID) }
        return copy.notices.isEmpty ? nil : copy
    }
}

/// One invoice in a proposed letter.
public struct ProposedNotice: Equatable, Sendable, Identifiable {
    public var invoiceID: Int64
    public var number: String
    public var issueDate: String
    public var dueDate: String
    public var grossCents: Int
    /// What is still open on it.
    public var openCents: Int
    public var daysOverdue: Int
    /// Default interest on the open amount from the due date to the run's day.
    public var interestCents: Int
    /// The level proposed now.
    public var level: DunningLevel
    /// The last letter it was named in, if any.
    public var previous: CustomerDunning.SentLetter?

    public var id: Int64 { invoiceID }
}

/// An overdue invoice the run leaves out, and why.
public struct SkippedInvoice: Equatable, Sendable, Identifiable {
    public var invoiceID: Int64
    public var number: String
    public var customerID: Int64
    public var customerName: String
    public var openCents: Int
    public var reason: String

    public var id: Int64 { invoiceID }
}

extension DunningRun {
    /// The run for `date` as the data stands in `db`.
    ///
    /// An overdue invoice (issued, not paid, due before `date`) is proposed
    /// at the level its age has reached under `terms`, but never more than
    /// one level above its last letter, and not within `terms.waitDays` of
    /// that letter. Disputed invoices, customers on a payment plan running
    /// on `date`, invoices after their final notice and invoices not yet
    /// due for a letter are left out, with the reason; so are invoices a
    /// bank entry waiting for review may pay.
    ///
    /// With `customers`, only their invoices are read: a run sent in
    /// batches reads each batch's part again as it sends it.
    static func read(_ db: Database, date: String, customers: [Int64]? = nil) throws -> DunningRun {
        let terms = try CompanySettings.read(db).dunning
        let only: SQL = customers.map { "AND i.customer_id IN (\(SQLiteSpecific.idList($0)))" } ?? ""
        let rows = try Row.fetchCursor(db, SQLRequest<Row>(literal: """
            SELECT i.id, i.number, i.customer_id, i.issue_date, i.due_date, i.gross_cents, i.gross_cents - i.paid_cents AS open,
                   c.name AS customer, coalesce((SELECT json_extract(p.parties, '$.buyer.isConsumer') FROM invoice_parties p WHERE p.invoice_id = i.id),
                            c.kind = 'person') AS consumer,
                   d.ticket_id AS disputed_by, p.until AS plan_until,
                   (SELECT level FROM dunning_notices n WHERE n.invoice_id = i.id ORDER BY n.id DESC LIMIT 1) AS last_level,
                   (SELECT notice_date FROM dunning_notices n WHERE n.invoice_id = i.id ORDER BY n.id DESC LIMIT 1) AS last_date
            FROM invoices i
            JOIN customers c ON c.id = i.customer_id
            LEFT JOIN invoice_disputes d ON d.invoice_id = i.id
            LEFT JOIN payment_plans p ON p.customer_id = i.customer_id AND p.until >= \(date)
            WHERE i.status = 'issued' AND i.kind = 'invoice' AND i.due_date < \(date) AND i.paid_cents < i.gross_cents \(only)
            ORDER BY c.sort_key, i.customer_id, i.due_date, i.id
            """))
        var letters: [DunningProposal] = []
        var skipped: [SkippedInvoice] = []
        // The money that came in on an invoice, by day: interest runs on what was open each day.
        let paid = try db.makeStatement(sql: "SELECT paid_on, amount_cents FROM payments WHERE invoice_id = ?")
        func payments(_ invoiceID: Int64) throws -> [(day: String, cents: Int)] {
            try Row.fetchAll(paid, arguments: [invoiceID]).map { (day: $0[0], cents: $0[1]) }
        }
        // What the company owes a customer back (a credit note, an
        // overpayment): it is set off or refunded before they are dunned.
        let owing = try db.makeStatement(sql: """
            SELECT coalesce(sum(paid_cents - gross_cents), 0) FROM invoices
            WHERE customer_id = ? AND status <> 'draft' AND paid_cents > gross_cents
            """)
        var credits: [Int64: Int] = [:]
        func owedBack(to customerID: Int64) throws -> Int {
            if let known = credits[customerID] { return known }
            let cents = try Int.fetchOne(owing, arguments: [customerID]) ?? 0
            credits[customerID] = cents
            return cents
        }
        // Invoices a bank entry may pay that waits for someone to confirm
        // it (b on Invoices): a letter now could claim money already paid.
        let awaitingReview = try Set(Int64.fetchAll(db, sql: """
            SELECT DISTINCT m.invoice_id FROM bank_entry_matches m JOIN bank_entries e ON e.id = m.entry_id WHERE e.state = 'proposed'
            """))
        var earlierFees: [Int64: Int] = [:]
        // Columns by place, in the order of the SELECT: by name, each
        // lookup lowercased the name, over some 75 000 rows.
        let (id, numberColumn, customerColumn, issueDate, dueDateColumn, gross, openColumn, customerName, consumerColumn,
             disputedBy, planUntil, lastLevel, lastDate) = (0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)
        while let row = try rows.next() {
            let customerID: Int64 = row[customerColumn]
            let number: String = row[numberColumn] ?? ""
            let open: Int = row[openColumn]
            func skip(_ reason: String) {
                skipped.append(SkippedInvoice(invoiceID: row[id], number: number, customerID: customerID,
                                              customerName: row[customerName], openCents: open, reason: reason))
            }
            let dueDate: String = row[dueDateColumn]
            let days = CalendarDate.days(from: dueDate, to: date) ?? 0
            let previous = (row[lastLevel] as String?).flatMap(DunningLevel.init(code:)).map {
                CustomerDunning.SentLetter(level: $0, date: row[lastDate])
            }
            if let ticket = row[disputedBy] as Int64? { skip(tr("disputed (ticket #{0})", ticket)); continue }
            if awaitingReview.contains(row[id]) { skip(tr("a bank entry that may pay it awaits review (b on Invoices)")); continue }
            let credit = try owedBack(to: customerID)
            if credit > 0 {
                skip(tr("the customer is owed {0} back (a credit note or an overpayment): set it off against the invoice or refund it first",
                        Money.format(cents: credit))); continue
            }
            if let until = row[planUntil] as String? { skip(tr("payment plan until {0}", CalendarDate.german(until))); continue }
            if let previous, previous.level == .final {
                skip(tr("final notice sent {0}: next is a court order or collection", CalendarDate.german(previous.date))); continue
            }
            let reached = terms.level(daysOverdue: days)
            let next = min(reached, previous?.level.next ?? .reminder)
            if next == .none || next <= (previous?.level ?? .none) {
                let step = (previous?.level ?? .none).rawValue
                let due = terms.levelDays.indices.contains(step) ? tr("from {0} days overdue", terms.levelDays[step]) : tr("never under the settings")
                skip(tr("{0} due {1} (now {2})", (previous?.level.next ?? .reminder).displayName, due, days)); continue
            }
            if let previous, let since = CalendarDate.days(from: previous.date, to: date), since < terms.waitDays {
                let until = CalendarDate.adding(days: terms.waitDays, to: previous.date) ?? previous.date
                skip(tr("{0} sent {1}: next letter from {2}", previous.level.displayName, CalendarDate.german(previous.date), CalendarDate.german(until))); continue
            }
            let consumer: Bool = row[consumerColumn] ?? false
            let rate = terms.interestRateBP(consumer: consumer)
            let notice = ProposedNotice(invoiceID: row[id], number: number, issueDate: row[issueDate] ?? "", dueDate: dueDate,
                                        grossCents: row[gross], openCents: open, daysOverdue: days,
                                        interestCents: DefaultInterest.cents(grossCents: row[gross], dueDate: dueDate, to: date,
                                                                             payments: try payments(row[id]), rateBP: rate),
                                        level: next, previous: previous)
            if let last = letters.last, last.customerID == customerID {
                letters[letters.count - 1].notices.append(notice)
            } else {
                if earlierFees[customerID] == nil {
                    earlierFees[customerID] = try DunningFees.openCents(db, customerID: customerID)
                }
                letters.append(DunningProposal(customerID: customerID, customerName: row[customerName], consumer: consumer, notices: [notice],
                                               interestRateBP: rate, earlierFeesCents: earlierFees[customerID] ?? 0, terms: terms, date: date))
            }
        }
        return DunningRun(date: date, terms: terms, letters: letters, skipped: skipped)
    }
}

extension KontorDatabase {
    /// The dunning run `date` would send, as the data stands now.
    public func dunningRun(on date: String = CalendarDate.today()) throws -> DunningRun {
        try read { db in try DunningRun.read(db, date: date) }
    }
}
