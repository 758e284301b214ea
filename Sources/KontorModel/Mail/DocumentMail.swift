import KontorLocale
import Foundation
import GRDB

/// Documents by mail: an issued invoice or credit note (and, with a few
/// lines more, a dunning letter) to the customer's billing address, with
/// its files attached. The model writes the message and queues it; the
/// files (the PDF, the e-invoice) are made by the layers that know how and
/// handed in as bytes, so the model needs neither cairo nor libxml2.
public enum DocumentMail {
    /// Where a customer's documents go: a contact whose role names billing
    /// ("Rechnungsempfang", "Buchhaltung", "Billing", "Accounts"), else the
    /// customer's e-mail, else the buyer's e-mail as at issue, else the
    /// primary contact's.
    static func billingAddress(_ db: Database, customerID: Int64, issuedEmail: String?) throws -> Mailbox? {
        let billing = try Row.fetchAll(db, sql: """
            SELECT name, email, role, is_primary FROM contacts WHERE customer_id = ? AND email <> '' ORDER BY is_primary DESC, id
            """, arguments: [customerID])
        let words = ["rechnung", "buchhaltung", "billing", "accounts", "invoice", "finanz"]
        let row = billing.first { row in words.contains { ((row["role"] as String?) ?? "").lowercased().contains($0) } }
        if let row, let address = Mailbox.parse(row["email"]) { return Mailbox(address.address, name: row["name"]) }
        if let customer = try Row.fetchOne(db, sql: "SELECT name, email FROM customers WHERE id = ?", arguments: [customerID]),
           let address = Mailbox.parse(customer["email"] ?? "") {
            return Mailbox(address.address, name: customer["name"] ?? "")
        }
        if let issuedEmail, let address = Mailbox.parse(issuedEmail) { return address }
        if let primary = billing.first(where: { $0["is_primary"] as Bool }), let address = Mailbox.parse(primary["email"]) {
            return Mailbox(address.address, name: primary["name"])
        }
        return nil
    }

    /// The address documents are sent from: the billing queue's, else the
    /// default queue's, else the company's e-mail; the company's name shown.
    static func sender(_ db: Database) throws -> Mailbox? {
        let settings = try MailSettings.read(db)
        let company = try CompanySettings.read(db)
        let address = settings.queueAddresses["billing"] ?? settings.address(forQueue: settings.defaultQueue) ?? company.email
        return Mailbox.parse(address).map { Mailbox($0.address, name: company.name) }
    }

    /// The company's name, address, phone, e-mail and VAT id under the
    /// usual "-- " line; nothing when the settings hold none of them.
    static func companyDetails(_ company: CompanySettings) -> String {
        var lines = [company.name] + company.address.split(separator: "\n").map { String($0) }
        if !company.phone.isEmpty { lines.append("Tel. \(company.phone)") }
        if !company.email.isEmpty { lines.append(company.email) }
        if !company.vatID.isEmpty { lines.append("USt-IdNr. \(company.vatID)") }
        let shown = lines.map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return shown.isEmpty ? "" : "\n\n-- \n" + shown.joined(separator: "\n")
    }

    /// Writes and queues a document's message, audited on the invoice. The
    /// one path for every kind of document: a dunning letter is this call
    /// with its own kind, words and files.
    static func enqueue(_ db: Database, kind: MailKind, invoiceID: Int64, to: Mailbox, subject: String, body: String,
                        attachments: [OutgoingAttachment], session: Session, now: Date) throws -> OutboxEntry {
        guard let from = try sender(db) else {
            throw KontorError.rule(tr("no sender address: set the billing queue's address in the mail settings, or the company e-mail"))
        }
        // The letter closes itself ("Mit freundlichen Grüßen", the company):
        // under it the company's details as a business letter gives them,
        // not the support team's signature for ticket replies.
        let mail = OutgoingMail(from: from, to: [to], subject: subject, body: body + Self.companyDetails(try CompanySettings.read(db)),
                                date: now, attachments: attachments)
        let entry = try MailOutbox.enqueue(db, mail, kind: kind, invoiceID: invoiceID, actor: session.username, now: now)
        try Audit.record(db, session: session, entity: "invoice", id: invoiceID, action: "mail",
                         changes: [("to", nil, to.address), ("message", nil, entry.messageID)])
        return entry
    }
}

/// What sending an invoice by mail would do, shown before it is done.
public struct InvoiceMailPlan: Equatable, Sendable {
    public var invoiceID: Int64
    public var number: String
    public var to: Mailbox
    public var subject: String
    /// "Rechnung 2026-00042 Müller GmbH": the attachments' name without its extension.
    public var fileBaseName: String
}

extension InvoiceRepository {
    /// The recipient, subject and file name for mailing an issued invoice
    /// or credit note; refuses a draft and a customer without an address.
    public func mailPlan(for invoiceID: Int64) throws -> InvoiceMailPlan {
        try database.read { db in try Self.mailPlan(db, invoiceID: invoiceID) }
    }

    static func mailPlan(_ db: Database, invoiceID: Int64) throws -> InvoiceMailPlan {
        guard let invoice = try Invoice.fetchOne(db, sql: InvoicePartiesSchema.selectWithParties + " WHERE i.id = ?", arguments: [invoiceID]) else {
            throw KontorError.notFound(entity: "invoice", id: invoiceID)
        }
        guard let number = invoice.number, invoice.status != .draft else {
            throw KontorError.rule(tr("a draft cannot be sent: issue it first"))
        }
        // A cancelled invoice sent again would ask for money nobody owes,
        // with an e-invoice the customer's books would take as payable.
        if invoice.kind == .invoice, invoice.status == .cancelled {
            let credit = try String.fetchOne(db, sql: """
                SELECT number FROM invoices WHERE corrects_id = ? AND kind = 'credit_note' AND status <> 'draft' ORDER BY id DESC LIMIT 1
                """, arguments: [invoiceID])
            throw KontorError.rule(credit.map { tr("{0} is cancelled by credit note {1}: send the credit note instead", number, $0) }
                                   ?? tr("{0} is cancelled: it is not sent again", number))
        }
        guard let to = try DocumentMail.billingAddress(db, customerID: invoice.customerID, issuedEmail: invoice.parties?.buyer.email) else {
            throw KontorError.rule(tr("{0} has no e-mail address: add one to the customer, or a contact such as “Rechnungsempfang” with one", invoice.buyer.name))
        }
        let word = invoice.kind == .creditNote ? "Gutschrift" : "Rechnung"
        let company = try CompanySettings.read(db).name
        let buyer = MIMEEncoding.headerText(invoice.buyer.name).replacingOccurrences(of: "/", with: "-")
        return InvoiceMailPlan(invoiceID: invoiceID, number: number, to: to, subject: "\(word) \(number) · \(company)",
                               fileBaseName: String("\(word) \(number) \(buyer)".prefix(120)))
    }

    /// Queues an issued invoice or credit note to the customer's billing
    /// address with `attachments` (its PDF and e-invoice, made by the
    /// caller) and a German covering text; audited on the invoice. The
    /// outbox's sender delivers it.
    @discardableResult
    public func enqueueMail(_ invoiceID: Int64, attachments: [OutgoingAttachment], by session: Session, now: Date = Date()) throws -> OutboxEntry {
        try session.write(.writeBackOffice) { db in
            let plan = try Self.mailPlan(db, invoiceID: invoiceID)
            let invoice = try Invoice.fetchOne(db, sql: "SELECT * FROM invoices WHERE id = ?", arguments: [invoiceID])!
            let corrected = try invoice.correctsID.flatMap { try String.fetchOne(db, sql: "SELECT number FROM invoices WHERE id = ?", arguments: [$0]) }
            let body = Self.coveringText(invoice, correctedNumber: corrected, attachments: attachments, company: try CompanySettings.read(db).name,
                                         today: CalendarDate.string(from: now))
            return try DocumentMail.enqueue(db, kind: .invoice, invoiceID: invoiceID, to: plan.to, subject: plan.subject, body: body,
                                            attachments: attachments, session: session, now: now)
        }
    }

    /// The German letter around the files. It asks for payment only of
    /// what is open: a paid invoice sent again (for the customer's files)
    /// says it is paid, a part-paid one what is left, and a due date gone
    /// by is "fällig seit", not "zahlbar bis".
    static func coveringText(_ invoice: Invoice, correctedNumber: String?, attachments: [OutgoingAttachment], company: String,
                             today: String) -> String {
        let number = invoice.number ?? ""
        let date = invoice.issueDate.map { " vom \(CalendarDate.german($0))" } ?? ""
        let amount = "\(Money.format(cents: abs(invoice.grossCents))) \(invoice.currency)"
        var lines = ["Guten Tag,", ""]
        if invoice.kind == .creditNote {
            lines.append("anbei erhalten Sie unsere Gutschrift \(number)\(date) über \(amount)"
                         + (correctedNumber.map { " zur Rechnung \($0)." } ?? "."))
        } else {
            let open = invoice.grossCents - invoice.paidCents
            let due = invoice.dueDate.map { $0 < today ? "fällig seit dem \(CalendarDate.german($0))" : "zahlbar bis \(CalendarDate.german($0))" }
            if invoice.status == .paid || open <= 0 {
                lines.append("anbei erhalten Sie unsere Rechnung \(number)\(date) über \(amount) für Ihre Unterlagen. Sie ist bereits bezahlt, vielen Dank.")
            } else if invoice.paidCents > 0 {
                lines.append("anbei erhalten Sie unsere Rechnung \(number)\(date) über \(amount). Davon sind "
                             + "\(Money.format(cents: invoice.paidCents)) \(invoice.currency) bezahlt; offen sind "
                             + "\(Money.format(cents: open)) \(invoice.currency)\(due.map { ", \($0)" } ?? "").")
            } else {
                lines.append("anbei erhalten Sie unsere Rechnung \(number)\(date) über \(amount)\(due.map { ", \($0)" } ?? "").")
            }
        }
        let pdf = attachments.contains { $0.mimeType == "application/pdf" }
        let xml = attachments.contains { $0.mimeType.hasSuffix("xml") }
        switch (pdf, xml) {
        case (true, true): lines += ["", "Sie liegt als PDF und als elektronische Rechnung (XRechnung, XML) bei."]
        case (true, false): lines += ["", "Sie liegt als PDF bei."]
        case (false, true): lines += ["", "Sie liegt als elektronische Rechnung (XRechnung, XML) bei."]
        case (false, false): break
        }
        lines += ["", "Bei Fragen antworten Sie einfach auf diese Nachricht.", "", "Mit freundlichen Grüßen", company]
        return lines.joined(separator: "\n")
    }
}
