import Foundation
import KontorModel
import KontorUI

/// Inventory: the product list with its quick views and search, a product's
/// record with its stock ledger, and the forms that change stock and
/// products. Every change goes through the model, which checks the role,
/// the version and the ledger's rules; this screen only shows the verdict.
final class InventoryScreen: LegacyScreen {
    enum Mode {
        case list
        case detail(ProductDetail)
        case product(ProductEditor, returnTo: ProductDetail?)
        case stock(StockEditor, returnTo: ProductDetail?)
        case confirm(Dialog, Pending)
    }

    /// What a confirmation dialog is about.
    enum Pending {
        case discardProduct(ProductEditor, returnTo: ProductDetail?)
        case discardStock(StockEditor, returnTo: ProductDetail?)
        case activation(Product, returnTo: ProductDetail?)
    }

    let id = ScreenID.inventory
    let session: Session
    let repository: ProductRepository
    private(set) var mode: Mode = .list
    private(set) var query = ProductListQuery()
    /// The filter being typed, while it is being typed.
    private(set) var filter: TextInput?
    private var loaded = false
    /// Tells, on coming back to the screen, whether anything was committed
    /// since it last read; nil if it cannot be opened (then it always reads).
    private let changes: ChangeWatcher?
    /// Reserved quantities of every product, read once per change of data
    /// so that moving through the list reads nothing but the products.
    private var reserved: [Int64: Int]?
    /// How many products the query matches, for the title; nil when unknown.
    private var count: Int?
    /// The ledger shown beside the list on wide terminals, for the highlighted product.
    var preview: (id: Int64, entries: [StockLedgerEntry])?

    private(set) lazy var list = WindowedList<ProductListRow>(
        fetchAfter: { [unowned self] row, inclusive, limit in
            try repository.listPage(query, after: row?.listKey, inclusive: inclusive, limit: limit, reserved: try reservedMap())
        },
        fetchBefore: { [unowned self] row, limit in
            try repository.listPage(query, before: row?.listKey, limit: limit, reserved: try reservedMap())
        })

    init(session: Session) {
        self.session = session
        repository = session.database.products
        changes = try? ChangeWatcher(database: session.database)
    }

    private func reservedMap() throws -> [Int64: Int] {
        if let reserved { return reserved }
        let fresh = try repository.reservedByProduct()
        reserved = fresh
        return fresh
    }

    var mayWrite: Bool { session.may(.writeBackOffice) }

    // MARK: Screen

    var capturesText: Bool {
        switch mode {
        case .list: return filter != nil
        case .detail: return false
        case .product, .stock, .confirm: return true
        }
    }

    var hasUnsavedChanges: Bool {
        switch mode {
        case let .product(editor, _), let .confirm(_, .discardProduct(editor, _)): return editor.form.isDirty
        case let .stock(editor, _), let .confirm(_, .discardStock(editor, _)): return editor.form.isDirty
        default: return false
        }
    }

    func activate(_ host: ScreenHost) {
        guard !loaded else {
            // Coming back: read again only if something was committed
            // meanwhile; otherwise what is shown is still true and the
            // switch costs a frame.
            if changes?.hasChanged() != false { dataChanged(host) }
            return
        }
        loaded = true
        _ = changes?.hasChanged()
        attempt(host) { try list.loadFirst() }
    }

    func dataChanged(_ host: ScreenHost) {
        _ = changes?.hasChanged()
        attempt(host) {
            reserved = nil
            count = nil
            preview = nil
            try list.reload()
            switch mode {
            case let .detail(detail): try detail.reload()
            case let .product(_, back?), let .stock(_, back?): try back.reload()
            default: break
            }
        }
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .product(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show("Finish or cancel the inventory form first", isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            guard let product = try repository.find(id: id) else { throw KontorError.notFound(entity: "product", id: id) }
            try ensureLoaded()
            filter = nil
            try showInList(product.id)
            mode = .detail(try ProductDetail(product: product, repository: repository))
            shown = true
        }
        return shown
    }

    var highlighted: RecordLink? {
        guard case .list = mode, let row = list.selected else { return nil }
        return .product(row.id)
    }

    var location: ScreenLocation {
        let row = list.selected.map { RecordLink.product($0.id) }
        if case let .detail(d) = mode {
            return ScreenLocation(record: .product(d.product.id), highlighted: row, filter: query.text, view: query.view.rawValue,
                                  title: "\(d.product.fields.sku) \(d.product.fields.name)")
        }
        return ScreenLocation(highlighted: row, filter: query.text, view: query.view.rawValue, title: "Inventory")
    }

    /// Views: the ProductView names (active, lowStock, inactive, all), and
    /// "low-stock" as the dashboard links it.
    func restore(_ location: ScreenLocation, host: ScreenHost) {
        guard !hasUnsavedChanges else { return }
        attempt(host) {
            try ensureLoaded()
            filter = nil
            let view = location.view == "low-stock" ? .lowStock : ProductView(rawValue: location.view) ?? query.view
            try setQuery(ProductListQuery(view: view, text: location.filter))
            if case let .product(id)? = location.highlighted, let row = try repository.listRow(id: id) { try list.show(row) }
            if case let .product(id)? = location.record, let product = try repository.find(id: id) {
                mode = .detail(try ProductDetail(product: product, repository: repository))
            } else {
                mode = .list
            }
        }
    }

    private func ensureLoaded() throws {
        if !loaded {
            loaded = true
            try list.loadFirst()
        }
    }

    // MARK: Keys

    var bindings: [KeyBinding] {
        switch mode {
        case .list where filter != nil:
            return [
                KeyBinding("filter.done", [.enter], "keep / open code",
                           help: "Stop typing and keep the filter; a whole SKU or EAN (as a barcode scanner types it) opens that product",
                           group: "Filter"),
                KeyBinding("filter.clear", [.escape], "clear", help: "Clear the filter", group: "Filter"),
                KeyBinding("list.down", [.down], "down", help: "Next row", group: "Filter", inFooter: false),
                KeyBinding("list.up", [.up], "up", help: "Previous row", group: "Filter", inFooter: false),
            ] + Form.bindings.filter { $0.group == "Editing" }
        case .list:
            var keys = [
                KeyBinding("product.open", [.enter], "open", help: "Open the highlighted product: ledger, reservations, deals, invoices", group: "Inventory"),
                KeyBinding("list.filter", [.char("/")], "search", help: "Search as you type: SKU, EAN or name; Enter on a whole code (a barcode scan) opens that product", group: "Inventory"),
                KeyBinding("list.view", [.char("v")], "view: \(Self.viewName(query.view.next))",
                           help: "Next quick view: active → low stock → inactive → all", group: "Inventory"),
                KeyBinding("list.viewBack", [.char("V")], "previous view", help: "Previous quick view", group: "Inventory", inFooter: false),
            ]
            keys += writeBindings(onRecord: !list.isEmpty)
            if list.isEmpty { keys.removeAll { $0.id == "product.open" } }
            if !query.text.isEmpty {
                keys.insert(KeyBinding("filter.clear", [.escape], "clear search", help: "Clear the search", group: "Inventory"), at: 2)
            }
            return keys + ListKeys.movement
        case .detail:
            var keys = [
                KeyBinding("detail.back", [.escape, .backspace], "back", help: "Back to the list", group: "Product"),
                KeyBinding("detail.open", [.enter], "open", help: "Open the deal or invoice of the highlighted row", group: "Product"),
                KeyBinding("detail.pane", [.tab], "next pane", help: "Next pane: ledger, reservations, deals, invoices", group: "Product"),
                KeyBinding("detail.panePrevious", [.backTab], "previous pane", help: "Previous pane", group: "Product", inFooter: false),
            ]
            keys += writeBindings(onRecord: true)
            return keys + ListKeys.movement
        case let .product(editor, _):
            var keys = Form.bindings
            if editor.conflict {
                keys.insert(KeyBinding("form.reload", [.ctrl("r")], "reload theirs", help: "Load the saved version (your typing is lost)", group: "Form"), at: 1)
            }
            return keys
        case .stock:
            return Form.bindings
        case let .confirm(dialog, _):
            return dialog.bindings
        }
    }

    /// The changing keys. A role that may not change stock is not offered
    /// them (no footer entry); pressed anyway, the model refuses and says why.
    private func writeBindings(onRecord: Bool) -> [KeyBinding] {
        let show = mayWrite
        let note = show ? "" : " (back office, managers and admins)"
        var keys = [
            KeyBinding("stock.receive", [.char("r")], "receive", help: "Receive goods: book a delivery into stock" + note, group: "Stock", inFooter: show),
            KeyBinding("stock.adjust", [.char("a")], "adjust", help: "Adjust the stock after a count, breakage or loss; a reason is required" + note,
                       group: "Stock", inFooter: show),
            KeyBinding("product.new", [.char("n")], "new", help: "New product" + note, group: "Stock", inFooter: show),
            KeyBinding("product.edit", [.char("e")], "edit", help: "Edit the product: SKU, EAN, name, price, VAT rate, reorder point" + note,
                       group: "Stock", inFooter: show),
            KeyBinding("product.activation", [.char("x")], currentIsActive ? "deactivate" : "activate",
                       help: "Deactivate the product (no longer sold; its history stays) or activate it again" + note, group: "Stock", inFooter: show),
        ]
        if !onRecord { keys.removeAll { $0.id != "product.new" } }
        return keys
    }

    private var currentIsActive: Bool {
        if case let .detail(d) = mode { return d.product.fields.active }
        return list.selected?.product.fields.active ?? true
    }

    static func viewName(_ view: ProductView) -> String {
        switch view {
        case .active: return "active"
        case .lowStock: return "low stock"
        case .inactive: return "inactive"
        case .all: return "all"
        }
    }

    // MARK: Actions

    func perform(_ id: String, host: ScreenHost) {
        attempt(host) {
            switch id {
            case let move where ["list.down", "list.up", "list.pageDown", "list.pageUp", "list.top", "list.bottom"].contains(move):
                if case let .detail(detail) = mode { try detail.move(move) } else { _ = try ListKeys.perform(move, on: list) }
            case "list.filter": filter = TextInput(query.text, maxLength: 80)
            case "filter.done": try finishFilter(host)
            case "filter.clear":
                filter = nil
                let keep = list.selected
                try setQuery(ProductListQuery(view: query.view, text: ""))
                if let keep { try list.show(keep) }
            case "list.view": try setQuery(ProductListQuery(view: query.view.next, text: query.text))
            case "list.viewBack": try setQuery(ProductListQuery(view: query.view.previous, text: query.text))
            case "product.open":
                if let row = list.selected { mode = .detail(try ProductDetail(product: row.product, repository: repository)) }
            case "detail.back": mode = .list
            case "detail.pane", "detail.panePrevious":
                if case let .detail(d) = mode {
                    let count = ProductDetail.Pane.allCases.count
                    d.pane = ProductDetail.Pane(rawValue: (d.pane.rawValue + (id == "detail.pane" ? 1 : count - 1)) % count)!
                    try d.loadPane()
                }
            case "detail.open":
                if case let .detail(d) = mode {
                    if let link = d.selectedLink { host.open(link) } else if d.pane == .ledger {
                        host.show("This ledger line belongs to no invoice", isError: false)
                    }
                }
            case "stock.receive", "stock.adjust":
                try session.require(.writeBackOffice)
                guard let product = try current() else { return }
                let onHand = try repository.stockLevel(of: product.id).onHand
                mode = .stock(StockEditor(id == "stock.receive" ? .receive : .adjust, product: product, onHand: onHand), returnTo: detailShown)
            case "product.new":
                try session.require(.writeBackOffice)
                mode = .product(ProductEditor(editing: nil), returnTo: detailShown)
            case "product.edit":
                try session.require(.writeBackOffice)
                if let product = try current() { mode = .product(ProductEditor(editing: product), returnTo: detailShown) }
            case "product.activation":
                try session.require(.writeBackOffice)
                if let product = try current() { confirmActivation(product) }
            case "form.save": try save(host)
            case "form.reload": try reloadForm()
            case "form.cancel": cancelForm()
            case let dialog where dialog.hasPrefix("dialog."):
                try answer(String(dialog.dropFirst(7)), host: host)
            default:
                _ = forwardToForm(id == "form.next" ? .tab : id == "form.previous" ? .backTab : .escape, host: host)
            }
        }
    }

    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        switch mode {
        case .list:
            guard var input = filter, input.handle(key) else { return false }
            filter = input
            attempt(host) { try setQuery(ProductListQuery(view: query.view, text: input.text)) }
            return true
        case .product, .stock:
            return forwardToForm(key, host: host)
        default:
            return false
        }
    }

    /// Gives a key to the open form and acts on what it asks for.
    private func forwardToForm(_ key: Key, host: ScreenHost) -> Bool {
        let event: Form.Event
        switch mode {
        case .product(var editor, let back):
            event = editor.form.handle(key)
            mode = .product(editor, returnTo: back)
        case .stock(var editor, let back):
            event = editor.form.handle(key)
            mode = .stock(editor, returnTo: back)
        default:
            return false
        }
        switch event {
        case .submit: attempt(host) { try save(host) }
        case .cancel: cancelForm()
        case .none: break
        }
        return true
    }

    /// Enter in the search: a whole SKU or EAN — what a barcode scanner
    /// types, followed by Enter — opens exactly that product; anything else
    /// keeps the filter.
    private func finishFilter(_ host: ScreenHost) throws {
        guard let typed = filter?.text else { return }
        filter = nil
        let code = typed.filter { !$0.isWhitespace }
        guard !code.isEmpty, let product = try repository.find(code: code) else { return }
        try setQuery(ProductListQuery(view: query.view, text: ""))
        try showInList(product.id)
        mode = .detail(try ProductDetail(product: product, repository: repository))
    }

    /// Puts the list's cursor on a product, switching to the view that holds it if need be.
    private func showInList(_ id: Int64) throws {
        guard let row = try repository.listRow(id: id) else { return }
        let matches: (ProductView) -> Bool = { view in
            switch view {
            case .active: return row.product.fields.active
            case .inactive: return !row.product.fields.active
            case .lowStock: return row.product.isBelowReorderPoint
            case .all: return true
            }
        }
        if !matches(query.view) || !query.text.isEmpty {
            try setQuery(ProductListQuery(view: matches(query.view) ? query.view : (row.product.fields.active ? .active : .inactive), text: ""))
        }
        try list.show(row)
    }

    private var detailShown: ProductDetail? {
        if case let .detail(d) = mode { return d }
        return nil
    }

    /// The product the next action applies to: the one open, or the highlighted one.
    private func current() throws -> Product? {
        if let shown = detailShown { return shown.product }
        guard let row = list.selected else { return nil }
        return try repository.find(id: row.id)
    }

    private func setQuery(_ newQuery: ProductListQuery) throws {
        guard newQuery != query else { return }
        query = newQuery
        count = nil
        preview = nil
        try list.loadFirst()
    }

    private func confirmActivation(_ product: Product) {
        let activating = !product.fields.active
        let dialog = Dialog(
            title: activating ? "Activate product" : "Deactivate product",
            message: activating
                ? ["Offer \(product.fields.sku) \(product.fields.name) for sale again?"]
                : ["Deactivate \(product.fields.sku) \(product.fields.name)?", "It can no longer be quoted or invoiced;", "its ledger and history stay."],
            choices: [.init(.char("y"), activating ? "activate" : "deactivate", id: "yes"), .init(.char("n"), "keep as is", id: "no")],
            cancelID: "no")
        mode = .confirm(dialog, .activation(product, returnTo: detailShown))
    }

    private func answer(_ choice: String, host: ScreenHost) throws {
        guard case let .confirm(_, pending) = mode else { return }
        switch (pending, choice) {
        case let (.activation(product, back), "yes"):
            mode = back.map { .detail($0) } ?? .list
            var fields = product.fields
            fields.active.toggle()
            let saved = try repository.update(id: product.id, fields, expectedVersion: product.version, by: session)
            reserved = nil
            count = nil
            try back?.reload()
            try list.reload()
            host.show("\(saved.fields.name) \(saved.fields.active ? "activated" : "deactivated")", isError: false)
        case let (.activation(_, back), _):
            mode = back.map { .detail($0) } ?? .list
        case let (.discardProduct(_, back), "yes"), let (.discardStock(_, back), "yes"):
            mode = back.map { .detail($0) } ?? .list
        case let (.discardProduct(editor, back), _):
            mode = .product(editor, returnTo: back)
        case let (.discardStock(editor, back), _):
            mode = .stock(editor, returnTo: back)
        }
    }

    private func cancelForm() {
        let dialog = Dialog(
            title: "Discard changes",
            message: ["This form has changes that are not saved.", "Close it and lose them?"],
            choices: [.init(.char("y"), "discard", id: "yes"), .init(.char("n"), "keep editing", id: "no")],
            cancelID: "no")
        switch mode {
        case let .product(editor, back):
            mode = editor.form.isDirty ? .confirm(dialog, .discardProduct(editor, returnTo: back)) : back.map { .detail($0) } ?? .list
        case let .stock(editor, back):
            mode = editor.form.isDirty ? .confirm(dialog, .discardStock(editor, returnTo: back)) : back.map { .detail($0) } ?? .list
        default:
            break
        }
    }

    private func save(_ host: ScreenHost) throws {
        switch mode {
        case let .product(editor, back): try saveProduct(editor, back: back, host: host)
        case let .stock(editor, back): try saveStock(editor, back: back, host: host)
        default: break
        }
    }

    private func saveProduct(_ editor: ProductEditor, back: ProductDetail?, host: ScreenHost) throws {
        var editor = editor
        let (fields, rate) = editor.fields
        do {
            guard let rate, editor.kindIsValid else {
                // The rate or kind is not one the model knows: show that beside
                // its field, together with whatever else the model finds wrong.
                var issues = fields.normalized().validate()?.issues ?? []
                if rate == nil { issues.append(FieldIssue(field: ProductEditor.vatField, message: "must be 19, 7 or 0 (%)")) }
                if !editor.kindIsValid { issues.append(FieldIssue(field: ProductEditor.kindField, message: "must be goods or service")) }
                editor.show(issues)
                mode = .product(editor, returnTo: back)
                return
            }
            _ = rate
            let saved: Product
            if let original = editor.original {
                saved = try repository.update(id: original.id, fields, expectedVersion: original.version, by: session)
            } else {
                saved = try repository.create(fields, by: session)
            }
            reserved = nil
            count = nil
            preview = nil
            try showInList(saved.id)
            if let back {
                try back.reload()
                mode = .detail(back)
            } else {
                mode = .list
            }
            host.show("Saved \(saved.fields.sku) \(saved.fields.name)", isError: false)
        } catch let KontorError.invalid(failure) {
            editor.show(failure.issues)
            mode = .product(editor, returnTo: back)
        } catch let KontorError.conflict(_, _, changedBy, changedAt) {
            editor.conflict = true
            editor.form.banner = "\(changedBy) saved this product at \(Format.shortTime(changedAt)); Ctrl-R loads their version"
            mode = .product(editor, returnTo: back)
        } catch let error as KontorError {
            editor.form.banner = error.description
            mode = .product(editor, returnTo: back)
        }
    }

    private func saveStock(_ editor: StockEditor, back: ProductDetail?, host: ScreenHost) throws {
        var editor = editor
        let product = editor.product
        do {
            guard let quantity = editor.quantity else {
                var issues = [FieldIssue(field: "quantity", message: "must be a whole number, like 12" + (editor.kind == .adjust ? " or -3" : ""))]
                if editor.kind == .adjust, editor.form.value("reason").allSatisfy(\.isWhitespace) {
                    issues.append(FieldIssue(field: "reason", message: "is required for an adjustment"))
                }
                editor.show(issues)
                mode = .stock(editor, returnTo: back)
                return
            }
            let level: StockLevel
            switch editor.kind {
            case .receive:
                level = try repository.receive(productID: product.id, quantity: quantity, reference: editor.form.value("reference").trimmingCharacters(in: .whitespaces), by: session)
            case .adjust:
                level = try repository.adjust(productID: product.id, by: quantity, reason: editor.form.value("reason"), session: session)
            }
            reserved = nil
            preview = nil
            try list.reload()
            let detail = try back ?? ProductDetail(product: product, repository: repository)
            try detail.reloadShowingNewest()
            mode = back != nil ? .detail(detail) : .list
            let unit = product.fields.unit
            let what = editor.kind == .receive ? "Received \(quantity) \(unit) of" : "Adjusted by \(RecordPanes.signed(quantity)) \(unit):"
            host.show("\(what) \(product.fields.sku) \(product.fields.name); \(level.onHand) \(unit) on hand", isError: false)
        } catch let KontorError.invalid(failure) {
            editor.show(failure.issues)
            mode = .stock(editor, returnTo: back)
        } catch let error as KontorError {
            editor.form.banner = error.description
            mode = .stock(editor, returnTo: back)
        }
    }

    private func reloadForm() throws {
        guard case let .product(editor, back) = mode, let original = editor.original else { return }
        guard let fresh = try repository.find(id: original.id) else { throw KontorError.notFound(entity: "product", id: original.id) }
        mode = .product(ProductEditor(editing: fresh), returnTo: back)
    }


    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        switch mode {
        case .list:
            return drawList(in: rect, grid: &grid, theme: theme)
        case let .detail(detail):
            detail.draw(in: rect, grid: &grid, theme: theme)
            return nil
        case .product(var editor, let back):
            let cursor = editor.form.draw(in: rect, grid: &grid, theme: theme)
            mode = .product(editor, returnTo: back)
            return cursor
        case .stock(var editor, let back):
            let cursor = editor.form.draw(in: rect, grid: &grid, theme: theme)
            mode = .stock(editor, returnTo: back)
            return cursor
        case let .confirm(dialog, pending):
            switch pending {
            case let .discardProduct(editor, _):
                var form = editor.form
                _ = form.draw(in: rect, grid: &grid, theme: theme)
            case let .discardStock(editor, _):
                var form = editor.form
                _ = form.draw(in: rect, grid: &grid, theme: theme)
            case let .activation(_, back):
                if let back { back.draw(in: rect, grid: &grid, theme: theme) } else { _ = drawList(in: rect, grid: &grid, theme: theme) }
            }
            dialog.draw(in: rect, grid: &grid, theme: theme)
            return nil
        }
    }

    func countText() -> String? {
        if count == nil { count = try? repository.count(query) }
        return count.map { "\(Format.count($0)) \(query.text.isEmpty ? Self.viewName(query.view) : "matching")" }
    }
}

extension ProductView {
    /// The quick view `v` goes to next.
    var next: ProductView {
        switch self {
        case .active: return .lowStock
        case .lowStock: return .inactive
        case .inactive: return .all
        case .all: return .active
        }
    }

    var previous: ProductView {
        switch self {
        case .active: return .all
        case .lowStock: return .active
        case .inactive: return .lowStock
        case .all: return .inactive
        }
    }
}
