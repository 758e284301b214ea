import GRDB

/// A discount or a surcharge on the whole document (EN 16931 BG-20 and
/// BG-21): "5 % Treuerabatt", "Versandkosten 4,90 €". It belongs to one VAT
/// group of the lines (category and rate), whose taxable amount it lowers
/// or raises, and always carries its reason. Lines carry their own
/// discounts; this is for what is agreed on the invoice as a whole.
public struct InvoiceAllowance: Equatable, Sendable, Identifiable, FetchableRecord {
    public var id: Int64
    public var invoiceID: Int64
    public var position: Int
    /// A surcharge (true) or a discount (false).
    public var isCharge: Bool
    /// Positive on invoices, negative on credit notes, as line amounts are.
    public var amountCents: Int
    public var reason: String
    public var taxCategory: TaxCategory
    public var vatRate: VATRate

    public init(row: Row) {
        id = row["id"]
        invoiceID = row["invoice_id"]
        position = row["position"]
        isCharge = row["is_charge"]
        amountCents = row["amount_cents"]
        reason = row["reason"]
        taxCategory = TaxCategory(rawValue: row["tax_category"]) ?? .standard
        vatRate = VATRate(rawValue: row["vat_rate_bp"]) ?? .standard
    }

    /// "Nachlass" or "Zuschlag" on German documents, "Allowance"/"Charge" in English.
    public var kindLabel: String { isCharge ? "charge" : "allowance" }
}

/// A discount or surcharge to add to a draft.
public struct InvoiceAllowanceInput: Equatable, Sendable {
    public var isCharge: Bool
    /// The amount in cents, or nil when it is a percentage of its group.
    public var amountCents: Int?
    /// A percentage of the group's lines in basis points (500 = 5 %), when no amount is given.
    public var percentBP: Int?
    public var reason: String
    /// The VAT group it belongs to; nil when the lines have only one.
    public var taxCategory: TaxCategory?
    public var vatRate: VATRate?

    public init(isCharge: Bool, amountCents: Int? = nil, percentBP: Int? = nil, reason: String,
                taxCategory: TaxCategory? = nil, vatRate: VATRate? = nil) {
        self.isCharge = isCharge
        self.amountCents = amountCents
        self.percentBP = percentBP
        self.reason = reason
        self.taxCategory = taxCategory
        self.vatRate = vatRate
    }

    public func validate() -> ValidationFailure? {
        var issues: [FieldIssue] = []
        switch (amountCents, percentBP) {
        case (nil, nil): issues.append(FieldIssue(field: "amount", message: "is required: an amount like 25,00 or a percentage like 5 %"))
        case (let cents?, _):
            if cents <= 0 { issues.append(FieldIssue(field: "amount", message: "must be more than 0,00")) }
            if cents > 100_000_000_00 { issues.append(FieldIssue(field: "amount", message: "must be at most 100 000 000,00")) }
        case (nil, let basis?):
            if basis <= 0 || basis > 10_000 { issues.append(FieldIssue(field: "amount", message: "must be a percentage above 0 and at most 100 %")) }
        }
        let reason = TextFolding.trimmed(self.reason)
        if reason.isEmpty {
            issues.append(FieldIssue(field: "reason", message: isCharge ? "is required (e.g. \"Versandkosten\")" : "is required (e.g. \"Treuerabatt\")"))
        }
        if reason.count > 200 { issues.append(FieldIssue(field: "reason", message: "is too long: \(reason.count) characters, at most 200")) }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }
}
