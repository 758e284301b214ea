import GRDB

/// A product whose stock has fallen below its reorder point.
public struct LowStockProduct: Equatable, Sendable {
    public var productID: Int64
    public var sku: String
    public var name: String
    public var onHand: Int
    public var reorderPoint: Int

    public init(productID: Int64, sku: String, name: String, onHand: Int, reorderPoint: Int) {
        self.productID = productID
        self.sku = sku
        self.name = name
        self.onHand = onHand
        self.reorderPoint = reorderPoint
    }

    /// How many are missing to reach the reorder point.
    public var shortfall: Int { reorderPoint - onHand }
}

/// The active products below their reorder point (as the inventory list's
/// "low stock" view decides: on hand < reorder point).
public struct LowStockFigures: Equatable, Sendable {
    public var count: Int
    /// The worst of them, the largest shortfall first.
    public var worst: [LowStockProduct]

    public init(count: Int = 0, worst: [LowStockProduct] = []) {
        self.count = count
        self.worst = worst
    }
}

extension ReportRepository {
    /// How many active products are below their reorder point, and the
    /// `limit` furthest below it. Both read `products_low_stock`, whose
    /// entries are ordered by on hand − reorder point: the products below it
    /// are one range at its start.
    public func lowStock(limit: Int = 8) throws -> LowStockFigures {
        try database.read { db in
            let count = try Int.fetchOne(db, sql: Self.lowStockCountSQL)!
            let worst = try Row.fetchAll(db, sql: Self.lowStockWorstSQL, arguments: [limit]).map { row in
                LowStockProduct(productID: row["id"], sku: row["sku"], name: row["name"], onHand: row["on_hand"], reorderPoint: row["reorder_point"])
            }
            return LowStockFigures(count: count, worst: worst)
        }
    }

    static let lowStockCountSQL = "SELECT count(*) FROM products WHERE active = 1 AND on_hand - reorder_point < 0"

    static let lowStockWorstSQL = """
        SELECT id, sku, name, on_hand, reorder_point FROM products
        WHERE active = 1 AND on_hand - reorder_point < 0
        ORDER BY on_hand - reorder_point, id LIMIT ?
        """
}
