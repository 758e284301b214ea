import KontorLocale
import KontorModel
import KontorUI

/// The form for one line of a draft: a product's line (its price, unit and
/// VAT rate filled in, all editable) or free text. The totals under it follow
/// the typing.
struct LineEditor {
    /// The draft as it was when the form opened: its version is what the save expects.
    var invoice: Invoice
    /// The line being changed; nil for a new one.
    var line: InvoiceLine?
    /// The draft's other lines, for the totals after this one is saved.
    var otherLines: [InvoiceLine]
    /// The draft's discounts and surcharges, in the totals too: a
    /// percentage one taken again of its group with this line in it.
    var allowances: [InvoiceAllowance]
    var productID: Int64?
    /// The category Kontor suggests for the customer and product, for the
    /// live totals of a line whose category is left empty.
    var suggest: ((Int64?, String, VATRate) -> TaxSuggestion?)?
    /// "KAF-500 · Kaffee Crema 500 g", or nil for free text.
    var productLabel: String?
    var form: Form
    /// Set after a save was refused because someone else changed the draft first.
    var conflict = false

    static let labels: [InvoiceLineFields.Field: String] = [
        .description: "Description", .quantity: "Quantity", .unit: "Unit", .price: "Unit price", .vatRate: "VAT rate %",
        .taxCategory: "Tax category", .vatExemption: "VAT exemption", .taxReason: "Override reason",
        .discount: "Discount", .discountReason: "Discount reason", .period: "Service period",
    ]
    static let hints: [InvoiceLineFields.Field: String] = [
        .quantity: "e.g. 3 or 2,5", .unit: "Stk, Std, kg, l, Psch", .price: "net, e.g. 1.234,50", .vatRate: "19 or 7 (standard rate)",
        .taxCategory: "S Z E AE K G O; empty: suggested", .vatExemption: "why no VAT; E needs the law; else empty: usual words",
        .taxReason: "why not the suggested category",
        .discount: "10 % or an amount, optional", .discountReason: "e.g. Mengenrabatt",
        .period: "01.08.2026–31.10.2026, if not the invoice's",
    ]

    init(invoice: Invoice, lines: [InvoiceLine], allowances: [InvoiceAllowance] = [], editing line: InvoiceLine?, fields: InvoiceLineFields,
         productLabel: String?) {
        self.invoice = invoice
        self.line = line
        otherLines = lines.filter { $0.id != line?.id }
        self.allowances = allowances
        productID = fields.productID
        self.productLabel = productLabel
        let formFields = InvoiceLineFields.Field.allCases.map { field in
            Form.Field(id: field.rawValue, label: Self.labels[field] ?? field.rawValue, value: fields[field],
                       maxLength: field == .description ? 520 : 40, hint: Self.hints[field] ?? "")
        }
        let number = invoice.number ?? tr("draft #{0}", invoice.id)
        let title = (line.map { tr("Line {0} of {1}", $0.position, number) } ?? tr("New line on {0}", number)) + " · " + (productLabel ?? tr("free text"))
        form = Form(title: title, fields: formFields)
        // A product fills the description: start at the quantity.
        if line == nil, productLabel != nil { form.focus = 1 }
    }

    var fields: InvoiceLineFields {
        var values = InvoiceLineFields(productID: productID)
        for field in InvoiceLineFields.Field.allCases { values[field] = form.value(field.rawValue) }
        return values
    }

    /// The description names the product it was chosen with.
    var pickedFields: Set<String> { [InvoiceLineFields.Field.description.rawValue] }

    /// A merged description brings the product it was chosen with: a
    /// product is chosen (Ctrl-P) by filling the description.
    mutating func adopt(_ field: String, from other: LineEditor) {
        form.setValue(field, other.form.value(field))
        if field == InvoiceLineFields.Field.description.rawValue {
            productID = other.productID
            productLabel = other.productLabel
        }
    }

    /// Takes a product's name, unit, price and rate; keeps the quantity typed.
    mutating func use(_ product: Product) {
        let filled = InvoiceLineFields(product: product, quantity: form.value(InvoiceLineFields.Field.quantity.rawValue))
        productID = product.id
        productLabel = "\(product.fields.sku) · \(product.fields.name)"
        for index in form.fields.indices {
            guard let field = InvoiceLineFields.Field(rawValue: form.fields[index].id) else { continue }
            form.fields[index].input = TextInput(filled[field], maxLength: form.fields[index].input.maxLength)
        }
        let head = form.title.components(separatedBy: " · ").first ?? form.title
        form.title = head + " · " + (productLabel ?? tr("free text"))
    }

    mutating func show(_ failure: ValidationFailure) { form.show(failure.issues) }

    /// Draws the form with the totals it would give underneath.
    mutating func draw(in rect: Rect, grid: inout Grid, theme: Theme) -> Point? {
        let (top, bottom) = rect.splitBottom(min(5, max(0, rect.height - 10)))
        let cursor = form.draw(in: top, grid: &grid, theme: theme)
        guard bottom.height > 0 else { return cursor }
        grid.fill(bottom, style: theme[.normal])
        let x = bottom.x + 2
        var y = bottom.y
        let width = bottom.width - 4
        grid.write(String(repeating: "─", count: max(0, width)), x: x, y: y, maxWidth: width, style: theme[.border])
        y += 1
        guard let line = fields.preview else {
            grid.write(tr("Totals show when every field reads."), x: x, y: y, maxWidth: width, style: theme[.dim])
            return cursor
        }
        let net = line.netCents
        let suggested = line.taxCategory == nil ? suggest?(line.productID, line.unit, line.vatRate) : nil
        let category = line.taxCategory ?? suggested?.category ?? .standard
        let rate = category.chargesVAT ? (suggested?.rate ?? line.vatRate) : .zero
        let taxText = (category.chargesVAT ? rate.label : "0 %, \(category.code) \(tr(category.label))")
            + (suggested != nil && category != .standard ? " " + tr("(suggested for this customer)") : "")
        let less = line.discountCents == 0 ? "" : " − \(Money.format(cents: line.discountCents))"
        grid.write(tr("This line: {0} × {1}{2} = {3} net at {4}", line.quantity, Money.format(cents: line.unitPriceCents), less, Money.format(cents: net), taxText),
                   x: x, y: y, maxWidth: width, style: theme[.normal])
        y += 1
        let lines = otherLines.map { ($0.netCents, $0.vatRate, $0.taxCategory) } + [(net, rate, category)]
        let adjustments = allowances.map { allowance in
            let group = lines.filter { $0.1 == allowance.vatRate && $0.2 == allowance.taxCategory }.reduce(0) { $0 + $1.0 }
            let amount = allowance.percentBP.map { Money.share($0, of: group) } ?? allowance.amountCents
            return (amount, allowance.isCharge, allowance.vatRate, allowance.taxCategory)
        }
        let totals = InvoiceTotals(lines: lines, adjustments: adjustments)
        let rates = totals.byRate.map { tr("VAT {0} on {1}: {2}", $0.rate.label, Money.format(cents: $0.netCents), Money.format(cents: $0.vatCents)) }
        grid.write(rates.joined(separator: " · "), x: x, y: y, maxWidth: width, style: theme[.normal])
        y += 1
        if y < bottom.maxY {
            grid.write(tr("Invoice with this line: net {0} · VAT {1} · gross {2} {3}", Money.format(cents: totals.netCents), Money.format(cents: totals.vatCents),
                          Money.format(cents: totals.grossCents), invoice.currency),
                       x: x, y: y, maxWidth: width, style: theme[.title])
        }
        return cursor
    }
}

/// The form for a payment against an issued invoice: the open amount is
/// offered; less is a partial payment, more is refused beside the amount
/// unless saved as an overpayment (Ctrl-O), which leaves the difference
/// owed back to the customer.
struct PaymentEditor {
    var invoice: Invoice
    var form: Form
    /// Set by Ctrl-O: the customer really paid more than is open.
    var acceptingOverpayment = false

    init(invoice: Invoice) {
        self.invoice = invoice
        let values = PaymentFields(amount: Money.format(cents: max(0, invoice.balanceCents)))
        let labels: [PaymentFields.Field: String] = [.amount: "Amount", .date: "Paid on", .method: "Method", .reference: "Reference"]
        let hints: [PaymentFields.Field: String] = [
            .amount: tr("open: {0} {1}", Money.format(cents: invoice.balanceCents), invoice.currency), .date: "2026-11-29 or 29.11.2026",
            .reference: "bank reference, receipt no.",
        ]
        let fields = values.formFields(labels: labels, hints: hints, methods: Self.methods)
        // Skonto offered and still in time: say what it comes to, so the payment can be checked against it.
        let skonto = invoice.skontoDeadline.flatMap { deadline in
            deadline >= CalendarDate.today() ? " · " + tr("{0} % Skonto {1} until {2}", invoice.skonto!.percentText, Money.format(cents: invoice.skontoCents), Format.day(deadline)) : nil
        } ?? ""
        form = Form(title: tr("Payment for {0} · {1} · open {2} {3}", invoice.number ?? "#\(invoice.id)", invoice.buyer.name,
                              Money.format(cents: invoice.balanceCents), invoice.currency) + skonto, fields: fields)
    }

    /// The payment methods to choose from: each the word the model reads.
    static var methods: [Form.Choice] { PaymentFields.methodNames.map { Form.Choice($0.name, $0.name) } }

    var fields: PaymentFields { PaymentFields(form: form) }

    mutating func show(_ failure: ValidationFailure) { form.show(failure.issues) }
}

extension LineEditor {
    /// A line is saved against its draft's version as the form opened.
    var workRecord: WorkRecord? { WorkRecord("invoice line", id: line?.id, version: invoice.version, under: "invoice \(invoice.id)") }
    mutating func expect(version: Int) { invoice.version = version }
}
