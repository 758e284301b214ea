import KontorUI
import Testing

@Suite("Text input")
struct TextInputTests {
    func typed(_ text: String, _ keys: [Key] = []) -> TextInput {
        var input = TextInput()
        for ch in text { input.handle(.char(ch)) }
        for key in keys { input.handle(key) }
        return input
    }

    @Test func typingUmlautsAndCJK() {
        #expect(typed("Jürgen 山田").text == "Jürgen 山田")
    }

    @Test func readlineKeys() {
        #expect(typed("hello world", [.ctrl("w")]).text == "hello ")
        #expect(typed("hello world", [.ctrl("a"), .ctrl("k")]).text == "")
        #expect(typed("hello world", [.ctrl("a"), .char(">")]).text == ">hello world")
        #expect(typed("hello world", [.left, .left, .ctrl("u")]).text == "ld")
        #expect(typed("hello world", [.home, .delete]).text == "ello world")
        #expect(typed("hello world", [.ctrl("a"), .ctrl("e"), .backspace]).text == "hello worl")
        #expect(typed("hello big world", [.alt("b"), .alt("b"), .ctrl("k")]).text == "hello ")
        #expect(typed("hello big world", [.home, .alt("f"), .alt("d")]).text == "hello world")
        #expect(typed("abc", [.end, .right, .backspace, .backspace, .backspace, .backspace]).text == "")
    }

    @Test func nonEditingKeysAreLeftToTheCaller() {
        var input = TextInput("x")
        let used = [input.handle(.enter), input.handle(.tab), input.handle(.escape)]
        #expect(used == [false, false, false])
        #expect(input.text == "x")
    }

    @Test func maxLengthRefusesMoreTyping() {
        var input = TextInput(maxLength: 3)
        for ch in "abcdef" { input.handle(.char(ch)) }
        #expect(input.text == "abc")
    }

    @Test func drawingScrollsToKeepTheCursorVisible() {
        let input = typed("abcdefghijklmnopqrstuvwxyz")
        var grid = Grid(size: Size(width: 12, height: 1))
        let cursor = input.draw(x: 1, y: 0, width: 10, grid: &grid, style: .plain)
        #expect(grid.line(0) == " rstuvwxyz")
        #expect(cursor == 10)
    }
}
