import Foundation
@testable import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// The palette in German: its words, German verbs beside the English
/// ones, and `:sprache` to choose the language, kept for the next session.
@MainActor
@Suite("Palette in German")
struct GermanPaletteTests {
    @Test func germanVerbsOpenAndCreateAsTheEnglishOnesDo() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30), language: .german)
        let business = try h.seedPaletteBusiness()
        let number = try #require(business.invoice.number)
        let text = h.command("rechnung \(number)")
        #expect(text.contains(" Befehl · 1 Treffer "), "\(text)")
        h.press(.enter)
        #expect(h.app.activeScreen.location.record == .invoice(business.invoice.id), "\(h.screen)")
        // The English word works in German too: muscle memory.
        h.press(.escape)
        h.command("cust zeta")
        #expect(h.screen.contains("Zeta Systems"))
        h.press(.escape)
        // `neu kunde` offers the customer form, named in German.
        let new = h.command("neu ku")
        #expect(new.contains("neu kunde") && new.contains("Kunden: Kunde anlegen"), "\(new)")
        h.press(.escape)
        let nothing = h.command("xyzzy")
        #expect(nothing.contains("Nichts passt zu „xyzzy“; versuchen Sie rechnung, kunde, ticket"), "\(nothing)")
    }

    @Test func sprachePicksTheLanguageForThisAndLaterSessions() throws {
        let h = try ScreenHarness(size: Size(width: 100, height: 30))
        #expect(h.screen.contains("1 Customers"))
        let offered = h.command("language ")
        #expect(offered.contains("language Deutsch") && offered.contains("language English"), "\(offered)")
        h.press(.escape)
        h.command("sprache deu")
        h.press(.enter)
        let german = h.screen
        #expect(german.contains("Kontor spricht jetzt Deutsch"), "\(german)")
        #expect(german.contains("1 Kunden") && german.contains("? Hilfe"), "\(german)")
        #expect(try h.session.preferences()[.language] == "de")
        // The next session of the same person starts in German; an explicit
        // language (--lang, KONTOR_LANG) still wins for one run.
        let next = App(session: try h.database.session(for: ScreenHarness.tester), theme: .fallback)
        #expect(next.language == .german)
        #expect(App(session: try h.database.session(for: ScreenHarness.tester), theme: .fallback, language: .english).language == .english)
        // And back.
        h.command("sprache english")
        h.press(.enter)
        #expect(h.screen.contains("Kontor speaks English now") && h.screen.contains("1 Customers"), "\(h.screen)")
    }

    /// The trail names the places left before a change of language in the
    /// new one: "Kunden › Rechnung 2026-…", not "Customers › Invoice …".
    @Test func theTrailSpeaksTheLanguageChosen() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedMuellerBusiness()
        let number = try #require(business.invoice.number)
        h.app.open(.invoice(business.invoice.id))
        let (english, german) = Self.beforeAndAfterGerman(h)
        #expect(english.contains("Customers › Invoice \(number) › Tickets"), "\(english)")
        #expect(german.contains("Kunden › Rechnung \(number) › Tickets"), "\(german)")
    }

    /// The footer's undo names the change in the language chosen since it
    /// was made: "rückgängig: Status von #…", not "status of #…".
    @Test func undoSpeaksTheLanguageChosenAfterTheChange() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 30))
        let tickets = try h.addTickets()
        let ticket = try #require(tickets["Toner leer"])
        h.app.offerUndo(try Undoable.ticketChange(from: [h.ticket(ticket.id)],
                                                  to: h.database.tickets.setStatus(ids: [ticket.id], .closed, by: h.session)))
        let (english, german) = Self.beforeAndAfterGerman(h)
        #expect(english.contains("undo status of #\(ticket.id)"), "\(english)")
        #expect(german.contains("rückgängig: Status von #\(ticket.id)"), "\(german)")
    }

    /// The Tickets screen, then the same after `:sprache deu`.
    private static func beforeAndAfterGerman(_ h: ScreenHarness) -> (String, String) {
        let english = h.press(.char("2"))
        h.command("sprache deu")
        return (english, h.press(.enter))
    }

    /// The related pane is read again in the language chosen: its words
    /// were made in the one before.
    @Test func theRelatedPaneSpeaksTheLanguageChosen() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        _ = h.screen
        h.app.settle()
        #expect(h.app.frame(size: h.size).0.text.contains("Contacts ("), "\(h.screen)")
        h.command("sprache deu")
        h.press(.enter)
        _ = h.screen
        h.app.settle()
        let german = h.app.frame(size: h.size).0.text
        #expect(german.contains("Kontakte (") && !german.contains("Contacts ("), "\(german)")
        h.command("language english")
        h.press(.enter)
    }

    @Test func aRoleRefusalIsWordedInGerman() throws {
        let h = try ScreenHarness()
        let app = App(session: h.bob, theme: .fallback, language: .german)
        let size = Size(width: 100, height: 30)
        for key in [Key.char("6"), .char(":")] + "role".map({ Key.char($0) }) {
            _ = app.frame(size: size)
            app.handle(key)
        }
        app.settle()
        let text = app.frame(size: size).0.text
        #expect(text.contains("nur Admins; Ihre Rolle ist Front Office"), "\(text)")
    }

    /// `:deal`, `:ticket`, `:sku` say how many match in all, in German too.
    @Test func dealTicketAndProductCountsInGerman() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30), language: .german)
        let customer = try #require(try h.customer(named: "Zeta Systems"))
        for i in 1...11 {
            try h.database.deals.create(DealFields(customerID: customer.id, title: "Wartungsvertrag \(i)"), by: h.session)
            try h.database.tickets.create(TicketFields(subject: "Preisliste \(i) fehlt", customerID: customer.id), by: h.session)
            try h.database.products.create(ProductFields(sku: "KF-\(i)", name: "Kaffeefilter Größe \(i)", price: "2,00"), by: h.session)
        }
        for line in ["deal wartung", "ticket preisliste", "sku kaffeefilter"] {
            let text = h.command(line)
            #expect(text.contains("Befehl · 11 Treffer · die ersten 8 hier; weitertippen grenzt ein"), "\(line):\n\(text)")
            h.press(.escape)
        }
    }
}
