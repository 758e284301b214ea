import KontorModel
import KontorUI

/// Customers: the list with filter-as-you-type, the record, and the form.
final class CustomersScreen: LegacyScreen {
    enum Mode {
        case list
        /// The 360° view of one customer.
        case detail(CustomerDetail)
        /// The customer form; `returnTo` is the customer whose view to go back to.
        case form(CustomerEditor, returnTo: Customer?)
        case contactForm(ContactEditor, detail: CustomerDetail)
        /// Choosing the customer's owner among the staff.
        case ownerPicker(Picker, detail: CustomerDetail)
        case confirm(Dialog, Pending)
    }

    /// What a confirmation dialog is about.
    enum Pending {
        case archive(Customer, returnTo: CustomerDetail?)
        case discard(CustomerEditor, returnTo: Customer?)
        case discardContact(ContactEditor, detail: CustomerDetail)
        /// A new customer looks like existing ones: save anyway, open one of them, or keep editing.
        case duplicate(CustomerEditor, matches: [CustomerSummary])
    }

    let id = ScreenID.customers
    let repository: CustomerRepository
    let session: Session
    private(set) var mode: Mode = .list
    private(set) var query = CustomerQuery()
    /// The query ready for paging; prepared again when the filter changes.
    var prepared: PreparedCustomerQuery?
    /// The filter being typed, while it is being typed.
    var filter: TextInput?
    private var loaded = false
    /// Open tickets and balance of the customers seen in the list, read a
    /// window at a time; forgotten when the data changes.
    var figures: [Int64: RowFigures] = [:]

    struct RowFigures {
        var openTickets = 0
        var balance: CustomerBalance?
    }
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
        case .form, .contactForm, .ownerPicker, .confirm: return true
        }
    }

    var hasUnsavedChanges: Bool {
        switch mode {
        case let .form(editor, _): return editor.form.isDirty
        case let .confirm(_, .discard(editor, _)): return editor.form.isDirty
        case let .contactForm(editor, _): return editor.form.isDirty
        case let .confirm(_, .discardContact(editor, _)): return editor.form.isDirty
        case .confirm(_, .duplicate): return true
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
            figures = [:]
            try list.reload()
            if case var .detail(shown) = mode, let fresh = try repository.find(id: shown.customer.id) {
                shown.reload(try CustomerOverview(fresh, session: session))
                mode = .detail(shown)
            }
        }
    }

    var highlighted: RecordLink? {
        guard case .list = mode, let row = list.selected else { return nil }
        return .customer(row.id)
    }

    var location: ScreenLocation {
        let view = query.archived ? "archived" : "active"
        let row = list.selected.map { RecordLink.customer($0.id) }
        switch mode {
        case let .detail(d):
            // The view's row rides along, so that coming back lands on it.
            return ScreenLocation(record: .customer(d.customer.id), highlighted: row, filter: query.text,
                                  view: view + (d.rowIndex.map { "|row=\($0)" } ?? ""), title: d.customer.name)
        default:
            return ScreenLocation(highlighted: row, filter: query.text, view: view, title: query.archived ? "Archived customers" : "Customers")
        }
    }

    func restore(_ location: ScreenLocation, host: ScreenHost) {
        guard !hasUnsavedChanges else { return }
        attempt(host) {
            if !loaded { loaded = true; try list.loadFirst() }
            filter = nil
            let parts = location.view.split(separator: "|").map(String.init)
            try setQuery(CustomerQuery(text: location.filter, archived: parts.first == "archived"))
            if case let .customer(id)? = location.highlighted, let row = try repository.find(id: id) {
                try list.show(CustomerSummary(row))
            }
            if case let .customer(id)? = location.record, let customer = try repository.find(id: id) {
                try openDetail(customer)
                if case var .detail(detail) = mode, let row = parts.first(where: { $0.hasPrefix("row=") }).flatMap({ Int($0.dropFirst(4)) }) {
                    detail.rowIndex = row
                    mode = .detail(detail)
                }
            } else {
                mode = .list
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
            // The list's cursor goes to the customer too, so ] and [ step to
            // its neighbours; a filter that hides it is cleared.
            try list.show(CustomerSummary(customer))
            if list.selected?.id != id, !query.text.isEmpty || query.archived != customer.archived {
                try setQuery(CustomerQuery(text: "", archived: customer.archived))
                try list.show(CustomerSummary(customer))
            }
            try openDetail(customer)
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
        case let .detail(detail):
            var keys = [
                KeyBinding("detail.open", [.enter], "open", help: "Open the highlighted record (a contact opens its form)", group: "Customer"),
                KeyBinding("detail.back", [.escape, .backspace], "back", help: "Back to the list", group: "Customer"),
                KeyBinding("customer.edit", [.char("e")], "edit", help: "Edit this customer", group: "Customer"),
                KeyBinding("contact.new", [.char("c")], "add contact", help: "Add a contact person", group: "Customer"),
                KeyBinding("customer.owner", [.char("o")], "owner", help: "Choose who looks after this customer", group: "Customer"),
                KeyBinding("customer.archive", [.char("a")], isArchived ? "restore" : "archive",
                           help: isArchived ? "Restore this customer" : "Archive this customer", group: "Customer"),
                KeyBinding("detail.next", [.char("]")], "next customer", help: "Next customer in the list", group: "Customer", inFooter: false),
                KeyBinding("detail.previous", [.char("[")], "previous customer", help: "Previous customer in the list", group: "Customer", inFooter: false),
                KeyBinding("detail.down", [.char("j"), .down], "down", help: "Next record in the view", group: "Moving", inFooter: false),
                KeyBinding("detail.up", [.char("k"), .up], "up", help: "Previous record in the view", group: "Moving", inFooter: false),
                KeyBinding("detail.pageDown", [.pageDown, .ctrl("f"), .space], "page down", help: "Next page", group: "Moving", inFooter: false),
                KeyBinding("detail.pageUp", [.pageUp, .ctrl("b")], "page up", help: "Previous page", group: "Moving", inFooter: false),
                KeyBinding("detail.top", [.char("g"), .home], "top", help: "First record", group: "Moving", inFooter: false),
                KeyBinding("detail.bottom", [.char("G"), .end], "bottom", help: "Last record", group: "Moving", inFooter: false),
            ]
            if detail.selected == nil { keys.removeFirst() }
            return keys
        case let .form(editor, _):
            var keys = Form.bindings
            if editor.conflict {
                keys.insert(KeyBinding("form.reload", [.ctrl("r")], "reload theirs", help: "Load the saved version (your typing is lost)", group: "Form"), at: 1)
            }
            return keys
        case let .contactForm(editor, _):
            var keys = Form.bindings
            if editor.conflict {
                keys.insert(KeyBinding("form.reload", [.ctrl("r")], "reload theirs", help: "Load the saved version (your typing is lost)", group: "Form"), at: 1)
            }
            return keys
        case .ownerPicker:
            return Picker.bindings
        case let .confirm(dialog, _):
            return dialog.bindings
        }
    }

    private var isArchived: Bool {
        if case let .detail(d) = mode { return d.customer.archived }
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
                if let row = list.selected, let customer = try repository.find(id: row.id) { try openDetail(customer) }
            case "customer.new":
                mode = .form(CustomerEditor(editing: nil), returnTo: nil)
            case "customer.edit":
                if let customer = try current() { mode = .form(CustomerEditor(editing: customer), returnTo: detailShown?.customer) }
            case "customer.archive":
                if let customer = try current() { confirmArchive(customer) }
            case "customer.owner":
                if let detail = detailShown {
                    mode = .ownerPicker(Pickers.staff(session, title: "Owner of \(detail.customer.name)"), detail: detail)
                }
            case "contact.new":
                if let detail = detailShown { mode = .contactForm(ContactEditor(customer: detail.customer, editing: nil), detail: detail) }
            case "detail.open":
                try openSelected(host)
            case "detail.back":
                mode = .list
            case "detail.down", "detail.up", "detail.pageDown", "detail.pageUp", "detail.top", "detail.bottom":
                guard var detail = detailShown else { return }
                switch id {
                case "detail.down": detail.move(by: 1)
                case "detail.up": detail.move(by: -1)
                case "detail.pageDown": detail.page(by: 1)
                case "detail.pageUp": detail.page(by: -1)
                case "detail.top": detail.toEnd(false)
                default: detail.toEnd(true)
                }
                mode = .detail(detail)
            case "detail.next", "detail.previous":
                // If the record shown left the list (archived), the list's
                // cursor already sits on its successor: show that one.
                let stillListed = detailShown.map { shown in list.selected?.id == shown.customer.id } ?? true
                if stillListed || id == "detail.previous" { try list.move(by: id == "detail.next" ? 1 : -1) }
                if let row = list.selected, let customer = try repository.find(id: row.id) { try openDetail(customer) }
            case "form.save": try save(host)
            case "form.reload": try reloadForm()
            case "form.cancel": cancelForm()
            case let pick where pick.hasPrefix("picker."):
                guard case let .ownerPicker(picker, detail) = mode else { return }
                try answerPicker(picker.perform(pick), detail: detail, host: host)
            case let dialog where dialog.hasPrefix("dialog."):
                try answer(String(dialog.dropFirst(7)), host: host)
            default:
                let key: Key = id == "form.next" ? .tab : id == "form.previous" ? .backTab : .escape
                if case .form(var editor, let back) = mode {
                    if editor.form.handle(key) == .none { mode = .form(editor, returnTo: back) }
                } else if case .contactForm(var editor, let detail) = mode {
                    if editor.form.handle(key) == .none { mode = .contactForm(editor, detail: detail) }
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
            let event = editor.form.handle(key)
            mode = .form(editor, returnTo: back)
            switch event {
            case .submit: attempt(host) { try save(host) }
            case .cancel: cancelForm()
            case .none: break
            }
            return true
        case .contactForm(var editor, let detail):
            let event = editor.form.handle(key)
            mode = .contactForm(editor, detail: detail)
            switch event {
            case .submit: attempt(host) { try save(host) }
            case .cancel: cancelForm()
            case .none: break
            }
            return true
        case let .ownerPicker(picker, detail):
            attempt(host) { try answerPicker(picker.handle(key), detail: detail, host: host) }
            return true
        default:
            return false
        }
    }

    var detailShown: CustomerDetail? {
        if case let .detail(d) = mode { return d }
        return nil
    }

    /// The customer the next action applies to: the one open, or the highlighted one.
    private func current() throws -> Customer? {
        if let shown = detailShown { return shown.customer }
        guard let row = list.selected else { return nil }
        return try repository.find(id: row.id)
    }

    private func openDetail(_ customer: Customer) throws {
        mode = .detail(CustomerDetail(try CustomerOverview(customer, session: session)))
    }

    /// The detail view as it is now in the database, keeping its cursor.
    private func refreshed(_ detail: CustomerDetail) throws -> CustomerDetail {
        var detail = detail
        if let fresh = try repository.find(id: detail.customer.id) { detail.reload(try CustomerOverview(fresh, session: session)) }
        return detail
    }

    private func openSelected(_ host: ScreenHost) throws {
        guard let detail = detailShown, let target = detail.selected else { return }
        switch target {
        case let .contact(id):
            guard let contact = detail.overview.contacts.first(where: { $0.id == id }) else { return }
            mode = .contactForm(ContactEditor(customer: detail.customer, editing: contact), detail: detail)
        case let .record(link):
            host.open(link)
        }
    }

    private func answerPicker(_ event: Picker.Event, detail: CustomerDetail, host: ScreenHost) throws {
        switch event {
        case .none: return
        case .cancelled: mode = .detail(detail)
        case let .picked(item):
            mode = .detail(detail)
            var fields = detail.customer.fields
            fields.ownerID = item.id
            let saved = try repository.update(id: detail.customer.id, fields, expectedVersion: detail.customer.version, by: session)
            mode = .detail(try refreshed(detail))
            host.show("\(saved.name) is looked after by \(item.cells.first ?? "")", isError: false)
        }
    }

    private func setQuery(_ newQuery: CustomerQuery) throws {
        guard newQuery != query else { return }
        query = newQuery
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
            if let back { mode = .detail(try refreshed(back)) }
            prepared = nil
            try list.reload()
            host.show("\(saved.name) \(saved.archived ? "archived" : "restored")", isError: false)
        case let (.archive(_, back), _):
            mode = back.map { .detail($0) } ?? .list
        case let (.discard(_, back), "yes"):
            if let back { try openDetail(back) } else { mode = .list }
        case let (.discard(editor, back), _):
            mode = .form(editor, returnTo: back)
        case let (.discardContact(_, detail), "yes"):
            mode = .detail(detail)
        case let (.discardContact(editor, detail), _):
            mode = .contactForm(editor, detail: detail)
        case let (.duplicate(editor, _), "save"):
            mode = .form(editor, returnTo: nil)
            try save(host, duplicateConfirmed: true)
        case let (.duplicate(_, matches), "open"):
            if let first = matches.first, let customer = try repository.find(id: first.id) {
                try list.show(first)
                try openDetail(customer)
            }
        case let (.duplicate(editor, _), _):
            mode = .form(editor, returnTo: nil)
        }
    }

    private func cancelForm() {
        let dialog = Dialog(
            title: "Discard changes",
            message: ["This form has changes that are not saved.", "Close it and lose them?"],
            choices: [.init(.char("y"), "discard", id: "yes"), .init(.char("n"), "keep editing", id: "no")],
            cancelID: "no")
        switch mode {
        case let .form(editor, back):
            if editor.form.isDirty {
                mode = .confirm(dialog, .discard(editor, returnTo: back))
            } else if let back, let fresh = try? repository.find(id: back.id), (try? openDetail(fresh)) != nil {
                return
            } else {
                mode = .list
            }
        case let .contactForm(editor, detail):
            mode = editor.form.isDirty ? .confirm(dialog, .discardContact(editor, detail: detail)) : .detail(detail)
        default:
            break
        }
    }

    private func save(_ host: ScreenHost, duplicateConfirmed: Bool = false) throws {
        if case let .contactForm(editor, detail) = mode { return try saveContact(editor, detail: detail, host: host) }
        guard case .form(var editor, let back) = mode else { return }
        do {
            let saved: Customer
            if let original = editor.original {
                saved = try repository.update(id: original.id, editor.fields, expectedVersion: original.version, by: session)
            } else {
                if !duplicateConfirmed, editor.fields.normalized().validate() == nil {
                    let matches = try repository.possibleDuplicates(of: editor.fields)
                    if !matches.isEmpty { return confirmDuplicate(editor, matches: matches) }
                }
                saved = try repository.create(editor.fields, by: session)
            }
            prepared = nil // the count changed
            figures[saved.id] = nil
            if saved.archived != query.archived {
                try setQuery(CustomerQuery(text: "", archived: saved.archived))
            }
            try list.show(CustomerSummary(saved))
            if list.selected?.id != saved.id, !query.text.isEmpty {
                // The filter hides the saved customer: clear it so the user sees what they saved.
                try setQuery(CustomerQuery(text: "", archived: query.archived))
                try list.show(CustomerSummary(saved))
            }
            // A new customer opens in its 360° view: contacts, tickets and deals come next.
            try openDetail(saved)
            host.show("Saved \(saved.name)" + (editor.original == nil ? " · c adds a contact" : ""), isError: false)
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

    private func confirmDuplicate(_ editor: CustomerEditor, matches: [CustomerSummary]) {
        let lines = matches.prefix(3).map { m in
            "  " + [m.name, m.city, m.email].filter { !$0.isEmpty }.joined(separator: " · ")
        }
        let dialog = Dialog(
            title: "Possible duplicate",
            message: [matches.count == 1 ? "A customer like this exists already:" : "\(matches.count) customers like this exist already:"]
                + lines + (matches.count > 3 ? ["  …"] : []) + ["Save the new one anyway?"],
            choices: [.init(.char("n"), "keep editing", id: "edit"), .init(.char("s"), "save anyway", id: "save"),
                      .init(.char("o"), "open \(matches.count == 1 ? "it" : "the first")", id: "open")],
            cancelID: "edit")
        mode = .confirm(dialog, .duplicate(editor, matches: matches))
    }

    private func saveContact(_ editor: ContactEditor, detail: CustomerDetail, host: ScreenHost) throws {
        var editor = editor
        do {
            let fields: ContactFields
            switch editor.fields() {
            case let .success(typed): fields = typed
            case let .failure(failure): throw KontorError.invalid(failure)
            }
            let saved: Contact
            if let original = editor.original {
                saved = try repository.updateContact(id: original.id, fields, expectedVersion: original.version, by: session)
            } else {
                saved = try repository.addContact(to: detail.customer.id, fields, by: session)
            }
            var fresh = try refreshed(detail)
            fresh.selected = .contact(saved.id)
            mode = .detail(fresh)
            host.show("Saved contact \(saved.fields.name)", isError: false)
        } catch let KontorError.invalid(failure) {
            editor.show(failure)
            mode = .contactForm(editor, detail: detail)
        } catch let KontorError.conflict(_, _, changedBy, changedAt) {
            editor.conflict = true
            editor.form.banner = "\(changedBy) saved this contact at \(Format.shortTime(changedAt)); Ctrl-R loads their version"
            mode = .contactForm(editor, detail: detail)
        } catch let error as KontorError {
            editor.form.banner = error.description
            mode = .contactForm(editor, detail: detail)
        }
    }

    private func reloadForm() throws {
        switch mode {
        case let .form(editor, back):
            guard let original = editor.original else { return }
            guard let fresh = try repository.find(id: original.id) else { throw KontorError.notFound(entity: "customer", id: original.id) }
            mode = .form(CustomerEditor(editing: fresh), returnTo: back.map { _ in fresh })
        case let .contactForm(editor, detail):
            guard let original = editor.original else { return }
            guard let fresh = try repository.contacts(of: detail.customer.id).first(where: { $0.id == original.id }) else {
                throw KontorError.notFound(entity: "contact", id: original.id)
            }
            mode = .contactForm(ContactEditor(customer: detail.customer, editing: fresh), detail: detail)
        default:
            break
        }
    }


    // MARK: Drawing

    func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        switch mode {
        case .list:
            return drawList(in: rect, grid: &grid, theme: theme)
        case var .detail(detail):
            detail.draw(in: rect, grid: &grid, theme: theme)
            mode = .detail(detail)
            return nil
        case .form(var editor, let back):
            let cursor = editor.form.draw(in: rect, grid: &grid, theme: theme)
            mode = .form(editor, returnTo: back)
            return cursor
        case .contactForm(var editor, let detail):
            let cursor = editor.form.draw(in: rect, grid: &grid, theme: theme)
            mode = .contactForm(editor, detail: detail)
            return cursor
        case let .ownerPicker(picker, detail):
            var behind = detail
            behind.draw(in: rect, grid: &grid, theme: theme)
            return picker.draw(in: rect, grid: &grid, theme: theme)
        case let .confirm(dialog, pending):
            switch pending {
            case let .discard(editor, _), let .duplicate(editor, _):
                var form = editor.form
                _ = form.draw(in: rect, grid: &grid, theme: theme)
            case let .discardContact(editor, _):
                var form = editor.form
                _ = form.draw(in: rect, grid: &grid, theme: theme)
            case let .archive(_, back):
                if var back { back.draw(in: rect, grid: &grid, theme: theme) } else { _ = drawList(in: rect, grid: &grid, theme: theme) }
            }
            dialog.draw(in: rect, grid: &grid, theme: theme)
            return nil
        }
    }
}
