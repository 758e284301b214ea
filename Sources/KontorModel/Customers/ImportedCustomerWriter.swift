import Foundation
import GRDB

/// Writes the new customers of an import: the same row as
/// `CustomerRepository.insert` (its statement, its values, its derived
/// columns, so the full-text and count triggers run as for a form's save)
/// and the same audit line as `Audit.record`, each statement prepared once
/// for the whole file and bound directly (`RowInserter`).
///
/// For 100 000 rows GRDB's per-call work (a statement looked up in its
/// cache, the arguments as `DatabaseValue`s in fresh arrays, two timestamps
/// formatted per row) cost more than SQLite's insert itself.
final class ImportedCustomerWriter {
    private let customers: RowInserter
    private let audit: RowInserter
    private let db: Database
    private var clock = TimestampCache()

    init(_ db: Database) throws {
        self.db = db
        customers = try RowInserter(db, sql: CustomerRepository.insertSQL)
        audit = try RowInserter(db, sql: Audit.insertSQL)
    }

    /// Inserts checked fields, with `id` as the customer number when given,
    /// and the audit line `import`/`source` naming where the row came from;
    /// returns the new customer's id. The owner is checked as on any insert.
    func insert(_ fields: CustomerFields, id: Int64?, source: String, by session: Session) throws -> Int64 {
        try CustomerRepository.checkOwner(db, fields.ownerID)
        let now = clock.now()
        var values: [(any SQLiteBindable)?] = CustomerRepository.values(fields).map { $0 }
        values += [now, now, session.username, id]
        try customers.insert(values: values)
        let customerID = db.lastInsertedRowID
        try audit.insert(clock.now(), session.username, "customer", customerID, "import", "source", nil, source)
        return customerID
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
