import KontorLocale
import GRDB

public enum InvoiceKind: String, Sendable, CaseIterable {
    case invoice
    /// Cancels an issued invoice; its amounts are negative.
    case creditNote = "credit_note"
}

public enum InvoiceStatus: String, Sendable, CaseIterable {
    case draft, issued, paid, cancelled

    /// The name with what was paid on it: an issued invoice with part of
    /// it paid is "Part paid" wherever it is shown (list, record, the
    /// customer's view, a deal, the related pane), not "Open" in some.
    public func displayName(paidCents: Int) -> String {
        guard self == .issued, paidCents > 0 else { return displayName }
        let words = tr("part paid")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    public var displayName: String {
        switch self {
        case .draft: return tr("Draft")
        // Issued and not yet paid: "Open", as the record, the quick view and
        // the totals say it (the list said "Issued" beside a record's "Open").
        case .issued: return tr("Open")
        case .paid: return tr("Paid")
        case .cancelled: return tr("Cancelled")
        }
    }
}

/// An invoice or credit note. Everything but its status and paid amount is
/// frozen once it is issued; the database refuses any other change.
public struct Invoice: Equatable, Sendable, Identifiable, FetchableRecord {
    public var id: Int64
    public var kind: InvoiceKind
    /// "2026-00042" or "CN-2026-00003"; nil while draft.
    public var number: String?
    public var status: InvoiceStatus
    public var customerID: Int64
    public var dealID: Int64?
    /// For a credit note: the invoice it cancels.
    public var correctsID: Int64?
    public var issueDate: String?
    public var deliveryDate: String?
    public var dueDate: String?
    public var currency: String
    public var netCents: Int
    public var vatCents: Int
    public var grossCents: Int
    public var paidCents: Int
    public var seller: Party
    public var buyer: Party
    public var buyerReference: String
    /// The buyer's order number (BT-13), when they gave one.
    public var orderReference: String
    /// The service period, when the invoice covers one rather than a day of delivery.
    public var periodStart: String?
    public var periodEnd: String?
    /// The discount for early payment it offers, frozen at issue; nil for none.
    public var skonto: SkontoTerms?
    /// Seller and buyer in the detail an e-invoice needs, as at issue; nil
    /// for drafts and for invoices issued before it was kept.
    public var parties: InvoiceParties? { partiesJSON.flatMap(InvoiceParties.decode) }
    /// `parties` as stored (`invoice_parties`): read with one invoice
    /// (`InvoiceRepository.find`, and whatever prints, mails or writes an
    /// e-invoice), not with lists, and decoded only when asked for.
    public var partiesJSON: String?
    public var notes: String
    public var version: Int
    public var createdAt: String
    public var updatedAt: String
    public var updatedBy: String

    /// Who sells or buys, as printed on the invoice.
    public struct Party: Equatable, Sendable {
        public var name: String
        public var address: String
        public var vatID: String
        public var taxNumber: String
    }

    public init(row: Row) {
        id = row["id"]
        kind = InvoiceKind(rawValue: row["kind"]) ?? .invoice
        number = row["number"]
        status = InvoiceStatus(rawValue: row["status"]) ?? .draft
        customerID = row["customer_id"]
        dealID = row["deal_id"]
        correctsID = row["corrects_id"]
        issueDate = row["issue_date"]
        deliveryDate = row["delivery_date"]
        dueDate = row["due_date"]
        currency = row["currency"]
        netCents = row["net_cents"]
        vatCents = row["vat_cents"]
        grossCents = row["gross_cents"]
        paidCents = row["paid_cents"]
        seller = Party(name: row["seller_name"], address: row["seller_address"], vatID: row["seller_vat_id"], taxNumber: row["seller_tax_number"])
        buyer = Party(name: row["buyer_name"], address: row["buyer_address"], vatID: row["buyer_vat_id"], taxNumber: "")
        buyerReference = row["buyer_reference"]
        orderReference = row["order_reference"] ?? ""
        periodStart = row["period_start"]
        periodEnd = row["period_end"]
        let skontoBP: Int = row["skonto_bp"] ?? 0
        skonto = skontoBP == 0 ? nil : SkontoTerms(percentBP: skontoBP, days: row["skonto_days"] ?? 0)
        partiesJSON = row["parties"]
        notes = row["notes"]
        version = row["version"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        updatedBy = row["updated_by"]
    }

    /// What is still to be paid (negative: owed to the customer).
    public var balanceCents: Int { status == .draft ? 0 : grossCents - paidCents }

    /// What the customer is owed back on this document and may be refunded:
    /// what a credit note has not yet settled or paid back, or what was paid
    /// on an invoice beyond its total. Never negative.
    public var owedToCustomerCents: Int { max(0, -balanceCents) }

    /// Still to be paid by the customer; never negative.
    public var openCents: Int { max(0, balanceCents) }

    /// Past its due date and not fully paid.
    public func isOverdue(today: String = CalendarDate.today()) -> Bool {
        kind == .invoice && status == .issued && paidCents < grossCents && (dueDate.map { $0 < today } ?? false)
    }

    /// The last day Skonto may be taken, when the invoice offers it.
    public var skontoDeadline: String? { issueDate.flatMap { date in skonto?.deadline(issuedOn: date) } }

    /// The Skonto on the whole amount (BT-115 for an unpaid invoice), when offered.
    public var skontoCents: Int { skonto?.discount(on: grossCents) ?? 0 }

    /// What a payment of `amountCents` on `date` would leave open that
    /// Skonto covers: nil unless the invoice offers Skonto, the date is in
    /// its period, and what remains is more than nothing and at most the
    /// Skonto not yet taken (`skontoTakenCents`).
    /// `evenIfLate`: granted by a person after the Skonto period ended
    /// (`daysAfterSkonto` says how long after).
    public func skontoCovering(afterPaying amountCents: Int, on date: String, skontoTakenCents: Int = 0, evenIfLate: Bool = false) -> Int? {
        guard kind == .invoice, status == .issued, let deadline = skontoDeadline, date <= deadline || evenIfLate else { return nil }
        let rest = grossCents - paidCents - amountCents
        return rest > 0 && rest <= skontoCents - skontoTakenCents ? rest : nil
    }

    /// How many days after the Skonto period `date` is; 0 within it, or
    /// when the invoice offers none.
    public func daysAfterSkonto(on date: String) -> Int {
        max(0, skontoDeadline.flatMap { CalendarDate.days(from: $0, to: date) } ?? 0)
    }

    public func daysOverdue(today: String = CalendarDate.today()) -> Int {
        guard isOverdue(today: today), let due = dueDate else { return 0 }
        return CalendarDate.days(from: due, to: today) ?? 0
    }
}

/// One line of an invoice: a product or free text.
public struct InvoiceLine: Equatable, Sendable, Identifiable, FetchableRecord {
    public var id: Int64
    public var invoiceID: Int64
    public var position: Int
    public var productID: Int64?
    public var description: String
    public var quantity: Quantity
    /// The unit as printed ("Std.").
    public var unit: String
    public var unitCode: UnitCode
    public var unitPriceCents: Int
    public var taxCategory: TaxCategory
    /// 0 % unless the category is standard rated.
    public var vatRate: VATRate
    /// Why no VAT is charged, printed (BT-120); empty for S and Z.
    public var vatExemption: String
    /// Why the category differs from the suggested one.
    public var taxReason: String
    /// The line's discount in cents (positive, also on credit notes) and why.
    public var discountCents: Int
    public var discountReason: String
    /// The percentage the discount was typed as ("3,5 %" is 3,5), nil when
    /// it was typed as an amount.
    public var discountPercent: Quantity?
    /// quantity × price less the discount.
    public var netCents: Int
    /// The days this line covers, when they differ from the invoice's (BG-26).
    public var periodStart: String?
    public var periodEnd: String?

    public init(row: Row) {
        id = row["id"]
        invoiceID = row["invoice_id"]
        position = row["position"]
        productID = row["product_id"]
        description = row["description"]
        quantity = Quantity(milli: row["quantity_milli"])
        unit = row["unit"]
        unitCode = UnitCode(rawValue: row["unit_code"]) ?? .unit
        unitPriceCents = row["unit_price_cents"]
        taxCategory = TaxCategory(rawValue: row["tax_category"]) ?? .standard
        vatRate = VATRate(rawValue: row["vat_rate_bp"]) ?? .standard
        vatExemption = row["vat_exemption"]
        taxReason = row["tax_reason"]
        discountCents = row["discount_cents"]
        discountReason = row["discount_reason"]
        discountPercent = (row["discount_milli_percent"] as Int?).map { Quantity(milli: $0) }
        netCents = row["net_cents"]
        periodStart = row["period_start"]
        periodEnd = row["period_end"]
    }
}

/// A line to add to a draft.
public struct InvoiceLineInput: Equatable, Sendable {
    public var productID: Int64?
    public var description: String
    public var quantity: Quantity
    public var unit: String
    public var unitPriceCents: Int
    /// The rate when the line is standard rated.
    public var vatRate: VATRate
    /// nil: the category suggested for the customer and product when the
    /// line is stored (`TaxSuggestion`).
    public var taxCategory: TaxCategory?
    /// Why no VAT is charged; the category's usual words when empty.
    public var vatExemption: String
    /// Required when the category is not the one suggested: why.
    public var taxReason: String
    /// A discount on the line in cents, and its reason (required with a
    /// discount). With `discountPercent` set, that share of quantity ×
    /// price, worked out again whenever either changes; setting an amount
    /// clears the percentage.
    public var discountCents: Int {
        get { discountPercent.map { Self.share($0, of: quantity.times(cents: unitPriceCents)) } ?? discountAmountCents }
        set {
            discountAmountCents = newValue
            discountPercent = nil
        }
    }
    /// The discount as typed when it is a percentage of the line ("10 %").
    public var discountPercent: Quantity?
    private var discountAmountCents: Int
    public var discountReason: String
    /// The days this line covers, when they differ from the invoice's: both or neither, ISO dates.
    public var periodStart: String?
    public var periodEnd: String?

    public init(productID: Int64? = nil, description: String, quantity: Quantity, unit: String = "Stk",
                unitPriceCents: Int, vatRate: VATRate = .standard, taxCategory: TaxCategory? = nil,
                vatExemption: String = "", taxReason: String = "", discountCents: Int = 0, discountPercent: Quantity? = nil,
                discountReason: String = "", periodStart: String? = nil, periodEnd: String? = nil) {
        self.periodStart = periodStart
        self.periodEnd = periodEnd
        self.productID = productID
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.unitPriceCents = unitPriceCents
        self.vatRate = vatRate
        self.taxCategory = taxCategory
        self.vatExemption = vatExemption
        self.taxReason = taxReason
        self.discountAmountCents = discountCents
        self.discountPercent = discountPercent
        self.discountReason = discountReason
        // A 0 % line without a category was exempt before categories existed.
        if taxCategory == nil, vatRate == .zero { self.taxCategory = .exempt }
    }

    /// The unit code the typed unit stands for.
    public var unitCode: UnitCode { UnitCode.fromLegacy(unit) }

    /// quantity × price less the discount, to the cent.
    public var netCents: Int { quantity.times(cents: unitPriceCents) - discountCents }

    /// `percent` of `cents`, rounded half away from zero to the cent.
    public static func share(_ percent: Quantity, of cents: Int) -> Int {
        let scaled = cents * percent.milli
        return (scaled + (scaled < 0 ? -50_000 : 50_000)) / 100_000
    }

    public func validate() -> ValidationFailure? {
        var issues: [FieldIssue] = []
        if TextFolding.trimmed(description).isEmpty { issues.append(FieldIssue(field: "description", message: tr("is required"))) }
        if description.count > 500 { issues.append(FieldIssue(field: "description", message: tr("is too long: {0} characters, at most 500", description.count))) }
        if quantity.milli <= 0 { issues.append(FieldIssue(field: "quantity", message: tr("must be more than 0"))) }
        if quantity > Quantity(1_000_000) { issues.append(FieldIssue(field: "quantity", message: tr("must be at most 1 000 000"))) }
        if unitPriceCents < 0 { issues.append(FieldIssue(field: "price", message: tr("must not be negative"))) }
        if unitPriceCents > 100_000_000_00 { issues.append(FieldIssue(field: "price", message: tr("must be at most 100 000 000,00"))) }
        if discountCents < 0 { issues.append(FieldIssue(field: "discount", message: tr("must not be negative"))) }
        if let percent = discountPercent, percent.milli < 0 || percent > Quantity(100) {
            issues.append(FieldIssue(field: "discount", message: tr("must be a percentage from 0 to 100, like 10 %")))
        }
        if discountCents > 0 && discountCents > quantity.times(cents: unitPriceCents) {
            issues.append(FieldIssue(field: "discount", message: tr("is more than the line's {0}", Money.format(cents: quantity.times(cents: unitPriceCents)))))
        }
        // A percentage too: the e-invoice names every line allowance's reason (BR-41).
        if (discountCents > 0 || (discountPercent?.milli ?? 0) > 0) && TextFolding.trimmed(discountReason).isEmpty {
            issues.append(FieldIssue(field: "discount reason", message: tr("is required with a discount (e.g. \"Mengenrabatt\")")))
        }
        if taxCategory == .exempt && TextFolding.trimmed(vatExemption).isEmpty {
            issues.append(FieldIssue(field: "VAT exemption", message: tr("is required for an exempt line: the law that exempts it, e.g. \"§ 4 Nr. 14 UStG\"")))
        }
        if taxCategory == .standard, vatRate == .zero {
            issues.append(FieldIssue(field: "VAT rate", message: tr("must be 19 or 7 for the standard rate")))
        }
        switch (periodStart, periodEnd) {
        case (nil, nil): break
        case (let start?, let end?):
            if !CalendarDate.isValid(start) || !CalendarDate.isValid(end) {
                issues.append(FieldIssue(field: "service period", message: tr("must be two dates like 01.11.2026 and 30.11.2026")))
            } else if end < start {
                issues.append(FieldIssue(field: "service period", message: tr("ends before it starts")))
            }
        default:
            issues.append(FieldIssue(field: "service period", message: tr("needs both its first and its last day")))
        }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }
}

/// A row of a document's money: received, paid back, or set off against
/// another document. `paid_cents` is the sum of a document's rows.
public struct Payment: Equatable, Sendable, Identifiable, FetchableRecord {
    public enum Method: String, Sendable, CaseIterable {
        case transfer, cash, card, directDebit = "direct_debit", other
        /// A settlement: no money moved, the other document set it off.
        case offset

        /// The method in the person's words: "bank transfer", "Überweisung".
        public var displayName: String {
            switch self {
            case .transfer: return tr("transfer")
            case .cash: return tr("cash")
            case .card: return tr("card")
            case .directDebit: return tr("direct debit")
            case .other: return tr("other")
            case .offset: return tr("offset")
            }
        }
    }

    public enum Kind: String, Sendable, CaseIterable {
        /// Money received from the customer; positive.
        case payment
        /// Money paid back to the customer; negative.
        case refund
        /// A credit note setting off what was open on the invoice it
        /// cancels: one row on each, opposite amounts, no money moved.
        case settlement
        /// Skonto the customer took, as the invoice offered it: the part of
        /// the gross not paid because it was paid in time. Positive on the
        /// invoice; negative on its credit note, which owes back only the
        /// money received. No money moved.
        case skonto
    }

    public var id: Int64
    public var invoiceID: Int64
    public var kind: Kind
    /// Signed: received positive, refunded negative; a settlement either way.
    public var amountCents: Int
    public var paidOn: String
    public var method: Method
    public var reference: String
    /// A settlement: the other document of the pair.
    public var settlesID: Int64?
    public var createdBy: String
    public var createdAt: String

    public init(row: Row) {
        id = row["id"]
        invoiceID = row["invoice_id"]
        kind = Kind(rawValue: row["kind"] ?? "payment") ?? .payment
        amountCents = row["amount_cents"]
        paidOn = row["paid_on"]
        method = Method(rawValue: row["method"]) ?? .other
        reference = row["reference"]
        settlesID = row["settles_id"]
        createdBy = row["created_by"]
        createdAt = row["created_at"]
    }
}
