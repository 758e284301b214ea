import Foundation
@testable import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// The dashboard in German: panel titles, figures, months, priorities,
/// stages and age buckets in German, at 80×24 and wider; the help too.
@MainActor
@Suite("Dashboard in German")
struct GermanDashboardScreenTests {
    @Test func thePanelsSpeakGermanAt80Columns() throws {
        let h = try ScreenHarness(language: .german)
        _ = try h.seedDashboardBusiness()
        let text = try h.openDashboard()
        for word in ["Übersicht  Stand ", "Offene Tickets", "Offene Tickets je Priorität", "Offene Tickets nach Alter", "Umsatz je Monat (netto)",
                     "Enter öffnen", "Tab nächster Bereich", "r aktualisieren", "? Hilfe"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        #expect(h.panel("Offene Tickets").contains(row: "!SLA verletzt", "1"), "\(text)")
        #expect(h.panel("Offene Tickets").contains(row: "Nicht zugewiesen", "3"), "\(text)")
        #expect(h.panel("Offene Tickets je Priorität").contains(row: "!Dringend", "2"), "\(text)")
        #expect(h.panel("Offene Tickets je Priorität").contains(row: "Niedrig", "1"), "\(text)")
        #expect(h.panel("Offene Tickets nach Alter").contains(row: "< 1 Tag", "3"), "\(text)")
        #expect(text.contains("Dez ") || text.contains("Mär "), "German months:\n\(text)")
        let help = h.press(.char("?"))
        #expect(help.contains("Die Zahlen jetzt neu lesen") && help.contains("Erste Zahl des nächsten Bereichs"), "\(help)")
    }

    @Test func theBackOfficePanelsSpeakGermanWhenWide() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40), language: .german)
        _ = try h.seedDashboardBusiness()
        let text = try h.openDashboard()
        #expect(h.panel("Pipeline nach Phase").contains(row: "Angebot", "1", "12.000,00 €", "6.000,00 €"), "\(text)")
        #expect(h.panel("Pipeline nach Phase").contains(row: "Deals", "Wert", "gewichtet"), "\(text)")
        #expect(h.panel("Forderungen nach Verzug").contains(row: "!Überfällig", "1", "595,00 €"), "\(text)")
        #expect(h.panel("Forderungen nach Verzug").contains(row: "1–30 Tage", "1", "595,00 €"), "\(text)")
        #expect(h.panel("Forderungen nach Verzug").contains(row: "Entwürfe", "1"), "\(text)")
        #expect(h.panel("Niedriger Bestand").contains(row: "!Unter Meldebestand", "1 Artikel"), "\(text)")
        #expect(h.panel("Top-Kunden (netto, 12 Monate)").contains(row: "1. Müller GmbH"), "\(text)")
    }

    /// The panels are made in the language of the person looking: the same
    /// figures read in English by an English colleague stay English.
    @Test func anEnglishAppKeepsItsEnglishPanels() throws {
        let h = try ScreenHarness()
        _ = try h.seedDashboardBusiness()
        let text = try h.openDashboard()
        #expect(text.contains("Open tickets by priority") && !text.contains("Offene"), "\(text)")
    }
}
