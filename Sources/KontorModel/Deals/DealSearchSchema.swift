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
///
/// Since `v31-deal-title-spellings` a title with umlauts or ß is indexed
/// in its written-out spellings too (`SQLiteSpecific.withGermanSpellings`):
/// "geraet" finds "Zweitgerät". Its words are then no longer the column
/// of `deals`, so the index is contentless (`content = ''`): it still
/// keeps no copy, and what it removes on a change is worked out again
/// from the old title by the same expression.
enum DealSearchIndex {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: v27Table)
        try db.execute(sql: v27Triggers)
        try db.execute(sql: "INSERT INTO deals_fts (deals_fts) VALUES ('rebuild')")
    }

    /// `v31-deal-title-spellings`: the same index, its titles also in their
    /// written-out spellings.
    static func indexSpellings(_ db: Database) throws {
        try db.execute(sql: "DROP TRIGGER deals_fts_insert; DROP TRIGGER deals_fts_delete; DROP TRIGGER deals_fts_update;")
        try db.execute(sql: "DROP TABLE deals_fts")
        try db.execute(sql: createTable)
        try db.execute(sql: createTriggers)
        try db.execute(sql: rebuild)
    }

    static let createTable = """
        CREATE VIRTUAL TABLE deals_fts USING fts5(
            title,
            content = '',
            tokenize = "unicode61 remove_diacritics 2",
            prefix = '1 2 3',
            columnsize = 0
        );
        """

    /// The table of v27, as it was: its content the deals' titles.
    static let v27Table = """
        CREATE VIRTUAL TABLE deals_fts USING fts5(
            title,
            content = 'deals', content_rowid = 'id',
            tokenize = "unicode61 remove_diacritics 2",
            prefix = '1 2 3',
            columnsize = 0
        );
        """

    static let triggerNames: Set<String> = ["deals_fts_insert", "deals_fts_delete", "deals_fts_update"]

    /// The title's words as indexed, for `new` or `old`.
    private static func words(_ row: String) -> String { SQLiteSpecific.withGermanSpellings("\(row).title") }

    static let createTriggers = """
        CREATE TRIGGER deals_fts_insert AFTER INSERT ON deals BEGIN
            INSERT INTO deals_fts (rowid, title) VALUES (new.id, \(words("new")));
        END;
        CREATE TRIGGER deals_fts_delete AFTER DELETE ON deals BEGIN
            INSERT INTO deals_fts (deals_fts, rowid, title) VALUES ('delete', old.id, \(words("old")));
        END;
        CREATE TRIGGER deals_fts_update AFTER UPDATE OF title ON deals WHEN new.title IS NOT old.title BEGIN
            INSERT INTO deals_fts (deals_fts, rowid, title) VALUES ('delete', old.id, \(words("old")));
            INSERT INTO deals_fts (rowid, title) VALUES (new.id, \(words("new")));
        END;
        """

    /// The triggers of v27, as they were: titles as written.
    static let v27Triggers = """
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
    /// Not FTS5's own `rebuild`, which would read the titles as written.
    static let rebuild = """
        INSERT INTO deals_fts (deals_fts) VALUES ('delete-all');
        INSERT INTO deals_fts (rowid, title) SELECT d.id, \(words("d")) FROM deals d ORDER BY d.id;
        """
}
