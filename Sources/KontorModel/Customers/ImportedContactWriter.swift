import GRDB

/// Writes the new contacts of an import as `CustomerRepository.insertContact`
/// does (its statements and values: one primary contact per customer) with
/// the import's audit lines, and looks up the customers and contacts the
/// rows name, each statement prepared once for the whole file and bound
/// directly (`RowInserter`, `PreparedRows`, `BulkAudit`).
final class ImportedContactWriter {
    private let contacts: RowInserter
    private let othersNotPrimary: RowInserter
    private let customerByNumber: PreparedRows
    private let customersByName: PreparedRows
    private let contactByName: PreparedRows
    private let contactByEmail: PreparedRows
    private let audit: BulkAudit
    private let db: Database
    private let username: String

    init(_ db: Database, by session: Session) throws {
        self.db = db
        contacts = try RowInserter(db, sql: CustomerRepository.insertContactSQL)
        othersNotPrimary = try RowInserter(db, sql: CustomerRepository.otherContactsNotPrimarySQL)
        customerByNumber = try PreparedRows(db, sql: "SELECT id FROM customers WHERE id = ?")
        customersByName = try PreparedRows(db, sql: "SELECT id FROM customers WHERE archived IN (0, 1) AND sort_key = ? LIMIT 2")
        contactByName = try PreparedRows(db, sql: "SELECT id FROM contacts WHERE customer_id = ? AND name = ? COLLATE NOCASE LIMIT 1")
        contactByEmail = try PreparedRows(db, sql: "SELECT id FROM contacts WHERE customer_id = ? AND email = ? COLLATE NOCASE LIMIT 1")
        audit = try BulkAudit(db, by: session)
        username = session.username
    }

    /// Whether a customer has this number.
    func customerExists(number: Int64) throws -> Bool {
        try !customerByNumber.int64s([number]).isEmpty
    }

    /// The customers (at most two) whose sort key this is.
    func customers(sortKey: String) throws -> [Int64] {
        try customersByName.int64s([sortKey])
    }

    /// The customer's contact with this name (or e-mail), case aside, if any.
    func contact(of customerID: Int64, name: String) throws -> Int64? {
        try contactByName.int64s([customerID, name]).first
    }

    func contact(of customerID: Int64, email: String) throws -> Int64? {
        try contactByEmail.int64s([customerID, email]).first
    }

    /// Inserts a checked contact of an existing customer, with the audit
    /// lines naming where it came from and whose it is; returns its id.
    /// `isFirst`: the customer was made a moment ago and has no other
    /// contact to stop being primary (a customer import's main contact).
    func insert(_ fields: ContactFields, customerID: Int64, source: String, isFirst: Bool = false) throws -> Int64 {
        try contacts.insert(values: CustomerRepository.contactValues(customerID: customerID, fields, at: audit.now(), by: username).map { $0 })
        let id = db.lastInsertedRowID
        if fields.isPrimary, !isFirst { try othersNotPrimary.insert(customerID, id) }
        try audit.record(entity: "contact", id: id, action: "import", changes: [("source", nil, source), ("customer_id", nil, String(customerID))])
        return id
    }
}
