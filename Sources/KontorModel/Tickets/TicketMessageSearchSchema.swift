import GRDB

/// `v26-ticket-message-search`: the words of every ticket message, so that
/// one search over everything finds a ticket by what the customer wrote
/// ("Fehlercode 0x80") and not only by its subject.
///
/// The index keeps no copy of the text (its content is `ticket_messages`)
/// and no positions (`detail = none`): it answers "which messages hold
/// words beginning so", which is all the search asks, at a fraction of the
/// size a phrase index would take over hundreds of megabytes of mail.
/// Messages are never edited; a merge moves them to another ticket, which
/// the search reads at query time, so only inserts and deletes touch it.
enum TicketMessageSearchIndex {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: createTable)
        try db.execute(sql: createTriggers)
        try db.execute(sql: rebuild)
    }

    static let createTable = """
        CREATE VIRTUAL TABLE ticket_messages_fts USING fts5(
            body,
            content = 'ticket_messages', content_rowid = 'id',
            tokenize = "unicode61 remove_diacritics 2",
            detail = none,
            columnsize = 0
        );
        """

    static let triggerNames: Set<String> = ["ticket_messages_fts_insert", "ticket_messages_fts_delete", "ticket_messages_fts_update"]

    static let createTriggers = """
        CREATE TRIGGER ticket_messages_fts_insert AFTER INSERT ON ticket_messages BEGIN
            INSERT INTO ticket_messages_fts (rowid, body) VALUES (new.id, new.body);
        END;
        CREATE TRIGGER ticket_messages_fts_delete AFTER DELETE ON ticket_messages BEGIN
            INSERT INTO ticket_messages_fts (ticket_messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
        END;
        CREATE TRIGGER ticket_messages_fts_update AFTER UPDATE OF body ON ticket_messages BEGIN
            INSERT INTO ticket_messages_fts (ticket_messages_fts, rowid, body) VALUES ('delete', old.id, old.body);
            INSERT INTO ticket_messages_fts (rowid, body) VALUES (new.id, new.body);
        END;
        """

    /// Indexes every message afresh (after a bulk load without triggers).
    static let rebuild = "INSERT INTO ticket_messages_fts (ticket_messages_fts) VALUES ('rebuild')"
}
