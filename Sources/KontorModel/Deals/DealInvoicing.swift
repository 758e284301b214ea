import KontorLocale
import GRDB

/// A won deal's line as the invoice process takes it over: plain values,
/// no deal ids, so the invoice owns its copy from then on.
public struct DealInvoiceLine: Equatable, Sendable {
    public var productID: Int64?
    public var description: String
    public var quantity: Quantity
    /// The product's unit ("Stk", "m"); "Stk" for a line without a product.
    public var unit: String
    public var unitPriceCents: Int
    /// Basis points (1900 = 19 %).
    public var vatRateBP: Int

    public init(productID: Int64?, description: String, quantity: Quantity, unit: String = "Stk", unitPriceCents: Int, vatRateBP: Int) {
        self.productID = productID
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.unitPriceCents = unitPriceCents
        self.vatRateBP = vatRateBP
    }
}

/// What the invoices part needs from deals. Deals do not write invoices:
/// the invoice process reads the lines here, creates its draft, and links
/// the deal to it with `linkInvoice`, all in its own transaction.
extension DealRepository {
    /// The lines of a won deal not yet invoiced, in order, for a draft
    /// invoice. A deal without lines gives none: its value was typed, not
    /// itemised, and the invoice process decides how to bill it (one line
    /// of `Deal.valueCents`, say). Refused unless the deal is won and not
    /// yet invoiced.
    public func invoiceLines(ofWonDeal id: Int64) throws -> [DealInvoiceLine] {
        try database.read { db in try Self.invoiceLines(db, ofWonDeal: id) }
    }

    /// The same, inside the invoice process's transaction.
    static func invoiceLines(_ db: Database, ofWonDeal id: Int64) throws -> [DealInvoiceLine] {
        guard let deal = try fetch(db, id: id) else { throw KontorError.notFound(entity: "deal", id: id) }
        try checkInvoiceable(db, deal)
        return try Row.fetchAll(db, sql: """
            SELECT l.product_id, l.description, l.quantity_milli, coalesce(p.unit, 'Stk') AS unit, l.unit_price_cents, l.vat_rate_bp
            FROM deal_lines l LEFT JOIN products p ON p.id = l.product_id
            WHERE l.deal_id = ? ORDER BY l.position, l.id
            """, arguments: [id]).map {
            DealInvoiceLine(productID: $0["product_id"], description: $0["description"], quantity: Quantity(milli: $0["quantity_milli"]),
                            unit: $0["unit"], unitPriceCents: $0["unit_price_cents"], vatRateBP: $0["vat_rate_bp"])
        }
    }

    /// Records that `invoiceID` was made from the won deal `dealID`: from
    /// then on the deal no longer reserves its products (the draft invoice
    /// does), stays won, and its lines and value are frozen. Bumps the
    /// deal's version and writes the audit log.
    ///
    /// Call it inside the transaction that creates the invoice, so that
    /// neither exists without the other. It checks no permission: the
    /// invoice process has checked `.writeBackOffice` already. With
    /// `expectedVersion`, refuses a deal changed since it was read.
    static func linkInvoice(_ db: Database, dealID: Int64, invoiceID: Int64, expectedVersion: Int? = nil, by session: Session) throws {
        let deal = try expectedVersion.map { try Deal.current(db, id: dealID, expectedVersion: $0) } ?? Deal.existing(db, id: dealID)
        try checkInvoiceable(db, deal)
        guard let invoice = try Row.fetchOne(db, sql: "SELECT customer_id, deal_id FROM invoices WHERE id = ?", arguments: [invoiceID]) else {
            throw KontorError.notFound(entity: "invoice", id: invoiceID)
        }
        guard (invoice["customer_id"] as Int64) == deal.fields.customerID else {
            throw KontorError.rule(tr("{0} is for another customer than the deal “{1}”", try invoiceName(db, invoiceID), deal.title))
        }
        if let other = invoice["deal_id"] as Int64?, other != dealID {
            let otherTitle = try String.fetchOne(db, sql: "SELECT title FROM deals WHERE id = ?", arguments: [other]) ?? "another deal"
            throw KontorError.rule(tr("{0} belongs to the deal “{1}”, not to “{2}”", try invoiceName(db, invoiceID), otherTitle, deal.title))
        }
        try db.execute(sql: "UPDATE deals SET invoice_id = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                       arguments: [invoiceID, Timestamp.now(), session.username, dealID])
        try Audit.record(db, session: session, entity: "deal", id: dealID, action: "invoice",
                         changes: [("invoice_id", nil, String(invoiceID))])
    }

    /// Undoes `linkInvoice` for the deal made into `invoiceID`, if any: call
    /// it in the transaction that deletes a draft invoice, before deleting
    /// it. The deal reserves its products again and can be invoiced anew.
    /// (The schema's ON DELETE SET NULL would clear the link too, but
    /// silently: without a new version or an audit entry.)
    static func unlinkInvoice(_ db: Database, invoiceID: Int64, by session: Session) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM deals WHERE invoice_id = ?", arguments: [invoiceID])
        for id in ids {
            try db.execute(sql: "UPDATE deals SET invoice_id = NULL, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                           arguments: [Timestamp.now(), session.username, id])
            try Audit.record(db, session: session, entity: "deal", id: id, action: "uninvoice",
                             changes: [("invoice_id", String(invoiceID), nil)])
        }
    }

    /// When an invoice made from a deal is cancelled by credit note, the
    /// deal is released: still won, no longer invoiced, so it reserves its
    /// products again (they came back into stock with the credit note) and
    /// can be invoiced again (`i`), changed, or reopened into the pipeline.
    /// The invoice keeps pointing at its deal, so the history stays. Call
    /// it inside the cancelling transaction.
    static func releaseCredited(_ db: Database, invoiceID: Int64, invoiceNumber: String, creditNote: String, by session: Session) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM deals WHERE invoice_id = ?", arguments: [invoiceID])
        for id in ids {
            try db.execute(sql: "UPDATE deals SET invoice_id = NULL, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                           arguments: [Timestamp.now(), session.username, id])
            try Audit.record(db, session: session, entity: "deal", id: id, action: "credited",
                             changes: [("invoice_id", String(invoiceID), nil), ("credit_note", invoiceNumber, creditNote)])
        }
    }

    /// The invoices made from a deal that were cancelled by credit note,
    /// newest first, each with its credit note's number: what the deal
    /// shows after it was released.
    public func creditedInvoices(of dealID: Int64) throws -> [(invoice: String, creditNote: String)] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT i.number, (SELECT c.number FROM invoices c WHERE c.corrects_id = i.id AND c.number IS NOT NULL ORDER BY c.id LIMIT 1) AS note
                FROM invoices i WHERE i.deal_id = ? AND i.kind = 'invoice' AND i.status = 'cancelled' ORDER BY i.id DESC
                """, arguments: [dealID]).map { ($0["number"] as String, ($0["note"] as String?) ?? "") }
        }
    }

    /// An invoice as people name it: "invoice 2026-00042", or "a draft
    /// invoice" before it has a number. Never its internal id.
    static func invoiceName(_ db: Database, _ invoiceID: Int64) throws -> String {
        let number = try String.fetchOne(db, sql: "SELECT number FROM invoices WHERE id = ?", arguments: [invoiceID])
        return number.map { tr("invoice {0}", $0) } ?? tr("a draft invoice")
    }

    static func checkInvoiceable(_ db: Database, _ deal: Deal) throws {
        guard deal.stage == .won else {
            throw KontorError.rule(tr("the deal “{0}” is at {1}; only won deals are invoiced", deal.title, deal.stage.displayName))
        }
        if let invoiceID = deal.invoiceID {
            throw KontorError.rule(tr("the deal “{0}” is already invoiced ({1})", deal.title, try invoiceName(db, invoiceID)))
        }
    }
}
