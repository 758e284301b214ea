import GRDB

/// `v28-contact-search`: every contact person's name and e-mail (and since
/// `v33-contact-phones` phone), for finding a customer by any of its
/// contacts (the customer list's filter, the palette's `cust …`), not only
/// by the primary one the customer's own fields name.
///
/// Each contact keeps its folded words in `search_text` (`ContactSearch`:
/// name, e-mail, phone, the German spellings of the name): the full-text index
/// reads it, and a broad filter, which walks the customers' name index,
/// tests it as it tests the customer's own `search_text`. The index keeps
/// no copy of the text (its content is `contacts`) and no column sizes.
///
/// The index as `v28-contact-search` to `v34-longer-search-prefixes`
/// created it (every contact person), kept so that the migrations build
/// every database the same way; `v36-contact-own-words` replaces it by
/// `ContactSearchIndex`.
enum ContactSearchIndexV28 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE contacts ADD COLUMN search_text TEXT NOT NULL DEFAULT ''")
        try ContactSearch.fillSearchText(db)
        try db.execute(sql: createTable(prefixes: CustomerSearchIndex.firstPrefixes))
        try db.execute(sql: createTriggers)
        try db.execute(sql: rebuild)
    }

    /// The same prefix indexes as the customers' own (`CustomerSearchIndex`),
    /// over `content`: `contacts` itself here, a view of it since v36.
    static func createTable(prefixes: String, content: String = "contacts") -> String {
        """
        CREATE VIRTUAL TABLE contacts_fts USING fts5(
            search_text,
            content = '\(content)', content_rowid = 'id',
            tokenize = "unicode61 remove_diacritics 2",
            prefix = '\(prefixes)',
            columnsize = 0
        );
        """
    }

    static let triggerNames: Set<String> = ["contacts_fts_insert", "contacts_fts_delete", "contacts_fts_update"]

    static var createTriggers: String {
        """
        CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts BEGIN
            INSERT INTO contacts_fts (rowid, search_text) VALUES (new.id, new.search_text);
        END;
        CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts BEGIN
            INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        END;
        """ + createUpdateTrigger
    }

    static let createUpdateTrigger = """
        CREATE TRIGGER contacts_fts_update AFTER UPDATE OF search_text ON contacts WHEN new.search_text IS NOT old.search_text BEGIN
            INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            INSERT INTO contacts_fts (rowid, search_text) VALUES (new.id, new.search_text);
        END;
        """

    /// Indexes every contact afresh (after a bulk load without triggers).
    static let rebuild = "INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild')"
}

/// The words a contact person is found by.
enum ContactSearch {
    /// The folded words of the name, e-mail and phone, the name's German
    /// spellings ("Jürgen Weiß" also as "juergen weiss") and the phone's
    /// digits as one word ("030 1234-56" also as "030123456", and within
    /// its area as "123456", as a customer's phone is found), in the form of
    /// the customers' `search_text`: " word word ; word ; ".
    static func searchText(name: String, email: String, phone: String) -> String {
        TextFolding.searchText([name, email, TextFolding.searchAlias(name), phone, TextFolding.phoneDigits(phone), TextFolding.localDigits(phone)])
    }

    /// `v33-contact-phones`: the words of every contact with a phone
    /// written again, the phone among them. The index follows by one
    /// rebuild rather than a delete and insert per row.
    static func addPhones(_ db: Database) throws {
        try db.execute(sql: "DROP TRIGGER contacts_fts_update")
        try fillSearchText(db, where: "phone <> ''")
        try db.execute(sql: ContactSearchIndexV28.createUpdateTrigger)
        try db.execute(sql: ContactSearchIndexV28.rebuild)
    }

    /// Works out `search_text` for every contact whose text is not yet
    /// written (after the migration adds the column), or for those
    /// `condition` names, a row at a time in id order.
    static func fillSearchText(_ db: Database, where condition: String = "search_text = ''") throws {
        let update = try db.makeStatement(sql: "UPDATE contacts SET search_text = ? WHERE id = ?")
        var after: Int64 = 0
        while true {
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, name, email, phone FROM contacts WHERE id > ? AND \(condition) ORDER BY id LIMIT 4096
                """, arguments: [after])
            guard let last = rows.last else { return }
            for row in rows {
                try update.execute(arguments: [searchText(name: row["name"], email: row["email"], phone: row["phone"]), row["id"]])
            }
            after = last["id"]
        }
    }
}
