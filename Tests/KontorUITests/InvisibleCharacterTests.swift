import Foundation
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

/// A CSV sent to a terminal (`export … --out -`) shows what its records
/// hold: an escape sequence another program put into a name sets no window
/// title and writes no clipboard.
@Suite("A file shown on a terminal")
struct TerminalBytesTests {
    @Test func controlsInUTF8TextAreShownNotObeyed() {
        let csv = "Name;Ort\r\nRaw\u{1B}]0;PWNED\u{07} GmbH;Köln\r\nClip\u{1B}]52;c;aGk=\u{07};Bonn\r\n"
        let shown = String(decoding: VisibleText.shownOnTerminal(Data(csv.utf8)), as: UTF8.self)
        let controls: Set<UInt32> = [0x1B, 0x07, 0x0D]
        #expect(!shown.unicodeScalars.contains { controls.contains($0.value) })
        #expect(shown.hasPrefix("Name;Ort\nRaw") && shown.contains("Köln\n"))
    }

    @Test func controlBytesInOtherTextAreQuestionMarks() {
        // Windows-1252 ("Köln" with ö as 0xF6), with an escape in it.
        let bytes: [UInt8] = [0x4B, 0xF6, 0x6C, 0x6E, 0x1B, 0x5B, 0x33, 0x31, 0x6D, 0x0D, 0x0A]
        #expect([UInt8](VisibleText.shownOnTerminal(Data(bytes))) == [0x4B, 0xF6, 0x6C, 0x6E, 0x3F, 0x5B, 0x33, 0x31, 0x6D, 0x0D, 0x0A])
    }
}
