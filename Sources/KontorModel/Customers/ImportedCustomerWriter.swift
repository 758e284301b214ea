import GRDB

/// Writes the new customers of an import: the same row as
/// `CustomerRepository.insert` (its statement, its values, its derived
/// columns, so the full-text and count triggers run as for a form's save)
/// and the same audit line as `Audit.record`, each statement prepared once
/// for the whole file and bound directly (`RowInserter`, `BulkAudit`).
///
/// For 100 000 rows GRDB's per-call work (a statement looked up in its
/// cache, the arguments as `DatabaseValue`s in fresh arrays, two timestamps
/// formatted per row) cost more than SQLite's insert itself.
final class ImportedCustomerWriter {
    private let customers: RowInserter
    private let audit: BulkAudit
    private let db: Database
    private let username: String

    init(_ db: Database, by session: Session) throws {
        self.db = db
        customers = try RowInserter(db, sql: CustomerRepository.insertSQL)
        audit = try BulkAudit(db, by: session)
        username = session.username
    }

    /// Inserts checked fields, with `id` as the customer number when given,
    /// and the audit line `import`/`source` naming where the row came from;
    /// returns the new customer's id. The owner is checked as on any insert.
    /// `derived` are the fields' `CustomerRepository.derivedColumns`.
    func insert(_ fields: CustomerFields, derived: (sortKey: String, alias: String, searchText: String), id: Int64?, source: String) throws -> Int64 {
        try CustomerRepository.checkOwner(db, fields.ownerID)
        let now = audit.now()
        var values: [(any SQLiteBindable)?] = CustomerRepository.values(fields, derived: derived).map { $0 }
        values += [now, now, username, id]
        try customers.insert(values: values)
        let customerID = db.lastInsertedRowID
        try audit.record(entity: "customer", id: customerID, action: "import", changes: [("source", nil, source)])
        return customerID
    }
}
