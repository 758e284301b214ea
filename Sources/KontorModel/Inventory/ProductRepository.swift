import KontorLocale
import GRDB

extension KontorDatabase {
    public var products: ProductRepository { ProductRepository(database: self) }
}

/// Which products a list shows.
public enum ProductView: String, CaseIterable, Sendable {
    case active, lowStock, inactive, all
}

/// Products, their stock and their ledger.
///
/// Every change of quantity is a row in `stock_moves`; `on_hand` follows by
/// trigger. Nothing here writes `on_hand` directly.
public struct ProductRepository: Sendable {
    let database: KontorDatabase

    // MARK: Reads

    public func find(id: Int64) throws -> Product? {
        try database.read { db in try Product.fetchOne(db, sql: "SELECT * FROM products WHERE id = ?", arguments: [id]) }
    }

    /// The product with this SKU or EAN: what a barcode scanner types.
    public func find(code: String) throws -> Product? {
        let code = TextFolding.trimmed(code)
        return try database.read { db in
            try Product.fetchOne(db, sql: "SELECT * FROM products WHERE sku = ? COLLATE NOCASE OR ean = ? LIMIT 1", arguments: [code, code])
        }
    }

    /// A window of the product list in name order, after `key` (name, id):
    /// what pickers offer as a person types. Finds what the inventory list
    /// finds (see `listCondition`).
    public func page(_ view: ProductView, text: String = "", after key: (name: String, id: Int64)?, limit: Int) throws -> [Product] {
        let request = Self.page(ProductListQuery(view: view, text: text), from: key.map { ProductListKey(name: $0.name, id: $0.id) },
                                forward: true, limit: limit)
        return try database.read { db in try Product.fetchAll(db, SQLRequest<Product>(literal: request)) }
    }

    /// Up to `limit` active products whose SKU begins with `text` (as SKUs
    /// are kept: capitals, no blanks), in SKU order: a range of the SKU's
    /// index. A picker puts them first: "KAF" typed means KAF-0001 before
    /// any product whose name merely has a word starting so.
    public func skusStarting(with text: String, limit: Int) throws -> [Product] {
        let start = TextFolding.trimmed(text).uppercased()
        guard !start.isEmpty, limit > 0 else { return [] }
        return try database.read { db in
            try Product.fetchAll(db, sql: "SELECT * FROM products WHERE sku >= ? AND sku < ? AND active = 1 ORDER BY sku LIMIT ?",
                                 arguments: [start, start + "\u{10FFFF}", limit])
        }
    }

    public func stockLevel(of productID: Int64) throws -> StockLevel {
        try database.read { db in try Self.stockLevel(db, productID: productID) }
    }

    /// How many pieces are on hand when `quantity` of a stocked product
    /// are more than that and the settings do not let stock go below
    /// zero: issuing a line of them would be refused until more arrive.
    /// Nil when the line can be issued as stock stands.
    public func onHandShort(of productID: Int64, for quantity: Quantity) throws -> Int? {
        try database.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT on_hand, stocked FROM products WHERE id = ?", arguments: [productID]),
                  row["stocked"] as Bool, try !CompanySettings.read(db).allowNegativeStock else { return nil }
            let onHand: Int = row["on_hand"]
            return quantity > Quantity(onHand) ? onHand : nil
        }
    }

    static func stockLevel(_ db: Database, productID: Int64) throws -> StockLevel {
        let onHand = try Int.fetchOne(db, sql: "SELECT on_hand FROM products WHERE id = ?", arguments: [productID]) ?? 0
        let reserved = try ReservationSQL.reserved(db, productID: productID)
        return StockLevel(onHand: onHand, reserved: reserved)
    }

    /// The newest `limit` ledger lines before `beforeID` (all when nil), newest
    /// first, each with the balance after it.
    public func ledger(of productID: Int64, before beforeID: Int64? = nil, limit: Int) throws -> [StockMove] {
        try database.read { db in
            try StockMove.fetchAll(db, sql: """
                SELECT * FROM (
                    SELECT *, sum(quantity) OVER (ORDER BY id ROWS UNBOUNDED PRECEDING) AS balance
                    FROM stock_moves WHERE product_id = ?
                ) WHERE id < ? ORDER BY id DESC LIMIT ?
                """, arguments: [productID, beforeID ?? Int64.max, limit])
        }
    }

    // MARK: Changes

    @discardableResult
    public func create(_ fields: ProductFields, by session: Session) throws -> Product {
        let fields = try fields.checked()
        return try session.write(.writeBackOffice) { db in
            try Self.insert(db, fields, by: session)
            return try Product.inserted(db, by: session, values: Self.auditValues(fields))
        }
    }

    /// Inserts checked fields inside the caller's transaction after checking
    /// SKU and EAN are free; returns the id. The caller writes the audit log.
    @discardableResult
    static func insert(_ db: Database, _ fields: ProductFields, by session: Session) throws -> Int64 {
        try checkUnique(db, fields, excluding: nil)
        let now = Timestamp.now()
        try db.cachedStatement(sql: insertSQL).execute(arguments: arguments(fields) + [now, now, session.username])
        return db.lastInsertedRowID
    }

    /// The insert of a new product: the fields (`values`), the timestamps
    /// and who. A bulk import binds the same statement itself (`ImportedProductWriter`).
    static let insertSQL = """
        INSERT INTO products (sku, ean, name, unit, price_cents, vat_rate_bp, cost_cents, reorder_point, active, stocked,
                              search_text, created_at, updated_at, updated_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        """

    @discardableResult
    public func update(id: Int64, _ fields: ProductFields, expectedVersion: Int, by session: Session) throws -> Product {
        let fields = try fields.checked()
        return try session.write(.writeBackOffice) { db in
            let old = try Product.current(db, id: id, expectedVersion: expectedVersion)
            try Self.update(db, old, to: fields, action: "update", by: session)
            return try Product.existing(db, id: id)
        }
    }

    /// Saves checked fields over `old` inside the caller's transaction, each
    /// changed field in the audit log under `action`.
    static func update(_ db: Database, _ old: Product, to fields: ProductFields, action: String, by session: Session) throws {
        try checkUnique(db, fields, excluding: old.id)
        // A service has no stock: pieces still on hand could then neither
        // be sold from stock nor written off.
        if old.fields.stocked, !fields.stocked, old.onHand != 0 {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "kind", message: Wording.count(old.onHand,
                one: "cannot be set while {0} piece is on hand: book it out first (a correction to 0), then make it a service",
                other: "cannot be set while {0} pieces are on hand: book them out first (a correction to 0), then make it a service"))]))
        }
        try db.execute(sql: """
            UPDATE products SET sku = ?, ean = ?, name = ?, unit = ?, price_cents = ?, vat_rate_bp = ?, cost_cents = ?,
                   reorder_point = ?, active = ?, stocked = ?, search_text = ?, version = version + 1, updated_at = ?, updated_by = ?
            WHERE id = ?
            """, arguments: arguments(fields) + [Timestamp.now(), session.username, old.id])
        try Audit.recordSave(db, session: session, entity: "product", id: old.id, action: action, over: old,
                             changes: Audit.differences(auditValues(old.fields.normalized()), auditValues(fields)))
    }

    /// Books goods in: a delivery from a supplier.
    @discardableResult
    public func receive(productID: Int64, quantity: Int, reference: String = "", by session: Session) throws -> StockLevel {
        guard quantity > 0 else {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "quantity", message: tr("must be more than 0"))]))
        }
        guard quantity <= DealMoney.maxQuantity else {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "quantity", message: tr("must be 1 to {0}", DealMoney.maxQuantity))]))
        }
        return try session.write(.writeBackOffice) { db in
            try Self.move(db, session: session, productID: productID, quantity: quantity, kind: .receipt, reference: reference)
            return try Self.stockLevel(db, productID: productID)
        }
    }

    /// Corrects the stock after a count, breakage or loss; the reason is required.
    @discardableResult
    public func adjust(productID: Int64, by delta: Int, reason: String, session: Session) throws -> StockLevel {
        var issues: [FieldIssue] = []
        if delta == 0 { issues.append(FieldIssue(field: "quantity", message: tr("must not be 0"))) }
        // As much as one line of an invoice may move, either way.
        if abs(delta) > DealMoney.maxQuantity { issues.append(FieldIssue(field: "quantity", message: tr("must be at most {0} either way", DealMoney.maxQuantity))) }
        if TextFolding.trimmed(reason).isEmpty { issues.append(FieldIssue(field: "reason", message: tr("is required for an adjustment"))) }
        if !issues.isEmpty { throw KontorError.invalid(ValidationFailure(issues)) }
        return try session.write(.writeBackOffice) { db in
            try Self.move(db, session: session, productID: productID, quantity: delta, kind: .adjustment, reason: TextFolding.trimmed(reason))
            return try Self.stockLevel(db, productID: productID)
        }
    }

    /// Appends one ledger line inside the caller's transaction, refusing to
    /// go below zero (unless the setting allows it) with a message that names
    /// the product and what is there.
    static func move(_ db: Database, session: Session, productID: Int64, quantity: Int, kind: StockMove.Kind,
                     reason: String = "", invoiceID: Int64? = nil, reference: String = "") throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT sku, name, on_hand, stocked FROM products WHERE id = ?", arguments: [productID]) else {
            throw KontorError.notFound(entity: "product", id: productID)
        }
        if !(row["stocked"] as Bool) {
            // A service: invoicing it or cancelling that moves nothing; receiving or counting it makes no sense.
            if kind == .issue || kind == .return { return }
            let sku: String = row["sku"], name: String = row["name"]
            throw KontorError.rule(tr("{0} {1} is a service: it has no stock to receive or adjust", sku, name))
        }
        let onHand: Int = row["on_hand"]
        if quantity < 0, onHand + quantity < 0, try !CompanySettings.read(db).allowNegativeStock {
            let sku: String = row["sku"], name: String = row["name"]
            throw KontorError.rule(tr("not enough stock of {0} {1}: {2} on hand, {3} needed", sku, name, onHand, -quantity))
        }
        try db.execute(sql: moveSQL, arguments: [productID, quantity, kind.rawValue, reason, invoiceID, reference, session.username, Timestamp.now()])
        let audit = moveAudit(kind: kind, onHand: onHand, quantity: quantity)
        try Audit.record(db, session: session, entity: "product", id: productID, action: audit.action, changes: [audit.change])
    }

    /// One line of the ledger: product, quantity, kind, reason, invoice,
    /// reference, who, when. A bulk import binds it itself (`ImportedProductWriter`).
    static let moveSQL = """
        INSERT INTO stock_moves (product_id, quantity, kind, reason, invoice_id, reference, created_by, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    /// The audit line of a ledger line: its action and the balance before and after.
    static func moveAudit(kind: StockMove.Kind, onHand: Int, quantity: Int) -> (action: String, change: Audit.Change) {
        ("stock \(kind.rawValue)", ("on_hand", String(onHand), String(onHand + quantity)))
    }


    static func checkUnique(_ db: Database, _ fields: ProductFields, excluding id: Int64?) throws {
        try checkUnique(fields) { sql, value in try String.fetchOne(db, sql: sql, arguments: [value, id]) }
    }

    /// SKU and EAN are each one product's: `owner` answers which product's
    /// name holds a value, given `skuOwnerSQL` or `eanOwnerSQL` and the
    /// value (the product to leave out is the caller's to bind); throws
    /// the issues. A bulk import answers with statements prepared once.
    static func checkUnique(_ fields: ProductFields, owner: (_ sql: String, _ value: String) throws -> String?) throws {
        var issues: [FieldIssue] = []
        if let other = try owner(skuOwnerSQL, fields.sku) {
            issues.append(FieldIssue(field: "SKU", message: tr("{0} is already used by {1}", fields.sku, other)))
        }
        if !fields.ean.isEmpty, let other = try owner(eanOwnerSQL, fields.ean) {
            issues.append(FieldIssue(field: "EAN", message: tr("{0} is already used by {1}", fields.ean, other)))
        }
        if !issues.isEmpty { throw KontorError.invalid(ValidationFailure(issues)) }
    }

    /// The name and id of the product with an SKU (case aside), but for one id (or NULL).
    static let skuOwnerSQL = "SELECT name, id FROM products WHERE sku = ? COLLATE NOCASE AND id IS NOT ?"
    /// The name and id of the product with an EAN, but for one id (or NULL).
    static let eanOwnerSQL = "SELECT name, id FROM products WHERE ean = ? AND id IS NOT ?"

    static func arguments(_ f: ProductFields) -> StatementArguments {
        StatementArguments(values(f).map { $0 as (any DatabaseValueConvertible)? })
    }

    /// The first eleven values of `insertSQL` (and of the update's SET), in
    /// order: what `arguments` hands GRDB and a bulk import binds itself.
    static func values(_ f: ProductFields) -> [(any SQLiteBindable & DatabaseValueConvertible)?] {
        [f.sku, f.ean.isEmpty ? nil : f.ean, f.name, f.unit, Money.parse(f.price) ?? 0, f.vatRate.rawValue,
         Money.parse(f.cost) ?? 0, Int(f.reorderPoint) ?? 0, f.active, f.stocked, searchText(sku: f.sku, ean: f.ean, name: f.name)]
    }

    /// The words the list's filter reads (`search_text`): the name, SKU and
    /// EAN folded as every search folds them ("Büro" → "buro"), and the
    /// name's German spellings ("buero", "strasse"), so that a product is
    /// found however an umlaut is typed, by its words in any order and by
    /// any part of its SKU or EAN.
    static func searchText(sku: String, ean: String, name: String) -> String {
        let alias = [TextFolding.searchAlias(name), TextFolding.undecomposedFolds(name)].filter { !$0.isEmpty }.joined(separator: " ")
        return TextFolding.searchText([name, sku, ean, alias])
    }

    static func auditValues(_ f: ProductFields) -> [String: String?] {
        ["sku": f.sku, "ean": f.ean, "name": f.name, "unit": f.unit, "price_cents": String(Money.parse(f.price) ?? 0),
         "vat_rate_bp": String(f.vatRate.rawValue), "cost_cents": String(Money.parse(f.cost) ?? 0),
         "reorder_point": f.reorderPoint, "active": f.active ? "1" : "0", "stocked": f.stocked ? "1" : "0"]
    }
}
