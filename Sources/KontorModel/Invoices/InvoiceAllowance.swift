import KontorLocale
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
    /// The percentage of its group's lines when it was typed so (500 = 5 %):
    /// on a draft `amountCents` is that share, worked out again whenever the
    /// lines change. Nil for an amount typed as such.
    public var percentBP: Int?
    public var reason: String
    public var taxCategory: TaxCategory
    public var vatRate: VATRate

    public init(row: Row) {
        id = row["id"]
        invoiceID = row["invoice_id"]
        position = row["position"]
        isCharge = row["is_charge"]
        amountCents = row["amount_cents"]
        percentBP = row["percent_bp"]
        reason = row["reason"]
        taxCategory = TaxCategory(rawValue: row["tax_category"]) ?? .standard
        vatRate = VATRate(rawValue: row["vat_rate_bp"]) ?? .standard
    }

    /// "Nachlass" or "Zuschlag" on German documents, "Allowance"/"Charge" in English.
    public var kindLabel: String { isCharge ? "charge" : "allowance" }

    /// "5" or "2,5": the percentage as a German document writes it, nil for an amount.
    public var percentText: String? { percentBP.map { Self.percentText($0, decimalSeparator: ",") } }

    /// The percentage with the separator given ("2.5" for an e-invoice).
    public static func percentText(_ basisPoints: Int, decimalSeparator: String) -> String {
        let whole = basisPoints / 100, rest = basisPoints % 100
        if rest == 0 { return String(whole) }
        return rest % 10 == 0 ? "\(whole)\(decimalSeparator)\(rest / 10)" : "\(whole)\(decimalSeparator)\(rest < 10 ? "0" : "")\(rest)"
    }
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
        case (nil, nil): issues.append(FieldIssue(field: "amount", message: tr("is required: an amount like 25,00 or a percentage like 5 %")))
        case (let cents?, _):
            if cents <= 0 { issues.append(FieldIssue(field: "amount", message: tr("must be more than 0,00"))) }
            if cents > 100_000_000_00 { issues.append(FieldIssue(field: "amount", message: tr("must be at most 100 000 000,00"))) }
        case (nil, let basis?):
            if basis <= 0 || basis > 10_000 { issues.append(FieldIssue(field: "amount", message: tr("must be a percentage above 0 and at most 100 %"))) }
        }
        let reason = TextFolding.trimmed(self.reason)
        if reason.isEmpty {
            issues.append(FieldIssue(field: "reason", message: isCharge ? tr("is required (e.g. \"Versandkosten\")") : tr("is required (e.g. \"Treuerabatt\")")))
        }
        if reason.count > 200 { issues.append(FieldIssue(field: "reason", message: tr("is too long: {0} characters, at most 200", reason.count))) }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }
}

/// A discount or surcharge as typed into a form: kind, amount or
/// percentage, reason and VAT group as text, turned into an
/// `InvoiceAllowanceInput` by `input()`, which names every field it cannot read.
public struct InvoiceAllowanceFields: Equatable, Sendable {
    public enum Field: String, CaseIterable, Sendable {
        case kind, amount, reason
        case vat = "VAT"
    }

    /// "discount" or "surcharge" (also Rabatt, Nachlass, Zuschlag; a unique start is enough).
    public var kind: String
    /// "25,00" or "5 %".
    public var amount: String
    public var reason: String
    /// "19", "7", a category code such as "AE", or empty when the lines have one VAT group.
    public var vat: String

    public init(kind: String = "discount", amount: String = "", reason: String = "", vat: String = "") {
        self.kind = kind
        self.amount = amount
        self.reason = reason
        self.vat = vat
    }

    public subscript(field: Field) -> String {
        get {
            switch field {
            case .kind: return kind
            case .amount: return amount
            case .reason: return reason
            case .vat: return vat
            }
        }
        set {
            switch field {
            case .kind: kind = newValue
            case .amount: amount = newValue
            case .reason: reason = newValue
            case .vat: vat = newValue
            }
        }
    }

    static let kinds: [(word: String, isCharge: Bool)] = [
        ("discount", false), ("rabatt", false), ("nachlass", false), ("allowance", false),
        ("surcharge", true), ("zuschlag", true), ("charge", true), ("aufschlag", true),
    ]

    public func input() throws -> InvoiceAllowanceInput {
        var issues: [FieldIssue] = []
        let typedKind = TextFolding.trimmed(kind).lowercased()
        let matches = Set(Self.kinds.filter { !typedKind.isEmpty && $0.word.hasPrefix(typedKind) }.map(\.isCharge))
        if matches.count != 1 { issues.append(FieldIssue(field: Field.kind.rawValue, message: tr("must be discount or surcharge"))) }
        var input = InvoiceAllowanceInput(isCharge: matches.first ?? false, reason: TextFolding.trimmed(reason))
        let typedAmount = TextFolding.trimmed(amount)
        if typedAmount.hasSuffix("%") {
            let number = TextFolding.trimmed(String(typedAmount.dropLast()))
            if let percent = Quantity.parse(number), percent.milli > 0, percent <= Quantity(100), percent.milli % 10 == 0 {
                input.percentBP = percent.milli / 10
            } else {
                issues.append(FieldIssue(field: Field.amount.rawValue, message: tr("must be a percentage above 0 and at most 100, like 5 %")))
            }
        } else if !typedAmount.isEmpty {
            if let cents = Money.parse(typedAmount) { input.amountCents = cents } else {
                issues.append(FieldIssue(field: Field.amount.rawValue, message: tr("must be an amount like 25,00 or a percentage like 5 %")))
            }
        }
        let typedVAT = TextFolding.trimmed(vat).uppercased().replacingOccurrences(of: "%", with: "").replacingOccurrences(of: " ", with: "")
        if !typedVAT.isEmpty {
            if let percent = Int(typedVAT), let rate = VATRate(rawValue: percent * 100), rate != .zero {
                input.vatRate = rate
                input.taxCategory = .standard
            } else if let category = TaxCategory(typed: typedVAT) {
                input.taxCategory = category
            } else {
                issues.append(FieldIssue(field: Field.vat.rawValue, message: tr("must be 19 or 7, a category (Z E AE K G O), or empty")))
            }
        }
        if let failure = input.validate() {
            let unread = Set(issues.map(\.field))
            issues += failure.issues.filter { !unread.contains($0.field) }
        }
        if !issues.isEmpty {
            let order = Field.allCases.map(\.rawValue)
            issues.sort { (order.firstIndex(of: $0.field) ?? 99) < (order.firstIndex(of: $1.field) ?? 99) }
            throw KontorError.invalid(ValidationFailure(issues))
        }
        return input
    }
}
