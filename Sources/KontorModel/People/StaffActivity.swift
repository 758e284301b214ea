import GRDB

extension KontorDatabase {
    /// What one person changed lately, newest first: one entry per change
    /// (its fields folded together), read backwards along `audit_by_actor`.
    public func activity(ofActor username: String, limit: Int = 20) throws -> [AuditEntry] {
        try read { db in
            try AuditEntry.fetchAll(db, sql: """
                SELECT max(id) AS id, at, actor, entity, entity_id, action,
                       group_concat(field, ', ') AS field, NULL AS old_value, NULL AS new_value
                FROM (SELECT * FROM audit_log WHERE actor = ? ORDER BY id DESC LIMIT ?)
                GROUP BY at, entity, entity_id, action
                ORDER BY id DESC
                """, arguments: [username, limit * 4]).prefix(limit).map { $0 }
        }
    }

    /// The newest change `username` made, by its audit id (nil for none):
    /// one step down `audit_by_actor`, so that what shows a person's
    /// activity can tell whether it moved without reading it again.
    public func lastActivityID(ofActor username: String) throws -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT max(id) FROM audit_log WHERE actor = ?", arguments: [username]) }
    }
}
