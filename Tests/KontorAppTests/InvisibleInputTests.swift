import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

/// Zero-width and formatting characters typed or pasted into forms, the
/// filter and the palette: the app goes on, shows them, and refuses to
/// store them with the field named.
@MainActor
@Suite("Invisible characters typed into the app")
struct InvisibleInputTests {
    nonisolated static let characters: [Character] = ["\u{200B}", "\u{FEFF}", "\u{2060}", "\u{2061}", "\u{200C}"]

    @Test(arguments: characters)
    func aFormShowsItAndTheSaveNamesTheField(_ character: Character) throws {
        let h = try ScreenHarness()
        h.press(.char("n"))
        h.type("Demo")
        h.press(.char(character))
        var text = h.type(" GmbH")
        #expect(text.contains("Demo\u{FFFD} GmbH"), "\(text)")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Name contains an invisible formatting character"), "\(text)")
        #expect(try h.database.customers.count(CustomerQuery()) == 9)
        // Deleting it lets the save through, nothing typed lost.
        h.press(.left, .left, .left, .left, .left, .backspace)
        text = h.press(.ctrl("s"))
        #expect(text.contains("Saved Demo GmbH"), "\(text)")
    }

    @Test(arguments: characters)
    func theFilterAndThePaletteTakeIt(_ character: Character) throws {
        let h = try ScreenHarness()
        h.press(.char("/"))
        h.type("mü")
        h.press(.char(character))
        var text = h.type("ller")
        #expect(text.contains("mü\u{FFFD}ller"), "\(text)")
        h.press(.escape)
        h.press(.char(":"))
        h.press(.char(character))
        text = h.type("cust")
        #expect(text.contains("\u{FFFD}cust"), "\(text)")
        h.press(.escape)
    }
}
