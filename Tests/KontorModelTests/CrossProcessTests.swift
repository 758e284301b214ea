import Foundation
@testable import KontorModel
import Testing

/// The processes that cross from the front office to the back office.
@Suite("Quote to cash")
struct CrossProcessTests {
    /// A service sold by the hour takes 2,5 hours on the deal as on the
    /// invoice; the deal is worth the line's net, rounded as the invoice
    /// rounds it; a stocked product is sold in whole pieces only.
    @Test func aDealLineTakesDecimalsAndTheInvoiceTakesThemOver() throws {
        let f = try InvoiceFixture()
        let deals = f.db.database.deals
        var deal = try deals.create(DealFields(customerID: f.customer.id, title: "Beratung Einführung", expectedClose: "2026-12-15"), by: f.db.bob)
        deal = try deals.addLine(to: deal.id, DealLineFields(description: "Beratung", quantity: Quantity.parse("2,5")!, unitPriceCents: 12_001,
                                                             vatRateBP: 1900), expectedVersion: deal.version, by: f.db.bob).deal
        #expect(try deals.lines(of: deal.id).map(\.quantity.description) == ["2,5"])
        #expect(deal.valueCents == 30_003, "2,5 × 120,01 = 300,025, rounded half up")
        #expect(throws: KontorError.self) {
            try deals.addLine(to: deal.id, DealLineFields(productID: f.coffee.id, quantity: Quantity.parse("1,5")!), expectedVersion: deal.version, by: f.db.bob)
        }
        deal = try deals.addLine(to: deal.id, DealLineFields(productID: f.coffee.id, quantity: 2), expectedVersion: deal.version, by: f.db.bob).deal
        for stage in [DealStage.qualified, .proposal, .negotiation, .won] {
            deal = try deals.moveStage(id: deal.id, to: stage, expectedVersion: deal.version, by: f.db.bob)
        }
        #expect(try f.db.database.products.stockLevel(of: f.coffee.id) == StockLevel(onHand: 100, reserved: 2))
        let draft = try f.invoices.createDraft(fromDeal: deal.id, by: f.db.bob)
        #expect(try f.invoices.lines(of: draft.id).map(\.quantity) == [Quantity(milli: 2_500), 2])
        #expect(draft.netCents == 30_003 + 2 * 1250)
    }

    @Test func wonDealBecomesADraftInvoiceThatIsIssuedAndPaid() throws {
        let f = try InvoiceFixture()
        let deals = f.db.database.deals
        var deal = try deals.create(DealFields(customerID: f.customer.id, title: "Ausstattung Filiale Köln", expectedClose: "2026-12-15"), by: f.db.bob)
        deal = try deals.addLine(to: deal.id, DealLineFields(productID: f.coffee.id, quantity: 20), expectedVersion: deal.version, by: f.db.bob).deal
        deal = try deals.addLine(to: deal.id, DealLineFields(productID: f.grinder.id, quantity: 2), expectedVersion: deal.version, by: f.db.bob).deal
        for stage in [DealStage.qualified, .proposal, .negotiation, .won] {
            deal = try deals.moveStage(id: deal.id, to: stage, expectedVersion: deal.version, by: f.db.bob)
        }
        // Won, not yet invoiced: the deal reserves its products.
        #expect(try f.db.database.products.stockLevel(of: f.coffee.id) == StockLevel(onHand: 100, reserved: 20))

        // The front office starts the invoice; the draft takes over the reservation.
        let draft = try f.invoices.createDraft(fromDeal: deal.id, by: f.db.bob)
        #expect(draft.dealID == deal.id)
        #expect(try deals.find(id: deal.id)?.invoiceID == draft.id)
        #expect(try f.invoices.lines(of: draft.id).map(\.quantity) == [20, 2])
        #expect(draft.netCents == 20 * 1250 + 2 * 8990)
        #expect(try f.db.database.products.stockLevel(of: f.coffee.id) == StockLevel(onHand: 100, reserved: 20))
        #expect(throws: KontorError.self) { try f.invoices.createDraft(fromDeal: deal.id, by: f.db.bob) }

        // The back office issues it: stock leaves, the reservation is released.
        #expect(throws: KontorError.self) { try f.invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.bob) }
        let issued = try f.invoices.issue(draft.id, issueDate: "2026-12-01", expectedVersion: draft.version, by: f.db.carol)
        #expect(try f.db.database.products.stockLevel(of: f.coffee.id) == StockLevel(onHand: 80, reserved: 0))
        #expect(try f.db.database.products.ledger(of: f.coffee.id, limit: 1).first?.reference == issued.number)

        // A payment shows in the customer's balance, which the front desk sees.
        try f.invoices.recordPayment(to: issued.id, amountCents: issued.grossCents, paidOn: "2026-12-04", by: f.db.carol)
        #expect(try f.invoices.balance(of: f.customer.id).openCents == 0)
        #expect(try f.invoices.find(id: issued.id)?.status == .paid)
    }

    @Test func deletingTheDraftGivesTheReservationBackToTheDeal() throws {
        let f = try InvoiceFixture()
        let deals = f.db.database.deals
        var deal = try deals.create(DealFields(customerID: f.customer.id, title: "Zweitgerät"), by: f.db.bob)
        deal = try deals.addLine(to: deal.id, DealLineFields(productID: f.grinder.id, quantity: 1), expectedVersion: deal.version, by: f.db.bob).deal
        deal = try deals.moveStage(id: deal.id, to: .won, expectedVersion: deal.version, by: f.db.bob)
        let draft = try f.invoices.createDraft(fromDeal: deal.id, by: f.db.carol)
        try f.invoices.deleteDraft(draft.id, expectedVersion: draft.version, by: f.db.carol)
        #expect(try deals.find(id: deal.id)?.invoiceID == nil)
        #expect(try f.db.database.products.stockLevel(of: f.grinder.id).reserved == 1)
    }

    @Test func possibleDuplicatesAreFoundBeforeCreating() throws {
        let db = try TestDatabase()
        let existing = try db.database.customers.create(CustomerFields(name: "Müller Logistik GmbH", email: "info@mueller-logistik.de"), by: db.bob)
        try db.add(["Schmidt Bau AG", "Müller Bäckerei"])
        func duplicates(_ fields: CustomerFields) throws -> [String] {
            try db.database.customers.possibleDuplicates(of: fields).map(\.name)
        }
        #expect(try duplicates(CustomerFields(name: "MÜLLER LOGISTIK")) == ["Müller Logistik GmbH"])  // case and legal form do not count
        #expect(try duplicates(CustomerFields(name: "Mueller Logistik KG")) == ["Müller Logistik GmbH"])  // nor the German spelling
        #expect(try duplicates(CustomerFields(name: "Müller Logistk GmbH")) == ["Müller Logistik GmbH"])  // one typo
        #expect(try duplicates(CustomerFields(name: "Ganz Anders", email: "INFO@mueller-logistik.de")) == ["Müller Logistik GmbH"])
        #expect(try duplicates(CustomerFields(name: "Müller Spedition")) == [])
        // A one-word name found through the transliteration either way.
        let weiss = try db.database.customers.create(CustomerFields(name: "Weiß GmbH"), by: db.bob)
        try db.add(["Mueller"])
        #expect(try duplicates(CustomerFields(name: "weiss ag")).contains(weiss.name))
        #expect(try duplicates(CustomerFields(name: "Müller")) == ["Mueller"])
        #expect(try db.database.customers.possibleDuplicates(of: existing.fields, excluding: existing.id).isEmpty)
    }
}
