import Foundation
@testable import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// The frame every screen shares, in German at 80×24: tabs, footer, help,
/// notices, the quit question, a terminal too small; and the same App in
/// English beside it, untouched by the other's language.
@MainActor
@Suite("The frame in German")
struct GermanFrameTests {
    @Test func tabsFooterAndHelpAt80Columns() throws {
        let h = try ScreenHarness(language: .german)
        let text = h.screen
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].contains("1 Kunden 2 Tickets 3 Deals") && lines[0].contains("0 Übersicht"), "\(lines[0])")
        #expect(lines.last?.contains("? Hilfe") == true, "the footer keeps its help: \(lines.last ?? "")")
        h.press(.char("?"))
        let help = h.screen
        #expect(help.contains("Tasten · Kunden") && help.contains("Bewegen") && help.contains("Nächste Zeile"), "\(help)")
        #expect(help.contains("Esc oder ? schließt"), "\(help)")
        // The English App beside it is English.
        let english = App(session: h.session, theme: .fallback, language: .english)
        let englishText = english.frame(size: h.size).0.text
        #expect(englishText.contains("1 Customers") && englishText.contains("? help"), "\(englishText)")
    }

    @Test func noticesAndTheQuitQuestionAreGerman() throws {
        let h = try ScreenHarness(language: .german)
        let customer = try #require(try h.customer(named: "Müller GmbH"))
        let ticket = try h.database.tickets.create(TicketFields(subject: "Drucker brennt", customerID: customer.id), by: h.bob)
        #expect(h.app.tick())
        h.press(.char("!"))
        let notices = h.screen
        #expect(notices.contains("Eingetroffen") && notices.contains("neu (bob)") && notices.contains("#\(ticket.id) Drucker brennt"), "\(notices)")
        #expect(notices.contains("Enter öffnet · b Glocke · Esc schließt"), "\(notices)")
        h.press(.char("b"))
        #expect(h.screen.contains("Glocke an"), "\(h.screen)")
        h.press(.escape)
        // A form with changes, then q: the question in German, answered with j (ja).
        h.press(.char("n"))
        h.type("Neue Firma")
        h.press(.escape)
        #expect(h.screen.contains("Änderungen verwerfen") && h.screen.contains("[j] verwerfen"), "\(h.screen)")
    }

    @Test func aTerminalTooSmallSaysSoInGerman() throws {
        let h = try ScreenHarness(size: Size(width: 30, height: 8), language: .german)
        #expect(h.screen.contains("Terminal zu klein") && h.screen.contains("q beendet"), "\(h.screen)")
    }

    @Test func durationsAndCountsFollowTheLanguage() {
        Language.$scoped.withValue(.german) {
            #expect(Format.duration(seconds: 45 * 60) == "45m")
            #expect(Format.duration(seconds: 3 * 3600 + 5 * 60) == "3h 05m")
            #expect(Format.duration(seconds: 2 * 86_400 + 4 * 3600) == "2T 4h")
        }
        #expect(Format.duration(seconds: 3 * 3600 + 5 * 60) == "3h 05m")
    }
}
