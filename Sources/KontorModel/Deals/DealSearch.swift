import GRDB

/// Finding a deal by what a person remembers of it: its number, words of its
/// title, or its customer — for the board's `/`, the palette's `deal …` and
/// the search over everything.
///
/// Title words go through the deals' full-text index (`deals_fts`), newest
/// deals first, so a word costs what the few rows asked for cost; the
/// customer side goes through the customers' own search index.
extension DealRepository {
    /// Up to `limit` deals matching `text`, newest first: the deal with that
    /// number (`42` or `#42`; `#42` finds only that deal), then deals whose title has words starting
    /// with every typed word, then deals of customers whose searchable
    /// words start with every typed word, then deals where each typed word
    /// starts a word of either (`searchAcross`; case and accents ignored,
    /// as everywhere).
    public func search(_ text: String, limit: Int) throws -> [DealSummary] {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty, limit > 0 else { return [] }
        return try database.read { db in
            var found: [DealSummary] = []
            func add(_ rows: [DealSummary]) {
                for row in rows where found.count < limit && !found.contains(where: { $0.id == row.id }) { found.append(row) }
            }
            let select = DealSummary.select(today: today)
            if let id = Self.number(words) {
                add(try fetch(db, "\(select) WHERE d.id = \(id)"))
            }
            if Self.onlyNumber(words) != nil { return found }
            guard let match = TextFolding.ftsQuery(text) else { return found }
            if found.count < limit {
                let titles = SQLiteSpecific.fullTextHits("deals_fts", matching: match, newestFirst: limit)
                add(try fetch(db, "\(select) WHERE d.id IN (\(titles)) ORDER BY d.id DESC"))
            }
            if found.count < limit {
                // A bounded set of customers: a common word ("gmbh") would
                // otherwise list a good part of the customer table. The
                // newest deals' ids first, from the index on the customer;
                // then only their rows, joined: the join read every one of
                // those customers' rows and deals before sorting ("schmid"
                // at a million customers 34 ms with the file out of the
                // system's cache, 9 ms so).
                add(try fetch(db, "\(select) WHERE d.id IN (\(Self.newestOfCustomers(matching: match, limit: limit))) ORDER BY d.id DESC"))
            }
            let searched = TextFolding.searchWords(text)
            if found.count < limit, searched.count > 1 {
                let across = try searchAcross(db, words: searched, limit: limit)
                if !across.isEmpty {
                    add(try fetch(db, "\(select) WHERE d.id IN (\(SQLiteSpecific.idList(across))) ORDER BY d.id DESC"))
                }
            }
            return found
        }
    }

    /// The ids of the newest `limit` deals of (at most 500) customers the
    /// full-text query `match` finds, read from the deals' index on the
    /// customer.
    static func newestOfCustomers(matching match: String, limit: Int) -> SQL {
        """
        SELECT id FROM deals WHERE customer_id IN (\(SQLiteSpecific.fullTextHits("customers_fts", matching: match, limit: 500)))
        ORDER BY id DESC LIMIT \(limit)
        """
    }

    /// How many deals `search` finds for `text` in all, counting no
    /// further than `cap`: `isCapped` when the count is a lower bound
    /// (more than `cap`, or words so common that not every hit was
    /// looked at). Reads the full-text indexes' hits, never every deal.
    public func count(matching text: String, cap: Int = 1000) throws -> (count: Int, isCapped: Bool) {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return (0, false) }
        return try database.read { db in
            var found = Set<Int64>()
            var capped = false
            if let id = Self.number(words), try Int.fetchOne(db, sql: "SELECT count(*) FROM deals WHERE id = ?", arguments: [id])! > 0 {
                found.insert(id)
            }
            if Self.onlyNumber(words) != nil { return (found.count, false) }
            guard let match = TextFolding.ftsQuery(text) else { return (found.count, false) }
            let titles = try SQLiteSpecific.fullTextHitIDs(db, "deals_fts", matching: match, limit: cap + 1)
            capped = capped || titles.count > cap
            found.formUnion(titles)
            let customers = try SQLiteSpecific.fullTextHitIDs(db, "customers_fts", matching: match, limit: cap + 1)
            capped = capped || customers.count > cap
            if !customers.isEmpty {
                found.formUnion(try Int64.fetchAll(db, SQLRequest<Int64>(literal: """
                    SELECT id FROM deals WHERE customer_id IN (\(SQLiteSpecific.idList(customers))) LIMIT \(cap + 1)
                    """)))
            }
            let searched = TextFolding.searchWords(text)
            if found.count <= cap, searched.count > 1 {
                let across = try searchAcrossHits(db, words: searched, limit: cap + 1)
                capped = capped || !across.complete
                found.formUnion(across.ids)
            }
            return found.count > cap ? (cap, true) : (found.count, capped)
        }
    }

    /// The deal number typed as the only word: `42` or `#42`.
    static func number(_ words: [String]) -> Int64? {
        guard words.count == 1 else { return nil }
        return TypedNumber(words[0])?.value
    }

    /// `#42` as the only word: that deal and nothing else, as `#42` finds
    /// only ticket 42.
    static func onlyNumber(_ words: [String]) -> Int64? {
        guard words.count == 1, let number = TypedNumber(words[0]), number.isMarked else { return nil }
        return number.value
    }

    private func fetch(_ db: Database, _ request: SQL) throws -> [DealSummary] {
        try DealSummary.fetchAll(db, SQLRequest<DealSummary>(literal: request))
    }
}
