import Foundation
import GRDB
@testable import KontorApp
@testable import KontorModel
import KontorUI
import Testing

/// A discount on the whole draft, a line's service period and the Skonto
/// an invoice offers, done with the keys on the headless screen.
@MainActor
@Suite("Invoice terms on the screen")
struct InvoiceTermsScreenTests {
    @Test func percentAddsADiscountOnTheWholeDraftAndTakesItAway() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        h.openInvoice("Schäfer")
        var text = h.press(.char("%"))
        #expect(text.contains("Discount or surcharge on draft #\(data.draft.id)"), "\(text)")
        #expect(text.contains("VAT group  19"), "\(text)")
        h.press(.tab)
        h.type("5 %")
        text = h.press(.ctrl("s"))
        #expect(text.contains("is required (e.g. \"Treuerabatt\")"), "\(text)")
        // The cursor waits in the field that needs attention.
        h.type("Treuerabatt")
        text = h.press(.ctrl("s"))
        // 150,00 less 5 % = 142,50, and 19 % on that: 169,58.
        #expect(text.contains("Discount added · gross now 169,58 EUR"), "\(text)")
        #expect(text.contains("on the whole invoice: −7,50 (5 %) Treuerabatt (19 %)"), "\(text)")
        #expect(try h.invoice(data.draft.id).grossCents == 16_958)

        text = h.press(.char("%"))
        #expect(text.contains("remove −7,50 (5 %) Treuerabatt"), "\(text)")
        text = h.press(.char("1"))
        #expect(text.contains("Removed the discount Treuerabatt"), "\(text)")
        #expect(try h.invoice(data.draft.id).grossCents == 17_850)
    }

    @Test func theLineFormsTotalsCountTheDiscountOnTheWholeInvoice() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        var draft = try h.invoice(data.draft.id)  // one line of 150,00 at 19 %
        draft = try h.database.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: false, percentBP: 500, reason: "Treuerabatt"),
                                                     expectedVersion: draft.version, by: h.session)
        h.openInvoice("Schäfer")
        var text = h.press(.char("e"))
        // 150,00 less 5 % = 142,50, VAT 27,08.
        #expect(text.contains("Invoice with this line: net 142,50 · VAT 27,08 · gross 169,58 EUR"), "\(text)")
        // The price doubled: the 5 % is taken of the new amount.
        h.press(.tab, .tab, .tab, .ctrl("u"))
        text = h.type("300")
        #expect(text.contains("Invoice with this line: net 285,00 · VAT 54,15 · gross 339,15 EUR"), "\(text)")
    }

    @Test func aDraftSaysWhenADiscountsLinesWent() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        var draft = try h.invoice(data.draft.id)
        draft = try h.database.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: false, amountCents: 1_000, reason: "Treuerabatt"),
                                                     expectedVersion: draft.version, by: h.session)
        draft = try h.database.invoices.addLine(to: draft.id, InvoiceLineInput(description: "Milch", quantity: 1, unit: "Stk", unitPriceCents: 500,
                                                                               vatRate: .reduced), expectedVersion: draft.version, by: h.session)
        let only = try #require(try h.database.invoices.lines(of: draft.id).first { $0.vatRate == .standard })
        _ = try h.database.invoices.removeLine(only.id, expectedVersion: draft.version, by: h.session)
        let text = h.openInvoice("Schäfer")
        #expect(text.contains("! discount \"Treuerabatt\": is at 19 %, where no line is left; remove it or add it again"), "\(text)")
        // Issuing is refused at the key, with the reason, before any question.
        let refused = h.press(.char("i"))
        #expect(!refused.contains("Issue invoice") && refused.contains("discount \"Treuerabatt\": is at 19 %"), "\(refused)")
    }

    @Test func aCreditNoteShowsItsDiscountGivingBack() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        var draft = try h.invoice(data.draft.id)
        draft = try h.database.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: false, percentBP: 500, reason: "Treuerabatt",
                                                                                          vatRate: .standard),
                                                     expectedVersion: draft.version, by: h.session)
        let issued = try h.database.invoices.issue(draft.id, expectedVersion: draft.version, by: h.session)
        _ = try h.database.invoices.cancel(issued.id, reason: "doppelt", on: CalendarDate.today(), expectedVersion: issued.version, by: h.session)
        let note = try #require(try h.database.invoices.creditNotes(for: issued.id).first)
        let text = h.openInvoice(try #require(note.number))
        // Lines −150,00 and the discount given back: −142,50 net.
        #expect(text.contains("on the whole invoice: +7,50 (5 %) Treuerabatt (19 %)"), "\(text)")
        #expect(note.netCents == -14_250)
    }

    @Test func aLineTakesItsOwnServicePeriod() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        h.openInvoice("Schäfer")
        h.press(.char("t"))
        h.type("Wartung Q3")
        for _ in 0..<3 { h.press(.tab) }
        h.type("45,00")
        for _ in 0..<7 { h.press(.tab) }
        var text = h.type("1.8.2026 bis 30.7.2026")
        #expect(text.contains("Service period"), "\(text)")
        text = h.press(.ctrl("s"))
        #expect(text.contains("ends before it starts"), "\(text)")
        h.press(.ctrl("u"))
        h.type("01.07.2026–30.09.2026")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Wartung Q3 [01.07.2026–30.09.2026]"), "\(text)")
        let line = try #require(try h.database.invoices.lines(of: data.draft.id).last)
        #expect(line.periodStart == "2026-07-01" && line.periodEnd == "2026-09-30")
    }

    /// A customer who pays at once is offered no Skonto, and the question
    /// says "at once" rather than "within 0 days".
    @Test func aCustomerWhoPaysAtOnceIsSaidToPayAtOnce() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        try h.session.updateSettings { $0.skonto = SkontoTerms(percentBP: 200, days: 10) }
        let customer = try #require(try h.database.customers.find(id: try h.invoice(data.draft.id).customerID))
        var fields = customer.fields
        fields.paymentTerms = "0"
        _ = try h.database.customers.update(id: customer.id, fields, expectedVersion: customer.version, by: h.session)
        h.openInvoice("Schäfer")
        let question = h.press(.char("i"))
        #expect(question.contains("is left out: the customer pays at once") && !question.contains("within 0 days"), "\(question)")
    }

    @Test func theIssueFormOffersTheUsualSkontoAndTheInvoiceShowsIt() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        try h.session.updateSettings { $0.skonto = SkontoTerms(percentBP: 200, days: 10) }
        h.openInvoice("Schäfer")
        h.press(.char("i"))
        var text = h.press(.char("d"))
        #expect(text.contains("Skonto") && text.contains("2 % 10"), "\(text)")
        // Ctrl-S issues for good: the footer says so, not "save".
        #expect(text.contains("Ctrl-S issue") && !text.contains("Ctrl-S save"), "\(text)")
        for _ in 0..<5 { h.press(.tab) }
        h.press(.ctrl("u"))
        h.type("3 % sieben")
        text = h.press(.ctrl("s"))
        #expect(text.contains("must be a percentage and days"), "\(text)")
        h.press(.ctrl("u"))
        h.type("3 % 7")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Issued invoice"), "\(text)")
        let issued = try h.invoice(data.draft.id)
        #expect(issued.skonto == SkontoTerms(percentBP: 300, days: 7))
        #expect(text.contains("Skonto 3 % (5,36) if paid by \(CalendarDate.german(issued.skontoDeadline!))"), "\(text)")
    }

    @Test func aPaymentInTimeLessTheSkontoIsOfferedAsPaidInFull() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        let issued = try h.issueWithSkonto(data)
        h.openInvoice(issued.number!)
        var text = h.press(.char("r"))
        #expect(text.contains("3 % Skonto 35,70 until \(CalendarDate.german(issued.skontoDeadline!))"), "\(text)")
        h.press(.ctrl("u"))
        h.type("1154,30")
        text = h.press(.ctrl("s"))
        #expect(text.contains("The 35,70 EUR left open is Skonto the invoice offers (3 %)"), "\(text)")
        // Esc cancels: nothing is booked, the form stays as typed.
        text = h.press(.escape)
        #expect(try h.database.invoices.payments(of: issued.id).isEmpty, "\(text)")
        #expect(text.contains("1154,30") && !text.contains("left open is Skonto"), "\(text)")
        text = h.press(.ctrl("s"))
        #expect(text.contains("The 35,70 EUR left open is Skonto the invoice offers (3 %)"), "\(text)")
        text = h.press(.char("y"))
        #expect(text.contains("Payment of 1.154,30 and Skonto recorded: \(issued.number!) is paid in full"), "\(text)")
        #expect(try h.invoice(issued.id).status == .paid)
        // Paid, it offers Skonto no more.
        #expect(!text.contains("if paid by"), "\(text)")
    }

    /// Paid less the Skonto four days after its period: asked all the
    /// same, saying how late; y grants it, and the invoice is paid.
    @Test func aPaymentLessTheSkontoAfterItsPeriodMayBeGrantedIt() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        // Issued two weeks ago, before any other (numbers follow the dates).
        try h.companyReadyToInvoice()
        let customer = try #require(try h.customer(named: "Müller GmbH"))
        let draft = try h.database.invoices.createDraft(customerID: customer.id, lines: [
            InvoiceLineInput(description: "Beratung", quantity: 10, unit: "h", unitPriceCents: 10_000),
        ], by: h.session)
        let issued = try h.database.invoices.issue(draft.id, issueDate: CalendarDate.adding(days: -14, to: CalendarDate.today())!,
                                                   skonto: .terms(SkontoTerms(percentBP: 300, days: 10)), expectedVersion: draft.version, by: h.session)
        h.openInvoice(issued.number!)
        h.press(.char("r"))
        h.press(.ctrl("u"))
        h.type("1154,30")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("1154,30 EUR paid on \(CalendarDate.german(CalendarDate.today())), 4 days after the Skonto period")
                || text.contains("1.154,30 EUR paid on \(CalendarDate.german(CalendarDate.today())), 4 days after the Skonto period"), "\(text)")
        #expect(text.contains("grant 35,70 EUR as Skonto all the same: paid in full"), "\(text)")
        text = h.press(.char("y"))
        #expect(text.contains("Payment of 1.154,30 and Skonto recorded: \(issued.number!) is paid in full"), "\(text)")
        #expect(try h.invoice(issued.id).status == .paid)
        #expect(try h.database.invoices.payments(of: issued.id).map(\.kind) == [.payment, .skonto])
    }
}

@MainActor
extension ScreenHarness {
    /// 10 h at 100,00 (1.190,00 gross), 3 % Skonto within 10 days, issued today.
    func issueWithSkonto(_ data: InvoiceScreenData) throws -> Invoice {
        let draft = try database.invoices.createDraft(customerID: data.open.customerID, lines: [
            InvoiceLineInput(description: "Beratung", quantity: 10, unit: "h", unitPriceCents: 10_000),
        ], by: data.carol)
        return try database.invoices.issue(draft.id, skonto: .terms(SkontoTerms(percentBP: 300, days: 10)),
                                           expectedVersion: draft.version, by: data.carol)
    }
}

/// What stands under an invoice's lines in a short window: wrapped where
/// there is room, cut to a row each where not, and never dropped without
/// a word.
@Suite("An invoice's blocks in a short window")
@MainActor
struct InvoiceBlocksFittingTests {
    let blocks: [(String, Theme.Role)] = [
        ("Net 468,00 · VAT 88,92 · Gross 556,92 EUR · Paid 65,00 · Balance 491,92", .title),
        ("Payments: 07.12.2026 10,00 transfer; 07.12.2026 20,00 transfer; 07.12.2026 30,00 transfer; 01.01.2020 5,00 transfer", .normal),
        ("Dunning: 1st reminder of 01.12.2026", .warning),
        ("Changed 07.12.2026 19:17 by root · created 07.12.2026 19:17 · #148", .dim),
    ]

    @Test func roomEnoughWrapsEachBlock() {
        let rows = InvoiceDetail.fitted(blocks, width: 60, rows: 20, compact: false)
        #expect(rows.count == 7 && rows[2].0.hasPrefix("Payments:") && rows[3].0.contains("transfer"), "\(rows)")
    }

    @Test func shortOfRoomEachBlockGetsARowAndTheChangedLineGoesFirst() {
        let single = InvoiceDetail.fitted(blocks, width: 60, rows: 4, compact: false)
        #expect(single.count == 4 && single[1].0.hasPrefix("Payments:") && single[1].0.hasSuffix("…"), "\(single)")
        // One row to spare: the totals get their second row first, so the balance is read whole.
        let five = InvoiceDetail.fitted(blocks, width: 60, rows: 5, compact: false)
        #expect(five.count == 5 && five[1].0.contains("Balance 491,92") && five[2].0.hasSuffix("…"), "\(five)")
        let three = InvoiceDetail.fitted(blocks, width: 60, rows: 3, compact: false)
        #expect(three.map(\.0.first) == ["N", "P", "D"], "\(three)")
        let two = InvoiceDetail.fitted(blocks, width: 60, rows: 2, compact: false)
        #expect(two.count == 2 && two[1].0 == "… 2 more lines below: a taller window shows them", "\(two)")
    }
}
