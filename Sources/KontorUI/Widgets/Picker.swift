import KontorLocale

/// A searchable list in a box over the screen, for lookups in forms
/// (customer, product, assignee): type to narrow, arrows to move, Enter picks,
/// Esc cancels.
///
/// The picker holds only the rows its search returns (a few dozen): the
/// search itself belongs to whoever opens it, so a million customers cost
/// what fifty do. It knows nothing of what the rows are.
public final class Picker {
    /// One row: the id it stands for and the texts of its cells.
    public struct Item: Equatable, Sendable {
        public var id: Int64
        public var cells: [String]
        public var role: Theme.Role?

        public init(id: Int64, cells: [String], role: Theme.Role? = nil) {
            self.id = id
            self.cells = cells
            self.role = role
        }
    }

    public enum Event: Equatable, Sendable {
        case none
        case picked(Item)
        case cancelled
    }

    /// Returns at most `limit` rows matching `text` (all rows, or the most
    /// likely ones, when `text` is empty).
    public typealias Search = (_ text: String, _ limit: Int) throws -> [Item]

    public let title: String
    public let table: TableView
    private let search: Search
    public private(set) var input: TextInput
    public private(set) var items: [Item] = []
    public private(set) var cursor = 0
    /// Why the last search failed, shown in the box.
    public private(set) var error: String?
    /// Rows fetched per search: more than fit, so moving down never refetches.
    public var limit = 50

    public init(title: String, columns: [TableView.Column], text: String = "", search: @escaping Search) {
        self.title = title
        self.table = TableView(columns: columns)
        self.search = search
        self.input = TextInput(text, maxLength: 200)
        refresh()
    }

    public var query: String { input.text }
    public var selected: Item? { items.indices.contains(cursor) ? items[cursor] : nil }

    /// Searches again, keeping the highlighted row when it is still there
    /// (`keepingSelection`; a changed text starts at the best match instead).
    public func refresh(keepingSelection: Bool = true) {
        let keep = keepingSelection ? selected?.id : nil
        do {
            items = try search(input.text, limit)
            error = nil
        } catch {
            items = []
            self.error = "\(error)"
        }
        cursor = items.firstIndex { $0.id == keep } ?? 0
    }

    /// What the footer and help show while the picker is open. The ids are
    /// the picker's own; pass them to `perform(_:)`.
    public static let bindings: [KeyBinding] = [
        KeyBinding("picker.pick", [.enter], "pick", help: "Take the highlighted row", group: "Picker"),
        KeyBinding("picker.cancel", [.escape], "cancel", help: "Close the picker, choose nothing", group: "Picker"),
        KeyBinding("picker.down", [.down, .ctrl("n")], "down", help: "Next row", group: "Picker", inFooter: false),
        KeyBinding("picker.up", [.up, .ctrl("p")], "up", help: "Previous row", group: "Picker", inFooter: false),
        KeyBinding("picker.pageDown", [.pageDown], "page down", help: "Next page", group: "Picker", inFooter: false),
        KeyBinding("picker.pageUp", [.pageUp], "page up", help: "Previous page", group: "Picker", inFooter: false),
    ] + Form.bindings.filter { $0.group == "Editing" }

    /// Runs one of `bindings` by id.
    public func perform(_ id: String) -> Event {
        switch id {
        case "picker.pick": return selected.map { .picked($0) } ?? .none
        case "picker.cancel": return .cancelled
        case "picker.down": cursor = min(max(0, items.count - 1), cursor + 1)
        case "picker.up": cursor = max(0, cursor - 1)
        case "picker.pageDown": cursor = min(max(0, items.count - 1), cursor + pageSize)
        case "picker.pageUp": cursor = max(0, cursor - pageSize)
        default: break
        }
        return .none
    }

    /// A key: bound keys act as `perform`, the rest edit the search text.
    public func handle(_ key: Key) -> Event {
        if let binding = Self.bindings.binding(for: key) { return perform(binding.id) }
        let before = input.text
        guard input.handle(key) else { return .none }
        if input.text != before { refresh(keepingSelection: false) }
        return .none
    }

    private var pageSize = 10

    /// The box centred in `area` and the text area inside it.
    private static func box(in area: Rect) -> (box: Rect, inner: Rect) {
        // On a narrow terminal the box takes the width there is: its
        // columns (an amount among them) need it.
        let width = min(area.width - 2, max(78, area.width * 3 / 4))
        let height = min(area.height, max(10, area.height - 4))
        let box = area.centered(width: width, height: height)
        return (box, Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2))
    }

    /// The area the last layout was for: where a click lands.
    private var area: Rect?

    /// How far PgDn moves at `area`: set before drawing, by whoever lays
    /// the screen out.
    public func layout(in area: Rect) {
        self.area = area
        pageSize = max(1, Self.box(in: area).inner.height - 3)
    }

    /// A click: the cursor goes to the row drawn at `point`; false when
    /// none is drawn there. Rows as `draw` places them.
    public func select(at point: Point) -> Bool {
        guard let area else { return false }
        let inner = Self.box(in: area).inner
        let listArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let visible = listArea.height - 1
        let top = cursor < visible ? 0 : cursor - visible + 1
        let row = point.y - (listArea.y + 1)
        guard listArea.contains(point), row >= 0, row < visible, top + row < items.count else { return false }
        cursor = top + row
        return true
    }

    /// Draws the box centred in `area`; returns where the text cursor goes.
    /// Changes nothing.
    public func draw(in area: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let (box, inner) = Self.box(in: area)
        Chrome.drawBox(box, title: title, grid: &grid, style: theme[.dialog], titleStyle: theme[.dialogTitle])
        guard inner.height >= 3, inner.width >= 10 else { return nil }
        grid.write("/ ", x: inner.x, y: inner.y, style: theme[.label].adding(.bold))
        let column = input.draw(x: inner.x + 2, y: inner.y, width: inner.width - 2, grid: &grid, style: theme[.inputFocused])
        let listArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        let visible = listArea.height - 1
        let top = cursor < visible ? 0 : cursor - visible + 1
        let lines = items.dropFirst(top).prefix(visible).map { TableView.Line(cells: $0.cells, role: $0.role) }
        table.draw(Array(lines), cursor: cursor - top, in: listArea, grid: &grid, theme: theme,
                   scrollInfo: (top == 0, top + visible >= items.count))
        let message = error.map { "✗ " + $0 } ?? (items.isEmpty ? (input.text.isEmpty ? Wording.text("Nothing to choose from.") : Wording.text("Nothing matches “{0}”.", [input.text])) : nil)
        if let message {
            grid.write(message, x: listArea.x + 2, y: listArea.y + 2, maxWidth: listArea.width - 4, style: error != nil ? theme[.error] : theme[.dim])
        }
        return Point(x: column, y: inner.y)
    }
}
