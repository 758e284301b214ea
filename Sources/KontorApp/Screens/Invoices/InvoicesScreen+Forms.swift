import KontorLocale
import KontorModel
import KontorUI

extension LineEditor: FormEditor {}
extension PaymentEditor: FormEditor {}
extension SettingsEditor: FormEditor {}

/// What the Invoices screen asks for on the stack: a customer for a new
/// draft, a product for a line, a line, a payment, the company settings.
/// Each form saves through the model and shows its verdict beside the
/// fields; each picker hands the chosen row to the work it leads to.
extension InvoicesScreen {
    // MARK: Pickers

    func pickNewDraftCustomer() {
        stack.push(PickerLayer(Pickers.customer(session, title: tr("New draft invoice · choose the customer"))) { [unowned self] item, host in
            try createDraft(for: item.id, host)
        })
    }

    /// A new draft begun from a customer's view (who asked first): made
    /// for that customer and opened, as after choosing them here.
    func start(_ work: NewWork, host: ScreenHost) throws -> Bool {
        guard work.kind == .invoice else { return false }
        try session.require(.writeBackOffice)
        stack.removeAll()
        try createDraft(for: work.customerID, host)
        return true
    }

    private func createDraft(for customerID: Int64, _ host: ScreenHost) throws {
        let draft = try repository.createDraft(customerID: customerID, by: session)
        try showInList(draft.id)
        try open(draft.id)
        host.show(tr("Draft created for {0}: a adds a product, t a free-text line", detail?.customerName ?? tr("the customer")), isError: false)
    }

    func pickProductLine(for shown: InvoiceDetail) {
        stack.push(PickerLayer(Pickers.product(session, title: tr("Add a product line"))) { [unowned self] item, _ in
            guard let product = try session.database.products.find(id: item.id) else { return }
            openLineForm(LineEditor(invoice: shown.invoice, lines: shown.lines, allowances: shown.allowances, editing: nil, fields: InvoiceLineFields(product: product),
                                    productLabel: "\(product.fields.sku) · \(product.fields.name)"))
        })
    }

    func productLabel(_ productID: Int64?) throws -> String? {
        guard let productID, let product = try session.database.products.find(id: productID) else { return nil }
        return "\(product.fields.sku) · \(product.fields.name)"
    }

    // MARK: A line of a draft

    func openLineForm(_ editor: LineEditor) {
        var editor = editor
        let invoices = session.database.invoices, invoiceID = editor.invoice.id
        editor.suggest = { productID, unit, rate in try? invoices.suggestedTax(invoiceID: invoiceID, productID: productID, unit: unit, rate: rate) }
        let layer = FormLayer(editor, noun: tr("this draft"), reload: { [unowned self] editor in try rebase(editor) }) { [unowned self] layer, host in
            try saveLine(layer, host)
        }
        layer.conflictBanner = { who, when in tr("{0} changed this draft at {1}; Ctrl-R: theirs, merge", who, when) }
        layer.extraActions = [
            Action("form.product", [.ctrl("p")], "product",
                   help: "Choose a product from inventory: fills description, unit, price and VAT rate", group: "Form") { [unowned self, unowned layer] _ in
                stack.push(PickerLayer(Pickers.product(session, title: tr("Choose the product for this line"))) { [unowned self, unowned layer] item, _ in
                    guard let product = try session.database.products.find(id: item.id) else { return }
                    layer.editor.use(product)
                })
            },
        ]
        stack.push(layer)
    }

    private func saveLine(_ layer: FormLayer<LineEditor>, _ host: ScreenHost) throws {
        let editor = layer.editor
        let input = try editor.fields.input()
        let saved: Invoice
        if let line = editor.line {
            saved = try repository.updateLine(line.id, input, expectedVersion: editor.invoice.version, by: layer.acting(session))
        } else {
            saved = try repository.addLine(to: editor.invoice.id, input, expectedVersion: editor.invoice.version, by: layer.acting(session))
        }
        layer.close()
        try refreshAfterChange(saved.id)
        if let record {
            let lines = record.shown.lines
            record.select(line: editor.line.flatMap { line in lines.firstIndex { $0.id == line.id } } ?? lines.count - 1)
        }
        // Said now, not first when issuing: the stock is checked then.
        if let productID = input.productID, let onHand = try session.database.products.onHandShort(of: productID, for: input.quantity) {
            host.show(tr("Line saved · only {0} on hand: issuing waits until more arrive", onHand), isError: true)
            return
        }
        host.show(tr("Line saved · gross now {0} {1}", Money.format(cents: saved.grossCents), saved.currency), isError: false)
    }

    /// Ctrl-R after a conflict: the line as saved now, or a new line's
    /// typing over the draft as it is now. A draft issued meanwhile, or a
    /// line removed, closes the form and says so.
    private func rebase(_ editor: LineEditor) throws -> LineEditor {
        if let record { try record.reload() } else { try open(editor.invoice.id) }
        guard let fresh = detail else { throw KontorError.notFound(entity: "invoice", id: editor.invoice.id) }
        func giveUp(_ message: String) -> KontorError {
            stack.last(FormLayer<LineEditor>.self)?.close()
            return KontorError.rule(message)
        }
        guard fresh.isDraft else { throw giveUp(tr("{0} is no longer a draft: it was issued meanwhile", fresh.name)) }
        if let line = editor.line {
            guard let theirs = fresh.lines.first(where: { $0.id == line.id }) else { throw giveUp(tr("Line {0} was removed meanwhile", line.position)) }
            return LineEditor(invoice: fresh.invoice, lines: fresh.lines, allowances: fresh.allowances, editing: theirs, fields: InvoiceLineFields(theirs),
                              productLabel: try productLabel(theirs.productID))
        }
        var rebased = LineEditor(invoice: fresh.invoice, lines: fresh.lines, allowances: fresh.allowances, editing: nil, fields: editor.fields, productLabel: editor.productLabel)
        rebased.form.focus = editor.form.focus
        return rebased
    }

    // MARK: A payment

    func openPaymentForm(_ invoice: Invoice) {
        let layer = FormLayer(PaymentEditor(invoice: invoice), noun: tr("this invoice")) { [unowned self] layer, host in
            let payment = try layer.editor.fields.input()
            // Read now: Ctrl-O's overpayment holds only while it submits.
            let overpaying = layer.editor.acceptingOverpayment
            try askIfBeforeIssue(payment.paidOn, of: layer.editor.invoice, title: tr("Payment date"), host) { [unowned self, weak layer] host in
                if let layer { try submitPayment(payment, layer, overpaying: overpaying, host) }
            }
        }
        layer.extraActions = [
            Action("form.overpayment", [.ctrl("o")], "save as overpayment",
                   help: "Record the amount although it is more than is open: the customer paid more, and is owed the difference back",
                   group: "Form") { [weak layer] host in
                // Held for the call: a save closes the form, which may free it.
                guard let layer else { return }
                layer.editor.acceptingOverpayment = true
                layer.submit(host)
                layer.editor.acceptingOverpayment = false
            },
        ]
        stack.push(layer)
    }

    /// Money dated before its document was issued: a typo in the year,
    /// more often than money paid ahead. Asked, not refused; `go` runs
    /// at once when the day is not before it, else on `y`.
    private func askIfBeforeIssue(_ day: String, of document: Invoice, title: String, _ host: ScreenHost,
                                  go: @escaping (ScreenHost) throws -> Void) throws {
        guard let issued = document.issueDate, day < issued else { return try go(host) }
        stack.push(Ask(title, [
            document.kind == .creditNote
                ? tr("{0} is before the credit note was issued on {1}.", Format.day(day), Format.day(issued))
                : tr("{0} is before the invoice was issued on {1}.", Format.day(day), Format.day(issued)),
        ], [Ask.Answer(.char("y"), tr("record it on {0} all the same", Format.day(day)), run: go),
            Ask.Answer(.char("n"), tr("back to the form to change the date")) { _ in }]))
    }

    /// The payment form's save, its date accepted: asks about Skonto where
    /// the payment leaves open what Skonto covers, else records it.
    private func submitPayment(_ payment: PaymentInput, _ layer: FormLayer<PaymentEditor>, overpaying: Bool, _ host: ScreenHost) throws {
        let invoice = layer.editor.invoice
        // Paid in time, less what the Skonto covers: ask before settling with it.
        // After the period, the same question: granting it is the office's call.
        let taken = try repository.skontoTaken(on: invoice.id)
        if !overpaying, let rest = invoice.skontoCovering(afterPaying: payment.amountCents, on: payment.paidOn, skontoTakenCents: taken, evenIfLate: true) {
            askSkonto(invoice, payment: payment, rest: rest, form: layer)
            return
        }
        try recordPayment(invoice, payment, acceptingOverpayment: overpaying, takingSkonto: false, host: host)
        layer.close()
    }

    /// A payment that leaves open no more than the Skonto: book the rest
    /// as Skonto and settle the invoice, or leave it open. Asked after the
    /// Skonto period too (saying so): a good customer a few days late is
    /// often granted it. The form stays until it is answered.
    func askSkonto(_ invoice: Invoice, payment: PaymentInput, rest: Int, form: FormLayer<PaymentEditor>) {
        let restText = "\(Money.format(cents: rest)) \(invoice.currency)"
        let late = invoice.daysAfterSkonto(on: payment.paidOn)
        let paid = Money.format(cents: payment.amountCents)
        stack.push(Ask(tr("Skonto"), [
            late == 0
                ? tr("{0} {1} paid on {2}, within the Skonto period (until {3}).", paid, invoice.currency, Format.day(payment.paidOn), Format.day(invoice.skontoDeadline))
                : Wording.count(late, one: "{1} {2} paid on {3}, {0} day after the Skonto period (until {4}).",
                                other: "{1} {2} paid on {3}, {0} days after the Skonto period (until {4}).",
                                [paid, invoice.currency, Format.day(payment.paidOn), Format.day(invoice.skontoDeadline)]),
            tr("The {0} left open is Skonto the invoice offers ({1} %).", restText, invoice.skonto?.percentText ?? ""),
        ], [Ask.Answer(.char("y"), late == 0 ? tr("book {0} as Skonto: paid in full", restText) : tr("grant {0} as Skonto all the same: paid in full", restText)) {
            [unowned self, weak form] host in
            try recordPayment(invoice, payment, acceptingOverpayment: false, takingSkonto: true, skontoEvenIfLate: late > 0, host: host)
            form?.close()
        }, Ask.Answer(.char("n"), tr("leave {0} open", restText)) { [unowned self, weak form] host in
            try recordPayment(invoice, payment, acceptingOverpayment: false, takingSkonto: false, host: host)
            form?.close()
        }]))
    }

    typealias PaymentInput = (amountCents: Int, paidOn: String, method: Payment.Method, reference: String)

    /// Records a payment (and the Skonto it takes) and says what it left.
    func recordPayment(_ invoice: Invoice, _ payment: PaymentInput, acceptingOverpayment: Bool, takingSkonto: Bool, skontoEvenIfLate: Bool = false,
                       host: ScreenHost) throws {
        let paid = try repository.recordPayment(to: invoice.id, amountCents: payment.amountCents, paidOn: payment.paidOn,
                                                method: payment.method, reference: payment.reference, acceptingOverpayment: acceptingOverpayment,
                                                takingSkonto: takingSkonto, skontoEvenIfLate: skontoEvenIfLate, by: session)
        try refreshAfterChange(paid.id)
        let amount = Money.format(cents: payment.amountCents)
        if paid.owedToCustomerCents > 0 {
            host.show(tr("Payment of {0} recorded: {1} is overpaid; the customer is owed {2} {3} back (R records the refund)",
                         amount, paid.number ?? "", Money.format(cents: paid.owedToCustomerCents), paid.currency), isError: false)
        } else if takingSkonto {
            host.show(tr("Payment of {0} and Skonto recorded: {1} is paid in full", amount, paid.number ?? ""), isError: false)
        } else {
            host.show(paid.status == .paid
                      ? tr("Payment of {0} recorded: {1} is paid in full", amount, paid.number ?? "")
                      : tr("Payment of {0} recorded · balance {1} {2}", amount, Money.format(cents: paid.balanceCents), paid.currency), isError: false)
        }
    }

    // MARK: A refund

    /// Money paid back on a credit note or an overpaid invoice; the model
    /// refuses more than is owed, beside the amount.
    func openRefundForm(_ document: Invoice) {
        stack.push(FormLayer(RefundEditor(document: document), noun: tr("this document")) { [unowned self] layer, host in
            let refund = try layer.editor.fields.input()
            try askIfBeforeIssue(refund.paidOn, of: layer.editor.document, title: tr("Refund date"), host) { [unowned self, weak layer] host in
                if let layer { try recordRefund(refund, layer, host) }
            }
        })
    }

    /// Records the refund the form holds, its date accepted, and says what is still owed.
    private func recordRefund(_ refund: PaymentInput, _ layer: FormLayer<RefundEditor>, _ host: ScreenHost) throws {
        let refunded = try repository.recordRefund(from: layer.editor.document.id, amountCents: refund.amountCents, paidOn: refund.paidOn,
                                                   method: refund.method, reference: refund.reference, by: session)
        layer.close()
        try refreshAfterChange(refunded.id)
        let amount = Money.format(cents: refund.amountCents)
        let name = RefundEditor.name(refunded)
        host.show(refunded.owedToCustomerCents == 0
                  ? tr("Refund of {0} {1} recorded: {2} is settled", amount, refunded.currency, name)
                  : tr("Refund of {0} {1} recorded · still owed to the customer {2} {1}", amount, refunded.currency,
                       Money.format(cents: refunded.owedToCustomerCents)), isError: false)
    }

    // MARK: Discounts and surcharges

    /// Adds a discount or surcharge to the whole draft, or, when it has
    /// some, first asks whether to add one or take one away.
    func askAllowance(_ shown: InvoiceDetail) {
        guard !shown.allowances.isEmpty else { return openAllowanceForm(shown) }
        var answers = [Ask.Answer(.char("a"), tr("add one")) { [unowned self] _ in openAllowanceForm(shown) }]
        for (index, allowance) in shown.allowances.prefix(9).enumerated() {
            let sign = allowance.isCharge ? "+" : "−"
            answers.append(Ask.Answer(.char(Character(String(index + 1))), tr("remove {0}{1} {2}", sign, Money.format(cents: allowance.amountCents) + (allowance.percentText.map { " (\($0) %)" } ?? ""), allowance.reason)) {
                [unowned self] host in
                do {
                    try repository.removeAllowance(allowance.id, expectedVersion: shown.invoice.version, by: session)
                    try refreshAfterChange(shown.invoice.id)
                    host.show(allowance.isCharge ? tr("Removed the surcharge {0}", allowance.reason) : tr("Removed the discount {0}", allowance.reason),
                              isError: false)
                } catch let KontorError.conflict(_, _, who, when) {
                    try refreshAfterChange(shown.invoice.id)
                    host.show(tr("{0} changed this draft at {1}; nothing removed, look again", host.nameOfSaver(who), Format.shortTime(when)), isError: true)
                }
            })
        }
        answers.append(Ask.Answer(.char("n"), tr("leave them")))
        stack.push(Ask(tr("Discounts and surcharges"), [tr("Add a discount or surcharge on the whole invoice, or remove one?")], answers))
    }

    func openAllowanceForm(_ shown: InvoiceDetail) {
        stack.push(FormLayer(AllowanceEditor(invoice: shown.invoice, groups: shown.lineGroups), noun: tr("this draft")) { [unowned self] layer, host in
            let editor = layer.editor
            let input = try editor.fields.input()
            let changed = try repository.addAllowance(to: editor.invoice.id, input, expectedVersion: editor.invoice.version, by: session)
            layer.close()
            try refreshAfterChange(changed.id)
            let gross = Money.format(cents: changed.grossCents)
            host.show(input.isCharge ? tr("Surcharge added · gross now {0} {1}", gross, changed.currency)
                                     : tr("Discount added · gross now {0} {1}", gross, changed.currency), isError: false)
        })
    }

    // MARK: Company settings

    func openSettings() throws {
        // Asked of the model first, so a refusal reads the same everywhere.
        try session.require(.editSettings)
        stack.push(FormLayer(try settingsEditor(), noun: tr("the settings"), reload: { [unowned self] _ in try settingsEditor() }) {
            [unowned self] layer, host in
            try session.saveSettings(try layer.editor.settings(), expected: layer.editor.revision)
            layer.close()
            try record?.reload()
            preview = nil
            host.show(tr("Company settings saved"), isError: false)
        })
    }

    private func settingsEditor() throws -> SettingsEditor {
        SettingsEditor(settings: try session.settings(), revision: try session.settingsRevision())
    }
}
