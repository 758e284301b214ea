import KontorModel
import KontorUI

/// Invoices: the list with its quick views and filter, the record of one
/// invoice, draft editing, issuing, payments, cancelling by credit note,
/// printing, and the company settings the invoices carry.
///
/// Every change goes through the model, which checks the role, the version
/// and the rules (issued invoices are frozen, numbers gapless); what a role
/// may not do is not offered, and if its key is pressed anyway the model's
/// refusal is shown.
final class InvoicesScreen: LegacyScreen {
    indirect enum Mode {
        case list
        case detail
        case lineForm(LineEditor)
        case paymentForm(PaymentEditor)
        case settingsForm(SettingsEditor, fromDetail: Bool)
        /// A question over `back`, which is shown underneath and returned to.
        case confirm(Dialog, Pending, back: Mode)
        /// A lookup over `back`.
        case picker(Picker, PickerPurpose, back: Mode)
    }

    /// What a confirmation dialog is about.
    enum Pending {
        case issue(Invoice)
        case cancel(Invoice)
        case removeLine(Invoice, InvoiceLine)
        case deleteDraft(Invoice)
        /// Closing a form with typed changes; `back` is the form.
        case discard
    }

    /// What a picker is choosing for.
    enum PickerPurpose {
        case newDraft
        case newLine
        case replaceProduct(LineEditor)
    }

    let id = ScreenID.invoices
    let session: Session
    let repository: InvoiceRepository
    /// Where `p` writes invoices.
    let printFolder: String
    var mode: Mode = .list
    private(set) var query = InvoiceQuery()
    /// The query ready for paging, with its totals; prepared again when the
    /// query or the data changes.
    var prepared: PreparedInvoiceQuery?
    /// The filter being typed, while it is being typed.
    var filter: TextInput?
    private var loaded = false
    /// The invoice open in the record view (and under its forms and dialogs).
    var detail: InvoiceDetail?
    /// The highlighted invoice in full, for the preview beside a wide list.
    var preview: InvoiceDetail?

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
        self.printFolder = printFolder ?? InvoicePrinter.defaultFolder(forDatabaseAt: session.database.path)
    }

    func preparedQuery() throws -> PreparedInvoiceQuery {
        if let prepared, prepared.query == query { return prepared }
        let fresh = try repository.prepare(query)
        prepared = fresh
        return fresh
    }

    var mayWrite: Bool { session.may(.writeBackOffice) }
    var isAdmin: Bool { session.may(.editSettings) }

    // MARK: Screen

    var capturesText: Bool {
        switch mode {
        case .list: return filter != nil
        case .detail: return false
        case .lineForm, .paymentForm, .settingsForm, .confirm, .picker: return true
        }
    }

    var hasUnsavedChanges: Bool { Self.isDirty(mode) }

    static func isDirty(_ mode: Mode) -> Bool {
        switch mode {
        case let .lineForm(editor): return editor.form.isDirty
        case let .paymentForm(editor): return editor.form.isDirty
        case let .settingsForm(editor, _): return editor.form.isDirty
        case let .confirm(_, _, back), let .picker(_, _, back): return isDirty(back)
        case .list, .detail: return false
        }
    }

    func activate(_ host: ScreenHost) {
        guard !loaded else { return dataChanged(host) }
        loaded = true
        attempt(host) { try list.loadFirst() }
    }

    func dataChanged(_ host: ScreenHost) {
        attempt(host) {
            prepared = nil // totals and counts may have changed
            try list.reload()
            preview = nil
            // A form keeps the version it was opened with, so that a save over
            // someone else's change is refused rather than lost.
            if case .detail = mode, let shown = detail {
                detail = try shown.reloaded(session: session)
                if detail == nil {
                    mode = .list
                    host.show("\(shown.name) was deleted meanwhile", isError: true)
                }
            }
        }
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .invoice(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show("Finish or cancel the invoice form first", isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            guard let found = try InvoiceDetail.load(id, session: session) else { throw KontorError.notFound(entity: "invoice", id: id) }
            loaded = true
            filter = nil
            try showInList(id)
            detail = found
            mode = .detail
            shown = true
        }
        return shown
    }

    /// Puts the list's cursor on an invoice, widening the view if it hides it.
    func showInList(_ id: Int64) throws {
        guard let row = try repository.summary(id: id) else { return try list.loadFirst() }
        if try !query.text.isEmpty || !repository.isInView(id, query) {
            query = InvoiceQuery(view: .all)
        }
        prepared = nil
        try list.show(row)
        preview = nil
    }

    // MARK: Keys

    var bindings: [KeyBinding] {
        switch mode {
        case .list where filter != nil:
            return [
                KeyBinding("filter.done", [.enter], "keep filter", help: "Stop typing, keep the filter", group: "Filter"),
                KeyBinding("filter.clear", [.escape], "clear", help: "Clear the filter", group: "Filter"),
                KeyBinding("list.down", [.down], "down", help: "Next row", group: "Filter", inFooter: false),
                KeyBinding("list.up", [.up], "up", help: "Previous row", group: "Filter", inFooter: false),
            ] + Form.bindings.filter { $0.group == "Editing" }
        case .list:
            var keys = [
                KeyBinding("invoice.open", [.enter], "open", help: "Open the highlighted invoice", group: "Invoices"),
                KeyBinding("list.filter", [.char("/")], "filter", help: "Filter as you type: invoice number (or its serial, 42) and customer", group: "Invoices"),
                KeyBinding("view.next", [.char("v")], "view", help: "Next quick view: all, drafts, open, overdue, paid, cancelled, credit notes", group: "Invoices"),
                KeyBinding("view.previous", [.char("V")], "previous view", help: "Previous quick view", group: "Invoices", inFooter: false),
            ]
            if mayWrite { keys.append(KeyBinding("invoice.new", [.char("n")], "new draft", help: "New draft invoice: choose the customer", group: "Invoices")) }
            keys.append(KeyBinding("invoice.print", [.char("p")], "print", help: "Write the highlighted invoice as a text file beside the database", group: "Invoices"))
            if isAdmin { keys.append(Self.settingsBinding) }
            if list.isEmpty { keys.removeAll { ["invoice.open", "invoice.print"].contains($0.id) } }
            if !query.text.isEmpty {
                keys.insert(KeyBinding("filter.clear", [.escape], "clear filter", help: "Clear the filter", group: "Invoices"), at: 2)
            }
            return keys + ListKeys.movement
        case .detail:
            return detailBindings(permitted: true)
        case let .lineForm(editor):
            var keys = Form.bindings
            keys.insert(KeyBinding("form.product", [.ctrl("p")], "product", help: "Choose a product from inventory: fills description, unit, price and VAT rate", group: "Form"), at: 1)
            if editor.conflict {
                keys.insert(KeyBinding("form.reload", [.ctrl("r")], "reload theirs", help: "Load the draft as saved now", group: "Form"), at: 1)
            }
            return keys
        case .paymentForm:
            return Form.bindings
        case let .settingsForm(editor, _):
            var keys = Form.bindings
            if editor.conflict {
                keys.insert(KeyBinding("form.reload", [.ctrl("r")], "reload theirs", help: "Load the settings as saved now (your typing is lost)", group: "Form"), at: 1)
            }
            return keys
        case let .confirm(dialog, _, _):
            return dialog.bindings
        case .picker:
            return Picker.bindings
        }
    }

    static let settingsBinding = KeyBinding("settings.open", [.char("S")], "settings", help: "Company settings printed on invoices (admins)", group: "Invoices")

    /// The record's keys. With `permitted` false: the ones this role may not
    /// use, which are left out of the footer and help.
    func detailBindings(permitted: Bool) -> [KeyBinding] {
        guard let detail else { return [] }
        let invoice = detail.invoice
        var keys = [KeyBinding("detail.back", [.escape, .backspace], "back", help: "Back to the list", group: "Invoice")]
        var writes: [KeyBinding] = []
        if detail.isDraft {
            writes += [
                KeyBinding("invoice.issue", [.char("i")], "issue", help: "Issue: gives the next number; cannot be changed afterwards", group: "Draft"),
                KeyBinding("line.addProduct", [.char("a")], "product", help: "Add a line for a product from inventory", group: "Draft"),
                KeyBinding("line.addText", [.char("t")], "text line", help: "Add a free-text line (a service, say)", group: "Draft"),
            ]
            if !detail.lines.isEmpty {
                writes += [
                    KeyBinding("line.edit", [.char("e")], "edit", help: "Edit the highlighted line", group: "Draft"),
                    KeyBinding("line.edit", [.enter], "edit", help: "Edit the highlighted line", group: "Draft", inFooter: false),
                    KeyBinding("line.remove", [.char("x")], "remove", help: "Remove the highlighted line", group: "Draft"),
                ]
            }
            writes.append(KeyBinding("invoice.delete", [.char("D")], "delete draft", help: "Delete this draft (it has no number yet)", group: "Draft", inFooter: false))
        }
        if invoice.kind == .invoice, invoice.status == .issued {
            writes.append(KeyBinding("payment.record", [.char("r")], "payment", help: "Record a payment, partial or full", group: "Invoice"))
        }
        if invoice.kind == .invoice, invoice.status == .issued || invoice.status == .paid {
            writes.append(KeyBinding("invoice.cancel", [.char("X")], "cancel by credit note", help: "Cancel by issuing a credit note for all of it", group: "Invoice"))
        }
        guard permitted else { return mayWrite ? [] : writes + (isAdmin ? [] : [Self.settingsBinding]) }
        if mayWrite { keys += writes }
        keys.append(KeyBinding("invoice.print", [.char("p")], "print", help: "Write this invoice as a text file beside the database", group: "Invoice"))
        keys.append(KeyBinding("open.customer", [.char("c")], "customer", help: "Go to the customer", group: "Invoice"))
        if invoice.dealID != nil {
            keys.append(KeyBinding("open.deal", [.char("d")], "deal", help: "Go to the deal this invoice came from", group: "Invoice"))
        }
        if invoice.correctsID != nil {
            keys.append(KeyBinding("open.related", [.char("o")], "original", help: "Open the invoice this credit note cancels", group: "Invoice"))
        } else if !detail.creditNotes.isEmpty {
            keys.append(KeyBinding("open.related", [.char("o")], "credit note", help: "Open the credit note against this invoice", group: "Invoice"))
        }
        if isAdmin { keys.append(Self.settingsBinding) }
        if detail.lines.count > 1 {
            keys += [
                KeyBinding("line.down", [.char("j"), .down], "next line", help: "Next line", group: "Moving", inFooter: false),
                KeyBinding("line.up", [.char("k"), .up], "previous line", help: "Previous line", group: "Moving", inFooter: false),
            ]
        }
        keys += [
            KeyBinding("detail.next", [.char("]")], "next invoice", help: "Next invoice in the list", group: "Moving", inFooter: false),
            KeyBinding("detail.previous", [.char("[")], "previous invoice", help: "Previous invoice in the list", group: "Moving", inFooter: false),
        ]
        return keys
    }

    /// The keys of actions this role may not take, on the current view.
    private var refusedBindings: [(KeyBinding, Permission)] {
        switch mode {
        case .list where filter == nil:
            var refused: [(KeyBinding, Permission)] = []
            if !mayWrite { refused.append((KeyBinding("invoice.new", [.char("n")], "", help: "", group: ""), .writeBackOffice)) }
            if !isAdmin { refused.append((Self.settingsBinding, .editSettings)) }
            return refused
        case .detail:
            return detailBindings(permitted: false).map { ($0, $0.id == Self.settingsBinding.id ? .editSettings : .writeBackOffice) }
        default:
            return []
        }
    }

    // MARK: Actions

    func perform(_ id: String, host: ScreenHost) {
        attempt(host) {
            if id.hasPrefix("picker.") { return try pickerEvent(pickerPerform(id), host: host) }
            if id.hasPrefix("dialog.") { return try answer(String(id.dropFirst(7)), host: host) }
            switch id {
            case "list.filter": filter = TextInput(query.text)
            case let move where move.hasPrefix("list."):
                _ = try ListKeys.perform(move, on: list)
            case "filter.done": filter = nil
            case "filter.clear":
                filter = nil
                let keep = list.selected
                try setQuery(InvoiceQuery(view: query.view))
                if let keep { try list.show(keep) }
            case "view.next", "view.previous":
                let views = InvoiceView.allCases
                let index = views.firstIndex(of: query.view) ?? 0
                let next = views[(index + (id == "view.next" ? 1 : views.count - 1)) % views.count]
                try setQuery(InvoiceQuery(view: next, text: query.text))
            case "invoice.open":
                if let row = list.selected { try open(row.id, host: host) }
            case "invoice.new":
                mode = .picker(Pickers.customer(session, title: "New draft invoice · choose the customer"), .newDraft, back: mode)
            case "invoice.print": try printInvoice(host)
            case "settings.open": try openSettings()
            case "detail.back":
                mode = .list
                detail = nil
            case "line.down", "line.up":
                if var shown = detail {
                    shown.lineCursor = max(0, min(shown.lines.count - 1, shown.lineCursor + (id == "line.down" ? 1 : -1)))
                    detail = shown
                }
            case "detail.next", "detail.previous":
                let stillListed = detail.map { list.selected?.id == $0.invoice.id } ?? true
                if stillListed || id == "detail.previous" { try list.move(by: id == "detail.next" ? 1 : -1) }
                if let row = list.selected { try open(row.id, host: host) }
            case "line.addProduct":
                mode = .picker(Pickers.product(session, title: "Add a product line"), .newLine, back: mode)
            case "line.addText":
                if let shown = detail {
                    mode = .lineForm(LineEditor(invoice: shown.invoice, lines: shown.lines, editing: nil, fields: InvoiceLineFields(), productLabel: nil))
                }
            case "line.edit":
                if let shown = detail, let line = shown.selectedLine {
                    mode = .lineForm(LineEditor(invoice: shown.invoice, lines: shown.lines, editing: line, fields: InvoiceLineFields(line),
                                                productLabel: try productLabel(line.productID)))
                }
            case "line.remove":
                if let shown = detail, let line = shown.selectedLine {
                    confirm("Remove line", ["Remove line \(line.position), \(line.description)?"], yes: "remove", no: "keep",
                            .removeLine(shown.invoice, line))
                }
            case "invoice.issue": if let shown = detail { confirmIssue(shown) }
            case "invoice.delete":
                if let shown = detail {
                    confirm("Delete draft", ["Delete \(shown.name) for \(shown.customerName)?", "A draft has no number yet, so no number goes missing."],
                            yes: "delete", no: "keep", .deleteDraft(shown.invoice))
                }
            case "payment.record":
                if let shown = detail { mode = .paymentForm(PaymentEditor(invoice: shown.invoice)) }
            case "invoice.cancel": if let shown = detail { confirmCancel(shown) }
            case "open.customer": if let shown = detail { host.open(.customer(shown.invoice.customerID)) }
            case "open.deal": if let dealID = detail?.invoice.dealID { host.open(.deal(dealID)) }
            case "open.related":
                if let shown = detail, let other = shown.invoice.correctsID ?? shown.creditNotes.first?.id { try open(other, host: host) }
            case "form.save": try saveForm(host)
            case "form.reload": try reloadForm(host)
            case "form.cancel": cancelForm()
            case "form.product":
                if case let .lineForm(editor) = mode {
                    mode = .picker(Pickers.product(session, title: "Choose the product for this line"), .replaceProduct(editor), back: mode)
                }
            case "form.next", "form.previous":
                _ = editForm { $0.handle(id == "form.next" ? .tab : .backTab) }
            default:
                break
            }
        }
    }

    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        switch mode {
        case .list where filter != nil:
            guard var input = filter, input.handle(key) else { return false }
            filter = input
            attempt(host) { try setQuery(InvoiceQuery(view: query.view, text: input.text)) }
            return true
        case .list, .detail:
            // A key this role may not use: the model says why.
            guard let refused = refusedBindings.first(where: { $0.0.keys.contains(key) }) else { return false }
            attempt(host) { try session.require(refused.1) }
            return true
        case .lineForm, .paymentForm, .settingsForm:
            switch editForm({ $0.handle(key) }) {
            case .submit: attempt(host) { try saveForm(host) }
            case .cancel: cancelForm()
            default: break
            }
            return true
        case let .picker(picker, _, _):
            attempt(host) { try pickerEvent(picker.handle(key), host: host) }
            return true
        case .confirm:
            return true
        }
    }

    /// Runs `body` on the open form and keeps its changes.
    private func editForm(_ body: (inout Form) -> Form.Event) -> Form.Event? {
        switch mode {
        case var .lineForm(editor):
            let event = body(&editor.form)
            mode = .lineForm(editor)
            return event
        case var .paymentForm(editor):
            let event = body(&editor.form)
            mode = .paymentForm(editor)
            return event
        case .settingsForm(var editor, let fromDetail):
            let event = body(&editor.form)
            mode = .settingsForm(editor, fromDetail: fromDetail)
            return event
        default:
            return nil
        }
    }

    func setQuery(_ newQuery: InvoiceQuery) throws {
        guard newQuery != query else { return }
        query = newQuery
        preview = nil
        try list.loadFirst()
    }

    func open(_ id: Int64, host: ScreenHost) throws {
        guard let found = try InvoiceDetail.load(id, session: session) else { throw KontorError.notFound(entity: "invoice", id: id) }
        detail = found
        mode = .detail
    }

    func productLabel(_ productID: Int64?) throws -> String? {
        guard let productID, let product = try session.database.products.find(id: productID) else { return nil }
        return "\(product.fields.sku) · \(product.fields.name)"
    }

    // MARK: Pickers

    private func pickerPerform(_ id: String) -> Picker.Event {
        guard case let .picker(picker, _, _) = mode else { return .none }
        return picker.perform(id)
    }

    private func pickerEvent(_ event: Picker.Event, host: ScreenHost) throws {
        guard case let .picker(_, purpose, back) = mode else { return }
        switch event {
        case .none: return
        case .cancelled: mode = back
        case let .picked(item):
            mode = back
            switch purpose {
            case .newDraft:
                let draft = try repository.createDraft(customerID: item.id, by: session)
                try showInList(draft.id)
                try open(draft.id, host: host)
                host.show("Draft created for \(detail?.customerName ?? "the customer"): a adds a product, t a free-text line", isError: false)
            case .newLine:
                guard let shown = detail, let product = try session.database.products.find(id: item.id) else { return }
                mode = .lineForm(LineEditor(invoice: shown.invoice, lines: shown.lines, editing: nil, fields: InvoiceLineFields(product: product),
                                            productLabel: "\(product.fields.sku) · \(product.fields.name)"))
            case var .replaceProduct(editor):
                guard let product = try session.database.products.find(id: item.id) else { return }
                editor.use(product)
                mode = .lineForm(editor)
            }
        }
    }


    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        var current = mode
        let cursor = draw(&current, in: rect, grid: &grid, theme: theme)
        // Forms keep their scroll position between frames.
        if case .lineForm = current { mode = current } else if case .paymentForm = current { mode = current } else if case .settingsForm = current { mode = current }
        return cursor
    }

    private func draw(_ mode: inout Mode, in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        switch mode {
        case .list:
            return drawList(in: rect, grid: &grid, theme: theme)
        case .detail:
            detail?.draw(in: rect, grid: &grid, theme: theme)
            return nil
        case var .lineForm(editor):
            let cursor = editor.draw(in: rect, grid: &grid, theme: theme)
            mode = .lineForm(editor)
            return cursor
        case var .paymentForm(editor):
            let cursor = editor.form.draw(in: rect, grid: &grid, theme: theme)
            mode = .paymentForm(editor)
            return cursor
        case .settingsForm(var editor, let fromDetail):
            let cursor = editor.form.draw(in: rect, grid: &grid, theme: theme)
            mode = .settingsForm(editor, fromDetail: fromDetail)
            return cursor
        case let .confirm(dialog, _, back):
            var under = back
            _ = draw(&under, in: rect, grid: &grid, theme: theme)
            dialog.draw(in: rect, grid: &grid, theme: theme)
            return nil
        case let .picker(picker, _, back):
            var under = back
            _ = draw(&under, in: rect, grid: &grid, theme: theme)
            return picker.draw(in: rect, grid: &grid, theme: theme)
        }
    }
}
