import Foundation
import KontorModel

/// A business on a real database file, complete enough to issue invoices,
/// print them and write e-invoices: the company (with `&` and `<` in its
/// name) with contact, IBAN and electronic address, goods at 7 % and 19 %
/// in stock, and a service billed in hours. For the e-invoice and PDF tests.
public final class InvoiceBusiness {
    public let folder: URL
    public let database: KontorDatabase
    public let alice: Session
    public let coffee: Product     // goods, 7 %
    public let grinder: Product    // goods, 19 %
    public let consulting: Product // a service, billed in hours

    public init(smallBusiness: Bool = false, language: DocumentWords.Language = .de) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-invoices-\(UUID().uuidString)")
        database = try KontorDatabase(path: folder.appendingPathComponent("kontor.sqlite").path)
        alice = try database.session(for: Actor(username: "alice"))
        var settings = try alice.settings()
        settings.name = "Kaffee & Co. <Rösterei> GmbH"
        settings.address = "Speicherstraße 12\n20457 Hamburg"
        settings.vatID = smallBusiness ? "" : "DE136695976"
        settings.taxNumber = "27/123/45678"
        settings.contactName = "Jana Hoffmann"
        settings.phone = "+49 40 3250 7710"
        settings.email = "buchhaltung@kaffee-co.example"
        settings.electronicAddress = "rechnung@kaffee-co.example"
        settings.bank = "Hamburger Sparkasse"
        settings.iban = "DE02 2005 0550 1015 8713 93"
        settings.bic = "HASPDEHHXXX"
        settings.smallBusiness = smallBusiness
        settings.documentLanguage = language
        try alice.saveSettings(settings)
        let products = database.products
        coffee = try products.create(ProductFields(sku: "KAF-500", name: "Kaffee Crema 500 g", unit: "Stk", price: "12,50", vatRate: .reduced), by: alice)
        grinder = try products.create(ProductFields(sku: "MUE-1", name: "Kaffeemühle", unit: "Stk", price: "89,90", vatRate: .standard), by: alice)
        consulting = try products.create(ProductFields(sku: "SRV-H", name: "Beratung", unit: "Std", price: "95,00", vatRate: .standard, stocked: false), by: alice)
        try products.receive(productID: coffee.id, quantity: 500, by: alice)
        try products.receive(productID: grinder.id, quantity: 50, by: alice)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    public var invoices: InvoiceRepository { database.invoices }

    public func customer(_ name: String, street: String = "Großer Burstah 7", postalCode: String = "20457", city: String = "Hamburg",
                         country: String = "DE", vatID: String = "", buyerReference: String = "", email: String = "einkauf@kunde.example",
                         kind: CustomerKind = .company) throws -> Customer {
        try database.customers.create(CustomerFields(kind: kind, name: name, contactName: "Eva Einkauf", email: email, street: street,
                                                     postalCode: postalCode, city: city, country: country, vatID: vatID,
                                                     buyerReference: buyerReference), by: alice)
    }

    /// Issues a draft of `lines` for `customer`; the category of each line is Kontor's suggestion unless the line names one.
    public func issue(_ customer: Customer, _ lines: [InvoiceLineInput], on day: String = "2026-11-02", delivery: String? = "2026-10-30",
                      period: (String, String)? = nil, orderReference: String = "", allowances: [InvoiceAllowanceInput] = [],
                      skonto: SkontoOffer = .none) throws -> Invoice {
        var draft = try invoices.createDraft(customerID: customer.id, lines: lines, by: alice)
        for allowance in allowances { draft = try invoices.addAllowance(to: draft.id, allowance, expectedVersion: draft.version, by: alice) }
        return try invoices.issue(draft.id, issueDate: day, deliveryDate: delivery, period: period.map { (start: $0.0, end: $0.1) },
                                  orderReference: orderReference, skonto: skonto, expectedVersion: draft.version, by: alice)
    }

    public func line(_ product: Product, _ quantity: Quantity, unit: String = "Stk") -> InvoiceLineInput {
        InvoiceLineInput(productID: product.id, description: product.fields.name, quantity: quantity, unit: unit,
                         unitPriceCents: Money.parse(product.fields.price)!, vatRate: product.fields.vatRate)
    }
}
