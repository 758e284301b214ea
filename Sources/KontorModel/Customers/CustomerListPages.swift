import KontorLocale
import Foundation
import KontorText
import GRDB

/// The customer list: a filter prepared once (collected keys or a walk of
/// the name index), then paged in either direction.
extension CustomerRepository {
    /// Prepares a query for paging: decides how to search and counts the matches.
    ///
    /// A filter that matches few customers (a name, a phone number) is looked
    /// up in the FTS5 index and the hits' keys sorted once; pages are then cut
    /// from those keys. A filter that matches very many (the first letter or
    /// two typed) would make that sort cost what the table costs; instead the
    /// list walks the name index in order and keeps the rows whose folded
    /// words match, which fills a screen quickly precisely because matches
    /// are dense. `PreparedCustomerQuery.narrowLimit` is where the two cost the same.
    ///
    /// `previous`, the query the list showed before this one (nil after a
    /// change to the data): when it found every customer this one finds,
    /// their keys are taken from it rather than read again.
    public func prepare(_ query: CustomerQuery, previous: PreparedCustomerQuery? = nil) throws -> PreparedCustomerQuery {
        try prepare(query, narrowLimit: nil, previous: previous)
    }

    /// `prepare(_:)` with the number of hits collected before walking
    /// instead given (for tests that compare the two ways); nil for the
    /// one that suits the table's size. `sortLimit`: the most customers
    /// sorted by a column without an index (`sortNarrowLimit`).
    func prepare(_ query: CustomerQuery, narrowLimit: Int?, sortLimit: Int = sortNarrowLimit,
                 previous: PreparedCustomerQuery? = nil) throws -> PreparedCustomerQuery {
        guard let match = TextFolding.ftsQuery(query.text) else {
            let count = try database.read { db in
                try Int.fetchOne(db, sql: "SELECT n FROM customer_counts WHERE archived = ?", arguments: [query.archived]) ?? 0
            }
            var all = PreparedCustomerQuery(query: query, plan: .all, count: count, isCountCapped: false)
            all.fewLimit = sortLimit
            guard Self.sortsOnlyFew(query.sort), let order = Self.order(query.sort) else { return all }
            guard all.sortsEveryColumn else {
                all.refusedSort = query.sort
                return all
            }
            // A column without an index, a short list: every key, sorted once.
            let sorted = try database.read { db in try Self.sortedKeys(db, order, where: "archived = \(query.archived)") }
            var keyed = PreparedCustomerQuery(query: query, plan: .keys(sorted), count: sorted.count, isCountCapped: false)
            keyed.fewLimit = sortLimit
            return keyed
        }
        return try database.read { db in
            let total = try Int.fetchOne(db, sql: "SELECT sum(n) FROM customer_counts") ?? 0
            let cap = narrowLimit ?? PreparedCustomerQuery.narrowLimit(total: total)
            // The hits once, up to one past the cap: several words are an
            // intersection of long lists inside the index, not to be made
            // twice. A customer's own words, and its contact persons'.
            let own = try SQLiteSpecific.fullTextHitIDs(db, "customers_fts", matching: match, limit: cap + 1)
            // The contact persons once too, as many as either limit asks
            // about; when the customers' own words already make the filter
            // broad, only whether they are few (a common prefix's hits cost
            // a few milliseconds per thousand at a million).
            let few = PreparedCustomerQuery.broadContactLimit
            let peopleLimit = own.count > cap ? few : max(cap, few)
            let people = try SQLiteSpecific.fullTextHitIDs(db, "contacts_fts", matching: match, limit: peopleLimit + 1)
            let viaContacts = own.count > cap || people.count > cap ? [] : try Self.customers(ofContacts: people, db)
            var hits = Set(own).union(viaContacts)
            // A number typed is also the customer of that number, as the
            // pickers show it ("#1452": that one alone).
            let number = TypedNumber(query.text.trimmingCharacters(in: .whitespaces))
            let marked = number?.isMarked == true
            if let number {
                if marked { hits = [] }
                hits.insert(number.value)
            }
            // (A phone number's pieces are no words to share out: read from
            // disk, looking them up took 60 ms for a whole number typed.)
            if own.count <= cap, people.count <= cap, hits.count < Self.acrossBelow, !TextFolding.isInternationalPhone(query.text), !marked {
                // Words that lie between the customer and its contacts.
                hits.formUnion(try Self.acrossCustomerAndContacts(db, words: TextFolding.searchWords(query.text)))
            }
            if !marked, own.count > cap || people.count > cap || hits.count > cap {
                let fewContacts = people.count <= few
                var broad = PreparedCustomerQuery(query: query, plan: .scan(TextFolding.likePatterns(query.text), contacts: fewContacts ? match : nil),
                                                  count: cap, isCountCapped: true)
                if Self.sortsOnlyFew(query.sort) { broad.refusedSort = query.sort }
                return broad
            }
            // Few enough to hold their keys: sort them once, page in memory.
            // (The unindexed `archived` keeps SQLite from walking the whole name index.)
            let keys: [CustomerListKey]
            if let narrowed = previous?.keys(narrowedTo: hits, for: query) {
                keys = narrowed
            } else if let order = Self.order(query.sort) {
                keys = try Self.sortedKeys(db, order, where: """
                    \(sql: SQLiteSpecific.unindexed("archived")) = \(query.archived) AND id IN (\(SQLiteSpecific.idList(hits)))
                    """)
            } else {
                keys = try Row.fetchAll(db, SQLRequest<Row>(literal: """
                    SELECT sort_key, id FROM customers
                    WHERE \(sql: SQLiteSpecific.unindexed("archived")) = \(query.archived) AND id IN (\(SQLiteSpecific.idList(hits)))
                    ORDER BY sort_key, id
                    """)).map { CustomerListKey(sortKey: $0[0], id: $0[1]) }
            }
            var prepared = PreparedCustomerQuery(query: query, plan: .keys(keys), count: keys.count, isCountCapped: false)
            prepared.examined = hits
            return prepared
        }
    }

    /// The keys of the customers `condition` finds, with the value of the
    /// order's column, in that order: for a list short enough to sort in memory.
    private static func sortedKeys(_ db: Database, _ order: ColumnOrder, where condition: SQL) throws -> [CustomerListKey] {
        try order.sorted(Row.fetchAll(db, SQLRequest<Row>(literal: "SELECT \(sql: order.selected), id FROM customers WHERE \(condition)"))
            .map { CustomerListKey(sortKey: "", id: $0["id"], value: $0.sortValue ?? .null) })
    }

    /// The list's order: by folded name, then id.
    static let listOrder = Keyset("sort_key", "id")

    /// Up to `limit` rows after `key` (from the start when nil), in list order.
    public func page(_ query: PreparedCustomerQuery, after key: CustomerListKey?, inclusive: Bool = false, limit: Int) throws -> [CustomerSummary] {
        let order = Self.order(query.sort)
        let key = try key.map { try valued($0, order) }
        if case let .keys(keys) = query.plan {
            return try rows(for: KeyedPages.after(key, in: keys, inclusive: inclusive, limit: limit, precedes: precedes(order)))
        }
        if let order {
            return try summaries(order.keyset.page(base(query, order), from: key.map { order.key($0.value, $0.id) }, forward: true,
                                                   inclusive: inclusive, limit: limit))
        }
        return try summaries(Self.listOrder.page(base(query), from: key.map { [$0.sortKey, $0.id] }, forward: true,
                                                 inclusive: inclusive, limit: limit))
    }

    /// Up to `limit` rows before `key` (the last rows when nil), in list order.
    public func page(_ query: PreparedCustomerQuery, before key: CustomerListKey?, limit: Int) throws -> [CustomerSummary] {
        let order = Self.order(query.sort)
        let key = try key.map { try valued($0, order) }
        if case let .keys(keys) = query.plan {
            return try rows(for: KeyedPages.before(key, in: keys, limit: limit, precedes: precedes(order)))
        }
        if let order {
            return try summaries(order.keyset.page(base(query, order), from: key.map { order.key($0.value, $0.id) }, forward: false,
                                                   limit: limit)).reversed()
        }
        return try summaries(Self.listOrder.page(base(query), from: key.map { [$0.sortKey, $0.id] }, forward: false,
                                                 limit: limit)).reversed()
    }

    /// The list rows of these keys, in the keys' order. Rows deleted since the
    /// keys were read are left out.
    private func rows(for keys: ArraySlice<CustomerListKey>) throws -> [CustomerSummary] {
        let values = Dictionary(keys.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        return try KeyedPages.rows(keys.map(\.id)) { ids in
            try summaries("SELECT \(sql: CustomerSummary.columns) FROM customers WHERE id IN (\(SQLiteSpecific.idList(ids)))")
        }.map { row in
            var row = row
            row.sortValue = values[row.id] ?? nil
            return row
        }
    }

    private func summaries(_ request: SQL) throws -> [CustomerSummary] {
        try database.read { db in try CustomerSummary.fetchAll(db, SQLRequest<CustomerSummary>(literal: request)) }
    }

    /// Up to `limit` active customers whose name begins with `text` (as the
    /// list sorts names: folded), in list order: a range of the name index.
    /// For a lookup that puts such names first, however far down the
    /// filter's order they come ("Ziegler Technik" after "Kuhn & Ziegler").
    public func namesStarting(with text: String, limit: Int) throws -> [CustomerSummary] {
        let start = TextFolding.sortKey(text)
        guard !start.isEmpty, limit > 0 else { return [] }
        return try summaries("""
            SELECT \(sql: CustomerSummary.columns) FROM customers
            WHERE archived = 0 AND sort_key >= \(start) AND sort_key < \(start + "\u{10FFFF}")
            ORDER BY sort_key, id LIMIT \(limit)
            """)
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

    /// The plan's rows, as a query ending in its WHERE clause.
    func base(_ query: PreparedCustomerQuery, _ order: ColumnOrder? = nil) -> SQL {
        let columns = CustomerSummary.columns + (order.map { ", " + $0.selected } ?? "")
        var sql: SQL = "SELECT \(sql: columns) FROM customers WHERE archived = \(query.query.archived)"
        switch query.plan {
        case .all:
            break
        case .keys:
            preconditionFailure("keyed queries are paged in memory")
        case let .scan(patterns, contacts):
            // Every word in the customer's own words (read from the name
            // index the walk is on), or every word in one contact person's,
            // when those are few (see `broadContactLimit`).
            let own: SQL = patterns.map { LikePattern.matches("search_text", $0) }.joined(separator: " AND ")
            guard let contacts else {
                sql += " AND \(own)"
                break
            }
            let people = SQLiteSpecific.fullTextHits("contacts_fts", matching: contacts)
            sql += " AND (\(own) OR \(sql: SQLiteSpecific.unindexed("id")) IN (\(Self.customerIDs(ofContacts: people))))"
        }
        return sql
    }
}
