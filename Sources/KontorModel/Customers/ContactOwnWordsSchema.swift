import GRDB

/// `v36-contact-own-words`: the contact persons' full-text index holds only
/// the contact persons whose words are not all their customer's own.
///
/// Most contact persons are the customer's main contact, written twice: as
/// a row of `contacts` and in the customer's own fields (`contact_name`,
/// `email`, `phone`), which the customers' index holds already. A filter
/// asks both indexes and turns the contact persons found into customers,
/// so each such person cost a second look-up of the same words and a
/// look-up of a customer found anyway: for "jürgen schm" at a million
/// customers 3 019 contact persons, every one of them a main contact,
/// about 5.5 of the key's 15 ms with the file in the system's cache. Left
/// out of the index, they cost nothing, and the index shrinks to the
/// contact persons who add words (about a fifth of them in the demo).
///
/// A contact person is left out when its name, e-mail and phone are
/// exactly its customer's contact fields and are written in letters both
/// indexes fold alike (`heldByCustomer`): then every word the contact's
/// index would find is one the customer's own index finds
/// (`ContactOwnWordsTests` checks it letter by letter and for any text
/// of such letters). The customers' index reads the raw fields with
/// FTS5's tokenizer and adds the German spellings and the folds FTS5
/// does not make, but only of names; an e-mail address beyond ASCII, or a
/// name in other letters (`plain`), may fold otherwise, so such a contact
/// person stays in the index whatever its customer says.
///
/// The index's content is the view `contacts_own_words`, so that a rebuild
/// and FTS5's integrity check read exactly the rows the triggers keep;
/// whether a contact person is held by its customer changes with either
/// row, so the customers have a trigger too (`contacts_fts_customer`).
enum ContactSearchIndex {
    static func migrate(_ db: Database) throws {
        for name in ContactSearchIndexV28.triggerNames { try db.execute(sql: "DROP TRIGGER \(name)") }
        try db.execute(sql: "DROP TABLE contacts_fts")
        try db.execute(sql: createView)
        try db.execute(sql: createTable)
        try db.execute(sql: createTriggers)
        try SQLiteSpecific.buildFullText(db, "contacts_fts", rebuild)
    }

    /// Whether the contact person `row` ("new", "old" or an alias) names
    /// exactly what its customer `customer` names as main contact.
    static func named(_ row: String, by customer: String) -> String {
        "(\(row).name = \(customer).contact_name AND \(row).email = \(customer).email AND \(row).phone = \(customer).phone)"
    }

    /// Whether the contact person `row` is written in letters both indexes
    /// fold alike: an e-mail address and phone number in printable ASCII,
    /// a name also in the Latin letters of `nameLetters` but those of
    /// `otherNameLetters`.
    static func plain(_ row: String) -> String {
        """
        (\(row).name NOT GLOB '*[^\(nameLetters)]*' AND \(row).name NOT GLOB '*[\(otherNameLetters)]*' \
        AND (\(row).email || \(row).phone) NOT GLOB '*[^ -~]*')
        """
    }

    /// The letters (as GLOB ranges) a name left out of the index may be
    /// written in: printable ASCII, Latin-1's letters and Latin Extended-A
    /// (ä, ß, é, ç, ł, ş, ő …), all of which FTS5's tokenizer and Kontor's
    /// folding turn into the same words, or whose folds the customers'
    /// index adds (ß, ø, ł as ss, o, l). Not Ð and ð (U+00D0, U+00F0).
    static let nameLetters = " -~À-ÏÑ-ïñ-ſ"

    /// The letters of `nameLetters` that Kontor folds and FTS5 does not,
    /// with no fold of theirs in the customers' index (ħ as h, ı as i,
    /// ĳ as ij …): a name holding one stays in the index.
    static let otherNameLetters = "ĦħıĲĳĸĿŀŉŊŋŦŧ"

    /// Whether every word of the contact person `row` is in its customer's
    /// own index: left out of `contacts_fts`.
    static func heldByCustomer(_ row: String) -> String {
        "(\(plain(row)) AND EXISTS (SELECT 1 FROM customers c WHERE c.id = \(row).customer_id AND \(named(row, by: "c"))))"
    }

    static let createView = """
        CREATE VIEW contacts_own_words AS
            SELECT k.id, k.search_text FROM contacts k WHERE NOT \(heldByCustomer("k"));
        """

    /// The same prefix indexes as the customers' own (`CustomerSearchIndex`).
    static let createTable = ContactSearchIndexV28.createTable(prefixes: CustomerSearchIndex.prefixes, content: "contacts_own_words")

    static let triggerNames: Set<String> = ["contacts_fts_insert", "contacts_fts_delete", "contacts_fts_update", "contacts_fts_customer"]

    /// A contact person's words go in and out as it is written; a customer's
    /// changed contact fields take the contact persons they now name out and
    /// put those they named before back in. (Nothing deletes a customer that
    /// has contact persons: their key refers to it.)
    static let createTriggers = """
        CREATE TRIGGER contacts_fts_insert AFTER INSERT ON contacts WHEN NOT \(heldByCustomer("new")) BEGIN
            INSERT INTO contacts_fts (rowid, search_text) VALUES (new.id, new.search_text);
        END;
        CREATE TRIGGER contacts_fts_delete AFTER DELETE ON contacts WHEN NOT \(heldByCustomer("old")) BEGIN
            INSERT INTO contacts_fts (contacts_fts, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        END;
        CREATE TRIGGER contacts_fts_update AFTER UPDATE OF customer_id, name, email, phone, search_text ON contacts
        WHEN new.search_text IS NOT old.search_text OR new.customer_id IS NOT old.customer_id OR new.name IS NOT old.name
            OR new.email IS NOT old.email OR new.phone IS NOT old.phone BEGIN
            INSERT INTO contacts_fts (contacts_fts, rowid, search_text)
                SELECT 'delete', old.id, old.search_text WHERE NOT \(heldByCustomer("old"));
            INSERT INTO contacts_fts (rowid, search_text) SELECT new.id, new.search_text WHERE NOT \(heldByCustomer("new"));
        END;
        CREATE TRIGGER contacts_fts_customer AFTER UPDATE OF contact_name, email, phone ON customers
        WHEN new.contact_name IS NOT old.contact_name OR new.email IS NOT old.email OR new.phone IS NOT old.phone BEGIN
            INSERT INTO contacts_fts (contacts_fts, rowid, search_text)
                SELECT 'delete', k.id, k.search_text FROM contacts k
                WHERE k.customer_id = new.id AND \(plain("k")) AND \(named("k", by: "new")) AND NOT \(named("k", by: "old"));
            INSERT INTO contacts_fts (rowid, search_text)
                SELECT k.id, k.search_text FROM contacts k
                WHERE k.customer_id = new.id AND \(plain("k")) AND \(named("k", by: "old")) AND NOT \(named("k", by: "new"));
        END;
        """

    /// Indexes every contact person of the view afresh (after a bulk load
    /// without triggers).
    static let rebuild = "INSERT INTO contacts_fts (contacts_fts) VALUES ('rebuild')"
}
