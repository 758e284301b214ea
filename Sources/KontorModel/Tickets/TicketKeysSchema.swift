import GRDB

/// `v37-ticket-keys`: each open ticket's queue key and what the queue's
/// views ask of it (status, assignee, queue) beside its id, in a narrow
/// index, so that a filter turns the tickets its words found into the
/// queue's order without reading their wide rows.
///
/// "drucker" finds 587 open tickets at a million customers; reading each
/// one's urgency and status from `tickets` (308 MB, a row of subject,
/// deadlines, tags and dates each, the open ones spread among a year's
/// closed ones) took 29–35 ms with the file out of the system's cache.
/// From this index (2.9 MB: only the 60 000 open tickets) the same keys
/// take 6.6–6.9 ms. `TicketRepository.queueKeys` names it, as the planner
/// would otherwise read the rows by their id.
enum TicketKeysSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: createIndex)
    }

    static let createIndex = """
        CREATE INDEX tickets_open_keys ON tickets (id, sla_due, status, assignee_id, queue) WHERE sla_due IS NOT NULL
        """
}
