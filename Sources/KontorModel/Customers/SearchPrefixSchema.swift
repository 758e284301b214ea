import GRDB

/// `v34-longer-search-prefixes`: the customers' and the contact persons'
/// full-text indexes keep prefix indexes of four and five letters as well
/// as of one to three.
///
/// FTS5 answers a prefix of a length it keeps an index for from one list,
/// read only as far as the filter asks (a few hundred microseconds at a
/// million customers); any other prefix it answers by merging the lists of
/// every word that starts so, all of them, however few hits are asked for.
/// The fourth and fifth letters typed ("schm", "schmi", "müll", "berl")
/// are where that merging cost most: 3 ms per index for "schmi" at a
/// million customers, paid twice per key (the customers' index and the
/// contacts'), and more under load. At six letters and beyond few words
/// share a prefix and the merge is cheap again (about 1 ms for "schmid",
/// 0.5 ms for "schmidt"). The cost is size: the customers' index grows
/// from 414 to 559 MB at a million customers, the contacts' from 147 to
/// 186 MB (`dbstat`), and a rebuild takes about twice as long (33 s for
/// the customers' at a million, in the `sqlite3` shell).
///
/// An FTS5 table's prefixes are fixed when it is created: both are created
/// again and filled from their content tables; their triggers refer to
/// them by name and stay.
enum SearchPrefixSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "DROP TABLE customers_fts")
        try db.execute(sql: CustomerSearchIndex.createTable(prefixes: CustomerSearchIndex.prefixes))
        try db.execute(sql: "DROP TABLE contacts_fts")
        try db.execute(sql: ContactSearchIndexV28.createTable(prefixes: CustomerSearchIndex.prefixes))
        // Built as the demo seeding builds them: a large write buffer, one
        // segment, put high (see `SQLiteSpecific.buildFullText`).
        try SQLiteSpecific.buildFullText(db, "customers_fts", CustomerSearchIndex.rebuild)
        try SQLiteSpecific.buildFullText(db, "contacts_fts", ContactSearchIndexV28.rebuild)
    }
}
