import KontorModel
import KontorUI
import KontorLocale

/// Where a list keeps what its person chose for it: the order, the
/// hidden columns and the saved views, with their preferences, so that
/// the list looks as they left it in their next session and as nobody
/// else set it.
@MainActor
struct ListMemory {
    let session: Session
    /// The list's stable name ("customers"), the same in every language.
    let list: String
    /// The screen's stack, for the column picker and the saved views.
    let stack: ModalStack

    func choices() -> ListChoices? { try? session.listChoices(list) }

    /// The person's order (when the list still sorts by that column,
    /// `sortable`) and hidden columns, into a list being made.
    func restore<Query: ListQuery>(_ query: inout Query, hidden: inout Set<String>, sortable: [String]) {
        guard let choices = choices() else { return }
        if let sort = choices.sort, sortable.contains(sort.column) { query.sort = sort }
        hidden = Set(choices.hiddenColumns)
    }
}

/// What a list says of itself for sorting, columns and saved views.
struct ChoiceWords<View> {
    /// The columns the model sorts by; empty where the list keeps one order.
    var sortable: [String]
    /// The columns the model sorts by while the list holds few rows
    /// (sorted in memory), such as the ticket queue's customer.
    var sortableWhenFew: [String] = []
    /// The list's own order, when it is one of its columns rising.
    var ownOrder: ListSort?
    /// The quick views, in the order `v` walks them, and their names.
    var views: [View]
    var viewName: (View) -> String
    /// "filter" or "search", as the list calls typing into it.
    var filterWord: String
    /// A scope (`ListQuery.scope`) in words for a saved view's description
    /// ("queue billing"); nil for a list without one.
    var scopeName: ((String) -> String)? = nil
}

/// A list its person sorts by a column, chooses the columns of and saves
/// views of: the shared `ListPanel`, and the invoice list, which keeps its
/// own drawing (views along the top, totals along the bottom). The keys,
/// the header mark, the column picker and the saved views are written
/// once, here and in `ListPanel+SavedViews`, for both.
@MainActor
protocol ChoosableList: AnyObject {
    associatedtype Query: ListQuery
    var query: Query { get }
    func setQuery(_ query: Query, keepingSavedView: Bool) throws
    /// Reads the list again from its top, the query unchanged.
    func reloadFromTop() throws
    /// Ends typing into the filter, keeping what was typed.
    func stopTyping()
    var choiceWords: ChoiceWords<Query.View> { get }
    /// Whether the list holds few enough rows now for `sortableWhenFew`.
    var sortsEveryColumn: Bool { get }
    /// The order asked for that the model did not take: a column of
    /// `sortableWhenFew` on a list that holds too many rows for it.
    var refusedSort: ListSort? { get }
    var memory: ListMemory? { get }
    var hiddenColumns: Set<String> { get set }
    /// The columns of the table the update step chose for the list's area
    /// (by its width), hidden ones too.
    var tableColumns: [TableView.Column] { get set }
    /// The saved view the list shows, until anything of it is changed.
    var savedName: String? { get set }
    /// The person's saved views of this list, read once and after each change.
    var savedCache: [SavedListView]? { get set }
}

extension ListPanel: ChoosableList {
    var choiceWords: ChoiceWords<Query.View> {
        ChoiceWords(sortable: words.sortable, sortableWhenFew: words.sortableWhenFew, ownOrder: words.ownOrder, views: words.views,
                    viewName: words.viewName, filterWord: words.filterWord, scopeName: words.scopeName)
    }

    var sortsEveryColumn: Bool { sorting.everyColumn }
    var refusedSort: ListSort? { sorting.refused }

    func reloadFromTop() throws { try list.loadFirst() }
    func stopTyping() { input = nil }
}

/// Sorting by a column and choosing the columns: every list gets them
/// from its words (`sortable`, `ownOrder`) and its table's column ids.
extension ChoosableList {
    // MARK: Sorting

    /// The columns the model sorts the list by now: those it sorts by at
    /// any size, and while the list holds few rows the others it can.
    var sortableNow: [String] {
        choiceWords.sortable + (sortsEveryColumn ? choiceWords.sortableWhenFew : [])
    }

    /// "too many to sort by Customer", for the title while the model
    /// does not take the order asked for.
    var refusedSortNote: String? {
        guard let refused = refusedSort else { return nil }
        let column = tableColumns.first { $0.id == refused.column }.map { Wording.text($0.title) } ?? refused.column
        return tr("too many to sort by {0}", column)
    }

    /// Every column a saved or remembered order may name.
    var sortableEver: [String] { choiceWords.sortable + choiceWords.sortableWhenFew }

    /// The orders `>` walks: the list's own, then each shown column the
    /// model sorts by, rising and falling, in the header's order; the
    /// column of the list's own order first, its other way ("Name ▲",
    /// "Name ▼", then "SKU ▲" on Inventory, whose SKU stands before Name).
    var sortOrders: [ListSort?] {
        var orders: [ListSort?] = [nil]
        let sortable = sortableNow
        for column in walkedColumns {
            guard let id = column.id, sortable.contains(id) else { continue }
            orders += [ListSort(id), ListSort(id, descending: true)].filter { $0 != choiceWords.ownOrder }
        }
        return orders
    }

    /// The columns as the header shows them: the table's, less the hidden.
    var shownColumns: [TableView.Column] {
        tableColumns.filter { $0.id.map { !hiddenColumns.contains($0) } ?? true }
    }

    /// The order `step` presses of `>` (or `<`, negative) away.
    func sortOrder(_ step: Int) -> ListSort? {
        let orders = sortOrders
        let index = orders.firstIndex(of: query.sort) ?? 0
        return orders[((index + step) % orders.count + orders.count) % orders.count]
    }

    /// "City ▲", or the column of the list's own order.
    func sortName(_ sort: ListSort?) -> String {
        guard let order = sort ?? choiceWords.ownOrder else { return tr("the list's own order") }
        let title = tableColumns.first { $0.id == order.column }.map { Wording.text($0.title) } ?? order.column
        return "\(title) \(order.descending ? "▼" : "▲")"
    }

    /// `>`/`<` to sort by the next or previous column, `C` to choose the columns.
    func choiceActions(group: String) -> [Action] {
        let keepsOneOrder = sortableEver.isEmpty
        return [
            Action("list.sort", [.char(">")], tr("sort: {0}", sortName(sortOrder(1))),
                   help: "Sort by the next column, rising then falling, and back to the list's own order (remembered)",
                   group: group, inFooter: false) { [unowned self] host in try sort(step: 1, host) }
                .disabled(if: keepsOneOrder, tr("This list keeps one order")),
            Action("list.sortBack", [.char("<")], "sort back", help: "Sort by the previous column (remembered)",
                   group: group, inFooter: false) { [unowned self] host in try sort(step: -1, host) }
                .disabled(if: keepsOneOrder, tr("This list keeps one order")),
            Action("list.columns", [.char("C")], "columns", help: "Choose the columns the list shows (remembered)",
                   group: group, inFooter: false) { [unowned self] _ in openColumnPicker() }
                .disabled(if: memory == nil, tr("This list shows all its columns")),
        ]
    }

    /// Sorts by the order `step` presses away, from the top of the list,
    /// and says so; a column passed over on the way is named as not sortable.
    func sort(step: Int, _ host: ScreenHost) throws {
        let next = sortOrder(step)
        let passed = columnsPassed(from: query.sort, to: next, step: step)
        try sort(by: next)
        var said = next == nil && choiceWords.ownOrder == nil ? tr("In the list's own order again.") : tr("Sorted by {0}.", sortName(next))
        let whenFew = passed.filter { choiceWords.sortableWhenFew.contains($0.id) }.map(\.title)
        let never = passed.filter { !choiceWords.sortableWhenFew.contains($0.id) }.map(\.title)
        if !never.isEmpty { said += " " + tr("Not sortable here: {0}.", never.joined(separator: ", ")) }
        if !whenFew.isEmpty { said += " " + tr("Sortable in a shorter list (a view or filter): {0}.", whenFew.joined(separator: ", ")) }
        // A column named short ("Bearb.") ends the sentence with its own point.
        host.show(said.replacingOccurrences(of: "..", with: "."), isError: false)
    }

    /// Puts the list in `order` from its top and keeps the choice.
    func sort(by order: ListSort?) throws {
        var sorted = query
        sorted.sort = order
        try setQuery(sorted, keepingSavedView: false)
        try memory.map { try $0.session.setListSort(order, for: $0.list) }
    }

    /// The shown columns in the order `>` walks them: the own order's first.
    private var walkedColumns: [TableView.Column] {
        let own = choiceWords.ownOrder?.column
        return shownColumns.filter { $0.id == own } + shownColumns.filter { $0.id != own }
    }

    /// The shown columns between the column of `from` and that of `to`,
    /// walking them in the direction of `step` as `>` does, that are not
    /// sortable now: their ids and titles.
    private func columnsPassed(from: ListSort?, to: ListSort?, step: Int) -> [(id: String, title: String)] {
        let columns = walkedColumns
        let sortable = sortableNow
        func position(_ sort: ListSort?) -> Int {
            guard let id = (sort ?? choiceWords.ownOrder)?.column else { return -1 }
            return columns.firstIndex { $0.id == id } ?? -1
        }
        let start = position(from), end = position(to)
        guard start != end else { return [] }
        var passed: [(id: String, title: String)] = []
        var index = start
        // Positions -1 … count-1 in a ring: -1 is the list's own order.
        for _ in 0...columns.count {
            index = (index + (step > 0 ? 1 : -1) + 1 + (columns.count + 1)) % (columns.count + 1) - 1
            if index == end { break }
            if index >= 0, let id = columns[index].id, !sortable.contains(id) { passed.append((id, Wording.text(columns[index].title))) }
        }
        return passed
    }

    // MARK: Columns

    /// The table as the person set it: their hidden columns left out, the
    /// sorted column marked (▲ rising, ▼ falling: a character, not a
    /// colour, so it shows under NO_COLOR too), and which of the table's
    /// columns it keeps, in order, for the lines. A list in its own order
    /// marks the column of that order, as `sortName` names it when `>`
    /// comes back to it ("Sorted by Name ▲").
    func shownTable(_ table: TableView) -> (TableView, [Int]) {
        let kept = table.columns.indices.filter { table.columns[$0].id.map { !hiddenColumns.contains($0) } ?? true }
        var columns = kept.map { table.columns[$0] }
        let order = query.sort != refusedSort ? query.sort : choiceWords.ownOrder
        if let sort = order, let i = columns.firstIndex(where: { $0.id == sort.column }) {
            columns[i].mark = sort.descending ? "▼" : "▲"
            // A narrow column widens for its mark rather than cut its title;
            // a flexible one keeps the mark and cuts the title ("Artikeln… ▲").
            let marked = TextWidth.of(Wording.text(columns[i].title)) + 2
            if case let .fixed(width) = columns[i].width { columns[i].width = .fixed(max(width, marked)) }
        }
        return (TableView(columns: columns), kept)
    }

    /// Shows or hides the column `id` and keeps the choice. The last shown
    /// column stays; hiding the sorted one returns the list to its own order.
    func toggleColumn(_ id: String) throws {
        if hiddenColumns.contains(id) {
            hiddenColumns.remove(id)
        } else {
            guard shownColumns.filter({ $0.id != nil }).count > 1 else { throw KontorError.rule(tr("The list keeps at least one column.")) }
            hiddenColumns.insert(id)
            if query.sort?.column == id { try sort(by: nil) }
        }
        try memory.map { try $0.session.setHiddenColumns(hiddenColumns.sorted(), for: $0.list) }
    }

    /// The column picker: every column that may be hidden, marked [x]
    /// while shown; Enter shows or hides the highlighted one and the
    /// picker stays open for the next, Esc closes it.
    func openColumnPicker() {
        guard let memory else { return }
        let choosable = tableColumns.compactMap { column in column.id.map { (id: $0, title: Wording.text(column.title)) } }
        let picker = Picker(title: tr("Columns · Enter shows or hides"), columns: [
            TableView.Column("", .fixed(3)), TableView.Column(tr("Column"), .flexible(min: 12, weight: 1)),
        ]) { [unowned self] text, _ in
            let typed = text.lowercased()
            return choosable.enumerated()
                .filter { typed.isEmpty || $0.element.title.lowercased().contains(typed) }
                .map { Picker.Item(id: Int64($0.offset), cells: [hiddenColumns.contains($0.element.id) ? "[ ]" : "[x]", $0.element.title]) }
        }
        func push() {
            memory.stack.push(PickerLayer(picker) { [unowned self] item, host in
                do { try toggleColumn(choosable[Int(item.id)].id) } catch { host.show(ErrorText.describe(error), isError: true) }
                picker.refresh()
                push()
            })
        }
        push()
    }
}
