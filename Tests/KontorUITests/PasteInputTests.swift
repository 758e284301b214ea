import KontorUI
import Testing

@Suite("Bracketed paste")
struct PasteInputTests {
    @Test func collectsUpToTheClosingMarker() {
        var paste = PasteCollector()
        let done1 = paste.feed("Müller\nGmbH")
        #expect(!done1)
        let done2 = paste.feed("\u{1B}[201~")
        #expect(done2)
        #expect(paste.text == "Müller\nGmbH")
        // Nothing after the marker belongs to the paste.
        paste.feed("x")
        #expect(paste.text == "Müller\nGmbH")
    }

    @Test func theClosingMarkerSplitAcrossReadsStillEndsThePaste() {
        var paste = PasteCollector()
        for piece in ["Zeile 1\nZei", "le 2", "\u{1B}", "[2", "01", "~"] {
            paste.feed(piece)
        }
        #expect(paste.isFinished)
        #expect(paste.text == "Zeile 1\nZeile 2")
    }

    @Test func anEscapeInsideThePasteIsTextNotTheEnd() {
        var paste = PasteCollector()
        // ESC [ 2 0 0 ~, ESC [ 2 0 1 x and a lone ESC: none closes it.
        let done3 = paste.feed("a\u{1B}[200~b\u{1B}[201xc\u{1B}\u{1B}[201")
        #expect(!done3)
        let done4 = paste.feed("~")
        #expect(done4)
        #expect(paste.text == "a\u{1B}[200~b\u{1B}[201xc\u{1B}")
    }

    @Test func aPasteThatNeverEndsKeepsWhatCame() {
        var paste = PasteCollector()
        paste.feed("abc\u{1B}[20")
        #expect(!paste.isFinished)
        #expect(paste.text == "abc\u{1B}[20")
    }

    @Test func theClosingMarkerAsOneKey() {
        var paste = PasteCollector()
        paste.feed("abc")
        paste.finish()
        #expect(paste.isFinished)
        #expect(paste.text == "abc")
    }

    @Test func aHugePasteIsReadWholeButKeptToTheLimit() {
        var paste = PasteCollector(limit: 1000)
        let megabyte = String(repeating: "0123456789abcdef", count: 65_536)
        paste.feed(megabyte)
        let done5 = paste.feed("\u{1B}[201~")
        #expect(done5)
        #expect(paste.truncated)
        #expect(paste.text.unicodeScalars.count == 1000)
    }

    @Test func escapeSequencesAndControlsAreTakenOut() {
        let hostile = "Rot\u{1B}[31mFirma\u{1B}[0m\u{07}\u{1B}]0;pwned\u{07} GmbH\u{202E}\u{9B}"
        #expect(PastedText.cleaned(hostile) == "RotFirma GmbH")
        #expect(PastedText.cleaned("a\r\nb\rc\nd\te") == "a\nb\nc\nd\te")
    }

    @Test func oneLineJoinsLinesWithSpaces() {
        #expect(PastedText.singleLine("Müller\nGmbH") == "Müller GmbH")
        #expect(PastedText.singleLine("Müller\r\nGmbH\r\n") == "Müller GmbH")
        #expect(PastedText.singleLine("DE89\t3704\t0044") == "DE89 3704 0044")
        #expect(PastedText.singleLine("a\n\n\nb") == "a b")
    }

    @Test func aTextInputTakesAPasteAsOneLine() {
        var input = TextInput("Firma ", maxLength: 20)
        let done6 = input.handle(.paste("Müller\nGmbH\n"))
        #expect(done6)
        #expect(input.text == "Firma Müller GmbH")
        #expect(input.cursor == input.characters.count)
        // As much as fits.
        input.handle(.paste(" und Söhne"))
        #expect(input.text == "Firma Müller GmbH un")
        // In the middle, at the cursor.
        var middle = TextInput("ab")
        middle.handle(.left)
        middle.handle(.paste("X\u{1B}[2JY"))
        #expect(middle.text == "aXYb")
        #expect(middle.cursor == 3)
    }

    @Test func aTextAreaKeepsThePastedLines() {
        var area = TextArea(width: 40)
        area.handle(.char(">"))
        area.handle(.paste("Zeile eins\r\nZeile zwei\n\tEingerückt"))
        #expect(area.text == ">Zeile eins\nZeile zwei\n    Eingerückt")
        #expect(area.cursorPosition == (row: 2, column: 14))
        var short = TextArea(maxLength: 5)
        short.handle(.paste("abc\ndefgh"))
        #expect(short.text == "abc\nd")
    }

    @Test func aMegabytePasteIntoATextAreaIsQuick() {
        var area = TextArea(maxLength: 20_000, width: 60)
        let clock = ContinuousClock()
        let elapsed = clock.measure {
            area.handle(.paste(String(repeating: "Lorem ipsum dolor sit amet\n", count: 40_000)))
        }
        #expect(area.characters.count == 20_000)
        #expect(elapsed < .seconds(5))
    }
}

@Suite("Mouse reports")
struct MouseInputTests {
    @Test func readsSGRReports() {
        #expect(MouseReport.parseSGR("0;12;5M") == MouseReport(code: 0, x: 11, y: 4, isRelease: false))
        #expect(MouseReport.parseSGR("0;12;5m") == MouseReport(code: 0, x: 11, y: 4, isRelease: true))
        #expect(MouseReport.parseSGR("65;300;80M") == MouseReport(code: 65, x: 299, y: 79, isRelease: false))
        for bad in ["", "M", "0;12M", "0;12;5", "a;1;1M", "0;0;1M", "0;1;1;1M", "-1;1;1M"] {
            #expect(MouseReport.parseSGR(bad) == nil, "\(bad)")
        }
    }

    @Test func pressesAreClicksAndASecondOneSoonAfterIsADoubleClick() {
        var clicks = ClickTracker(interval: 400)
        let press = MouseReport(code: 0, x: 3, y: 7, isRelease: false)
        let release = MouseReport(code: 0, x: 3, y: 7, isRelease: true)
        let event7 = clicks.event(for: press, at: 1000)
        #expect(event7 == Mouse(.click, x: 3, y: 7))
        let event8 = clicks.event(for: release, at: 1050)
        #expect(event8 == nil)
        let event9 = clicks.event(for: press, at: 1200)
        #expect(event9 == Mouse(.doubleClick, x: 3, y: 7))
        // A third press starts again.
        let event10 = clicks.event(for: press, at: 1300)
        #expect(event10 == Mouse(.click, x: 3, y: 7))
        // Too late, or elsewhere: a click.
        let event11 = clicks.event(for: press, at: 2000)
        #expect(event11 == Mouse(.click, x: 3, y: 7))
        let event12 = clicks.event(for: MouseReport(code: 0, x: 4, y: 7, isRelease: false), at: 2100)
        #expect(event12 == Mouse(.click, x: 4, y: 7))
    }

    @Test func theWheelScrollsAndTheRestIsDropped() {
        var clicks = ClickTracker()
        let event13 = clicks.event(for: MouseReport(code: 64, x: 1, y: 2, isRelease: false), at: 0)
        #expect(event13 == Mouse(.wheelUp, x: 1, y: 2))
        let event14 = clicks.event(for: MouseReport(code: 65, x: 1, y: 2, isRelease: false), at: 0)
        #expect(event14 == Mouse(.wheelDown, x: 1, y: 2))
        // Right button, middle button, a drag.
        for code in [2, 1, 32] {
            let event15 = clicks.event(for: MouseReport(code: code, x: 1, y: 2, isRelease: false), at: 0)
            #expect(event15 == nil)
        }
        // A click with Ctrl held is still a click.
        let event16 = clicks.event(for: MouseReport(code: 16, x: 1, y: 2, isRelease: false), at: 0)
        #expect(event16 == Mouse(.click, x: 1, y: 2))
    }

    @Test func aClickOnTheHeaderFindsTheTabDrawnThere() {
        let tabs = [Chrome.Tab(key: "1", title: "Customers", group: "Front"), Chrome.Tab(key: "2", title: "Tickets", group: "Front"),
                    Chrome.Tab(key: "4", title: "Invoices", group: "Back")]
        let header = Rect(x: 0, y: 0, width: 80, height: 1)
        var grid = Grid(size: Size(width: 80, height: 1))
        Chrome.drawTabs(tabs, active: 0, right: "tester", in: header, grid: &grid, theme: .fallback)
        let line = grid.line(0)
        for (index, tab) in tabs.enumerated() {
            let column = line.distance(from: line.startIndex, to: line.range(of: "\(tab.key) \(tab.title)")!.lowerBound)
            #expect(Chrome.tab(at: column + 2, of: tabs, active: 0, right: "tester", in: header, theme: .fallback) == index)
        }
        #expect(Chrome.tab(at: 79, of: tabs, active: 0, right: "tester", in: header, theme: .fallback) == nil)
    }

    @Test func aListSelectsTheRowShownAndScrollsByLines() throws {
        let source = FakeSource(count: 1000)
        let list = source.list()
        list.visibleCount = 10
        try list.loadFirst()
        #expect(list.select(visibleRow: 4))
        #expect(list.selected?.id == 4)
        #expect(!list.select(visibleRow: 10))
        #expect(!list.select(visibleRow: -1))
        try list.scroll(by: 3)
        // The rows moved up three; the cursor kept its height on screen.
        #expect(list.top == 3)
        #expect(list.selected?.id == 7)
        try list.scroll(by: -10)
        #expect(list.top == 0)
        #expect(list.selected?.id == 0)
    }
}

/// A paste or a key a field cannot hold is cut at the limit, and the field
/// says how much did not fit, instead of dropping it unseen.
@Suite("Text past a field's limit")
struct TextLimitTests {
    @Test func aFieldSaysWhatDidNotFit() {
        var form = Form(title: "T", fields: [Form.Field(id: "name", label: "Name", value: "", maxLength: 10)])
        _ = form.handle(.paste("Müller Kaffeerösterei GmbH"))
        #expect(form.value("name") == "Müller Kaf")
        #expect(form.errors["name"] == "holds at most 10 characters: 16 more did not fit")
        _ = form.handle(.backspace)
        #expect(form.errors["name"] == nil)
        _ = form.handle(.char("x"))
        _ = form.handle(.char("y"))
        #expect(form.errors["name"] == "holds at most 10 characters: 1 did not fit")
        // Typed on past the limit, the letters lost add up.
        for letter in "zzz" { _ = form.handle(.char(letter)) }
        #expect(form.errors["name"] == "holds at most 10 characters: 4 more did not fit")
    }

    @Test func aTextAreaCountsWhatItLeftOut() {
        var area = TextArea(maxLength: 5)
        _ = area.handle(.paste("Zeile 1\nZeile 2"))
        #expect(area.text == "Zeile")
        #expect(area.refused == 10)
        _ = area.handle(.backspace)
        #expect(area.refused == 0)
        _ = area.handle(.char("a"))
        _ = area.handle(.char("b"))
        _ = area.handle(.enter)
        #expect(area.refused == 2)
    }
}
