import Foundation
import GRDB
@testable import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

@MainActor
@Suite("Hiding the related pane")
struct RelatedPaneHidingTests {
    /// In the short pane under the list (80×24), up from the first linked
    /// record shows what stands above it (the name, the contacts), which
    /// keeping that record in sight had scrolled away; down comes back.
    @Test func upFromTheFirstLinkShowsTheTopOfAShortPane() throws {
        let h = try ScreenHarness(size: Size(width: 80, height: 24))
        let business = try h.seedMuellerBusiness()
        for i in 1...6 {
            try h.database.customers.addContact(to: business.customer.id, ContactFields(name: "Kollege \(i) Krause", role: "Lager"), by: h.session)
        }
        h.press(.char("/"))
        h.type("müller gmbh")
        h.press(.enter)
        var text = h.press(.tab)
        let pane = { (text: String) in text.split(separator: "\n").drop { !$0.hasPrefix("────") }.joined(separator: "\n") }
        #expect(!pane(text).contains("Müller GmbH"), "the first link in sight, the top scrolled away:\n\(text)")
        text = h.press(.char("k"))
        #expect(pane(text).contains("Müller GmbH") && pane(text).contains("Kollege 1 Krause"), "\(text)")
        text = h.press(.char("j"))
        #expect(pane(text).contains("›"), "back on the first link:\n\(text)")
    }

    @Test func plusHidesThePaneForTheFullWidthAndTheChoiceIsKeptForTheNextSession() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 40))
        _ = try h.seedMuellerBusiness()
        h.press(.char("/"))
        h.type("müller gmbh")
        var text = h.press(.enter)
        #expect(text.contains("Open tickets (1)"), "the pane beside the list at 160 columns:\n\(text)")

        text = h.press(.char("+"))
        #expect(!text.contains("Open tickets (1)"), "hidden:\n\(text)")
        #expect(text.contains("Related pane hidden"))
        #expect(!text.split(separator: "\n").dropFirst().contains { $0.contains("│") }, "no divider left where the pane was:\n\(text)")
        #expect(try h.session.preferences().isOn(.relatedPaneHidden))

        // Tab still opens it, under the list as at 80 columns.
        text = h.press(.tab)
        #expect(text.contains("Open tickets (1)"), "Tab unfolds it under the list:\n\(text)")
        h.press(.escape)

        // The next session of the same person starts with it hidden.
        let again = App(session: try h.database.session(for: ScreenHarness.tester), theme: .fallback)
        _ = again.frame(size: h.size)
        again.settle()
        #expect(again.paneHidden)

        text = h.press(.char("+"))
        #expect(text.contains("Open tickets (1)"), "shown again:\n\(text)")
        #expect(try !h.session.preferences().isOn(.relatedPaneHidden))
    }

    /// At 80 columns `+` changes what wider terminals show: the message
    /// says so, whole, in English and German.
    @Test func plusOnANarrowTerminalSaysWholeThatItIsForWideOnes() throws {
        for (language, hidden, shown) in [
            (Language.english, "• Related pane hidden beside lists from 120 columns on; + shows it again",
             "• Related pane shown beside lists from 120 columns on; Tab opens it below"),
            (Language.german, "• Nebenbereich neben Listen ab 120 Spalten ausgeblendet; + zeigt ihn wieder",
             "• Nebenbereich neben Listen ab 120 Spalten eingeblendet; Tab zeigt ihn unten"),
        ] {
            let h = try ScreenHarness(language: language)
            var text = h.press(.char("+"))
            #expect(text.split(separator: "\n").contains { $0.contains(hidden) }, "\(language):\n\(text)")
            let line = text.split(separator: "\n").first { $0.contains("120") }.map { $0.trimmingCharacters(in: .whitespaces) }
            #expect(line == hidden, "the line holds the message and nothing cut:\n\(text)")
            #expect(try h.session.preferences().isOn(.relatedPaneHidden))
            text = h.press(.char("+"))
            #expect(text.split(separator: "\n").contains { $0.contains(shown) }, "\(language):\n\(text)")
            #expect(try !h.session.preferences().isOn(.relatedPaneHidden))
        }
    }

    @Test func aPreferenceIsThePersonsOwn() throws {
        let h = try ScreenHarness()
        try h.session.setPreference(.relatedPaneHidden, on: true)
        try h.bob.setPreference(.bell, on: true)
        #expect(try h.session.preferences().isOn(.relatedPaneHidden))
        #expect(try !h.session.preferences().isOn(.bell))
        #expect(try !h.bob.preferences().isOn(.relatedPaneHidden))
        #expect(try h.bob.preferences().isOn(.bell))
        // Back to the default: no row is kept for it.
        try h.bob.setPreference(.bell, on: false)
        let rows = try DatabaseQueue(path: h.database.path).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM staff_preferences WHERE staff_id = ?", arguments: [h.bob.staff.id]) }
        #expect(rows == 0)
    }
}

/// A question over a list leaves the list, and the pane beside it, in view.
@MainActor
@Suite("Related pane under a question")
struct RelatedPaneUnderAQuestionTests {
    @Test func aQuestionOverTheListKeepsThePaneAt200Columns() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter)
        #expect(h.screen.contains("Open tickets (0)"), "the pane beside the list:\n\(h.screen)")
        let asked = h.press(.char("a"))
        #expect(asked.contains("[y]") && asked.contains("Open tickets (0)"), "the question floats over the list; the pane stays:\n\(asked)")
    }
}
