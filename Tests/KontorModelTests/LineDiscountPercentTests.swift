import Foundation
@testable import KontorModel
import Testing

@Suite("A line discount typed as a percentage")
struct LineDiscountPercentTests {
    @Test func itKeepsItsShareWhenTheQuantityChanges() throws {
        let f = try InvoiceFixture()
        var fields = InvoiceLineFields(productID: f.coffee.id, description: "Kaffee Crema 500 g", quantity: "10", unit: "Pck", price: "12,50",
                                       vatRate: "7", discount: "3,5 %", discountReason: "Mengenrabatt")
        var draft = try f.invoices.createDraft(customerID: f.customer.id, lines: [try fields.input()], by: f.db.carol)
        var line = try #require(try f.invoices.lines(of: draft.id).first)
        // 3,5 % of 125,00 = 4,375 → 4,38.
        #expect(line.discountPercent == Quantity(milli: 3_500) && line.discountCents == 438 && line.netCents == 12_062)

        // The form shows it as typed, and a new quantity takes 3,5 % of the new amount.
        fields = InvoiceLineFields(line)
        #expect(fields.discount == "3,5 %")
        fields.quantity = "20"
        draft = try f.invoices.updateLine(line.id, try fields.input(), expectedVersion: draft.version, by: f.db.carol)
        line = try #require(try f.invoices.lines(of: draft.id).first)
        #expect(line.discountCents == 875 && line.netCents == 24_125)
        #expect(draft.netCents == 24_125)

        // An amount typed over it is an amount from then on.
        fields = InvoiceLineFields(line)
        fields.discount = "5,00"
        draft = try f.invoices.updateLine(line.id, try fields.input(), expectedVersion: draft.version, by: f.db.carol)
        line = try #require(try f.invoices.lines(of: draft.id).first)
        #expect(line.discountPercent == nil && line.discountCents == 500)
        #expect(InvoiceLineFields(line).discount == "5,00")
    }

    @Test func theCreditNoteAndThePrintoutCarryThePercentage() throws {
        let f = try InvoiceFixture()
        let fields = InvoiceLineFields(productID: f.coffee.id, description: "Kaffee Crema 500 g", quantity: "10", unit: "Pck", price: "12,50",
                                       vatRate: "7", discount: "10 %", discountReason: "Treue")
        let draft = try f.invoices.createDraft(customerID: f.customer.id, lines: [try fields.input()], by: f.db.carol)
        let issued = try f.invoices.issue(draft.id, issueDate: CalendarDate.today(), expectedVersion: draft.version, by: f.db.carol)
        let text = try f.invoices.document(for: issued.id).text
        // The line at quantity × price, then its discount: the column adds up to the net.
        let row = try #require(text.split(separator: "\n").first { $0.contains("Kaffee Crema") })
        #expect(row.hasSuffix("125,00"), "\(row)")
        #expect(text.contains("abzgl. Rabatt 10 %: Treue"), "\(text)")
        #expect(text.contains("-12,50"), "\(text)")

        let note = try f.invoices.cancel(issued.id, expectedVersion: issued.version, by: f.db.carol)
        let noteLine = try #require(try f.invoices.lines(of: note.id).first)
        #expect(noteLine.discountPercent == Quantity(10) && noteLine.discountCents == 1_250 && noteLine.netCents == -11_250)
        // On the credit note the signs are the other way round: its words say no "less".
        let noteText = try f.invoices.document(for: note.id).text
        #expect(noteText.contains("Rabatt 10 %: Treue") && !noteText.contains("abzgl."), "\(noteText)")
        #expect(noteText.contains("12,50") && noteText.contains("-125,00"), "\(noteText)")
    }

    @Test func aPercentageOutsideZeroToAHundredIsRefused() {
        var line = InvoiceLineInput(description: "Kaffee", quantity: 1, unitPriceCents: 1_000, discountPercent: Quantity(101), discountReason: "zu viel")
        #expect(line.validate()?.issues.map(\.field).contains("discount") == true)
        line.discountCents = 100
        #expect(line.discountPercent == nil && line.validate() == nil)
    }

    /// A percentage needs its reason as an amount does: the e-invoice names
    /// the reason of every line allowance (BR-41).
    @Test func aPercentageNeedsAReasonToo() {
        var line = InvoiceLineInput(description: "Kaffee", quantity: 1, unitPriceCents: 1_000, discountPercent: Quantity(10))
        #expect(line.validate()?.issues.map(\.field) == ["discount reason"])
        line.discountReason = "Treue"
        #expect(line.validate() == nil)
        line.discountPercent = Quantity(0)
        line.discountReason = ""
        #expect(line.validate() == nil)
    }

    /// A total's label longer than its column wraps, the amount on its last
    /// line: nothing of it is cut (a VAT line's base was shown as "377,…").
    @Test func aLongTotalLabelWrapsInTheTextPrint() throws {
        let f = try InvoiceFixture()
        var draft = try f.draft()
        let reason = "Treuerabatt für zehn Jahre Zusammenarbeit und die pünktliche Zahlung aller Rechnungen"
        draft = try f.invoices.addAllowance(to: draft.id, InvoiceAllowanceInput(isCharge: false, amountCents: 1_000, reason: reason, vatRate: .standard),
                                            expectedVersion: draft.version, by: f.db.carol)
        let text = try f.invoices.document(for: draft.id).text
        let joined = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(joined.contains("pünktliche Zahlung aller Rechnungen (19 %) -10,00"), "\(text)")
        #expect(!text.contains("…"), "\(text)")
    }
}
