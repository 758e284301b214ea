import Foundation
import KontorLocale
import KontorModel
import KontorUI

/// What the keys do on Inventory: the list's own keys, and the changes of
/// stock and products, offered to the roles that may make them.
extension InventoryScreen {
    /// `:new product` from anywhere: the list's `n`.
    var createAction: Action? { changeActions(onRecord: false).first }

    var actions: [Action] {
        if let top = stack.top { return top.actions }
        if panel.isFiltering { return filterActions }
        var keys: [Action] = []
        if !panel.list.isEmpty {
            keys.append(Action("product.open", [.enter], "open", help: "Open the highlighted product: ledger, reservations, deals, invoices",
                               group: "Inventory") { [unowned self] _ in
                if let row = panel.selected { stack.push(try ProductDetail(product: row.product, screen: self)) }
            })
        }
        keys += panel.listActions(group: "Inventory")
        keys.append(Action("list.viewBack", [.char("V")], "previous view", help: "Previous quick view", group: "Inventory", inFooter: false) {
            [unowned self] _ in
            var query = panel.query
            query.view = query.view.previous
            try panel.setQuery(query)
        })
        keys += changeActions(onRecord: !panel.list.isEmpty)
        keys.append(.export(.products, session: session, group: "Inventory",
                            what: "the list as shown") { [unowned self] in .products(panel.query) })
        keys.append(ImportFlow.action(.products, session: session, group: "Inventory") { [unowned self] _ in
            try panel.reload()
        }(stack))
        return keys + panel.movementActions
    }

    /// The list's filter keys, Enter opening a whole code typed: what a
    /// barcode scanner types, followed by Enter, opens exactly that product.
    private var filterActions: [Action] {
        panel.filterActions(enter: "keep / open code",
                            help: "Stop typing and keep the filter; a whole SKU or EAN (as a barcode scanner types it) opens that product") {
            [unowned self] typed, _ in try openCode(typed)
        }
    }

    private func openCode(_ typed: String) throws {
        let code = typed.filter { !$0.isWhitespace }
        guard !code.isEmpty, let product = try repository.find(code: code) else { return }
        try showInList(product.id)
        stack.push(try ProductDetail(product: product, screen: self))
    }

    /// The changing keys, on the list and on a record. A role that may not
    /// change stock sees them in the help with who may; the model checks again.
    func changeActions(onRecord: Bool) -> [Action] {
        let new = Action("product.new", [.char("n")], "new", help: "New product", group: "Stock") { [unowned self] _ in
            try session.require(.writeBackOffice)
            openProductForm(ProductEditor(editing: nil))
        }.requires(.writeBackOffice, of: session)
        guard onRecord else { return [new] }
        return [
            Action("stock.receive", [.char("r")], "receive", help: "Receive goods: book a delivery into stock", group: "Stock") { [unowned self] _ in
                try openStockForm(.receive)
            }.requires(.writeBackOffice, of: session).disabled(if: !currentIsStocked, tr("a service has no stock")),
            Action("stock.adjust", [.char("a")], "adjust", help: "Adjust the stock after a count, breakage or loss; a reason is required",
                   group: "Stock") { [unowned self] _ in
                try openStockForm(.adjust)
            }.requires(.writeBackOffice, of: session).disabled(if: !currentIsStocked, tr("a service has no stock")),
            new,
            Action("product.edit", [.char("e")], "edit", help: "Edit the product: SKU, EAN, name, price, VAT rate, reorder point", group: "Stock") {
                [unowned self] _ in
                try session.require(.writeBackOffice)
                if let product = try current() { openProductForm(ProductEditor(editing: product)) }
            }.requires(.writeBackOffice, of: session),
            Action("product.activation", [.char("x")], currentIsActive ? tr("deactivate") : tr("activate"),
                   help: "Deactivate the product (no longer sold; its history stays) or activate it again", group: "Stock") { [unowned self] _ in
                try session.require(.writeBackOffice)
                if let product = try current() { confirmActivation(product) }
            }.requires(.writeBackOffice, of: session),
        ]
    }

    /// Whether the product the keys apply to is kept in stock (a service is not).
    private var currentIsStocked: Bool {
        if let d = detail { return d.product.fields.stocked }
        return panel.selected?.product.fields.stocked ?? true
    }

    private var currentIsActive: Bool {
        if let d = detail { return d.product.fields.active }
        return panel.selected?.product.fields.active ?? true
    }

    /// The product the next action applies to: the one open, or the highlighted one.
    private func current() throws -> Product? {
        if let shown = detail { return shown.product }
        guard let row = panel.selected else { return nil }
        return try repository.find(id: row.id)
    }

    // MARK: Forms

    private func openProductForm(_ editor: ProductEditor) {
        let reload: ((ProductEditor) throws -> ProductEditor)? = editor.original.map { original in
            { [unowned self] _ in
                guard let fresh = try repository.find(id: original.id) else { throw KontorError.notFound(entity: "product", id: original.id) }
                return ProductEditor(editing: fresh)
            }
        }
        stack.push(FormLayer(editor, noun: tr("this product"), reload: reload) { [unowned self] layer, host in
            try saveProduct(layer, host)
        })
    }

    private func saveProduct(_ layer: FormLayer<ProductEditor>, _ host: ScreenHost) throws {
        let editor = layer.editor
        let (fields, rate) = editor.fields
        guard rate != nil, editor.kindIsValid else {
            // The rate or kind is not one the model knows: show that beside
            // its field, together with whatever else the model finds wrong.
            var issues = fields.normalized().validate()?.issues ?? []
            if rate == nil { issues.append(FieldIssue(field: ProductEditor.vatField, message: tr("must be 19, 7 or 0 (%)"))) }
            if !editor.kindIsValid { issues.append(FieldIssue(field: ProductEditor.kindField, message: tr("must be goods or service"))) }
            throw FormLayer<ProductEditor>.refuse(issues)
        }
        let saved: Product
        if let original = editor.original {
            saved = try repository.update(id: original.id, fields, expectedVersion: original.version, by: layer.acting(session))
        } else {
            saved = try repository.create(fields, by: session)
        }
        layer.close()
        try rereadList()
        try showInList(saved.id)
        try detail?.reload()
        host.show(tr("Saved {0} {1}", saved.fields.sku, saved.fields.name), isError: false)
    }

    private func openStockForm(_ kind: StockEditor.Kind) throws {
        try session.require(.writeBackOffice)
        guard let product = try current() else { return }
        let onHand = try repository.stockLevel(of: product.id).onHand
        stack.push(FormLayer(StockEditor(kind, product: product, onHand: onHand), noun: tr("the stock")) { [unowned self] layer, host in
            try saveStock(layer, host)
        })
    }

    private func saveStock(_ layer: FormLayer<StockEditor>, _ host: ScreenHost) throws {
        let editor = layer.editor
        let product = editor.product
        guard let quantity = editor.quantity else {
            // Nothing typed, or digits too many to be a count, said as such.
            let typed = editor.form.value("quantity").filter { !$0.isWhitespace }
            let digits = typed.drop { "+-\u{2212}".contains($0) }
            let message = typed.isEmpty ? tr("is required")
                : !digits.isEmpty && digits.allSatisfy(\.isASCIIDigit) ? tr("is too large: at most {0}", Format.count(DealMoney.maxQuantity))
                : editor.kind == .adjust ? tr("must be a whole number, like 12 or -3") : tr("must be a whole number, like 12")
            var issues = [FieldIssue(field: "quantity", message: message)]
            if editor.kind == .adjust, editor.form.value("reason").allSatisfy(\.isWhitespace) {
                issues.append(FieldIssue(field: "reason", message: tr("is required for an adjustment")))
            }
            throw FormLayer<StockEditor>.refuse(issues)
        }
        let level: StockLevel
        switch editor.kind {
        case .receive:
            level = try repository.receive(productID: product.id, quantity: quantity,
                                           reference: editor.form.value("reference").trimmingCharacters(in: .whitespaces), by: session)
        case .adjust:
            level = try repository.adjust(productID: product.id, by: quantity, reason: editor.form.value("reason"), session: session)
        }
        layer.close()
        try rereadList()
        try detail?.reloadShowingNewest()
        let unit = product.fields.unit
        host.show(editor.kind == .receive
                  ? tr("Received {0} {1} of {2} {3}; {4} {1} on hand", Format.count(quantity), unit, product.fields.sku, product.fields.name,
                       Format.count(level.onHand))
                  : tr("Adjusted by {0} {1}: {2} {3}; {4} {1} on hand", RecordPanes.signed(quantity), unit, product.fields.sku, product.fields.name,
                       Format.count(level.onHand)), isError: false)
    }

    // MARK: Activation

    private func confirmActivation(_ product: Product) {
        let activating = !product.fields.active
        stack.push(Ask(activating ? tr("Activate product") : tr("Deactivate product"),
                       activating
                           ? [tr("Offer {0} {1} for sale again?", product.fields.sku, product.fields.name)]
                           : [tr("Deactivate {0} {1}?", product.fields.sku, product.fields.name), tr("It can no longer be quoted or invoiced;"),
                              tr("its ledger and history stay.")],
                       [Ask.Answer(.char("y"), activating ? tr("activate") : tr("deactivate")) { [unowned self] host in
                           var fields = product.fields
                           fields.active.toggle()
                           let saved = try repository.update(id: product.id, fields, expectedVersion: product.version, by: session)
                           try detail?.reload()
                           try rereadList()
                           host.show(saved.fields.active ? tr("{0} activated", saved.fields.name) : tr("{0} deactivated", saved.fields.name), isError: false)
                           host.offerUndo(.activation(from: product, to: saved))
                       }, Ask.Answer(.char("n"), tr("keep as is"))]))
    }
}

extension ProductView {
    /// The quick view `V` goes back to.
    var previous: ProductView {
        switch self {
        case .active: return .all
        case .lowStock: return .active
        case .inactive: return .lowStock
        case .all: return .inactive
        }
    }
}
