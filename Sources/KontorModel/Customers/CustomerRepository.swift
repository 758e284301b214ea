import GRDB

extension KontorDatabase {
    /// Customer queries and changes.
    public var customers: CustomerRepository { CustomerRepository(database: self) }
}

/// Reads customers a window at a time and saves them with optimistic locking.
///
/// Lists use keyset pagination on `(archived, sort_key, id)`: the next window
/// starts after the last row's key, so fetching rows 999 950–1 000 000 costs
/// what rows 1–50 cost. No method here returns a whole table.
public struct CustomerRepository: Sendable {
    let database: KontorDatabase

    // MARK: Lists

    /// Up to `limit` rows after `key` (from the start when nil), in list order.
    public func page(_ query: CustomerQuery, after key: CustomerListKey?, inclusive: Bool = false, limit: Int) throws -> [CustomerSummary] {
        var (sql, arguments) = base(query)
        if let key {
            sql += " AND (sort_key, id) \(inclusive ? ">=" : ">") (?, ?)"
            arguments += [key.sortKey, key.id]
        }
        sql += " ORDER BY sort_key, id LIMIT ?"
        arguments += [limit]
        return try database.read { db in try CustomerSummary.fetchAll(db, sql: sql, arguments: arguments) }
    }

    /// Up to `limit` rows before `key` (the last rows when nil), in list order.
    public func page(_ query: CustomerQuery, before key: CustomerListKey?, limit: Int) throws -> [CustomerSummary] {
        var (sql, arguments) = base(query)
        if let key {
            sql += " AND (sort_key, id) < (?, ?)"
            arguments += [key.sortKey, key.id]
        }
        sql += " ORDER BY sort_key DESC, id DESC LIMIT ?"
        arguments += [limit]
        return try database.read { db in try CustomerSummary.fetchAll(db, sql: sql, arguments: arguments).reversed() }
    }

    /// How many customers the query matches. A filtered count stops at `cap`
    /// so that a one-letter filter over a million rows stays cheap; the
    /// unfiltered count is exact (an index-only count).
    public func count(_ query: CustomerQuery, cap: Int = 10_000) throws -> Int {
        if TextFolding.ftsQuery(query.text) == nil {
            return try database.read { db in
                try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE archived = ?", arguments: [query.archived]) ?? 0
            }
        }
        var (sql, arguments) = base(query)
        sql = "SELECT count(*) FROM (\(sql) LIMIT ?)"
        arguments += [cap]
        return try database.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }

    private func base(_ query: CustomerQuery) -> (String, StatementArguments) {
        var sql = "SELECT \(CustomerSummary.columns) FROM customers WHERE archived = ?"
        var arguments: StatementArguments = [query.archived]
        if let match = TextFolding.ftsQuery(query.text) {
            sql += " AND id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)"
            arguments += [match]
        }
        return (sql, arguments)
    }

    // MARK: Records

    public func find(id: Int64) throws -> Customer? {
        try database.read { db in try Customer.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [id]) }
    }

    /// Validates and stores a new customer.
    @discardableResult
    public func create(_ fields: CustomerFields, by actor: Actor) throws -> Customer {
        let fields = fields.normalized()
        if let failure = fields.validate() { throw KontorError.invalid(failure) }
        let now = Timestamp.now()
        return try database.write { db in
            try db.execute(sql: """
                INSERT INTO customers (name, contact_name, email, phone, street, postal_code, city, country,
                                       vat_id, notes, sort_key, search_alias, created_at, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: Self.arguments(fields) + [now, now, actor.username])
            return try Customer.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [db.lastInsertedRowID])!
        }
    }

    /// Saves new field values, if nobody else saved the customer since
    /// `expectedVersion` was read; otherwise throws `.conflict` naming who did.
    @discardableResult
    public func update(id: Int64, _ fields: CustomerFields, expectedVersion: Int, by actor: Actor) throws -> Customer {
        let fields = fields.normalized()
        if let failure = fields.validate() { throw KontorError.invalid(failure) }
        return try database.write { db in
            try db.execute(sql: """
                UPDATE customers SET name = ?, contact_name = ?, email = ?, phone = ?, street = ?, postal_code = ?,
                       city = ?, country = ?, vat_id = ?, notes = ?, sort_key = ?, search_alias = ?,
                       version = version + 1, updated_at = ?, updated_by = ?
                WHERE id = ? AND version = ?
                """, arguments: Self.arguments(fields) + [Timestamp.now(), actor.username, id, expectedVersion])
            return try Self.savedOrConflict(db, id: id)
        }
    }

    /// Archives (or restores) a customer: archived customers leave the
    /// everyday list but keep their history.
    @discardableResult
    public func setArchived(id: Int64, _ archived: Bool, expectedVersion: Int, by actor: Actor) throws -> Customer {
        try database.write { db in
            try db.execute(sql: """
                UPDATE customers SET archived = ?, version = version + 1, updated_at = ?, updated_by = ?
                WHERE id = ? AND version = ?
                """, arguments: [archived, Timestamp.now(), actor.username, id, expectedVersion])
            return try Self.savedOrConflict(db, id: id)
        }
    }

    private static func savedOrConflict(_ db: Database, id: Int64) throws -> Customer {
        let changed = db.changesCount
        guard let current = try Customer.fetchOne(db, sql: "SELECT * FROM customers WHERE id = ?", arguments: [id]) else {
            throw KontorError.notFound(entity: "customer", id: id)
        }
        if changed == 0 {
            throw KontorError.conflict(entity: "customer", id: id, changedBy: current.updatedBy, changedAt: current.updatedAt)
        }
        return current
    }

    static func arguments(_ f: CustomerFields) -> StatementArguments {
        [f.name, f.contactName, f.email, f.phone, f.street, f.postalCode, f.city, f.country,
         f.vatID, f.notes, TextFolding.sortKey(f.name), TextFolding.searchAlias(f.name, f.contactName)]
    }
}
