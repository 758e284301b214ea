import Foundation
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

/// The palette says how many records match, which invoice a serial means,
/// and who may do an action it does not offer.
@MainActor
@Suite("Palette: counts, serials, refusals")
struct PaletteCountsAndRefusalsTests {
    @Test func custMuellerSaysHowManyCustomersMatchNotHowManyAreShown() throws {
        let h = try ScreenHarness()
        for i in 1...20 { try h.database.customers.create(CustomerFields(name: "Müller Filiale \(i)", city: "Köln"), by: h.session) }
        let matching = try h.database.customers.count(CustomerQuery(text: "müller"))
        #expect(matching > 20)
        let text = h.command("cust müller")
        #expect(text.contains("Command · \(matching) matches · the first 8 here"), "\(text)")
        #expect(h.paletteRows.count == 8, "\(text)")
        // Few enough to show them all: the plain count.
        h.press(.escape)
        let few = h.command("cust zeta")
        #expect(few.contains("Command · 1 match "), "\(few)")
    }

    @Test("“cust mueller” ranks the customers as “cust müller” does: names first, however the umlaut is typed")
    func umlautsWrittenOutRankAsTyped() throws {
        let h = try ScreenHarness()
        // Before "Müller GmbH" in the list, found by its contact person only.
        try h.database.customers.create(CustomerFields(name: "Alpha Bau", contactName: "Ute Müller"), by: h.session)
        try h.database.customers.create(CustomerFields(name: "Muller SARL", city: "Lyon"), by: h.session)
        func names(_ typed: String) -> [String] {
            h.command("cust \(typed)")
            let rows = h.paletteRows.compactMap { row in ["Müller GmbH", "Muller SARL", "Alpha Bau"].first { row.contains($0) } }
            h.press(.escape)
            return rows
        }
        #expect(names("müller") == ["Müller GmbH", "Muller SARL", "Alpha Bau"], "as typed, without accents, then by contact")
        #expect(names("mueller") == ["Müller GmbH", "Alpha Bau"], "written out: the name first too (“Muller” is not “Mueller”)")
    }

    @Test func invFortyTwoPreselectsTheInvoiceNotTheCreditNote() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedPaletteBusiness()
        let number = try #require(business.invoice.number)
        _ = try h.database.invoices.cancel(business.invoice.id, reason: "doppelt", on: CalendarDate.today(),
                                           expectedVersion: business.invoice.version, by: h.session)
        let creditNote = try #require(try h.database.invoices.creditNotes(for: business.invoice.id).first?.number)
        #expect(creditNote.hasPrefix("CN-") && creditNote.hasSuffix(String(number.suffix(5))), "the same serial: \(creditNote)")
        let serial = String(number.suffix(5).drop { $0 == "0" })
        h.command("inv \(serial)")
        let rows = h.paletteRows
        #expect(rows.first?.hasPrefix("›") == true && rows.first?.contains(number) == true, "the invoice is preselected:\n\(h.screen)")
        #expect(rows.contains { $0.contains(creditNote) }, "the credit note is offered below it")
        h.press(.enter)
        #expect(h.app.activeScreen.location.record == .invoice(business.invoice.id), "Enter opens the invoice")
    }

    @Test func invANumbersStartSaysHowManyNumbersStartSo() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedPaletteBusiness()
        for _ in 1...11 {
            let draft = try h.database.invoices.createDraft(customerID: business.customer.id, lines: [
                InvoiceLineInput(description: "Wartung", quantity: 1, unit: "h", unitPriceCents: 9000, vatRate: .standard),
            ], by: h.session)
            _ = try h.database.invoices.issue(draft.id, expectedVersion: draft.version, by: h.session)
        }
        let number = try #require(business.invoice.number)
        let start = String(number.prefix(6)) // "2026-0"
        let text = h.command("inv \(start)")
        #expect(text.contains("Command · 12 matches · the first 8 here"), "\(text)")
        #expect(h.paletteRows.count == 8, "\(text)")
        h.press(.escape)
        // Typed without the verb, a number's start is counted the same.
        let bare = h.command(start + "0")
        #expect(bare.contains("Command · 12 matches · the first 8 here"), "\(bare)")
        h.press(.escape)
        #expect(h.command("inv \(number)").contains("Command · 1 match "), "\(h.screen)")
    }

    @Test func nothingMatchesSaysWhichRolesMayDoTheAction() throws {
        let h = try ScreenHarness()
        let app = App(session: h.bob, theme: .fallback)
        let size = Size(width: 100, height: 30)
        func press(_ keys: [Key]) -> String {
            for key in keys {
                _ = app.frame(size: size)
                app.handle(key)
            }
            // The search over everything answers a moment after the letter.
            app.settle()
            return app.frame(size: size).0.text
        }
        // On Staff, changing a role is the admins'.
        let text = press([.char("6"), .char(":")] + "role".map { Key.char($0) })
        #expect(text.contains("“role” (R) is for admins only; your role is Front office"), "\(text)")
        _ = press([.escape])
        // Words that name no action at all still say what the palette understands.
        #expect(press([.char(":")] + "xyzzy".map { Key.char($0) }).contains("Nothing matches “xyzzy”"))
    }

    /// `:deal`, `:ticket` and `:sku` say how many match in all, as `:cust`
    /// does, not how many are shown.
    @Test func dealTicketAndSkuSayHowManyMatchNotHowManyAreShown() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let customer = try #require(try h.customer(named: "Zeta Systems"))
        let service = try h.database.customers.create(CustomerFields(name: "Wartung Nord GmbH", city: "Kiel"), by: h.session)
        for i in 1...81 {
            try h.database.deals.create(DealFields(customerID: customer.id, title: "Wartungsvertrag \(i)"), by: h.session)
        }
        // Two more by their customer's name.
        for title in ["Kantine", "Aufzug"] {
            try h.database.deals.create(DealFields(customerID: service.id, title: title), by: h.session)
        }
        let deals = h.command("deal wartung")
        #expect(deals.contains("Command · 83 matches · the first 8 here; type more to narrow"), "\(deals)")
        #expect(h.paletteRows.count == 8, "\(deals)")
        h.press(.escape)

        var tickets: [Ticket] = []
        for i in 1...10 {
            tickets.append(try h.database.tickets.create(TicketFields(subject: "Preisliste \(i) fehlt", customerID: customer.id), by: h.session))
        }
        _ = try h.database.tickets.setStatus(ids: [tickets[0].id], .closed, by: h.session)
        let open = h.command("ticket preisliste")
        #expect(open.contains("Command · 9 matches · the first 8 here"), "only open tickets count:\n\(open)")
        h.press(.escape)

        for i in 1...12 {
            try h.database.products.create(ProductFields(sku: "KF-\(i)", name: "Kaffeefilter Größe \(i)", price: "2,00"), by: h.session)
        }
        let products = h.command("sku kaffeefilter")
        #expect(products.contains("Command · 12 matches · the first 8 here"), "\(products)")
        h.press(.escape)
        // Few enough to show them all: the plain count, as before.
        let few = h.command("deal kantine")
        #expect(few.contains("Command · 1 match "), "\(few)")
    }

    /// `#91` is deal 91 and nothing else, as `#29` is ticket 29; plain `91`
    /// still finds words too.
    @Test func hashNumberFindsExactlyThatDeal() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let customer = try #require(try h.customer(named: "Zeta Systems"))
        var made: [Deal] = []
        for i in 1...3 { made.append(try h.database.deals.create(DealFields(customerID: customer.id, title: "Projekt \(i)"), by: h.session)) }
        let target = made[0]
        try h.database.deals.create(DealFields(customerID: customer.id, title: "Umbau \(target.id) Lager"), by: h.session)
        let exact = h.command("deal #\(target.id)")
        #expect(exact.contains("Command · 1 match "), "\(exact)")
        #expect(h.paletteRows.count == 1 && h.paletteRows[0].contains("Projekt 1"), "\(exact)")
        h.press(.escape)
        let words = h.command("deal \(target.id)")
        #expect(h.paletteRows.count == 2, "a plain number also finds the title's word:\n\(words)")
        h.press(.escape)
        #expect(try h.database.deals.search("#\(target.id)", limit: 8).map(\.id) == [target.id])
        #expect(try h.database.deals.count(matching: "#\(target.id)").count == 1)
    }
}
