import GRDB

/// What the queue's filter reads instead of walking every open ticket.
///
/// The queue shows open tickets only (`sla_due` is set exactly while a
/// ticket is open), so the full-text index holds open tickets only: it stays
/// a tenth of the size of the ticket table. Each entry holds the ticket's
/// subject and its customer's searchable words (`customers.search_text`,
/// the words the customer list's filter finds), so that a word typed into
/// the queue is answered by one index whether it names the subject or the
/// customer: "drucker" finds its few hundred open tickets directly, instead
/// of probing the open tickets of each of the ten thousand customers whose
/// words begin with "dr". Every typed word must match, in either column, in
/// one FTS5 query (`w1* AND w2*`), which intersects the word lists inside
/// the index.
///
/// The index keeps its own copy of those words rather than reading them
/// from the tickets: a deletion by rowid then needs no old values, which
/// keeps the triggers simple where a customer's rename changes the entries
/// of all their open tickets. Words are folded as the customers' index folds
/// names (`remove_diacritics 2`: "uber", "über" and "Über" find each other);
/// the prefix indexes keep the first letters typed fast. Hits are never
/// ranked, so no column sizes are kept (`columnsize = 0`).
///
/// `tickets_open_by_customer` gives the open tickets of a customer, with their
/// queue keys, from a small index: what the customer trigger walks.
enum TicketSearchIndex {
    /// Migration v29: the index of v4 (subjects only) gives way to subjects
    /// and customers' words in one.
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER IF EXISTS tickets_fts_insert;
            DROP TRIGGER IF EXISTS tickets_fts_delete;
            DROP TRIGGER IF EXISTS tickets_fts_update;
            DROP TABLE IF EXISTS tickets_fts;
            DROP VIEW IF EXISTS tickets_open_subjects;
            """)
        try db.execute(sql: createTable)
        try db.execute(sql: createTriggers)
        try db.execute(sql: rebuild)
    }

    static let createTable = """
        CREATE VIRTUAL TABLE tickets_fts USING fts5(
            subject, customer,
            tokenize = "unicode61 remove_diacritics 2",
            prefix = '1 2 3',
            columnsize = 0
        );
        """

    /// The customer's words of ticket `ticket` (an alias or `new`).
    private static func customerWords(of ticket: String) -> String {
        "(SELECT c.search_text FROM customers c WHERE c.id = \(ticket).customer_id)"
    }

    /// A ticket enters the index when it opens and leaves it when it is
    /// resolved; a new subject or customer replaces its entry, and so does a
    /// change to the customer's words. Changes of the deadline alone (first
    /// response → resolution) leave the index alone.
    static let createTriggers = """
        CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets WHEN new.sla_due IS NOT NULL BEGIN
            INSERT INTO tickets_fts (rowid, subject, customer) VALUES (new.id, \(SQLiteSpecific.withGermanSpellings("new.subject")), \(customerWords(of: "new")));
        END;
        CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets WHEN old.sla_due IS NOT NULL BEGIN
            DELETE FROM tickets_fts WHERE rowid = old.id;
        END;
        CREATE TRIGGER tickets_fts_update AFTER UPDATE OF subject, sla_due, customer_id ON tickets
        WHEN new.subject IS NOT old.subject OR new.customer_id IS NOT old.customer_id
            OR (new.sla_due IS NULL) <> (old.sla_due IS NULL) BEGIN
            DELETE FROM tickets_fts WHERE rowid = old.id AND old.sla_due IS NOT NULL;
            INSERT INTO tickets_fts (rowid, subject, customer)
                SELECT new.id, \(SQLiteSpecific.withGermanSpellings("new.subject")), \(customerWords(of: "new")) WHERE new.sla_due IS NOT NULL;
        END;
        CREATE TRIGGER tickets_fts_customer AFTER UPDATE OF search_text ON customers
        WHEN new.search_text IS NOT old.search_text BEGIN
            DELETE FROM tickets_fts WHERE rowid IN (SELECT t.id FROM tickets t WHERE t.customer_id = new.id AND t.sla_due IS NOT NULL);
            INSERT INTO tickets_fts (rowid, subject, customer)
                SELECT t.id, \(SQLiteSpecific.withGermanSpellings("t.subject")), new.search_text FROM tickets t WHERE t.customer_id = new.id AND t.sla_due IS NOT NULL;
        END;
        """

    static let triggerNames: Set<String> = ["tickets_fts_insert", "tickets_fts_delete", "tickets_fts_update", "tickets_fts_customer"]

    /// Indexes every open ticket afresh, as v29 did (a bulk load now
    /// uses `TicketSenderSearchSchema.rebuild`), in rowid order, as FTS5 appends best.
    static let rebuild = """
        DELETE FROM tickets_fts;
        INSERT INTO tickets_fts (rowid, subject, customer)
            SELECT t.id, \(SQLiteSpecific.withGermanSpellings("t.subject")), c.search_text FROM tickets t JOIN customers c ON c.id = t.customer_id
            WHERE t.sla_due IS NOT NULL ORDER BY t.id;
        """
}

/// The queue's first index (v4): open subjects only, read through a view.
/// Kept as it was created, so that the migrations build every database the
/// same way; v29 replaces it.
enum TicketSubjectIndex {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE VIEW tickets_open_subjects AS SELECT id, subject FROM tickets WHERE sla_due IS NOT NULL;
            CREATE VIRTUAL TABLE tickets_fts USING fts5(
                subject,
                content = 'tickets_open_subjects', content_rowid = 'id',
                tokenize = "unicode61 remove_diacritics 2",
                prefix = '1 2 3',
                columnsize = 0
            );
            CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets WHEN new.sla_due IS NOT NULL BEGIN
                INSERT INTO tickets_fts (rowid, subject) VALUES (new.id, new.subject);
            END;
            CREATE TRIGGER tickets_fts_delete AFTER DELETE ON tickets WHEN old.sla_due IS NOT NULL BEGIN
                INSERT INTO tickets_fts (tickets_fts, rowid, subject) VALUES ('delete', old.id, old.subject);
            END;
            CREATE TRIGGER tickets_fts_update AFTER UPDATE OF subject, sla_due ON tickets
            WHEN new.subject IS NOT old.subject OR (new.sla_due IS NULL) <> (old.sla_due IS NULL) BEGIN
                INSERT INTO tickets_fts (tickets_fts, rowid, subject) SELECT 'delete', old.id, old.subject WHERE old.sla_due IS NOT NULL;
                INSERT INTO tickets_fts (rowid, subject) SELECT new.id, new.subject WHERE new.sla_due IS NOT NULL;
            END;
            INSERT INTO tickets_fts (tickets_fts) VALUES ('rebuild');
            CREATE INDEX tickets_open_by_customer ON tickets (customer_id, sla_due, id) WHERE sla_due IS NOT NULL;
            """)
    }
}
