import GRDB

/// A product on a deal, with its stock picture: how many are on hand, how
/// many are promised (won deals not yet invoiced, draft invoices), and so
/// how many are still free to promise.
public struct DealProductStock: Equatable, Sendable, Identifiable {
    public var productID: Int64
    public var sku: String
    public var name: String
    /// How many this deal sells (its lines for the product added up).
    public var quantity: Int
    /// On hand and reserved as the inventory reads them; reserved includes
    /// this deal's quantity while it reserves.
    public var stock: StockLevel
    /// How much of the reserved stock is this deal's: its quantity once won and until invoiced.
    public var reservedByThisDeal: Int

    public init(productID: Int64, sku: String, name: String, quantity: Int, stock: StockLevel, reservedByThisDeal: Int) {
        self.productID = productID
        self.sku = sku
        self.name = name
        self.quantity = quantity
        self.stock = stock
        self.reservedByThisDeal = reservedByThisDeal
    }

    public var id: Int64 { productID }
    public var onHand: Int { stock.onHand }
    public var reserved: Int { stock.reserved }
    /// On hand − reserved; negative when more is promised than is in stock.
    public var available: Int { stock.available }
    /// How many are missing to deliver this deal on top of what is promised
    /// to others; 0 when stock suffices.
    public var shortfall: Int { max(0, quantity - reservedByThisDeal - available) }
}

extension DealRepository {
    /// The products of a deal, in line order, with on hand, reserved and
    /// available as the inventory computes them (`product_reservations`),
    /// for the deal's card and the board's warnings.
    public func products(of dealID: Int64) throws -> [DealProductStock] {
        try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT p.id, p.sku, p.name, q.quantity,
                       CASE WHEN d.stage = 'won' AND d.invoice_id IS NULL THEN q.quantity ELSE 0 END AS mine
                FROM (SELECT product_id, sum(quantity) AS quantity, min(position) AS position
                      FROM deal_lines WHERE deal_id = ? AND product_id IS NOT NULL GROUP BY product_id) q
                JOIN products p ON p.id = q.product_id
                JOIN deals d ON d.id = ?
                ORDER BY q.position
                """, arguments: [dealID, dealID])
            return try rows.map { row in
                DealProductStock(productID: row["id"], sku: row["sku"], name: row["name"], quantity: row["quantity"],
                                 stock: try ProductRepository.stockLevel(db, productID: row["id"]), reservedByThisDeal: row["mine"])
            }
        }
    }
}
