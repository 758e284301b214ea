import GRDB

/// The audit log: who changed what, when, from what to what. Written in the
/// same transaction as the change it records, so neither exists without the other.
enum Audit {
    typealias Change = (field: String, old: String?, new: String?)

    /// One line of the log; also what a bulk import binds itself (`ImportedCustomerWriter`).
    static let insertSQL = """
        INSERT INTO audit_log (at, actor, entity, entity_id, action, field, old_value, new_value)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
        """

    static func record(_ db: Database, actor: String, entity: String, id: Int64, action: String, changes: [Change] = []) throws {
        let now = Timestamp.now()
        let insert = try db.cachedStatement(sql: insertSQL)
        if changes.isEmpty {
            try insert.execute(arguments: [now, actor, entity, id, action, nil, nil, nil])
        }
        for change in changes {
            try insert.execute(arguments: [now, actor, entity, id, action, change.field, change.old, change.new])
        }
    }

    /// `audit_log` (as `alias`) read by one record's lines, through
    /// `audit_by_entity` whatever the planner's statistics say: taken when
    /// the log was nearly empty, they make a scan of the whole log look
    /// cheaper than the index.
    static func byEntity(_ alias: String = "") -> String {
        SQLiteSpecific.table(alias.isEmpty ? "audit_log" : "audit_log \(alias)", indexedBy: "audit_by_entity")
    }

    static func record(_ db: Database, session: Session, entity: String, id: Int64, action: String, changes: [Change] = []) throws {
        try record(db, actor: session.username, entity: entity, id: id, action: action, changes: changes)
    }

    /// A save over `old` under `action`: as it is, or, from a session that
    /// overwrites knowingly after an edit conflict, as an `overwrite` of
    /// `old`'s version (whatever the save's own action, its changed fields
    /// say what it did), with that version and who saved it as lines of
    /// their own (`overwritten_version`, `overwritten_by`), so that the
    /// history tells it from a plain update. `old` is the version the save
    /// was checked against: the one the person saw and replaced.
    static func recordSave(_ db: Database, session: Session, entity: String, id: Int64, action: String = "update",
                           over old: some VersionedRecord, changes: [Change]) throws {
        guard session.overwritesKnowingly else {
            return try record(db, session: session, entity: entity, id: id, action: action, changes: changes)
        }
        try record(db, session: session, entity: entity, id: id, action: overwrite, changes: changes + [
            (overwrittenVersion, String(old.version), nil), (overwrittenBy, old.updatedBy, nil),
        ])
    }

    /// The action of a save over a colleague's version, and its two lines
    /// naming that version and who saved it (their old values).
    static let overwrite = "overwrite", overwrittenVersion = "overwritten_version", overwrittenBy = "overwritten_by"

    /// A new record: each of its fields, from nothing.
    static func recordCreation(_ db: Database, session: Session, entity: String, id: Int64, values: [String: String?]) throws {
        try record(db, session: session, entity: entity, id: id, action: "create", changes: differences([:], values))
    }

    /// The fields whose values differ between two snapshots, as audit changes.
    static func differences(_ old: [String: String?], _ new: [String: String?]) -> [Change] {
        new.keys.sorted().compactMap { key in
            let before = old[key] ?? nil
            let after = new[key] ?? nil
            return before == after ? nil : (key, before, after)
        }
    }
}

/// One line of the audit log, for history views.
public struct AuditEntry: Equatable, Sendable, FetchableRecord {
    public var id: Int64
    public var at: String
    public var actor: String
    public var entity: String
    public var entityID: Int64
    public var action: String
    public var field: String?
    public var oldValue: String?
    public var newValue: String?

    public init(row: Row) {
        id = row["id"]
        at = row["at"]
        actor = row["actor"]
        entity = row["entity"]
        entityID = row["entity_id"]
        action = row["action"]
        field = row["field"]
        oldValue = row["old_value"]
        newValue = row["new_value"]
    }

    /// Whether the line belongs to a save that knowingly replaced a
    /// colleague's version after an edit conflict (`Session.overwriting()`).
    public var isOverwrite: Bool { action == Audit.overwrite }
}

extension KontorDatabase {
    /// The recorded history of one record, newest last.
    public func history(of entity: String, id: Int64, fields: [String]? = nil) throws -> [AuditEntry] {
        try read { db in
            var request: SQL = "SELECT * FROM \(sql: Audit.byEntity()) WHERE entity = \(entity) AND entity_id = \(id)"
            if let fields { request += " AND field IN \(fields)" }
            request += " ORDER BY id"
            return try AuditEntry.fetchAll(db, SQLRequest<AuditEntry>(literal: request))
        }
    }
}
