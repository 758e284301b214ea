import GRDB

/// While a ticket waits for the customer its service clock stops: its
/// deadline becomes the end of the wait. Tickets pending before this
/// version get that deadline now.
enum PendingSLASchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE tickets SET sla_due = CASE WHEN length(pending_until) = 10 THEN pending_until || 'T00:00:00Z' ELSE pending_until END
            WHERE status = 'pending' AND pending_until IS NOT NULL
            """)
    }
}
