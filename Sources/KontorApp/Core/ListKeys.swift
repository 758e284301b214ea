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

    /// Where a cursor over `count` rows held in memory goes, a page being
    /// `page` rows; always a row when there is one.
    func moved(_ cursor: Int, count: Int, page: Int = 20) -> Int {
        let target: Int
        switch self {
        case .down: target = cursor + 1
        case .up: target = cursor - 1
        case .pageDown: target = cursor + page
        case .pageUp: target = cursor - page
        case .top: target = 0
        case .bottom: target = count - 1
        }
        return max(0, min(count - 1, target))
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

    /// The moving keys for a cursor over rows held in memory (a review's
    /// entries, a run's proposals): every list's keys, j/k, PgDn/PgUp,
    /// g/G, the same everywhere, but those in `taken`, which the layer
    /// uses for something of its own (Space marks a dunning proposal).
    static func cursorActions(leaving taken: Set<Key> = [], _ move: @escaping (ListMove) -> Void) -> [Action] {
        ListMove.allCases.map { step in
            var binding = step.binding
            binding.keys.removeAll { taken.contains($0) }
            return Action(binding: binding) { _ in move(step) }
        }
    }

    /// The moving keys as actions; `move` applies one to whatever list is
    /// focused when the key is pressed.
    static func actions(_ move: @escaping (ListMove) throws -> Void) -> [Action] {
        ListMove.allCases.map { step in Action(binding: step.binding) { _ in try move(step) } }
    }
}
