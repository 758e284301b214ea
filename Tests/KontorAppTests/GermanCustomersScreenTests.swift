import Foundation
import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// The Customers screen in German at 80×24: the list, the 360° view, the
/// customer and contact forms, the questions and the help read in German,
/// nothing cut so that it loses its meaning, and yes or no chosen in German.
@MainActor
@Suite("Customers screen in German")
struct GermanCustomersScreenTests {
    private func lines(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func theListReadsInGerman() throws {
        let h = try ScreenHarness(language: .german)
        let screen = h.screen
        #expect(screen.contains("Kunden  9 aktiv"), "\(screen)")
        for header in ["Name", "Kontakt", "Ort", "Telefon", "Tickets", "Offen €"] { #expect(screen.contains(header), "\(header): \(screen)") }
        let footer = lines(screen)[23]
        for hint in ["Enter öffnen", "/ filtern", "n neu", "e bearbeiten", "a archivieren", "? Hilfe"] {
            #expect(footer.contains(hint), "footer lacks \(hint): \(footer)")
        }
        for line in lines(screen) { #expect(TextWidth.of(line) <= 80, "too wide: \(line)") }
        let none = h.type("/xyzzy")
        #expect(none.contains("Kein Kunde passt zu „xyzzy“."), "\(none)")
    }

    @Test func theCustomerReadsInGerman() throws {
        let h = try ScreenHarness(language: .german)
        h.press(.char("/"))
        h.type("zeta")
        let screen = h.press(.enter, .enter)
        #expect(screen.contains("Zeta Systems") && screen.contains("Firma · #"), "\(screen)")
        #expect(screen.contains("nichts offen · keine offenen Tickets · keine offenen Deals"), "\(screen)")
        #expect(screen.contains("Kontakte (1)") && screen.contains("Lena Zimmermann"), "\(screen)")
        #expect(screen.contains("Tickets (0 offen)") && screen.contains("Deals (0 offen)"), "\(screen)")
        #expect(screen.contains("sofort fällig") || screen.contains("Ziel "), "\(screen)")
        #expect(screen.contains("Kontakt anlegen") && screen.contains("? Hilfe"), "the footer: \(screen)")
        for line in lines(screen) { #expect(TextWidth.of(line) <= 80, "too wide: \(line)") }
        let help = h.press(.char("?"))
        #expect(help.contains("Diesen Kunden bearbeiten") && help.contains("Einen Ansprechpartner anlegen"), "\(help)")
    }

    @Test func theCustomerFormReadsInGerman() throws {
        let h = try ScreenHarness(language: .german)
        let form = h.press(.char("n"))
        #expect(form.contains("Neuer Kunde"), "\(form)")
        for label in ["Name", "Kontakt", "E-Mail", "Telefon", "Straße", "PLZ", "Ort", "Land", "USt-IdNr.", "Zahlungsziel", "Pflichtfeld"] {
            #expect(form.contains(label), "\(label): \(form)")
        }
        h.type("Neue Firma Beispiel")
        let saved = h.press(.ctrl("s"))
        #expect(saved.contains("Neue Firma Beispiel gespeichert · c legt einen Kontakt an"), "\(saved)")
    }

    @Test func aContactIsMadePrimaryByTheGermanWord() throws {
        let h = try ScreenHarness(language: .german)
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter, .enter)
        let form = h.press(.char("c"))
        #expect(form.contains("Neuer Kontakt · Zeta Systems") && form.contains("Hauptkontakt") && form.contains("Rolle"), "\(form)")
        h.type("Lena Zimmermann")
        h.press(.tab, .tab, .tab, .tab)
        let choosing = h.type("ja")
        #expect(choosing.contains("‹ ja ›"), "\(choosing)")
        let saved = h.press(.ctrl("s"))
        #expect(saved.contains("Kontakt Lena Zimmermann gespeichert"), "\(saved)")
        let customer = try #require(try h.customer(named: "Zeta Systems"))
        #expect(try h.database.customers.contacts(of: customer.id).first?.fields.isPrimary == true)
    }

    @Test func archivingAsksInGerman() throws {
        let h = try ScreenHarness(language: .german)
        let asked = h.press(.char("a"))
        #expect(asked.contains("Kunde archivieren") && asked.contains("Er verlässt die aktive Liste"), "\(asked)")
        let done = h.press(.char("y"))
        #expect(done.contains("archiviert"), "\(done)")
        #expect(done.contains("Kunden  8 aktiv"), "\(done)")
    }
}
