import Foundation
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

/// Money owed back, on the Invoices screen, and a deal whose invoice was
/// credited, on the Deals screen: said in words and numbers, never ids.
@MainActor
@Suite("Refunds and credited deals on screen")
struct RefundScreenTests {
    @Test func cancellingAnInvoicePaidLessSkontoNamesTheMoneyReceived() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let data = try h.seedInvoices()
        let issued = try h.issueWithSkonto(data)
        try h.database.invoices.recordPayment(to: issued.id, amountCents: 115_430, takingSkonto: true, by: data.carol)
        h.openInvoice(issued.number!)
        let question = h.press(.char("X"))
        #expect(question.contains("1.154,30 EUR were paid on it"), "the Skonto was never received:\n\(question)")
    }

    @Test func aPartPaidInvoiceCancelledShowsWhatIsOwedAndTheRefundSettlesIt() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let data = try h.seedInvoices()
        try h.database.invoices.recordPayment(to: data.open.id, amountCents: 10_000, paidOn: "2026-03-02", by: data.carol)
        h.openInvoice("2026-00002")
        let question = h.press(.char("X"))
        #expect(question.contains("100,00 EUR were paid on it"), "\(question)")
        var text = h.press(.char("y"))
        #expect(text.contains("Cancelled 2026-00002 by credit note CN-2026-00001 (o opens it) · the customer is owed 100,00 EUR back"), "\(text)")
        #expect(text.contains("Credited 138,00") && text.contains("Balance 0,00"), "the invoice is settled:\n\(text)")
        #expect(!text.contains("Balance 138,00"))
        text = h.press(.char("o"))
        #expect(text.contains("owed to customer 100,00 EUR"), "\(text)")
        #expect(text.contains("Owed to customer 100,00"), "\(text)")

        text = h.press(.char("R"))
        #expect(text.contains("Refund on credit note CN-2026-00001"), "\(text)")
        #expect(text.contains(Format.day(CalendarDate.today())), "the day written as every form writes it:\n\(text)")
        h.press(.ctrl("u"))
        h.type("150")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Amount is more than the 100,00 EUR owed to the customer on credit note CN-2026-00001"), "\(text)")
        h.press(.ctrl("u"))
        h.type("100")
        // Dated before the credit note: asked first, as a payment before its invoice is.
        h.press(.tab, .ctrl("u"))
        h.type("01.01.2026")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Refund date") && text.contains("01.01.2026 is before the credit note was issued on"), "\(text)")
        h.press(.char("n"))
        h.press(.ctrl("u"))
        h.type("heute")
        h.press(.tab, .tab)
        h.type("Rückzahlung")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Refund of 100,00 EUR recorded: credit note CN-2026-00001 is settled"), "\(text)")
        #expect(text.contains("refund 100,00 transfer “Rückzahlung”"), "\(text)")
        let weiss = try #require(try h.customer(named: "Weiß Logistik AG"))
        let balance = try h.database.invoices.balance(of: weiss.id)
        #expect(balance.openCents == 0 && balance.owedBackCents == 0 && balance.overdueCount == 0)
        // Nothing more to refund: the key says why.
        #expect(h.press(.char("R")).contains("R refund — nothing is owed back on this credit note: it is settled"), "\(h.screen)")
    }

    @Test func anOverpaymentIsSavedOnPurposeAndRefunded() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let data = try h.seedInvoices()
        h.openInvoice("2026-00002")
        h.press(.char("r"), .ctrl("u"))
        h.type("250")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Amount is more than the open 238,00 EUR"), "\(text)")
        text = h.press(.ctrl("o"))
        #expect(text.contains("2026-00002 is overpaid; the customer is owed 12,00 EUR back (R records the refund)"), "\(text)")
        #expect(text.contains("Overpaid · owed to customer 12,00 EUR"), "\(text)")
        h.press(.char("R"))
        text = h.press(.ctrl("s"))
        #expect(text.contains("Refund of 12,00 EUR recorded: invoice 2026-00002 is settled"), "\(text)")
        let invoice = try h.invoice(data.open.id)
        #expect(invoice.status == .paid && invoice.balanceCents == 0)
    }

    @Test func theFrontOfficeSeesTheRefundKeyAsBackOfficeWork() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let data = try h.seedInvoices()
        let paid = try h.database.invoices.recordPayment(to: data.open.id, amountCents: 5_000, by: data.carol)
        let note = try h.database.invoices.cancel(data.open.id, expectedVersion: paid.version, by: data.carol)
        let app = App(session: h.bob, theme: .fallback)
        let size = Size(width: 120, height: 30)
        _ = app.frame(size: size)
        app.open(.invoice(note.id))
        _ = app.frame(size: size)
        app.handle(.char("R"))
        let text = app.frame(size: size).0.text
        #expect(text.contains("R refund — "), "\(text)")
        #expect(try h.database.invoices.payments(of: note.id).allSatisfy { $0.kind != .refund })
    }

    @Test func aDealWhoseInvoiceWasCreditedIsInvoicedAgain() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let data = try h.seedInvoices()
        let issued = try h.database.invoices.issue(data.fromDeal.id, expectedVersion: data.fromDeal.version, by: data.carol)
        h.app.open(.deal(data.dealID))
        var text = h.press(.char("<"))
        #expect(text.contains("the deal is won and invoiced; it stays won until its invoice is credited or its draft deleted"), "\(text)")
        try h.database.invoices.cancel(issued.id, expectedVersion: issued.version, by: data.carol)
        h.app.open(.deal(data.dealID))
        text = h.press(.ctrl("r"))
        #expect(text.contains("[Won · credited]"), "\(text)")
        #expect(text.contains("\(issued.number!) credited by CN-2026-00001"), "\(text)")
        #expect(text.contains("Its invoice was credited: i invoices the deal again, < reopens it"), "\(text)")
        #expect(text.contains("invoice \(issued.number!) credited by CN-2026-00001: invoice again or reopen"), "the history says so:\n\(text)")
        #expect(!text.contains("#\(issued.id)"), "no internal ids:\n\(text)")
        #expect(text.contains("i invoice again"), "\(text)")
        text = h.press(.char("i"))
        #expect(text.contains("Draft invoice created from “Büroausstattung Zeta”"), "\(text)")
        let deal = try #require(try h.database.deals.find(id: data.dealID))
        let again = try #require(deal.invoiceID)
        let draft = try h.invoice(again)
        #expect(again != issued.id && draft.status == .draft)
    }

    @Test func aDealWhoseInvoiceWasCreditedIsReopened() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let data = try h.seedInvoices()
        let issued = try h.database.invoices.issue(data.fromDeal.id, expectedVersion: data.fromDeal.version, by: data.carol)
        try h.database.invoices.cancel(issued.id, expectedVersion: issued.version, by: data.carol)
        h.press(.char("3"))
        h.app.open(.deal(data.dealID))
        let text = h.press(.char("<"))
        #expect(text.contains("“Büroausstattung Zeta” moved from Won to Negotiation"), "\(text)")
        #expect(try h.database.deals.find(id: data.dealID)?.stage == .negotiation)
    }
}
