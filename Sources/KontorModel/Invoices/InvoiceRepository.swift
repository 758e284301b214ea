import GRDB

extension KontorDatabase {
    public var invoices: InvoiceRepository { InvoiceRepository(database: self) }
}

/// Which invoices a list shows.
public enum InvoiceView: String, CaseIterable, Sendable {
    case all, drafts, open, overdue, paid, cancelled, creditNotes
}

/// What a customer owes, at a glance: for the front desk as much as for the
/// accountant.
public struct CustomerBalance: Equatable, Sendable {
    /// Issued and not paid, less credit notes and what is owed back: the
    /// customer's net balance (negative: the business owes the customer).
    public var openCents: Int
    public var overdueCount: Int
    public var overdueCents: Int
    /// Owed back to the customer on credit notes and overpaid invoices, not
    /// yet refunded (already inside `openCents`, as a credit).
    public var owedBackCents: Int = 0
    /// Dunning fees charged and not yet paid (already inside `openCents`):
    /// receivables of their own, never part of an invoice.
    public var openFeesCents: Int = 0
}

/// Invoices, credit notes and payments: reads here, processes in
/// `InvoiceProcesses.swift`.
public struct InvoiceRepository: Sendable {
    let database: KontorDatabase

    public func find(id: Int64) throws -> Invoice? {
        try database.read { db in try Invoice.fetchOne(db, sql: InvoicePartiesSchema.selectWithParties + " WHERE i.id = ?", arguments: [id]) }
    }

    public func find(number: String) throws -> Invoice? {
        try database.read { db in try Invoice.fetchOne(db, sql: InvoicePartiesSchema.selectWithParties + " WHERE i.number = ?",
                                                           arguments: [TextFolding.trimmed(number).uppercased()]) }
    }

    public func lines(of invoiceID: Int64) throws -> [InvoiceLine] {
        try database.read { db in try Self.lines(db, invoiceID: invoiceID) }
    }

    static func lines(_ db: Database, invoiceID: Int64) throws -> [InvoiceLine] {
        try InvoiceLine.fetchAll(db, sql: "SELECT * FROM invoice_lines WHERE invoice_id = ? ORDER BY position, id", arguments: [invoiceID])
    }

    public func totals(of invoiceID: Int64) throws -> InvoiceTotals {
        InvoiceTotals(lines: try lines(of: invoiceID))
    }

    public func payments(of invoiceID: Int64) throws -> [Payment] {
        try database.read { db in try Payment.fetchAll(db, sql: "SELECT * FROM payments WHERE invoice_id = ? ORDER BY id", arguments: [invoiceID]) }
    }

    public func creditNotes(for invoiceID: Int64) throws -> [Invoice] {
        try database.read { db in try Invoice.fetchAll(db, sql: "SELECT * FROM invoices WHERE corrects_id = ? ORDER BY id", arguments: [invoiceID]) }
    }

    /// A customer's invoices, newest first.
    public func of(customer customerID: Int64, limit: Int = 50) throws -> [Invoice] {
        try database.read { db in
            try Invoice.fetchAll(db, sql: "SELECT * FROM invoices WHERE customer_id = ? ORDER BY id DESC LIMIT ?", arguments: [customerID, limit])
        }
    }

    public func balance(of customerID: Int64, today: String = CalendarDate.today()) throws -> CustomerBalance {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT coalesce(sum(gross_cents - paid_cents), 0) AS open,
                       coalesce(sum(CASE WHEN kind = 'invoice' AND status = 'issued' AND due_date < ? THEN 1 END), 0) AS overdue_count,
                       coalesce(sum(CASE WHEN kind = 'invoice' AND status = 'issued' AND due_date < ? THEN gross_cents - paid_cents END), 0) AS overdue,
                       coalesce(sum(CASE WHEN paid_cents > gross_cents THEN paid_cents - gross_cents END), 0) AS owed_back
                FROM invoices WHERE customer_id = ? AND status <> 'draft'
                """, arguments: [today, today, customerID])!
            let fees = try DunningFees.openCents(db, customerID: customerID)
            return CustomerBalance(openCents: row["open"] + fees, overdueCount: row["overdue_count"], overdueCents: row["overdue"],
                                   owedBackCents: row["owed_back"], openFeesCents: fees)
        }
    }

    /// A window of a list, newest first (overdue: longest overdue first),
    /// after the invoice `after` (by id, or due date and id). Never the
    /// whole table. The view means what it means in the invoice list
    /// (`condition(_:)`), and is paged in the list's order.
    public func page(_ view: InvoiceView, after: Invoice? = nil, limit: Int, today: String = CalendarDate.today()) throws -> [Invoice] {
        let list = PreparedInvoiceQuery(query: InvoiceQuery(view: view, today: today), plan: .all, totals: nil)
        let key = after.map { InvoiceListKey(dueDate: $0.dueDate ?? "", id: $0.id) }
        let request = list.listOrder.page("SELECT i.* FROM invoices i WHERE \(Self.condition(list.query))", from: key.map(list.values),
                                          forward: true, limit: limit)
        return try database.read { db in try Invoice.fetchAll(db, SQLRequest<Invoice>(literal: request)) }
    }
}
