import Foundation
@testable import KontorModel
import Testing

/// Skonto, discounts and surcharges on the whole invoice, and a line's own
/// service period: stored on the draft, summed per VAT group, frozen at
/// issue, printed, and taken back by a credit note.
@Suite("Invoice terms")
struct InvoiceTermsTests {
    @Test func skontoTermsAreReadAsPeopleTypeThem() {
        /// nil: refused; .some(nil): no Skonto.
        func read(_ text: String) -> SkontoTerms?? {
            switch SkontoTerms.parse(text) {
            case .success(let terms): return .some(terms)
            case .failure: return nil
            }
        }
        #expect(read("2 % 10") == .some(SkontoTerms(percentBP: 200, days: 10)))
        #expect(read("2%/10") == .some(SkontoTerms(percentBP: 200, days: 10)))
        #expect(read("2,5 % 14 Tage") == .some(SkontoTerms(percentBP: 250, days: 14)))
        #expect(read("3 % in 7 days") == .some(SkontoTerms(percentBP: 300, days: 7)))
        #expect(read("") == .some(nil))
        #expect(read("keine") == .some(nil))
        for bad in ["2", "2 10", "zwei % 10", "2 % 10 Wochen", "12 % 10", "2 % 0", "2,555 % 10", "2 % 10 20"] {
            #expect(read(bad) == Optional<SkontoTerms?>.none, "\(bad) should be refused")
        }
        #expect(SkontoTerms(percentBP: 250, days: 14).typed == "2,5 % 14")
        #expect(SkontoTerms(percentBP: 200, days: 10).discount(on: 116_620) == 2_332)
    }

    @Test func skontoCannotLastPastTheDueDate() throws {
        let f = try InvoiceFixture()
        try f.db.database.products.receive(productID: f.grinder.id, quantity: 10, by: f.db.carol)
        var fields = f.customer.fields
        fields.paymentTerms = "7"
        _ = try f.db.database.customers.update(id: f.customer.id, fields, expectedVersion: f.customer.version, by: f.db.bob)
        let draft = try f.draft()
        do {
            _ = try f.invoices.issue(draft.id, issueDate: "2026-12-06", skonto: .terms(SkontoTerms(percentBP: 200, days: 10)),
                                     expectedVersion: draft.version, by: f.db.carol)
            Issue.record("issued with Skonto until 16.12. and payment due 13.12.")
        } catch let KontorError.invalid(failure) {
            #expect(failure.issues.map(\.field) == ["Skonto"])
            #expect(failure.issues.first?.message.contains("Müller GmbH") == true, "\(failure.issues)")
        }
        #expect(try f.invoices.find(id: draft.id)?.status == .draft, "nothing issued")
        // Nor until the due date itself: the invoice would offer the
        // discount and ask for the whole amount by the same day.
        #expect { try f.invoices.issue(draft.id, issueDate: "2026-12-06", skonto: .terms(SkontoTerms(percentBP: 200, days: 7)),
                                       expectedVersion: draft.version, by: f.db.carol) } throws: { "\($0)".contains("do not end before the due date") }
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-12-06", skonto: .terms(SkontoTerms(percentBP: 200, days: 6)),
                                          expectedVersion: draft.version, by: f.db.carol)
        #expect(issued.skontoDeadline == "2026-12-12" && issued.dueDate == "2026-12-13", "up to the day before the due date")

        // The company's usual terms are left out where they would outlast the customer's.
        var settings = try f.db.alice.settings()
        settings.skonto = SkontoTerms(percentBP: 200, days: 10)
        try f.db.alice.saveSettings(settings)
        let next = try f.draft()
        #expect(try f.invoices.usualSkonto(for: next).terms == nil)
        let plain = try f.invoices.issue(next.id, issueDate: "2026-12-06", expectedVersion: next.version, by: f.db.carol)
        #expect(plain.skonto == nil && plain.status == .issued)
        fields.paymentTerms = "30"
        let current = try #require(try f.db.database.customers.find(id: f.customer.id))
        _ = try f.db.database.customers.update(id: f.customer.id, fields, expectedVersion: current.version, by: f.db.bob)
        let third = try f.draft()
        #expect(try f.invoices.usualSkonto(for: third).terms == SkontoTerms(percentBP: 200, days: 10))
        #expect(try f.invoices.issue(third.id, issueDate: "2026-12-06", expectedVersion: third.version, by: f.db.carol).skonto?.days == 10)
    }

    @Test func aDocumentDiscountLowersItsGroupBeforeVATAndASurchargeRaisesIt() throws {
        let f = try InvoiceFixture()
        var draft = try f.draft()  // 10 × 12,50 at 7 %, 2 × 89,90 at 19 %
        draft = try f.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: false, percentBP: 1_000, reason: "Treuerabatt",
                                                                                 vatRate: .standard), expectedVersion: draft.version, by: f.db.carol)
        draft = try f.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: true, amountCents: 490, reason: "Versandkosten",
                                                                                 vatRate: .reduced), expectedVersion: draft.version, by: f.db.carol)
        let allowances = try f.invoices.allowances(of: draft.id)
        #expect(allowances.map(\.amountCents) == [1_798, 490])
        // 19 %: 179,80 − 17,98 = 161,82 → VAT 30,75; 7 %: 125,00 + 4,90 = 129,90 → VAT 9,09.
        #expect(draft.netCents == 16_182 + 12_990)
        #expect(draft.vatCents == 3_075 + 909)
        #expect(draft.grossCents == 16_182 + 12_990 + 3_075 + 909)

        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", skonto: .terms(SkontoTerms(percentBP: 200, days: 10)),
                                          expectedVersion: draft.version, by: f.db.carol)
        #expect(issued.skonto == SkontoTerms(percentBP: 200, days: 10))
        #expect(issued.skontoDeadline == "2026-11-12")
        #expect(issued.grossCents == draft.grossCents)
        let text = try f.invoices.document(for: issued.id).text
        #expect(text.contains("Summe Positionen"))
        #expect(text.contains("abzgl. Nachlass: 10 % Treuerabatt (19 %)"))
        #expect(text.contains("zzgl. Zuschlag: Versandkosten (7 %)"))
        #expect(text.contains("Bei Zahlung bis zum 12.11.2026 gewähren wir 2 % Skonto (\(Money.format(cents: issued.skontoCents)) €)."))

        // Frozen like the lines, even to raw SQL.
        #expect(throws: (any Error).self) { try f.db.raw("DELETE FROM invoice_allowances WHERE invoice_id = \(issued.id)") }
        #expect(throws: (any Error).self) { try f.db.raw("UPDATE invoices SET skonto_bp = 300 WHERE id = \(issued.id)") }

        // The credit note takes everything back, to the cent.
        let credit = try f.invoices.cancel(issued.id, on: "2026-11-03", expectedVersion: issued.version, by: f.db.carol)
        #expect(credit.grossCents == -issued.grossCents)
        #expect(try f.invoices.allowances(of: credit.id).map(\.amountCents) == [-1_798, -490])
        // It names the invoice it corrects by number and date.
        #expect(try f.invoices.document(for: credit.id).text.contains("Storno zu Rechnung: \(issued.number!) vom 02.11.2026"))
        #expect(credit.skonto == nil)
    }

    @Test func aDocumentDiscountTypedAsAPercentageStaysThatShareWhenTheLinesChange() throws {
        let f = try InvoiceFixture()
        var draft = try f.draft()  // 10 × 12,50 at 7 %, 2 × 89,90 at 19 %
        draft = try f.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: false, percentBP: 500, reason: "Treuerabatt",
                                                                                 vatRate: .standard), expectedVersion: draft.version, by: f.db.carol)
        draft = try f.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: true, amountCents: 490, reason: "Versandkosten",
                                                                                 vatRate: .standard), expectedVersion: draft.version, by: f.db.carol)
        #expect(try f.invoices.allowances(of: draft.id).map(\.amountCents) == [899, 490])  // 5 % of 179,80
        #expect(try f.invoices.allowances(of: draft.id).map(\.percentBP) == [500, nil])

        // A third grinder: 5 % of 269,70; the amount typed as such stays.
        let grinder = try f.invoices.lines(of: draft.id).first { $0.vatRate == .standard }!
        var three = InvoiceLineInput(productID: grinder.productID, description: grinder.description, quantity: 3, unit: grinder.unit,
                                     unitPriceCents: grinder.unitPriceCents)
        three.vatRate = grinder.vatRate
        draft = try f.invoices.updateLine(grinder.id, three, expectedVersion: draft.version, by: f.db.carol)
        #expect(try f.invoices.allowances(of: draft.id).map(\.amountCents) == [1_349, 490])
        #expect(draft.netCents == 12_500 + 26_970 - 1_349 + 490)

        // A line added at 19 % counts too; one at 7 % does not.
        draft = try f.invoices.addLine(to: draft.id, InvoiceLineInput(description: "Entkalker", quantity: 1, unit: "Stk", unitPriceCents: 2_030,
                                                                      vatRate: .standard), expectedVersion: draft.version, by: f.db.carol)
        draft = try f.invoices.addLine(to: draft.id, InvoiceLineInput(description: "Milch", quantity: 1, unit: "Stk", unitPriceCents: 5_000,
                                                                      vatRate: .reduced), expectedVersion: draft.version, by: f.db.carol)
        #expect(try f.invoices.allowances(of: draft.id)[0].amountCents == 1_450)  // 5 % of 290,00

        // Issued, the documents say the percentage and what it is of.
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        let text = try f.invoices.document(for: issued.id).text
        #expect(text.contains("abzgl. Nachlass: 5 % Treuerabatt (19 %)"), "\(text)")
        #expect(text.contains("zzgl. Zuschlag: Versandkosten (19 %)"))

        // The credit note keeps the percentage and gives back the same amount.
        let credit = try f.invoices.cancel(issued.id, on: "2026-11-03", expectedVersion: issued.version, by: f.db.carol)
        #expect(try f.invoices.allowances(of: credit.id).map(\.amountCents) == [-1_450, -490])
        #expect(try f.invoices.allowances(of: credit.id).map(\.percentBP) == [500, nil])
        #expect(credit.grossCents == -issued.grossCents)
    }

    @Test func aPercentageThatComesToNothingKeepsTheDraftFromBeingIssued() throws {
        let f = try InvoiceFixture()
        var draft = try f.invoices.createDraft(customerID: f.customer.id, lines: [
            InvoiceLineInput(description: "Beratung", quantity: 1, unit: "Std", unitPriceCents: 10_000),
        ], by: f.db.carol)
        draft = try f.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: false, percentBP: 100, reason: "Skontoausgleich"),
                                            expectedVersion: draft.version, by: f.db.carol)
        #expect(draft.netCents == 9_900)
        let line = try f.invoices.lines(of: draft.id)[0]
        draft = try f.invoices.updateLine(line.id, InvoiceLineInput(description: "Beratung", quantity: 1, unit: "Std", unitPriceCents: 40),
                                          expectedVersion: draft.version, by: f.db.carol)
        let refusal = Self.message { try f.invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.carol) }
        #expect(refusal.contains("discount \"Skontoausgleich\": comes to 0,00 on lines of 0,40"), "\(refusal)")
    }

    @Test func aDiscountMustFitTheLinesItBelongsTo() throws {
        let f = try InvoiceFixture()
        var draft = try f.draft()
        func add(_ input: InvoiceAllowanceInput) throws { draft = try f.invoices.addAllowance(to: draft.id, input, expectedVersion: draft.version, by: f.db.carol) }
        // Two VAT groups: which one must be said.
        #expect(Self.message { try add(InvoiceAllowanceInput(isCharge: false, amountCents: 500, reason: "Rabatt")) }.contains("VAT: must be given"))
        // No line is exempt on this draft.
        #expect(Self.message { try add(InvoiceAllowanceInput(isCharge: false, amountCents: 500, reason: "Rabatt", taxCategory: .exempt)) }
            .contains("has no line of its own"))
        // More than its lines.
        #expect(Self.message { try add(InvoiceAllowanceInput(isCharge: false, amountCents: 20_000, reason: "Rabatt", vatRate: .standard)) }
            .contains("is more than the 179,80"))
        // Without a reason, and without an amount: both said at once.
        let both = Self.message { try add(InvoiceAllowanceInput(isCharge: false, reason: " ")) }
        #expect(both.contains("amount") && both.contains("reason"))
        #expect(try f.invoices.allowances(of: draft.id).isEmpty)

        // The lines change under a discount: issuing names it.
        try add(InvoiceAllowanceInput(isCharge: false, amountCents: 1_000, reason: "Rabatt", vatRate: .standard))
        let grinderLine = try f.invoices.lines(of: draft.id).first { $0.vatRate == .standard }!
        draft = try f.invoices.removeLine(grinderLine.id, expectedVersion: draft.version, by: f.db.carol)
        let refusal = Self.message { try f.invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.carol) }
        #expect(refusal.contains("discount \"Rabatt\": is at 19 %, where no line is left"))
        // Removing it lets the draft go out.
        let allowance = try f.invoices.allowances(of: draft.id)[0]
        draft = try f.invoices.removeAllowance(allowance.id, expectedVersion: draft.version, by: f.db.carol)
        #expect(draft.netCents == 12_500)
        _ = try f.invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.carol)
        // The front office may not add one.
        let other = try f.draft()
        #expect(throws: (any Error).self) {
            try f.invoices.addAllowance(to: other.id, InvoiceAllowanceInput(isCharge: true, amountCents: 100, reason: "Porto", vatRate: .reduced),
                                        expectedVersion: other.version, by: f.db.bob)
        }
    }

    @Test func aLineCarriesItsOwnServicePeriod() throws {
        let f = try InvoiceFixture()
        var line = InvoiceLineInput(description: "Wartung", quantity: 3, unit: "Mon", unitPriceCents: 4_500)
        line.periodStart = "2026-08-01"
        line.periodEnd = "2026-10-31"
        let draft = try f.invoices.createDraft(customerID: f.customer.id, lines: [line], by: f.db.carol)
        #expect(try f.invoices.lines(of: draft.id)[0].periodEnd == "2026-10-31")
        #expect(try f.invoices.document(for: draft.id).text.contains("    Leistungszeitraum: 01.08.2026 bis 31.10.2026"))
        var backwards = line
        backwards.periodEnd = "2026-07-01"
        #expect(backwards.validate()?.issues.first?.message == "ends before it starts")
        var half = line
        half.periodEnd = nil
        #expect(half.validate()?.issues.first?.field == "service period")
        #expect(throws: (any Error).self) {
            try f.db.raw("UPDATE invoice_lines SET period_end = NULL WHERE invoice_id = \(draft.id)")
        }
    }

    @Test func skontoOutsideItsBoundsIsRefusedAtIssue() throws {
        let f = try InvoiceFixture()
        let draft = try f.draft()
        let message = Self.message {
            try f.invoices.issue(draft.id, skonto: .terms(SkontoTerms(percentBP: 2_000, days: 10)), expectedVersion: draft.version, by: f.db.carol)
        }
        #expect(message.contains("Skonto: must be more than 0 and at most 10 %"))
        #expect(try f.invoices.find(id: draft.id)?.status == .draft)
    }

    @Test func skontoTakenInTimeSettlesTheInvoiceAndOnlyAsOffered() throws {
        let f = try InvoiceFixture()
        try f.db.alice.updateSettings { $0.skonto = SkontoTerms(percentBP: 200, days: 10) }
        let draft = try f.draft()
        // The company's usual terms, unless the issue says otherwise.
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: f.db.carol)
        #expect(issued.skonto == SkontoTerms(percentBP: 200, days: 10))
        let skonto = issued.skontoCents
        #expect(skonto == (issued.grossCents * 2 + 50) / 100)
        // Too late, or leaving more open than the Skonto: refused, beside the amount.
        #expect(Self.message {
            try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents - skonto, paidOn: "2026-11-13", takingSkonto: true, by: f.db.carol)
        }.contains("it was offered until 2026-11-12, paid on 2026-11-13"))
        #expect(Self.message {
            try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents - skonto - 1, paidOn: "2026-11-12", takingSkonto: true, by: f.db.carol)
        }.contains("but the 2 % Skonto comes to"))
        #expect(try f.invoices.find(id: issued.id)?.paidCents == 0)
        // Nor can a raw write take more than offered.
        #expect(throws: (any Error).self) {
            try f.db.raw("INSERT INTO payments (invoice_id, kind, amount_cents, paid_on, method, created_by, created_at) VALUES (\(issued.id), 'skonto', \(skonto + 1), '2026-11-05', 'offset', 'x', 'now')")
        }
        // In time, and the rest is the Skonto: paid in full.
        let paid = try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents - skonto, paidOn: "2026-11-12", takingSkonto: true,
                                                by: f.db.carol)
        #expect(paid.status == .paid && paid.balanceCents == 0)
        #expect(try f.invoices.payments(of: issued.id).map(\.kind) == [.payment, .skonto])
        // The invoice printed again is the one issued, its Skonto offered as it was; the screen says it was taken.
        let text = try f.invoices.document(for: issued.id).text
        #expect(!text.contains("Skonto abgezogen") && text.contains("Bei Zahlung bis zum 12.11.2026 gewähren wir 2 % Skonto"), "\(text)")

        // Cancelled afterwards, the credit note owes back only the money received.
        let credit = try f.invoices.cancel(issued.id, on: "2026-11-20", expectedVersion: paid.version, by: f.db.carol)
        #expect(credit.owedToCustomerCents == issued.grossCents - skonto)
    }

    static func message(_ work: () throws -> Void) -> String {
        do { try work() } catch { return "\(error)" }
        return ""
    }
}
