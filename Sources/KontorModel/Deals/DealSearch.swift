import GRDB

/// Finding a deal by what a person remembers of it: its number, words of its
/// title, or its customer — for the command palette's `deal …`.
///
/// Deals have no full-text index, so title words are matched with LIKE while
/// walking the deals newest first: a word found in many titles fills the
/// few rows asked for at once; a word found nowhere reads every deal once
/// (about 80 000 in the 200 000-customer demo, some 12 ms). The customer
/// side goes through the customers' own search index.
extension DealRepository {
    /// Up to `limit` deals matching `text`, newest first: the deal with that
    /// number (`42` or `#42`), then deals whose title holds every typed word
    /// (case ignored for ASCII letters), then deals of customers whose
    /// searchable words start with every typed word (accents ignored).
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
            if found.count < limit {
                let titleHolds = words.map { LikePattern.matches("d.title", LikePattern.containing($0)) }.joined(separator: " AND ")
                add(try fetch(db, "\(select) WHERE \(titleHolds) ORDER BY d.id DESC LIMIT \(limit)"))
            }
            if found.count < limit, let match = TextFolding.ftsQuery(text) {
                // A bounded set of customers: a common word ("gmbh") would
                // otherwise list a good part of the customer table.
                add(try fetch(db, """
                    \(select) WHERE d.customer_id IN (\(SQLiteSpecific.fullTextHits("customers_fts", matching: match, limit: 500)))
                    ORDER BY d.id DESC LIMIT \(limit)
                    """))
            }
            return found
        }
    }

    private func fetch(_ db: Database, _ request: SQL) throws -> [DealSummary] {
        try DealSummary.fetchAll(db, SQLRequest<DealSummary>(literal: request))
    }
}
