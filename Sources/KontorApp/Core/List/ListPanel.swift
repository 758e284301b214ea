import KontorModel
import KontorUI
import KontorLocale

/// What a list screen asks of its model: a query with the typed filter in
/// it, and the views it switches between.
protocol ListQuery: Equatable, Sendable {
    associatedtype View: Equatable
    var view: View { get set }
    /// The filter as typed.
    var text: String { get set }
    /// The column the person sorts by; nil for the list's own order.
    var sort: ListSort? { get set }
    /// What narrows the list beyond its quick view and filter, as a saved
    /// view keeps it (`SavedListView.scope`); empty for none.
    var scope: String { get set }
}

extension ListQuery {
    /// A list whose model keeps one order only.
    var sort: ListSort? {
        get { nil }
        set {}
    }

    /// A list narrowed by its quick views and filter alone.
    var scope: String {
        get { "" }
        set {}
    }
}

/// The list every list screen shows: a window of rows read page by page
/// from the model, the cursor, filter as you type, quick views, a count,
/// the text for an empty list, and its part of where the screen stands for
/// the history. A screen gives it its query, its columns and its words,
/// and keeps only its own actions and forms.
@MainActor
final class ListPanel<Row: Identifiable, Query: ListQuery> {
    /// How the screen fills the panel.
    struct Source {
        var page: (_ query: Query, _ after: Row?, _ inclusive: Bool, _ limit: Int) throws -> [Row]
        var pageBefore: (_ query: Query, _ before: Row?, _ limit: Int) throws -> [Row]
        /// How many rows the query finds, as the title says it: "1 234",
        /// or in the screen's words past a cap ("more than 10 000", "1 000+").
        var count: ((_ query: Query) throws -> String)? = nil
        /// Which orders the model takes for the query now (see
        /// `Sorting`); nil for a list sorted by indexed columns alone.
        var sorting: ((_ query: Query) throws -> Sorting)? = nil
        /// For a short list the model counts to decide its order, instead
        /// of `count` and `sorting`: the rows are then read with the query
        /// as counted (an order it did not take left out).
        var counted: ((_ query: Query) throws -> CountedListQuery<Query>)? = nil
    }

    /// What the model says of sorting the list as it is now.
    struct Sorting {
        /// It holds few enough rows to be sorted by `Words.sortableWhenFew`.
        var everyColumn = false
        /// The order asked for that it did not take, for holding too many.
        var refused: ListSort? = nil
    }

    struct Words {
        /// "Staff", shown at the top left.
        var title: (Query) -> String
        /// The views in the order `v` walks them, and their names.
        var views: [Query.View]
        var viewName: (Query.View) -> String
        /// What the filter searches, for the help: "name, account, title or department".
        var filterHelp: String
        /// Said over an empty list: with a filter, and without.
        var emptyFiltered: (String) -> String
        var empty: (Query) -> String
        /// "42 active" rather than "42 matching" when nothing is typed.
        var countNoun: (Query) -> String
        /// What typing into the list is called on this screen: "filter",
        /// or "search" where a whole code typed opens its record.
        var filterWord = "filter"
        /// Whether the title row names every view (false when the title says the view itself).
        var listsViews = true
        /// Whether the count stays in the title while the filter is typed, following each letter.
        var countsWhileTyping = false
        /// A few words after the count ("* 2 marked"), when there is something to say.
        var note: (() -> String?)? = nil
        /// Below this width the title row leaves out the count of matches
        /// while a filter is set, so the filter's text has the room.
        var filteredCountMinWidth = 0
        /// The columns the model sorts by (see its `sortableColumns`);
        /// empty where the list keeps one order.
        var sortable: [String] = []
        /// The columns the model sorts by only while the list holds few
        /// rows (see its `sortableWhenFew`).
        var sortableWhenFew: [String] = []
        /// The list's own order, when it is one of its columns rising
        /// (customers by name): the sort key then skips it.
        var ownOrder: ListSort? = nil
        /// A scope in words, where the list has one (see `ChoiceWords.scopeName`).
        var scopeName: ((String) -> String)? = nil
    }

    private let source: Source
    let words: Words
    /// Where the person's choices for the list are kept; nil keeps them for the session only.
    let memory: ListMemory?
    private(set) var query: Query
    /// The columns the person hid, by their ids.
    var hiddenColumns: Set<String> = []
    /// The table the update step chose for the list's area (by its width);
    /// drawing draws it. Its columns, hidden ones too, are what the sort
    /// key and the column picker walk.
    private(set) var table = TableView(columns: [])
    var tableColumns: [TableView.Column] {
        get { table.columns }
        set { table.columns = newValue }
    }
    /// The saved view the list shows, until anything of it is changed.
    var savedName: String?
    /// The person's saved views of this list, read once and after each change.
    var savedCache: [SavedListView]?
    /// The filter being typed, while it is.
    var input: TextInput?
    /// The count as the title shows it; read in the update step.
    private(set) var countText: String?
    /// Which orders the model takes now; read with the count.
    private(set) var sorting = Sorting()
    /// An error met while reading, shown where the rows would be.
    private(set) var failure: String?
    private(set) var loaded = false
    /// The area the update step laid the panel out in: where `draw` puts
    /// the rows, for a click to find the one under it.
    private(set) var area: Rect?

    private(set) lazy var list = WindowedList<Row>(
        fetchAfter: { [unowned self] row, inclusive, limit in try source.page(readQuery, row, inclusive, limit) },
        fetchBefore: { [unowned self] row, limit in try source.pageBefore(readQuery, row, limit) })

    /// The query as the rows are read: as the model counted it, where it does.
    private var readQuery: Query { counted?.query ?? query }
    /// The query as the model counted it, for a `Source.counted` list.
    private var counted: CountedListQuery<Query>?

    init(_ query: Query, source: Source, words: Words, memory: ListMemory? = nil) {
        self.query = query
        self.source = source
        self.words = words
        self.memory = memory
        memory?.restore(&self.query, hidden: &hiddenColumns, sortable: sortableEver)
    }

    var selected: Row? { list.selected }
    var isFiltering: Bool { input != nil }

    // MARK: Update

    /// Reads the first page once; later calls change nothing.
    func loadIfNeeded() throws {
        guard !loaded else { return }
        loaded = true
        try recount()
        try list.loadFirst()
    }

    /// Reads again around the highlighted row: someone changed the data.
    func reload() throws {
        guard loaded else { return try loadIfNeeded() }
        try recount()
        try list.reload()
    }

    func setQuery(_ newQuery: Query, keepingSavedView: Bool = false) throws {
        if !keepingSavedView, newQuery != query { savedName = nil }
        guard newQuery != query || !loaded else { return }
        query = newQuery
        loaded = true
        try recount()
        try list.loadFirst()
    }

    /// The count and the orders the model takes, read before the rows:
    /// a counted list's rows are read in the order its count allows.
    private func recount() throws {
        if let prepare = source.counted {
            let counted = try prepare(query)
            self.counted = counted
            countText = Format.count(counted.count)
            sorting = Sorting(everyColumn: counted.sortsEveryColumn, refused: counted.refusedSort)
            return
        }
        countText = try source.count?(query)
        sorting = try source.sorting?(query) ?? Sorting()
    }

    /// The update step for the area `draw` will get: as many rows as fit
    /// are read now, so that drawing reads nothing; `table` is the one
    /// `draw` will be handed for that area (its columns are what `>`, `<`
    /// and `C` offer).
    func layout(in rect: Rect, legend: Bool, table: TableView) {
        area = rect
        self.table = table
        let rest = rect.height - 1
        list.visibleCount = max(1, (legend && rest > 6 ? rest - 1 : rest) - 1)
        do {
            try list.fillWindow()
            failure = nil
        } catch {
            failure = ErrorText.describe(error)
        }
    }

    /// Puts the cursor on `row`, leaving a view or filter that hides it
    /// when `fits` says it does not belong to them.
    ///
    /// With `keepingFilter`, a filter that shows the row stays (a saved
    /// record the filter still finds); otherwise the filter is cleared.
    func show(_ row: Row, keepingFilter: Bool = false, fits: (Query) -> Bool) throws {
        if keepingFilter, fits(query), loaded {
            try list.show(row)
            if list.selected?.id == row.id {
                input = nil
                return
            }
        }
        if !fits(query) || !query.text.isEmpty {
            var wider = query
            wider.text = ""
            if !fits(wider), let all = words.views.first(where: { var q = wider; q.view = $0; return fits(q) }) { wider.view = all }
            try setQuery(wider)
        }
        input = nil
        try list.show(row)
    }

    // MARK: Keys

    /// The keys of the list while the filter is typed into.
    var filterActions: [Action] {
        [
            Action("filter.done", [.enter], "keep filter", help: "Stop typing, keep the filter", group: "Filter") { [unowned self] _ in
                input = nil
            },
            Action("filter.clear", [.escape], "clear", help: "Clear the filter", group: "Filter") { [unowned self] _ in try clearFilter() },
            Action("list.down", [.down], "down", help: "Next row", group: "Filter", inFooter: false) { [unowned self] _ in try list.move(by: 1) },
            Action("list.up", [.up], "up", help: "Previous row", group: "Filter", inFooter: false) { [unowned self] _ in try list.move(by: -1) },
        ] + Form.bindings.filter { $0.group == "Editing" }.map(Action.passingThrough)
    }

    /// The filter's keys with Enter doing more after it keeps the filter:
    /// `then` gets what was typed (a code a scanner typed, a ticket's number).
    func filterActions(enter label: String, help: String, then: @escaping (String, ScreenHost) throws -> Void) -> [Action] {
        filterActions.map { action in
            guard action.id == "filter.done" else { return action }
            return Action("filter.done", [.enter], label, help: help, group: "Filter") { [unowned self] host in
                let typed = input?.text ?? ""
                try action.run(host)
                try then(typed, host)
            }
        }
    }

    /// `/` to filter, Esc to clear it (while one is set), `v` for the next view.
    func listActions(group: String) -> [Action] {
        let search = words.filterWord == "search"
        var keys = [Action("list.filter", [.char("/")], search ? tr("search") : tr("filter"),
                           help: search ? tr("Search as you type: {0}", tr(words.filterHelp)) : tr("Filter as you type: {0}", tr(words.filterHelp)),
                           group: group) { [unowned self] _ in
            startFilter()
        }]
        if !query.text.isEmpty {
            keys.append(Action("filter.clear", [.escape], search ? tr("clear search") : tr("clear filter"),
                               help: search ? tr("Clear the search") : tr("Clear the filter"),
                               group: group) { [unowned self] _ in try clearFilter() })
        }
        let stops = viewStops
        if stops.count > 1 {
            let names = stops.map(stopName).joined(separator: " → ")
            let next = nextStop
            keys.append(Action("list.view", [.char("v")], tr("view: {0}", stopName(next)), help: tr("Next view: {0}", names), group: group) {
                [unowned self] _ in try go(to: next)
            })
        }
        return keys
    }

    /// j/k, pages and the ends of the list; then its order, columns and
    /// saved views (`>`, `<`, `C`, `W`), which every list has alike and
    /// the help lists after the screen's own keys.
    var movementActions: [Action] {
        ListKeys.actions { [unowned self] in try $0.apply(to: list) }
            + choiceActions(group: "Order and columns") + savedViewActions(group: "Order and columns")
    }

    /// Starts typing into the filter, from what is set now.
    func startFilter() {
        input = TextInput(query.text, maxLength: 80)
    }

    /// Clears the filter, keeping the highlighted row where it can.
    func clearFilter() throws {
        input = nil
        let keep = list.selected
        var cleared = query
        cleared.text = ""
        try setQuery(cleared)
        if let keep { try list.show(keep) }
    }

    /// Typing into the filter: the list follows each letter.
    func handleUnbound(_ key: Key) throws -> Bool {
        guard var typing = input, typing.handle(key) else { return false }
        input = typing
        var filtered = query
        filtered.text = typing.text
        try setQuery(filtered)
        return true
    }

    // MARK: Mouse

    /// Puts the cursor on the row drawn at `point` (below the title row and
    /// the table's header); false when no row is drawn there. A click on a
    /// row while the filter is typed ends the typing, keeping the filter,
    /// as Enter does: the keys are the list's again.
    func select(at point: Point) -> Bool {
        guard let area, point.x >= area.x, point.x < area.maxX, list.select(visibleRow: point.y - (area.y + 2)) else { return false }
        input = nil
        return true
    }

    /// The wheel: the rows scroll, the cursor keeps its height on screen.
    func scroll(by lines: Int) throws {
        try list.scroll(by: lines)
    }

    /// Back where the history says: view, filter and the highlighted row.
    func restore(view: Query.View?, filter: String, highlighted: Row?) throws {
        input = nil
        var restored = query
        if let view { restored.view = view }
        restored.text = filter
        try setQuery(restored)
        if let highlighted { try list.show(highlighted) }
    }

    // MARK: Drawing

    /// The title row (title, views, count, filter) and the table under it.
    /// Pure: draws what the update step read, in the table `layout` was given.
    func draw(in rect: Rect, grid: inout Grid, theme: Theme, line: (Row) -> TableView.Line, legend: String? = nil) -> Point? {
        let (titleRow, rest) = rect.splitTop(1)
        grid.fill(titleRow, style: theme[.normal])
        var cursor: Point?
        var x = titleRow.x + 1
        x += grid.write(words.title(query), x: x, y: titleRow.y, style: theme[.title])
        if let savedName { x += grid.write(" · \(savedName)", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x), style: theme[.title]) }
        if words.listsViews, words.views.count > 1 {
            for view in words.views {
                let name = words.viewName(view)
                x += grid.write(view == query.view ? " [\(name)]" : "  \(name) ", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x),
                                style: view == query.view ? theme[.label].adding(.bold) : theme[.dim])
            }
        }
        if let countText, input == nil || words.countsWhileTyping, query.text.isEmpty || titleRow.width >= words.filteredCountMinWidth {
            let noun = query.text.isEmpty ? words.countNoun(query) : tr("matching")
            x += grid.write("  \(countText) \(noun)", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x), style: theme[.dim])
        }
        if let note = refusedSortNote {
            x += grid.write("  " + note, x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x - 1),
                            style: theme[.dim])
        }
        if let note = words.note?() {
            x += grid.write("  \(note)", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x - 1), style: theme[.marked])
        }
        if let input {
            x += grid.write("  / ", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x), style: theme[.label].adding(.bold))
            // The rest of the title row: a long filter (an e-mail address,
            // a street) shows whole wherever the row has room for it.
            let column = input.draw(x: x, y: titleRow.y, width: max(10, titleRow.maxX - x - 1), grid: &grid, style: theme[.inputFocused])
            cursor = Point(x: column, y: titleRow.y)
        } else if !query.text.isEmpty {
            grid.write("  \(tr(words.filterWord)): \(query.text)", x: x, y: titleRow.y, maxWidth: max(0, titleRow.maxX - x - 1), style: theme[.marked])
        }
        var listArea = rest
        var legendRow: Rect?
        if legend != nil, rest.height > 6 { (listArea, legendRow) = rest.splitBottom(1) }
        let (shown, kept) = shownTable(table)
        shown.draw(list.visibleRows.map { line($0).keeping(kept) }, cursor: list.cursor - list.top, in: listArea, grid: &grid, theme: theme,
                   focused: input == nil, scrollInfo: (list.atStart && list.top == 0, list.atEnd && list.top + list.visibleCount >= list.rows.count))
        if let failure {
            grid.write("✗ \(failure)", x: listArea.x + 2, y: listArea.y + 2, maxWidth: listArea.width - 4, style: theme[.error])
        } else if list.isEmpty {
            let message = query.text.isEmpty ? words.empty(query) : words.emptyFiltered(query.text)
            grid.write(message, x: listArea.x + 2, y: listArea.y + 2, maxWidth: listArea.width - 4, style: theme[.dim])
        }
        if let legendRow, let legend {
            grid.fill(legendRow, style: theme[.normal])
            grid.write(legend, x: legendRow.x + 1, y: legendRow.y, maxWidth: legendRow.width - 2, style: theme[.dim])
        }
        return cursor
    }
}
