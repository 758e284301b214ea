import GRDB

/// `v35-contact-keys`: each contact person's customer beside its id, in a
/// narrow index, so that the customer filter turns the contact persons its
/// words found into customers without reading their wide rows.
///
/// A filter such as "jürgen schm" finds some 3 000 contact persons at a
/// million customers; looking each one's customer up in `contacts` read
/// about as many table pages, 4.3 ms with the file in the system's cache
/// and 145 ms without, the greater part of the key's time. From this
/// index (18.5 MB at a million) the same look-ups take 2.9 ms and
/// 10 ms. SQLite chooses it by itself, as it covers the query.
enum ContactKeysSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: createIndex)
    }

    static let createIndex = "CREATE INDEX contacts_keys ON contacts (id, customer_id)"
}
