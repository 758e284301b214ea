import Foundation
import KontorModel
import KontorPDF
import TestSupport

/// A business on a real database file with everything an invoice needs,
/// and a folder for the PDFs it prints: names with umlauts, `&` and `<`, a
/// bank account, goods at 19 % and 7 % and a service billed in hours.
final class PDFFixture {
    let folder: URL
    let database: KontorDatabase
    let alice: Session
    let coffee: Product     // goods, 7 %
    let grinder: Product    // goods, 19 %
    let consulting: Product // a service, in hours

    init(language: DocumentWords.Language = .de) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("kontor-pdf-\(UUID().uuidString)")
        database = try KontorDatabase(path: folder.appendingPathComponent("kontor.sqlite").path)
        alice = try database.session(for: Actor(username: "alice"))
        var settings = try alice.settings()
        settings.name = "Kaffee & Co. <Rösterei> GmbH"
        settings.address = "Speicherstraße 12\n20457 Hamburg"
        settings.vatID = "DE136695976"
        settings.taxNumber = "27/123/45678"
        settings.bank = "Hamburger Sparkasse"
        settings.iban = "DE02 2005 0550 1015 8713 93"
        settings.bic = "HASPDEHHXXX"
        settings.documentLanguage = language
        settings.completeForInvoices()
        try alice.saveSettings(settings)
        let products = database.products
        coffee = try products.create(ProductFields(sku: "KAF-500", name: "Kaffee Crema 500 g", unit: "Stk", price: "12,50", vatRate: .reduced), by: alice)
        grinder = try products.create(ProductFields(sku: "MUE-1", name: "Kaffeemühle", unit: "Stk", price: "89,90", vatRate: .standard), by: alice)
        consulting = try products.create(ProductFields(sku: "SRV-H", name: "Beratung", unit: "Std", price: "95,00", vatRate: .standard, stocked: false), by: alice)
        try products.receive(productID: coffee.id, quantity: 500, by: alice)
        try products.receive(productID: grinder.id, quantity: 50, by: alice)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    var invoices: InvoiceRepository { database.invoices }

    func customer(_ name: String, street: String = "Großer Burstah 7", postalCode: String = "20457", city: String = "Hamburg",
                  country: String = "DE", vatID: String = "") throws -> Customer {
        try database.customers.create(CustomerFields(kind: .company, name: name, contactName: "Eva Einkauf", email: "einkauf@kunde.example",
                                                     street: street, postalCode: postalCode, city: city, country: country, vatID: vatID), by: alice)
    }

    func issue(_ customer: Customer, _ lines: [InvoiceLineInput], delivery: String? = "2026-10-30",
               period: (String, String)? = nil, orderReference: String = "") throws -> Invoice {
        let draft = try invoices.createDraft(customerID: customer.id, lines: lines, by: alice)
        return try invoices.issue(draft.id, issueDate: "2026-11-02", deliveryDate: delivery, period: period.map { (start: $0.0, end: $0.1) },
                                  orderReference: orderReference, expectedVersion: draft.version, by: alice)
    }

    func line(_ product: Product, _ quantity: Quantity, unit: String = "Stk") -> InvoiceLineInput {
        InvoiceLineInput(productID: product.id, description: product.fields.name, quantity: quantity, unit: unit,
                         unitPriceCents: Money.parse(product.fields.price)!, vatRate: product.fields.vatRate)
    }

    /// The invoice's PDF, written into the fixture's folder. With
    /// `KONTOR_KEEP_PDF=DIR` a copy stays in DIR, to look at
    /// (`pdftoppm -png -r 60 DIR/2026-00001.pdf page`).
    func pdf(of invoiceID: Int64) throws -> URL {
        let sheet = try invoices.sheet(for: invoiceID)
        let url = folder.appendingPathComponent(sheet.fileName)
        let data = try InvoicePDF.render(sheet)
        try data.write(to: url)
        if let keep = ProcessInfo.processInfo.environment["KONTOR_KEEP_PDF"], !keep.isEmpty {
            try FileManager.default.createDirectory(atPath: keep, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: keep).appendingPathComponent("\(folder.lastPathComponent)-\(sheet.fileName)"))
        }
        return url
    }
}
