import KontorUI
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
