import GRDB

/// Writes the new products of an import as `ProductRepository.insert` and
/// `move` do — the same statements, values, checks and audit lines — each
/// statement prepared once for the whole file and bound directly
/// (`RowInserter`, `PreparedRows`, `BulkAudit`). The ledger's triggers
/// (the balance kept on the product) run as for any receipt.
final class ImportedProductWriter {
    private let products: RowInserter
    private let moves: RowInserter
    private let skuOwner: PreparedRows
    private let eanOwner: PreparedRows
    private let audit: BulkAudit
    private let db: Database
    private let username: String

    init(_ db: Database, by session: Session) throws {
        self.db = db
        products = try RowInserter(db, sql: ProductRepository.insertSQL)
        moves = try RowInserter(db, sql: ProductRepository.moveSQL)
        skuOwner = try PreparedRows(db, sql: ProductRepository.skuOwnerSQL)
        eanOwner = try PreparedRows(db, sql: ProductRepository.eanOwnerSQL)
        audit = try BulkAudit(db, by: session)
        username = session.username
    }

    /// The product with this SKU (case aside), if any: its id.
    func existing(sku: String) throws -> Int64? {
        try owner(skuOwner, sku)?.id
    }

    /// The product with this EAN, if any: its id.
    func existing(ean: String) throws -> Int64? {
        try owner(eanOwner, ean)?.id
    }

    private func owner(_ lookup: PreparedRows, _ value: String) throws -> (name: String, id: Int64)? {
        guard !value.isEmpty else { return nil }
        lookup.start([value, nil])
        defer { lookup.finish() }
        return try lookup.next() ? (lookup.text(0), lookup.int64(1)) : nil
    }

    /// The model's check that SKU and EAN are free (`ProductRepository.checkUnique`).
    func checkUnique(_ fields: ProductFields) throws {
        try ProductRepository.checkUnique(fields) { sql, value in
            try owner(sql == ProductRepository.skuOwnerSQL ? skuOwner : eanOwner, value)?.name
        }
    }

    /// Inserts checked fields (`checkUnique` first), with the audit line
    /// `import`/`source`; then books `stock`, if any, as the opening
    /// receipt with its audit line. Returns the new product's id.
    func insert(_ fields: ProductFields, stock: Int?, source: String) throws -> Int64 {
        let now = audit.now()
        var values: [(any SQLiteBindable)?] = ProductRepository.values(fields).map { $0 }
        values += [now, now, username]
        try products.insert(values: values)
        let id = db.lastInsertedRowID
        try audit.record(entity: "product", id: id, action: "import", changes: [("source", nil, source)])
        if let stock, stock > 0 {
            let kind = StockMove.Kind.receipt
            try moves.insert(id, stock, kind.rawValue, "", nil, "opening stock, \(source)", username, audit.now())
            let line = ProductRepository.moveAudit(kind: kind, onHand: 0, quantity: stock)
            try audit.record(entity: "product", id: id, action: line.action, changes: [line.change])
        }
        return id
    }
}
