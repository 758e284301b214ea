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
        .taxCategory: "S Z E AE K G O; empty: suggested", .vatExemption: "why no VAT; empty: the usual words",
        .taxReason: "why not the suggested category",
        .discount: "10 % or an amount, optional", .discountReason: "e.g. Mengenrabatt",
        .period: "01.08.2026–31.10.2026, if not the invoice's",
    ]

    init(invoice: Invoice, lines: [InvoiceLine], editing line: InvoiceLine?, fields: InvoiceLineFields, productLabel: String?) {
        self.invoice = invoice
        self.line = line
        otherLines = lines.filter { $0.id != line?.id }
        productID = fields.productID
        self.productLabel = productLabel
        let formFields = InvoiceLineFields.Field.allCases.map { field in
            Form.Field(id: field.rawValue, label: Self.labels[field] ?? field.rawValue, value: fields[field],
                       maxLength: field == .description ? 520 : 40, hint: Self.hints[field] ?? "")
        }
        let number = invoice.number ?? "draft #\(invoice.id)"
        let title = (line.map { "Line \($0.position) of \(number)" } ?? "New line on \(number)") + " · " + (productLabel ?? "free text")
        form = Form(title: title, fields: formFields)
        // A product fills the description: start at the quantity.
        if line == nil, productLabel != nil { form.focus = 1 }
    }

    var fields: InvoiceLineFields {
        var values = InvoiceLineFields(productID: productID)
        for field in InvoiceLineFields.Field.allCases { values[field] = form.value(field.rawValue) }
        return values
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
        form.title = head + " · " + (productLabel ?? "free text")
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
            grid.write("Totals show when every field reads.", x: x, y: y, maxWidth: width, style: theme[.dim])
            return cursor
        }
        let net = line.netCents
        let suggested = line.taxCategory == nil ? suggest?(line.productID, line.unit, line.vatRate) : nil
        let category = line.taxCategory ?? suggested?.category ?? .standard
        let rate = category.chargesVAT ? (suggested?.rate ?? line.vatRate) : .zero
        let taxText = (category.chargesVAT ? rate.label : "0 %, \(category.code) \(category.label)")
            + (suggested != nil && category != .standard ? " (suggested for this customer)" : "")
        let less = line.discountCents == 0 ? "" : " − \(Money.format(cents: line.discountCents))"
        grid.write("This line: \(line.quantity) × \(Money.format(cents: line.unitPriceCents))\(less) = \(Money.format(cents: net)) net at \(taxText)",
                   x: x, y: y, maxWidth: width, style: theme[.normal])
        y += 1
        let totals = InvoiceTotals(lines: otherLines.map { ($0.netCents, $0.vatRate, $0.taxCategory) } + [(net, rate, category)])
        let rates = totals.byRate.map { "VAT \($0.rate.label) on \(Money.format(cents: $0.netCents)): \(Money.format(cents: $0.vatCents))" }
        grid.write(rates.joined(separator: " · "), x: x, y: y, maxWidth: width, style: theme[.normal])
        y += 1
        if y < bottom.maxY {
            grid.write("Invoice with this line: net \(Money.format(cents: totals.netCents)) · VAT \(Money.format(cents: totals.vatCents)) · gross \(Money.format(cents: totals.grossCents)) \(invoice.currency)",
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
            .amount: "open: \(Money.format(cents: invoice.balanceCents)) \(invoice.currency)", .date: "2026-11-29 or 29.11.2026",
            .method: "transfer, cash, card, direct debit, other", .reference: "bank reference, receipt no.",
        ]
        let fields = PaymentFields.Field.allCases.map { field in
            Form.Field(id: field.rawValue, label: labels[field] ?? field.rawValue, value: values[field], maxLength: 160, hint: hints[field] ?? "")
        }
        // Skonto offered and still in time: say what it comes to, so the payment can be checked against it.
        let skonto = invoice.skontoDeadline.flatMap { deadline in
            deadline >= CalendarDate.today() ? " · \(invoice.skonto!.percentText) % Skonto \(Money.format(cents: invoice.skontoCents)) until \(deadline)" : nil
        } ?? ""
        form = Form(title: "Payment for \(invoice.number ?? "#\(invoice.id)") · \(invoice.buyer.name) · open \(Money.format(cents: invoice.balanceCents)) \(invoice.currency)"
                    + skonto, fields: fields)
    }

    var fields: PaymentFields {
        var values = PaymentFields()
        for field in PaymentFields.Field.allCases { values[field] = form.value(field.rawValue) }
        return values
    }

    mutating func show(_ failure: ValidationFailure) { form.show(failure.issues) }
}

/// The company data printed on every invoice, for admins: name, address,
/// VAT id, tax number, bank account and payment terms.
struct SettingsEditor {
    /// The settings as read, and their revision: a save against a newer one is refused.
    var original: CompanySettings
    var revision: SettingsRevision
    var form: Form
    var conflict = false

    enum Field: String, CaseIterable {
        case name
        case address1 = "address"
        case address2 = "address 2"
        case address3 = "address 3"
        case vatID = "VAT id"
        case taxNumber = "tax number"
        case bank
        case paymentTerms = "payment terms"
        case contactName = "contact"
        case phone
        case email = "e-mail"
        case electronicAddress = "electronic address"
        case iban = "IBAN"
        case bic = "BIC"
        case country
        case smallBusiness = "small business"
        case language
        case skonto = "Skonto"
        // The tax advisor's DATEV; named as the model names them in its refusals.
        case datevConsultant = "DATEV consultant number"
        case datevClient = "DATEV client number"
        case datevFiscalYear = "DATEV fiscal year start"
        case datevChart = "DATEV chart"
        case datevAccountLength = "DATEV account length"

        var label: String {
            switch self {
            case .name: return "Company name"
            case .address1: return "Address"
            case .address2, .address3: return ""
            case .vatID: return "VAT id"
            case .taxNumber: return "Tax number"
            case .bank: return "Bank account"
            case .paymentTerms: return "Payment terms"
            case .contactName: return "Contact person"
            case .phone: return "Phone"
            case .email: return "E-mail"
            case .electronicAddress: return "E-invoices to"
            case .iban: return "IBAN"
            case .bic: return "BIC"
            case .country: return "Country"
            case .smallBusiness: return "§ 19 UStG"
            case .language: return "Invoice language"
            case .skonto: return "Skonto"
            case .datevConsultant: return "DATEV consultant"
            case .datevClient: return "DATEV client"
            case .datevFiscalYear: return "Fiscal year from"
            case .datevChart: return "Chart of accounts"
            case .datevAccountLength: return "Account length"
            }
        }

        var hint: String {
            switch self {
            case .name: return "as on invoices"
            case .address1: return "street"
            case .address2: return "postal code and town"
            case .address3: return "country"
            case .vatID: return "DE123456788"
            case .taxNumber: return "needed if no VAT id"
            case .bank: return "the bank's name"
            case .paymentTerms: return "days, for new customers"
            case .contactName: return "who answers questions about invoices"
            case .phone: return "for questions about invoices"
            case .email: return "for questions about invoices"
            case .electronicAddress: return "where e-invoices reach you (e-mail)"
            case .iban: return "for payments by transfer"
            case .bic: return "of the bank"
            case .country: return "two letters, DE"
            case .smallBusiness: return "yes: small business, no VAT charged"
            case .language: return "de or en"
            case .skonto: return "usual early-payment discount: 2 % 10, or empty"
            case .datevConsultant: return "Beraternummer, from the tax advisor"
            case .datevClient: return "Mandantennummer, from the tax advisor"
            case .datevFiscalYear: return "month and day, 01-01"
            case .datevChart: return "SKR03 or SKR04"
            case .datevAccountLength: return "4 to 8 digits, usually 4"
            }
        }
    }

    init(settings: CompanySettings, revision: SettingsRevision) {
        original = settings
        self.revision = revision
        let address = settings.address.split(separator: "\n").map(String.init)
        let lines = address.count > 3 ? Array(address.prefix(2)) + [address.dropFirst(2).joined(separator: ", ")] : address
        func line(_ i: Int) -> String { lines.indices.contains(i) ? lines[i] : "" }
        let values: [Field: String] = [
            .name: settings.name, .address1: line(0), .address2: line(1), .address3: line(2), .vatID: settings.vatID,
            .taxNumber: settings.taxNumber, .bank: settings.bank, .paymentTerms: String(settings.paymentTermsDays),
            .contactName: settings.contactName, .phone: settings.phone, .email: settings.email,
            .electronicAddress: settings.electronicAddress, .iban: settings.iban, .bic: settings.bic, .country: settings.country,
            .smallBusiness: settings.smallBusiness ? "yes" : "no", .language: settings.documentLanguage.rawValue,
            .skonto: settings.skonto?.typed ?? "",
            .datevConsultant: settings.datev.consultant.map(String.init) ?? "", .datevClient: settings.datev.client.map(String.init) ?? "",
            .datevFiscalYear: settings.datev.fiscalYearStart.text, .datevChart: settings.datev.chart.rawValue,
            .datevAccountLength: String(settings.datev.accountLength),
        ]
        form = Form(title: "Company settings · printed on every invoice", fields: Field.allCases.map { field in
            Form.Field(id: field.rawValue, label: field.label, value: values[field] ?? "", maxLength: 200, hint: field.hint)
        })
    }

    /// The settings typed, or `.invalid` naming every field the form cannot
    /// read, and with them every problem the model finds in the rest.
    func settings() throws -> CompanySettings {
        var issues: [FieldIssue] = []
        var s = original
        s.name = form.value(Field.name.rawValue).trimmingCharacters(in: .whitespaces)
        s.address = [Field.address1, .address2, .address3].map { form.value($0.rawValue).trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }.joined(separator: "\n")
        s.vatID = form.value(Field.vatID.rawValue).replacingOccurrences(of: " ", with: "").uppercased()
        s.taxNumber = form.value(Field.taxNumber.rawValue).trimmingCharacters(in: .whitespaces)
        s.bank = form.value(Field.bank.rawValue).trimmingCharacters(in: .whitespaces)
        let terms = form.value(Field.paymentTerms.rawValue).trimmingCharacters(in: .whitespaces)
        if let days = Int(terms) {
            s.paymentTermsDays = days
        } else {
            issues.append(FieldIssue(field: Field.paymentTerms.rawValue, message: "must be a number of days, 0 to 365"))
        }
        func value(_ field: Field) -> String { form.value(field.rawValue).trimmingCharacters(in: .whitespaces) }
        s.contactName = value(.contactName)
        s.phone = value(.phone)
        s.email = value(.email)
        s.electronicAddress = value(.electronicAddress)
        s.iban = IBAN.normalized(value(.iban))
        s.bic = value(.bic).uppercased().replacingOccurrences(of: " ", with: "")
        s.country = value(.country).uppercased()
        switch value(.smallBusiness).lowercased() {
        case "yes", "ja", "y", "j": s.smallBusiness = true
        case "no", "nein", "n", "": s.smallBusiness = false
        default: issues.append(FieldIssue(field: Field.smallBusiness.rawValue, message: "must be yes or no"))
        }
        if let language = DocumentWords.Language(rawValue: value(.language).lowercased()) {
            s.documentLanguage = language
        } else {
            issues.append(FieldIssue(field: Field.language.rawValue, message: "must be de or en"))
        }
        switch SkontoTerms.parse(value(.skonto)) {
        case .success(let terms): s.skonto = terms
        case .failure(let error): issues.append(FieldIssue(field: Field.skonto.rawValue, message: error.problem))
        }
        func number(_ field: Field) -> Int?? {
            let typed = value(field)
            if typed.isEmpty { return .some(nil) }
            guard let number = Int(typed) else {
                issues.append(FieldIssue(field: field.rawValue, message: "must be a number"))
                return nil
            }
            return .some(number)
        }
        if let consultant = number(.datevConsultant) { s.datev.consultant = consultant }
        if let client = number(.datevClient) { s.datev.client = client }
        if let start = MonthDay(typed: value(.datevFiscalYear)) { s.datev.fiscalYearStart = start } else {
            issues.append(FieldIssue(field: Field.datevFiscalYear.rawValue, message: "must be month and day, like 01-01 or 07-01"))
        }
        if let chart = ChartOfAccounts(typed: value(.datevChart)) { s.datev.chart = chart } else {
            issues.append(FieldIssue(field: Field.datevChart.rawValue, message: "must be SKR03 or SKR04"))
        }
        if let length = Int(value(.datevAccountLength)) { s.datev.accountLength = length } else {
            issues.append(FieldIssue(field: Field.datevAccountLength.rawValue, message: "must be 4 to 8 digits"))
        }
        guard issues.isEmpty else {
            // The model's verdict on the rest, so that every field is marked at once.
            let named = Set(issues.map(\.field))
            let others = (s.validate()?.issues ?? []).filter { !named.contains($0.field) }
            throw KontorError.invalid(ValidationFailure(issues + others))
        }
        return s
    }

    mutating func show(_ failure: ValidationFailure) { form.show(failure.issues) }
}
