import GRDB

/// A deal: a sale being worked on for a customer, from first lead to won or lost.
public struct Deal: Equatable, Sendable, Identifiable {
    public var id: Int64
    /// What a person edits in the deal's form.
    public var fields: DealFields
    public var stage: DealStage
    /// Why the deal was lost; empty unless it is.
    public var lostReason: String
    /// When the deal was won or lost (a timestamp); nil while open.
    public var closedAt: String?
    /// The invoice made from the won deal; set, the deal no longer reserves stock.
    public var invoiceID: Int64?
    public var currency: String
    /// Bumped by every save, line changes included; a save that names an older version is refused.
    public var version: Int
    public var createdAt: String
    public var updatedAt: String
    public var updatedBy: String

    public var title: String { fields.title }
    /// The deal's value: the sum of its lines, or the value typed in when it has none.
    public var valueCents: Int { fields.valueCents }
    /// The probability in force, in percent: the deal's own or its stage's.
    public var probability: Int { stage.probability(override: fields.probability) }
    public var weightedValueCents: Int { DealMoney.weighted(valueCents: valueCents, probability: probability) }
    public var isInvoiced: Bool { invoiceID != nil }
}

/// One line of a deal: a product or a service, how many, at what price.
/// Lines itemise the deal's value and become the lines of its invoice.
public struct DealLine: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var dealID: Int64
    /// Where the line sits among the deal's lines, from 1.
    public var position: Int
    /// The product, if the line sells one (and so reserves it once won).
    public var productID: Int64?
    public var description: String
    /// Up to three decimals (2,5 hours); whole for a stocked product.
    public var quantity: Quantity
    public var unitPriceCents: Int
    public var vatRateBP: Int

    /// Quantity × unit price, before VAT, rounded as an invoice line's.
    public var netCents: Int { quantity.times(cents: unitPriceCents) }

    /// The line as a form edits it.
    public var fields: DealLineFields {
        DealLineFields(productID: productID, description: description, quantity: quantity,
                       unitPriceCents: unitPriceCents, vatRateBP: vatRateBP)
    }
}

/// One row of a deal list or of a board column: what the row shows, and the
/// version a `>` or `<` on it must name.
public struct DealSummary: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var title: String
    public var customerID: Int64
    public var customerName: String
    public var stage: DealStage
    public var valueCents: Int
    /// The probability in force, in percent.
    public var probability: Int
    public var weightedValueCents: Int
    public var ownerID: Int64?
    /// The owner's full name; nil when the deal has no owner.
    public var ownerName: String?
    /// ISO date, nil when not known.
    public var expectedClose: String?
    public var nextActivity: String?
    /// An open deal with nothing planned: no next activity, or one already past.
    /// Won and lost deals are never stale; nothing more is to be done on them.
    public var isStale: Bool
    public var version: Int
    /// The invoice made from the deal, once it is won and invoiced: such a
    /// deal stays won, so the board's stage keys do not apply to it.
    public var invoiceID: Int64?

    /// Where the row sits on the board; the key for the next window.
    public var boardKey: DealBoardKey { DealBoardKey(stage: stage, expectedClose: expectedClose, id: id) }
}

/// A position on the board: within a stage, deals with an expected close
/// date come first, soonest first, then those without one; ties by id.
public struct DealBoardKey: Equatable, Hashable, Sendable, Comparable {
    public var stage: DealStage
    public var expectedClose: String?
    public var id: Int64

    public init(stage: DealStage, expectedClose: String?, id: Int64) {
        self.stage = stage
        self.expectedClose = expectedClose
        self.id = id
    }

    public static func < (a: Self, b: Self) -> Bool {
        if a.stage != b.stage { return a.stage < b.stage }
        switch (a.expectedClose, b.expectedClose) {
        case let (x?, y?) where x != y: return x.utf8.lexicographicallyPrecedes(y.utf8)
        case (.some, .none): return true
        case (.none, .some): return false
        default: return a.id < b.id
        }
    }
}

extension Deal: FetchableRecord {
    public init(row: Row) {
        id = row["id"]
        fields = DealFields(
            customerID: row["customer_id"], title: row["title"], valueCents: row["value_cents"],
            probability: row["probability"], expectedClose: row["expected_close"] ?? "", ownerID: row["owner_id"],
            nextActivity: row["next_activity"] ?? "", leadSource: row["lead_source"])
        stage = DealStage(rawValue: row["stage"]) ?? .lead
        lostReason = row["lost_reason"]
        closedAt = row["closed_at"]
        invoiceID = row["invoice_id"]
        currency = row["currency"]
        version = row["version"]
        createdAt = row["created_at"]
        updatedAt = row["updated_at"]
        updatedBy = row["updated_by"]
    }
}

extension DealLine: FetchableRecord {
    public init(row: Row) {
        id = row["id"]
        dealID = row["deal_id"]
        position = row["position"]
        productID = row["product_id"]
        description = row["description"]
        quantity = Quantity(milli: row["quantity_milli"])
        unitPriceCents = row["unit_price_cents"]
        vatRateBP = row["vat_rate_bp"]
    }
}

extension DealSummary: FetchableRecord {
    /// The select list over `deals d JOIN customers c LEFT JOIN staff s`;
    /// the one `?` is today's date, for the stale flag.
    static let columns = """
        d.id, d.title, d.customer_id, c.name AS customer_name, d.stage, d.value_cents,
        \(DealSQL.probability) AS effective_probability, \(DealSQL.weighted) AS weighted_cents,
        d.owner_id, s.full_name AS owner_name, d.expected_close, d.next_activity, d.version, d.invoice_id,
        (d.stage NOT IN ('won', 'lost') AND (d.next_activity IS NULL OR d.next_activity < ?)) AS is_stale
        """
    static let from = "deals d JOIN customers c ON c.id = d.customer_id LEFT JOIN staff s ON s.id = d.owner_id"

    /// `SELECT columns FROM from`, with `today` for the stale flag.
    static func select(today: String) -> SQL {
        SQL(sql: "SELECT \(columns) FROM \(from)", arguments: [today])
    }

    public init(row: Row) {
        id = row["id"]
        title = row["title"]
        customerID = row["customer_id"]
        customerName = row["customer_name"]
        stage = DealStage(rawValue: row["stage"]) ?? .lead
        valueCents = row["value_cents"]
        probability = row["effective_probability"]
        weightedValueCents = row["weighted_cents"]
        ownerID = row["owner_id"]
        ownerName = row["owner_name"]
        expectedClose = row["expected_close"]
        nextActivity = row["next_activity"]
        isStale = row["is_stale"]
        version = row["version"]
        invoiceID = row["invoice_id"]
    }
}
