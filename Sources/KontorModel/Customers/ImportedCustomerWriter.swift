import KontorLocale
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
///
/// The customer counts are kept in bulk too: for the import's transaction
/// the count trigger (`customer_counts_insert`) is dropped and the new
/// rows added to their count once, in `finish`, before the trigger is
/// created again from its own stored text. A trigger makes each insert a
/// statement that writes twice, and SQLite then copies every page the
/// insert touches (the table's, each index's, the counts') to a statement
/// journal first, in case the trigger fails halfway: at 100 000 rows that
/// was 2.5 GB written to a temporary file, a write system call per page.
/// A plain insert needs no such journal. As with the search trigger, a
/// rollback takes the drop back and no other connection sees the table
/// without it.
final class ImportedCustomerWriter {
    private let customers: RowInserter
    private let contacts: ImportedContactWriter
    private let audit: BulkAudit
    private let db: Database
    private let username: String
    private let countTriggerSQL: String
    /// Customers inserted and not yet counted.
    private var uncounted = 0

    init(_ db: Database, by session: Session) throws {
        self.db = db
        guard let sql = try SQLiteSpecific.storedSQL(db, "trigger", "customer_counts_insert") else {
            throw KontorError.rule(tr("the customer counts have no insert trigger; run `kontor check` on the database"))
        }
        countTriggerSQL = sql
        try db.execute(sql: "DROP TRIGGER customer_counts_insert")
        customers = try RowInserter(db, sql: CustomerRepository.insertSQL)
        contacts = try ImportedContactWriter(db, by: session)
        audit = try BulkAudit(db, by: session)
        username = session.username
    }

    /// Inserts checked fields, with `id` as the customer number when given,
    /// and the audit line `import`/`source` naming where the row came from;
    /// returns the new customer's id, and its main contact's when the
    /// fields name a contact person. The owner is checked as on any insert.
    /// `derived` are the fields' `CustomerRepository.derivedColumns`.
    func insert(_ fields: CustomerFields, derived: (sortKey: String, alias: String, searchText: String), id: Int64?,
                source: String) throws -> (customer: Int64, contact: Int64?) {
        try CustomerRepository.checkOwner(db, fields.ownerID)
        let now = audit.now()
        try customers.insert(values: CustomerRepository.values(fields, derived: derived), now, now, username, id)
        uncounted += 1
        let customerID = db.lastInsertedRowID
        try audit.record(entity: "customer", id: customerID, action: "import", field: "source", old: nil, new: source)
        // Its contact person becomes its primary contact, as a form's save makes one.
        guard let contact = ContactFields.main(of: fields)?.normalized() else { return (customerID, nil) }
        return (customerID, try contacts.insert(contact, customerID: customerID, source: source, isFirst: true))
    }

    /// Adds the new customers to their count, as the trigger would have one
    /// by one (`insertSQL` leaves `archived` at its default, 0), and puts
    /// the trigger back.
    func finish() throws {
        try db.execute(sql: "UPDATE customer_counts SET n = n + ? WHERE archived = 0", arguments: [uncounted])
        uncounted = 0
        try db.execute(sql: countTriggerSQL)
    }
}
