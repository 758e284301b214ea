import GRDB

/// What the queue's filter reads instead of walking every open ticket.
///
/// The queue shows open tickets only (`sla_due` is set exactly while a
/// ticket is open), so the full-text index holds open tickets only: it stays
/// a tenth of the size of the ticket table, and a word that matches few
/// subjects is answered in microseconds. Its content is the view
/// `tickets_open_subjects`, so that a `rebuild` indexes exactly the open
/// tickets; triggers keep it as tickets are opened, renamed and resolved.
/// Subjects are folded as the customers' index folds names (`remove_diacritics
/// 2`: "uber", "über" and "Über" find each other), and the prefix indexes keep
/// the first letters typed fast. Hits are never ranked, so no column sizes
/// are kept (`columnsize = 0`).
///
/// `tickets_open_by_customer` gives the open tickets of a customer, with their
/// queue keys, from a small index: how a filter that matches a few hundred
/// customers collects their tickets.
enum TicketSearchIndex {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: createTable)
        try db.execute(sql: createTriggers)
        try db.execute(sql: rebuild)
        try db.execute(sql: createIndex)
    }

    static let createTable = """
        CREATE VIEW tickets_open_subjects AS SELECT id, subject FROM tickets WHERE sla_due IS NOT NULL;
        CREATE VIRTUAL TABLE tickets_fts USING fts5(
            subject,
            content = 'tickets_open_subjects', content_rowid = 'id',
            tokenize = "unicode61 remove_diacritics 2",
            prefix = '1 2 3',
            columnsize = 0
        );
        """

    /// A ticket enters the index when it opens and leaves it when it is
    /// resolved; a new subject replaces the old. Changes of the deadline alone
    /// (first response → resolution) leave the index alone.
    static let createTriggers = """
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
        """

    static let createIndex = """
        CREATE INDEX tickets_open_by_customer ON tickets (customer_id, sla_due, id) WHERE sla_due IS NOT NULL;
        """

    /// Indexes every open ticket afresh (after a bulk load without triggers).
    static let rebuild = "INSERT INTO tickets_fts (tickets_fts) VALUES ('rebuild')"
}
