import Foundation
import GRDB
@testable import KontorModel
import Testing

/// Money owed back after a credit note or an overpayment, and deals whose
/// invoice was credited: every balance ends where the money ended.
@Suite("Refunds and credited deals")
struct RefundTests {
    /// The customer paid 50,00 of an invoice that is then cancelled: the
    /// invoice is settled, the credit note shows the 50,00 owed back, and
    /// once refunded every balance is zero.
    @Test func aPartPaidInvoiceCancelledAndRefundedLeavesEveryBalanceAtZero() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        let partly = try f.invoices.recordPayment(to: issued.id, amountCents: 5_000, paidOn: "2026-11-05", by: f.db.carol)
        let note = try f.invoices.cancel(issued.id, on: "2026-11-10", expectedVersion: partly.version, by: f.db.carol)

        let original = try #require(try f.invoices.find(id: issued.id))
        #expect(original.status == .cancelled)
        #expect(original.balanceCents == 0, "nothing stays open on the cancelled invoice")
        #expect(note.status == .issued)
        #expect(note.owedToCustomerCents == 5_000)
        #expect(note.openCents == 0)
        var balance = try f.invoices.balance(of: f.customer.id, today: "2026-11-15")
        #expect(balance.openCents == -5_000 && balance.owedBackCents == 5_000 && balance.overdueCount == 0)
        #expect(try f.invoices.payments(of: issued.id).map(\.kind) == [.payment, .settlement])
        #expect(try f.invoices.payments(of: note.id).map(\.reference) == ["2026-00001"])

        // More than is owed is refused beside the amount, and nothing is written.
        #expect(throws: KontorError.invalid(ValidationFailure([FieldIssue(
            field: "amount", message: "is more than the 50,00 EUR owed to the customer on credit note CN-2026-00001")]))) {
            try f.invoices.recordRefund(from: note.id, amountCents: 5_001, by: f.db.carol)
        }
        let part = try f.invoices.recordRefund(from: note.id, amountCents: 2_000, paidOn: "2026-11-20", reference: "Rückzahlung 1", by: f.db.carol)
        #expect(part.owedToCustomerCents == 3_000 && part.status == .issued)
        let settled = try f.invoices.recordRefund(from: note.id, amountCents: 3_000, paidOn: "2026-11-21", method: .cash, by: f.db.carol)
        #expect(settled.status == .paid && settled.balanceCents == 0)
        balance = try f.invoices.balance(of: f.customer.id, today: "2026-11-25")
        #expect(balance == CustomerBalance(openCents: 0, overdueCount: 0, overdueCents: 0, owedBackCents: 0))
        #expect(try f.invoices.dunning(of: f.customer.id, today: "2026-12-31").level == .none)
        #expect(try f.invoices.payments(of: note.id).map(\.amountCents) == [-(issued.grossCents - 5_000), -2_000, -3_000])
        // Nothing more is owed.
        #expect(throws: KontorError.rule("nothing is owed back to the customer on credit note CN-2026-00001")) {
            try f.invoices.recordRefund(from: note.id, amountCents: 1, by: f.db.carol)
        }

        // Audited as payments are: who, what, from what to what.
        let refunds = try f.db.database.history(of: "invoice", id: note.id).filter { $0.action == "refund" }
        #expect(refunds.count == 5)
        #expect(refunds.contains { $0.field == "refund_cents" && $0.newValue == "2000" && $0.actor == "carol" })
        #expect(refunds.contains { $0.field == "status" && $0.oldValue == "issued" && $0.newValue == "paid" })
        let cancel = try f.db.database.history(of: "invoice", id: issued.id).filter { $0.action == "cancel" }
        #expect(cancel.contains { $0.field == "paid_cents" && $0.oldValue == "5000" && $0.newValue == String(issued.grossCents) })
    }

    /// A customer who pays twice: the second payment is recorded on the
    /// paid invoice as an overpayment, owed back; not as an open payment.
    @Test func moneyPaidTwiceIsOwedBack() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        let paid = try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents, paidOn: "2026-11-10", by: f.db.carol)
        #expect(paid.status == .paid)
        #expect { try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents, paidOn: "2026-11-11", by: f.db.carol) } throws: {
            "\($0)".contains("is paid")
        }
        let twice = try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents, paidOn: "2026-11-11",
                                                 acceptingOverpayment: true, by: f.db.carol)
        #expect(twice.status == .paid && twice.owedToCustomerCents == issued.grossCents)
        #expect(try f.invoices.balance(of: f.customer.id).owedBackCents == issued.grossCents)
    }

    @Test func anOverpaymentIsRecordedOnlyWhenMeantAndCanBeRefunded() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        #expect { try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents + 2_000, by: f.db.carol) } throws: { error in
            "\(error)".contains("is more than the open")
        }
        let overpaid = try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents + 2_000, acceptingOverpayment: true, by: f.db.carol)
        #expect(overpaid.status == .paid && overpaid.owedToCustomerCents == 2_000 && overpaid.openCents == 0)
        #expect(try f.invoices.balance(of: f.customer.id).owedBackCents == 2_000)
        // Printed again, it is the invoice as issued: what is owed back is the screen's and the balance's to say.
        let printed = try f.invoices.document(for: issued.id).text
        #expect(!printed.contains("erstatten wir Ihnen") && printed.contains("Bitte zahlen"), "\(printed)")
        #expect(throws: KontorError.self) { try f.invoices.recordRefund(from: issued.id, amountCents: 2_001, by: f.db.carol) }
        let refunded = try f.invoices.recordRefund(from: issued.id, amountCents: 2_000, by: f.db.carol)
        #expect(refunded.status == .paid && refunded.balanceCents == 0)
        #expect(try f.invoices.balance(of: f.customer.id) == CustomerBalance(openCents: 0, overdueCount: 0, overdueCents: 0, owedBackCents: 0))
        // An open invoice owes nothing back: said with what is still to be paid.
        let other = try f.draft()
        let open = try f.invoices.issue(other.id, issueDate: "2026-11-03", expectedVersion: other.version, by: f.db.carol)
        #expect { try f.invoices.recordRefund(from: open.id, amountCents: 100, by: f.db.carol) } throws: { error in
            "\(error)".contains("nothing is owed back to the customer on invoice 2026-00002; \(Money.format(cents: open.grossCents)) EUR are still to be paid on it")
        }
    }

    @Test func theDatabaseRefusesARefundOfMoreThanIsOwedWhateverWritesIt() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        try f.invoices.recordPayment(to: issued.id, amountCents: 1_000, by: f.db.carol)
        #expect(throws: (any Error).self) {
            try f.db.raw("INSERT INTO payments (invoice_id, kind, amount_cents, paid_on, method, created_by, created_at) VALUES (\(issued.id), 'refund', -500, '2026-11-05', 'transfer', 'x', 'now')")
        }
        #expect(throws: (any Error).self) {
            try f.db.raw("INSERT INTO payments (invoice_id, kind, amount_cents, paid_on, method, created_by, created_at) VALUES (\(issued.id), 'payment', -500, '2026-11-05', 'transfer', 'x', 'now')")
        }
        #expect(try f.invoices.find(id: issued.id)?.paidCents == 1_000)
    }

    @Test func refundsAreBackOfficeWrites() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        let paid = try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents, by: f.db.carol)
        let note = try f.invoices.cancel(issued.id, expectedVersion: paid.version, by: f.db.carol)
        #expect(note.owedToCustomerCents == issued.grossCents)
        #expect { try f.invoices.recordRefund(from: note.id, amountCents: 100, by: f.db.bob) } throws: { error in
            if case KontorError.denied = error { return true } else { return false }
        }
        #expect(try f.invoices.payments(of: note.id).filter { $0.kind == .refund }.isEmpty)
        try f.invoices.recordRefund(from: note.id, amountCents: 100, by: f.db.dave)
        try f.invoices.recordRefund(from: note.id, amountCents: issued.grossCents - 100, by: f.db.carol)
        #expect(try f.invoices.find(id: note.id)?.status == .paid)
    }

    @Test func anUnpaidInvoiceCancelledLeavesNothingOpenOnEither() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        let note = try f.invoices.cancel(issued.id, expectedVersion: issued.version, by: f.db.carol)
        #expect(note.status == .paid && note.balanceCents == 0)
        #expect(try f.invoices.find(id: issued.id)?.balanceCents == 0)
        #expect(try f.invoices.balance(of: f.customer.id) == CustomerBalance(openCents: 0, overdueCount: 0, overdueCents: 0, owedBackCents: 0))
    }

    @Test func anOverpaidInvoiceCancelledOwesEverythingBackOnTheCreditNote() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        let paid = try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents + 500, acceptingOverpayment: true, by: f.db.carol)
        let note = try f.invoices.cancel(issued.id, expectedVersion: paid.version, by: f.db.carol)
        #expect(try f.invoices.find(id: issued.id)?.balanceCents == 0)
        #expect(note.owedToCustomerCents == issued.grossCents + 500)
    }

    // MARK: Deals

    /// A won deal with two lines, invoiced and issued: the deal of `cancel`.
    private func invoicedDeal(_ f: InvoiceFixture) throws -> (deal: Deal, invoice: Invoice) {
        let deals = f.db.database.deals
        var deal = try deals.create(DealFields(customerID: f.customer.id, title: "Kaffeeecke Müller"), stage: .negotiation, by: f.db.bob)
        deal = try deals.addLine(to: deal.id, DealLineFields(productID: f.coffee.id, quantity: 4), expectedVersion: deal.version, by: f.db.bob).deal
        deal = try deals.moveStage(id: deal.id, to: .won, expectedVersion: deal.version, by: f.db.bob)
        let draft = try f.invoices.createDraft(fromDeal: deal.id, by: f.db.bob)
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        return (try #require(try deals.find(id: deal.id)), issued)
    }

    @Test func aDealWhoseInvoiceWasCreditedIsInvoicedAgainFromItsLines() throws {
        let f = try InvoiceFixture()
        let (deal, issued) = try invoicedDeal(f)
        let deals = f.db.database.deals
        // While invoiced, refusals name the invoice by its number, never an id.
        #expect(throws: KontorError.rule("the deal “Kaffeeecke Müller” is invoiced (invoice 2026-00001) and stays won; cancel invoice 2026-00001 by credit note first")) {
            try deals.moveBack(id: deal.id, expectedVersion: deal.version, by: f.db.bob)
        }
        #expect(throws: KontorError.rule("the deal “Kaffeeecke Müller” is already invoiced (invoice 2026-00001)")) {
            try f.invoices.createDraft(fromDeal: deal.id, by: f.db.bob)
        }
        try f.invoices.cancel(issued.id, expectedVersion: issued.version, by: f.db.carol)
        let released = try #require(try deals.find(id: deal.id))
        #expect(released.stage == .won && released.invoiceID == nil)
        #expect(try deals.creditedInvoices(of: deal.id).map(\.invoice) == ["2026-00001"])
        #expect(try deals.creditedInvoices(of: deal.id).map(\.creditNote) == ["CN-2026-00001"])
        let audit = try f.db.database.history(of: "deal", id: deal.id).filter { $0.action == "credited" }
        #expect(audit.contains { $0.field == "credit_note" && $0.oldValue == "2026-00001" && $0.newValue == "CN-2026-00001" })

        let again = try f.invoices.createDraft(fromDeal: deal.id, by: f.db.bob)
        #expect(again.dealID == deal.id && again.status == .draft && again.grossCents == issued.grossCents)
        #expect(try f.invoices.lines(of: again.id).map(\.description) == ["Kaffee Crema 500 g"])
        #expect(try deals.find(id: deal.id)?.invoiceID == again.id)
    }

    @Test func aDealWhoseInvoiceWasCreditedCanBeReopened() throws {
        let f = try InvoiceFixture()
        let (deal, issued) = try invoicedDeal(f)
        let deals = f.db.database.deals
        try f.invoices.cancel(issued.id, expectedVersion: issued.version, by: f.db.carol)
        let released = try #require(try deals.find(id: deal.id))
        // Its lines can change again, and it goes back into the pipeline.
        let changed = try deals.addLine(to: deal.id, DealLineFields(productID: f.grinder.id, quantity: 1), expectedVersion: released.version, by: f.db.bob).deal
        let reopened = try deals.moveBack(id: deal.id, expectedVersion: changed.version, by: f.db.bob)
        #expect(reopened.stage == .negotiation && reopened.invoiceID == nil)
    }

    // MARK: The printed document

    /// Each document printed whenever is the one issued (§ 14 UStG, GoBD):
    /// the invoice without what came after it, the credit note with what it
    /// set off and owed back when it was issued, not a later refund.
    /// An invoice paid with Skonto and then cancelled: the credit note's
    /// column adds up as read, the credit less the Skonto not refunded is
    /// what is owed, in the text and on the PDF's sheet alike.
    @Test func aCreditNoteAfterSkontoAddsUpAsRead() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let today = CalendarDate.today()
        let issued = try f.invoices.issue(draft.id, issueDate: today, skonto: .terms(SkontoTerms(percentBP: 200, days: 10)),
                                          expectedVersion: draft.version, by: f.db.carol)
        let paid = try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents - issued.skontoCents, paidOn: today,
                                                takingSkonto: true, by: f.db.carol)
        let note = try f.invoices.cancel(issued.id, on: today, expectedVersion: paid.version, by: f.db.carol)
        let document = try f.invoices.document(for: note.id)
        let lines = document.text.split(separator: "\n")
        let skonto = try #require(lines.first { $0.contains("Skonto der Rechnung, nicht erstattet") })
        let owed = try #require(lines.first { $0.contains("Guthaben zu Ihren Gunsten EUR") })
        #expect(skonto.hasSuffix(" " + Money.format(cents: issued.skontoCents)), "\(skonto)")
        #expect(owed.hasSuffix(" " + Money.format(cents: issued.grossCents - issued.skontoCents)), "\(owed)")
        #expect(lines.contains { $0.contains("Gesamtbetrag EUR") && $0.hasSuffix(" -" + Money.format(cents: issued.grossCents)) }, "\(document.text)")
        // Dated as a correction, its labels in one column however long ("Storno zu Rechnung:").
        #expect(lines.contains { $0.hasPrefix("Korrekturdatum:") } && !lines.contains { $0.hasPrefix("Rechnungsdatum:") }, "\(document.text)")
        let valueColumns = Set(lines.filter { $0.hasPrefix("Korrektur") || $0.hasPrefix("Storno zu Rechnung:") }
            .map { line in line.distance(from: line.startIndex, to: line.firstIndex(of: ":")!) + line.drop { $0 != ":" }.dropFirst().prefix { $0 == " " }.count })
        #expect(valueColumns.count == 1, "\(document.text)")
        let sheet = try f.invoices.sheet(for: note.id)
        #expect(sheet.payments.map(\.amount) == [Money.format(cents: issued.skontoCents), Money.format(cents: issued.grossCents - issued.skontoCents)],
                "\(sheet.payments)")
    }

    @Test func thePrintedDocumentsAreTheOnesIssued() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        let original = try f.invoices.document(for: issued.id)
        let partly = try f.invoices.recordPayment(to: issued.id, amountCents: 5_000, paidOn: "2026-11-05", by: f.db.carol)
        let note = try f.invoices.cancel(issued.id, on: "2026-11-10", expectedVersion: partly.version, by: f.db.carol)
        let open = Money.format(cents: issued.grossCents - 5_000)
        let invoiceText = try f.invoices.document(for: issued.id).text
        #expect(invoiceText == original.text, "paid in part and cancelled, the invoice prints as issued:\n\(invoiceText)")
        for part in ["Bezahlt am", "Verrechnet mit", "Offener Betrag", "aufgehoben"] {
            #expect(!invoiceText.contains(part), "the invoice as issued shows \(part):\n\(invoiceText)")
        }
        let noteAtIssue = try f.invoices.document(for: note.id)
        for part in ["Verrechnet mit Rechnung 2026-00001", "Guthaben zu Ihren Gunsten EUR", "50,00",
                     "Den Betrag von 50,00 EUR erstatten wir Ihnen."] {
            #expect(noteAtIssue.text.contains(part), "the credit note lacks \(part):\n\(noteAtIssue.text)")
        }
        // As the credit goes: the gross (negative) less what was set off is
        // what is owed, every amount in the column with the sign that adds up.
        let setOff = try #require(noteAtIssue.text.split(separator: "\n").first { $0.contains("Verrechnet mit Rechnung 2026-00001") })
        #expect(setOff.hasSuffix(" " + open) && !setOff.contains("-" + open), "\(setOff)")
        try f.invoices.recordRefund(from: note.id, amountCents: 5_000, paidOn: "2026-11-20", by: f.db.carol)
        #expect(try f.invoices.document(for: note.id) == noteAtIssue, "the refund made later is not on the credit note")
        var settings = try f.db.alice.settings()
        settings.documentLanguage = .en
        try f.db.alice.saveSettings(settings)
        let english = try f.invoices.document(for: note.id).text
        for part in ["Set off against invoice 2026-00001", "We will refund 50,00 EUR to you."] {
            #expect(english.contains(part), "the English credit note lacks \(part):\n\(english)")
        }
    }

    // MARK: The migration

    /// A database of the previous version with a part-paid invoice
    /// cancelled and its deal still linked comes through `v15-refunds`
    /// settled, with the deal released and the rules in place.
    @Test func theMigrationSettlesCancelledInvoicesAndReleasesTheirDeals() throws {
        let queue = try DatabaseQueue(configuration: KontorDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v14-deal-stage-totals")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO customers (id, name, sort_key, created_at, updated_at, updated_by) VALUES (1, 'Müller GmbH', 'muller gmbh', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', 'alice');
                INSERT INTO deals (id, customer_id, title, stage, value_cents, closed_at, created_at, updated_at, updated_by)
                VALUES (1, 1, 'Kaffeeecke', 'won', 10000, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', 'alice');
                INSERT INTO invoices (id, kind, number, status, customer_id, deal_id, issue_date, due_date, net_cents, vat_cents, gross_cents,
                                      created_at, updated_at, updated_by)
                VALUES (1, 'invoice', '2026-00001', 'issued', 1, 1, '2026-10-01', '2026-10-15', 10000, 1900, 11900, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', 'alice');
                INSERT INTO payments (invoice_id, amount_cents, paid_on, method, reference, created_by, created_at)
                VALUES (1, 4000, '2026-10-05', 'transfer', '', 'alice', '2026-11-01T10:00:00Z');
                UPDATE invoices SET status = 'cancelled' WHERE id = 1;
                UPDATE deals SET invoice_id = 1 WHERE id = 1;
                INSERT INTO invoices (id, kind, number, status, customer_id, deal_id, corrects_id, issue_date, due_date, net_cents, vat_cents,
                                      gross_cents, created_at, updated_at, updated_by)
                VALUES (2, 'credit_note', 'CN-2026-00001', 'issued', 1, 1, 1, '2026-10-20', '2026-10-20', -10000, -1900, -11900, '2026-11-01T10:00:00Z', '2026-11-01T10:00:00Z', 'alice');
                """)
        }
        let database = try KontorDatabase(writer: queue)
        #expect(try database.invoices.find(id: 1)?.balanceCents == 0)
        #expect(try database.invoices.find(id: 2)?.owedToCustomerCents == 4_000)
        #expect(try database.invoices.payments(of: 1).map(\.kind) == [.payment, .settlement])
        #expect(try database.deals.find(id: 1)?.invoiceID == nil)
        #expect(try database.invoices.balance(of: 1).openCents == -4_000)
        try queue.read { db in
            let names = Set(try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'payments'"))
            for name in ["payments_by_invoice", "payments_by_date", "payments_only_issued", "payments_refund_owed", "payments_settlement_issued",
                         "payments_update_invoice", "payments_append_only_update", "payments_append_only_delete"] {
                #expect(names.contains(name), "\(name) is gone")
            }
            #expect(try SQLiteSpecific.integrityProblems(db).isEmpty)
            #expect(try Int.fetchOne(db, sql: "SELECT sum(paid_cents) FROM invoice_totals") == 11_900 - 11_900 + 4_000)
        }
        #expect(throws: DatabaseError.self) { try queue.write { db in try db.execute(sql: "DELETE FROM payments") } }
    }
}
