import Foundation
import KontorLocale
import KontorModel
import KontorUI

extension ProductListQuery: ListQuery {}

/// Inventory: the product list with its quick views and search, a product's
/// record with its stock ledger, and the forms that change stock and
/// products. Every change goes through the model, which checks the role,
/// the version and the ledger's rules; the actions say first who may use them.
final class InventoryScreen: PanelScreen {
    let id = ScreenID.inventory
    let session: Session
    let repository: ProductRepository
    let stack = ModalStack()
    /// Tells, on coming back to the screen, whether anything was committed
    /// since it last read; nil if it cannot be opened (then it always reads).
    let changes: ChangeWatcher?
    /// The ledger shown beside the list on wide terminals, for the
    /// highlighted product; read in the update step.
    private(set) var preview: (id: Int64, entries: [StockLedgerEntry])?
    /// The person hid what stands beside lists (`+`): no preview. As the
    /// host said in the update step, for drawing the same frame.
    private(set) var previewHidden = false
    /// The preview's timestamps as local time, turned into text when read.
    let times = LocalTimes()

    private(set) lazy var panel = ListPanel<ProductListRow, ProductListQuery>(
        ProductListQuery(),
        source: .init(
            page: { [unowned self] query, row, inclusive, limit in
                try repository.listPage(query, after: row?.listKey, inclusive: inclusive, limit: limit)
            },
            pageBefore: { [unowned self] query, row, limit in
                try repository.listPage(query, before: row?.listKey, limit: limit)
            },
            counted: { [unowned self] query in try repository.prepare(query) }),
        words: .init(
            title: { _ in tr("Inventory") },
            views: [.active, .lowStock, .inactive, .all],
            viewName: Self.viewName,
            filterHelp: "SKU, EAN or name; Enter on a whole code (a barcode scan) opens that product",
            emptyFiltered: { tr("No product matches “{0}” in this view. Esc clears the search, v changes the view.", $0) },
            empty: { [unowned self] query in
                switch query.view {
                case .lowStock: return tr("Nothing is below its reorder point.")
                case .inactive: return tr("No inactive products.")
                default: return mayWrite ? tr("No products yet. Press n to add one.") : tr("No products yet.")
                }
            },
            countNoun: { Self.viewName($0.view) },
            filterWord: "search", filteredCountMinWidth: 100,
            sortable: ProductRepository.sortableColumns, sortableWhenFew: ProductRepository.sortableWhenFew, ownOrder: ListSort("name")),
        memory: ListMemory(session: session, list: "inventory", stack: stack))

    init(session: Session) {
        self.session = session
        repository = session.database.products
        changes = try? ChangeWatcher(database: session.database)
    }

    var mayWrite: Bool { session.may(.writeBackOffice) }
    var detail: ProductDetail? { stack.last(ProductDetail.self) }

    nonisolated static func viewName(_ view: ProductView) -> String {
        switch view {
        case .active: return tr("active")
        case .lowStock: return tr("low stock")
        case .inactive: return tr("inactive")
        case .all: return tr("all")
        }
    }

    // MARK: Screen


    /// Reads the list again (stock and reservations with it), the cursor staying on its row.
    func rereadList() throws {
        preview = nil
        try panel.reload()
    }

    func layout(_ rect: Rect, host: ScreenHost) {
        prepare(rect, host: host)
        previewHidden = host.panesBesideListsHidden
        let (list, previewArea) = Self.split(rect, previewHidden: previewHidden)
        panel.layout(in: list, legend: true, table: Self.table)
        if stack.isEmpty, let previewArea { attempt(host) { try readPreview(rows: previewArea.height - 7) } }
    }

    /// The update step for the preview: the highlighted product's latest
    /// ledger lines, read when the cursor moved to another product.
    func readPreview(rows: Int) throws {
        guard let row = panel.selected else { return preview = nil }
        guard preview?.id != row.id else { return }
        // The row knows what is reserved; only the ledger is read.
        let entries = try repository.ledgerEntries(of: row.id, olderThan: nil, limit: max(1, rows))
        times.learn(entries.map(\.move.createdAt))
        preview = (row.id, entries)
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .product(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show(tr("Finish or cancel the inventory form first"), isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            guard let product = try repository.find(id: id) else { throw KontorError.notFound(entity: "product", id: id) }
            try panel.loadIfNeeded()
            try showInList(product.id)
            stack.removeAll()
            stack.push(try ProductDetail(product: product, screen: self))
            shown = true
        }
        return shown
    }

    func link(_ row: ProductListRow) -> RecordLink { .product(row.id) }
    /// Stock and reservations are the inventory's own (deals' lines keep
    /// the reservations by trigger, which marks the inventory too).
    var listAreas: Set<DataArea> { [.inventory] }

    var place: ListPlace { .inventory(panel.query.view) }
    var openRecord: (link: RecordLink, title: TrailTitle)? {
        detail.map { (.product($0.product.id), .plain("\($0.product.fields.sku) \($0.product.fields.name)")) }
    }

    func row(for link: RecordLink) throws -> ProductListRow? {
        guard case let .product(id) = link else { return nil }
        return try repository.listRow(id: id)
    }

    func view(in place: ListPlace) -> ProductView? {
        guard case let .inventory(view) = place else { return nil }
        return view
    }

    func reopen(_ record: RecordLink, at place: ListPlace) throws {
        guard case let .product(id) = record, let product = try repository.find(id: id) else { return }
        stack.push(try ProductDetail(product: product, screen: self))
    }

    /// Puts the list's cursor on a product, switching to the view that holds it if need be.
    func showInList(_ id: Int64) throws {
        guard let row = try repository.listRow(id: id) else { return }
        let matches: (ProductView) -> Bool = { view in
            switch view {
            case .active: return row.product.fields.active
            case .inactive: return !row.product.fields.active
            case .lowStock: return row.product.isBelowReorderPoint
            case .all: return true
            }
        }
        let view = panel.query.view
        try panel.setQuery(ProductListQuery(view: matches(view) ? view : (row.product.fields.active ? .active : .inactive), text: ""))
        try panel.show(row) { _ in true }
    }

    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        stack.draw(in: rect, grid: &grid, theme: theme) { grid in drawList(in: rect, grid: &grid, theme: theme) }
    }
}
