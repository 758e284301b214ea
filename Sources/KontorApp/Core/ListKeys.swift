import KontorUI

/// The moving keys every list shares, and what they do to a `WindowedList`.
enum ListKeys {
    static let movement: [KeyBinding] = [
        KeyBinding("list.down", [.char("j"), .down], "down", help: "Next row", group: "Moving", inFooter: false),
        KeyBinding("list.up", [.char("k"), .up], "up", help: "Previous row", group: "Moving", inFooter: false),
        KeyBinding("list.pageDown", [.pageDown, .ctrl("f"), .space], "page down", help: "Next page", group: "Moving", inFooter: false),
        KeyBinding("list.pageUp", [.pageUp, .ctrl("b")], "page up", help: "Previous page", group: "Moving", inFooter: false),
        KeyBinding("list.top", [.char("g"), .home], "top", help: "First row", group: "Moving", inFooter: false),
        KeyBinding("list.bottom", [.char("G"), .end], "bottom", help: "Last row", group: "Moving", inFooter: false),
    ]

    /// Runs a movement binding on `list`; returns false for any other id.
    static func perform<Row>(_ id: String, on list: WindowedList<Row>) throws -> Bool {
        switch id {
        case "list.down": try list.move(by: 1)
        case "list.up": try list.move(by: -1)
        case "list.pageDown": try list.page(by: 1)
        case "list.pageUp": try list.page(by: -1)
        case "list.top": try list.loadFirst()
        case "list.bottom": try list.loadLast()
        default: return false
        }
        return true
    }
}
