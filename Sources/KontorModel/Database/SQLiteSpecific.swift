import GRDB
import CSQLiteSetup

/// SQL that only SQLite understands, gathered so that a second backend
/// (PostgreSQL, say) has one list of things to replace rather than a hunt
/// through every query.
///
/// What belongs here: full-text search (FTS5 `MATCH`), planner hints
/// (`INDEXED BY`, the unary `+` that keeps a column off its index), id
/// lists passed as one JSON argument (`json_each`), and PRAGMAs.
/// What is SQLite's and belongs to one area only extends this namespace
/// in a file of that area named `*SQLite.swift` (the customers' duplicate
/// check in `CustomerSQLite.swift`). Triggers and DDL live in the schema
/// migrations (`Schema.swift`, `BusinessSchema.swift`, `*Schema.swift`),
/// which are SQLite's as a whole: a second backend brings its own.
enum SQLiteSpecific {
    /// SQLite's process-wide settings, made once before the first
    /// connection opens (`KontorDatabase.configuration()`): no mutex per
    /// connection and statement, since GRDB hands each connection to one
    /// thread at a time (the mode it is written for), and no count of
    /// SQLite's memory, which took a process-wide lock on every allocation.
    /// The two locks were a seventh of the demo seeder's time. False when
    /// SQLite had already started (a connection opened some other way
    /// first): it then keeps its defaults, slower and as correct.
    static let processSettings: Bool = kontor_sqlite_serialized_by_owner() == 0

    /// `SELECT rowid FROM table WHERE table MATCH query`: the rows of an
    /// FTS5 table that match, as a subquery (`id IN (…)`).
    static func fullTextHits(_ table: String, matching query: String, limit: Int? = nil) -> SQL {
        var sql = SQL(sql: "SELECT rowid FROM \(table) WHERE \(table) MATCH ?", arguments: [query])
        if let limit { sql += " LIMIT \(limit)" }
        return sql
    }

    /// The highest `limit` rowids of an FTS5 table that match, as a
    /// subquery: FTS5 walks its rowids backwards without sorting.
    static func fullTextHits(_ table: String, matching query: String, newestFirst limit: Int) -> SQL {
        SQL(sql: "SELECT rowid FROM \(table) WHERE \(table) MATCH ? ORDER BY rowid DESC LIMIT \(limit)", arguments: [query])
    }

    /// The rowids of an FTS5 table that match, at most `limit`, read now.
    static func fullTextHitIDs(_ db: Database, _ table: String, matching query: String, limit: Int) throws -> [Int64] {
        try Int64.fetchAll(db, SQLRequest<Int64>(literal: fullTextHits(table, matching: query, limit: limit)))
    }

    /// How many rows of an FTS5 table match, counted no further than `cap + 1`.
    static func fullTextCount(_ db: Database, _ table: String, matching query: String, cap: Int) throws -> Int {
        let hits = fullTextHits(table, matching: query, limit: cap + 1)
        return try Int.fetchOne(db, SQLRequest<Int>(literal: "SELECT count(*) FROM (\(hits))")) ?? 0
    }

    /// Merges every segment of an FTS5 index into one, after it was built
    /// in bulk. A rebuild leaves a merge of large segments half done (76 000
    /// pages of the customers' index at a million), which everyday writes
    /// would then carry on a piece at a time, each holding the write lock
    /// longer (saves' p99 twice as long at 200 sessions). FTS5 puts the
    /// merged segment one level above the highest the index had, which
    /// matters: see `buildFullText` (FullTextLevels.swift).
    static func mergeFullText(_ db: Database, _ table: String) throws {
        try db.execute(sql: "INSERT INTO \(table) (\(table)) VALUES ('optimize')")
    }

    /// `table alias INDEXED BY index`: makes SQLite read `table` on `index`
    /// (a hint PostgreSQL has no use for: there the plain table).
    static func table(_ table: String, indexedBy index: String) -> String {
        "\(table) INDEXED BY \(index)"
    }

    /// `+column`: the column's value without its index, so that SQLite keeps
    /// to the plan's own order. Plain `column` elsewhere.
    static func unindexed(_ column: String) -> String {
        "+" + column
    }

    /// `SELECT value FROM json_each(?)` over `ids` passed as one JSON array:
    /// any number of ids in one argument and one cached statement.
    static func idList(_ ids: some Sequence<Int64>) -> SQL {
        SQL(sql: "SELECT value FROM json_each(?)", arguments: ["[" + ids.map(String.init).joined(separator: ",") + "]"])
    }

    /// How SQLite would read `request` (the details of EXPLAIN QUERY PLAN),
    /// for tests that make sure a list walks the index it should.
    static func queryPlan(_ db: Database, _ request: SQL) throws -> [String] {
        try Row.fetchAll(db, SQLRequest<Row>(literal: "EXPLAIN QUERY PLAN \(request)")).map { $0["detail"] }
    }

    /// What `PRAGMA integrity_check` and `foreign_key_check` report; empty when all is well.
    static func integrityProblems(_ db: Database) throws -> [String] {
        var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
        for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
            problems.append("foreign key: \(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) → \(row[2] as String? ?? "?")")
        }
        return problems
    }

    /// A number that changes when another connection commits (`PRAGMA data_version`).
    static func dataVersion(_ db: Database) throws -> Int {
        // Asked once a second by every open session: prepared once per connection.
        try Int.fetchOne(db.cachedStatement(sql: "PRAGMA data_version"))!
    }

    /// WAL mode for a file of its own; without `durable` no fsync on commit
    /// (`synchronous = OFF`): for data worth nothing after a crash (presence).
    static func useWAL(_ db: Database, durable: Bool) throws {
        try db.execute(sql: "PRAGMA journal_mode = WAL")
        if !durable { try db.execute(sql: "PRAGMA synchronous = OFF") }
    }

    /// The page cache of a connection, in KiB: large while bulk loading.
    static func setCacheSize(_ db: Database, kibibytes: Int) throws {
        try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)")
    }

    /// Runs `body` with the connection's page cache at `kibibytes`, and
    /// then as it was: for one large write that should not spill its pages
    /// to the write-ahead log again and again.
    static func withCacheSize<T>(_ db: Database, kibibytes: Int, _ body: () throws -> T) throws -> T {
        let before = try Int.fetchOne(db, sql: "PRAGMA cache_size") ?? -2000
        try db.execute(sql: "PRAGMA cache_size = -\(kibibytes)")
        defer { try? db.execute(sql: "PRAGMA cache_size = \(before)") }
        return try body()
    }

    /// Copies what the write-ahead log holds committed into the database,
    /// without waiting for readers. Before a large write that may be rolled
    /// back (a dry run): the pages it spills into the log then lie beyond
    /// anything committed, and when the last connection closes SQLite has
    /// nothing to checkpoint, so it does not sync the log, spilled pages and
    /// all, to disk for nothing (a third of a second for a large statement).
    static func checkpointCommitted(_ db: Database) throws {
        try db.checkpoint(.passive)
    }

    /// Statistics for the query planner, from a sample: quick at any size.
    /// Runs outside a transaction.
    static func analyze(_ db: Database) throws {
        try db.execute(sql: "PRAGMA analysis_limit = 2000")
        try db.execute(sql: "ANALYZE")
        try db.execute(sql: "PRAGMA optimize")
    }

    /// The indexes and triggers of the schema (but the customers' full-text
    /// tables'), to drop before a bulk load and build again after it.
    static func indexesAndTriggers(_ db: Database) throws -> [(type: String, name: String, sql: String)] {
        try Row.fetchAll(db, sql: """
            SELECT type, name, sql FROM sqlite_master
            WHERE type IN ('index', 'trigger') AND sql IS NOT NULL AND tbl_name NOT LIKE 'customers_fts%'
            """).map { (type: $0["type"] as String, name: $0["name"] as String, sql: $0["sql"] as String) }
    }
}
