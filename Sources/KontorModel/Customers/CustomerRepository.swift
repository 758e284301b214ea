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

    /// Prepares a query for paging: decides how to search and counts the matches.
    ///
    /// A filter that matches few customers (a name, a phone number) is looked
    /// up in the FTS5 index and the hits' keys sorted once; pages are then cut
    /// from those keys. A filter that matches very many (the first letter or
    /// two typed) would make that sort cost what the table costs; instead the
    /// list walks the name index in order and keeps the rows whose folded
    /// words match, which fills a screen quickly precisely because matches
    /// are dense. `PreparedCustomerQuery.narrowLimit` is where the two cost the same.
    public func prepare(_ query: CustomerQuery) throws -> PreparedCustomerQuery {
        guard let match = TextFolding.ftsQuery(query.text) else {
            let count = try database.read { db in
                try Int.fetchOne(db, sql: "SELECT n FROM customer_counts WHERE archived = ?", arguments: [query.archived]) ?? 0
            }
            return PreparedCustomerQuery(query: query, plan: .all, count: count, isCountCapped: false)
        }
        return try database.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT sum(n) FROM customer_counts") ?? 0
            let cap = PreparedCustomerQuery.narrowLimit(total: total)
            let hits = try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ? LIMIT ?)", arguments: [match, cap + 1]) ?? 0
            if hits > cap {
                return PreparedCustomerQuery(query: query, plan: .scan(TextFolding.likePatterns(query.text)), count: cap, isCountCapped: true)
            }
            // Few enough to hold their keys: sort them once, page in memory.
            // (`+archived` keeps SQLite from walking the whole name index.)
            let keys = try Row.fetchAll(db, sql: """
                SELECT sort_key, id FROM customers
                WHERE +archived = ? AND id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)
                ORDER BY sort_key, id
                """, arguments: [query.archived, match]).map { CustomerListKey(sortKey: $0[0], id: $0[1]) }
            return PreparedCustomerQuery(query: query, plan: .keys(keys), count: keys.count, isCountCapped: false)
        }
    }

    /// Up to `limit` rows after `key` (from the start when nil), in list order.
    public func page(_ query: PreparedCustomerQuery, after key: CustomerListKey?, inclusive: Bool = false, limit: Int) throws -> [CustomerSummary] {
        if case let .keys(keys) = query.plan {
            let start = key.map { k in keys.partitioningIndex { inclusive ? !($0 < k) : k < $0 } } ?? 0
            return try rows(for: keys[start...].prefix(limit))
        }
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
    public func page(_ query: PreparedCustomerQuery, before key: CustomerListKey?, limit: Int) throws -> [CustomerSummary] {
        if case let .keys(keys) = query.plan {
            let end = key.map { k in keys.partitioningIndex { !($0 < k) } } ?? keys.count
            return try rows(for: keys[..<end].suffix(limit))
        }
        var (sql, arguments) = base(query)
        if let key {
            sql += " AND (sort_key, id) < (?, ?)"
            arguments += [key.sortKey, key.id]
        }
        sql += " ORDER BY sort_key DESC, id DESC LIMIT ?"
        arguments += [limit]
        return try database.read { db in try CustomerSummary.fetchAll(db, sql: sql, arguments: arguments).reversed() }
    }

    /// The list rows of these keys, in the keys' order. Rows deleted since the
    /// keys were read are left out.
    private func rows(for keys: ArraySlice<CustomerListKey>) throws -> [CustomerSummary] {
        guard !keys.isEmpty else { return [] }
        let ids = keys.map(\.id)
        let placeholders = Array(repeating: "?", count: ids.count).joined(separator: ",")
        let fetched = try database.read { db in
            try CustomerSummary.fetchAll(db, sql: "SELECT \(CustomerSummary.columns) FROM customers WHERE id IN (\(placeholders))",
                                         arguments: StatementArguments(ids))
        }
        let byID = Dictionary(uniqueKeysWithValues: fetched.map { ($0.id, $0) })
        return ids.compactMap { byID[$0] }
    }

    /// Pages of an unprepared query, for callers that page once.
    public func page(_ query: CustomerQuery, after key: CustomerListKey?, inclusive: Bool = false, limit: Int) throws -> [CustomerSummary] {
        try page(prepare(query), after: key, inclusive: inclusive, limit: limit)
    }

    public func page(_ query: CustomerQuery, before key: CustomerListKey?, limit: Int) throws -> [CustomerSummary] {
        try page(prepare(query), before: key, limit: limit)
    }

    /// How many customers the query matches (a lower bound for a broad
    /// filter; see `PreparedCustomerQuery.isCountCapped`).
    public func count(_ query: CustomerQuery) throws -> Int {
        try prepare(query).count
    }

    private func base(_ query: PreparedCustomerQuery) -> (String, StatementArguments) {
        var sql = "SELECT \(CustomerSummary.columns) FROM customers WHERE archived = ?"
        var arguments: StatementArguments = [query.query.archived]
        switch query.plan {
        case .all:
            break
        case let .index(match):
            sql += " AND id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)"
            arguments += [match]
        case .keys:
            preconditionFailure("keyed queries are paged in memory")
        case let .scan(patterns):
            for pattern in patterns {
                sql += " AND search_text LIKE ? ESCAPE '\\'"
                arguments += [pattern]
            }
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
                                       vat_id, notes, sort_key, search_alias, search_text, created_at, updated_at, updated_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
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
                       city = ?, country = ?, vat_id = ?, notes = ?, sort_key = ?, search_alias = ?, search_text = ?,
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
        let derived = derivedColumns(f)
        return [f.name, f.contactName, f.email, f.phone, f.street, f.postalCode, f.city, f.country,
                f.vatID, f.notes, derived.sortKey, derived.alias, derived.searchText]
    }

    /// The columns computed from the fields, for sorting and searching.
    static func derivedColumns(_ f: CustomerFields) -> (sortKey: String, alias: String, searchText: String) {
        let alias = TextFolding.searchAlias(f.name, f.contactName)
        let text = TextFolding.searchText([f.name, f.contactName, f.email, f.city, f.phone, f.vatID, alias])
        return (TextFolding.sortKey(f.name), alias, text)
    }
}
