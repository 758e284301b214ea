import KontorUI
import Testing

@Suite("Text area")
struct TextAreaTests {
    /// Types text into an area, one key per character, Enter for line breaks.
    func typed(_ text: String, width: Int = 20, maxLength: Int? = nil) -> TextArea {
        var area = TextArea(maxLength: maxLength, width: width)
        for ch in text { area.handle(ch == "\n" ? .enter : .char(ch)) }
        return area
    }

    /// The area drawn in a rect of `width`×`height` at the top-left of a grid.
    func drawn(_ area: inout TextArea, width: Int, height: Int) -> (lines: [String], cursor: Point?) {
        var grid = Grid(size: Size(width: width, height: height))
        let cursor = area.draw(in: Rect(x: 0, y: 0, width: width, height: height), grid: &grid, style: .plain)
        return ((0..<height).map(grid.line), cursor)
    }

    @Test func typingUmlautsAndLineBreaks() {
        var area = typed("Grüße aus Köln\nÄrger mit ß")
        #expect(area.text == "Grüße aus Köln\nÄrger mit ß")
        #expect(area.cursorPosition == (row: 1, column: 11))
        area.handle(.backspace)
        area.handle(.char("s"))
        area.handle(.char("s"))
        #expect(area.text == "Grüße aus Köln\nÄrger mit ss")
        area.handle(.home)
        area.handle(.backspace) // joins the lines
        #expect(area.text == "Grüße aus KölnÄrger mit ss")
        #expect(area.cursorPosition.column == 14)
    }

    @Test func wideCharactersTakeTwoCellsAndWrapWhole() {
        // 9 CJK characters = 18 cells; at width 10 the fifth one no longer fits.
        var area = typed("山田商事株式会社様", width: 10)
        let lines = area.visualLines(width: 10)
        #expect(lines.count == 2)
        #expect(lines[0].end - lines[0].start == 5)
        #expect(area.cursorPosition == (row: 1, column: 8))
        let (text, cursor) = drawn(&area, width: 11, height: 3)
        #expect(text[0] == "山田商事株")
        #expect(text[1] == "式会社様")
        #expect(cursor == Point(x: 8, y: 1))
    }

    @Test func emojiAndCombinedCharactersAreOneStep() {
        var area = typed("ok 👍🏽 e\u{301}")
        #expect(area.characters.count == 6)
        #expect(area.cursorPosition.column == 3 + 2 + 1 + 1)
        area.handle(.backspace)
        #expect(area.text == "ok 👍🏽 ")
        area.handle(.left)
        area.handle(.backspace)
        #expect(area.text == "ok  ")
    }

    @Test func longLinesWrapAtSpacesAndHardBreakLongWords() {
        let area = typed("Sehr geehrte Frau Weiß, vielen Dank", width: 12)
        let lines = area.visualLines(width: 12).map { String(area.characters[$0.start..<$0.end]) }
        // The space after "geehrte" overflows and hangs at the end of its line.
        #expect(lines == ["Sehr geehrte ", "Frau Weiß, ", "vielen Dank"])
        let word = typed("Donaudampfschifffahrt", width: 8)
        let parts = word.visualLines(width: 8).map { String(word.characters[$0.start..<$0.end]) }
        #expect(parts == ["Donaudam", "pfschiff", "fahrt"])
    }

    @Test func drawingNeverOverflowsTheRect() {
        var area = typed("Ärger über 山田商事株式会社 und 👍 Grüße\nzweite Zeile", width: 15)
        var grid = Grid(size: Size(width: 30, height: 6))
        area.draw(in: Rect(x: 2, y: 1, width: 16, height: 4), grid: &grid, style: .plain)
        for y in 0..<6 {
            for x in 0..<30 where x < 2 || x >= 18 || y < 1 || y >= 5 {
                #expect(grid[x, y].text == " ", "cell \(x),\(y) outside the area holds \(grid[x, y].text)")
            }
        }
    }

    @Test func upAndDownMoveByShownLineKeepingTheColumn() {
        var area = typed("abcdefghij\nab\nabcdefghij", width: 20)
        area.handle(.up) // from column 10 on line 3 to the end of "ab"
        #expect(area.cursorPosition == (row: 1, column: 2))
        area.handle(.up) // back to column 10: the goal column is kept
        #expect(area.cursorPosition == (row: 0, column: 10))
        area.handle(.ctrl("a"))
        area.handle(.right)
        area.handle(.right)
        area.handle(.right)
        area.handle(.down)
        area.handle(.down)
        #expect(area.cursorPosition == (row: 2, column: 3))
        area.handle(.down) // at the bottom: to the end
        #expect(area.cursor == area.characters.count)
    }

    @Test func upAndDownWalkSoftWrappedLines() {
        var area = typed("eins zwei drei vier fünf", width: 10)
        // "eins zwei " / "drei vier " / "fünf"
        #expect(area.visualLines(width: 10).count == 3)
        area.handle(.up)
        #expect(area.cursorPosition == (row: 1, column: 4))
        area.handle(.up)
        #expect(area.cursorPosition == (row: 0, column: 4))
        area.handle(.end)
        #expect(area.cursorPosition == (row: 2, column: 4))
    }

    @Test func upAndDownOverWideCharactersLandOnACharacterBoundary() {
        var area = typed("abc\n山田商事", width: 20)
        area.handle(.up)
        area.handle(.end)
        area.handle(.down) // column 3 falls inside 田: the cursor stops before it
        #expect(area.cursorPosition == (row: 1, column: 2))
    }

    @Test func readlineKeysWorkOnTheCurrentLine() {
        var area = typed("erste Zeile\nzweite Zeile hier")
        area.handle(.ctrl("w"))
        #expect(area.text == "erste Zeile\nzweite Zeile ")
        area.handle(.alt("b"))
        #expect(area.cursorPosition == (row: 1, column: 7))
        area.handle(.ctrl("k"))
        #expect(area.text == "erste Zeile\nzweite ")
        area.handle(.ctrl("u"))
        #expect(area.text == "erste Zeile\n")
        area.handle(.backspace)
        area.handle(.ctrl("a"))
        #expect(area.cursor == 0)
        area.handle(.alt("f"))
        #expect(area.cursor == 5)
        area.handle(.ctrl("e"))
        area.handle(.ctrl("k")) // at the end of the text: nothing to join
        #expect(area.text == "erste Zeile")
        area.handle(.home)
        area.handle(.delete)
        #expect(area.text == "rste Zeile")
    }

    @Test func ctrlKAtALineEndJoinsTheNextLine() {
        var area = typed("eins\nzwei")
        area.handle(.up)
        area.handle(.ctrl("e"))
        area.handle(.ctrl("k"))
        #expect(area.text == "einszwei")
    }

    @Test func maxLengthRefusesMoreTypingIncludingLineBreaks() {
        var area = typed("abc", maxLength: 4)
        area.handle(.enter)
        area.handle(.char("d"))
        #expect(area.text == "abc\n")
    }

    @Test func saveAndCancelKeysAreLeftToTheCaller() {
        var area = TextArea()
        let save = area.handle(.ctrl("s")), cancel = area.handle(.escape), tab = area.handle(.tab)
        #expect(!save && !cancel && !tab)
        #expect(area.isEmpty)
    }

    @Test func scrollsToKeepTheCursorVisibleAndShowsMarks() {
        var area = typed((1...10).map { "Zeile \($0)" }.joined(separator: "\n"), width: 20)
        var (lines, cursor) = drawn(&area, width: 20, height: 4)
        #expect(lines[3].hasPrefix("Zeile 10"))
        #expect(lines[0].hasSuffix("▲"))
        #expect(cursor == Point(x: 8, y: 3))
        for _ in 0..<9 { area.handle(.up) }
        (lines, cursor) = drawn(&area, width: 20, height: 4)
        #expect(lines[0].hasPrefix("Zeile 1"))
        #expect(lines[3].hasSuffix("▼"))
        #expect(cursor?.y == 0)
        area.handle(.pageDown)
        #expect(area.cursorPosition.row == 3)
    }

    @Test func controlCharactersInTextAreShownNotSent() {
        var area = TextArea("a\u{1B}[31mb\tc\r\nd", width: 20)
        #expect(area.text == "a\u{1B}[31mb\tc\nd")
        let (lines, _) = drawn(&area, width: 20, height: 2)
        #expect(lines[0] == "a␛[31mb␉c")
        #expect(lines[1] == "d")
    }
}
