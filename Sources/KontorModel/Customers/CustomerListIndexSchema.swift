import GRDB

/// `v13-customer-list-index`: the customer list reads its window from the
/// index alone.
///
/// A window of the list is 96 rows in name order; their rows lie all over
/// the table (about 500 bytes each, so a 4 KB page holds eight and the
/// window touches some 90 pages). With the columns the list shows in the
/// index beside the key and the search words, the same window is a few
/// consecutive index pages: what decides PgDn at a million customers once
/// the file no longer fits the system's cache. The wide columns (address,
/// notes, the derived alias) stay in the table, read when a record opens.
enum CustomerListIndexSchema {
    static let createIndex = """
        CREATE INDEX customers_by_name ON customers
            (archived, sort_key, id, search_text, name, contact_name, email, phone, city, country)
        """

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX customers_by_name")
        try db.execute(sql: createIndex)
    }
}
