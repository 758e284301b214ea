import Foundation
import GRDB
@testable import KontorModel
import Testing

/// Dunning runs: what is proposed when, what a letter claims, what is
/// recorded, and what holds dunning back.
@Suite("Dunning")
struct DunningTests {
    /// An invoice issued on `date` (10 coffee, 2 grinders: 347,71 gross),
    /// due 30 days later under the customer's terms.
    static func issued(_ f: InvoiceFixture, on date: String) throws -> Invoice {
        let draft = try f.draft()
        return try f.invoices.issue(draft.id, issueDate: date, expectedVersion: draft.version, by: f.db.carol)
    }

    @Test func interestIsPerDayOnActualOver365RoundedHalfAwayFromZero() {
        #expect(DefaultInterest.cents(on: 100_000, rateBP: 1027, days: 365) == 10_270)
        #expect(DefaultInterest.cents(on: 1825, rateBP: 1000, days: 1) == 1, "exactly half a cent rounds up")
        #expect(DefaultInterest.cents(on: 1824, rateBP: 1000, days: 1) == 0)
        #expect(DefaultInterest.cents(on: 34_771, rateBP: 1027, days: 4) == 39) // 39,13
        #expect(DefaultInterest.cents(on: 100_000, rateBP: 0, days: 30) == 0)
        #expect(DefaultInterest.cents(on: 100_000, rateBP: 900, days: 0) == 0)
        // A very large amount does not overflow.
        #expect(DefaultInterest.cents(on: 900_000_000_000_000, rateBP: 1000, days: 365) == 90_000_000_000_000)
    }

    /// A part payment lowers the interest from the day it came; the days
    /// before it keep the interest on the whole.
    @Test func interestRunsOnWhatWasOpenEachDay() throws {
        // 747,00 due 25.06.2026; 700,00 paid 07.12.2026; a letter on 05.01.2027 at 10,27 %:
        // 747,00 for 165 days (34,68) and 47,00 for 29 days (0,38), rounded once: 35,06.
        let payments = [(day: "2026-12-07", cents: 70_000)]
        #expect(DefaultInterest.cents(grossCents: 74_700, dueDate: "2026-06-25", to: "2027-01-05", payments: payments, rateBP: 1027) == 3_506)
        // Money in by the due date was never late.
        #expect(DefaultInterest.cents(grossCents: 74_700, dueDate: "2026-06-25", to: "2027-01-05",
                                      payments: [(day: "2026-06-25", cents: 70_000)], rateBP: 1027)
                == DefaultInterest.cents(on: 4_700, rateBP: 1027, days: 194))

        let f = try InvoiceFixture()
        let invoice = try Self.issued(f, on: "2026-09-01") // 347,71, due 2026-10-01
        try f.invoices.recordPayment(to: invoice.id, amountCents: 30_000, paidOn: "2026-11-01", by: f.db.carol)
        let notice = try #require(try f.db.database.dunningRun(on: "2026-12-01").letters.first?.notices.first)
        // 347,71 for 31 days and 47,71 for 30 days.
        #expect(notice.openCents == 4_771)
        #expect(notice.interestCents == DefaultInterest.cents(grossCents: 34_771, dueDate: "2026-10-01", to: "2026-12-01",
                                                              payments: [(day: "2026-11-01", cents: 30_000)], rateBP: 1027))
        #expect(notice.interestCents == 344, "\(notice.interestCents)")
    }

    /// A customer the company owes money back is not dunned: the credit
    /// is set off or refunded first.
    @Test func aCustomerOwedMoneyBackIsNotDunned() throws {
        let f = try InvoiceFixture()
        let late = try Self.issued(f, on: "2026-09-01")     // 347,71, due 2026-10-01
        let overpaid = try Self.issued(f, on: "2026-09-02")
        try f.invoices.recordPayment(to: overpaid.id, amountCents: overpaid.grossCents + 5_000, acceptingOverpayment: true, by: f.db.carol)
        let run = try f.db.database.dunningRun(on: "2026-11-15")
        #expect(run.letters.isEmpty)
        let skipped = try #require(run.skipped.first { $0.invoiceID == late.id })
        #expect(skipped.reason.contains("the customer is owed 50,00 back"), "\(skipped.reason)")
        try f.invoices.recordRefund(from: overpaid.id, amountCents: 5_000, by: f.db.carol)
        #expect(try f.db.database.dunningRun(on: "2026-11-15").letters.count == 1)
    }

    @Test func termsGiveTheLevelsRatesAndFees() {
        let terms = DunningTerms.standard
        #expect([0, 1, 14, 15, 30, 31, 60, 61, 400].map { terms.level(daysOverdue: $0) }
                == [.none, .reminder, .reminder, .first, .first, .second, .second, .final, .final])
        // The level Kontor always showed is the same reading.
        #expect((0...100).allSatisfy { DunningLevel.forDaysOverdue($0) == terms.level(daysOverdue: $0) })
        #expect(terms.interestRateBP(consumer: false) == 1027 && terms.interestRateBP(consumer: true) == 627)
        var negative = terms
        negative.baseRateBP = -88
        #expect(negative.interestRateBP(consumer: true) == 412)
        #expect(terms.fee(.none) == 0 && terms.fee(.reminder) == 0 && terms.fee(.first) == 500 && terms.fee(.final) == 1000)
        #expect(!terms.baseRateMayBeStale(on: "2025-12-31") && terms.baseRateMayBeStale(on: "2026-01-01"))
        var bad = terms
        bad.levelDays = [1, 15, 15, 61]
        #expect(bad.problem?.message == "must rise from level to level")
    }

    @Test func settingsKeepTheTermsAndRefuseBadOnes() throws {
        let f = try InvoiceFixture()
        try f.db.alice.updateSettings { $0.dunning.levelDays = [7, 21, 35, 49]; $0.dunning.feesCents = [0, 250, 500, 750] }
        let read = try f.db.alice.settings().dunning
        #expect(read.levelDays == [7, 21, 35, 49] && read.feesCents == [0, 250, 500, 750] && read.baseRateBP == 127)
        #expect(throws: KontorError.self) { try f.db.alice.updateSettings { $0.dunning.feesCents = [0, 5] } }
        #expect(throws: KontorError.self) { try f.db.carol.updateSettings { $0.dunning.waitDays = 3 } }
        #expect(try f.db.alice.settings().dunning.waitDays == 10)
    }

    @Test func aRunProposesTheNextLevelGroupsPerCustomerAndRecordsWhatItSends() throws {
        let f = try InvoiceFixture()
        let a = try Self.issued(f, on: "2026-09-01") // due 2026-10-01
        let b = try Self.issued(f, on: "2026-10-20") // due 2026-11-19
        #expect(a.dueDate == "2026-10-01" && a.grossCents == 34_771)

        // Not yet overdue: nothing at all.
        #expect(try f.db.database.dunningRun(on: "2026-10-01").letters.isEmpty)

        // Four days late: a reminder, interest 4 days at 10,27 %.
        let first = try f.db.database.dunningRun(on: "2026-10-05")
        let letter = try #require(first.letters.first)
        #expect(first.letters.count == 1 && letter.customerID == f.customer.id && !letter.consumer)
        #expect(letter.notices.map(\.invoiceID) == [a.id] && letter.level == .reminder)
        #expect(letter.notices[0].daysOverdue == 4 && letter.notices[0].interestCents == 39)
        #expect(letter.feeCents == 0 && letter.totalCents == 34_771 + 39 && letter.payBy == "2026-10-15")

        var delivered: [DunningLetter] = []
        let sent = try f.db.carol.sendDunning(first) { delivered.append($0) }
        #expect(sent == delivered && sent.count == 1)
        #expect(sent[0].fileName == "Mahnung-00001" && sent[0].notices[0].level == .reminder && sent[0].recipient.first == "Müller GmbH")
        #expect(try f.db.database.dunning.notices(ofInvoice: a.id).map(\.level) == [.reminder])
        #expect(try f.db.database.dunning.openFees(ofCustomer: f.customer.id).isEmpty, "a reminder costs nothing")

        // The same day again: already reminded, the 1st notice not yet due.
        let again = try f.db.database.dunningRun(on: "2026-10-05")
        #expect(again.letters.isEmpty)
        #expect(again.skipped.map(\.reason) == ["1st dunning notice due from 15 days overdue (now 4)"])

        // 19 days late: the 1st notice, with its fee as a receivable of its own.
        let second = try f.db.database.dunningRun(on: "2026-10-20")
        #expect(second.letters.map(\.level) == [.first] && second.letters[0].notices.map(\.invoiceID) == [a.id])
        #expect(second.letters[0].notices[0].previous == CustomerDunning.SentLetter(level: .reminder, date: "2026-10-05"))
        #expect(second.letters[0].notices[0].interestCents == 186) // 185,89
        try f.db.carol.sendDunning(second) { _ in }
        let fees = try f.db.database.dunning.openFees(ofCustomer: f.customer.id)
        #expect(fees.map(\.amountCents) == [500] && fees[0].dueDate == "2026-10-30" && fees[0].reference == "Mahnung-00002")
        let balance = try f.invoices.balance(of: f.customer.id, today: "2026-10-21")
        #expect(balance.openFeesCents == 500 && balance.openCents == a.grossCents + b.grossCents + 500)
        #expect(try f.invoices.balances(ofCustomers: [f.customer.id], today: "2026-10-21")[f.customer.id] == balance)
        #expect(try f.invoices.find(id: a.id)?.grossCents == 34_771, "the invoice itself never changes")

        // Both late on 15 December: one letter, the 2nd notice for A (never
        // a level skipped), the reminder for B, the earlier fee still open.
        let third = try f.db.database.dunningRun(on: "2026-12-15")
        let both = try #require(third.letters.first)
        #expect(third.letters.count == 1 && both.notices.map(\.invoiceID) == [a.id, b.id])
        #expect(both.notices.map(\.level) == [.second, .reminder] && both.level == .second)
        #expect(both.feeCents == 500 && both.earlierFeesCents == 500)
        #expect(both.totalCents == both.openCents + both.interestCents + 1000)

        // Excluding B in the review sends A alone.
        let sentThird = try f.db.carol.sendDunning(third, excluding: [b.id]) { _ in }
        #expect(sentThird.map { $0.notices.map(\.invoiceID) } == [[a.id]])
        #expect(try f.db.database.dunning.notices(ofInvoice: b.id).isEmpty)
        #expect(try f.db.database.dunning.letters(ofCustomer: f.customer.id).map(\.level) == [.second, .first, .reminder])
        let state = try f.invoices.dunning(of: f.customer.id, today: "2026-12-15")
        #expect(state.lastLetter == CustomerDunning.SentLetter(level: .second, date: "2026-12-15") && state.level == .final)

        // Audited per invoice and per customer.
        #expect(try f.db.database.history(of: "invoice", id: a.id).filter { $0.action == "dunning" }.map(\.newValue) == ["reminder", "first", "second"])
        #expect(try f.db.database.checkInvariants().allSatisfy(\.holds))
    }

    @Test func aPaidInvoiceIsNotSentEvenIfTheReviewProposedIt() throws {
        let f = try InvoiceFixture()
        let a = try Self.issued(f, on: "2026-09-01")
        let run = try f.db.database.dunningRun(on: "2026-10-20")
        #expect(run.noticeCount == 1)
        try f.invoices.recordPayment(to: a.id, amountCents: a.grossCents, paidOn: "2026-10-19", by: f.db.carol)
        #expect(try f.db.carol.sendDunning(run) { _ in }.isEmpty)
    }

    @Test func aLetterThatCannotBeDeliveredLeavesNothingRecorded() throws {
        let f = try InvoiceFixture()
        _ = try Self.issued(f, on: "2026-09-01")
        let run = try f.db.database.dunningRun(on: "2026-10-20")
        struct Broken: Error {}
        #expect(throws: Broken.self) { try f.db.carol.sendDunning(run) { _ in throw Broken() } }
        #expect(try f.db.database.dunning.letters(ofCustomer: f.customer.id).isEmpty)
        #expect(try f.db.database.dunningRun(on: "2026-10-20").noticeCount == 1)
    }

    /// Batches end when their time is up (one letter at least), and a run
    /// told to stop keeps what went out before and records nothing of the
    /// batch under way.
    @Test func aRunGoesOutInBatchesOfItsTimeAndStopsBetweenLetters() throws {
        let f = try InvoiceFixture()
        _ = try Self.issued(f, on: "2026-09-01")
        let (person, _) = try Self.personsInvoice(f)
        let run = try f.db.database.dunningRun(on: "2026-10-20")
        #expect(run.letters.count == 2)
        var told: [Int] = []
        var delivered = 0
        #expect { try f.db.carol.sendDunning(run, progress: { told.append($0) }, stop: { delivered == 1 }, lockSeconds: 0, pauseSeconds: 0,
                                             deliver: { _ in delivered += 1 }, alsoInTransaction: { _, _ in }) } throws: { error in
            guard let stopped = error as? DunningRunStopped else { return false }
            return stopped.sent.count == 1 && stopped.reason is DunningSendStopped
        }
        #expect(told == [1], "the first batch, out of time after one letter, was sent alone; then the run stopped")
        let left = try f.db.database.dunningRun(on: "2026-10-20")
        #expect(left.letters.count == 1, "a run again proposes the one not sent")
        #expect(ErrorText.describe(DunningRunStopped(sent: [], reason: DunningSendStopped())).contains("the run stopped: it was told to stop (Ctrl-C, or Kontor quit)"))
        told = []
        let rest = try f.db.carol.sendDunning(left, progress: { told.append($0) }, lockSeconds: 0, pauseSeconds: 0,
                                              deliver: { _ in }, alsoInTransaction: { _, _ in })
        #expect(rest.count == 1 && told == [1])
        _ = person
    }

    /// Told to stop in the middle of a batch, the run commits the letters
    /// of the batch already written, and stops there.
    @Test func aRunStoppedInsideABatchKeepsItsLettersSoFar() throws {
        let f = try InvoiceFixture()
        _ = try Self.issued(f, on: "2026-09-01")
        _ = try Self.personsInvoice(f)
        let run = try f.db.database.dunningRun(on: "2026-10-20")
        var delivered = 0
        #expect { try f.db.carol.sendDunning(run, stop: { delivered == 1 }, lockSeconds: 60, pauseSeconds: 0,
                                             deliver: { _ in delivered += 1 }, alsoInTransaction: { _, _ in }) } throws: { error in
            (error as? DunningRunStopped)?.sent.count == 1
        }
        #expect(try f.db.database.dunningRun(on: "2026-10-20").letters.count == 1)
    }

    @Test func onlyTheBackOfficeSendsLetters() throws {
        let f = try InvoiceFixture()
        _ = try Self.issued(f, on: "2026-09-01")
        let run = try f.db.database.dunningRun(on: "2026-10-20")
        #expect { try f.db.bob.sendDunning(run) { _ in } } throws: { error in
            if case KontorError.denied = error { return true } else { return false }
        }
        #expect(try f.db.carol.sendDunning(run) { _ in }.count == 1)
    }

    /// Erika Mustermann, a private person, and an invoice to her of 1 September.
    static func personsInvoice(_ f: InvoiceFixture) throws -> (Customer, Invoice) {
        let person = try f.db.database.customers.create(CustomerFields(kind: .person, name: "Erika Mustermann", street: "Weg 1",
                                                                       postalCode: "10115", city: "Berlin", country: "DE"), by: f.db.bob)
        let draft = try f.invoices.createDraft(customerID: person.id, lines: [
            InvoiceLineInput(productID: f.coffee.id, description: "Kaffee", quantity: 8, unit: "Pck", unitPriceCents: 1250, vatRate: .reduced),
        ], by: f.db.carol)
        return (person, try f.invoices.issue(draft.id, issueDate: "2026-09-01", expectedVersion: draft.version, by: f.db.carol))
    }

    @Test func consumersPayFivePointsOverTheBaseRate() throws {
        let f = try InvoiceFixture()
        let (person, issued) = try Self.personsInvoice(f)
        let run = try f.db.database.dunningRun(on: CalendarDate.adding(days: 40, to: issued.dueDate!)!)
        let letter = try #require(run.letters.first { $0.customerID == person.id })
        #expect(letter.consumer && letter.interestRateBP == 627)
        #expect(letter.notices[0].interestCents == DefaultInterest.cents(on: issued.grossCents, rateBP: 627, days: 40))
        #expect(letter.level == .reminder, "the first letter is a reminder, however old the invoice")
    }

    @Test("a letter to a person greets them by name, speaks of one invoice as one, and shows what was paid on it")
    func aLetterFitsWhoAndWhatItIsAbout() throws {
        let f = try InvoiceFixture()
        let (person, issued) = try Self.personsInvoice(f)
        try f.invoices.recordPayment(to: issued.id, amountCents: 5_000, paidOn: "2026-10-01", by: f.db.carol)
        let sent = try f.db.carol.sendDunning(try f.db.database.dunningRun(on: "2026-10-20")) { _ in }
        let text = try #require(sent.first { $0.customerID == person.id }).text
        #expect(text.contains("Guten Tag Erika Mustermann,") && !text.contains("Damen und Herren"), "\(text)")
        #expect(text.contains("Die folgende Rechnung ist noch nicht vollständig beglichen."), "\(text)")
        #expect(text.contains("Rechnungsbetrag \(Money.format(cents: issued.grossCents)) €, bezahlt 50,00 €, offen \(Money.format(cents: issued.grossCents - 5_000)) €"), "\(text)")
        #expect(text.contains("unter Angabe der Rechnungsnummer und"), "\(text)")
        // A business still gets the usual greeting.
        _ = try Self.issued(f, on: "2026-09-01")
        let later = try f.db.carol.sendDunning(try f.db.database.dunningRun(on: "2026-10-21")) { _ in }
        let business = try #require(later.first { $0.customerID == f.customer.id }).text
        #expect(business.contains("Sehr geehrte Damen und Herren,"), "\(business)")
    }

    @Test func disputedInvoicesAndCustomersOnAPaymentPlanAreLeftOut() throws {
        let f = try InvoiceFixture()
        let a = try Self.issued(f, on: "2026-09-01")
        let b = try Self.issued(f, on: "2026-09-02")
        let ticket = try f.db.database.tickets.create(TicketFields(subject: "Rechnung falsch", customerID: f.customer.id, queue: "billing"), by: f.db.bob)
        try f.db.bob.setDisputed(invoiceID: b.id, ticketID: ticket.id, true)
        #expect(try f.db.database.dunning.dispute(ofInvoice: b.id)?.ticketID == ticket.id)
        #expect(throws: KontorError.rule("invoice \(b.number!) is already disputed (ticket #\(ticket.id))")) {
            try f.db.carol.setDisputed(invoiceID: b.id, ticketID: ticket.id, true)
        }
        var run = try f.db.database.dunningRun(on: "2026-10-20")
        #expect(run.letters.flatMap(\.notices).map(\.invoiceID) == [a.id])
        #expect(run.skipped.map(\.reason) == ["disputed (ticket #\(ticket.id))"])
        #expect(try f.invoices.dunning(of: f.customer.id, today: "2026-10-20").disputedCount == 1)

        // Another customer's ticket cannot dispute it.
        let other = try f.db.database.customers.create(CustomerFields(name: "Andere AG"), by: f.db.bob)
        let foreign = try f.db.database.tickets.create(TicketFields(subject: "?", customerID: other.id, queue: "billing"), by: f.db.bob)
        #expect(throws: KontorError.self) { try f.db.bob.setDisputed(invoiceID: a.id, ticketID: foreign.id, true) }

        // A payment plan holds everything back while it runs.
        #expect(throws: KontorError.self) { try f.db.bob.setPaymentPlan(customerID: f.customer.id, until: "2026-12-31") }
        // One that would have ended already is refused; an empty date ends it.
        #expect(throws: KontorError.self) { try f.db.carol.setPaymentPlan(customerID: f.customer.id, until: "2026-10-19", today: "2026-10-20") }
        try f.db.carol.setPaymentPlan(customerID: f.customer.id, until: "2026-12-31", note: "3 Raten", today: "2026-10-20")
        // Its note changes on the day it has passed; its day stays.
        try f.db.carol.setPaymentPlan(customerID: f.customer.id, until: "2026-12-31", note: "3 Raten, 2 bezahlt", today: "2027-01-05")
        #expect(try f.db.database.dunning.paymentPlan(ofCustomer: f.customer.id)?.note == "3 Raten, 2 bezahlt")
        run = try f.db.database.dunningRun(on: "2026-10-20")
        #expect(run.letters.isEmpty && run.skipped.map(\.reason) == ["payment plan until 31.12.2026", "disputed (ticket #\(ticket.id))"])
        #expect(try f.invoices.dunning(of: f.customer.id, today: "2026-10-20").paymentPlanUntil == "2026-12-31")
        // After its last day, dunning resumes; lifting the dispute brings B back.
        try f.db.bob.setDisputed(invoiceID: b.id, ticketID: ticket.id, false)
        run = try f.db.database.dunningRun(on: "2027-01-02")
        #expect(run.letters.flatMap(\.notices).map(\.invoiceID) == [a.id, b.id])
        #expect(try f.db.database.history(of: "invoice", id: b.id).map(\.action).filter { $0.contains("dispute") } == ["dispute", "undispute"])
    }

    @Test func feesArePaidOrWaivedNeverBeyondWhatIsOpen() throws {
        let f = try InvoiceFixture()
        _ = try Self.issued(f, on: "2026-09-01")
        try f.db.carol.sendDunning(try f.db.database.dunningRun(on: "2026-10-05")) { _ in }
        try f.db.carol.sendDunning(try f.db.database.dunningRun(on: "2026-10-20")) { _ in }
        let fee = try #require(try f.db.database.dunning.openFees(ofCustomer: f.customer.id).first)
        #expect(throws: KontorError.rule("only 5,00 is open on the fee of Mahnung-00002")) {
            try f.db.carol.settleDunningFee(fee.id, cents: 501)
        }
        #expect(throws: KontorError.self) { try f.db.bob.settleDunningFee(fee.id, cents: 100) }
        let part = try f.db.carol.settleDunningFee(fee.id, cents: 300, on: "2026-10-25")
        #expect(part.openCents == 200)
        try f.db.carol.settleDunningFee(fee.id, cents: 200, as: .waiver)
        #expect(try f.db.database.dunning.openFees(ofCustomer: f.customer.id).isEmpty)
        #expect(try f.invoices.balance(of: f.customer.id, today: "2026-10-26").openFeesCents == 0)
        #expect(try f.db.database.checkInvariants().allSatisfy(\.holds))
    }

    @Test func theDatabaseKeepsLettersNoticesAndFeesAsSentWhateverWritesIt() throws {
        let f = try InvoiceFixture()
        _ = try Self.issued(f, on: "2026-09-01")
        try f.db.carol.sendDunning(try f.db.database.dunningRun(on: "2026-10-05")) { _ in }
        try f.db.carol.sendDunning(try f.db.database.dunningRun(on: "2026-10-20")) { _ in }
        for sql in ["UPDATE dunning_notices SET open_cents = 1", "DELETE FROM dunning_notices",
                    "UPDATE dunning_letters SET fee_cents = 0", "DELETE FROM dunning_letters",
                    "UPDATE dunning_fees SET amount_cents = 1", "UPDATE dunning_fees SET paid_cents = 500", "DELETE FROM dunning_fees"] {
            #expect(throws: KontorError.self, "\(sql)") { try f.db.database.write { db in try db.execute(sql: sql) } }
        }
        let fee = try #require(try f.db.database.dunning.openFees(ofCustomer: f.customer.id).first)
        try f.db.carol.settleDunningFee(fee.id, cents: 500)
        for sql in ["UPDATE dunning_fee_payments SET amount_cents = 1", "DELETE FROM dunning_fee_payments"] {
            #expect(throws: KontorError.self, "\(sql)") { try f.db.database.write { db in try db.execute(sql: sql) } }
        }
        // A notice only for an issued invoice.
        let draft = try f.draft()
        #expect(throws: KontorError.self) {
            try f.db.database.write { db in
                try db.execute(sql: "INSERT INTO dunning_notices (letter_id, invoice_id, level, notice_date, days_overdue, open_cents, interest_cents) VALUES (1, ?, 'first', '2026-10-20', 5, 100, 0)",
                               arguments: [draft.id])
            }
        }
    }

    @Test func theLetterIsGermanAndSanitised() throws {
        let f = try InvoiceFixture()
        let a = try Self.issued(f, on: "2026-09-01")
        try f.db.database.write { db in
            try db.execute(sql: "UPDATE customers SET name = ? WHERE id = ?", arguments: ["Müller \u{1B}[31mGmbH", f.customer.id])
        }
        try f.db.carol.sendDunning(try f.db.database.dunningRun(on: "2026-10-05")) { _ in }
        let sent = try f.db.carol.sendDunning(try f.db.database.dunningRun(on: "2026-10-20")) { _ in }
        let letter = try #require(sent.first)
        let text = letter.text
        #expect(text.contains("1. MAHNUNG") && text.contains("Rechnung \(a.number!) vom 01.09.2026 (Zahlungserinnerung vom 05.10.2026)"))
        #expect(text.contains("Verzugszinsen nach § 288 Abs. 2 BGB: 9 Prozentpunkte über dem Basiszinssatz (1,27 % seit 01.07.2025), zusammen 10,27 % im Jahr"))
        #expect(text.contains("Mahngebühr") && text.contains("bis zum 30.10.2026"))
        #expect(text.contains("Müller ␛[31mGmbH") && !text.contains("\u{1B}"))
        let sheet = letter.sheet
        #expect(sheet.title == "1. Mahnung" && sheet.fileName == "Mahnung-00002.pdf" && sheet.rows.count == 1)
        #expect(sheet.recipient.first == "Müller ␛[31mGmbH")
        #expect(sheet.totals.last?.amount == Money.format(cents: letter.totalCents) && letter.totalCents == 34_771 + 186 + 500)
        // Read back from the database, the letter is the one sent.
        #expect(try f.db.database.dunning.letter(id: letter.id) == letter)
    }

    @Test func kontorCheckNamesALetterOrFeeThatNoLongerAddsUp() throws {
        let f = try InvoiceFixture()
        _ = try Self.issued(f, on: "2026-09-01")
        try f.db.carol.sendDunning(try f.db.database.dunningRun(on: "2026-10-05")) { _ in }
        try f.db.carol.sendDunning(try f.db.database.dunningRun(on: "2026-10-20")) { _ in }
        #expect(try f.db.database.checkInvariants().allSatisfy(\.holds))
        // As a tool that drops the triggers could leave it.
        try f.db.raw("""
            DROP TRIGGER dunning_notices_append_only_update; UPDATE dunning_notices SET interest_cents = interest_cents + 1 WHERE letter_id = 2;
            DROP TRIGGER dunning_fees_frozen; DROP TRIGGER dunning_fees_paid_is_derived; UPDATE dunning_fees SET paid_cents = 100;
            """)
        let results = try f.db.database.checkInvariants()
        let letters = try #require(results.first { $0.name == "dunning-letters" })
        #expect(letters.violations.count == 1 && letters.violations[0].hasPrefix("dunning letter Mahnung-00002 (Müller GmbH): open 347,71 interest 1,86, its 1 notices sum to 347,71 and 1,87"),
                "\(letters.violations)")
        let fees = try #require(results.first { $0.name == "dunning-fees" })
        #expect(fees.violations == ["dunning fee of Mahnung-00002: paid 1,00, its payments sum to 0,00"])
        #expect(results.first { $0.name == "triggers" }?.holds == false)
    }
}
