import Foundation
@testable import KontorModel
import Testing

/// A database with company settings, a customer and two products in stock.
struct InvoiceFixture {
    let db: TestDatabase
    let customer: Customer
    let coffee: Product   // 7 %
    let grinder: Product  // 19 %

    init() throws {
        db = try TestDatabase()
        var settings = try db.alice.settings()
        settings.name = "Kontor Demo GmbH"
        settings.address = "Hauptstraße 1\n10115 Berlin"
        settings.vatID = "DE123456788"
        settings.completeForInvoices()
        try db.alice.saveSettings(settings)
        customer = try db.database.customers.create(CustomerFields(name: "Müller GmbH", street: "Lindenallee 3", postalCode: "50667", city: "Köln",
                                                                   country: "DE", vatID: "DE987654328", paymentTerms: "30"), by: db.bob)
        coffee = try db.database.products.create(ProductFields(sku: "KAF-500", name: "Kaffee Crema 500 g", unit: "Pck", price: "12,50", vatRate: .reduced), by: db.carol)
        grinder = try db.database.products.create(ProductFields(sku: "MUE-1", name: "Kaffeemühle", price: "89,90", vatRate: .standard), by: db.carol)
        try db.database.products.receive(productID: coffee.id, quantity: 100, by: db.carol)
        try db.database.products.receive(productID: grinder.id, quantity: 5, by: db.carol)
    }

    var invoices: InvoiceRepository { db.database.invoices }

    /// A draft with 10 coffee and 2 grinders.
    func draft() throws -> Invoice {
        try invoices.createDraft(customerID: customer.id, lines: [
            InvoiceLineInput(productID: coffee.id, description: "Kaffee Crema 500 g", quantity: 10, unit: "Pck", unitPriceCents: 1250, vatRate: .reduced),
            InvoiceLineInput(productID: grinder.id, description: "Kaffeemühle", quantity: 2, unitPriceCents: 8990, vatRate: .standard),
        ], by: db.carol)
    }
}

@Suite("Invoices")
struct InvoiceTests {
    @Test func vatIsComputedPerRateOnTheSummedNetAndRoundedHalfUp() {
        // Three lines at 19 % of 0,05 each: per line VAT would round 0,0095 to 0,01 three times (0,03);
        // on the summed net of 0,15 it is 0,0285 → 0,03. Here the two ways differ:
        let totals = InvoiceTotals(lines: [(3, .standard), (3, .standard), (3, .standard)])
        #expect(totals.byRate.map(\.vatCents) == [2]) // 9 cents × 19 % = 1,71 → 2 (per line: 0,57 → 1 each = 3)
        #expect(InvoiceTotals.vat(on: 250, rate: .standard) == 48) // 47,5 → 48: half rounds up
        #expect(InvoiceTotals.vat(on: -250, rate: .standard) == -48) // and away from zero for credit notes
        #expect(InvoiceTotals.vat(on: 1050, rate: .reduced) == 74) // 73,5 → 74
        #expect(InvoiceTotals.vat(on: 1049, rate: .reduced) == 73) // 73,43 → 73
        #expect(InvoiceTotals.vat(on: 999, rate: .zero) == 0)
        let mixed = InvoiceTotals(lines: [(12500, .reduced), (17980, .standard), (500, .reduced)])
        #expect(mixed.byRate.map(\.rate) == [.standard, .reduced])
        #expect(mixed.byRate.map(\.netCents) == [17980, 13000])
        #expect(mixed.byRate.map(\.vatCents) == [3416, 910]) // 3416,2 → 3416; 910
        #expect(mixed.grossCents == 17980 + 13000 + 3416 + 910)
    }

    /// A product deactivated while a colleague writes a line for it is
    /// not put on the draft; a line that has it already keeps it.
    @Test func aProductNoLongerSoldIsNotPutOnANewLine() throws {
        let f = try InvoiceFixture()
        var draft = try f.draft()
        var fields = f.coffee.fields
        fields.active = false
        _ = try f.db.database.products.update(id: f.coffee.id, fields, expectedVersion: f.coffee.version, by: f.db.carol)
        let line = InvoiceLineInput(productID: f.coffee.id, description: "Kaffee Crema 500 g", quantity: 1, unit: "Pck", unitPriceCents: 1250,
                                    vatRate: .reduced)
        let refusal = try #require(throws: KontorError.self) {
            try f.invoices.addLine(to: draft.id, line, expectedVersion: draft.version, by: f.db.carol)
        }
        #expect(refusal.description == "description: is a product no longer sold (inactive): choose another")
        // The line that has it already may still change its quantity.
        let kept = try #require(try f.invoices.lines(of: draft.id).first { $0.productID == f.coffee.id })
        var more = InvoiceLineInput(productID: kept.productID, description: kept.description, quantity: 12, unit: kept.unit,
                                    unitPriceCents: kept.unitPriceCents)
        more.vatRate = kept.vatRate
        draft = try f.invoices.updateLine(kept.id, more, expectedVersion: draft.version, by: f.db.carol)
        #expect(try f.invoices.lines(of: draft.id).first { $0.id == kept.id }?.quantity == 12)
    }

    @Test func draftsKeepLiveTotalsAndHaveNoNumber() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        #expect(draft.status == .draft)
        #expect(draft.number == nil)
        #expect(draft.netCents == 12500 + 17980)
        #expect(draft.vatCents == 875 + 3416)
        // Draft lines reserve stock without moving it.
        #expect(try f.db.database.products.stockLevel(of: f.coffee.id) == StockLevel(onHand: 100, reserved: 10))
    }

    @Test func issuingNumbersFreezesMovesStockAndAudits() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        #expect(issued.number == "2026-00001")
        #expect(issued.status == .issued)
        #expect(issued.dueDate == "2026-12-02") // 30 days' terms
        #expect(issued.grossCents == 12500 + 17980 + 875 + 3416)
        #expect(issued.seller.vatID == "DE123456788")
        #expect(issued.buyer.name == "Müller GmbH")
        #expect(issued.buyer.address.contains("50667 Köln"))
        #expect(try f.db.database.products.stockLevel(of: f.coffee.id) == StockLevel(onHand: 90, reserved: 0))
        #expect(try f.db.database.products.stockLevel(of: f.grinder.id).onHand == 3)
        let audit = try f.db.database.history(of: "invoice", id: draft.id)
        #expect(audit.contains { $0.action == "issue" && $0.field == "number" && $0.newValue == "2026-00001" && $0.actor == "carol" })
        let second = try f.draft()
        #expect(try f.invoices.issue(second.id, issueDate: "2026-11-03", expectedVersion: second.version, by: f.db.carol).number == "2026-00002")
        // Each year numbers anew: closing last year's books in January.
        let lastYear = try f.invoices.createDraft(customerID: f.customer.id, lines: [InvoiceLineInput(description: "Beratung", quantity: 1, unit: "h", unitPriceCents: 9000)], by: f.db.carol)
        #expect(try f.invoices.issue(lastYear.id, issueDate: "2025-12-30", expectedVersion: lastYear.version, by: f.db.carol).number == "2025-00001")
    }

    @Test func anInvoiceIsNeitherDatedAheadNorBeforeTheLastNumbered() throws {
        let f = try InvoiceFixture()
        let first = try f.draft()
        let issued = try f.invoices.issue(first.id, issueDate: "2026-11-05", expectedVersion: first.version, by: f.db.carol)
        let draft = try f.draft()
        func refusal(_ date: String) -> String? {
            do {
                _ = try f.invoices.issue(draft.id, issueDate: date, expectedVersion: draft.version, by: f.db.carol)
                return nil
            } catch let KontorError.invalid(failure) {
                return failure.issues.first { $0.field == "issue date" }?.message
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal("2026-11-04") == "is before 05.11.2026, the date of \(issued.number!), the last invoice numbered: numbers follow the dates")
        let tomorrow = CalendarDate.adding(days: 1, to: CalendarDate.today())!
        #expect(refusal(tomorrow) == "is after today: an invoice bears the day it is written")
        // Nothing was numbered by the refusals; the same day is fine.
        #expect(try f.invoices.issue(draft.id, issueDate: "2026-11-05", expectedVersion: draft.version, by: f.db.carol).number == "2026-00002")
    }

    @Test func issuingWithoutStockIsRefusedAsAWholeAndTakesNoNumber() throws {
        let f = try InvoiceFixture()
        let draft = try f.invoices.createDraft(customerID: f.customer.id, lines: [
            InvoiceLineInput(productID: f.coffee.id, description: "Kaffee", quantity: 1, unitPriceCents: 1250, vatRate: .reduced),
            InvoiceLineInput(productID: f.grinder.id, description: "Mühle", quantity: 6, unitPriceCents: 8990),
        ], by: f.db.carol)
        #expect { try f.invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.carol) } throws: { error in
            "\(error)".contains("not enough stock of MUE-1")
        }
        #expect(try f.invoices.find(id: draft.id)?.status == .draft)
        #expect(try f.db.database.products.stockLevel(of: f.coffee.id).onHand == 100) // the coffee did not move either
        let ok = try f.draft()
        #expect(try f.invoices.issue(ok.id, issueDate: "2026-11-05", expectedVersion: ok.version, by: f.db.carol).number == "2026-00001")
    }

    @Test func issuedInvoicesCannotBeChangedEvenWithRawSQL() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        #expect(throws: KontorError.self) {
            try f.invoices.addLine(to: issued.id, InvoiceLineInput(description: "Nachtrag", quantity: 1, unitPriceCents: 100), expectedVersion: issued.version, by: f.db.carol)
        }
        for sql in [
            "UPDATE invoices SET gross_cents = 1 WHERE id = \(issued.id)",
            "UPDATE invoices SET number = '2026-99999' WHERE id = \(issued.id)",
            "UPDATE invoices SET buyer_name = 'Someone else' WHERE id = \(issued.id)",
            "UPDATE invoices SET status = 'draft', number = NULL WHERE id = \(issued.id)",
            "DELETE FROM invoices WHERE id = \(issued.id)",
            "UPDATE invoice_lines SET quantity = 1 WHERE invoice_id = \(issued.id)",
            "DELETE FROM invoice_lines WHERE invoice_id = \(issued.id)",
            "INSERT INTO invoice_lines (invoice_id, position, description, quantity, unit_price_cents, vat_rate_bp, net_cents) VALUES (\(issued.id), 9, 'x', 1, 1, 1900, 1)",
            "DELETE FROM audit_log",
            "UPDATE audit_log SET actor = 'nobody'",
        ] {
            #expect(throws: (any Error).self, "accepted: \(sql)") { try f.db.raw(sql) }
        }
        #expect(try f.invoices.find(id: issued.id) == issued)
    }

    @Test func paymentsPartialThenFullMarkPaidAndUpdateTheBalance() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-10-01", expectedVersion: draft.version, by: f.db.carol)
        let gross = issued.grossCents
        #expect(try f.invoices.balance(of: f.customer.id, today: "2026-11-15") == CustomerBalance(openCents: gross, overdueCount: 1, overdueCents: gross))
        let tomorrow = CalendarDate.adding(days: 1, to: CalendarDate.today())!
        #expect { try f.invoices.recordPayment(to: issued.id, amountCents: 10000, paidOn: tomorrow, by: f.db.carol) } throws: { error in
            guard case let KontorError.invalid(failure) = error else { return false }
            return failure.issues.map(\.field) == ["date"] && failure.issues[0].message.contains("after today")
        }
        #expect(try f.invoices.payments(of: issued.id).isEmpty, "nothing recorded")
        let partly = try f.invoices.recordPayment(to: issued.id, amountCents: 10000, paidOn: "2026-11-10", reference: "RE 2026-00001", by: f.db.carol)
        #expect(partly.status == .issued)
        #expect(partly.paidCents == 10000)
        #expect(try f.invoices.balance(of: f.customer.id, today: "2026-11-15").openCents == gross - 10000)
        #expect { try f.invoices.recordPayment(to: issued.id, amountCents: gross, by: f.db.carol) } throws: { error in
            "\(error)".contains("is more than the open")
        }
        let paid = try f.invoices.recordPayment(to: issued.id, amountCents: gross - 10000, paidOn: "2026-11-12", by: f.db.carol)
        #expect(paid.status == .paid)
        #expect(try f.invoices.balance(of: f.customer.id, today: "2026-11-15") == CustomerBalance(openCents: 0, overdueCount: 0, overdueCents: 0))
        #expect(throws: KontorError.self) { try f.invoices.recordPayment(to: issued.id, amountCents: 1, by: f.db.carol) }
        #expect(throws: (any Error).self) { try f.db.raw("DELETE FROM payments") }
        #expect(throws: (any Error).self) { try f.db.raw("UPDATE payments SET amount_cents = 1") }
        #expect(try f.invoices.payments(of: issued.id).map(\.amountCents) == [10000, gross - 10000])
    }

    @Test func creditNoteCancelsReturnsStockAndCorrectsTheBalance() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        let partly = try f.invoices.recordPayment(to: issued.id, amountCents: 5000, by: f.db.carol)
        let note = try f.invoices.cancel(issued.id, reason: "Ware beschädigt", on: "2026-11-20", expectedVersion: partly.version, by: f.db.carol)
        #expect(note.kind == .creditNote)
        #expect(note.number == "CN-2026-00001")
        #expect(note.correctsID == issued.id)
        #expect(note.grossCents == -issued.grossCents)
        #expect(note.vatCents == -issued.vatCents)
        #expect(try f.invoices.find(id: issued.id)?.status == .cancelled)
        #expect(try f.db.database.products.stockLevel(of: f.coffee.id).onHand == 100)
        #expect(try f.db.database.products.stockLevel(of: f.grinder.id).onHand == 5)
        // The customer paid 50,00 of a cancelled invoice: that is owed back.
        #expect(try f.invoices.balance(of: f.customer.id).openCents == -5000)
        #expect(try f.invoices.creditNotes(for: issued.id).map(\.id) == [note.id])
        #expect(try f.invoices.lines(of: note.id).map(\.quantity) == [-10, -2])
        // Neither can be cancelled again; payments against either are refused.
        #expect(throws: KontorError.self) { try f.invoices.cancel(issued.id, expectedVersion: partly.version + 1, by: f.db.carol) }
        #expect(throws: KontorError.self) { try f.invoices.cancel(note.id, expectedVersion: note.version, by: f.db.carol) }
        #expect(throws: KontorError.self) { try f.invoices.recordPayment(to: issued.id, amountCents: 1, by: f.db.carol) }
        // The next ordinary invoice continues its own series.
        let next = try f.draft()
        #expect(try f.invoices.issue(next.id, issueDate: "2026-11-21", expectedVersion: next.version, by: f.db.carol).number == "2026-00002")
    }

    @Test func issuingNeedsASellerVATIDOrTaxNumber() throws {
        let f = try InvoiceFixture()
        var settings = try f.db.alice.settings()
        settings.vatID = ""
        try f.db.alice.saveSettings(settings)
        let draft = try f.draft()
        #expect { try f.invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.carol) } throws: { error in
            "\(error)".contains("company VAT id or tax number: is not set")
        }
        settings.taxNumber = "29/123/45678"
        try f.db.alice.saveSettings(settings)
        #expect(try f.invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.carol).seller.taxNumber == "29/123/45678")
    }

    @Test func zeroRateNeedsAReasonAndEmptyDraftsCannotBeIssued() throws {
        let f = try InvoiceFixture()
        #expect { try f.invoices.createDraft(customerID: f.customer.id, lines: [InvoiceLineInput(description: "Export", quantity: 1, unitPriceCents: 100, vatRate: .zero)], by: f.db.carol) } throws: { error in
            "\(error)".contains("VAT exemption")
        }
        let empty = try f.invoices.createDraft(customerID: f.customer.id, by: f.db.carol)
        #expect(throws: KontorError.rule("an invoice needs at least one line before it can be issued")) {
            try f.invoices.issue(empty.id, expectedVersion: empty.version, by: f.db.carol)
        }
    }

    @Test func draftEditsUseOptimisticLocking() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let changed = try f.invoices.addLine(to: draft.id, InvoiceLineInput(description: "Versand", quantity: 1, unitPriceCents: 590), expectedVersion: draft.version, by: f.db.dave)
        #expect(changed.netCents == draft.netCents + 590)
        #expect(throws: KontorError.conflict(entity: "invoice", id: draft.id, changedBy: "dave", changedAt: changed.updatedAt)) {
            try f.invoices.addLine(to: draft.id, InvoiceLineInput(description: "Doppelt", quantity: 1, unitPriceCents: 1), expectedVersion: draft.version, by: f.db.carol)
        }
        let lines = try f.invoices.lines(of: draft.id)
        let fewer = try f.invoices.removeLine(lines[2].id, expectedVersion: changed.version, by: f.db.carol)
        #expect(fewer.netCents == draft.netCents)
        try f.invoices.deleteDraft(draft.id, expectedVersion: fewer.version, by: f.db.carol)
        #expect(try f.invoices.find(id: draft.id) == nil)
    }

    @Test func frontOfficeCannotIssueOrTakePayments() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        #expect(throws: KontorError.denied(username: "bob", role: .front, action: "change invoices, payments, products or stock")) {
            try f.invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.bob)
        }
        #expect(throws: KontorError.self) { try f.invoices.createDraft(customerID: f.customer.id, by: f.db.bob) }
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.dave)
        #expect(throws: KontorError.self) { try f.invoices.recordPayment(to: issued.id, amountCents: 100, by: f.db.bob) }
    }

    @Test func listsAreWindowsInOrder() throws {
        let f = try InvoiceFixture()
        var ids: [Int64] = []
        for day in 1...7 {
            let d = try f.invoices.createDraft(customerID: f.customer.id, lines: [InvoiceLineInput(description: "Beratung", quantity: 1, unit: "h", unitPriceCents: 9000)], by: f.db.carol)
            ids.append(try f.invoices.issue(d.id, issueDate: String(format: "2026-10-%02d", day), expectedVersion: d.version, by: f.db.carol).id)
        }
        let overdue = try f.invoices.page(.overdue, limit: 3, today: "2026-11-20")
        #expect(overdue.map(\.id) == Array(ids.prefix(3)))
        let more = try f.invoices.page(.overdue, after: overdue.last, limit: 10, today: "2026-11-20")
        #expect(more.map(\.id) == Array(ids.dropFirst(3)))
        #expect(try f.invoices.page(.all, limit: 2).map(\.id) == [ids[6], ids[5]])
        #expect(try f.invoices.page(.drafts, limit: 10).isEmpty)
        #expect(try f.invoices.find(number: "2026-00003")?.id == ids[2])
    }

    @Test func removingALineNumbersTheRestAgain() throws {
        let f = try InvoiceFixture()
        var draft = try f.draft()
        draft = try f.invoices.addLine(to: draft.id, InvoiceLineInput(description: "Versand", quantity: 1, unit: "Psch", unitPriceCents: 490),
                                       expectedVersion: draft.version, by: f.db.carol)
        let second = try #require(try f.invoices.lines(of: draft.id).first { $0.position == 2 })
        draft = try f.invoices.removeLine(second.id, expectedVersion: draft.version, by: f.db.carol)
        let lines = try f.invoices.lines(of: draft.id)
        #expect(lines.map(\.position) == [1, 2] && lines.map(\.description) == ["Kaffee Crema 500 g", "Versand"])
    }
}
