import KontorModel
import KontorUI

/// What the Invoices screen does once a question is answered or a form is
/// saved: each a call to the model, whose refusals come back as messages,
/// banners or errors beside the fields.
extension InvoicesScreen {
    // MARK: Questions

    func confirm(_ title: String, _ message: [String], yes: String, no: String, _ pending: Pending) {
        let dialog = Dialog(title: title, message: message,
                            choices: [.init(.char("y"), yes, id: "yes"), .init(.char("n"), no, id: "no")], cancelID: "no")
        mode = .confirm(dialog, pending, back: mode)
    }

    func confirmIssue(_ shown: InvoiceDetail) {
        let gross = Money.format(cents: shown.totals.grossCents)
        confirm("Issue invoice", [
            "Issue \(shown.name) to \(shown.customerName) over \(gross) \(shown.invoice.currency)?",
            "It gets the next invoice number and cannot be changed afterwards:",
            "a mistake is then corrected only by a credit note. Its products leave stock.",
        ], yes: "issue", no: "keep draft", .issue(shown.invoice))
    }

    func confirmCancel(_ shown: InvoiceDetail) {
        let gross = Money.format(cents: -shown.invoice.grossCents)
        confirm("Cancel by credit note", [
            "Cancel \(shown.name) of \(shown.customerName)?",
            "A credit note over \(gross) \(shown.invoice.currency) is issued with its own number,",
            "its products return to stock. This cannot be undone.",
        ] + (shown.invoice.paidCents > 0
            ? ["\(Money.format(cents: shown.invoice.paidCents)) \(shown.invoice.currency) were paid on it: the customer is owed that back (a refund or a credit)."]
            : []), yes: "cancel by credit note", no: "keep", .cancel(shown.invoice))
    }

    func answer(_ choice: String, host: ScreenHost) throws {
        guard case let .confirm(_, pending, back) = mode else { return }
        // Any answer but yes goes back to what was there (the form, for a discard).
        mode = back
        guard choice == "yes" else { return }
        switch pending {
        case let .issue(invoice):
            do {
                let issued = try repository.issue(invoice.id, expectedVersion: invoice.version, by: session)
                try refreshAfterChange(issued.id)
                host.show("Issued invoice \(issued.number ?? "") — it can no longer be changed; X cancels it by credit note", isError: false)
            } catch let KontorError.conflict(_, _, who, when) {
                try refreshAfterChange(invoice.id)
                host.show("\(who) changed this draft at \(Format.shortTime(when)); check it and issue again", isError: true)
            } catch let error as KontorError {
                var text = error.description
                if text.contains("company settings"), isAdmin { text += " (S opens them)" }
                host.show(text, isError: true)
            }
        case let .cancel(invoice):
            do {
                let note = try repository.cancel(invoice.id, expectedVersion: invoice.version, by: session)
                try refreshAfterChange(invoice.id)
                host.show("Cancelled \(invoice.number ?? "") by credit note \(note.number ?? "") (o opens it)", isError: false)
            } catch let KontorError.conflict(_, _, who, when) {
                try refreshAfterChange(invoice.id)
                host.show("\(who) changed this invoice at \(Format.shortTime(when)); look again before cancelling", isError: true)
            }
        case let .removeLine(invoice, line):
            do {
                try repository.removeLine(line.id, expectedVersion: invoice.version, by: session)
                try refreshAfterChange(invoice.id)
                host.show("Removed line \(line.position), \(line.description)", isError: false)
            } catch let KontorError.conflict(_, _, who, when) {
                try refreshAfterChange(invoice.id)
                host.show("\(who) changed this draft at \(Format.shortTime(when)); nothing removed, look again", isError: true)
            }
        case let .deleteDraft(invoice):
            try repository.deleteDraft(invoice.id, expectedVersion: invoice.version, by: session)
            detail = nil
            mode = .list
            prepared = nil
            try list.reload()
            host.show("Deleted draft #\(invoice.id)", isError: false)
        case .discard:
            // Discarding closes the form the dialog was over.
            if case let .settingsForm(_, fromDetail) = back, !fromDetail { mode = .list } else { mode = detail == nil ? .list : .detail }
        }
    }

    /// After a change: the record read again, the list and its totals too.
    func refreshAfterChange(_ id: Int64) throws {
        if let shown = detail, shown.invoice.id == id {
            detail = try shown.reloaded(session: session)
        } else {
            detail = try InvoiceDetail.load(id, session: session)
        }
        prepared = nil
        try list.reload()
        preview = nil
    }

    // MARK: Forms

    func saveForm(_ host: ScreenHost) throws {
        switch mode {
        case var .lineForm(editor):
            do {
                let input = try editor.fields.input()
                let saved: Invoice
                if let line = editor.line {
                    saved = try repository.updateLine(line.id, input, expectedVersion: editor.invoice.version, by: session)
                } else {
                    saved = try repository.addLine(to: editor.invoice.id, input, expectedVersion: editor.invoice.version, by: session)
                }
                try refreshAfterChange(saved.id)
                if var shown = detail {
                    shown.lineCursor = editor.line.flatMap { line in shown.lines.firstIndex { $0.id == line.id } } ?? max(0, shown.lines.count - 1)
                    detail = shown
                }
                mode = .detail
                host.show("Line saved · gross now \(Money.format(cents: saved.grossCents)) \(saved.currency)", isError: false)
            } catch let KontorError.invalid(failure) {
                editor.show(failure)
                mode = .lineForm(editor)
            } catch let KontorError.conflict(_, _, who, when) {
                editor.conflict = true
                editor.form.banner = "\(who) changed this draft at \(Format.shortTime(when)); Ctrl-R loads it (a new line keeps your typing)"
                mode = .lineForm(editor)
            } catch let error as KontorError {
                editor.form.banner = error.description
                mode = .lineForm(editor)
            }
        case var .paymentForm(editor):
            do {
                let payment = try editor.fields.input()
                let paid = try repository.recordPayment(to: editor.invoice.id, amountCents: payment.amountCents, paidOn: payment.paidOn,
                                                        method: payment.method, reference: payment.reference, by: session)
                try refreshAfterChange(paid.id)
                mode = .detail
                let amount = Money.format(cents: payment.amountCents)
                host.show(paid.status == .paid
                          ? "Payment of \(amount) recorded: \(paid.number ?? "") is paid in full"
                          : "Payment of \(amount) recorded · balance \(Money.format(cents: paid.balanceCents)) \(paid.currency)", isError: false)
            } catch let KontorError.invalid(failure) {
                editor.show(failure)
                mode = .paymentForm(editor)
            } catch let error as KontorError {
                editor.form.banner = error.description
                mode = .paymentForm(editor)
            }
        case .settingsForm(var editor, let fromDetail):
            do {
                try session.saveSettings(try editor.settings(), expected: editor.revision)
                mode = fromDetail && detail != nil ? .detail : .list
                if let shown = detail { detail = try shown.reloaded(session: session) }
                preview = nil
                host.show("Company settings saved", isError: false)
            } catch let KontorError.invalid(failure) {
                editor.show(failure)
                mode = .settingsForm(editor, fromDetail: fromDetail)
            } catch let KontorError.conflict(_, _, who, when) {
                editor.conflict = true
                editor.form.banner = "\(who) saved the settings at \(Format.shortTime(when)); Ctrl-R loads their version"
                mode = .settingsForm(editor, fromDetail: fromDetail)
            } catch let error as KontorError {
                editor.form.banner = error.description
                mode = .settingsForm(editor, fromDetail: fromDetail)
            }
        default:
            break
        }
    }

    func reloadForm(_ host: ScreenHost) throws {
        switch mode {
        case let .lineForm(editor):
            guard let fresh = try detail?.reloaded(session: session) ?? InvoiceDetail.load(editor.invoice.id, session: session) else {
                throw KontorError.notFound(entity: "invoice", id: editor.invoice.id)
            }
            detail = fresh
            guard fresh.isDraft else {
                mode = .detail
                return host.show("\(fresh.name) is no longer a draft: it was issued meanwhile", isError: true)
            }
            if let line = editor.line {
                guard let theirs = fresh.lines.first(where: { $0.id == line.id }) else {
                    mode = .detail
                    return host.show("Line \(line.position) was removed meanwhile", isError: true)
                }
                mode = .lineForm(LineEditor(invoice: fresh.invoice, lines: fresh.lines, editing: theirs, fields: InvoiceLineFields(theirs),
                                            productLabel: try productLabel(theirs.productID)))
            } else {
                var rebased = LineEditor(invoice: fresh.invoice, lines: fresh.lines, editing: nil, fields: editor.fields, productLabel: editor.productLabel)
                rebased.form.focus = editor.form.focus
                mode = .lineForm(rebased)
            }
        case let .settingsForm(_, fromDetail):
            try openSettings(fromDetail: fromDetail)
        default:
            break
        }
    }

    func openSettings(fromDetail: Bool? = nil) throws {
        // Asked of the model first, so a refusal reads the same everywhere.
        try session.require(.editSettings)
        let back: Bool
        if let fromDetail { back = fromDetail } else if case .detail = mode { back = true } else { back = false }
        mode = .settingsForm(SettingsEditor(settings: try session.settings(), revision: try session.settingsRevision()), fromDetail: back)
    }

    func cancelForm() {
        let back: Mode
        if case let .settingsForm(_, fromDetail) = mode, !fromDetail { back = .list } else { back = detail == nil ? .list : .detail }
        if Self.isDirty(mode) {
            confirm("Discard changes", ["This form has changes that are not saved.", "Close it and lose them?"], yes: "discard", no: "keep editing", .discard)
        } else {
            mode = back
        }
    }

    // MARK: Printing

    func printInvoice(_ host: ScreenHost) throws {
        let id: Int64
        if case .detail = mode, let shown = detail { id = shown.invoice.id } else if let row = list.selected { id = row.id } else { return }
        let document = try repository.document(for: id)
        let path = try InvoicePrinter.write(document, to: printFolder)
        host.show("Printed to \(path)", isError: false)
    }
}
