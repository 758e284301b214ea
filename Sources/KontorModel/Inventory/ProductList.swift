import GRDB

/// Where a product sits in the product list: by name (case ignored), then id.
public struct ProductListKey: Equatable, Hashable, Sendable {
    public var name: String
    public var id: Int64

    public init(name: String, id: Int64) {
        self.name = name
        self.id = id
    }
}

/// One row of the inventory list: the product and what of its stock is
/// promised already, so that "available" is what can still be sold.
public struct ProductListRow: Equatable, Sendable, Identifiable {
    public var product: Product
    /// On draft invoices and won deals not yet invoiced.
    public var reserved: Int

    public init(product: Product, reserved: Int) {
        self.product = product
        self.reserved = reserved
    }

    public var id: Int64 { product.id }
    public var available: Int { product.onHand - reserved }
    public var listKey: ProductListKey { ProductListKey(name: product.fields.name, id: product.id) }
}

/// Which products the inventory list shows: a view and the typed search.
public struct ProductListQuery: Equatable, Sendable {
    public var view: ProductView
    /// Matches the start of the SKU, the whole EAN, or any part of the name.
    public var text: String

    public init(view: ProductView = .active, text: String = "") {
        self.view = view
        self.text = text
    }
}

extension ProductRepository {
    /// Up to `limit` products after `key` in name order (from the start when
    /// nil; including the row at `key` when `inclusive`). Keyset-paged, so a
    /// page costs the same wherever it is.
    public func listPage(_ query: ProductListQuery, after key: ProductListKey?, inclusive: Bool = false, limit: Int,
                         reserved: [Int64: Int]? = nil) throws -> [ProductListRow] {
        var (sql, arguments) = Self.listFilter(query)
        if let key {
            sql += " AND (name COLLATE NOCASE, id) \(inclusive ? ">=" : ">") (?, ?)"
            arguments += [key.name, key.id]
        }
        sql += " ORDER BY name COLLATE NOCASE, id LIMIT ?"
        arguments += [limit]
        return try rows(sql: sql, arguments: arguments, reserved: reserved)
    }

    /// Up to `limit` products just before `key` in name order (the last ones
    /// when nil), returned in list order.
    public func listPage(_ query: ProductListQuery, before key: ProductListKey?, limit: Int,
                         reserved: [Int64: Int]? = nil) throws -> [ProductListRow] {
        var (sql, arguments) = Self.listFilter(query)
        if let key {
            sql += " AND (name COLLATE NOCASE, id) < (?, ?)"
            arguments += [key.name, key.id]
        }
        sql += " ORDER BY name COLLATE NOCASE DESC, id DESC LIMIT ?"
        arguments += [limit]
        return try rows(sql: sql, arguments: arguments, reserved: reserved).reversed()
    }

    /// How many products the query matches.
    public func count(_ query: ProductListQuery) throws -> Int {
        let (filter, arguments) = Self.listFilter(query)
        return try database.read { db in
            try Int.fetchOne(db, sql: filter.replacingOccurrences(of: "SELECT *", with: "SELECT count(*)"), arguments: arguments) ?? 0
        }
    }

    /// The list row of one product, e.g. to place the list's cursor on it.
    public func listRow(id: Int64) throws -> ProductListRow? {
        guard let product = try find(id: id) else { return nil }
        return ProductListRow(product: product, reserved: try stockLevel(of: id).reserved)
    }

    /// The quantity reserved of every product that has reservations: on
    /// draft invoices and on won deals not yet invoiced.
    ///
    /// One pass for all products rather than one per row, read from the open
    /// documents alone (see `ReservationSQL.byProduct`): a list reads this
    /// once per change of data and looks rows up in it, so moving and paging
    /// cost nothing extra.
    public func reservedByProduct() throws -> [Int64: Int] {
        try database.read { db in try ReservationSQL.reservedByProduct(db) }
    }

    private func rows(sql: String, arguments: StatementArguments, reserved: [Int64: Int]?) throws -> [ProductListRow] {
        try database.read { db in
            let products = try Product.fetchAll(db, sql: sql, arguments: arguments)
            guard let reserved else {
                // No map given: each product's reservations from its own lines.
                return try products.map { ProductListRow(product: $0, reserved: try ReservationSQL.reserved(db, productID: $0.id)) }
            }
            return products.map { ProductListRow(product: $0, reserved: reserved[$0.id] ?? 0) }
        }
    }

    /// The WHERE clause of a list query (after `SELECT * FROM products`).
    static func listFilter(_ query: ProductListQuery) -> (String, StatementArguments) {
        var sql = "SELECT * FROM products WHERE 1"
        var arguments: StatementArguments = []
        switch query.view {
        case .active: sql += " AND active = 1"
        case .inactive: sql += " AND active = 0"
        case .lowStock: sql += " AND active = 1 AND on_hand < reorder_point"
        case .all: break
        }
        let typed = TextFolding.trimmed(query.text)
        if !typed.isEmpty {
            let escaped = typed.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%")
                .replacingOccurrences(of: "_", with: "\\_")
            sql += " AND (sku LIKE ? ESCAPE '\\' OR ean = ? OR name LIKE ? ESCAPE '\\')"
            arguments += ["\(escaped)%", typed.filter { !$0.isWhitespace }, "%\(escaped)%"]
        }
        return (sql, arguments)
    }
}
