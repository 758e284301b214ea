import KontorLocale
import GRDB

/// Everything an e-invoice of an issued invoice or credit note is made
/// from, read in one transaction: the frozen document, its lines, the
/// invoice a credit note corrects, and the products' article numbers.
/// The e-invoice writers (`KontorEInvoice`) read nothing else, so what they
/// write is what was issued.
public struct EInvoiceSource: Sendable {
    public var invoice: Invoice
    public var lines: [InvoiceLine]
    /// Discounts and surcharges on the whole document.
    public var allowances: [InvoiceAllowance]
    /// For a credit note: the number and issue date of the invoice it corrects.
    public var precedingNumber: String?
    public var precedingIssueDate: String?
    /// Article numbers (SKU) by product id.
    public var skus: [Int64: String]
    /// For a credit note: what it set off when it was made (the invoice's
    /// open amount, the invoice's Skonto not refunded), stored as its
    /// payments are (negative). The e-invoice says so as its paid amount
    /// (BT-113), so that its amount due (BT-115) is what the printed credit
    /// note says is owed back; a refund made later is on neither.
    public var setOffCents = 0

    /// The totals as issued: lines, discounts and surcharges per VAT group.
    public var totals: InvoiceTotals { InvoiceTotals(lines: lines, allowances: allowances) }

    public init(invoice: Invoice, lines: [InvoiceLine], allowances: [InvoiceAllowance] = [], precedingNumber: String? = nil,
                precedingIssueDate: String? = nil, skus: [Int64: String] = [:]) {
        self.invoice = invoice
        self.lines = lines
        self.allowances = allowances
        self.precedingNumber = precedingNumber
        self.precedingIssueDate = precedingIssueDate
        self.skus = skus
    }
}

extension InvoiceRepository {
    /// The source of the e-invoice of the issued invoice or credit note
    /// numbered `number`; `.notFound` for a number nobody issued.
    public func eInvoiceSource(number: String) throws -> EInvoiceSource {
        try database.read { db in
            let typed = TextFolding.trimmed(number).uppercased()
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM invoices WHERE number = ?", arguments: [typed]) else {
                throw KontorError.rule(tr("no invoice or credit note is numbered {0}", typed))
            }
            return try Self.eInvoiceSource(db, id: id)
        }
    }

    public func eInvoiceSource(id: Int64) throws -> EInvoiceSource {
        try database.read { db in try Self.eInvoiceSource(db, id: id) }
    }

    static func eInvoiceSource(_ db: Database, id: Int64) throws -> EInvoiceSource {
        let invoice = try Self.invoice(db, id)
        guard invoice.status != .draft else {
            throw KontorError.rule(tr("a draft has no e-invoice yet: issue it first, then export it"))
        }
        let lines = try Self.lines(db, invoiceID: id)
        var source = EInvoiceSource(invoice: invoice, lines: lines, allowances: try Self.allowances(db, invoiceID: id))
        if invoice.kind == .creditNote {
            source.setOffCents = try setOffWithIt(db, creditNoteID: id).reduce(0) { $0 + $1.amountCents }
        }
        if let corrects = invoice.correctsID, let row = try Row.fetchOne(db, sql: "SELECT number, issue_date FROM invoices WHERE id = ?", arguments: [corrects]) {
            source.precedingNumber = row["number"]
            source.precedingIssueDate = row["issue_date"]
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT DISTINCT p.id, p.sku FROM invoice_lines l JOIN products p ON p.id = l.product_id WHERE l.invoice_id = ?
            """, arguments: [id]) {
            source.skus[row["id"]] = row["sku"]
        }
        return source
    }

    /// The rows a credit note was made with: the settlement of what the
    /// invoice still owed and the invoice's Skonto taken back (not
    /// refunded). Both are part of the document as issued; refunds come
    /// later and are not.
    static func setOffWithIt(_ db: Database, creditNoteID: Int64) throws -> [Payment] {
        try Payment.fetchAll(db, sql: "SELECT * FROM payments WHERE invoice_id = ? AND kind IN ('settlement', 'skonto') ORDER BY id",
                             arguments: [creditNoteID])
    }
}
