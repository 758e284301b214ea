import GRDB

/// The customers' SQLite-only pieces (see `SQLiteSpecific`).
extension SQLiteSpecific {
    /// An FTS5 query over `customers_fts` for names (or their German
    /// transliteration, `search_alias`) holding any of `words` as a whole
    /// word: the candidates of a duplicate check. Each word is quoted, so
    /// FTS5 syntax typed into a name is taken as text.
    static func customerNames(matchingAnyOf words: [String]) -> String {
        let quoted = words.map { "\"\($0.replacingOccurrences(of: "\"", with: "\"\""))\"" }.joined(separator: " OR ")
        return "{name search_alias} : (\(quoted))"
    }
}

/// What a bulk import changes of SQLite's own bookkeeping for a while
/// (`ImportedCustomerSearch`, `ImportedCustomerListIndex`): the stored
/// SQL of a trigger or index, and the planner's statistics of an index.
extension SQLiteSpecific {
    /// The SQL a trigger or index was created with, as SQLite keeps it.
    static func storedSQL(_ db: Database, _ type: String, _ name: String) throws -> String? {
        try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = ? AND name = ?", arguments: [type, name])
    }

    /// The planner's statistics rows of an index (`ANALYZE`'s
    /// `sqlite_stat1`), if it has any: a dropped index loses them.
    static func indexStatistics(_ db: Database, _ index: String) throws -> [Row] {
        guard try db.tableExists("sqlite_stat1") else { return [] }
        return try Row.fetchAll(db, sql: "SELECT tbl, idx, stat FROM sqlite_stat1 WHERE idx = ?", arguments: [index])
    }

    /// Puts statistics rows from `indexStatistics` back.
    static func restoreStatistics(_ db: Database, _ rows: [Row]) throws {
        for row in rows {
            try db.execute(sql: "INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES (?, ?, ?)", arguments: [row["tbl"], row["idx"], row["stat"]])
        }
    }
}
