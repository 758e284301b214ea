import Foundation
import KontorText
import GRDB

/// The queue narrowed by what a person types: a ticket number, words of the
/// subject, or of the customer's name.
///
/// Each typed word must be found somewhere: as the ticket number (`#42`
/// finds only the number, `42` also subjects and customers), as the start of
/// a word of the subject, or of a word of the customer (name, contact, city,
/// …: whatever the customer list's filter finds). Case and accents are
/// ignored in both, so "uber" finds "Über" and "muller" finds Müller.
///
/// One full-text index holds both (`tickets_fts`, see `TicketSearchIndex`),
/// so all the words are one FTS5 query, and its hits are counted in a
/// millisecond at a million customers. How a search then runs depends on
/// how many they are, as in the customer list: few are collected and sorted
/// once; many are found by walking the queue's index in order, keeping the
/// hits, which fills a screen quickly precisely because hits are then
/// common.
extension TicketRepository {
    /// Prepares a search for paging: decides how to run it and counts the
    /// matches when that is cheap. Nothing typed gives the plain queue.
    ///
    /// `previous`, the search the list showed before this one (nil after a
    /// change to the data): when its candidates hold every ticket this one
    /// can find (a letter typed further), its keys are narrowed in memory
    /// rather than read again.
    public func prepareSearch(_ query: TicketQueueQuery, matching text: String, sort: ListSort? = nil,
                              countCap: Int = 10_000, previous: PreparedTicketSearch? = nil) throws -> PreparedTicketSearch {
        let search = try prepareSearch(query, matching: text, countCap: countCap, narrowLimit: nil, previous: previous)
        return try sorted(search, by: sort)
    }

    /// The most urgent `limit` open tickets `text` finds, not counted: a
    /// glance at a few (the palette's search over everything). For so few
    /// rows, walking the queue pays long before it does for a screen's
    /// window (`PreparedTicketSearch.glanceLimit`).
    public func glance(matching text: String, limit: Int) throws -> [TicketSummary] {
        try glance(matching: text, limit: limit, walkAbove: PreparedTicketSearch.glanceLimit)
    }

    /// `glance` walking the queue above `walkAbove` hits (for tests).
    func glance(matching text: String, limit: Int, walkAbove: Int) throws -> [TicketSummary] {
        try page(prepareSearch(TicketQueueQuery(), matching: text, countCap: limit, narrowLimit: walkAbove), after: nil, limit: limit)
    }

    func prepareSearch(_ query: TicketQueueQuery, matching text: String, countCap: Int, narrowLimit: Int?,
                       previous: PreparedTicketSearch? = nil) throws -> PreparedTicketSearch {
        let typed = (Self.searchWords(text) ?? []).map(WordMatch.init)
        guard !typed.isEmpty else {
            let n = try count(query, cap: countCap)
            return PreparedTicketSearch(query: query, text: text, plan: .all, count: n, isCountCapped: n >= countCap)
        }
        let view = queueCondition(query)
        let cap = narrowLimit ?? PreparedTicketSearch.narrowLimit
        return try database.read { db in
            guard let hits = try TypedTicketWords(typed).candidates(db) else {
                return PreparedTicketSearch(query: query, text: text, plan: .keys([]), count: 0, isCountCapped: false)
            }
            guard hits.found.count <= cap else {
                let filter: SQL = " AND \(sql: SQLiteSpecific.unindexed("t.id")) IN (\(hits.ids))"
                // The index holds the open tickets and nothing else: over the
                // whole queue its hits are the count, unless a number typed
                // adds a ticket of its own (which may be closed).
                let counted = query == .allOpen && !typed.contains { $0.id != nil } ? hits.found.count : nil
                return PreparedTicketSearch(query: query, text: text, plan: .scan(view + filter, BroadTicketHits(view: view, ids: hits.found)),
                                            count: counted, isCountCapped: false)
            }
            let examined = Set(hits.found)
            let keys = try previous?.keys(narrowedTo: examined, for: query) ?? Row.fetchAll(
                db, SQLRequest<Row>(literal: Self.queueKeys(of: SQLiteSpecific.idList(hits.found), view))
            ).map { TicketQueueKey(slaDue: $0[0], id: $0[1]) }
            var search = PreparedTicketSearch(query: query, text: text, plan: .keys(keys), count: keys.count, isCountCapped: false)
            search.examined = examined
            return search
        }
    }

    /// The queue's keys of the tickets `ids` selects that are in `view`, in
    /// queue order: read from the open tickets' narrow index
    /// (`v37-ticket-keys`), a few pages, not from each ticket's wide row.
    static func queueKeys(of ids: SQL, _ view: SQL) -> SQL {
        let tickets = SQLiteSpecific.table("tickets t", indexedBy: "tickets_open_keys")
        return "SELECT t.sla_due, t.id FROM \(sql: tickets) WHERE t.id IN (\(ids)) AND \(view) ORDER BY t.sla_due, t.id"
    }

    /// Up to `limit` matching tickets after `key` (from the most urgent when
    /// nil), most urgent first.
    public func page(_ search: PreparedTicketSearch, after key: TicketQueueKey?, inclusive: Bool = false, limit: Int) throws -> [TicketSummary] {
        switch search.plan {
        case .all:
            return try page(search.query, after: key, inclusive: inclusive, limit: limit)
        case let .keys(keys):
            return try rows(for: KeyedPages.after(key, in: keys, inclusive: inclusive, limit: limit, precedes: <))
        case let .scan(_, hits):
            return try walk(hits, from: key, forward: true, inclusive: inclusive, limit: limit)
        case .sortedKeys, .sortedWalk:
            return try sortedPage(search, after: key, inclusive: inclusive, limit: limit)
        }
    }

    /// Up to `limit` matching tickets before `key` (the least urgent when
    /// nil), in queue order.
    public func page(_ search: PreparedTicketSearch, before key: TicketQueueKey?, limit: Int) throws -> [TicketSummary] {
        switch search.plan {
        case .all:
            return try page(search.query, before: key, limit: limit)
        case let .keys(keys):
            return try rows(for: KeyedPages.before(key, in: keys, limit: limit, precedes: <))
        case let .scan(_, hits):
            return try walk(hits, from: key, forward: false, limit: limit).reversed()
        case .sortedKeys, .sortedWalk:
            return try sortedPage(search, before: key, limit: limit)
        }
    }

    /// Up to `limit` open tickets matching `query` and `text` after `key`
    /// (from the most urgent when nil), most urgent first. Prepares the
    /// search each time: for one-off reads; lists keep a `PreparedTicketSearch`.
    public func page(_ query: TicketQueueQuery, matching text: String, after key: TicketQueueKey?, inclusive: Bool = false,
                     limit: Int) throws -> [TicketSummary] {
        try page(prepareSearch(query, matching: text), after: key, inclusive: inclusive, limit: limit)
    }

    /// Up to `limit` open tickets matching `query` and `text` before `key`
    /// (the least urgent when nil), in queue order.
    public func page(_ query: TicketQueueQuery, matching text: String, before key: TicketQueueKey?, limit: Int) throws -> [TicketSummary] {
        try page(prepareSearch(query, matching: text), before: key, limit: limit)
    }

    /// How many open tickets match, counting no further than `cap`.
    public func count(_ query: TicketQueueQuery, matching text: String, cap: Int = 10_000) throws -> Int {
        let search = try prepareSearch(query, matching: text, countCap: cap)
        if let count = search.count { return min(count, cap) }
        guard case let .scan(filter, _) = search.plan else { return 0 }
        let tickets = SQLiteSpecific.table("tickets t", indexedBy: "tickets_queue")
        return try database.read { db in
            try Int.fetchOne(db, SQLRequest<Int>(literal: "SELECT count(*) FROM (SELECT 1 FROM \(sql: tickets) WHERE \(filter) LIMIT \(cap))"))!
        }
    }

    /// How SQLite reads the first page of a search (EXPLAIN QUERY PLAN
    /// details), so tests can make sure a broad search walks the queue's
    /// index in order rather than sort, and a narrow one reads the indexes.
    func searchPlan(_ search: PreparedTicketSearch, after key: TicketQueueKey?) throws -> [String] {
        guard case .scan = search.plan else { return [] }
        return try database.read { db in try SQLiteSpecific.queryPlan(db, walkRound(from: key, forward: true, limit: 50)) }
    }

    /// The queues that open tickets are in, the standard ones first (even
    /// when empty), then any others by name: what a "per queue" view offers.
    public func openQueues() throws -> [String] {
        let used = try database.read { db in
            try String.fetchAll(db, sql: """
                SELECT DISTINCT t.queue FROM tickets t WHERE \(TicketSummary.openCondition)
                """)
        }
        let others = Set(used).subtracting(TicketText.standardQueues).sorted()
        return TicketText.standardQueues + others
    }

    /// The typed words that can match something (a number, or a word with a
    /// letter or digit), or nil when there are none.
    static func searchWords(_ text: String) -> [String]? {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init).filter { word in
            TypedNumber(word) != nil || TextFolding.ftsQuery(word) != nil
        }
        return words.isEmpty ? nil : words
    }

    // MARK: Pieces

    /// One round of a walk: `limit` entries of the queue's narrow index
    /// from `key`, in queue order, keys only.
    private func walkRound(from key: TicketQueueKey?, forward: Bool, inclusive: Bool = false, limit: Int) -> SQL {
        let queue = SQLiteSpecific.table("tickets t", indexedBy: "tickets_queue")
        return TicketSummary.queueOrder.page("SELECT t.sla_due, t.id FROM \(sql: queue) WHERE t.sla_due IS NOT NULL", from: key?.values,
                                             forward: forward, inclusive: inclusive, limit: limit)
    }

    /// Up to `limit` tickets of a broad search from `key` on, nearest
    /// first. The queue's narrow index is walked in order, its entries kept
    /// when they are hits, and only those rows are read (and kept when in
    /// the view): a window reads a few hundred index entries and its own
    /// rows. The hits were read once, when the search was prepared; before,
    /// every window had SQLite gather all of them again into a list for
    /// `IN` (“d”: 41 681 ids, 4 of a window's 5 ms at a million customers),
    /// and read the row of every ticket it passed to check the view.
    private func walk(_ hits: BroadTicketHits, from key: TicketQueueKey?, forward: Bool, inclusive: Bool = false,
                      limit: Int) throws -> [TicketSummary] {
        try database.read { db in
            var found: [TicketSummary] = []
            var from = key
            var inclusive = inclusive
            // A window's worth to begin with; more each round when hits are
            // rare in the queue, so a sparse search takes a few reads.
            var chunk = max(2 * limit, 64)
            while found.count < limit {
                let request = walkRound(from: from, forward: forward, inclusive: inclusive, limit: chunk)
                let keys = try Row.fetchAll(db, SQLRequest<Row>(literal: request)).map { TicketQueueKey(slaDue: $0[0], id: $0[1]) }
                let candidates = keys.filter { hits.contains($0.id) }.map(\.id)
                if !candidates.isEmpty {
                    let rows = try TicketSummary.fetchAll(db, SQLRequest<TicketSummary>(literal: """
                        \(sql: TicketSummary.select) WHERE t.id IN (\(SQLiteSpecific.idList(candidates))) AND \(hits.view)
                        """))
                    let byID = Dictionary(rows.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
                    found += candidates.lazy.compactMap { byID[$0] }.prefix(limit - found.count)
                }
                guard keys.count == chunk, let last = keys.last else { break }
                from = last
                inclusive = false
                chunk = min(2 * chunk, 4_096)
            }
            return found
        }
    }

    func rows(for keys: ArraySlice<TicketQueueKey>) throws -> [TicketSummary] {
        let values = Dictionary(keys.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        return try KeyedPages.rows(keys.map(\.id)) { ids in
            try summaries("\(sql: TicketSummary.select) WHERE t.id IN (\(SQLiteSpecific.idList(ids)))")
        }.map { row in
            var row = row
            row.sortValue = values[row.id] ?? nil
            return row
        }
    }
}

/// A search ready for paging; see `TicketRepository.prepareSearch`.
public struct PreparedTicketSearch: Sendable {
    enum Plan: Sendable {
        /// Nothing typed: the queue itself.
        case all
        /// Few matches: their keys, sorted once, paged in memory.
        case keys([TicketQueueKey])
        /// Many: walk the queue's index in order, keeping the hits (read
        /// once); the condition says the same for counting and sorting.
        case scan(SQL, BroadTicketHits)
        /// Sorted by a chosen column, few: their keys with the column's
        /// value, sorted once, paged in memory.
        case sortedKeys([TicketQueueKey])
        /// Sorted by a chosen column, many: walk the column's index in
        /// order, keeping the rows that match this condition.
        case sortedWalk(SQL)
    }

    public let query: TicketQueueQuery
    public let text: String
    var plan: Plan
    /// The tickets a `.keys` search found before its view was applied:
    /// what a search typed further may narrow its keys from.
    var examined: Set<Int64> = []
    /// The column the queue is sorted by; nil for SLA order.
    public internal(set) var sort: ListSort? = nil
    /// The column asked for that the queue is not sorted by, because it
    /// holds too many tickets for that column (`sortableWhenFew`).
    public internal(set) var refusedSort: ListSort? = nil
    /// Whether it holds at most `fewLimit` tickets, once known.
    var few: Bool? = nil
    /// Up to this many tickets are sorted by any column (in memory).
    var fewLimit = TicketRepository.sortNarrowLimit

    /// Whether every column may sort it: it holds few enough tickets to
    /// sort in memory (`TicketRepository.sortableWhenFew`), as far as is
    /// known without counting again: a queue whose count stopped at its cap
    /// is not known to, unless a sort already counted it. (Counting every
    /// queue past its cap after each save in the office cost 200 sessions a
    /// tenth of a core.) A broad search (walked, uncounted) does not.
    public var sortsEveryColumn: Bool {
        switch plan {
        case let .keys(keys), let .sortedKeys(keys): return keys.count <= fewLimit
        case .all, .sortedWalk: return few ?? count.map { !isCountCapped && $0 <= fewLimit } ?? false
        case .scan: return false
        }
    }

    /// Counts, once, whether the queue holds few enough tickets to sort
    /// by any column: from the count it has, or counting past its cap.
    mutating func isFew(_ repository: TicketRepository) throws -> Bool {
        if let few { return few }
        guard case .all = plan else { return sortsEveryColumn }
        let counted = count.flatMap { isCountCapped ? nil : $0 }
        let few = try (counted ?? repository.count(query, cap: fewLimit + 1)) <= fewLimit
        self.few = few
        return few
    }

    /// These keys narrowed to `hits`, when they came from a search of the
    /// same view whose candidates held every one of `hits`; nil otherwise.
    func keys(narrowedTo hits: Set<Int64>, for query: TicketQueueQuery) -> [TicketQueueKey]? {
        guard case let .keys(keys) = plan, !examined.isEmpty, self.query == query, hits.isSubset(of: examined) else { return nil }
        return keys.filter { hits.contains($0.id) }
    }

    /// The search as it was, saying which sort it could not take.
    func refusing(_ sort: ListSort?) -> PreparedTicketSearch {
        var search = self
        search.refusedSort = sort
        return search
    }
    /// How many tickets match; nil when they are too many to count quickly
    /// (a broad search in a view of the queue: type more to see the number).
    public let count: Int?
    /// True when `count` stopped at the cap it was given ("1 000+").
    public let isCountCapped: Bool

    /// Hits that are still quicker to collect and sort than to find by
    /// walking the queue. Collecting costs in proportion to the hits (about
    /// a microsecond each), walking in proportion to the queue over the share
    /// that matches; the two meet near the square root of their product: for
    /// a window of 100 and the 60 000 open tickets of a million customers,
    /// about 2 500. At that many, collecting takes a few milliseconds at any
    /// size, and a walk keeps at least one row in 25 even at ten times the
    /// tickets.
    static let narrowLimit = 2_500

    /// The same meeting point for a glance of a few rows (`glance`): for 3
    /// of the 60 000 open tickets of a million customers, near the square
    /// root of 3 × 60 000, about 420; lower still since with the file out
    /// of the system's cache collected hits are read a page here and there
    /// (from their rows, "schmid"'s 2 000 took 45–66 ms; from the open
    /// tickets' keys since `v37-ticket-keys`, about a fifth of that) while
    /// the walk reads the queue's index in order.
    static let glanceLimit = 250
}

/// One typed word and what it can be.
struct WordMatch {
    /// The ticket number it can be.
    var id: Int64?
    /// `#42`: the number and nothing else.
    var onlyID: Bool
    /// The word as an FTS5 query (a word start), for subjects and customers.
    var fts: String?

    init(_ word: String) {
        let number = TypedNumber(word)
        onlyID = number?.isMarked ?? false
        id = number?.value
        fts = onlyID ? nil : TextFolding.ftsQuery(word)
    }
}

/// The typed words together: which open tickets can match all of them.
///
/// A ticket matches when every word is a word start of its subject or
/// customer, or is the ticket's number. That is the index's hits for all
/// the words at once, plus each number typed, when the ticket of that
/// number matches the other words (`4711 drucker`: ticket 4711 if it is
/// about a printer, and every printer ticket of a customer whose phone
/// holds 4711).
struct TypedTicketWords {
    let words: [WordMatch]

    init(_ words: [WordMatch]) { self.words = words }

    /// The candidates as a query of ticket ids, and as read now: all of
    /// them (the index holds open tickets only, some 60 000 at a million
    /// customers, read in a millisecond or two); nil when nothing can match
    /// (two different `#` numbers). Read once, so a narrow search asks the
    /// full-text index once, not to count and again to collect, and a broad
    /// one once for all its windows.
    func candidates(_ db: Database) throws -> (ids: SQL, found: [Int64])? {
        let only = Set(words.compactMap { $0.onlyID ? $0.id : nil })
        guard only.count <= 1 else { return nil }
        let ids: SQL
        if let number = only.first {
            ids = ticket(number, matchingAllBut: { $0.onlyID || $0.id == number })
        } else {
            var sources: [SQL] = []
            if let all = Self.query(words) {
                sources.append(SQLiteSpecific.fullTextHits("tickets_fts", matching: all))
            }
            for number in Set(words.compactMap(\.id)) {
                sources.append(ticket(number, matchingAllBut: { $0.id == number }))
            }
            ids = sources.joined(separator: " UNION ALL ")
        }
        let found = try Int64.fetchAll(db, SQLRequest<Int64>(literal: ids))
        return (ids, found)
    }

    /// Ticket `number`, when it matches the words that `skip` leaves.
    private func ticket(_ number: Int64, matchingAllBut skip: (WordMatch) -> Bool) -> SQL {
        guard let rest = Self.query(words.filter { !skip($0) }) else { return "SELECT \(number)" }
        return "SELECT \(number) WHERE \(number) IN (\(SQLiteSpecific.fullTextHits("tickets_fts", matching: rest)))"
    }

    /// One FTS5 query in which every word must match; nil for none.
    private static func query(_ words: [WordMatch]) -> String? {
        let parts = words.compactMap(\.fts)
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }
}

/// The hits of a broad ticket search and the queue view they are kept in.
struct BroadTicketHits: Sendable {
    let view: SQL
    /// Ascending, for a binary search.
    private let ids: [Int64]

    init(view: SQL, ids: [Int64]) {
        self.view = view
        // The index gives its hits in rowid order; a typed number's ticket
        // comes after them.
        self.ids = ids.isSorted ? ids : ids.sorted()
    }

    func contains(_ id: Int64) -> Bool {
        var low = 0, high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id
    }
}

private extension Array where Element == Int64 {
    var isSorted: Bool { zip(self, dropFirst()).allSatisfy { $0 <= $1 } }
}
