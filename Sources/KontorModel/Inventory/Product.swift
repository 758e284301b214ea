import KontorLocale
import KontorText
import GRDB

/// VAT rates in basis points: 19 %, 7 % (reduced) and 0 % (exempt, with a reason).
public enum VATRate: Int, CaseIterable, Sendable {
    case standard = 1900
    case reduced = 700
    case zero = 0

    public var basisPoints: Int { rawValue }
    public var label: String { "\(rawValue / 100) %" }
}

/// Something the business sells and keeps in stock.
public struct Product: Equatable, Sendable, Identifiable, FetchableRecord {
    public var id: Int64
    public var fields: ProductFields
    /// The sum of the stock ledger, kept by the database.
    public var onHand: Int
    public var version: Int
    public var updatedAt: String
    public var updatedBy: String

    public init(row: Row) {
        id = row["id"]
        fields = ProductFields(
            sku: row["sku"], ean: row["ean"] ?? "", name: row["name"], unit: row["unit"],
            price: Money.format(cents: row["price_cents"]), vatRate: VATRate(rawValue: row["vat_rate_bp"]) ?? .standard,
            cost: Money.format(cents: row["cost_cents"]), reorderPoint: String(row["reorder_point"] as Int), active: row["active"],
            stocked: row["stocked"] ?? true)
        onHand = row["on_hand"]
        version = row["version"]
        updatedAt = row["updated_at"]
        updatedBy = row["updated_by"]
    }

    public var priceCents: Int { Money.parse(fields.price) ?? 0 }
    public var isBelowReorderPoint: Bool { fields.active && fields.stocked && onHand < (Int(fields.reorderPoint) ?? 0) }
}

/// A product as typed into its form: money as text ("12,50"), parsed and
/// checked by `validate()`.
public struct ProductFields: Equatable, Sendable {
    public var sku: String
    public var ean: String
    public var name: String
    public var unit: String
    public var price: String
    public var vatRate: VATRate
    public var cost: String
    public var reorderPoint: String
    public var active: Bool
    /// False for a service: sold without stock, never received or issued.
    public var stocked: Bool

    public init(sku: String, ean: String = "", name: String, unit: String = "Stk", price: String, vatRate: VATRate = .standard,
                cost: String = "0", reorderPoint: String = "0", active: Bool = true, stocked: Bool = true) {
        self.sku = sku
        self.ean = ean
        self.name = name
        self.unit = unit
        self.price = price
        self.vatRate = vatRate
        self.cost = cost
        self.reorderPoint = reorderPoint
        self.active = active
        self.stocked = stocked
    }

    public func normalized() -> ProductFields {
        var copy = self
        copy.sku = TextFolding.trimmed(sku).uppercased()
        copy.ean = ean.filter { !$0.isWhitespace }
        copy.name = TextFolding.trimmed(name)
        copy.unit = TextFolding.trimmed(unit)
        copy.price = TextFolding.trimmed(price)
        copy.cost = TextFolding.trimmed(cost)
        copy.reorderPoint = TextFolding.trimmed(reorderPoint)
        return copy
    }

    public func validate() -> ValidationFailure? {
        var issues: [FieldIssue] = []
        let skuAllowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./")
        if sku.isEmpty { issues.append(FieldIssue(field: "SKU", message: tr("is required"))) }
        else if sku.count > 40 || !sku.allSatisfy({ skuAllowed.contains($0) }) {
            issues.append(FieldIssue(field: "SKU", message: tr("may hold only the letters A–Z without accents or umlauts, digits and - _ . / (at most 40)")))
        }
        if !ean.isEmpty && !Self.isValidEAN(ean) {
            issues.append(FieldIssue(field: "EAN", message: tr("must be 8 or 13 digits with a correct check digit")))
        }
        if name.isEmpty { issues.append(FieldIssue(field: "name", message: tr("is required"))) }
        if name.count > 200 { issues.append(FieldIssue(field: "name", message: tr("is too long: {0} characters, at most 200", name.count))) }
        for (field, value) in [("name", name), ("unit", unit)] {
            if let reason = VisibleText.forbiddenReason(in: value) { issues.append(FieldIssue(field: field, message: reason)) }
        }
        if unit.isEmpty || unit.count > 12 { issues.append(FieldIssue(field: "unit", message: tr("must be 1 to 12 characters, like Stk, kg or h"))) }
        if Money.parse(price).map({ $0 < 0 }) ?? true { issues.append(FieldIssue(field: "price", message: tr("must be an amount like 12,50 (not negative)"))) }
        if Money.parse(cost).map({ $0 < 0 }) ?? true { issues.append(FieldIssue(field: "cost", message: tr("must be an amount like 8,00 (not negative)"))) }
        // At most what a line of a deal or an invoice may cost a unit.
        for (field, value) in [("price", price), ("cost", cost)] where (Money.parse(value) ?? 0) > DealMoney.maxUnitPriceCents {
            issues.append(FieldIssue(field: field, message: tr("must be 0,00 to {0}", Money.format(cents: DealMoney.maxUnitPriceCents))))
        }
        if Int(reorderPoint).map({ $0 < 0 }) ?? true { issues.append(FieldIssue(field: "reorder point", message: tr("must be a whole number, 0 or more"))) }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }

    /// EAN-8 and EAN-13 (GTIN) check digits.
    public static func isValidEAN(_ code: String) -> Bool {
        let digits = code.compactMap(\.wholeNumberValue)
        guard digits.count == code.count, digits.count == 8 || digits.count == 13 else { return false }
        let body = digits.dropLast()
        var sum = 0
        for (offset, digit) in body.reversed().enumerated() { sum += digit * (offset % 2 == 0 ? 3 : 1) }
        return (10 - sum % 10) % 10 == digits.last!
    }
}

/// A product's stock at a glance.
public struct StockLevel: Equatable, Sendable {
    public var onHand: Int
    /// Promised on draft invoices and on won deals not yet invoiced.
    public var reserved: Int
    public var available: Int { onHand - reserved }
}

/// One line of the stock ledger, with the balance after it.
public struct StockMove: Equatable, Sendable, Identifiable, FetchableRecord {
    public enum Kind: String, Sendable, CaseIterable {
        case receipt, issue, adjustment, `return`

        /// The move in the person's words: "receipt", "Zugang".
        public var displayName: String {
            switch self {
            case .receipt: return tr("receipt")
            case .issue: return tr("issue")
            case .adjustment: return tr("adjustment")
            case .return: return tr("return")
            }
        }
    }

    public var id: Int64
    public var productID: Int64
    public var quantity: Int
    public var kind: Kind
    public var reason: String
    public var invoiceID: Int64?
    public var reference: String
    public var createdBy: String
    public var createdAt: String
    /// On hand after this move.
    public var balance: Int

    public init(row: Row) {
        id = row["id"]
        productID = row["product_id"]
        quantity = row["quantity"]
        kind = Kind(rawValue: row["kind"]) ?? .adjustment
        reason = row["reason"]
        invoiceID = row["invoice_id"]
        reference = row["reference"]
        createdBy = row["created_by"]
        createdAt = row["created_at"]
        balance = row["balance"] ?? 0
    }
}
