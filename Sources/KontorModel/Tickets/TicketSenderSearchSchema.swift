import GRDB

/// `v43-ticket-sender-words`: a ticket from a sender no customer has is
/// found by that sender's address. Such a ticket belongs to the "unknown
/// sender" placeholder, whose words are all the index held for it, so
/// when the sender phoned ("wang.wei@huatong.cn, about my mail") the front
/// desk found the ticket only by its subject. The ticket's customer words
/// in `tickets_fts` now end with its `unknown_sender`; linking the sender
/// to a customer (which clears it) replaces the entry, as a new customer
/// always did. The open tickets of unknown senders are indexed again.
enum TicketSenderSearchSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            DROP TRIGGER tickets_fts_insert;
            DROP TRIGGER tickets_fts_update;
            DROP TRIGGER tickets_fts_customer;
            """)
        try db.execute(sql: triggers)
        try db.execute(sql: """
            DELETE FROM tickets_fts WHERE rowid IN (SELECT id FROM tickets WHERE unknown_sender IS NOT NULL AND sla_due IS NOT NULL);
            INSERT INTO tickets_fts (rowid, subject, customer)
                SELECT t.id, \(SQLiteSpecific.withGermanSpellings("t.subject")), \(words(customer: "c.search_text", ticket: "t"))
                FROM tickets t JOIN customers c ON c.id = t.customer_id
                WHERE t.unknown_sender IS NOT NULL AND t.sla_due IS NOT NULL ORDER BY t.id;
            """)
    }

    /// A ticket's customer words: its customer's, and its unknown sender's address.
    static func words(customer: String, ticket: String) -> String {
        "\(customer) || coalesce(' ' || \(ticket).unknown_sender, '')"
    }

    static let triggers = """
        CREATE TRIGGER tickets_fts_insert AFTER INSERT ON tickets WHEN new.sla_due IS NOT NULL BEGIN
            INSERT INTO tickets_fts (rowid, subject, customer) VALUES (new.id, \(SQLiteSpecific.withGermanSpellings("new.subject")),
                \(words(customer: "(SELECT c.search_text FROM customers c WHERE c.id = new.customer_id)", ticket: "new")));
        END;
        CREATE TRIGGER tickets_fts_update AFTER UPDATE OF subject, sla_due, customer_id, unknown_sender ON tickets
        WHEN new.subject IS NOT old.subject OR new.customer_id IS NOT old.customer_id OR new.unknown_sender IS NOT old.unknown_sender
            OR (new.sla_due IS NULL) <> (old.sla_due IS NULL) BEGIN
            DELETE FROM tickets_fts WHERE rowid = old.id AND old.sla_due IS NOT NULL;
            INSERT INTO tickets_fts (rowid, subject, customer)
                SELECT new.id, \(SQLiteSpecific.withGermanSpellings("new.subject")),
                       \(words(customer: "(SELECT c.search_text FROM customers c WHERE c.id = new.customer_id)", ticket: "new"))
                WHERE new.sla_due IS NOT NULL;
        END;
        CREATE TRIGGER tickets_fts_customer AFTER UPDATE OF search_text ON customers
        WHEN new.search_text IS NOT old.search_text BEGIN
            DELETE FROM tickets_fts WHERE rowid IN (SELECT t.id FROM tickets t WHERE t.customer_id = new.id AND t.sla_due IS NOT NULL);
            INSERT INTO tickets_fts (rowid, subject, customer)
                SELECT t.id, \(SQLiteSpecific.withGermanSpellings("t.subject")), \(words(customer: "new.search_text", ticket: "t"))
                FROM tickets t WHERE t.customer_id = new.id AND t.sla_due IS NOT NULL;
        END;
        """

    /// Every open ticket indexed afresh (after a bulk load without triggers).
    static let rebuild = """
        DELETE FROM tickets_fts;
        INSERT INTO tickets_fts (rowid, subject, customer)
            SELECT t.id, \(SQLiteSpecific.withGermanSpellings("t.subject")), \(words(customer: "c.search_text", ticket: "t"))
            FROM tickets t JOIN customers c ON c.id = t.customer_id
            WHERE t.sla_due IS NOT NULL ORDER BY t.id;
        """
}
