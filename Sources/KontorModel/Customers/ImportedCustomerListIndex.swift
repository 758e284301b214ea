import GRDB

/// The customer list's name index, built once at the end of a large import
/// instead of kept up row by row.
///
/// `customers_by_name` holds most of a customer's list columns (a list
/// window reads a few index pages, not the table), so it is nearly as large
/// as the table, and new rows land all over it: at 100 000 rows it outgrew
/// the import's page cache many times, and its pages went out to the
/// write-ahead log again and again. Sorting all rows once at the end writes
/// each page once. Meanwhile a narrow stand-in on the same leading columns
/// (`archived, sort_key, id`) and the name serves the duplicate check,
/// which walks it in the same order as the index it stands for.
///
/// Only when the file is large beside the table: the index is rebuilt for
/// the customers already there too, which for a few rows into a large
/// table would cost far more than it saves. The planner's statistics of
/// the index are kept as they were. All inside the import's one
/// transaction, like the search index's trigger (`ImportedCustomerSearch`):
/// a rolled-back import takes the drop back, and no other connection sees
/// the table without its index.
final class ImportedCustomerListIndex {
    private let db: Database
    /// The list index's own SQL and statistics, when the import replaced it.
    private let replaced: (sql: String, statistics: [Row])?
    static let standIn = "customers_import_by_name"

    /// A customer row of an export is 150–200 bytes: a file of this many
    /// bytes per customer already stored brings at least as many rows as
    /// the table holds.
    static let bytesPerRow = 128

    init(_ db: Database, fileBytes: Int) throws {
        self.db = db
        let stored = try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM customer_counts") ?? 0
        guard stored <= fileBytes / Self.bytesPerRow, let sql = try SQLiteSpecific.storedSQL(db, "index", "customers_by_name") else {
            replaced = nil
            return
        }
        replaced = (sql, try SQLiteSpecific.indexStatistics(db, "customers_by_name"))
        try db.execute(sql: "DROP INDEX customers_by_name")
        try db.execute(sql: "CREATE INDEX \(Self.standIn) ON customers (archived, sort_key, id, name)")
    }

    /// Builds the list index from the rows, drops the stand-in. SQLite's
    /// sorter takes as much memory as the page cache may: the build gets
    /// the default 2 MiB, not the import's, and sorts in more runs.
    func finish() throws {
        guard let replaced else { return }
        try db.execute(sql: "DROP INDEX \(Self.standIn)")
        try SQLiteSpecific.withCacheSize(db, kibibytes: 2048) { try db.execute(sql: replaced.sql) }
        try SQLiteSpecific.restoreStatistics(db, replaced.statistics)
    }
}
