@testable import KontorUI
import Testing

@Suite("Text width and sanitising")
struct TextTests {
    @Test func widths() {
        #expect(TextWidth.of("Müller") == 6)
        #expect(TextWidth.of("山田商事") == 8)
        #expect(TextWidth.of("서울") == 4)
        #expect(TextWidth.of("👍") == 2)
        #expect(TextWidth.of("e\u{301}") == 1) // e + combining acute is one cell
        #expect(TextWidth.of("👨‍👩‍👧") == 2) // one family emoji grapheme
        #expect(TextWidth.of("") == 0)
    }

    @Test("an indented line keeps its indent, on every line it wraps into")
    func wrappingKeepsAnIndent() {
        #expect(TextWidth.wrap("    Gerät    Seriennr.", to: 40) == ["    Gerät    Seriennr."])
        #expect(TextWidth.wrap("    1. Wassertank füllen und dann den Deckel schließen", to: 24)
                == ["    1. Wassertank füllen", "    und dann den Deckel", "    schließen"])
        #expect(TextWidth.wrap("\tTabelle", to: 20) == ["    Tabelle"])
        #expect(TextWidth.wrap("Ohne Einzug bleibt es so", to: 12) == ["Ohne Einzug", "bleibt es so"])
    }

    @Test func truncationEndsInAnEllipsisAndRespectsWideCharacters() {
        #expect(TextWidth.truncate("Müller GmbH", to: 20) == "Müller GmbH")
        #expect(TextWidth.truncate("Müller GmbH", to: 6) == "Mülle…")
        #expect(TextWidth.truncate("山田商事株式会社", to: 6) == "山田…")
        // A cut after a word ends at its last letter, not "Anna …"; the grid's shortcut for ASCII alike.
        #expect(TextWidth.truncate("Anna Schulz", to: 6) == "Anna…")
        var grid = Grid(size: Size(width: 10, height: 1))
        grid.write("Anna Schulz", x: 0, y: 0, maxWidth: 6, style: .plain)
        #expect(grid.line(0) == "Anna…")
        #expect(TextWidth.of(TextWidth.truncate("山田商事株式会社", to: 6)) == 5)
        #expect(TextWidth.truncate("abc", to: 0) == "")
        #expect(TextWidth.fit("ab", to: 4) == "ab  ")
        #expect(TextWidth.fit("ab", to: 4, alignRight: true) == "  ab")
    }

    @Test func controlsAndEscapesAreShownNotSent() {
        #expect(Sanitizer.clean("Evil\u{1B}[2J\u{07}Corp") == "Evil␛[2J␇Corp")
        #expect(Sanitizer.clean("a\u{9B}31mb") == "a\u{FFFD}31mb")
        #expect(Sanitizer.clean("txt.\u{202E}exe") == "txt.\u{FFFD}exe")
        #expect(Sanitizer.clean("line\nbreak\ttab\u{7F}") == "line␊break␉tab␡")
        #expect(Sanitizer.clean("Jürgen 山田 👍") == "Jürgen 山田 👍")
    }

    @Test func gridWritesAreClippedSanitisedAndWideAware() {
        var grid = Grid(size: Size(width: 10, height: 2))
        let used = grid.write("山田商事株式会社", x: 0, y: 0, style: .plain)
        #expect(used == 9) // a wide character does not fit in the last cell
        #expect(grid.line(0) == "山田商事…")
        grid.write("\u{1B}]0;pwned\u{07}", x: 0, y: 1, style: .plain)
        #expect(grid.line(1) == "␛]0;pwned␇")
        #expect(!grid.text.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func overwritingHalfAWideCharacterLeavesNoHalfCharacter() {
        var grid = Grid(size: Size(width: 6, height: 1))
        grid.write("山田商", x: 0, y: 0, style: .plain)
        grid.write("x", x: 1, y: 0, style: .plain)
        #expect(grid.line(0) == " x田商")
        grid.write("y", x: 2, y: 0, style: .plain)
        #expect(grid.line(0) == " xy 商")
    }

    @Test func aWideCharacterThatDoesNotFitAtTheEdgeIsNotSplit() {
        var grid = Grid(size: Size(width: 5, height: 1))
        grid.write("ab山田", x: 0, y: 0, style: .plain)
        #expect(grid.line(0) == "ab山…")
    }
}

@Suite("Text input drawing")
struct TextInputDrawingTests {
    @Test func aFieldWithoutTheFocusShowsItsStart() {
        let input = TextInput("DE89 3704 0044 0532 0130 00 · Hamburger Sparkasse")
        var grid = Grid(size: Size(width: 30, height: 2), style: .plain)
        input.draw(x: 0, y: 0, width: 20, grid: &grid, style: .plain, focused: false)
        input.draw(x: 0, y: 1, width: 20, grid: &grid, style: .plain, focused: true)
        #expect(grid.line(0).hasPrefix("DE89 3704 0044 0532"))
        #expect(grid.line(1).contains("Sparkasse"), "the focused field shows where the cursor is")
    }
}

@Suite("Dialogs on a narrow terminal")
struct NarrowDialogTests {
    @Test func longQuestionsAndManyAnswersWrapInsteadOfBeingCut() {
        let dialog = Dialog(
            title: "Status",
            message: ["Set the status of ticket #12 “Drucker druckt nur Sonderzeichen” for Müller GmbH; its products leave stock."],
            choices: [.init(.char("n"), "new", id: "new"), .init(.char("o"), "open", id: "open"), .init(.char("p"), "pending until a date", id: "p"),
                      .init(.char("r"), "resolved", id: "r"), .init(.char("c"), "closed", id: "c"), .init(.char("x"), "keep as it is", id: "x")],
            cancelID: "x")
        var grid = Grid(size: Size(width: 80, height: 24), style: .plain)
        dialog.draw(in: Rect(x: 0, y: 0, width: 80, height: 24), grid: &grid, theme: .fallback)
        let text = (0..<24).map { grid.line($0) }.joined(separator: "\n")
        #expect(text.contains("its products leave stock."), "\(text)")
        for label in ["[c] closed", "[x] keep as it is", "[p] pending until a date"] {
            #expect(text.contains(label), "\(label) missing:\n\(text)")
        }
        #expect(!text.contains("…"), "nothing is cut:\n\(text)")
    }

    @Test func theLastAnswerOfAShortQuestionIsNotCut() {
        // The ticket's status question: the answers are what makes the box wide.
        let dialog = Dialog(
            title: "Status of #12", message: ["Now new. Change it to:"],
            choices: [.init(.char("o"), "open", id: "o"), .init(.char("w"), "pending until…", id: "w"),
                      .init(.char("r"), "resolved", id: "r"), .init(.char("c"), "closed", id: "c")],
            cancelID: "x")
        var grid = Grid(size: Size(width: 80, height: 24), style: .plain)
        dialog.draw(in: Rect(x: 0, y: 0, width: 80, height: 24), grid: &grid, theme: .fallback)
        let text = (0..<24).map { grid.line($0) }.joined(separator: "\n")
        let answers = try? #require(text.split(separator: "\n").first { $0.contains("[o] open") }.map(String.init))
        #expect(answers?.contains("[c] closed ") == true && answers?.contains("closed …") == false, "\(text)")
    }
}
