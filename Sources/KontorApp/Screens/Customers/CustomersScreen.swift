import KontorModel
import KontorUI

/// Customers: the list with filter-as-you-type, the record, and the form.
final class CustomersScreen: Screen {
    enum Mode {
        case list
        case detail(Customer)
        case form(CustomerEditor, returnTo: Customer?)
        case confirm(Dialog, Pending)
    }

    /// What a confirmation dialog is about.
    enum Pending {
        case archive(Customer, returnTo: Customer?)
        case discard(CustomerEditor, returnTo: Customer?)
    }

    let title = "Customers"
    private let repository: CustomerRepository
    private let session: Session
    private(set) var mode: Mode = .list
    private(set) var query = CustomerQuery()
    /// The query ready for paging; prepared again when the filter changes.
    private var prepared: PreparedCustomerQuery?
    /// The filter being typed, while it is being typed.
    private var filter: TextInput?
    private var loaded = false
    /// The highlighted customer in full, for the preview pane on wide terminals.
    private var preview: Customer?
    private(set) lazy var list = WindowedList<CustomerSummary>(
        fetchAfter: { [unowned self] row, inclusive, limit in
            try repository.page(preparedQuery(), after: row?.listKey, inclusive: inclusive, limit: limit)
        },
        fetchBefore: { [unowned self] row, limit in
            try repository.page(preparedQuery(), before: row?.listKey, limit: limit)
        })

    private func preparedQuery() throws -> PreparedCustomerQuery {
        if let prepared, prepared.query == query { return prepared }
        let fresh = try repository.prepare(query)
        prepared = fresh
        return fresh
    }

    init(session: Session) {
        repository = session.database.customers
        self.session = session
    }

    // MARK: Screen

    var capturesText: Bool {
        switch mode {
        case .list: return filter != nil
        case .detail: return false
        case .form, .confirm: return true
        }
    }

    var hasUnsavedChanges: Bool {
        switch mode {
        case let .form(editor, _): return editor.form.isDirty
        case let .confirm(_, .discard(editor, _)): return editor.form.isDirty
        default: return false
        }
    }

    func activate(_ host: ScreenHost) {
        guard !loaded else { return dataChanged(host) }
        loaded = true
        attempt(host) { try list.loadFirst() }
    }

    func dataChanged(_ host: ScreenHost) {
        attempt(host) {
            prepared = nil // counts and plans may have changed
            try list.reload()
            preview = nil
            if case let .detail(shown) = mode {
                if let fresh = try repository.find(id: shown.id) { mode = .detail(fresh) }
            }
        }
    }

    func show(_ link: RecordLink, host: ScreenHost) -> Bool {
        guard case let .customer(id) = link else { return false }
        guard !hasUnsavedChanges else {
            host.show("Finish or cancel the customer form first", isError: true)
            return false
        }
        var shown = false
        attempt(host) {
            guard let customer = try repository.find(id: id) else { throw KontorError.notFound(entity: "customer", id: id) }
            if !loaded { loaded = true; try list.loadFirst() }
            filter = nil
            mode = .detail(customer)
            shown = true
        }
        return shown
    }

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
                KeyBinding("customer.open", [.enter], "open", help: "Open the highlighted customer", group: "Customers"),
                KeyBinding("list.filter", [.char("/")], "filter", help: "Filter as you type: name, contact, e-mail, address, phone, VAT id", group: "Customers"),
                KeyBinding("customer.new", [.char("n")], "new", help: "New customer", group: "Customers"),
                KeyBinding("customer.edit", [.char("e")], "edit", help: "Edit the highlighted customer", group: "Customers"),
                KeyBinding("customer.archive", [.char("a")], query.archived ? "restore" : "archive",
                           help: query.archived ? "Restore the highlighted customer to the active list" : "Archive the highlighted customer (keeps its history)",
                           group: "Customers"),
                KeyBinding("list.archived", [.char("A")], query.archived ? "active" : "archived",
                           help: query.archived ? "Show active customers" : "Show archived customers", group: "Customers"),
            ]
            if list.isEmpty {
                // Nothing to open, edit or archive.
                keys.removeAll { ["customer.open", "customer.edit", "customer.archive"].contains($0.id) }
            }
            if !query.text.isEmpty {
                keys.insert(KeyBinding("filter.clear", [.escape], "clear filter", help: "Clear the filter", group: "Customers"), at: min(2, keys.count))
            }
            return keys + ListKeys.movement
        case .detail:
            return [
                KeyBinding("detail.back", [.escape, .backspace], "back", help: "Back to the list", group: "Customer"),
                KeyBinding("customer.edit", [.char("e")], "edit", help: "Edit this customer", group: "Customer"),
                KeyBinding("customer.archive", [.char("a")], isArchived ? "restore" : "archive",
                           help: isArchived ? "Restore this customer" : "Archive this customer", group: "Customer"),
                KeyBinding("detail.next", [.char("j"), .down], "next", help: "Next customer in the list", group: "Customer"),
                KeyBinding("detail.previous", [.char("k"), .up], "previous", help: "Previous customer in the list", group: "Customer"),
            ]
        case let .form(editor, _):
            var keys = Form.bindings
            if editor.conflict {
                keys.insert(KeyBinding("form.reload", [.ctrl("r")], "reload theirs", help: "Load the saved version (your typing is lost)", group: "Form"), at: 1)
            }
            return keys
        case let .confirm(dialog, _):
            return dialog.choices.map { KeyBinding("dialog.\($0.id)", [$0.key], $0.label, help: $0.label, group: dialog.title) }
                + [KeyBinding("dialog.\(dialog.cancelID)", [.escape], "cancel", help: "Cancel", group: dialog.title)]
        }
    }

    private var isArchived: Bool {
        if case let .detail(c) = mode { return c.archived }
        return query.archived
    }

    // MARK: Actions

    func perform(_ id: String, host: ScreenHost) {
        attempt(host) {
            switch id {
            case let move where move.hasPrefix("list.") && move != "list.filter" && move != "list.archived":
                _ = try ListKeys.perform(move, on: list)
            case "list.filter": filter = TextInput(query.text)
            case "filter.done":
                filter = nil
            case "filter.clear":
                filter = nil
                let keep = list.selected
                try setQuery(CustomerQuery(text: "", archived: query.archived))
                // Stay on the customer the filter found.
                if let keep { try list.show(keep) }
            case "list.archived":
                try setQuery(CustomerQuery(text: query.text, archived: !query.archived))
            case "customer.open":
                if let row = list.selected, let customer = try repository.find(id: row.id) { mode = .detail(customer) }
            case "customer.new":
                mode = .form(CustomerEditor(editing: nil), returnTo: nil)
            case "customer.edit":
                if let customer = try current() { mode = .form(CustomerEditor(editing: customer), returnTo: detailShown) }
            case "customer.archive":
                if let customer = try current() { confirmArchive(customer) }
            case "detail.back":
                mode = .list
            case "detail.next", "detail.previous":
                // If the record shown left the list (archived), the list's
                // cursor already sits on its successor: show that one.
                let stillListed = detailShown.map { shown in list.selected?.id == shown.id } ?? true
                if stillListed || id == "detail.previous" { try list.move(by: id == "detail.next" ? 1 : -1) }
                if let row = list.selected, let customer = try repository.find(id: row.id) { mode = .detail(customer) }
            case "form.save": try save(host)
            case "form.reload": try reloadForm()
            case "form.cancel": cancelForm()
            case let dialog where dialog.hasPrefix("dialog."):
                try answer(String(dialog.dropFirst(7)), host: host)
            default:
                if case var .form(editor, back) = mode {
                    if editor.form.handle(id == "form.next" ? .tab : id == "form.previous" ? .backTab : .escape) == .none {
                        mode = .form(editor, returnTo: back)
                    }
                }
            }
        }
    }

    func handleUnbound(_ key: Key, host: ScreenHost) -> Bool {
        switch mode {
        case .list:
            guard var input = filter, input.handle(key) else { return false }
            filter = input
            attempt(host) { try setQuery(CustomerQuery(text: input.text, archived: query.archived)) }
            return true
        case .form(var editor, let back):
            switch editor.form.handle(key) {
            case .submit:
                mode = .form(editor, returnTo: back)
                attempt(host) { try save(host) }
            case .cancel:
                mode = .form(editor, returnTo: back)
                cancelForm()
            case .none:
                mode = .form(editor, returnTo: back)
            }
            return true
        default:
            return false
        }
    }

    private var detailShown: Customer? {
        if case let .detail(c) = mode { return c }
        return nil
    }

    /// The customer the next action applies to: the one open, or the highlighted one.
    private func current() throws -> Customer? {
        if let shown = detailShown { return shown }
        guard let row = list.selected else { return nil }
        return try repository.find(id: row.id)
    }

    private func setQuery(_ newQuery: CustomerQuery) throws {
        guard newQuery != query else { return }
        query = newQuery
        preview = nil
        try list.loadFirst()
    }

    private func confirmArchive(_ customer: Customer) {
        let restoring = customer.archived
        let dialog = Dialog(
            title: restoring ? "Restore customer" : "Archive customer",
            message: restoring
                ? ["Restore \(customer.name) to the active list?"]
                : ["Archive \(customer.name)?", "It leaves the active list; its history stays.", "To restore it: A (archived customers), then a."],
            choices: [.init(.char("y"), restoring ? "restore" : "archive", id: "yes"), .init(.char("n"), "keep as is", id: "no")],
            cancelID: "no")
        mode = .confirm(dialog, .archive(customer, returnTo: detailShown))
    }

    private func answer(_ choice: String, host: ScreenHost) throws {
        guard case let .confirm(_, pending) = mode else { return }
        switch (pending, choice) {
        case let (.archive(customer, back), "yes"):
            mode = back.map { .detail($0) } ?? .list
            let saved = try repository.setArchived(id: customer.id, !customer.archived, expectedVersion: customer.version, by: session)
            if back != nil { mode = .detail(saved) }
            prepared = nil
            try list.reload()
            host.show("\(saved.name) \(saved.archived ? "archived" : "restored")", isError: false)
        case let (.archive(_, back), _):
            mode = back.map { .detail($0) } ?? .list
        case let (.discard(_, back), "yes"):
            mode = back.map { .detail($0) } ?? .list
        case let (.discard(editor, back), _):
            mode = .form(editor, returnTo: back)
        }
    }

    private func cancelForm() {
        guard case let .form(editor, back) = mode else { return }
        if editor.form.isDirty {
            let dialog = Dialog(
                title: "Discard changes",
                message: ["This form has changes that are not saved.", "Close it and lose them?"],
                choices: [.init(.char("y"), "discard", id: "yes"), .init(.char("n"), "keep editing", id: "no")],
                cancelID: "no")
            mode = .confirm(dialog, .discard(editor, returnTo: back))
        } else {
            mode = back.map { .detail($0) } ?? .list
        }
    }

    private func save(_ host: ScreenHost) throws {
        guard case .form(var editor, let back) = mode else { return }
        do {
            let saved: Customer
            if let original = editor.original {
                saved = try repository.update(id: original.id, editor.fields, expectedVersion: original.version, by: session)
            } else {
                saved = try repository.create(editor.fields, by: session)
            }
            prepared = nil // the count changed
            if saved.archived != query.archived {
                try setQuery(CustomerQuery(text: "", archived: saved.archived))
            }
            try list.show(CustomerSummary(saved))
            if list.selected?.id != saved.id, !query.text.isEmpty {
                // The filter hides the saved customer: clear it so the user sees what they saved.
                try setQuery(CustomerQuery(text: "", archived: query.archived))
                try list.show(CustomerSummary(saved))
            }
            preview = nil
            mode = back != nil ? .detail(saved) : .list
            host.show("Saved \(saved.name)", isError: false)
        } catch let KontorError.invalid(failure) {
            editor.show(failure)
            mode = .form(editor, returnTo: back)
        } catch let KontorError.conflict(_, _, changedBy, changedAt) {
            editor.conflict = true
            editor.form.banner = "\(changedBy) saved this customer at \(Format.shortTime(changedAt)); Ctrl-R loads their version"
            mode = .form(editor, returnTo: back)
        } catch let error as KontorError {
            editor.form.banner = error.description
            mode = .form(editor, returnTo: back)
        }
    }

    private func reloadForm() throws {
        guard case let .form(editor, back) = mode, let original = editor.original else { return }
        guard let fresh = try repository.find(id: original.id) else { throw KontorError.notFound(entity: "customer", id: original.id) }
        mode = .form(CustomerEditor(editing: fresh), returnTo: back.map { _ in fresh })
    }

    /// Runs `body`, turning any error into a message rather than a crash.
    private func attempt(_ host: ScreenHost, _ body: () throws -> Void) {
        do { try body() } catch { host.show("\(error)", isError: true) }
    }

    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        switch mode {
        case .list:
            return drawList(in: rect, grid: &grid, theme: theme)
        case let .detail(customer):
            CustomerCard.draw(customer, in: rect, grid: &grid, theme: theme, full: true)
            return nil
        case .form(var editor, let back):
            let cursor = editor.form.draw(in: rect, grid: &grid, theme: theme)
            mode = .form(editor, returnTo: back)
            return cursor
        case let .confirm(dialog, pending):
            switch pending {
            case let .discard(editor, _):
                var form = editor.form
                _ = form.draw(in: rect, grid: &grid, theme: theme)
            case let .archive(_, back):
                if let back { CustomerCard.draw(back, in: rect, grid: &grid, theme: theme, full: true) } else { _ = drawList(in: rect, grid: &grid, theme: theme) }
            }
            dialog.draw(in: rect, grid: &grid, theme: theme)
            return nil
        }
    }

    static let table = TableView(columns: [
        .init("Name", .flexible(min: 20, weight: 4)),
        .init("Contact", .flexible(min: 12, weight: 2)),
        .init("City", .flexible(min: 10, weight: 2)),
        .init("Phone", .fixed(17)),
        .init("Ctry", .fixed(4)),
    ])

    private func drawList(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let (titleRow, rest) = rect.splitTop(1)
        var cursor: Point?
        var x = titleRow.x + 1
        x += grid.write(query.archived ? "Archived customers" : "Customers", x: x, y: titleRow.y, style: theme[.title])
        if let prepared, prepared.query == query {
            let count = prepared.isCountCapped ? "more than " + Format.count(prepared.count) : Format.count(prepared.count)
            x += grid.write("  \(count) \(query.text.isEmpty ? (query.archived ? "archived" : "active") : "matching")", x: x, y: titleRow.y, style: theme[.dim])
        }
        if let filter {
            x += grid.write("   / ", x: x, y: titleRow.y, style: theme[.label].adding(.bold))
            let column = filter.draw(x: x, y: titleRow.y, width: max(10, min(40, titleRow.maxX - x - 1)), grid: &grid, style: theme[.inputFocused])
            cursor = Point(x: column, y: titleRow.y)
        } else if !query.text.isEmpty {
            grid.write("   filter: \(query.text)  (/ to change, Esc to clear)", x: x, y: titleRow.y, maxWidth: titleRow.maxX - x - 1, style: theme[.marked])
        }
        var listArea = rest
        var previewArea: Rect?
        if rest.width >= 120 {
            let split = rest.splitLeft(rest.width * 3 / 5)
            listArea = split.0
            previewArea = split.1
        }
        list.visibleCount = max(1, listArea.height - 1)
        try? list.fillWindow()
        let lines = list.visibleRows.map { row in
            TableView.Line(cells: [row.name, row.contactName, row.city, row.phone, row.country],
                           role: row.archived ? .dim : nil)
        }
        Self.table.draw(lines, cursor: list.cursor - list.top, in: listArea, grid: &grid, theme: theme,
                        focused: filter == nil, scrollInfo: (list.atStart && list.top == 0, list.atEnd && list.top + list.visibleCount >= list.rows.count))
        if list.isEmpty {
            let message = query.text.isEmpty
                ? (query.archived ? "No archived customers." : "No customers yet. Press n to add one.")
                : "No customer matches “\(query.text)”. Esc clears the filter."
            grid.write(message, x: listArea.x + 2, y: listArea.y + 2, maxWidth: listArea.width - 4, style: theme[.dim])
        }
        if let previewArea {
            drawPreview(in: previewArea, grid: &grid, theme: theme)
        }
        return cursor
    }

    private func drawPreview(in rect: Rect, grid: inout Grid, theme: Theme) {
        for y in rect.y..<rect.maxY { grid.write("│", x: rect.x, y: y, style: theme[.border]) }
        let inner = Rect(x: rect.x + 2, y: rect.y, width: rect.width - 3, height: rect.height)
        guard let row = list.selected else { return }
        if preview?.id != row.id { preview = try? repository.find(id: row.id) }
        if let preview { CustomerCard.draw(preview, in: inner, grid: &grid, theme: theme, full: false) }
    }
}
