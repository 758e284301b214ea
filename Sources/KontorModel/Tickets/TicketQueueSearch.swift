import Foundation
import GRDB

/// The queue narrowed by what a person types: a ticket number, words of the
/// subject, or of the customer's name.
///
/// Each typed word must be found somewhere: as the ticket number (`#42`
/// finds only the number, `42` also subjects and customers), inside the subject (case ignored for ASCII letters), or as
/// the start of a word of the customer (name, contact, city, …: whatever the
/// customer list's filter finds, accents ignored, so "muller" finds Müller).
///
/// Pages keep the queue's order and its keyset pagination on
/// `(sla_due, id)`: a page walks the index of open tickets until enough rows
/// match, never sorting the queue. The customer condition is answered from
/// the customers' full-text index; the subject has no index, so a word that
/// matches few tickets walks all open ones (about 20 ms at 20 000 open
/// tickets). A full-text index on subjects would make it constant.
extension TicketRepository {
    /// Up to `limit` open tickets matching `query` and `text` after `key`
    /// (from the most urgent when nil), most urgent first.
    public func page(_ query: TicketQueueQuery, matching text: String, after key: TicketQueueKey?, inclusive: Bool = false,
                     limit: Int) throws -> [TicketSummary] {
        guard let words = Self.searchWords(text) else { return try page(query, after: key, inclusive: inclusive, limit: limit) }
        let (sql, arguments) = searchPage(query, words: words, after: key, inclusive: inclusive, limit: limit)
        return try database.read { db in try TicketSummary.fetchAll(db, sql: sql, arguments: arguments) }
    }

    private func searchPage(_ query: TicketQueueQuery, words: [String], after key: TicketQueueKey?, inclusive: Bool,
                            limit: Int) -> (String, StatementArguments) {
        var (sql, arguments) = searchFilter(query, words: words)
        if let key {
            sql += " AND (t.sla_due, t.id) \(inclusive ? ">=" : ">") (?, ?)"
            arguments += [key.slaDue, key.id]
        }
        sql += " ORDER BY t.sla_due, t.id LIMIT ?"
        arguments += [limit]
        return (TicketSummary.select + sql, arguments)
    }

    /// How SQLite reads a search page (EXPLAIN QUERY PLAN details), so tests
    /// can make sure it walks the queue's index in order rather than sort.
    func searchPlan(_ query: TicketQueueQuery, matching text: String, after key: TicketQueueKey?) throws -> [String] {
        let (sql, arguments) = searchPage(query, words: Self.searchWords(text) ?? [], after: key, inclusive: false, limit: 50)
        return try database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] }
        }
    }

    /// Up to `limit` open tickets matching `query` and `text` before `key`
    /// (the least urgent when nil), in queue order.
    public func page(_ query: TicketQueueQuery, matching text: String, before key: TicketQueueKey?, limit: Int) throws -> [TicketSummary] {
        guard let words = Self.searchWords(text) else { return try page(query, before: key, limit: limit) }
        var (sql, arguments) = searchFilter(query, words: words)
        if let key {
            sql += " AND (t.sla_due, t.id) < (?, ?)"
            arguments += [key.slaDue, key.id]
        }
        sql += " ORDER BY t.sla_due DESC, t.id DESC LIMIT ?"
        arguments += [limit]
        return try database.read { db in
            try TicketSummary.fetchAll(db, sql: TicketSummary.select + sql, arguments: arguments).reversed()
        }
    }

    /// How many open tickets match, counting no further than `cap`.
    public func count(_ query: TicketQueueQuery, matching text: String, cap: Int = 10_000) throws -> Int {
        guard let words = Self.searchWords(text) else { return try count(query, cap: cap) }
        let (filter, arguments) = searchFilter(query, words: words)
        return try database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM (SELECT 1 FROM tickets t \(filter) LIMIT ?)
                """, arguments: arguments + [cap])!
        }
    }

    /// The queues that open tickets are in, the standard ones first (even
    /// when empty), then any others by name: what a "per queue" view offers.
    public func openQueues() throws -> [String] {
        let used = try database.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT queue FROM tickets WHERE sla_due IS NOT NULL AND status IN (\(TicketStatus.openSQL))
                """)
        }
        let others = Set(used).subtracting(TicketText.standardQueues).sorted()
        return TicketText.standardQueues + others
    }

    /// The typed words, or nil when nothing was typed.
    static func searchWords(_ text: String) -> [String]? {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        return words.isEmpty ? nil : words
    }

    /// The queue's WHERE clause (see `queueFilter`) with one condition per
    /// typed word. `sla_due IS NOT NULL` keeps the walk on the partial index
    /// of open tickets.
    private func searchFilter(_ query: TicketQueueQuery, words: [String]) -> (String, StatementArguments) {
        var sql = " WHERE t.sla_due IS NOT NULL AND t.status IN (\(TicketStatus.openSQL))"
        var arguments: StatementArguments = []
        switch query.assignee {
        case .anyone: break
        case let .staff(id):
            sql += " AND t.assignee_id = ?"
            arguments += [id]
        case .nobody:
            sql += " AND t.assignee_id IS NULL"
        }
        if let status = query.status {
            sql += " AND t.status = ?"
            arguments += [status.rawValue]
        }
        if query.breachedOnly {
            sql += " AND t.sla_due < ?"
            arguments += [Timestamp.string(from: now())]
        }
        if let queue = query.queue {
            sql += " AND t.queue = ?"
            arguments += [queue]
        }
        for word in words {
            let number = word.hasPrefix("#") ? String(word.dropFirst()) : word
            let isNumber = !number.isEmpty && number.allSatisfy(\.isASCIIDigit)
            if word.hasPrefix("#"), isNumber, let id = Int64(number) {
                // "#42" means the ticket number and nothing else.
                sql += " AND t.id = ?"
                arguments += [id]
                continue
            }
            var alternatives = ["t.subject LIKE ? ESCAPE '\\'"]
            var values: [any DatabaseValueConvertible] = ["%" + Self.escapeLike(word) + "%"]
            if let match = TextFolding.ftsQuery(word) {
                // The customers' own search index: the same matches as the
                // customer list's filter, without reading a customer row.
                alternatives.append("t.customer_id IN (SELECT rowid FROM customers_fts WHERE customers_fts MATCH ?)")
                values.append(match)
            }
            if isNumber, let id = Int64(number) {
                alternatives.insert("t.id = ?", at: 0)
                values.insert(id, at: 0)
            }
            arguments += StatementArguments(values)
            sql += " AND (" + alternatives.joined(separator: " OR ") + ")"
        }
        return (sql, arguments)
    }

    /// `%`, `_` and the escape character itself, taken literally by LIKE.
    static func escapeLike(_ text: String) -> String {
        var out = ""
        for ch in text {
            if ch == "%" || ch == "_" || ch == "\\" { out.append("\\") }
            out.append(ch)
        }
        return out
    }
}
