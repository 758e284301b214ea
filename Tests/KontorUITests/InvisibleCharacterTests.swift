import KontorText
import KontorUI
import Testing

/// Zero-width and formatting characters typed or pasted into an editor: no
/// trap, every character visible as a cell, the cursor where it is drawn.
@Suite("Invisible characters in editors")
struct InvisibleCharacterTests {
    static let invisible: [Character] = ["\u{200B}", "\u{FEFF}", "\u{2060}", "\u{2061}", "\u{200C}", "\u{200D}",
                                         "\u{200E}", "\u{200F}", "\u{061C}", "\u{202E}", "\u{00AD}", "\u{E0041}"]

    @Test(arguments: invisible)
    func aLineEditorShowsAndDrawsEachOfThem(_ character: Character) {
        for text in ["", "Anna", "山田"] {
            var input = TextInput(text)
            input.handle(.char(character))
            input.handle(.char("x"))
            var grid = Grid(size: Size(width: 20, height: 1))
            let column = input.draw(x: 0, y: 0, width: 20, grid: &grid, style: .plain)
            // The invisible character takes one cell, shown as �, and the
            // cursor stands after it and the x.
            #expect(TextWidth.of(text) + 2 == column)
            #expect(grid.line(0).contains("\u{FFFD}x"))
            input.handle(.left)
            input.handle(.backspace)
            #expect(input.text == text + "x")
        }
    }

    @Test(arguments: invisible)
    func aTextAreaShowsAndDrawsEachOfThem(_ character: Character) {
        var area = TextArea("Zeile 1\n")
        area.handle(.char(character))
        area.handle(.char("y"))
        var grid = Grid(size: Size(width: 20, height: 3))
        let cursor = area.draw(in: Rect(x: 0, y: 0, width: 20, height: 3), grid: &grid, style: .plain)
        #expect(cursor == Point(x: 2, y: 1))
        #expect(grid.line(1).hasPrefix("\u{FFFD}y"))
    }

    @Test func aLoneInvisibleCharacterInAFieldDrawsWithoutTrapping() {
        for character in Self.invisible {
            let input = TextInput(String(repeating: String(character), count: 3))
            var grid = Grid(size: Size(width: 10, height: 1))
            #expect(input.draw(x: 0, y: 0, width: 10, grid: &grid, style: .plain) == 3)
        }
    }

    @Test func aCombiningAccentTypedAfterItsLetterIsOneCharacter() {
        var input = TextInput("Rene")
        input.handle(.char("\u{301}"))
        #expect(input.text == "René")
        #expect(input.characters.count == 4)
        input.handle(.backspace)
        #expect(input.text == "Ren")
    }

    @Test func anEmojiSequencePastedPieceByPieceIsOneCharacter() {
        var input = TextInput()
        for scalar in "👩‍💻".unicodeScalars { input.handle(.char(Character(scalar))) }
        #expect(input.characters.count == 1)
        var grid = Grid(size: Size(width: 10, height: 1))
        #expect(input.draw(x: 0, y: 0, width: 10, grid: &grid, style: .plain) == 2)
    }

    @Test func theRefusalNamesTheCharacterAndWhereItIs() {
        #expect(VisibleText.forbiddenReason(in: "Demo\u{200B} GmbH") == "contains an invisible formatting character (U+200B) at character 5")
        #expect(VisibleText.forbiddenReason(in: "a\u{1B}[31m") == "contains a control character (U+001B) at character 2")
        #expect(VisibleText.forbiddenReason(in: "Zeile\nZeile", multiline: true) == nil)
        #expect(VisibleText.forbiddenReason(in: "Zeile\nZeile") != nil)
        #expect(VisibleText.forbiddenReason(in: "Team 👩‍💻 Café 山田") == nil)
    }
}
