import GRDB

/// Customers found by typed words that lie between the customer and its
/// contact persons: "lukas müller" where Lukas is the main contact (the
/// customer's own words) and Müller another contact person. Neither the
/// customer's own words nor one contact's hold both, so the two full-text
/// lookups of `prepare` miss it.
extension CustomerRepository {
    /// A word with more customers than this (its own hits or its contact
    /// persons') is not a place to start from; when every word is, none is
    /// looked for across (the filter is broad then, and narrows as typed).
    /// Small, since every key of a filter of several words asks each word:
    /// a common prefix stops after this many hits.
    static let acrossLimit = 500

    /// Looked for only while the customers that hold every word themselves
    /// (or in one contact) are fewer than a screen: each word's look-up
    /// costs a few milliseconds at a million customers, and where a screen
    /// is full of such customers already, the filter has found what was meant.
    static let acrossBelow = 20

    /// The customers that hold every word of `words` in their own words or
    /// in one of their contact persons' (each word anywhere of the two), looked
    /// for among the customers of the word with the fewest. Empty for one word.
    static func acrossCustomerAndContacts(_ db: Database, words: [String]) throws -> [Int64] {
        guard words.count > 1 else { return [] }
        var fewest: Set<Int64>?
        for word in words {
            guard let match = TextFolding.ftsQuery(word) else { return [] }
            let own = try SQLiteSpecific.fullTextHitIDs(db, "customers_fts", matching: match, limit: acrossLimit + 1)
            let people = try SQLiteSpecific.fullTextHitIDs(db, "contacts_fts", matching: match, limit: acrossLimit + 1)
            // A word nowhere: no customer can hold every word.
            if own.isEmpty && people.isEmpty { return [] }
            guard own.count <= acrossLimit, people.count <= acrossLimit else { continue }
            let customers = Set(own).union(try Self.customers(ofContacts: people, db))
            if fewest.map({ customers.count < $0.count }) ?? true { fewest = customers }
        }
        guard let fewest, !fewest.isEmpty else { return [] }
        // Each word in the customer's own words or in one contact person's.
        let eachWord: [SQL] = words.compactMap { TextFolding.likePatterns($0).first }.map { pattern in
            """
            (\(LikePattern.matches("c.search_text", pattern))
             OR EXISTS (SELECT 1 FROM contacts k WHERE k.customer_id = c.id AND \(LikePattern.matches("k.search_text", pattern))))
            """
        }
        return try Int64.fetchAll(db, SQLRequest<Int64>(literal: """
            SELECT c.id FROM customers c WHERE c.id IN (\(SQLiteSpecific.idList(fewest))) AND \(eachWord.joined(separator: " AND "))
            """))
    }

    /// The customers of these contact persons (their ids).
    static func customers(ofContacts people: [Int64], _ db: Database) throws -> [Int64] {
        guard !people.isEmpty else { return [] }
        return try Int64.fetchAll(db, SQLRequest<Int64>(literal: customerIDs(ofContacts: SQLiteSpecific.idList(people))))
    }

    /// `SELECT customer_id …` of the contact persons `ids` selects, read
    /// from their narrow index (`contacts_keys`), not their rows.
    static func customerIDs(ofContacts ids: SQL) -> SQL {
        "SELECT customer_id FROM contacts WHERE id IN (\(ids))"
    }
}
