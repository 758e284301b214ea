import GRDB

/// Everything a printed invoice is made of, read in one transaction: the
/// text print (`InvoiceDocument`) and the PDF's sheet (`InvoiceSheet`) are
/// both made from it, so the two can never disagree about a particular.
///
/// An issued invoice prints as it was frozen; a draft prints with today's
/// company settings and customer.
struct InvoicePrintSource {
    var invoice: Invoice
    var lines: [InvoiceLine]
    /// Discounts and surcharges on the whole document.
    var allowances: [InvoiceAllowance]
    var payments: [Payment]
    var seller: Invoice.Party
    var buyer: Invoice.Party
    /// Who the buyer may call and how the seller is reached, as at issue
    /// (a draft: today's settings). Empty where unknown.
    var sellerContact: (name: String, phone: String, email: String)
    var bank: (name: String, iban: String, bic: String)
    /// For a credit note: the number and issue date of the invoice it corrects.
    var corrected: (number: String, issueDate: String?)?
    var words: DocumentWords

    /// The document as it was issued, whenever it is printed: the copy
    /// kept and every copy sent later are the same document (§ 14 (4) UStG,
    /// GoBD; an identical copy of an invoice owes no VAT twice, § 14c UStG).
    /// So what happened after issue — payments, Skonto taken, a refund, the
    /// cancellation — is not printed on it: the screen, the open items and
    /// the dunning letters say that. A credit note carries what it set off
    /// when it was issued (the settlement and the Skonto taken back, both
    /// written with it), and so what it then owed back; a refund made later
    /// is not on it.
    static func read(_ db: Database, invoiceID: Int64) throws -> InvoicePrintSource {
        var invoice = try InvoiceRepository.invoice(db, invoiceID)
        let lines = try InvoiceRepository.lines(db, invoiceID: invoiceID)
        let allowances = try InvoiceRepository.allowances(db, invoiceID: invoiceID)
        let payments = invoice.kind == .creditNote ? try InvoiceRepository.setOffWithIt(db, creditNoteID: invoiceID) : []
        if invoice.status != .draft {
            invoice.status = .issued
            invoice.paidCents = payments.reduce(0) { $0 + $1.amountCents }
        }
        let settings = try CompanySettings.read(db)
        var seller = invoice.seller
        var buyer = invoice.buyer
        if invoice.status == .draft {
            seller = Invoice.Party(name: settings.name, address: settings.address, vatID: settings.vatID, taxNumber: settings.taxNumber)
            if let customer = try Customer.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [invoice.customerID]) {
                buyer = Invoice.Party(name: customer.name,
                                      address: ([customer.fields.contactName].filter { !$0.isEmpty } + customer.fields.addressLines).joined(separator: "\n"),
                                      vatID: customer.fields.vatID, taxNumber: "")
            }
        }
        var corrected: (number: String, issueDate: String?)?
        if let correctsID = invoice.correctsID,
           let row = try Row.fetchOne(db, sql: "SELECT number, issue_date FROM invoices WHERE id = ?", arguments: [correctsID]),
           let number = row["number"] as String? {
            corrected = (number, row["issue_date"])
        }
        // An issued invoice prints the account and contact it was issued with; a draft today's.
        let bank = invoice.parties.map { (name: $0.bankName, iban: $0.iban, bic: $0.bic) }
            ?? (name: settings.bank, iban: IBAN.normalized(settings.iban), bic: settings.bic)
        let contact = invoice.parties.map { (name: $0.seller.contactName, phone: $0.seller.phone, email: $0.seller.email) }
            ?? (invoice.status == .draft ? (name: settings.contactName, phone: settings.phone, email: settings.email) : (name: "", phone: "", email: ""))
        return InvoicePrintSource(invoice: invoice, lines: lines, allowances: allowances, payments: payments, seller: seller, buyer: buyer,
                                  sellerContact: contact, bank: bank, corrected: corrected, words: .of(settings.documentLanguage))
    }
}
