import GRDB

public enum InvoiceKind: String, Sendable, CaseIterable {
    case invoice
    /// Cancels an issued invoice; its amounts are negative.
    case creditNote = "credit_note"
}

public enum InvoiceStatus: String, Sendable, CaseIterable {
    case draft, issued, paid, cancelled

    public var displayName: String {
        switch self {
        case .draft: return "Draft"
        case .issued: return "Issued"
        case .paid: return "Paid"
        case .cancelled: return "Cancelled"
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
        notes = row["notes"]
        version = row["version"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        updatedBy = row["updated_by"]
    }

    /// What is still to be paid (negative: owed to the customer).
    public var balanceCents: Int { status == .draft ? 0 : grossCents - paidCents }

    /// Past its due date and not fully paid.
    public func isOverdue(today: String = CalendarDate.today()) -> Bool {
        kind == .invoice && status == .issued && paidCents < grossCents && (dueDate.map { $0 < today } ?? false)
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
    public var quantity: Int
    public var unit: String
    public var unitPriceCents: Int
    public var vatRate: VATRate
    public var vatExemption: String
    public var netCents: Int

    public init(row: Row) {
        id = row["id"]
        invoiceID = row["invoice_id"]
        position = row["position"]
        productID = row["product_id"]
        description = row["description"]
        quantity = row["quantity"]
        unit = row["unit"]
        unitPriceCents = row["unit_price_cents"]
        vatRate = VATRate(rawValue: row["vat_rate_bp"]) ?? .standard
        vatExemption = row["vat_exemption"]
        netCents = row["net_cents"]
    }
}

/// A line to add to a draft.
public struct InvoiceLineInput: Equatable, Sendable {
    public var productID: Int64?
    public var description: String
    public var quantity: Int
    public var unit: String
    public var unitPriceCents: Int
    public var vatRate: VATRate
    /// Required at 0 %: why no VAT is charged.
    public var vatExemption: String

    public init(productID: Int64? = nil, description: String, quantity: Int, unit: String = "Stk",
                unitPriceCents: Int, vatRate: VATRate = .standard, vatExemption: String = "") {
        self.productID = productID
        self.description = description
        self.quantity = quantity
        self.unit = unit
        self.unitPriceCents = unitPriceCents
        self.vatRate = vatRate
        self.vatExemption = vatExemption
    }

    public func validate() -> ValidationFailure? {
        var issues: [FieldIssue] = []
        if TextFolding.trimmed(description).isEmpty { issues.append(FieldIssue(field: "description", message: "is required")) }
        if description.count > 500 { issues.append(FieldIssue(field: "description", message: "is too long: \(description.count) characters, at most 500")) }
        if quantity <= 0 { issues.append(FieldIssue(field: "quantity", message: "must be at least 1")) }
        if quantity > 1_000_000 { issues.append(FieldIssue(field: "quantity", message: "must be at most 1 000 000")) }
        if unitPriceCents < 0 { issues.append(FieldIssue(field: "price", message: "must not be negative")) }
        if unitPriceCents > 100_000_000_00 { issues.append(FieldIssue(field: "price", message: "must be at most 100 000 000,00")) }
        if vatRate == .zero && TextFolding.trimmed(vatExemption).isEmpty {
            issues.append(FieldIssue(field: "VAT exemption", message: "is required at 0 % (e.g. \"Steuerfreie innergemeinschaftliche Lieferung\")"))
        }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }
}

public struct Payment: Equatable, Sendable, Identifiable, FetchableRecord {
    public enum Method: String, Sendable, CaseIterable {
        case transfer, cash, card, directDebit = "direct_debit", other
    }

    public var id: Int64
    public var invoiceID: Int64
    public var amountCents: Int
    public var paidOn: String
    public var method: Method
    public var reference: String
    public var createdBy: String
    public var createdAt: String

    public init(row: Row) {
        id = row["id"]
        invoiceID = row["invoice_id"]
        amountCents = row["amount_cents"]
        paidOn = row["paid_on"]
        method = Method(rawValue: row["method"]) ?? .other
        reference = row["reference"]
        createdBy = row["created_by"]
        createdAt = row["created_at"]
    }
}
