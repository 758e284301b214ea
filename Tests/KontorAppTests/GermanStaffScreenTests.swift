import Foundation
import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// Staff in German at 80×24: the directory, a person's record, the add
/// form with its role chosen in German, the role question and the help.
@MainActor
@Suite("Staff in German")
struct GermanStaffScreenTests {
    @Test func theDirectorySpeaksGerman() throws {
        let f = try StaffFixture(language: .german)
        let text = f.h.screen
        for word in ["Personal", "[aktiv]", "inaktiv", "alle", "Name", "Titel", "Abteilung", "Rolle", "Tickets", "Deals",
                     "Back Office", "Front Office", "• Sie", "? Hilfe"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        let help = f.h.press(.char("?"))
        #expect(help.contains("Einen Mitarbeiter hinzufügen: Betriebssystem-Konto,") && help.contains("Die Rolle ändern"), "\(help)")
    }

    @Test func aRecordSpeaksGerman() throws {
        let f = try StaffFixture(language: .german)
        f.h.press(.char("/"))
        f.h.type("Bob")
        let text = f.h.press(.enter, .enter)
        for word in ["Bob Front", "Konto", "Rolle", "Front Office", "Vorgesetzte", "Auslastung", "2 offene Tickets · 1 offener Deal",
                     "[Offene Tickets 2]", "Offene Deals 1", "Unterstellte", "Betreff", "Priorität", "Gerät zeigt", "Normal", "Neu",
                     "? Hilfe"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        let deals = f.h.press(.tab)
        #expect(deals.contains("Phase") && deals.contains("Wert") && deals.contains("Zweites Gerät"), "\(deals)")
    }

    @Test func aMemberIsAddedWithARoleChosenInGerman() throws {
        let f = try StaffFixture(language: .german)
        var text = f.h.press(.char("n"))
        for word in ["Mitarbeiter hinzufügen", "Konto", "Name", "Pflichtfeld", "Titel", "Abteilung", "Telefon", "E-Mail", "Vorgesetzte", "Rolle",
                     "Front Office"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        f.h.type("anna")
        f.h.press(.tab)
        f.h.type("Anna Schäfer")
        for _ in 0..<6 { f.h.press(.tab) }
        text = f.h.type("Leit")
        #expect(text.contains("Leitung"), "\(text)")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Anna Schäfer (anna) als Leitung hinzugefügt"), "\(text)")
        #expect(try f.h.session.staffDirectory.find(username: "anna")?.role == .manager)
    }

    @Test func theRoleQuestionSpeaksGerman() throws {
        let f = try StaffFixture(language: .german)
        f.h.press(.char("/"))
        f.h.type("Bob")
        f.h.press(.enter, .enter)
        var text = f.h.press(.char("R"))
        #expect(text.contains("Rolle ändern") && text.contains("Bob Front (bob) ist Front Office: Front Office."), "\(text)")
        #expect(text.contains("Front Office (jetzt)") && text.contains("Leitung"), "\(text)")
        text = f.h.press(.char("m"))
        #expect(text.contains("Bob Front ist jetzt Leitung (Leitung)"), "\(text)")
        #expect(try f.h.session.staffDirectory.find(id: f.bobID)?.role == .manager)
    }
}
