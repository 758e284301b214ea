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
}
