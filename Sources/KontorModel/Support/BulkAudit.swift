import Foundation
import GRDB

/// The audit lines of a bulk import: `Audit.record`'s rows, the same
/// values, bound through one statement prepared for the whole file
/// (`RowInserter`), the time formatted once per second.
final class BulkAudit {
    private let insert: RowInserter
    private let actor: String
    private var clock = TimestampCache()

    init(_ db: Database, by session: Session) throws {
        insert = try RowInserter(db, sql: Audit.insertSQL)
        actor = session.username
    }

    /// `Timestamp.now()`, as the audit lines of this second have it.
    func now() -> String { clock.now() }

    /// One line per change (one without a field when there is none), as `Audit.record` writes them.
    func record(entity: String, id: Int64, action: String, changes: [Audit.Change]) throws {
        let now = clock.now()
        if changes.isEmpty { try insert.insert(now, actor, entity, id, action, nil, nil, nil) }
        for change in changes {
            try insert.insert(now, actor, entity, id, action, change.field, change.old, change.new)
        }
    }

    /// One line for one change: `record` without an array of changes to
    /// build for each of an import's rows.
    func record(entity: String, id: Int64, action: String, field: String, old: String?, new: String?) throws {
        try insert.insert(clock.now(), actor, entity, id, action, field, old, new)
    }
}

/// `Timestamp.now()`, formatted once per second rather than once per call:
/// the same text, as it only changes with the second.
struct TimestampCache {
    private var second = Int.min
    private var text = ""

    mutating func now() -> String {
        let t = Int(Date().timeIntervalSince1970.rounded(.down))
        if t != second {
            second = t
            text = Timestamp.string(epochSeconds: t)
        }
        return text
    }
}
