@testable import KontorUI
import Testing

@Suite("Chrome, footer and help")
struct ChromeTests {
    let bindings = [
        KeyBinding("a.new", [.char("n")], "new", help: "Create one", group: "Things"),
        KeyBinding("a.down", [.char("j"), .down], "down", help: "Next row", group: "Moving", inFooter: false),
        KeyBinding("a.quit", [.char("q")], "quit", help: "Quit", group: "Global"),
    ]

    @Test func footerShowsOnlyFooterBindingsInOrder() {
        var grid = Grid(size: Size(width: 40, height: 1))
        Chrome.drawFooter(bindings, in: grid.bounds, grid: &grid, theme: .fallback)
        #expect(grid.line(0) == " n new  q quit")
    }

    @Test func footerStopsBeforeOverflowing() {
        var grid = Grid(size: Size(width: 10, height: 1))
        Chrome.drawFooter(bindings, in: grid.bounds, grid: &grid, theme: .fallback)
        #expect(grid.line(0) == " n new")
    }

    @Test func theHelpKeyStaysInAFooterTooNarrowForEveryKey() {
        let many = (0..<12).map { KeyBinding("a.k\($0)", [.char(Character(String($0 % 10)))], "action \($0)", help: "", group: "Things") }
            + [KeyBinding("app.help", [.char("?")], "help", help: "Show every key", group: "Global"), bindings[2]]
        var grid = Grid(size: Size(width: 80, height: 1))
        Chrome.drawFooter(many, in: grid.bounds, grid: &grid, theme: .fallback)
        let line = grid.line(0)
        #expect(line.hasSuffix("? help"), "\(line)")
        #expect(line.hasPrefix(" 0 action 0  1 action 1"), "the others in their order, as many as fit: \(line)")
        #expect(!line.contains("q quit"), "what comes after the first left out waits for the help: \(line)")
    }

    @Test func helpListsEveryBindingByGroup() {
        var help = HelpOverlay(title: "Keys", bindings: bindings)
        var grid = Grid(size: Size(width: 80, height: 20))
        help.draw(in: grid.bounds, grid: &grid, theme: .fallback)
        let text = grid.text
        for expected in ["Things", "Create one", "Moving", "j/↓", "Next row", "Global", "Quit", "Esc or ? closes"] {
            #expect(text.contains(expected), "missing \(expected)")
        }
    }

    /// A key that does nothing now reads as such twice: its reason after
    /// its text, and the line dimmed (the others are not).
    @Test func aDisabledKeyIsDimmedInTheHelp() {
        var off = KeyBinding("a.off", [.char("r")], "payment", help: "Record a payment", group: "Things")
        off.disabledReason = "nothing is open"
        var help = HelpOverlay(title: "Keys", bindings: bindings + [off])
        var grid = Grid(size: Size(width: 80, height: 24))
        help.draw(in: grid.bounds, grid: &grid, theme: .fallback)
        let rows = grid.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        func dimmed(_ text: String) -> Bool? {
            guard let y = rows.firstIndex(where: { $0.contains(text) }), let x = rows[y].range(of: text).map({ rows[y].distance(from: rows[y].startIndex, to: $0.lowerBound) })
            else { return nil }
            return grid[x, y].style.attributes.contains(.dim)
        }
        #expect(dimmed("Record a payment — nothing is open") == true, "\(grid.text)")
        #expect(dimmed("Next row") == false, "\(grid.text)")
    }

    @Test("keys longer than the help's key column break after a “/”, never cut")
    func longKeyNamesBreakOverLines() {
        let long = KeyBinding("a.page", [.pageDown, .ctrl("f"), .space, .char("J")], "page", help: "Next page", group: "Moving")
        var help = HelpOverlay(title: "Keys", bindings: bindings + [long])
        var grid = Grid(size: Size(width: 80, height: 24))
        help.draw(in: grid.bounds, grid: &grid, theme: .fallback)
        let rows = grid.text.split(separator: "\n").map(String.init)
        let names = long.keyNames.split(separator: "/").map(String.init)
        #expect(TextWidth.of(long.keyNames) > 18, "longer than the column: \(long.keyNames)")
        for name in names {
            #expect(rows.contains { $0.contains(name) }, "\(name) is shown:\n\(grid.text)")
        }
        let first = rows.firstIndex { $0.contains("Next page") }
        #expect(first.map { rows[$0].contains(names[0]) } == true, "the first keys beside the text:\n\(grid.text)")
        #expect(first.map { rows[$0 + 1].contains(names.last!) } == true, "the rest under them:\n\(grid.text)")
        #expect(HelpOverlay.keyLines("PgDn/Ctrl-F/Space", width: 12) == ["PgDn/Ctrl-F/", "Space"])
        #expect(HelpOverlay.keyLines("Ctrl-Shift-Alt-F12", width: 5) == ["Ctrl-Shift-Alt-F12"], "one key stays whole")
    }

    @Test func tooSmallSaysWhatIsNeeded() {
        var grid = Grid(size: Size(width: 30, height: 8))
        Chrome.drawTooSmall(grid: &grid, theme: .fallback)
        #expect(grid.text.contains("Terminal too small"))
        #expect(grid.text.contains("need 80×24"))
        #expect(grid.text.contains("have 30×8"))
    }

    @Test func bindingLookupFindsTheFirstMatch() {
        #expect(bindings.binding(for: .down)?.id == "a.down")
        #expect(bindings.binding(for: .char("x")) == nil)
    }
}
