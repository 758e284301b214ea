import Foundation
import KontorEInvoice
import KontorLocale
import KontorModel
import KontorText
import KontorUI

/// The keys of the invoice list, and the questions asked before what
/// cannot be taken back: each answer a call to the model, whose refusals
/// come back as messages.
extension InvoicesScreen {
    /// `n`: a new draft; also `:new invoice` from anywhere.
    var newAction: Action {
        Action("invoice.new", [.char("n")], "new draft", help: "New draft invoice: choose the customer", group: "Invoices") { [unowned self] _ in
            pickNewDraftCustomer()
        }.requires(.writeBackOffice, of: session)
    }

    var createAction: Action? { newAction }

    var actions: [Action] {
        if let top = stack.top { return top.actions }
        if filter != nil { return filterActions }
        var keys: [Action] = []
        if !list.isEmpty {
            keys.append(Action("invoice.open", [.enter], "open", help: "Open the highlighted invoice", group: "Invoices") { [unowned self] _ in
                if let row = list.selected { try open(row.id) }
            })
        }
        keys.append(Action("list.filter", [.char("/")], "filter", help: "Filter as you type: invoice number (or its serial, 42) and customer",
                           group: "Invoices") { [unowned self] _ in filter = TextInput(query.text) })
        if !query.text.isEmpty {
            keys.append(Action("filter.clear", [.escape], "clear filter", help: "Clear the filter", group: "Invoices") { [unowned self] _ in
                try clearFilter()
            })
        }
        keys += [
            // After the quick views, the person's saved views, if any.
            Action("view.next", [.char("v")], "view", help: "Next quick view: all, drafts, open, overdue, paid, cancelled, credit notes",
                   group: "Invoices") { [unowned self] _ in try go(to: nextStop) },
            Action("view.previous", [.char("V")], "previous view", help: "Previous quick view", group: "Invoices", inFooter: false) {
                [unowned self] _ in try turnView(by: InvoiceView.allCases.count - 1)
            },
            newAction,
            overdueDaysAction,
            .export(.invoices, session: session, group: "Invoices",
                    what: "the list as shown") { [unowned self] in .invoices(query) },
        ]
        if !list.isEmpty {
            keys.append(Action("invoice.print", [.char("p")], "print", help: "Write the highlighted invoice as a text file and a PDF beside the database",
                               group: "Invoices") { [unowned self] host in
                if let row = list.selected { try printInvoice(row.id, host) }
            })
            keys.append(Action("invoice.einvoice", [.char("x")], "e-invoice",
                               help: "Write the highlighted invoice as an XRechnung e-invoice (UBL XML) beside the database",
                               group: "Invoices", inFooter: false) { [unowned self] host in
                if let row = list.selected { try writeEInvoice(row.id, host) }
            })
        }
        if let row = list.selected, row.number != nil {
            keys.append(mailAction(row.id, inFooter: false))
        }
        keys += bankActions
        keys.append(dunningAction)
        keys.append(openItemsAction)
        keys.append(settingsAction)
        keys.append(mailSettingsAction)
        return keys + ListKeys.actions { [unowned self] in try $0.apply(to: list) }
            + choiceActions(group: "Order and columns") + savedViewActions(group: "Order and columns")
    }

    private var filterActions: [Action] {
        [
            Action("filter.done", [.enter], "keep filter",
                   help: "Stop typing, keep the filter; on a whole number (2026-00042, or its serial 42) the highlight goes to that invoice",
                   group: "Filter") { [unowned self] _ in
                let typed = filter?.text ?? ""
                filter = nil
                // Typed to find one invoice: at a million customers "42"
                // also matches thousands of others' invoices, listed before it.
                if let named = try repository.document(numbered: typed), try repository.isInView(named.id, query) {
                    try list.show(named)
                    preview = nil
                }
            },
            Action("filter.clear", [.escape], "clear", help: "Clear the filter", group: "Filter") { [unowned self] _ in try clearFilter() },
            Action("list.down", [.down], "down", help: "Next row", group: "Filter", inFooter: false) { [unowned self] _ in try list.move(by: 1) },
            Action("list.up", [.up], "up", help: "Previous row", group: "Filter", inFooter: false) { [unowned self] _ in try list.move(by: -1) },
        ] + Form.bindings.filter { $0.group == "Editing" }.map(Action.passingThrough)
    }

    /// `S`, on the list and on a record: the company data on every invoice.
    var settingsAction: Action {
        Action("settings.open", [.char("S")], "settings", help: "Company settings: the data printed on invoices, dunning terms, DATEV", group: "Invoices") { [unowned self] _ in
            try openSettings()
        }.requires(.editSettings, of: session)
    }

    private func clearFilter() throws {
        filter = nil
        let keep = list.selected
        var cleared = query
        cleared.text = ""
        try setQuery(cleared)
        if let keep { try list.show(keep) }
    }

    /// `A` in the overdue view: more than 30, 60, 90 days past due, then
    /// every overdue invoice again; the title says which, the totals follow.
    private var overdueDaysAction: Action {
        let steps = InvoiceQuery.overdueSteps
        let next = steps[((steps.firstIndex(of: query.overdueDays) ?? 0) + 1) % steps.count]
        return Action("invoice.overdueDays", [.char("A")], next == 0 ? tr("every overdue") : tr("> {0} days", next),
                      help: "Overdue view: only invoices more than 30, 60, 90 days past due, then every overdue one again",
                      group: "Invoices", inFooter: query.view == .overdue) { [unowned self] _ in
            var older = query
            older.overdueDays = next
            try setQuery(older)
        }.disabled(if: query.view != .overdue, tr("Only in the overdue view; v walks the views"))
    }

    private func turnView(by step: Int) throws {
        let views = InvoiceView.allCases
        let index = views.firstIndex(of: query.view) ?? 0
        var turned = query
        turned.view = views[(index + step) % views.count]
        try setQuery(turned)
    }

    // MARK: Questions

    func askIssue(_ shown: InvoiceDetail) throws {
        let gross = Money.format(cents: shown.totals.grossCents)
        let invoice = shown.invoice
        let shortages = try repository.stockShortages(of: invoice.id)
        // One sentence to a line: the dialog wraps each on its own.
        let issuing = Ask.Answer(.char("y"), Self.issueWord) { [unowned self] host in
            do {
                let issued = try repository.issue(invoice.id, expectedVersion: invoice.version, by: session)
                try refreshAfterChange(issued.id)
                host.show(tr("Issued invoice {0} — it can no longer be changed; X cancels it by credit note", issued.number ?? ""), isError: false)
            } catch let KontorError.conflict(_, _, who, when) {
                try refreshAfterChange(invoice.id)
                host.show(tr("{0} changed this draft at {1}; check it and issue again", host.nameOfSaver(who), Format.shortTime(when)), isError: true)
            } catch let error as KontorError {
                var text = error.description
                if text.contains("company settings"), session.may(.editSettings) { text += " " + tr("(S opens them)") }
                host.show(text, isError: true)
            }
        }
        // Not offered while the lines lack stock: it would only be refused.
        stack.push(Ask(tr("Issue invoice"), [
            tr("Issue {0} to {1} over {2} {3}?", shown.name, shown.customerName, gross, invoice.currency),
            tr("It gets the next invoice number and cannot be changed afterwards: a mistake is then corrected only by a credit note. Its products leave stock."),
            tr("Supplied on another day, over a period, or against an order number? d sets them first."),
        ] + stockLines(shortages) + skontoLines(invoice) + eInvoiceLines(invoice),
        (shortages.isEmpty ? [issuing] : []) + [Ask.Answer(.char("d"), tr("dates, order reference, Skonto")) { [unowned self] _ in
            openIssueForm(invoice)
        }, Ask.Answer(.char("n"), tr("keep draft"))]))
    }

    /// What an e-invoice (XRechnung) of it would lack that the customer's
    /// record gives: said before issuing, since the buyer's data are frozen
    /// with the invoice and can no longer be added to its e-invoice.
    private func eInvoiceLines(_ invoice: Invoice) -> [String] {
        // A private person is not sent e-invoices (B2B only).
        guard let customer = try? session.database.customers.find(id: invoice.customerID), customer.fields.kind != .person else { return [] }
        var missing: [String] = []
        if customer.fields.buyerReference.trimmingCharacters(in: .whitespaces).isEmpty {
            missing.append(tr("a buyer reference (a Leitweg-ID, or the order reference d takes)"))
        }
        if customer.fields.email.trimmingCharacters(in: .whitespaces).isEmpty { missing.append(tr("the customer's e-mail address")) }
        guard !missing.isEmpty else { return [] }
        return ["⚠ " + tr("As an XRechnung it would lack {0}; that matters only if the customer takes e-invoices.", missing.joined(separator: tr(" and ")))]
    }

    /// Products the lines need more of than is on hand, said before `y`
    /// is pressed: issuing would be refused, and a goods receipt (or the
    /// lines) changed first.
    private func stockLines(_ shortages: [StockShortage]) -> [String] {
        shortages.map { "⚠ " + tr("not enough stock of {0} {1}: {2} on hand, {3} needed", $0.sku, $0.name, $0.onHand, $0.needed) }
            + (shortages.isEmpty ? [] : [tr("It cannot be issued until there is: receive the goods first, or change the lines.")])
    }

    /// What the issue question says of Skonto: the company's usual terms,
    /// or why this customer is not offered them.
    private func skontoLines(_ invoice: Invoice) -> [String] {
        guard let offer = try? repository.usualSkonto(for: invoice), let usual = offer.usual else { return [] }
        guard offer.terms != nil else {
            return [offer.paymentDays == 0
                    ? tr("The usual {0} % Skonto within {1} days is left out: the customer pays at once; d sets one.", usual.percentText, usual.days)
                    : tr("The usual {0} % Skonto within {1} days is left out: the customer pays within {2} days; d sets one.",
                         usual.percentText, usual.days, offer.paymentDays)]
        }
        return [tr("It offers {0} % Skonto within {1} days; d changes that too.", usual.percentText, usual.days)]
    }

    /// Issues with the date of supply, a service period or an order
    /// reference typed in; a refusal shows beside the field it names.
    func openIssueForm(_ invoice: Invoice) {
        let usual = (try? repository.usualSkonto(for: invoice))?.terms
        // Asked once per form: a date in a year that is over.
        var pastYearConfirmed = false
        let form = FormLayer(IssueEditor(invoice: invoice, usualSkonto: usual), noun: tr("this draft")) { [unowned self] layer, host in
            var typed = try layer.editor.values()
            // The delivery date left as it opened (today) follows a changed
            // invoice date: delivered after the invoice was written reads
            // as a mistake on the printed invoice.
            let delivery = IssueEditor.Field.deliveryDate.rawValue
            if layer.editor.form.value(delivery) == layer.editor.form.openingValue(delivery) { typed.deliveryDate = typed.issueDate }
            let thisYear = CalendarDate.today().prefix(4)
            if typed.issueDate.prefix(4) < thisYear, !pastYearConfirmed {
                let year = String(typed.issueDate.prefix(4))
                stack.push(Ask(tr("Issue in {0}?", year), [
                    tr("The invoice is dated {0}, in a year that is over.", CalendarDate.german(typed.issueDate)),
                    tr("It takes the next number of {0}'s series and counts in {0}'s books and VAT returns.", year),
                    tr("An invoice bears the day it is written; date it today unless it was written then."),
                ], [Ask.Answer(.char("y"), tr("issue dated {0}", CalendarDate.german(typed.issueDate))) { host in
                    pastYearConfirmed = true
                    layer.submit(host)
                }, Ask.Answer(.char("n"), tr("back to the form"))]))
                return
            }
            let issued = try repository.issue(invoice.id, issueDate: typed.issueDate, deliveryDate: typed.deliveryDate, period: typed.period,
                                              orderReference: typed.orderReference, skonto: typed.skonto,
                                              expectedVersion: invoice.version, by: session)
            layer.close()
            try refreshAfterChange(issued.id)
            host.show(tr("Issued invoice {0} — it can no longer be changed; X cancels it by credit note", issued.number ?? ""), isError: false)
        }
        // Ctrl-S issues for good: said so in the footer and the help, not "save".
        form.saveWords = (Self.issueWord, tr("Issue the invoice with what is typed here: it gets its number and cannot be changed afterwards"))
        stack.push(form)
    }

    func askCancel(_ shown: InvoiceDetail) {
        let invoice = shown.invoice
        let gross = Money.format(cents: -invoice.grossCents)
        // Money that moved: Skonto counts as paid on the invoice but was never received.
        let received = shown.payments.filter { $0.kind == .payment || $0.kind == .refund }.reduce(0) { $0 + $1.amountCents }
        stack.push(Ask(tr("Cancel by credit note"), [
            tr("Cancel {0} of {1}?", shown.name, shown.customerName),
            tr("A credit note over {0} {1} is issued with its own number,", gross, invoice.currency),
            tr("its products return to stock. This cannot be undone."),
        ] + (received > 0
            ? [tr("{0} {1} were paid on it: the credit note shows that as owed back, R on it records the refund.", Money.format(cents: received), invoice.currency)]
            : []) + (shown.dealTitle.map { [tr("The deal “{0}” becomes won and not invoiced: it can be invoiced again or reopened.", $0)] } ?? []),
            [Ask.Answer(.char("y"), tr("cancel by credit note")) { [unowned self] host in
            do {
                let note = try repository.cancel(invoice.id, expectedVersion: invoice.version, by: session)
                try refreshAfterChange(invoice.id)
                let owed = note.owedToCustomerCents > 0
                    ? " · " + tr("the customer is owed {0} {1} back", Money.format(cents: note.owedToCustomerCents), note.currency) : ""
                host.show(tr("Cancelled {0} by credit note {1} (o opens it)", invoice.number ?? "", note.number ?? "") + owed, isError: false)
            } catch let KontorError.conflict(_, _, who, when) {
                try refreshAfterChange(invoice.id)
                host.show(tr("{0} changed this invoice at {1}; look again before cancelling", host.nameOfSaver(who), Format.shortTime(when)), isError: true)
            }
        }, Ask.Answer(.char("n"), tr("keep"))]))
    }

    func askRemove(_ line: InvoiceLine, of invoice: Invoice) {
        stack.push(Ask(tr("Remove line"), [tr("Remove line {0}, {1}?", line.position, line.description)], [Ask.Answer(.char("y"), tr("remove")) { [unowned self] host in
            do {
                try repository.removeLine(line.id, expectedVersion: invoice.version, by: session)
                try refreshAfterChange(invoice.id)
                host.show(tr("Removed line {0}, {1}", line.position, line.description), isError: false)
            } catch let KontorError.conflict(_, _, who, when) {
                try refreshAfterChange(invoice.id)
                host.show(tr("{0} changed this draft at {1}; nothing removed, look again", host.nameOfSaver(who), Format.shortTime(when)), isError: true)
            }
        }, Ask.Answer(.char("n"), tr("keep"))]))
    }

    func askDelete(_ shown: InvoiceDetail) {
        let invoice = shown.invoice
        stack.push(Ask(tr("Delete draft"), [tr("Delete {0} for {1}?", shown.name, shown.customerName), tr("A draft has no number yet, so no number goes missing.")],
                       [Ask.Answer(.char("y"), tr("delete")) { [unowned self] host in
                           try repository.deleteDraft(invoice.id, expectedVersion: invoice.version, by: session)
                           stack.removeAll()
                           try refreshList()
                           host.show(tr("Deleted draft #{0}", invoice.id), isError: false)
                       }, Ask.Answer(.char("n"), tr("keep"))]))
    }

    /// The list and its totals read again.
    func refreshList() throws {
        forgetPrepared()
        try list.reload()
    }

    // MARK: Mail

    /// `m`: an issued invoice or credit note to the customer by mail.
    func mailAction(_ id: Int64, inFooter: Bool = true) -> Action {
        Action("invoice.mail", [.char("m")], "mail", help: "Send by mail to the customer's billing address, with the PDF and the XRechnung attached",
               group: "Invoices", inFooter: inFooter) { [unowned self] host in try askMail(id, host) }
            .requires(.writeBackOffice, of: session)
    }

    /// Says to whom and with which files before anything is queued; an
    /// e-invoice that cannot be made is said, and the PDF offered alone.
    func askMail(_ id: Int64, _ host: ScreenHost) throws {
        let plan = try repository.mailPlan(for: id)
        let files = try InvoiceMailing.files(for: id, plan: plan, from: repository)
        var lines = [tr("Send {0} to {1}?", plan.number, plan.to), tr("Attached: {0}", files.attachments.map(\.fileName).joined(separator: ", "))]
        if let problem = files.eInvoiceProblem {
            lines += [tr("The e-invoice cannot be made: {0}", problem), tr("y sends the PDF alone.")]
        }
        if let earlier = try session.database.mail.entries(ofInvoice: id).last {
            lines.append(tr("Before: {0}", MailWording.report(earlier.report)))
        }
        stack.push(Ask(tr("Send by mail"), lines, [Ask.Answer(.char("y"), tr("send")) { [unowned self] host in
            let entry = try repository.enqueueMail(id, attachments: files.attachments, by: session)
            try refreshAfterChange(id)
            host.show(tr("{0} queued for {1}: it is sent in the background", plan.number, entry.recipients), isError: false)
        }, Ask.Answer(.char("n"), tr("don't send"))]))
    }

    // MARK: Printing

    /// Writes the XRechnung e-invoice (UBL) of an issued invoice or credit
    /// note into the print folder; a document that would break a rule is
    /// refused with the rule's id and meaning, and nothing is written.
    func writeEInvoice(_ id: Int64, _ host: ScreenHost) throws {
        let source = try repository.eInvoiceSource(id: id)
        let data = try EInvoiceExport.document(source, syntax: .ubl)
        let folder = URL(fileURLWithPath: printFolder)
        try MadeFilesFolder.create(folder.path)
        let url = folder.appendingPathComponent(EInvoiceExport.fileName(source.invoice.number!, syntax: .ubl))
        try MadeFilesFolder.write(data, to: url.path)
        let database = session.database
        host.show(VisibleText.clean(database.withFetch(tr("E-invoice (XRechnung, UBL) written to {0}", database.shownPath(url.path)), url.path)), isError: false)
    }

    /// Writes the text print and the PDF of the invoice into the print folder.
    func printInvoice(_ id: Int64, _ host: ScreenHost) throws {
        let paths = try InvoicePrinter.print(id, from: repository, to: printFolder)
        let database = session.database
        let said = paths.count > 1 ? tr("Printed to {0} and {1}", database.shownPath(paths[0]), URL(fileURLWithPath: paths[1]).lastPathComponent)
                                   : tr("Printed to {0}", database.shownPath(paths[0]))
        // The PDF is what is fetched, where there are both.
        host.show(VisibleText.clean(database.withFetch(said, paths.last!)), isError: false)
    }
}
