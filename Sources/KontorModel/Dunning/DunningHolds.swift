import KontorLocale
import KontorText
import GRDB

/// What holds dunning back: a disputed invoice (set from the ticket where
/// the customer disputes it) and a customer's payment plan (until a date).
/// Both are rows of their own, so an issued invoice stays frozen and a
/// customer's form never overwrites a plan agreed meanwhile.
public struct InvoiceDispute: Equatable, Sendable {
    public var invoiceID: Int64
    public var ticketID: Int64
    /// The instant it was marked.
    public var since: String
    public var by: String
}

enum PaymentPlans {
    /// The last day of the customer's payment plan if it still runs on `date`.
    static func until(_ db: Database, customerID: Int64, on date: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT until FROM payment_plans WHERE customer_id = ? AND until >= ?", arguments: [customerID, date])
    }
}

extension DunningRepository {
    /// The dispute on an invoice, if a ticket marked it.
    public func dispute(ofInvoice invoiceID: Int64) throws -> InvoiceDispute? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM invoice_disputes WHERE invoice_id = ?", arguments: [invoiceID]).map {
                InvoiceDispute(invoiceID: $0["invoice_id"], ticketID: $0["ticket_id"], since: $0["since"], by: $0["created_by"])
            }
        }
    }

    /// The invoices a ticket marked disputed.
    public func disputes(ofTicket ticketID: Int64) throws -> [InvoiceDispute] {
        try database.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM invoice_disputes WHERE ticket_id = ? ORDER BY invoice_id", arguments: [ticketID]).map {
                InvoiceDispute(invoiceID: $0["invoice_id"], ticketID: $0["ticket_id"], since: $0["since"], by: $0["created_by"])
            }
        }
    }

    /// The customer's payment plan: its last day and note, whether or not it still runs.
    public func paymentPlan(ofCustomer customerID: Int64) throws -> (until: String, note: String)? {
        try database.read { db in
            try Row.fetchOne(db, sql: "SELECT until, note FROM payment_plans WHERE customer_id = ?", arguments: [customerID]).map {
                (until: $0["until"], note: $0["note"])
            }
        }
    }
}

extension Session {
    /// Marks the invoice disputed from the ticket where the customer
    /// disputes it (`disputed: true`), or lifts the dispute. Whoever may
    /// work the ticket may: the front desk hears the complaint first.
    /// The invoice must be the ticket's customer's and still open.
    public func setDisputed(invoiceID: Int64, ticketID: Int64, _ disputed: Bool) throws {
        try database.write { db in
            guard let ticket = try Row.fetchOne(db, sql: "SELECT customer_id, queue FROM tickets WHERE id = ?", arguments: [ticketID]) else {
                throw KontorError.notFound(entity: "ticket", id: ticketID)
            }
            try check(TicketRepository.permission(toWorkIn: ticket["queue"]), db)
            guard let invoice = try Row.fetchOne(db, sql: "SELECT customer_id, number, status, kind FROM invoices WHERE id = ?", arguments: [invoiceID]) else {
                throw KontorError.notFound(entity: "invoice", id: invoiceID)
            }
            let number: String = invoice["number"] ?? "#\(invoiceID)"
            guard (invoice["customer_id"] as Int64) == (ticket["customer_id"] as Int64) else {
                throw KontorError.rule(tr("invoice {0} is another customer's than ticket #{1}'s", number, ticketID))
            }
            if disputed {
                guard (invoice["kind"] as String) == "invoice", (invoice["status"] as String) == "issued" else {
                    throw KontorError.rule(tr("only an issued, open invoice can be disputed; {0} is {1}", number, invoice["status"] as String))
                }
                if let other = try Int64.fetchOne(db, sql: "SELECT ticket_id FROM invoice_disputes WHERE invoice_id = ?", arguments: [invoiceID]) {
                    throw KontorError.rule(tr("invoice {0} is already disputed (ticket #{1})", number, other))
                }
                try db.execute(sql: "INSERT INTO invoice_disputes (invoice_id, ticket_id, since, created_by) VALUES (?, ?, ?, ?)",
                               arguments: [invoiceID, ticketID, Timestamp.now(), username])
            } else {
                try db.execute(sql: "DELETE FROM invoice_disputes WHERE invoice_id = ?", arguments: [invoiceID])
                guard db.changesCount > 0 else { throw KontorError.rule(tr("invoice {0} is not disputed", number)) }
            }
            try Audit.record(db, session: self, entity: "invoice", id: invoiceID, action: disputed ? "dispute" : "undispute",
                             changes: [("ticket", disputed ? nil : "#\(ticketID)", disputed ? "#\(ticketID)" : nil)])
        }
    }

    /// Puts the customer on a payment plan until `until` (dunning leaves the
    /// customer alone until then), or ends it (`until: nil`). Back office.
    /// A last day before `today` is refused unless it is the one kept.
    public func setPaymentPlan(customerID: Int64, until: String?, note: String = "", today: String = CalendarDate.today()) throws {
        if let until, !CalendarDate.isValid(until) { throw KontorError.rule(tr("the plan's last day must be a date like 2027-03-31")) }
        if let reason = VisibleText.forbiddenReason(in: note, multiline: false) { throw KontorError.rule(tr("the note {0}", reason)) }
        try write(.writeBackOffice) { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM customers WHERE id = ?", arguments: [customerID]) != nil else {
                throw KontorError.notFound(entity: "customer", id: customerID)
            }
            let old = try String.fetchOne(db, sql: "SELECT until FROM payment_plans WHERE customer_id = ?", arguments: [customerID])
            // A plan agreed to end in the past would be ended and named as
            // running; one that has ended keeps its day when only its note changes.
            if let until, until != old, until < today {
                throw KontorError.invalid(ValidationFailure([FieldIssue(field: "until", message: tr(
                    "is past ({0}): a plan runs until today or later; an empty date ends it", CalendarDate.german(until)))]))
            }
            if let until {
                try db.execute(sql: """
                    INSERT INTO payment_plans (customer_id, until, note, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
                    ON CONFLICT (customer_id) DO UPDATE SET until = excluded.until, note = excluded.note,
                        updated_at = excluded.updated_at, updated_by = excluded.updated_by
                    """, arguments: [customerID, until, note, Timestamp.now(), username])
            } else {
                try db.execute(sql: "DELETE FROM payment_plans WHERE customer_id = ?", arguments: [customerID])
            }
            try Audit.record(db, session: self, entity: "customer", id: customerID, action: "payment plan",
                             changes: [("payment_plan_until", old, until)])
        }
    }
}
