import KontorModel
import KontorLocale
import KontorUI

/// Which customers the list shows: the active ones or the archive.
enum CustomerListView: String, Equatable {
    case active, archived

    /// "active", "archived" in the person's language: the list's count says "42 active".
    var name: String { self == .active ? tr("active") : tr("archived") }
}

extension CustomerQuery: ListQuery {
    var view: CustomerListView {
        get { archived ? .archived : .active }
        set { archived = newValue == .archived }
    }
}

/// Where the Customers screen stands, as the history keeps it: the
/// active customers or the archive, and the highlighted row of an open
/// 360° view.
struct CustomersPlace: Equatable {
    var view: CustomerListView
    /// The 360° view's highlighted row, so that coming back lands on it.
    var row: Int?

    init(view: CustomerListView, row: Int? = nil) {
        self.view = view
        self.row = row
    }

}

/// Customers: the list with filter-as-you-type, the 360° view of one
/// customer, and the customer and contact forms. The list is the shared
/// `ListPanel`; the view, the forms, the questions and the owner picker
/// are layers on the stack.
final class CustomersScreen: PanelScreen {
    let id = ScreenID.customers
    let repository: CustomerRepository
    let session: Session
    let stack = ModalStack()
    /// The queries ready for paging on the way to the filter shown, prepared
    /// when the filter changes and forgotten when the data does (counts and
    /// plans may have changed).
    private var prepared = PreparedTrail<CustomerQuery, PreparedCustomerQuery>()
    /// Open tickets and balance of the customers seen in the list, read a
    /// window at a time in the update step; forgotten when the data changes.
    var figures: [Int64: RowFigures] = [:]

    struct RowFigures {
        var openTickets = 0
        var balance: CustomerBalance?
    }

    private(set) lazy var panel = ListPanel<CustomerSummary, CustomerQuery>(
        CustomerQuery(),
        source: .init(
            page: { [unowned self] query, row, inclusive, limit in
                try repository.page(preparedQuery(query), after: row?.listKey, inclusive: inclusive, limit: limit)
            },
            pageBefore: { [unowned self] query, row, limit in try repository.page(preparedQuery(query), before: row?.listKey, limit: limit) },
            count: { [unowned self] query in
                let prepared = try preparedQuery(query)
                return prepared.isCountCapped ? tr("more than {0}", Format.count(prepared.count)) : Format.count(prepared.count)
            },
            sorting: { [unowned self] query in
                let prepared = try preparedQuery(query)
                return .init(everyColumn: prepared.sortsEveryColumn, refused: prepared.refusedSort)
            }),
        words: .init(
            title: { $0.archived ? tr("Archived customers") : tr("Customers") },
            // Archived customers are reached with A, not v: one view here.
            views: [.active],
            viewName: { $0.name },
            filterHelp: "name, contacts, e-mail, address, phone, VAT id",
            emptyFiltered: { tr("No customer matches “{0}”. Esc clears the filter.", $0) },
            empty: { $0.archived ? tr("No archived customers.") : tr("No customers yet. Press n to add one.") },
            countNoun: { $0.view.name },
            countsWhileTyping: true,
            sortable: CustomerRepository.sortableColumns,
            sortableWhenFew: CustomerRepository.sortableWhenFew,
            ownOrder: ListSort("name")),
        memory: ListMemory(session: session, list: "customers", stack: stack))

    init(session: Session) {
        repository = session.database.customers
        self.session = session
    }

    private func preparedQuery(_ query: CustomerQuery) throws -> PreparedCustomerQuery {
        try prepared.prepared(query) { before in try repository.prepare(query, previous: before) }
    }

    var query: CustomerQuery { panel.query }
    var detail: CustomerDetail? { stack.last(CustomerDetail.self) }

    // MARK: Screen


    func rereadList() throws {
        forgetFigures()
        try panel.reload()
    }

    /// Counts, plans and figures are read again: something was saved.
    func forgetFigures() {
        prepared.forget()
        figures = [:]
    }

    func layout(_ rect: Rect, host: ScreenHost) {
        prepare(rect, host: host)
        guard stack.isEmpty || stack.top?.floats == true else { return }
        panel.layout(in: rect, legend: false, table: listTable(width: rect.width))
        attempt(host) { try loadFigures(for: panel.list.visibleRows) }
    }

    func link(_ row: CustomerSummary) -> RecordLink { .customer(row.id) }
    /// Each row shows the customer's open tickets and open amount too.
    var listAreas: Set<DataArea> { [.customers, .tickets, .invoices] }

    var place: ListPlace { .customers(CustomersPlace(view: query.view, row: detail?.rowIndex)) }
    var openRecord: (link: RecordLink, title: TrailTitle)? { detail.map { (.customer($0.customer.id), .plain($0.customer.name)) } }

    func row(for link: RecordLink) throws -> CustomerSummary? {
        guard case let .customer(id) = link else { return nil }
        return try repository.find(id: id).map(CustomerSummary.init)
    }

    func view(in place: ListPlace) -> CustomerListView? {
        guard case let .customers(place) = place else { return nil }
        return place.view
    }

    /// The 360° view comes back on the row that was highlighted in it.
    func reopen(_ record: RecordLink, at place: ListPlace) throws {
        guard case let .customer(id) = record, let customer = try repository.find(id: id) else { return }
        let shown = try openDetail(customer)
        if case let .customers(place) = place { shown.rowIndex = place.row }
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .customer(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show(tr("Finish or cancel the customer form first"), isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            guard let customer = try repository.find(id: id) else { throw KontorError.notFound(entity: "customer", id: id) }
            try panel.loadIfNeeded()
            // The list's cursor goes to the customer too, so ] and [ step to
            // its neighbours; a filter that hides it is cleared.
            try showInList(customer)
            stack.removeAll()
            try openDetail(customer)
            shown = true
        }
        return shown
    }

    // MARK: Shared by the actions

    /// Puts the list's cursor on `customer`, in its view (active or
    /// archived), keeping a filter that still finds it.
    func showInList(_ customer: Customer) throws {
        let view: CustomerListView = customer.archived ? .archived : .active
        if query.view != view { try panel.setQuery(CustomerQuery(text: "", archived: customer.archived)) }
        try panel.show(CustomerSummary(customer), keepingFilter: true) { $0.view == view }
    }

    /// Opens the 360° view of `customer` over the list.
    @discardableResult
    func openDetail(_ customer: Customer) throws -> CustomerDetail {
        let detail = try CustomerDetail(customer, screen: self)
        stack.push(detail)
        return detail
    }

    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        stack.draw(in: rect, grid: &grid, theme: theme) { grid in drawList(in: rect, grid: &grid, theme: theme) }
    }
}
