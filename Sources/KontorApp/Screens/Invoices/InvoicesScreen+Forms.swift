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
        stack.push(PickerLayer(Pickers.customer(session, title: "New draft invoice · choose the customer")) { [unowned self] item, host in
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
        host.show("Draft created for \(detail?.customerName ?? "the customer"): a adds a product, t a free-text line", isError: false)
    }

    func pickProductLine(for shown: InvoiceDetail) {
        stack.push(PickerLayer(Pickers.product(session, title: "Add a product line")) { [unowned self] item, _ in
            guard let product = try session.database.products.find(id: item.id) else { return }
            openLineForm(LineEditor(invoice: shown.invoice, lines: shown.lines, editing: nil, fields: InvoiceLineFields(product: product),
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
        let layer = FormLayer(editor, noun: "this draft", reload: { [unowned self] editor in try rebase(editor) }) { [unowned self] layer, host in
            try saveLine(layer, host)
        }
        layer.conflictBanner = { who, when in "\(who) changed this draft at \(when); Ctrl-R: theirs, merge" }
        layer.extraActions = [
            Action("form.product", [.ctrl("p")], "product",
                   help: "Choose a product from inventory: fills description, unit, price and VAT rate", group: "Form") { [unowned self, unowned layer] _ in
                stack.push(PickerLayer(Pickers.product(session, title: "Choose the product for this line")) { [unowned self, unowned layer] item, _ in
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
            saved = try repository.updateLine(line.id, input, expectedVersion: editor.invoice.version, by: session)
        } else {
            saved = try repository.addLine(to: editor.invoice.id, input, expectedVersion: editor.invoice.version, by: session)
        }
        layer.close()
        try refreshAfterChange(saved.id)
        if let record {
            let lines = record.shown.lines
            record.select(line: editor.line.flatMap { line in lines.firstIndex { $0.id == line.id } } ?? lines.count - 1)
        }
        host.show("Line saved · gross now \(Money.format(cents: saved.grossCents)) \(saved.currency)", isError: false)
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
        guard fresh.isDraft else { throw giveUp("\(fresh.name) is no longer a draft: it was issued meanwhile") }
        if let line = editor.line {
            guard let theirs = fresh.lines.first(where: { $0.id == line.id }) else { throw giveUp("Line \(line.position) was removed meanwhile") }
            return LineEditor(invoice: fresh.invoice, lines: fresh.lines, editing: theirs, fields: InvoiceLineFields(theirs),
                              productLabel: try productLabel(theirs.productID))
        }
        var rebased = LineEditor(invoice: fresh.invoice, lines: fresh.lines, editing: nil, fields: editor.fields, productLabel: editor.productLabel)
        rebased.form.focus = editor.form.focus
        return rebased
    }

    // MARK: A payment

    func openPaymentForm(_ invoice: Invoice) {
        let layer = FormLayer(PaymentEditor(invoice: invoice), noun: "this invoice") { [unowned self] layer, host in
            let editor = layer.editor
            let payment = try editor.fields.input()
            // Paid in time, less what the Skonto covers: ask before settling with it.
            let taken = try repository.skontoTaken(on: editor.invoice.id)
            if !editor.acceptingOverpayment,
               let rest = editor.invoice.skontoCovering(afterPaying: payment.amountCents, on: payment.paidOn, skontoTakenCents: taken) {
                askSkonto(editor.invoice, payment: payment, rest: rest, form: layer)
                return
            }
            try recordPayment(editor.invoice, payment, acceptingOverpayment: editor.acceptingOverpayment, takingSkonto: false, host: host)
            layer.close()
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

    /// A payment that arrived within the Skonto period and leaves open no
    /// more than the Skonto: book the rest as Skonto and settle the
    /// invoice, or leave it open. The form stays until it is answered.
    func askSkonto(_ invoice: Invoice, payment: PaymentInput, rest: Int, form: FormLayer<PaymentEditor>) {
        let restText = "\(Money.format(cents: rest)) \(invoice.currency)"
        stack.push(Ask("Skonto", [
            "\(Money.format(cents: payment.amountCents)) \(invoice.currency) paid on \(payment.paidOn), within the Skonto period (until \(invoice.skontoDeadline ?? "")).",
            "The \(restText) left open is Skonto the invoice offers (\(invoice.skonto?.percentText ?? "") %).",
        ], [Ask.Answer(.char("y"), "book \(restText) as Skonto: paid in full") { [unowned self, weak form] host in
            try recordPayment(invoice, payment, acceptingOverpayment: false, takingSkonto: true, host: host)
            form?.close()
        }, Ask.Answer(.char("n"), "leave \(restText) open") { [unowned self, weak form] host in
            try recordPayment(invoice, payment, acceptingOverpayment: false, takingSkonto: false, host: host)
            form?.close()
        }]))
    }

    typealias PaymentInput = (amountCents: Int, paidOn: String, method: Payment.Method, reference: String)

    /// Records a payment (and the Skonto it takes) and says what it left.
    func recordPayment(_ invoice: Invoice, _ payment: PaymentInput, acceptingOverpayment: Bool, takingSkonto: Bool, host: ScreenHost) throws {
        let paid = try repository.recordPayment(to: invoice.id, amountCents: payment.amountCents, paidOn: payment.paidOn,
                                                method: payment.method, reference: payment.reference,
                                                acceptingOverpayment: acceptingOverpayment, takingSkonto: takingSkonto, by: session)
        try refreshAfterChange(paid.id)
        let amount = Money.format(cents: payment.amountCents)
        if paid.owedToCustomerCents > 0 {
            host.show("Payment of \(amount) recorded: \(paid.number ?? "") is overpaid; the customer is owed "
                      + "\(Money.format(cents: paid.owedToCustomerCents)) \(paid.currency) back (R records the refund)", isError: false)
        } else if takingSkonto {
            host.show("Payment of \(amount) and Skonto recorded: \(paid.number ?? "") is paid in full", isError: false)
        } else {
            host.show(paid.status == .paid
                      ? "Payment of \(amount) recorded: \(paid.number ?? "") is paid in full"
                      : "Payment of \(amount) recorded · balance \(Money.format(cents: paid.balanceCents)) \(paid.currency)", isError: false)
        }
    }

    // MARK: A refund

    /// Money paid back on a credit note or an overpaid invoice; the model
    /// refuses more than is owed, beside the amount.
    func openRefundForm(_ document: Invoice) {
        stack.push(FormLayer(RefundEditor(document: document), noun: "this document") { [unowned self] layer, host in
            let editor = layer.editor
            let refund = try editor.fields.input()
            let refunded = try repository.recordRefund(from: editor.document.id, amountCents: refund.amountCents, paidOn: refund.paidOn,
                                                       method: refund.method, reference: refund.reference, by: session)
            layer.close()
            try refreshAfterChange(refunded.id)
            let amount = Money.format(cents: refund.amountCents)
            let name = RefundEditor.name(refunded)
            host.show(refunded.owedToCustomerCents == 0
                      ? "Refund of \(amount) \(refunded.currency) recorded: \(name) is settled"
                      : "Refund of \(amount) \(refunded.currency) recorded · still owed to the customer "
                        + "\(Money.format(cents: refunded.owedToCustomerCents)) \(refunded.currency)", isError: false)
        })
    }

    // MARK: Discounts and surcharges

    /// Adds a discount or surcharge to the whole draft, or, when it has
    /// some, first asks whether to add one or take one away.
    func askAllowance(_ shown: InvoiceDetail) {
        guard !shown.allowances.isEmpty else { return openAllowanceForm(shown) }
        var answers = [Ask.Answer(.char("a"), "add one") { [unowned self] _ in openAllowanceForm(shown) }]
        for (index, allowance) in shown.allowances.prefix(9).enumerated() {
            let sign = allowance.isCharge ? "+" : "−"
            answers.append(Ask.Answer(.char(Character(String(index + 1))), "remove \(sign)\(Money.format(cents: allowance.amountCents)) \(allowance.reason)") {
                [unowned self] host in
                do {
                    try repository.removeAllowance(allowance.id, expectedVersion: shown.invoice.version, by: session)
                    try refreshAfterChange(shown.invoice.id)
                    host.show("Removed the \(allowance.isCharge ? "surcharge" : "discount") \(allowance.reason)", isError: false)
                } catch let KontorError.conflict(_, _, who, when) {
                    try refreshAfterChange(shown.invoice.id)
                    host.show("\(who) changed this draft at \(Format.shortTime(when)); nothing removed, look again", isError: true)
                }
            })
        }
        answers.append(Ask.Answer(.char("n"), "leave them"))
        stack.push(Ask("Discounts and surcharges", ["Add a discount or surcharge on the whole invoice, or remove one?"], answers))
    }

    func openAllowanceForm(_ shown: InvoiceDetail) {
        stack.push(FormLayer(AllowanceEditor(invoice: shown.invoice, groups: shown.lineGroups), noun: "this draft") { [unowned self] layer, host in
            let editor = layer.editor
            let input = try editor.fields.input()
            let changed = try repository.addAllowance(to: editor.invoice.id, input, expectedVersion: editor.invoice.version, by: session)
            layer.close()
            try refreshAfterChange(changed.id)
            host.show("\(input.isCharge ? "Surcharge" : "Discount") added · gross now \(Money.format(cents: changed.grossCents)) \(changed.currency)",
                      isError: false)
        })
    }

    // MARK: Company settings

    func openSettings() throws {
        // Asked of the model first, so a refusal reads the same everywhere.
        try session.require(.editSettings)
        stack.push(FormLayer(try settingsEditor(), noun: "the settings", reload: { [unowned self] _ in try settingsEditor() }) {
            [unowned self] layer, host in
            try session.saveSettings(try layer.editor.settings(), expected: layer.editor.revision)
            layer.close()
            try record?.reload()
            preview = nil
            host.show("Company settings saved", isError: false)
        })
    }

    private func settingsEditor() throws -> SettingsEditor {
        SettingsEditor(settings: try session.settings(), revision: try session.settingsRevision())
    }
}
