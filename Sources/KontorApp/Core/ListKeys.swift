import KontorUI

/// The moving keys every list shares, and what each does to a `WindowedList`.
enum ListMove: CaseIterable {
    case down, up, pageDown, pageUp, top, bottom

    var binding: KeyBinding {
        switch self {
        case .down: return KeyBinding("list.down", [.char("j"), .down], "down", help: "Next row", group: "Moving", inFooter: false)
        case .up: return KeyBinding("list.up", [.char("k"), .up], "up", help: "Previous row", group: "Moving", inFooter: false)
        case .pageDown: return KeyBinding("list.pageDown", [.pageDown, .ctrl("f"), .space], "page down", help: "Next page", group: "Moving", inFooter: false)
        case .pageUp: return KeyBinding("list.pageUp", [.pageUp, .ctrl("b")], "page up", help: "Previous page", group: "Moving", inFooter: false)
        case .top: return KeyBinding("list.top", [.char("g"), .home], "top", help: "First row", group: "Moving", inFooter: false)
        case .bottom: return KeyBinding("list.bottom", [.char("G"), .end], "bottom", help: "Last row", group: "Moving", inFooter: false)
        }
    }

    func apply<Row>(to list: WindowedList<Row>) throws {
        switch self {
        case .down: try list.move(by: 1)
        case .up: try list.move(by: -1)
        case .pageDown: try list.page(by: 1)
        case .pageUp: try list.page(by: -1)
        case .top: try list.loadFirst()
        case .bottom: try list.loadLast()
        }
    }
}

enum ListKeys {
    static let movement: [KeyBinding] = ListMove.allCases.map(\.binding)

    /// The moving keys as actions; `move` applies one to whatever list is
    /// focused when the key is pressed.
    static func actions(_ move: @escaping (ListMove) throws -> Void) -> [Action] {
        ListMove.allCases.map { step in Action(binding: step.binding) { _ in try move(step) } }
    }
}
