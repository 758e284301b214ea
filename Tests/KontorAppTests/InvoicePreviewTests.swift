import Foundation
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// The preview beside the Invoices list at 200 columns: a service shows
/// no stock, the header says the invoice's state once, and the list and
/// Inventory's preview name a status by the same word.
@MainActor
@Suite("Invoice previews beside lists")
struct InvoicePreviewTests {
    private func lines(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// A draft for Zeta with half an hour of a service, which is not
    /// stocked, and a coffee grinder, which is.
    private func draftWithAService(_ h: ScreenHarness) throws -> Invoice {
        let data = try h.seedInvoices()
        let service = try h.database.products.create(ProductFields(sku: "SRV-WART", name: "Wartung Kaffeevollautomat", unit: "Std", price: "80,00",
                                                                   stocked: false), by: data.carol)
        return try h.database.invoices.createDraft(customerID: try #require(try h.customer(named: "Zeta Systems")).id, lines: [
            InvoiceLineInput(productID: service.id, description: "Wartung Kaffeevollautomat", quantity: Quantity(milli: 500), unit: "Std", unitPriceCents: 8_000),
            InvoiceLineInput(productID: data.grinder.id, description: "Kaffeemühle", quantity: 1, unitPriceCents: 8_990),
        ], by: data.carol)
    }

    @Test(arguments: [Language.english, .german])
    func aServiceInTheInvoicePreviewShowsNoStockAndTheHeaderSaysItOnce(language: Language) throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50), language: language)
        let draft = try draftWithAService(h)
        h.press(.char("4"), .char("/"))
        h.type("zeta")
        let screen = h.press(.enter)
        let english = language == .english
        let service = try #require(lines(screen).first { $0.contains("Wartung Kaffeevollautomat ·") }, "\(screen)")
        #expect(service.contains(english ? "0,5 × Wartung Kaffeevollautomat · service" : "0,5 × Wartung Kaffeevollautomat · Service"), "\(service)")
        #expect(!service.contains(english ? "on hand" : "am Lager") && !service.contains(english ? "available" : "verfügbar"), "\(service)")
        // A stocked product beside it still shows its stock.
        #expect(screen.contains(english ? "1 × Kaffeemühle · 9 on hand" : "1 × Kaffeemühle · 9 am Lager"), "\(screen)")
        // The title names the draft; the line under it does not name it again.
        let title = english ? "Draft invoice #\(draft.id)" : "Rechnungsentwurf #\(draft.id)"
        let titleLine = try #require(lines(screen).firstIndex { $0.contains(title) }, "\(screen)")
        let summary = lines(screen)[titleLine + 1]
        #expect(summary.contains(english ? "· Draft" : "· Entwurf"), "\(summary)")
        #expect(!summary.contains(english ? "draft ·" : "Entwurf ·"), "said twice: \(summary)")
    }

    @Test(arguments: [Language.english, .german])
    func theInvoiceListAndTheProductPreviewNameAStatusAlike(language: Language) throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50), language: language)
        let data = try h.seedInvoices()
        let overdue = try h.invoice(data.overdue.id)
        _ = try h.database.invoices.cancel(overdue.id, reason: "falsch", expectedVersion: overdue.version, by: data.carol)
        let english = language == .english
        let cancelled = english ? "Cancelled" : "Storniert", issued = english ? "Open" : "Offen"
        // The invoices list: the cancelled one and the one issued, unpaid.
        h.press(.char("4"), .char("/"))
        h.type(data.overdue.number!)
        var screen = h.press(.enter)
        let row = try #require(lines(screen).first { $0.contains(data.overdue.number!) && $0.contains("Müller") }, "\(screen)")
        #expect(row.contains(cancelled) && !row.contains(english ? "credited" : "gutgeschrieben"), "\(row)")
        h.press(.escape)
        h.press(.char("/"))
        h.type(data.open.number!)
        screen = h.press(.enter)
        let open = try #require(lines(screen).first { $0.contains(data.open.number!) && $0.contains("Weiß") }, "\(screen)")
        #expect(open.contains(issued), "\(open)")
        // The product's preview on Inventory says the same word.
        h.press(.char("5"), .char("/"))
        h.type("kaffeemühle")
        screen = h.press(.enter)
        let use = try #require(lines(screen).first { $0.contains(" \(data.overdue.number!) · Müller") }, "\(screen)")
        #expect(use.contains(cancelled), "\(use)")
    }
}
