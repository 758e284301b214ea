import Foundation
import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// The Deals screen in German at 80×24: the board, the list, a deal, the
/// forms, the questions and the help read in German, nothing cut so that it
/// loses its meaning.
@MainActor
@Suite("Deals screen in German")
struct GermanDealsScreenTests {
    @Test func theBoardReadsInGerman() throws {
        let h = try ScreenHarness(language: .german)
        try h.dealsFixture()
        let screen = h.screen
        #expect(screen.contains("Deals  Board · 5 offen · gewichtet"), "\(screen)")
        #expect(screen.contains("Lead") && screen.contains("Qualifiziert") && screen.contains("Angebot"), "\(screen)")
        #expect(screen.contains("gewichtet") || screen.contains("gew."), "\(screen)")
        #expect(h.lines[23].contains("? Hilfe") && h.lines[23].contains("n neu"), "\(h.lines[23])")
        for line in h.lines { #expect(TextWidth.of(line) <= 80, "too wide: \(line)") }
        let help = h.press(.char("?"))
        #expect(help.contains("Den markierten Deal öffnen") && help.contains("Neuer Deal"), "\(help)")
    }

    @Test func aClosedDealsDateStandsApartFromItsLabel() throws {
        let h = try ScreenHarness(language: .german)
        let f = try h.dealsFixture()
        h.app.open(.deal(f.printer))
        let line = try #require(h.lines.first { $0.contains("Abgeschl. am") })
        #expect(line.range(of: #"Abgeschl\. am +\d\d\.\d\d\.\d{4}"#, options: .regularExpression) != nil, "\(line)")
    }

    @Test func theRelatedPaneReadsInGerman() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50), language: .german)
        let business = try h.seedMuellerBusiness()
        let product = try h.database.products.create(ProductFields(sku: "DRU-1", name: "Druckerpatrone", price: "39,90"), by: h.session)
        try h.database.products.receive(productID: product.id, quantity: 2, by: h.session)
        _ = try h.database.deals.addLine(to: business.deal.id, DealLineFields(productID: product.id, description: "Druckerpatrone", quantity: 5, unitPriceCents: 3990),
                                         expectedVersion: business.deal.version, by: h.session)
        h.press(.char("3"))
        let text = h.press(.tab)
        #expect(text.contains("Positionen (1) · 1 nicht vorrätig"), "\(text)")
        #expect(text.contains("5 × Druckerpatrone · 2 verfügbar · 3 fehlen"), "\(text)")
        #expect(!text.contains("available") && !text.contains("short"), "\(text)")
    }

    @Test func theListReadsInGerman() throws {
        let h = try ScreenHarness(language: .german)
        try h.dealsFixture()
        let list = h.press(.char("v"))
        #expect(list.contains("Liste · Lead (2) · nach Wert ▼"), "\(list)")
        for header in ["Titel", "Kunde", "Wert", "Betreuer", "Abschl."] { #expect(list.contains(header), "\(header): \(list)") }
        let sorted = h.press(.char("s"))
        #expect(sorted.contains("nach Abschlussdatum"), "\(sorted)")
    }

    @Test func aDealReadsInGerman() throws {
        let h = try ScreenHarness(language: .german)
        try h.dealsFixture()
        let screen = h.press(.enter)
        #expect(screen.contains("Server rack") && screen.contains("[Lead]"), "\(screen)")
        for label in ["Kunde", "Betreuer", "Wert", "Wahrsch.", "Abschl.", "Wiedervorl.", "Quelle", "Positionen", "Verlauf"] {
            #expect(screen.contains(label), "\(label): \(screen)")
        }
        #expect(screen.contains("keine: der Wert wurde eingetippt"), "\(screen)")
        #expect(screen.contains("31.01.2027"), "the close date as a German reads it: \(screen)")
        for line in h.lines { #expect(TextWidth.of(line) <= 80, "too wide: \(line)") }
        // Moved on, and said so in German.
        let moved = h.press(.char(">"))
        #expect(moved.contains("„Server rack“ von Lead nach Qualifiziert verschoben"), "\(moved)")
    }

    @Test func theDealFormReadsInGerman() throws {
        let h = try ScreenHarness(language: .german)
        try h.dealsFixture()
        let form = h.press(.char("n"))
        #expect(form.contains("Neuer Deal"), "\(form)")
        for label in ["Kunde", "Titel", "Wert", "Wahrsch. %", "Erw. Abschluss", "Betreuer", "Wiedervorlage", "Lead-Quelle"] {
            #expect(form.contains(label), "\(label): \(form)")
        }
        #expect(form.contains("tippen oder Enter zum Wählen"), "\(form)")
    }

    @Test func markingLostAsksWhyInGerman() throws {
        let h = try ScreenHarness(language: .german)
        let deals = try h.dealsFixture()
        let asked = h.press(.char("x"))
        #expect(asked.contains("Warum ging „Server rack“ verloren?") && asked.contains("Grund"), "\(asked)")
        h.type("Preis")
        let done = h.press(.ctrl("s"))
        #expect(done.contains("„Server rack“ als verloren markiert"), "\(done)")
        #expect(try h.deal(deals.rack).stage == .lost)
    }

    @Test func aDealsLinesReadInGerman() throws {
        let h = try ScreenHarness(language: .german)
        try h.dealsFixture()
        h.press(.enter)
        h.press(.char("a"))
        let form = h.press(.enter) // the first product
        #expect(form.contains("Neue Position") && form.contains("Artikel") && form.contains("Einzelpreis"), "\(form)")
        let asked = h.press(.ctrl("s"))
        #expect(asked.contains("Den eingetippten Wert ersetzen?") && asked.contains("„Server rack“ ist 12.500,00 EUR wert, eingetippt."), "\(asked)")
        let screen = h.press(.char("y"))
        #expect(screen.contains("Position hinzugefügt"), "\(screen)")
        for header in ["Artikelnummer", "Beschreibung", "Menge", "Einzelpreis", "USt.", "Netto"] { #expect(screen.contains(header), "\(header): \(screen)") }
        #expect(screen.contains("1 · a hinzufügen · Enter bearbeiten · d entfernen"), "\(screen)")
        for line in h.lines { #expect(TextWidth.of(line) <= 80, "too wide: \(line)") }
    }
}
