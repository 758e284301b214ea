import GRDB

/// Deals found by words some of which are the title's and some the
/// customer's ("wartung müller": a word of "Wartungsvertrag", a word of
/// "Müller Bürotechnik"): every typed word must start a word of the title
/// or of the customer's searchable words.
///
/// Neither index can answer that alone, and a LIKE over every deal would
/// read some 400 000 rows at a million customers. So each word is looked
/// up in both indexes, a bounded number of hits each; the word with the
/// fewest hits, if both its lists are complete, gives every deal that can
/// match at all (the deals it names by title, and the deals of the
/// customers it names), and only those few are read and checked against
/// the other words. When every word is common (thousands of hits on a
/// side), the newest hits of each word are checked instead: matches of two
/// common words are common too, and the newest of them are what a picker
/// shows first.
extension DealRepository {
    /// Hits per word and index beyond which a word's list is left incomplete.
    static let acrossCap = 2000

    /// Up to `limit` deals, newest first, each of whose `words` starts a
    /// word of the deal's title or of its customer's search text. (`cap`
    /// is `acrossCap` but in tests of the common words' way.)
    func searchAcross(_ db: Database, words: [String], limit: Int, cap: Int = acrossCap) throws -> [Int64] {
        try searchAcrossHits(db, words: words, limit: limit, cap: cap).ids
    }

    /// `searchAcross`, and whether its deals are all there are: false when
    /// every word was common and only the newest hits of each were checked.
    func searchAcrossHits(_ db: Database, words: [String], limit: Int, cap: Int = acrossCap) throws -> (ids: [Int64], complete: Bool) {
        struct Hits { var titles: [Int64]; var customers: [Int64]; var complete: Bool }
        var perWord: [Hits] = []
        for word in words {
            guard let match = TextFolding.ftsQuery(word) else { return ([], true) }
            let titles = try Int64.fetchAll(db, SQLRequest<Int64>(literal: SQLiteSpecific.fullTextHits("deals_fts", matching: match, newestFirst: cap + 1)))
            let customers = try SQLiteSpecific.fullTextHitIDs(db, "customers_fts", matching: match, limit: cap + 1)
            // A word that is nowhere: no deal can hold every word.
            if titles.isEmpty && customers.isEmpty { return ([], true) }
            perWord.append(Hits(titles: titles, customers: customers, complete: titles.count <= cap && customers.count <= cap))
        }
        let fewest = perWord.filter(\.complete).min { $0.titles.count + $0.customers.count < $1.titles.count + $1.customers.count }
        let sources = fewest.map { [$0] } ?? perWord
        var candidates = Set<Int64>()
        for hits in sources {
            candidates.formUnion(hits.titles)
            if !hits.customers.isEmpty {
                candidates.formUnion(try Int64.fetchAll(db, SQLRequest<Int64>(literal: """
                    SELECT id FROM deals WHERE customer_id IN (\(SQLiteSpecific.idList(hits.customers)))
                    """)))
            }
        }
        guard !candidates.isEmpty else { return ([], fewest != nil) }
        let typed = words.map { " " + TextFolding.tokens($0).joined(separator: " ") }
        var found: [Int64] = []
        let rows = try Row.fetchCursor(db, SQLRequest<Row>(literal: """
            SELECT d.id, d.title, c.search_text FROM deals d JOIN customers c ON c.id = d.customer_id
            WHERE d.id IN (\(SQLiteSpecific.idList(candidates)))
            """))
        while let row = try rows.next() {
            // The title with the spellings its index holds (umlauts and ß written out).
            let written: String = row[1]
            let title = TextFolding.searchText([written, TextFolding.searchAlias(written), TextFolding.undecomposedFolds(written)])
            let customer: String = row[2]
            if typed.allSatisfy({ title.contains($0) || customer.contains($0) }) { found.append(row[0]) }
        }
        return (Array(found.sorted(by: >).prefix(limit)), fewest != nil)
    }
}
