import Foundation
@testable import KontorApp
@testable import KontorModel
import KontorUI
import Testing

/// The dunning run from the Invoices screen (`M`): reviewed, partly
/// excluded, sent; and what was sent seen on the invoice, the ticket and
/// the customer. A dispute set from the ticket and a payment plan from the
/// customer hold dunning back.
@MainActor
@Suite("Dunning on the screen")
struct DunningScreenTests {
    @Test func aRunIsReviewedSentAndSeenOnTheInvoiceTheTicketAndTheCustomer() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 45))
        let business = try h.seedMuellerBusiness()
        let number = try #require(business.invoice.number)
        let today = CalendarDate.german(CalendarDate.today())
        // Even the reminder costs a fee here.
        try h.session.updateSettings { $0.dunning.feesCents = [250, 500, 500, 1000] }

        h.press(.char("4"))
        var text = h.press(.char("M"))
        #expect(text.contains("Dunning run of \(today): 1 of 1 letter(s), 1 invoice(s)"), "\(text)")
        #expect(text.contains("Müller GmbH") && text.contains(number), "\(text)")
        // However old, the first letter is the reminder.
        #expect(text.contains("payment reminder"), "\(text)")

        // Space on the letter excludes it whole; nothing left to send.
        text = h.press(.space)
        #expect(text.contains("0 of 1 letter(s)") && text.contains("(excluded)"), "\(text)")
        // An invoice opened from the review comes back to it, the exclusion kept.
        h.press(.char("j"))
        text = h.press(.enter)
        #expect(!text.contains("Dunning run of") && text.contains(number), "\(text)")
        text = h.press(.escape)
        #expect(text.contains("0 of 1 letter(s)") && text.contains("(excluded)"), "\(text)")
        h.press(.char("k"))
        text = h.press(.char("y"))
        #expect(text.contains("every letter is excluded"), "\(text)")
        #expect(try h.database.dunning.letters(ofCustomer: business.customer.id).isEmpty)
        h.press(.space)
        // Asked once more: what is recorded for good.
        text = h.press(.char("y"))
        #expect(text.contains("Send the dunning run?") && text.contains("1 letter(s) over 1 invoice(s)") && text.contains("None is mailed"), "\(text)")
        #expect(try h.database.dunning.letters(ofCustomer: business.customer.id).isEmpty)
        text = h.press(.char("y"))
        #expect(text.contains("Sent 1 letter(s) over 1 invoice(s)"), "\(text)")
        let folder = h.folder.appendingPathComponent("dunning")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("Mahnung-00001.pdf").path))
        let letter = try String(contentsOf: folder.appendingPathComponent("Mahnung-00001.txt"), encoding: .utf8)
        #expect(letter.contains("ZAHLUNGSERINNERUNG") && letter.contains("Rechnung \(number)"), "\(letter)")

        // On the invoice.
        text = h.openInvoice(number)
        #expect(text.contains("Dunning: payment reminder \(today) (open 1.028,00, interest"), "\(text)")

        // On the ticket: its dunning line; and the customer disputes the invoice there.
        h.press(.char("2"))
        text = h.press(.enter)
        #expect(text.contains("sent payment reminder \(today)"), "\(text)")
        text = h.press(.char("D"))
        #expect(text.contains("Which invoice does the customer dispute?") && text.contains(number), "\(text)")
        text = h.press(.enter)
        #expect(text.contains("Invoice \(number) marked disputed from #\(business.ticket.id)"), "\(text)")
        #expect(text.contains("1 disputed"), "\(text)")
        #expect(try h.database.dunning.dispute(ofInvoice: business.invoice.id)?.ticketID == business.ticket.id)

        // The next run leaves it out, and says why.
        h.press(.escape, .char("4"), .escape)
        text = h.press(.char("M"))
        #expect(text.contains("0 of 0 letter(s)") && text.contains("disputed (ticket #\(business.ticket.id))"), "\(text)")
        h.press(.escape)

        // The customer's 360° view lists the letter; P agrees a payment plan.
        h.press(.char("1"), .char("/"))
        h.type("müller gmbh")
        text = h.press(.enter, .enter)
        #expect(text.contains("Dunning (1 letter, fees open 2,50 €)") && text.contains("Mahnung-00001"), "\(text)")
        #expect(text.contains("Fee of Mahnung-00001: 2,50 € open"), "\(text)")
        #expect(text.contains("Dunning letter sent: Mahnung-00001 reminder"), "\(text)")
        // The fee is paid as a receivable of its own.
        text = h.press(.char("F"))
        #expect(text.contains("The fee of Mahnung-00001: 2,50 open"), "\(text)")
        text = h.press(.char("y"))
        #expect(text.contains("Fee of Mahnung-00001: 2,50 paid") && text.contains("Dunning (1 letter)"), "\(text)")
        #expect(try h.database.dunning.openFees(ofCustomer: business.customer.id).isEmpty)
        #expect(try h.database.invoices.find(id: business.invoice.id)?.paidCents == 40_000, "the invoice is untouched")
        h.press(.char("P"))
        // A day gone by is no plan: said beside the field, nothing saved.
        h.type("gestern")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Until is past"), "\(text)")
        #expect(try h.database.dunning.paymentPlan(ofCustomer: business.customer.id) == nil)
        h.press(.ctrl("u"))
        h.type("31.12.2099")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Müller GmbH pays by plan until 31.12.2099"), "\(text)")
        #expect(text.contains("Payment plan until 31.12.2099"), "\(text)")
        #expect(try h.database.dunning.paymentPlan(ofCustomer: business.customer.id)?.until == "2099-12-31")
    }

    /// The plan's form reads its hints whole, in German at 80 columns too.
    @Test func thePlansHintsReadWholeInGerman() throws {
        let h = try ScreenHarness(language: .german)
        let customer = try #require(try h.customer(named: "Müller GmbH"))
        h.app.open(.customer(customer.id))
        let text = h.press(.char("P"))
        #expect(text.contains("letzter Tag, z. B. 31.03.2027; leer beendet den Plan"), "\(text)")
        h.press(.tab)
        #expect(h.screen.contains("z. B. 3 Raten à 400 €"), "\(h.screen)")
    }

    @Test func eSendsTheRunAndMailsEachLetterWithItsPDF() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 45))
        let business = try h.seedMuellerBusiness()
        try h.session.updateMailSettings { $0.queueAddresses = ["billing": "rechnung@firma.example"] }
        let customer = try #require(try h.database.customers.find(id: business.customer.id))
        h.press(.char("4"), .char("M"), .char("e"))
        let text = h.press(.char("y"))
        let mailed = customer.fields.email.isEmpty ? 0 : 1
        #expect(text.contains("Sent 1 letter(s) over 1 invoice(s)") && text.contains("\(mailed) mailed, \(1 - mailed) by post only"), "\(text)")
        #expect(try h.database.mail.entries(ofInvoice: business.invoice.id).map(\.kind) == (mailed == 1 ? [.dunning] : []))
    }

    /// While a run is being sent (here: this session's own, in the
    /// background), `M` says so at the bottom, and `y` refuses to start a
    /// second one until it is done, then sends.
    @Test func aRunUnderWayIsNamedAndYWaitsForIt() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 45))
        let business = try h.seedMuellerBusiness()
        let sending = try WorkLock.take(.dunningRun, beside: h.database.path, username: "alice", fullName: "Alice Admin")
        h.press(.char("4"))
        var text = h.press(.char("M"))
        #expect(text.contains("This session is sending a run; y only after it"), "\(text)")
        text = h.press(.char("y"))
        #expect(!text.contains("Send the dunning run?") && text.contains("This session is sending a dunning run already"), "\(text)")
        #expect(try h.database.dunning.letters(ofCustomer: business.customer.id).isEmpty)

        sending.release()
        text = h.press(.char("y"))
        #expect(text.contains("Send the dunning run?"), "\(text)")
        text = h.press(.char("y"))
        #expect(text.contains("Sent 1 letter(s) over 1 invoice(s)"), "\(text)")
        #expect(try h.database.dunning.letters(ofCustomer: business.customer.id).count == 1)
    }

    /// Paid in another session after the review was read: `y` reads the
    /// run again before it asks, and promises only what would go out.
    @Test func aRunChangedSinceItWasReadIsReadAgainBeforeItIsSent() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 45))
        let business = try h.seedMuellerBusiness()
        h.press(.char("4"))
        var text = h.press(.char("M"))
        #expect(text.contains("1 of 1 letter(s)"), "\(text)")
        let other = try KontorDatabase(path: h.database.path)
        let colleague = try other.session(for: Actor(username: h.session.username))
        try other.invoices.recordPayment(to: business.invoice.id, amountCents: business.invoice.grossCents - business.invoice.paidCents, by: colleague)
        h.app.tick()
        text = h.press(.char("y"))
        #expect(!text.contains("Send the dunning run?") && text.contains("No invoice is overdue"), "\(text)")
        #expect(try h.database.dunning.letters(ofCustomer: business.customer.id).isEmpty)
    }

    /// The mail of a run just sent reports beside the run's result, not over it.
    @Test func aMailReportSoonAfterARunsResultStandsBesideIt() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 45))
        h.app.show("Sent 3 letter(s) over 3 invoice(s)", isError: false)
        h.app.showBeside("Mail: not sent yet", isError: true)
        #expect(h.app.frame(size: h.size).0.text.contains("Sent 3 letter(s) over 3 invoice(s) · Mail: not sent yet"))
        // An error is not added to: what follows it stands alone.
        h.app.showBeside("Mail: 3 sent", isError: false)
        #expect(h.app.frame(size: h.size).0.text.contains("Mail: 3 sent") && !h.app.frame(size: h.size).0.text.contains("not sent yet · "))
    }

    @Test func theFrontOfficeCannotRunDunning() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 45))
        try h.seedMuellerBusiness()
        let app = App(session: h.bob, theme: .fallback)
        let size = Size(width: 160, height: 45)
        for key in [Key.char("4"), .char("M")] {
            _ = app.frame(size: size)
            app.handle(key)
        }
        let text = app.frame(size: size).0.text
        #expect(!text.contains("Dunning run of"), "\(text)")
        #expect(text.contains("dunning run"), "the refusal names the key: \(text)")
    }
}
