import Foundation
@testable import KontorModel
import Testing

@Suite("Tax categories, quantities and what issuing refuses")
struct TaxAndIssueRulesTests {
    @Test func vatIDsAreCheckedForTheirCountryAndTheGermanCheckDigit() {
        #expect(VATID.isValid("DE136695976"))
        #expect(VATID.isValid("de 136 695 976"))
        #expect(VATID.problem("DE136695977") == "has a wrong check digit (a typo?)")
        #expect(VATID.problem("DE12345678")?.contains("9 digits") == true)
        #expect(VATID.isValid("ATU12345678"))
        #expect(!VATID.isValid("AT12345678"))
        #expect(VATID.isValid("NL123456789B01"))
        #expect(VATID.isValid("FR12345678901"))
        #expect(!VATID.isValid("IT1234"))
        #expect(VATID.problem("123456789") == "must be a country code and the number, like DE136695976")
        // Outside the EU any form, but after a country's code.
        #expect(VATID.isValid("CHE259678794") && VATID.isValid("GB123456789"))
        #expect(VATID.problem("XX123") == "XX is no country's code; like DE, AT or CH")
        #expect(CustomerFields(name: "X", vatID: "DE136695977").validate()?.issues.first?.field == "VAT id")
    }

    @Test func ibansAreCheckedByTheirCheckDigits() {
        #expect(IBAN.isValid("DE02 2005 0550 1015 8713 93"))
        #expect(!IBAN.isValid("DE03 2005 0550 1015 8713 93"))
    }

    @Test func quantitiesHaveThreeDecimalsAndExactNetAmounts() {
        #expect(Quantity.parse("2,5") == Quantity(milli: 2_500))
        #expect(Quantity.parse("0.75") == Quantity(milli: 750))
        #expect(Quantity.parse("3") == 3)
        #expect(Quantity.parse("1.500") == 1_500 && Quantity.parse("1.000,5") == Quantity(milli: 1_000_500))
        #expect(Quantity.parse("1,2345") == nil)
        #expect(Quantity.parse("2,") == nil)
        #expect(Quantity.parse("zwei") == nil)
        #expect(Quantity.parse("-3") == -3 && Quantity.parse("\u{2212}3") == -3 && Quantity.parse("\u{2212}2,5") == Quantity(milli: -2_500))
        #expect(Quantity(milli: 2_500).description == "2,5" && Quantity(milli: 2_500).xml == "2.5")
        // 0,333 h at 95,00 = 31,635 → 31,64 (half away from zero), and the credit note its exact negative.
        #expect(Quantity(milli: 333).times(cents: 9_500) == 3_164)
        #expect(Quantity(milli: -333).times(cents: 9_500) == -3_164)
        #expect(UnitCode(typed: "Std") == .hour && UnitCode(typed: "h") == .hour && UnitCode(typed: "Stk.") == .piece)
        #expect(UnitCode(typed: "KGM") == .kilogram && UnitCode.fromLegacy("Lizenz") == .unit)
    }

    @Test func aLineDiscountIsAPercentageOrAnAmountWithItsReason() throws {
        var fields = InvoiceLineFields(description: "Kaffee", quantity: "10", unit: "Stk", price: "12,50", vatRate: "7", discount: "10 %")
        #expect { try fields.input() } throws: { "\($0)".contains("discount reason: is required with a discount") }
        fields.discountReason = "Mengenrabatt"
        var line = try fields.input()
        #expect(line.discountCents == 1_250 && line.netCents == 11_250)
        fields.discount = "2,50"
        line = try fields.input()
        #expect(line.discountCents == 250 && line.netCents == 12_250)
        fields.discount = "200,00"
        #expect { try fields.input() } throws: { "\($0)".contains("discount: is more than the line's 125,00") }
        fields.discount = "viel"
        #expect { try fields.input() } throws: { "\($0)".contains("discount: must be an amount like 5,00 or a percentage like 10 %") }
    }

    @Test func theCategoryIsSuggestedFromBuyerAndProduct() {
        func suggest(_ country: String, vat: String = "", consumer: Bool = false, goods: Bool, small: Bool = false) -> TaxCategory {
            TaxSuggestion.suggest(smallBusiness: small, buyerCountry: country, buyerVATID: vat, buyerIsConsumer: consumer,
                                  isGoods: goods, productRate: .reduced).category
        }
        #expect(suggest("DE", vat: "DE136695976", goods: true) == .standard)
        #expect(suggest("", goods: false) == .standard)
        #expect(suggest("NL", vat: "NL123456789B01", goods: true) == .intraCommunity)
        #expect(suggest("NL", vat: "NL123456789B01", goods: false) == .reverseCharge)
        #expect(suggest("NL", goods: true) == .standard) // no VAT id: a consumer, German VAT
        #expect(suggest("NL", vat: "NL123456789B01", consumer: true, goods: true) == .standard)
        #expect(suggest("CH", goods: true) == .export)
        #expect(suggest("CH", goods: false) == .notSubject)
        #expect(suggest("CH", consumer: true, goods: false) == .standard)
        #expect(suggest("NL", vat: "NL123456789B01", goods: true, small: true) == .exempt)
        let rate = TaxSuggestion.suggest(smallBusiness: false, buyerCountry: "DE", buyerVATID: "", buyerIsConsumer: false, isGoods: true, productRate: .reduced)
        #expect(rate.rate == .reduced)
    }

    @Test func issuingRefusesSampleSellerDataAndABuyerWithoutAddressNamingTheFields() throws {
        let db = try TestDatabase()
        let customer = try db.database.customers.create(CustomerFields(name: "Ohne Adresse GmbH"), by: db.bob)
        let invoices = db.database.invoices
        let draft = try invoices.createDraft(customerID: customer.id, lines: [
            InvoiceLineInput(description: "Beratung", quantity: 1, unit: "Std", unitPriceCents: 10_000),
        ], by: db.carol)
        #expect { try invoices.issue(draft.id, expectedVersion: draft.version, by: db.carol) } throws: { error in
            guard case let KontorError.invalid(failure) = error else { return false }
            let fields = failure.issues.map(\.field)
            return fields.contains("company") && fields.contains("company VAT id or tax number") && fields.contains("company contact")
                && fields.contains("company phone") && fields.contains("company e-mail") && fields.contains("company electronic address")
                && fields.contains("customer street") && fields.contains("customer postal code") && fields.contains("customer city")
                && fields.contains("customer country")
        }
        #expect(try invoices.lookup(number: "2026", limit: 5).isEmpty) // no number was taken
        try db.readyToInvoice()
        #expect(try invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: db.carol).number == "2026-00001")
    }

    @Test func anEUBusinessGetsReverseChargeAndAnOverrideNeedsAReason() throws {
        let db = try TestDatabase()
        let milano = try db.database.customers.create(CustomerFields(
            name: "Jäger Feinkost S.r.l.", street: "Via Roma 1", postalCode: "20121", city: "Milano", country: "IT", vatID: "IT32918642301"), by: db.bob)
        try db.readyToInvoice()
        let invoices = db.database.invoices
        let draft = try invoices.createDraft(customerID: milano.id, lines: [
            InvoiceLineInput(description: "Beratung", quantity: Quantity(milli: 2_500), unit: "Std", unitPriceCents: 10_000, vatRate: .standard),
        ], by: db.carol)
        var lines = try invoices.lines(of: draft.id)
        #expect(lines[0].taxCategory == .reverseCharge && lines[0].vatRate == .zero)
        #expect(lines[0].vatExemption.contains("Steuerschuldnerschaft des Leistungsempfängers"))
        #expect(lines[0].netCents == 25_000)
        // German VAT instead is an override, and needs its reason.
        let standard = InvoiceLineInput(description: "Beratung", quantity: 1, unit: "Std", unitPriceCents: 10_000, vatRate: .standard,
                                        taxCategory: .standard)
        #expect { try invoices.addLine(to: draft.id, standard, expectedVersion: draft.version, by: db.carol) } throws: { error in
            "\(error)".contains("tax reason: is required: AE (reverse charge) is suggested")
        }
        var reasoned = standard
        reasoned.taxReason = "Leistung am Grundstück in Deutschland"
        let changed = try invoices.addLine(to: draft.id, reasoned, expectedVersion: draft.version, by: db.carol)
        lines = try invoices.lines(of: draft.id)
        #expect(lines.map(\.taxCategory) == [.reverseCharge, .standard])
        #expect(changed.vatCents == 1_900)
        // Export to an EU customer does not fit, whatever the reason.
        var export = standard
        export.taxCategory = .export
        export.taxReason = "versehentlich"
        let again = try invoices.addLine(to: draft.id, export, expectedVersion: changed.version, by: db.carol)
        #expect { try invoices.issue(draft.id, expectedVersion: again.version, by: db.carol) } throws: { error in
            "\(error)".contains("line 3: tax category G does not fit: an export (G) is only to a customer outside the EU")
        }
    }

    @Test func aSmallBusinessChargesNoVAT() throws {
        let db = try TestDatabase()
        var settings = try db.alice.settings()
        settings.smallBusiness = true
        settings.taxNumber = "27/123/45678"
        try db.alice.saveSettings(settings)
        let customer = try db.database.customers.create(CustomerFields(name: "Bäckerei Weiß"), by: db.bob)
        try db.readyToInvoice()
        let invoices = db.database.invoices
        let draft = try invoices.createDraft(customerID: customer.id, lines: [
            InvoiceLineInput(description: "Kaffee", quantity: 2, unitPriceCents: 1_250, vatRate: .reduced),
        ], by: db.carol)
        let issued = try invoices.issue(draft.id, issueDate: "2026-11-02", expectedVersion: draft.version, by: db.carol)
        #expect(issued.vatCents == 0 && issued.grossCents == 2_500)
        #expect(try invoices.lines(of: issued.id)[0].vatExemption == TaxCategory.smallBusinessReason)
        #expect(issued.parties?.smallBusiness == true)
        #expect(try invoices.document(for: issued.id).text.contains("§ 19 UStG"))
    }
}
