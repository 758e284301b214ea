import Foundation
import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// Inventory in German at 80×24: the list, a product's record, the forms,
/// the help, and the kind of a product chosen in German.
@MainActor
@Suite("Inventory in German")
struct GermanInventoryScreenTests {
    @Test func theListSpeaksGerman() throws {
        let f = try InventoryFixture(language: .german)
        let text = f.h.screen
        for word in ["Lager", "[aktiv]", "Bestand niedrig", "inaktiv", "Artikelnummer", "Name", "Bestand", "Reserv.", "Verfüg.", "Meldeb.", "Preis",
                     "! unter Meldebestand", "× inaktiv", "? Hilfe"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        #expect(text.contains("3 aktiv"), "\(text)")
        let low = try #require(f.line(containing: "Wasserfilter"))
        #expect(low.hasPrefix("!"), "\(low)")
        let lowView = f.h.press(.char("v"))
        #expect(lowView.contains("[Bestand niedrig]"), "\(lowView)")
    }

    @Test func aRecordAndItsHelpSpeakGerman() throws {
        let f = try InventoryFixture(language: .german)
        f.open(InventoryFixture.coffeeEAN)
        var text = f.h.screen
        for word in ["Kaffee Crema 1 kg", "Artikelnummer KAF-1", "Einkaufspreis", "Meldebestand", "Bestand 48 Pck", "Reserviert 10", "Verfügbar 38",
                     "[Lagerbuch]", "Reservierungen 10", "Deals", "Rechnungen", "Zugang", "Korrektur", "Bruch beim Auspacken", "? Hilfe"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        text = f.h.press(.tab)
        #expect(text.contains("Deal gewonnen") && text.contains("Rg.-Entwurf"), "\(text)")
        let help = f.h.press(.char("?"))
        #expect(help.contains("Wareneingang: eine Lieferung in den Bestand buchen"), "\(help)")
        #expect(!help.contains("Receive goods"), "\(help)")
    }

    @Test func receivingGoodsSpeaksGerman() throws {
        let f = try InventoryFixture(language: .german)
        f.open(InventoryFixture.coffeeEAN)
        var text = f.h.press(.char("r"))
        #expect(text.contains("Wareneingang · KAF-1 Kaffee Crema 1 kg · Bestand 48 Pck"), "\(text)")
        #expect(text.contains("Menge") && text.contains("Lieferschein"), "\(text)")
        f.h.type("12")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("12 Pck von KAF-1 Kaffee Crema 1 kg eingegangen; Bestand 60 Pck"), "\(text)")
    }

    @Test func aServiceIsChosenInGerman() throws {
        let f = try InventoryFixture(language: .german)
        var text = f.h.press(.char("n"))
        for word in ["Neuer Artikel", "Artikelnummer", "USt.-Satz", "Einkaufspreis", "Meldebestand", "Art", "Lagerware"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        f.h.type("SRV-1")
        f.h.press(.tab, .tab)
        f.h.type("Einbau vor Ort")
        f.h.press(.tab, .ctrl("u"))
        f.h.type("Std")
        f.h.press(.tab)
        f.h.type("75,00")
        for _ in 0..<4 { f.h.press(.tab) }
        text = f.h.type("Dienst")
        #expect(text.contains("‹ Dienstleistung ›"), "\(text)")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("SRV-1 Einbau vor Ort gespeichert"), "\(text)")
        let saved = try #require(try f.h.database.products.find(code: "SRV-1"))
        #expect(!saved.fields.stocked)
    }
}
