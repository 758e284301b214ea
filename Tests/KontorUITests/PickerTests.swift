import KontorUI
import Testing

/// A picker's search as the text changes.
@Suite("Picker")
struct PickerTests {
    static let titles = ["Papier 61 Kiste 2", "Papier 2", "Papier 20", "Papier 22", "Kaffee 1"]

    /// Titles holding every typed word's start, those that begin with the
    /// whole text first (as a search ranks its best matches first).
    static func picker() -> Picker {
        Picker(title: "Find", columns: [.init("Title", .flexible(min: 10, weight: 1))]) { text, limit in
            let words = text.lowercased().split(separator: " ")
            let found = titles.enumerated().filter { _, title in
                words.allSatisfy { word in title.lowercased().split(separator: " ").contains { $0.hasPrefix(word) } }
            }
            let ranked = found.filter { $0.element.lowercased().hasPrefix(text.lowercased()) } + found.filter { !$0.element.lowercased().hasPrefix(text.lowercased()) }
            return ranked.prefix(limit).map { Picker.Item(id: Int64($0.offset), cells: [$0.element]) }
        }
    }

    @Test func aChangedTextStartsAtTheBestMatch() {
        let picker = Self.picker()
        for letter in "papier" { _ = picker.handle(.char(letter)) }
        #expect(picker.items.count == 4 && picker.selected?.cells == ["Papier 61 Kiste 2"])
        // Typed further: the first match, not the row that was highlighted
        // (still among the matches, further down).
        _ = picker.handle(.char(" "))
        _ = picker.handle(.char("2"))
        #expect(picker.items.map(\.cells) == [["Papier 2"], ["Papier 20"], ["Papier 22"], ["Papier 61 Kiste 2"]])
        #expect(picker.selected?.cells == ["Papier 2"], "Enter takes what is shown first")
    }

    @Test func searchingAgainKeepsTheHighlightedRow() {
        let picker = Self.picker()
        for letter in "papier" { _ = picker.handle(.char(letter)) }
        _ = picker.handle(.down)
        picker.refresh()
        #expect(picker.selected?.cells == ["Papier 2"], "the same text searched again (the data changed): the same row")
    }
}
