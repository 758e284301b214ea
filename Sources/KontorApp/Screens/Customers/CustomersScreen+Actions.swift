import KontorModel
import KontorLocale
import KontorUI

/// What the keys of the Customers screen do: on the list, and on a
/// customer (from the list or its 360° view). Every change needs the front
/// office's permission; the model checks again, the key only says first.
extension CustomersScreen {
    /// `n`: a new customer; also `:new customer` from anywhere.
    var newAction: Action {
        Action("customer.new", [.char("n")], "new", help: "New customer", group: "Customers") { [unowned self] _ in
            try session.require(.writeFrontOffice)
            openCustomerForm(CustomerEditor(editing: nil))
        }.requires(.writeFrontOffice, of: session)
    }

    var createAction: Action? { newAction }

    var actions: [Action] {
        if let top = stack.top { return top.actions }
        if panel.isFiltering { return panel.filterActions }
        let empty = panel.list.isEmpty
        var keys: [Action] = []
        if !empty {
            keys.append(Action("customer.open", [.enter], "open", help: "Open the highlighted customer", group: "Customers") { [unowned self] _ in
                if let row = panel.selected, let customer = try repository.find(id: row.id) { try openDetail(customer) }
            })
        }
        keys += panel.listActions(group: "Customers")
        keys.append(newAction)
        if !empty, let row = panel.selected {
            // Nothing to edit or archive in an empty list.
            keys += recordActions(for: row, inList: true)
        }
        let archived = query.archived
        keys.append(Action("list.archived", [.char("A")], archived ? tr("active") : tr("archived"),
                           help: archived ? tr("Show active customers") : tr("Show archived customers"), group: "Customers") { [unowned self] _ in
            var next = query
            next.archived.toggle()
            try panel.setQuery(next)
        })
        keys.append(.export(.customers, session: session, group: "Customers",
                            what: "the list as shown") { [unowned self] in .customers(query) })
        keys.append(ImportFlow.action(.customers, session: session, group: "Customers") { [unowned self] _ in
            forgetFigures()
            try panel.reload()
        }(stack))
        return keys + panel.movementActions
    }

    /// Edit and archive for the highlighted row of the list.
    private func recordActions(for row: CustomerSummary, inList: Bool) -> [Action] {
        let archived = query.archived
        return [
            Action("customer.edit", [.char("e")], "edit", help: "Edit the highlighted customer", group: "Customers") { [unowned self] _ in
                try session.require(.writeFrontOffice)
                if let customer = try current() { openCustomerForm(CustomerEditor(editing: customer)) }
            }.requires(.writeFrontOffice, of: session),
            Action("customer.archive", [.char("a")], archived ? tr("restore") : tr("archive"),
                   help: archived ? tr("Restore the highlighted customer to the active list") : tr("Archive the highlighted customer (keeps its history)"),
                   group: "Customers") { [unowned self] _ in
                try session.require(.writeFrontOffice)
                if let customer = try current() { confirmArchive(customer) }
            }.requires(.writeFrontOffice, of: session),
        ]
    }

    /// The keys of an open customer: edit, contacts, owner, archive.
    func recordActions(for customer: Customer) -> [Action] {
        [
            Action("customer.edit", [.char("e")], "edit", help: "Edit this customer", group: "Customer") { [unowned self] _ in
                try session.require(.writeFrontOffice)
                if let customer = try current() { openCustomerForm(CustomerEditor(editing: customer)) }
            }.requires(.writeFrontOffice, of: session),
            Action("contact.new", [.char("c")], "add contact", help: "Add a contact person", group: "Customer") { [unowned self] _ in
                try session.require(.writeFrontOffice)
                if let detail { openContactForm(ContactEditor(customer: detail.customer, editing: nil), detail: detail) }
            }.requires(.writeFrontOffice, of: session),
            Action("customer.owner", [.char("o")], "owner", help: "Choose who looks after this customer", group: "Customer") { [unowned self] _ in
                try session.require(.writeFrontOffice)
                if let detail { chooseOwner(detail) }
            }.requires(.writeFrontOffice, of: session),
            Action("customer.archive", [.char("a")], customer.archived ? tr("restore") : tr("archive"),
                   help: customer.archived ? tr("Restore this customer") : tr("Archive this customer"), group: "Customer") { [unowned self] _ in
                try session.require(.writeFrontOffice)
                if let customer = try current() { confirmArchive(customer) }
            }.requires(.writeFrontOffice, of: session),
            paymentPlanAction(for: customer),
            dunningFeeAction(for: customer),
        ]
    }

    /// The customer the next action applies to: the one open, or the highlighted one.
    private func current() throws -> Customer? {
        if let shown = detail { return shown.customer }
        guard let row = panel.selected else { return nil }
        return try repository.find(id: row.id)
    }

    /// `]` and `[` in the 360° view: the next or previous customer of the list.
    func step(from shown: CustomerDetail, by delta: Int) throws {
        // If the record shown left the list (archived), the list's cursor
        // already sits on its successor: show that one.
        let stillListed = panel.selected?.id == shown.customer.id
        if stillListed || delta < 0 { try panel.list.move(by: delta) }
        guard let row = panel.selected, let customer = try repository.find(id: row.id) else { return }
        stack.replace(shown, with: try CustomerDetail(customer, screen: self))
    }

    // MARK: Archive, owner

    private func confirmArchive(_ customer: Customer) {
        let restoring = customer.archived
        // What is still open stays open: said before, as a colleague's deactivation says it.
        var open: [String] = []
        // Money still owed too: archiving settles nothing, and the dunning run still writes.
        if !restoring, let overview = try? CustomerOverview(customer, session: session),
           overview.openTicketCount + overview.openDeals.count > 0 || overview.balance.openCents != 0 {
            open = [tr("This stays as it is: {0}.", overview.summary.text)]
        }
        stack.push(Ask(restoring ? tr("Restore customer") : tr("Archive customer"),
                       restoring
                           ? [tr("Restore {0} to the active list?", customer.name)]
                           : [tr("Archive {0}?", customer.name), tr("It leaves the active list; its history stays.")] + open
                              + [tr("To restore it: A (archived customers), then a.")],
                       [Ask.Answer(.char("y"), restoring ? tr("restore") : tr("archive")) { [unowned self] host in
                           let saved = try repository.setArchived(id: customer.id, !customer.archived, expectedVersion: customer.version, by: session)
                           forgetFigures()
                           try detail?.reload()
                           try panel.reload()
                           host.show(saved.archived ? tr("{0} archived", saved.name) : tr("{0} restored", saved.name), isError: false)
                           host.offerUndo(.archiving(from: customer, to: saved))
                       }, Ask.Answer(.char("n"), tr("keep as is"))]))
    }

    private func chooseOwner(_ detail: CustomerDetail) {
        stack.push(PickerLayer(Pickers.staff(session, title: tr("Owner of {0}", detail.customer.name))) { [unowned self] item, host in
            var fields = detail.customer.fields
            fields.ownerID = item.id
            let saved = try repository.update(id: detail.customer.id, fields, expectedVersion: detail.customer.version, by: session)
            try detail.reload()
            host.show(tr("{0} is looked after by {1}", saved.name, item.cells.first ?? ""), isError: false)
        })
    }
}
