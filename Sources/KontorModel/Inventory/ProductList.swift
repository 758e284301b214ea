import GRDB

/// Where a product sits in the product list: by name (case ignored), then id.
public struct ProductListKey: Equatable, Hashable, Sendable {
    public var name: String
    public var id: Int64
    /// In a list sorted by a chosen column, the row's value of it; read
    /// from the row when a key comes without it.
    public var value: SortValue?

    public init(name: String, id: Int64, value: SortValue? = nil) {
        self.name = name
        self.id = id
        self.value = value
    }
}

/// One row of the inventory list: the product and what of its stock is
/// promised already, so that "available" is what can still be sold.
public struct ProductListRow: Equatable, Sendable, Identifiable {
    public var product: Product
    /// On draft invoices and won deals not yet invoiced.
    public var reserved: Int
    /// The value of the column the list is sorted by, when the person chose one.
    var sortValue: SortValue?

    public init(product: Product, reserved: Int) {
        self.product = product
        self.reserved = reserved
    }

    public var id: Int64 { product.id }
    public var available: Int { product.onHand - reserved }
    public var listKey: ProductListKey { ProductListKey(name: product.fields.name, id: product.id, value: sortValue) }
}

/// Which products the inventory list shows: a view and the typed search.
public struct ProductListQuery: Equatable, Sendable {
    public var view: ProductView
    /// Matches the start of the SKU, the whole EAN, or any part of the name.
    public var text: String
    /// A column the person sorts by; nil for the list's own order, by name.
    /// See `ProductRepository.sortableColumns`.
    public var sort: ListSort?

    public init(view: ProductView = .active, text: String = "", sort: ListSort? = nil) {
        self.view = view
        self.text = text
        self.sort = sort
    }
}

extension ProductRepository {
    /// Up to `limit` products after `key` in name order (from the start when
    /// nil; including the row at `key` when `inclusive`). Keyset-paged, so a
    /// page costs the same wherever it is.
    public func listPage(_ query: ProductListQuery, after key: ProductListKey?, inclusive: Bool = false, limit: Int) throws -> [ProductListRow] {
        if let order = Self.order(query.sort) {
            return try rows(sortedPage(query, order, from: key, forward: true, inclusive: inclusive, limit: limit))
        }
        return try rows(Self.page(query, from: key, forward: true, inclusive: inclusive, limit: limit, columns: Self.listColumns))
    }

    /// Up to `limit` products just before `key` (the last ones when nil),
    /// returned in list order.
    public func listPage(_ query: ProductListQuery, before key: ProductListKey?, limit: Int) throws -> [ProductListRow] {
        if let order = Self.order(query.sort) {
            return try rows(sortedPage(query, order, from: key, forward: false, limit: limit)).reversed()
        }
        return try rows(Self.page(query, from: key, forward: false, limit: limit, columns: Self.listColumns)).reversed()
    }

    /// The columns the list may be sorted by at any size, each over an
    /// index: the SKU (its unique index), the name (`products_by_name`)
    /// and the stock on hand (`products_by_stock`).
    public static let sortableColumns = ["sku", "name", "on_hand"]

    /// The columns without an index, sorted while the list holds at most
    /// `sortNarrowLimit` products (see `CountedListQuery`): reserved and
    /// available (kept per product by triggers), the reorder point and
    /// the price.
    public static let sortableWhenFew = ["reserved", "available", "reorder", "price"]

    /// Up to this many products are sorted by any column.
    public static let sortNarrowLimit = 5_000

    static func order(_ sort: ListSort?) -> ColumnOrder? { ColumnOrder(sort, orders) }

    static let orders = [
        "sku": "sku", "name": "name COLLATE NOCASE", "on_hand": "on_hand",
        "reserved": stockedOnly(ReservationSQL.keptOfListedProduct),
        "available": stockedOnly("(on_hand - \(ReservationSQL.keptOfListedProduct))"),
        "reorder": stockedOnly("reorder_point"), "price": "price_cents",
    ]

    /// A stock figure, which a service (its cell blank) sorts before every
    /// product's, as an empty cell sorts first elsewhere: the smallest
    /// integer rather than NULL, which paging by (value, id) cannot pass.
    private static func stockedOnly(_ figure: String) -> String {
        "(CASE WHEN stocked = 1 THEN \(figure) ELSE -9223372036854775808 END)"
    }

    /// The query counted, to page in the order it may take.
    /// `sortLimit`: the most products sorted by a column without an index.
    public func prepare(_ query: ProductListQuery, sortLimit: Int = sortNarrowLimit) throws -> CountedListQuery<ProductListQuery> {
        CountedListQuery(query, sort: \.sort, count: try count(query), limit: sortLimit, whenFew: Self.sortableWhenFew)
    }

    /// One window of the list sorted by `order`, from `key` (whose value
    /// is read from its row when it comes without).
    private func sortedPage(_ query: ProductListQuery, _ order: ColumnOrder, from key: ProductListKey?, forward: Bool,
                            inclusive: Bool = false, limit: Int) throws -> SQL {
        let key = try key.map { try order.valued($0, from: "products", in: database) }
        return order.keyset.page("SELECT \(sql: Self.listColumns), \(sql: order.selected) FROM products WHERE \(Self.listCondition(query))",
                                 from: key.map { order.key($0.value, $0.id) }, forward: forward, inclusive: inclusive, limit: limit)
    }

    /// How many products the query matches.
    public func count(_ query: ProductListQuery) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, SQLRequest<Int>(literal: "SELECT count(*) FROM products WHERE \(Self.listCondition(query))")) ?? 0
        }
    }

    /// The list row of one product, e.g. to place the list's cursor on it.
    public func listRow(id: Int64) throws -> ProductListRow? {
        try rows("SELECT \(sql: Self.listColumns) FROM products WHERE id = \(id)").first
    }

    /// A list row's columns: the product and its reservation as kept by
    /// triggers (`reservation_totals`), one row read per product shown, so
    /// that neither the first visit nor a change sums the open documents.
    static let listColumns = "*, \(ReservationSQL.keptOfListedProduct) AS reserved"

    private func rows(_ request: SQL) throws -> [ProductListRow] {
        try database.read { db in
            try Row.fetchAll(db, SQLRequest<Row>(literal: request)).map {
                var row = ProductListRow(product: Product(row: $0), reserved: $0["reserved"])
                row.sortValue = $0.sortValue
                return row
            }
        }
    }

    /// The list's order: by name (case ignored), then id.
    static let listOrder = Keyset("name COLLATE NOCASE", "id")

    /// One window of the list from `key`: in list order when `forward`,
    /// nearest first otherwise.
    static func page(_ query: ProductListQuery, from key: ProductListKey?, forward: Bool, inclusive: Bool = false, limit: Int,
                     columns: String = "*") -> SQL {
        listOrder.page("SELECT \(sql: columns) FROM products WHERE \(listCondition(query))", from: key.map { [$0.name, $0.id] },
                       forward: forward, inclusive: inclusive, limit: limit)
    }

    /// Which products a query matches, as a condition over `products`: the
    /// view, and the typed text as the start of the SKU, the whole EAN (typed
    /// with or without spaces, as it is printed under the barcode), or every
    /// typed word inside the name, SKU or EAN, folded as every search folds
    /// (`search_text`: "mietgeraet" and "Mietgerat" find "Mietgerät", "tee
    /// bio" finds "Bio Tee", "0001" finds "KAF-0001"). Inside, not at a
    /// word's start: German joins words ("kaffee" finds
    /// "Filterkaffeemaschine"). The one product search: the list and every
    /// picker use it.
    static func listCondition(_ query: ProductListQuery) -> SQL {
        var condition: SQL
        switch query.view {
        case .active: condition = "active = 1"
        case .inactive: condition = "active = 0"
        case .lowStock: condition = "active = 1 AND on_hand < reorder_point"
        case .all: condition = "1"
        }
        // Nothing to match (no letter or digit, as "-!") filters nothing, as on every list.
        let typed = TextFolding.trimmed(query.text)
        let words = TextFolding.tokens(typed).map { LikePattern.matches("search_text", LikePattern.containing(String($0))) }
        if !words.isEmpty {
            let sku = LikePattern.matches("sku", LikePattern.starting(typed))
            condition += " AND (\(sku) OR ean = \(typed.filter { !$0.isWhitespace }) OR (\(words.joined(separator: " AND "))))"
        }
        return condition
    }
}

extension ProductListKey: ValuedListKey {}
