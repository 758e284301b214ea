import KontorLocale
/// An invoice line as typed into a form: every value as text, turned into an
/// `InvoiceLineInput` by `input()`, which reports every field that is wrong
/// at once, in the field names the form shows.
public struct InvoiceLineFields: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case description, quantity, unit, price
        case vatRate = "VAT rate"
        case taxCategory = "tax category"
        case vatExemption = "VAT exemption"
        case taxReason = "tax reason"
        case discount
        case discountReason = "discount reason"
        case period = "service period"
    }

    /// The inventory product the line sells; nil for a free-text line.
    public var productID: Int64?
    public var description: String
    public var quantity: String
    public var unit: String
    public var price: String
    /// "19", "7" or "0" (a "%" is allowed).
    public var vatRate: String
    /// "S", "AE", … or empty for the category suggested for the customer and product.
    public var taxCategory: String
    public var vatExemption: String
    /// Why the category is not the suggested one.
    public var taxReason: String
    /// "10 %" of the line, or an amount ("5,00"); empty for none.
    public var discount: String
    public var discountReason: String
    /// "01.08.2026–31.10.2026": the days this line covers, when not the invoice's; empty for none.
    public var period: String

    public init(productID: Int64? = nil, description: String = "", quantity: String = "1", unit: String = "Stk",
                price: String = "", vatRate: String = "19", taxCategory: String = "", vatExemption: String = "", taxReason: String = "",
                discount: String = "", discountReason: String = "", period: String = "") {
        self.period = period
        self.productID = productID
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.price = price
        self.vatRate = vatRate
        self.taxCategory = taxCategory
        self.vatExemption = vatExemption
        self.taxReason = taxReason
        self.discount = discount
        self.discountReason = discountReason
    }

    /// A line as stored.
    public init(_ line: InvoiceLine) {
        self.init(productID: line.productID, description: line.description, quantity: line.quantity.description, unit: line.unit,
                  price: Money.format(cents: line.unitPriceCents), vatRate: String(line.vatRate.rawValue / 100),
                  taxCategory: line.taxCategory.code, vatExemption: line.vatExemption, taxReason: line.taxReason,
                  discount: Self.discountText(line), discountReason: line.discountReason,
                  period: Self.periodText(line.periodStart, line.periodEnd))
    }

    /// The discount as it was typed: "3,5 %" for a percentage, else the
    /// amount ("5,00"); empty for none.
    static func discountText(_ line: InvoiceLine) -> String {
        if let percent = line.discountPercent { return "\(percent.description) %" }
        return line.discountCents == 0 ? "" : Money.format(cents: line.discountCents)
    }

    /// "01.08.2026–31.10.2026", or empty without a period.
    public static func periodText(_ start: String?, _ end: String?) -> String {
        guard let start, let end else { return "" }
        return "\(CalendarDate.german(start))–\(CalendarDate.german(end))"
    }

    /// Two dates as people write a span: "01.08.2026–31.10.2026",
    /// "1.8.2026 - 31.10.2026", "2026-08-01 bis 2026-10-31",
    /// "01.08.2026 to 31.10.2026". nil when it is not two dates.
    public static func parsePeriod(_ text: String) -> (start: String, end: String)? {
        let trimmed = TextFolding.trimmed(text)
        for separator in ["–", "—", " bis ", " to ", "..", "-"] {
            var searchStart = trimmed.startIndex
            while let range = trimmed.range(of: separator, range: searchStart..<trimmed.endIndex) {
                let left = TextFolding.trimmed(String(trimmed[..<range.lowerBound]))
                let right = TextFolding.trimmed(String(trimmed[range.upperBound...]))
                if let start = CalendarDate.typed(left), let end = CalendarDate.typed(right) { return (start, end) }
                searchStart = range.upperBound
            }
        }
        return nil
    }

    /// A product from inventory: its name, unit, price and VAT rate, one piece.
    public init(product: Product, quantity: String = "1") {
        self.init(productID: product.id, description: product.fields.name, quantity: quantity, unit: product.fields.unit,
                  price: product.fields.price, vatRate: String(product.fields.vatRate.rawValue / 100))
    }

    public subscript(field: Field) -> String {
        get {
            switch field {
            case .description: return description
            case .quantity: return quantity
            case .unit: return unit
            case .price: return price
            case .vatRate: return vatRate
            case .taxCategory: return taxCategory
            case .vatExemption: return vatExemption
            case .taxReason: return taxReason
            case .discount: return discount
            case .discountReason: return discountReason
            case .period: return period
            }
        }
        set {
            switch field {
            case .description: description = newValue
            case .quantity: quantity = newValue
            case .unit: unit = newValue
            case .price: price = newValue
            case .vatRate: vatRate = newValue
            case .taxCategory: taxCategory = newValue
            case .vatExemption: vatExemption = newValue
            case .taxReason: taxReason = newValue
            case .discount: discount = newValue
            case .discountReason: discountReason = newValue
            case .period: period = newValue
            }
        }
    }

    /// The rate typed, if it is one of 19, 7 or 0 %.
    public var parsedRate: VATRate? {
        let digits = vatRate.filter { !$0.isWhitespace && $0 != "%" }
        guard let percent = Int(digits) else { return nil }
        return VATRate(rawValue: percent * 100)
    }

    /// The line when every field reads, else nil: for totals that follow the typing.
    public var preview: InvoiceLineInput? { try? input() }

    /// The line, or `.invalid` naming every wrong field.
    public func input() throws -> InvoiceLineInput {
        var issues: [FieldIssue] = []
        let quantityText = TextFolding.trimmed(quantity)
        let count = Quantity.parse(quantityText)
        if count == nil {
            issues.append(FieldIssue(field: Field.quantity.rawValue, message: quantityText.isEmpty ? tr("is required") : tr("must be a number with up to three decimals, like 3 or 2,5")))
        }
        let cents = Money.parse(price)
        if cents == nil {
            issues.append(FieldIssue(field: Field.price.rawValue, message: TextFolding.trimmed(price).isEmpty ? tr("is required") : tr("must be an amount like 1.234,50")))
        }
        if TextFolding.trimmed(unit).isEmpty { issues.append(FieldIssue(field: Field.unit.rawValue, message: tr("is required (Stk, h, Pck, …)"))) }
        if unit.count > 20 { issues.append(FieldIssue(field: Field.unit.rawValue, message: tr("is too long: {0} characters, at most 20", unit.count))) }
        let rate = parsedRate
        if rate == nil { issues.append(FieldIssue(field: Field.vatRate.rawValue, message: tr("must be 19, 7 or 0 (%)"))) }
        let categoryText = TextFolding.trimmed(taxCategory)
        let category = TaxCategory(typed: categoryText)
        if !categoryText.isEmpty && category == nil {
            issues.append(FieldIssue(field: Field.taxCategory.rawValue, message: tr("must be S, Z, E, AE, K, G or O, or empty for the suggested one")))
        }
        // A discount as a percentage of the line ("10 %", "2,5%") or an amount ("5,00").
        let discountText = TextFolding.trimmed(discount)
        var discountCents = 0
        var discountPercent: Quantity?
        if discountText.hasSuffix("%") {
            if let percent = Quantity.parse(TextFolding.trimmed(String(discountText.dropLast()))), percent.milli >= 0, percent <= Quantity(100) {
                discountPercent = percent
            } else {
                issues.append(FieldIssue(field: Field.discount.rawValue, message: tr("must be a percentage from 0 to 100, like 10 %")))
            }
        } else if !discountText.isEmpty {
            if let amount = Money.parse(discountText) { discountCents = amount } else {
                issues.append(FieldIssue(field: Field.discount.rawValue, message: tr("must be an amount like 5,00 or a percentage like 10 %")))
            }
        }
        let periodTyped = TextFolding.trimmed(period)
        let span = periodTyped.isEmpty ? nil : Self.parsePeriod(periodTyped)
        if !periodTyped.isEmpty, span == nil {
            issues.append(FieldIssue(field: Field.period.rawValue, message: tr("must be two dates like 01.08.2026–31.10.2026, or empty")))
        }
        var line = InvoiceLineInput(productID: productID, description: TextFolding.trimmed(description), quantity: count ?? 1,
                                    unit: TextFolding.trimmed(unit), unitPriceCents: cents ?? 0, vatRate: rate ?? .standard,
                                    taxCategory: category ?? (rate == .zero ? .exempt : nil),
                                    vatExemption: TextFolding.trimmed(vatExemption), taxReason: TextFolding.trimmed(taxReason),
                                    discountCents: discountCents, discountPercent: discountPercent,
                                    discountReason: TextFolding.trimmed(discountReason))
        line.periodStart = span?.start
        line.periodEnd = span?.end
        if let failure = line.validate() {
            // What could not be read is reported once, as unreadable.
            let unread = Set(issues.map(\.field))
            issues += failure.issues.filter { !unread.contains($0.field) && !(rate == nil && $0.field == Field.vatExemption.rawValue) }
        }
        if !issues.isEmpty {
            let order = Field.allCases.map(\.rawValue)
            issues.sort { (order.firstIndex(of: $0.field) ?? 99) < (order.firstIndex(of: $1.field) ?? 99) }
            throw KontorError.invalid(ValidationFailure(issues))
        }
        return line
    }
}

/// A payment as typed: amount, date, method and reference as text.
public struct PaymentFields: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case amount, date, method, reference
    }

    public var amount: String
    /// "2026-11-29" or "29.11.2026".
    public var date: String
    /// transfer, cash, card, direct debit or other; a unique start is enough.
    public var method: String
    public var reference: String

    public init(amount: String = "", date: String = CalendarDate.today(), method: String = "transfer", reference: String = "") {
        self.amount = amount
        self.date = date
        self.method = method
        self.reference = reference
    }

    public subscript(field: Field) -> String {
        get {
            switch field {
            case .amount: return amount
            case .date: return date
            case .method: return method
            case .reference: return reference
            }
        }
        set {
            switch field {
            case .amount: amount = newValue
            case .date: date = newValue
            case .method: method = newValue
            case .reference: reference = newValue
            }
        }
    }

    /// The methods as people type them.
    public static let methodNames: [(name: String, method: Payment.Method)] = [
        ("transfer", .transfer), ("cash", .cash), ("card", .card), ("direct debit", .directDebit), ("other", .other),
    ]

    public var parsedMethod: Payment.Method? {
        let typed = TextFolding.trimmed(method).lowercased().replacingOccurrences(of: "_", with: " ")
        guard !typed.isEmpty else { return nil }
        if let exact = Self.methodNames.first(where: { $0.name == typed }) { return exact.method }
        let starts = Self.methodNames.filter { $0.name.hasPrefix(typed) }
        return starts.count == 1 ? starts[0].method : nil
    }

    /// The date in ISO form, from either way of writing it; a weekday is
    /// the last one (money came in or went back on a day gone by).
    public var isoDate: String? { CalendarDate.typed(date, past: true) }

    /// The payment, or `.invalid` naming every field that cannot be read.
    /// Whether the amount fits the invoice is `recordPayment`'s to say.
    public func input() throws -> (amountCents: Int, paidOn: String, method: Payment.Method, reference: String) {
        var issues: [FieldIssue] = []
        let cents = Money.parse(amount)
        if cents == nil {
            issues.append(FieldIssue(field: Field.amount.rawValue, message: TextFolding.trimmed(amount).isEmpty ? tr("is required") : tr("must be an amount like 1.234,50")))
        } else if let cents, cents <= 0 {
            issues.append(FieldIssue(field: Field.amount.rawValue, message: tr("must be more than 0,00")))
        }
        let iso = isoDate
        if iso == nil { issues.append(FieldIssue(field: Field.date.rawValue, message: tr("must be a date like 2026-11-29 or 29.11.2026"))) }
        let method = parsedMethod
        if method == nil {
            issues.append(FieldIssue(field: Field.method.rawValue, message: tr("must be one of {0}", Self.methodNames.map(\.name).joined(separator: ", "))))
        }
        let reference = TextFolding.trimmed(reference)
        if reference.count > 140 { issues.append(FieldIssue(field: Field.reference.rawValue, message: tr("is too long: {0} characters, at most 140", reference.count))) }
        if !issues.isEmpty { throw KontorError.invalid(ValidationFailure(issues)) }
        return (cents!, iso!, method!, reference)
    }
}
