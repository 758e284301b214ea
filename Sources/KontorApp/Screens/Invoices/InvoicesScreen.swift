import KontorLocale
import KontorModel
import KontorUI

/// Invoices: the list with its quick views and filter, the record of one
/// invoice, draft editing, issuing, payments, cancelling by credit note,
/// printing, and the company settings the invoices carry.
///
/// Every change goes through the model, which checks the role, the version
/// and the rules (issued invoices are frozen, numbers gapless); the actions
/// say first who may use them, so a key the role may not use is left out
/// of the footer, listed in the help with who may, and refused on a press.
/// The record, the forms, the pickers and the questions are layers on the
/// stack. The list keeps its own drawing (views along the top, the view's
/// totals along the bottom, a preview beside it on a wide terminal); what
/// it shows is read in the update step.
extension InvoiceQuery: ListQuery {
    /// The overdue view's days ("30"), as a saved view keeps them.
    var scope: String {
        get { view == .overdue && overdueDays > 0 ? String(overdueDays) : "" }
        set { overdueDays = max(0, Int(newValue) ?? 0) }
    }
}

final class InvoicesScreen: LayeredScreen, ChoosableList {
    let id = ScreenID.invoices
    /// A draft's keys differ from an issued invoice's; the reports are
    /// places of their own.
    var referencePlaces: [ReferencePlace] {
        // A line added, so that the keys of its lines are there too.
        [ReferencePlace(title: tr("Invoices: a draft (`n`, `Enter`, a line added with `a`)"), keys: [.char("n"), .enter, .char("a"), .enter, .ctrl("s")]),
         ReferencePlace(title: tr("Invoices: the open items (`o`)"), keys: [.char("o")]),
         ReferencePlace(title: tr("Invoices: the dunning run (`M`)"), keys: [.char("M")])]
    }
    let session: Session
    let repository: InvoiceRepository
    /// Where `p` writes invoices.
    let printFolder: String
    let stack = ModalStack()
    private(set) var query = InvoiceQuery()
    /// The query ready for paging, with its totals; prepared again when the
    /// query or the data changes, in the update step.
    var prepared: PreparedInvoiceQuery? { trail.last.flatMap { $0.query == query ? $0 : nil } }
    /// The queries prepared on the way to the one shown (a letter erased
    /// goes back a step); forgotten when the data changes.
    private var trail = PreparedTrail<InvoiceQuery, PreparedInvoiceQuery>()
    /// The filter being typed, while it is being typed.
    var filter: TextInput?
    private var loaded = false
    /// Where the update step put the list's table, for a click to find its row.
    private var tableArea: Rect?
    /// The highlighted invoice in full, for the preview beside a wide list;
    /// read in the update step when the list is wide enough to show it.
    var preview: InvoiceDetail?
    /// The person hid what stands beside lists (`+`): no preview. As the
    /// host said in the update step, for drawing the same frame.
    private(set) var previewHidden = false
    /// Where the person's order, columns and saved views of the list are kept.
    private(set) var memory: ListMemory?
    var hiddenColumns: Set<String> = []
    /// The table the update step chose for the list's area (by its width);
    /// drawing draws it, `>`, `<` and `C` walk its columns.
    private(set) var chosenTable = TableView(columns: [])
    var tableColumns: [TableView.Column] {
        get { chosenTable.columns }
        set { chosenTable.columns = newValue }
    }
    var savedName: String?
    var savedCache: [SavedListView]?

    private(set) lazy var list = WindowedList<InvoiceSummary>(
        fetchAfter: { [unowned self] row, inclusive, limit in
            try repository.page(preparedQuery(), after: row?.listKey, inclusive: inclusive, limit: limit)
        },
        fetchBefore: { [unowned self] row, limit in
            try repository.page(preparedQuery(), before: row?.listKey, limit: limit)
        })

    init(session: Session, printFolder: String? = nil) {
        self.session = session
        repository = session.database.invoices
        self.printFolder = printFolder ?? InvoicePrinter.defaultFolder(in: session.database.filesFolder)
        let memory = ListMemory(session: session, list: "invoices", stack: stack)
        self.memory = memory
        memory.restore(&query, hidden: &hiddenColumns, sortable: sortableEver)
    }

    var sortsEveryColumn: Bool { prepared?.sortsEveryColumn ?? false }
    var refusedSort: ListSort? { prepared?.refusedSort }

    var choiceWords: ChoiceWords<InvoiceView> {
        ChoiceWords(sortable: InvoiceRepository.sortableColumns, sortableWhenFew: InvoiceRepository.sortableWhenFew, ownOrder: nil, views: InvoiceView.allCases, viewName: Self.viewName,
                    filterWord: "filter", scopeName: { tr("more than {0} days", $0) })
    }

    func reloadFromTop() throws {
        preview = nil
        try list.loadFirst()
    }

    func stopTyping() { filter = nil }

    func preparedQuery() throws -> PreparedInvoiceQuery {
        try trail.prepared(query) { _ in try repository.prepare(query) }
    }

    /// The queries prepared so far forgotten: the data changed.
    func forgetPrepared() { trail.forget() }

    var mayWrite: Bool { session.may(.writeBackOffice) }
    var record: InvoiceRecordLayer? { stack.last(InvoiceRecordLayer.self) }
    /// The invoice open in the record view (and under its forms and dialogs).
    var detail: InvoiceDetail? { record?.shown }

    // MARK: Screen

    var capturesText: Bool { stack.isEmpty ? filter != nil : stack.capturesText }
    var hasUnsavedChanges: Bool { stack.hasUnsavedChanges }
    var paneFolds: Bool { false }

    func activate(_ host: ScreenHost) {
        guard !loaded else { return dataChanged(host) }
        loaded = true
        attempt(host) { try list.loadFirst() }
    }

    /// The list shows invoices with their customers' names; the preview
    /// beside it also the deal, the seller (of a draft) and the mail sent.
    var listAreas: Set<DataArea> { Self.rowAreas.union([.deals, .settings, .mail]) }
    static let rowAreas: Set<DataArea> = [.invoices, .customers]

    /// A save to what the preview alone shows (a deal moved, a ticket's
    /// reply mailed) reads the preview again, not the list and its totals.
    func dataChanged(_ host: ScreenHost, changes: DataChanges) {
        guard !changes.touches(Self.rowAreas), stack.isEmpty else { return dataChanged(host) }
        preview = nil // read again in the update step, where it is shown
    }

    func dataChanged(_ host: ScreenHost) {
        attempt(host) {
            forgetPrepared() // totals and counts may have changed
            try list.reload()
            preview = nil
            try stack.dataChanged(host)
        }
    }

    /// The list's rows, its totals and the preview beside it are read
    /// here, for the area the list will be drawn into.
    func layout(_ rect: Rect, host: ScreenHost) {
        attempt(host) { try stack.layout(rect) }
        guard stack.isEmpty || stack.layers.allSatisfy(\.floats) else { return }
        previewHidden = host.panesBesideListsHidden
        let areas = listAreas(in: rect)
        tableArea = areas.list
        list.visibleCount = max(1, areas.list.height - 1)
        attempt(host) {
            _ = try preparedQuery()
            try list.fillWindow()
            if areas.preview != nil, let row = list.selected, preview?.invoice.id != row.id {
                preview = try InvoiceDetail.load(row.id, session: session)
            }
        }
        // The number column as wide as the longest number shown ("draft #7051234" was cut).
        let number = list.rows.map { TextWidth.of(Self.numberLabel($0)) }.max() ?? 0
        chosenTable = Self.table(wide: Self.isWide(areas.list), number: number)
    }

    /// A click on a row of the list (under the table's header); while the
    /// filter is typed, it ends the typing as Enter does. Over the list, the
    /// top layer's (a lookup's rows).
    func select(at point: Point, host: ScreenHost) -> Bool {
        if let top = stack.top { return top.select(at: point) }
        guard let area = tableArea, point.x >= area.x, point.x < area.maxX,
              list.select(visibleRow: point.y - (area.y + 1)) else { return false }
        filter = nil
        return true
    }

    func scroll(by lines: Int, host: ScreenHost) -> Bool {
        guard stack.isEmpty else { return false }
        attempt(host) { try list.scroll(by: lines) }
        return true
    }

    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        if let top = stack.top { return top.handleUnbound(key, host: host) }
        guard var input = filter, input.handle(key) else { return false }
        filter = input
        var typed = query
        typed.text = input.text
        attempt(host) { try setQuery(typed) }
        return true
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .invoice(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show(tr("Finish or cancel the invoice form first"), isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            guard let found = try InvoiceDetail.load(id, session: session) else { throw KontorError.notFound(entity: "invoice", id: id) }
            loaded = true
            filter = nil
            try showInList(id)
            stack.removeAll()
            stack.push(InvoiceRecordLayer(found, screen: self))
            shown = true
        }
        return shown
    }

    /// Puts the list's cursor on an invoice, widening the view if it hides it.
    func showInList(_ id: Int64) throws {
        guard let row = try repository.summary(id: id) else { return try list.loadFirst() }
        if try !query.text.isEmpty || !repository.isInView(id, query) {
            query = InvoiceQuery(view: .all, sort: query.sort)
        }
        forgetPrepared()
        try list.show(row)
        preview = nil
    }

    func setQuery(_ newQuery: InvoiceQuery, keepingSavedView: Bool = false) throws {
        var newQuery = newQuery
        // The overdue view's days are a step of that view: another view, or
        // the overdue view come to afresh, shows every overdue invoice
        // (a saved view brings its own days).
        if newQuery.view != query.view, !keepingSavedView { newQuery.overdueDays = 0 }
        guard newQuery != query else { return }
        if !keepingSavedView { savedName = nil }
        query = newQuery
        preview = nil
        try list.loadFirst()
    }

    /// Shows the invoice's record, in place of the one open now.
    func open(_ id: Int64) throws {
        guard let found = try InvoiceDetail.load(id, session: session) else { throw KontorError.notFound(entity: "invoice", id: id) }
        let layer = InvoiceRecordLayer(found, screen: self)
        if let old = record { stack.replace(old, with: layer) } else { stack.push(layer) }
    }

    /// After a change: the record read again, the list and its totals too.
    func refreshAfterChange(_ id: Int64) throws {
        if let record, record.shown.invoice.id == id {
            try record.reload()
        } else {
            try open(id)
        }
        forgetPrepared()
        try list.reload()
        preview = nil
    }

    // MARK: Where the screen stands

    var highlighted: RecordLink? {
        guard stack.isEmpty, let row = list.selected else { return nil }
        return .invoice(row.id)
    }

    var listShowsPane: Bool { stack.isEmpty }

    var location: ScreenLocation {
        let row = list.selected.map { RecordLink.invoice($0.id) }
        let view = ListPlace.invoices(query.view)
        guard let shown = detail?.invoice else {
            return ScreenLocation(highlighted: row, filter: query.text, view: view, title: TrailTitle { tr("Invoices") })
        }
        let (number, kind, id) = (shown.number, shown.kind, shown.id)
        let title = TrailTitle { number.map { kind == .creditNote ? tr("Credit note {0}", $0) : tr("Invoice {0}", $0) } ?? tr("Draft #{0}", id) }
        return ScreenLocation(record: .invoice(shown.id), highlighted: row, filter: query.text, view: view, title: title)
    }

    func restore(_ location: ScreenLocation, host: ScreenHost) {
        guard !hasUnsavedChanges else { return }
        attempt(host) {
            filter = nil
            var view = query.view
            if case let .invoices(v) = location.view { view = v }
            var restored = query
            restored.view = view
            restored.text = location.filter
            restored.overdueDays = 0 // a place names the view, not its days
            try setQuery(restored)
            forgetPrepared()
            if case let .invoice(id)? = location.highlighted, let row = try repository.summary(id: id) { try list.show(row) }
            stack.removeAll()
            if case let .invoice(id)? = location.record { try open(id) }
        }
    }

    func forgetSavedViews() { savedCache = nil }

    /// A saved view of the invoice list, from the palette.
    func open(saved view: SavedListView, host: ScreenHost) -> Bool {
        guard view.list == memory?.list else { return false }
        stack.removeAll()
        attempt(host) { try open(view) }
        return true
    }

    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        stack.draw(in: rect, grid: &grid, theme: theme) { grid in drawList(in: rect, grid: &grid, theme: theme) }
    }
}
