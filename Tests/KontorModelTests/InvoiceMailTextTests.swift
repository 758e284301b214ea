import Foundation
import KontorLocale
@testable import KontorModel
import Testing

/// What the letter around a mailed invoice asks for: payment only of what
/// is open; a cancelled invoice is not sent again at all.
@Suite("An invoice's covering letter")
struct InvoiceMailTextTests {
    func fixture() throws -> (InvoiceFixture, Invoice) {
        let f = try InvoiceFixture()
        var fields = f.customer.fields
        fields.email = "buchhaltung@mueller.example"
        try f.db.database.customers.update(id: f.customer.id, fields, expectedVersion: f.customer.version, by: f.db.bob)
        let draft = try f.draft()
        let invoice = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        return (f, invoice)
    }

    func letter(_ f: InvoiceFixture, _ id: Int64, today: String) throws -> String {
        let invoice = try #require(try f.invoices.find(id: id))
        return InvoiceRepository.coveringText(invoice, correctedNumber: nil, attachments: [], company: "Kontor Demo GmbH", today: today)
    }

    @Test func openPartPaidAndPaidInvoicesAskForWhatIsOpen() throws {
        let (f, invoice) = try fixture()
        let number = invoice.number!
        #expect(try letter(f, invoice.id, today: "2026-11-10").contains("Rechnung \(number) vom 02.11.2026 über 347,71 EUR, zahlbar bis 02.12.2026."))
        #expect(try letter(f, invoice.id, today: "2026-12-07").contains("über 347,71 EUR, fällig seit dem 02.12.2026."), "a due date gone by")
        try f.invoices.recordPayment(to: invoice.id, amountCents: 10_000, by: f.db.carol)
        #expect(try letter(f, invoice.id, today: "2026-12-07")
                .contains("über 347,71 EUR. Davon sind 100,00 EUR bezahlt; offen sind 247,71 EUR, fällig seit dem 02.12.2026."))
        try f.invoices.recordPayment(to: invoice.id, amountCents: 24_771, by: f.db.carol)
        let paid = try letter(f, invoice.id, today: "2026-12-07")
        #expect(paid.contains("für Ihre Unterlagen. Sie ist bereits bezahlt, vielen Dank."), "\(paid)")
        #expect(!paid.contains("zahlbar") && !paid.contains("fällig"))
        _ = try f.invoices.mailPlan(for: invoice.id)
    }

    @Test func aCancelledInvoiceIsNotSentAgain() throws {
        let (f, invoice) = try fixture()
        let credit = try f.invoices.cancel(invoice.id, reason: "Doppelt", expectedVersion: invoice.version, by: f.db.carol)
        #expect(throws: KontorError.rule(tr("{0} is cancelled by credit note {1}: send the credit note instead", invoice.number!, credit.number!))) {
            try f.invoices.mailPlan(for: invoice.id)
        }
        #expect(throws: KontorError.self) { try f.invoices.enqueueMail(invoice.id, attachments: [], by: f.db.carol) }
        #expect(try f.db.database.mail.entries(ofInvoice: invoice.id).isEmpty)
        // The credit note itself goes.
        #expect(try f.invoices.mailPlan(for: credit.id).subject.hasPrefix("Gutschrift \(credit.number!)"))
    }

    /// The letter closes itself; under it the company's details, not the
    /// support team's signature for ticket replies (once "Mit freundlichen
    /// Grüßen", never "Ihr Support-Team" on an invoice).
    @Test func theLetterCarriesTheCompanysDetailsNotTheTicketSignature() throws {
        let (f, invoice) = try fixture()
        try f.db.alice.updateMailSettings {
            $0.queueAddresses = ["support": "support@demo.example", "billing": "rechnung@demo.example"]
            $0.signature = "Mit freundlichen Grüßen\nIhr Support-Team"
        }
        try f.invoices.enqueueMail(invoice.id, attachments: [], by: f.db.carol)
        let raw = try f.db.database.read { db in try Data.fetchOne(db, sql: "SELECT raw FROM mail_outbox ORDER BY id DESC LIMIT 1") }
        let text = String(decoding: raw ?? Data(), as: UTF8.self)
        #expect(!text.contains("Support-Team"), "\(text)")
        #expect(text.contains("USt-IdNr. DE123456788"), "\(text)")
    }
}
