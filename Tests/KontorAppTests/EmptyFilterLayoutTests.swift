import Foundation
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// At 200 columns a filter that matches nothing keeps the related pane's
/// place beside the list (saying nothing is selected): the screen does not
/// jump while the filter is typed.
@MainActor
@Suite("A filter matching nothing keeps the layout")
struct EmptyFilterLayoutTests {
    private func lines(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    /// Customers (1) and Tickets (2).
    @Test(arguments: ["1", "2"])
    func thePaneAndTheColumnsStay(screenKey: String) throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        _ = try h.seedMuellerBusiness()
        h.press(.char(Character(screenKey)))
        let before = h.screen
        let header = try #require(lines(before).dropFirst().first { $0.contains("│") }, "the pane beside the list:\n\(before)")
        let divider = try #require(header.firstIndex(of: "│"))
        h.press(.char("/"))
        let typed = h.type("lukas müller")
        let headerNow = try #require(lines(typed).dropFirst().first { $0.contains("│") }, "the pane stays:\n\(typed)")
        #expect(headerNow.firstIndex(of: "│").map { header.distance(from: header.startIndex, to: divider) == headerNow.distance(from: headerNow.startIndex, to: $0) } == true,
                "the divider stays where it was:\n\(before)\n\(typed)")
        #expect(typed.contains("Nothing selected: no row matches"), "\(typed)")
        #expect(!typed.contains("Müller GmbH ·"), "the pane does not show the last record:\n\(typed)")
        h.press(.ctrl("u"))
        h.type("müller")
        #expect(!h.screen.contains("Nothing selected"), "\(h.screen)")
    }

    @Test func itSaysSoInGerman() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50), language: .german)
        h.press(.char("/"))
        let typed = h.type("lukas müller")
        #expect(typed.contains("Nichts ausgewählt: keine Zeile passt"), "\(typed)")
    }
}
