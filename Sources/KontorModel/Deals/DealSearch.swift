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
    /// number (`42` or `#42`), then deals whose title has words starting
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
            if words.count == 1, let id = Int64(words[0].hasPrefix("#") ? String(words[0].dropFirst()) : words[0]) {
                add(try fetch(db, "\(select) WHERE d.id = \(id)"))
            }
            guard let match = TextFolding.ftsQuery(text) else { return found }
            if found.count < limit {
                let titles = SQLiteSpecific.fullTextHits("deals_fts", matching: match, newestFirst: limit)
                add(try fetch(db, "\(select) WHERE d.id IN (\(titles)) ORDER BY d.id DESC"))
            }
            if found.count < limit {
                // A bounded set of customers: a common word ("gmbh") would
                // otherwise list a good part of the customer table.
                add(try fetch(db, """
                    \(select) WHERE d.customer_id IN (\(SQLiteSpecific.fullTextHits("customers_fts", matching: match, limit: 500)))
                    ORDER BY d.id DESC LIMIT \(limit)
                    """))
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

    private func fetch(_ db: Database, _ request: SQL) throws -> [DealSummary] {
        try DealSummary.fetchAll(db, SQLRequest<DealSummary>(literal: request))
    }
}
