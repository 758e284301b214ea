import GRDB
import KontorLocale

/// A stocked product a draft's lines need more of than is on hand.
public struct StockShortage: Equatable, Sendable {
    public var sku: String
    public var name: String
    public var onHand: Int
    public var needed: Int
}

extension InvoiceRepository {
    /// What issuing the draft would take from stock that is not there, per
    /// product (its lines summed), in the order the lines name them; empty
    /// when the company allows negative stock. Issuing refuses such a
    /// draft; the question before it says so first (see `issue`).
    public func stockShortages(of invoiceID: Int64) throws -> [StockShortage] {
        try database.read { db in
            guard try !CompanySettings.read(db).allowNegativeStock else { return [] }
            var needed: [Int64: Int] = [:]
            var order: [Int64] = []
            for line in try Self.lines(db, invoiceID: invoiceID) {
                guard let product = line.productID else { continue }
                if needed[product] == nil { order.append(product) }
                needed[product, default: 0] += line.quantity.whole
            }
            return try order.compactMap { product in
                guard let row = try Row.fetchOne(db, sql: "SELECT sku, name, on_hand, stocked FROM products WHERE id = ?", arguments: [product]),
                      row["stocked"] as Bool, let need = needed[product], need > row["on_hand"] as Int else { return nil }
                return StockShortage(sku: row["sku"], name: row["name"], onHand: row["on_hand"], needed: need)
            }
        }
    }
}
