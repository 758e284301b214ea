import Foundation
import GRDB
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

/// `+` hides what stands beside a list, for the full width: on Invoices
/// and Inventory that is their own preview too (the invoice, the stock
/// ledger), not only the related pane; `+` again shows them, and the
/// choice is the person's, kept for the next session.
@MainActor
@Suite("Hiding the panes beside Invoices' and Inventory's lists")
struct SidePaneHidingTests {
    /// No divider below the tab row: nothing stands beside the list.
    private func nothingBeside(_ text: String) -> Bool {
        !text.split(separator: "\n").dropFirst().contains { $0.contains("│") }
    }

    /// The screen's list header, as wide as it is drawn.
    private func headerWidth(_ text: String, _ first: String) -> Int {
        text.split(separator: "\n").first { $0.contains(first) }.map { TextWidth.of($0.trimmingCharacters(in: .whitespaces)) } ?? 0
    }

    /// On `screen`, `beside` shows next to the list; `+` hides it (and
    /// `goneToo`) so the list, headed by `header`, takes the full width,
    /// and `+` again shows it.
    private func plusHidesAndShows(width: Int, screen: Character, beside: String, goneToo: [String] = [], header: String) throws {
        let h = try ScreenHarness(size: Size(width: width, height: 40))
        _ = try h.seedPaletteBusiness()
        var text = h.press(.char(screen))
        #expect(text.contains(beside) && !nothingBeside(text), "the related pane beside the list:\n\(text)")
        text = h.press(.char("+"))
        #expect(nothingBeside(text) && !text.contains(beside) && !goneToo.contains(where: text.contains), "the list alone:\n\(text)")
        #expect(headerWidth(text, header) > width - 20, "the list takes the full width:\n\(text)")
        text = h.press(.char("+"))
        #expect(text.contains(beside) && !nothingBeside(text), "shown again:\n\(text)")
    }

    @Test(arguments: [120, 200])
    func plusHidesInvoicesPreviewAndTheRelatedPaneAndShowsThemAgain(width: Int) throws {
        try plusHidesAndShows(width: width, screen: "4", beside: "Payments (0)", header: "Number")
    }

    @Test(arguments: [120, 200])
    func plusHidesInventorysLedgerAndTheRelatedPaneAndShowsThemAgain(width: Int) throws {
        try plusHidesAndShows(width: width, screen: "5", beside: "Stock ledger", goneToo: ["Latest stock moves"], header: "SKU")
    }

    /// Hidden is remembered: the next session draws both lists alone.
    @Test func theNextSessionStartsWithTheListsAlone() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 40))
        _ = try h.seedPaletteBusiness()
        h.press(.char("+"))
        let again = App(session: try h.database.session(for: ScreenHarness.tester), theme: .fallback)
        for key: Character in ["4", "5"] {
            _ = again.frame(size: h.size)
            again.settle()
            again.handle(.char(key))
            _ = again.frame(size: h.size)
            again.settle()
            let text = again.frame(size: h.size).0.text
            #expect(nothingBeside(text) && text.contains("›"), "screen \(key):\n\(text)")
        }
    }
}
