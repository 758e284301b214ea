import GRDB

/// `v27-deal-search`: the words of every deal's title, for finding a deal
/// by what a person remembers of it (the board's `/`, the palette's
/// `deal …` and the search over everything). Without it a word that few
/// titles hold was looked for with LIKE in every deal: some 400 000 at a
/// million customers, 100–170 ms a letter.
///
/// Titles are folded as customers' names are (`remove_diacritics 2`), the
/// prefix indexes keep the first letters typed quick, and the index keeps
/// no copy of the text (its content is `deals`) and no column sizes.
enum DealSearchIndex {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: createTable)
        try db.execute(sql: createTriggers)
        try db.execute(sql: rebuild)
    }

    static let createTable = """
        CREATE VIRTUAL TABLE deals_fts USING fts5(
            title,
            content = 'deals', content_rowid = 'id',
            tokenize = "unicode61 remove_diacritics 2",
            prefix = '1 2 3',
            columnsize = 0
        );
        """

    static let triggerNames: Set<String> = ["deals_fts_insert", "deals_fts_delete", "deals_fts_update"]

    static let createTriggers = """
        CREATE TRIGGER deals_fts_insert AFTER INSERT ON deals BEGIN
            INSERT INTO deals_fts (rowid, title) VALUES (new.id, new.title);
        END;
        CREATE TRIGGER deals_fts_delete AFTER DELETE ON deals BEGIN
            INSERT INTO deals_fts (deals_fts, rowid, title) VALUES ('delete', old.id, old.title);
        END;
        CREATE TRIGGER deals_fts_update AFTER UPDATE OF title ON deals WHEN new.title IS NOT old.title BEGIN
            INSERT INTO deals_fts (deals_fts, rowid, title) VALUES ('delete', old.id, old.title);
            INSERT INTO deals_fts (rowid, title) VALUES (new.id, new.title);
        END;
        """

    /// Indexes every deal afresh (after a bulk load without triggers).
    static let rebuild = "INSERT INTO deals_fts (deals_fts) VALUES ('rebuild')"
}
