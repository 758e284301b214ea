import KontorModel
import KontorLocale
import KontorUI

/// The deal and line forms. Both are `FormLayer`s (the model's verdict,
/// someone else's save, "discard changes?"); their lookup fields — the
/// customer, the owner, the product — open a `PickerLayer` on Enter or
/// when typed into, and the picked item fills the field.
extension DealsScreen {
    /// Opens the form of a deal as it is saved now. Saving or closing it
    /// shows again what was beneath: the deal's detail, or the board.
    func openEditor(for dealID: Int64) throws {
        openDealForm(try editor(for: dealID))
    }

    private func editor(for dealID: Int64) throws -> DealEditor {
        guard let deal = try repository.find(id: dealID), let summary = try repository.summary(id: dealID) else {
            throw KontorError.notFound(entity: "deal", id: dealID)
        }
        let hasLines = !(try repository.lines(of: deal.id)).isEmpty
        var editor = DealEditor(editing: deal, customerName: summary.customerName, ownerName: summary.ownerName ?? "")
        if hasLines, let index = editor.form.fields.firstIndex(where: { $0.id == "value" }) {
            editor.form.fields[index].hint = tr("the sum of the lines")
        }
        return editor
    }

    /// A new deal begun from a customer's view: the form with the customer
    /// filled in; once saved, the deal opens.
    func start(_ work: NewWork, host: ScreenHost) throws -> Bool {
        guard work.kind == .deal else { return false }
        try session.require(.writeFrontOffice)
        stack.removeAll()
        var editor = DealEditor(editing: nil, customerName: work.customerName, defaultOwner: session.staff)
        editor.customerID = work.customerID
        editor.form.focus = 1 // the title: the customer is given
        openDealForm(editor, openingWhenSaved: true)
        return true
    }

    /// - Parameter openingWhenSaved: a saved deal opens in its detail,
    ///   rather than being shown on the board beneath.
    func openDealForm(_ editor: DealEditor, openingWhenSaved: Bool = false) {
        let reload: ((DealEditor) throws -> DealEditor)? = editor.original.map { original in
            { [unowned self] _ in
                try detail?.reload()
                return try self.editor(for: original.id)
            }
        }
        let layer = FormLayer(editor, noun: tr("this deal"), reload: reload) { [unowned self] layer, host in
            let fields = try Self.typed(layer.editor.fields())
            let saved = try layer.editor.original.map { try repository.update(id: $0.id, fields, expectedVersion: $0.version, by: layer.acting(session)) }
                ?? repository.create(fields, by: session)
            layer.close()
            try settle(after: saved.id)
            if openingWhenSaved { _ = show(.deal(saved.id), host: host) }
            host.show(tr("Saved “{0}”", saved.title), isError: false)
        }
        layer.moreActions = { [unowned self] layer in
            guard let target = layer.editor.focusedPicker else { return [] }
            return [pickAction { [unowned self] host in pick(target, for: layer, text: "") }]
        }
        layer.intercept = { [unowned self] layer, key, _ in
            guard let target = layer.editor.focusedPicker, Self.opensLookup(key) else { return false }
            if target == .owner, Self.clears(key) { layer.editor.clearOwner() }
            if case let .char(c) = key { pick(target, for: layer, text: String(c)) }
            if case let .paste(text) = key { pick(target, for: layer, text: PastedText.singleLine(text)) }
            return true
        }
        stack.push(layer)
    }

    private func pick(_ target: DealPickerTarget, for layer: FormLayer<DealEditor>, text: String) {
        let picker: Picker
        switch target {
        case .customer: picker = Pickers.customer(session, text: text)
        case .owner: picker = Pickers.staff(session, title: tr("Choose the owner"), text: text)
        case .product: return
        }
        stack.push(PickerLayer(picker) { item, _ in layer.editor.picked(target, item) })
    }

    /// The line form over `shown`; a new line opens the product picker at once.
    func openLineForm(_ editor: DealLineEditor, on shown: DealDetailLayer, pickingProduct: Bool) {
        // The line form keeps what was typed on Ctrl-R: only the deal's version was stale.
        let layer = FormLayer(editor, noun: tr("this deal"), reload: { typed in
            try shown.reload()
            var kept = typed
            kept.form.banner = nil
            return kept
        }, reloadKeepsTyping: true) { [unowned self] layer, host in
            let editor = layer.editor
            let fields = try Self.typed(editor.fields())
            if editor.original == nil, shown.detail.lines.isEmpty, shown.deal.valueCents != 0 {
                // The model's verdict on the fields first, beside each field:
                // a question about an amount nobody may save would be moot.
                if let failure = fields.normalized().validate() { throw KontorError.invalid(failure) }
                // The first line replaces a typed value: never without a word.
                return try askFirstLine(fields, replacing: shown.deal, form: layer, on: shown)
            }
            try saveLine(fields, form: layer, on: shown, host: host)
        }
        layer.moreActions = { [unowned self] layer in
            guard layer.editor.focusedPicker != nil else { return [] }
            return [pickAction { [unowned self] _ in pickProduct(for: layer, text: "") }]
        }
        layer.intercept = { [unowned self] layer, key, _ in
            guard layer.editor.focusedPicker != nil, Self.opensLookup(key) else { return false }
            if Self.clears(key) { layer.editor.clearProduct() }
            if case let .char(c) = key { pickProduct(for: layer, text: String(c)) }
            if case let .paste(text) = key { pickProduct(for: layer, text: PastedText.singleLine(text)) }
            return true
        }
        stack.push(layer)
        if pickingProduct { pickProduct(for: layer, text: "") }
    }

    private func saveLine(_ fields: DealLineFields, form layer: FormLayer<DealLineEditor>, on shown: DealDetailLayer, host: ScreenHost) throws {
        let editor = layer.editor
        let before = shown.deal.valueCents
        if let line = editor.original {
            _ = try repository.updateLine(id: line.id, fields, expectedVersion: shown.deal.version, by: session)
        } else {
            _ = try repository.addLine(to: editor.dealID, fields, expectedVersion: shown.deal.version, by: session)
        }
        layer.close()
        try settle(after: editor.dealID)
        if editor.original == nil { shown.putCursorOnLastLine() }
        let after = shown.deal.valueCents
        let value = after == before ? "" : " · " + tr("the deal is now worth {0} {1} (the sum of its lines)", Money.format(cents: after), shown.deal.currency)
        host.show((editor.original == nil ? tr("Line added") : tr("Line saved")) + value, isError: false)
    }

    /// A deal worth a typed value gets its first line: with lines, a deal
    /// is worth their sum, so the typed value would go. Asks, naming both
    /// amounts; "keep" leaves the deal and the form as they are.
    private func askFirstLine(_ fields: DealLineFields, replacing deal: Deal, form layer: FormLayer<DealLineEditor>,
                              on shown: DealDetailLayer) throws {
        var price = fields.unitPriceCents
        if price == nil, let productID = fields.productID { price = try session.database.products.find(id: productID)?.priceCents }
        let lineNet = price.map { "\(Money.format(cents: fields.quantity.times(cents: $0))) \(deal.currency)" } ?? tr("this line's net")
        let typed = "\(Money.format(cents: deal.valueCents)) \(deal.currency)"
        let keep = Ask.Answer(.char("n"), tr("keep {0}", typed))
        stack.push(Ask(tr("Replace the typed value?"),
                       [tr("“{0}” is worth {1}, typed in.", deal.title, typed),
                        tr("A deal with lines is worth the sum of its lines:"),
                        tr("with this line it would be worth {0}.", lineNet)],
                       [Ask.Answer(.char("y"), tr("add the line"), run: sayingConflicts { [unowned self] host in
                           try saveLine(fields, form: layer, on: shown, host: host)
                        }), keep],
                       cancel: keep))
    }

    private func pickProduct(for layer: FormLayer<DealLineEditor>, text: String) {
        stack.push(PickerLayer(Pickers.product(session, text: text)) { item, _ in layer.editor.picked(item) })
    }

    /// The typed fields, or the form's own refusal as the model's would be.
    private static func typed<Fields>(_ result: Result<Fields, ValidationFailure>) throws -> Fields {
        switch result {
        case let .success(fields): return fields
        case let .failure(failure): throw KontorError.invalid(failure)
        }
    }

    private func pickAction(_ run: @escaping (ScreenHost) throws -> Void) -> Action {
        Action("form.pick", [.enter], "choose", help: "Open the lookup for this field (typing opens it too)", group: "Form", run: run)
    }

    /// Keys a lookup field takes for itself: all but moving between
    /// fields, saving and closing.
    private static func opensLookup(_ key: Key) -> Bool {
        ![Key.tab, .backTab, .up, .down, .escape, .ctrl("s")].contains(key)
    }

    private static func clears(_ key: Key) -> Bool { key == .ctrl("u") || key == .backspace || key == .delete }
}
