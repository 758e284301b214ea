import KontorLocale
import KontorText
/// The part of a deal a person edits in a form. The stage is not here: it
/// moves through `moveStage` and friends, which keep `closed_at`, the lost
/// reason and the history right.
public struct DealFields: Equatable, Sendable {
    /// Required; nil only in a form not yet filled in.
    public var customerID: Int64?
    public var title: String
    /// What the deal is worth, in cents. Ignored in favour of the lines' sum
    /// once the deal has lines (see `DealMoney.value`).
    public var valueCents: Int
    /// The deal's own probability in percent; nil for its stage's default.
    public var probability: Int?
    /// ISO date ("2026-12-31"); empty when not known.
    public var expectedClose: String
    /// The active member of staff who works the deal.
    public var ownerID: Int64?
    /// ISO date of the next planned step; empty when nothing is planned,
    /// which makes an open deal stale.
    public var nextActivity: String
    /// Where the lead came from ("trade fair", "website").
    public var leadSource: String

    public init(customerID: Int64? = nil, title: String = "", valueCents: Int = 0, probability: Int? = nil,
                expectedClose: String = "", ownerID: Int64? = nil, nextActivity: String = "", leadSource: String = "") {
        self.customerID = customerID
        self.title = title
        self.valueCents = valueCents
        self.probability = probability
        self.expectedClose = expectedClose
        self.ownerID = ownerID
        self.nextActivity = nextActivity
        self.leadSource = leadSource
    }

    public static let maxTitleLength = 200
    public static let maxLeadSourceLength = 80
    public static let maxLostReasonLength = 500

    /// The fields as they will be stored: surrounding blanks trimmed.
    public func normalized() -> DealFields {
        var copy = self
        copy.title = TextFolding.trimmed(title)
        // Dates as typed ("31.12.2026") are kept in ISO form; anything else stays for validate() to name.
        copy.expectedClose = CalendarDate.typed(expectedClose, future: true) ?? TextFolding.trimmed(expectedClose)
        copy.nextActivity = CalendarDate.typed(nextActivity, future: true) ?? TextFolding.trimmed(nextActivity)
        copy.leadSource = TextFolding.trimmed(leadSource)
        return copy
    }

    /// Every problem with the (normalised) fields, or nil when they can be
    /// saved. Whether the customer and owner exist is checked on saving.
    public func validate() -> ValidationFailure? {
        var issues = DealIssues()
        if customerID == nil { issues.fail("customer", tr("is required")) }
        issues.checkText("title", title, max: Self.maxTitleLength)
        if title.isEmpty { issues.fail("title", tr("is required")) }
        if valueCents < 0 { issues.fail("value", tr("must not be negative")) }
        if valueCents > DealMoney.maxValueCents { issues.fail("value", tr("must be at most {0}", Money.format(cents: DealMoney.maxValueCents))) }
        if let probability, !(0...100).contains(probability) { issues.fail("probability", tr("must be 0 to 100 %")) }
        issues.checkDate("expected close", expectedClose)
        issues.checkDate("next activity", nextActivity)
        issues.checkText("lead source", leadSource, max: Self.maxLeadSourceLength)
        return issues.failure
    }

    /// Problems with a reason for losing a deal (trimmed), or nil.
    static func validateLostReason(_ reason: String) -> ValidationFailure? {
        var issues = DealIssues()
        if reason.isEmpty { issues.fail("lost reason", tr("is required to mark a deal lost: say why it was lost")) }
        issues.checkText("lost reason", reason, max: maxLostReasonLength)
        return issues.failure
    }
}

/// The part of a deal line a person edits. Left nil (or empty), the
/// description, unit price and VAT rate come from the product, so that a
/// line is usually just "which product, how many".
public struct DealLineFields: Equatable, Sendable {
    public var productID: Int64?
    /// Empty for the product's name.
    public var description: String
    /// Up to three decimals; whole pieces for a product kept in stock.
    public var quantity: Quantity
    /// Nil for the product's price.
    public var unitPriceCents: Int?
    /// Basis points (1900 = 19 %); nil for the product's rate.
    public var vatRateBP: Int?

    public init(productID: Int64? = nil, description: String = "", quantity: Quantity = 1,
                unitPriceCents: Int? = nil, vatRateBP: Int? = nil) {
        self.productID = productID
        self.description = description
        self.quantity = quantity
        self.unitPriceCents = unitPriceCents
        self.vatRateBP = vatRateBP
    }

    public static let maxDescriptionLength = 200

    public func normalized() -> DealLineFields {
        var copy = self
        copy.description = TextFolding.trimmed(description)
        return copy
    }

    /// Every problem with the (normalised) fields, or nil. Without a
    /// product, nothing can be filled in, so description, price and rate
    /// are required.
    public func validate() -> ValidationFailure? {
        var issues = DealIssues()
        issues.checkText("description", description, max: Self.maxDescriptionLength)
        if !(1...DealMoney.maxQuantity * 1000).contains(quantity.milli) {
            issues.fail("quantity", tr("must be above 0 and at most {0}", DealMoney.maxQuantity))
        }
        if let price = unitPriceCents, !(0...DealMoney.maxUnitPriceCents).contains(price) {
            issues.fail("unit price", tr("must be 0,00 to {0}", Money.format(cents: DealMoney.maxUnitPriceCents)))
        }
        if let rate = vatRateBP, VATRate(rawValue: rate) == nil { issues.fail("VAT rate", tr("must be 0 %, 7 % or 19 %")) }
        if productID == nil {
            if description.isEmpty { issues.fail("description", tr("is required without a product")) }
            if unitPriceCents == nil { issues.fail("unit price", tr("is required without a product")) }
            if vatRateBP == nil { issues.fail("VAT rate", tr("is required without a product")) }
        }
        return issues.failure
    }
}

/// Collects field issues, the first per field, as forms show one message a field.
struct DealIssues {
    var issues: [FieldIssue] = []

    var failure: ValidationFailure? { issues.isEmpty ? nil : ValidationFailure(issues) }

    mutating func fail(_ field: String, _ message: String) {
        if !issues.contains(where: { $0.field == field }) { issues.append(FieldIssue(field: field, message: message)) }
    }

    /// Single-line text: not too long, no control characters (they would
    /// garble the terminal and the invoice).
    mutating func checkText(_ field: String, _ value: String, max: Int) {
        if value.count > max { fail(field, tr("is too long: {0} characters, at most {1}", value.count, max)) }
        if let reason = VisibleText.forbiddenReason(in: value) { fail(field, reason) }
    }

    mutating func checkDate(_ field: String, _ value: String) {
        if !value.isEmpty && !CalendarDate.isValid(value) { fail(field, tr("must be a real date written like 2026-12-31 or 31.12.2026")) }
    }
}
