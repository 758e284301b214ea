import KontorModel
import KontorLocale
import KontorUI

/// The customer and contact forms: both are `FormLayer`s, so the model's
/// verdict, someone else's save (Ctrl-R) and "discard changes?" work as in
/// every form. A new customer that looks like existing ones asks first.
extension CustomersScreen {
    func openCustomerForm(_ editor: CustomerEditor) {
        let reload: ((CustomerEditor) throws -> CustomerEditor)? = editor.original.map { original in
            { [unowned self] _ in
                guard let fresh = try repository.find(id: original.id) else { throw KontorError.notFound(entity: "customer", id: original.id) }
                return CustomerEditor(editing: fresh)
            }
        }
        // Set by "save anyway" for the one save it runs.
        var duplicateConfirmed = false
        let layer = FormLayer(editor, noun: tr("this customer"), reload: reload) { [unowned self] layer, host in
            try saveCustomer(layer, host, duplicateConfirmed: duplicateConfirmed) { host in
                duplicateConfirmed = true
                defer { duplicateConfirmed = false }
                layer.submit(host)
            }
        }
        if let original = editor.original, !original.archived {
            // A colleague's archiving is said as that: the form shows no
            // field of it, so "saved this customer" left the person guessing.
            layer.conflictBanner = { [unowned self] who, when in
                (try? repository.find(id: original.id))?.archived == true
                    ? tr("{0} archived this customer at {1}; saving keeps it archived; Ctrl-R: theirs, merge", who, when)
                    : tr("{0} saved {1} at {2}; Ctrl-R: theirs, merge", who, tr("this customer"), when)
            }
        }
        stack.push(layer)
    }

    /// Saves the form; a new customer like existing ones asks first, and
    /// `saveAnyway` is what its "save anyway" does.
    private func saveCustomer(_ layer: FormLayer<CustomerEditor>, _ host: ScreenHost, duplicateConfirmed: Bool,
                              saveAnyway: @escaping (ScreenHost) -> Void) throws {
        let editor = layer.editor
        let saved: Customer
        if let original = editor.original {
            saved = try repository.update(id: original.id, editor.fields, expectedVersion: original.version, by: layer.acting(session))
        } else {
            if !duplicateConfirmed, editor.fields.normalized().validate() == nil {
                let matches = try repository.possibleDuplicates(of: editor.fields)
                if !matches.isEmpty { return askDuplicate(matches, saveAnyway: saveAnyway) }
            }
            saved = try repository.create(editor.fields, by: session)
        }
        forgetFigures() // the count changed
        try showInList(saved)
        // A new customer opens in its 360° view: contacts, tickets and deals come next.
        stack.removeAll()
        try openDetail(saved)
        host.show(editor.original == nil ? tr("Saved {0} · c adds a contact", saved.name) : tr("Saved {0}", saved.name), isError: false)
    }

    /// "Possible duplicate": keep editing, save anyway, or open the one that exists.
    private func askDuplicate(_ matches: [CustomerSummary], saveAnyway: @escaping (ScreenHost) -> Void) {
        let lines = matches.prefix(3).map { m in
            "  " + [m.name, m.city, m.email].filter { !$0.isEmpty }.joined(separator: " · ")
        }
        let keepEditing = Ask.Answer(.char("n"), tr("keep editing"))
        stack.push(Ask(tr("Possible duplicate"),
                       [Wording.count(matches.count, one: "A customer like this exists already:", other: "{0} customers like this exist already:")]
                           + lines + (matches.count > 3 ? ["  …"] : []) + [tr("Save the new one anyway?")],
                       [keepEditing,
                        Ask.Answer(.char("s"), tr("save anyway")) { host in saveAnyway(host) },
                        Ask.Answer(.char("o"), matches.count == 1 ? tr("open it") : tr("open the first")) { [unowned self] _ in
                            guard let first = matches.first, let customer = try repository.find(id: first.id) else { return }
                            // The typed form is given up for the customer that exists.
                            stack.removeAll()
                            try showInList(customer)
                            try openDetail(customer)
                        }],
                       cancel: keepEditing))
    }

    func openContactForm(_ editor: ContactEditor, detail: CustomerDetail) {
        let reload: ((ContactEditor) throws -> ContactEditor)? = editor.original.map { original in
            { [unowned self] _ in
                guard let fresh = try repository.contacts(of: detail.customer.id).first(where: { $0.id == original.id }) else {
                    throw KontorError.notFound(entity: "contact", id: original.id)
                }
                return ContactEditor(customer: detail.customer, editing: fresh)
            }
        }
        stack.push(FormLayer(editor, noun: tr("this contact"), reload: reload) { [unowned self] layer, host in
            let editor = layer.editor
            let fields: ContactFields
            switch editor.fields() {
            case let .success(typed): fields = typed
            case let .failure(failure): throw KontorError.invalid(failure)
            }
            let saved: Contact
            if let original = editor.original {
                saved = try repository.updateContact(id: original.id, fields, expectedVersion: original.version, by: layer.acting(session))
            } else {
                saved = try repository.addContact(to: detail.customer.id, fields, by: session)
            }
            layer.close()
            try detail.reload()
            detail.selected = .contact(saved.id)
            host.show(tr("Saved contact {0}", saved.fields.name), isError: false)
        })
    }
}
