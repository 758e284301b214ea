import GRDB

/// A row saved with optimistic locking: every save bumps `version`, and a
/// save based on an older version is refused with who saved in between.
protocol VersionedRecord {
    var version: Int { get }
    var updatedBy: String { get }
    var updatedAt: String { get }
}

extension VersionedRecord {
    /// The record, if its version is still `expected`; otherwise `.conflict`
    /// naming who saved it since, and when.
    func checked(version expected: Int, entity: String, id: Int64) throws -> Self {
        guard version == expected else {
            throw KontorError.conflict(entity: entity, id: id, changedBy: updatedBy, changedAt: updatedAt)
        }
        return self
    }
}

extension Customer: VersionedRecord {}
extension Contact: VersionedRecord {}
extension StaffMember: VersionedRecord {}
extension Product: VersionedRecord {}
extension Invoice: VersionedRecord {}
extension Deal: VersionedRecord {}
extension Ticket: VersionedRecord {}

/// A versioned record read by its id from a table of its own: the reads
/// every change starts with, written once.
protocol StoredRecord: VersionedRecord, FetchableRecord {
    /// The table it is stored in.
    static var table: String { get }
    /// What messages call it ("customer", "staff member").
    static var entity: String { get }
}

extension StoredRecord {
    /// The record as it is now; `.notFound` when there is none.
    static func existing(_ db: Database, id: Int64) throws -> Self {
        guard let record = try fetchOne(db, sql: "SELECT * FROM \(table) WHERE id = ?", arguments: [id]) else {
            throw KontorError.notFound(entity: entity, id: id)
        }
        return record
    }

    /// The record just inserted, its creation written to the audit log
    /// with `values` (each field, from nothing).
    static func inserted(_ db: Database, by session: Session, values: [String: String?]) throws -> Self {
        let id = db.lastInsertedRowID
        try Audit.recordCreation(db, session: session, entity: entity, id: id, values: values)
        return try existing(db, id: id)
    }

    /// The record as it is now, if nobody saved it since `expectedVersion`;
    /// otherwise `.conflict` naming who did.
    static func current(_ db: Database, id: Int64, expectedVersion: Int) throws -> Self {
        try existing(db, id: id).checked(version: expectedVersion, entity: entity, id: id)
    }
}

extension Customer: StoredRecord {
    static let table = "customers", entity = "customer"
}
extension StaffMember: StoredRecord {
    static let table = "staff", entity = "staff member"
}
extension Product: StoredRecord {
    static let table = "products", entity = "product"
}
extension Deal: StoredRecord {
    static let table = "deals", entity = "deal"
}
extension Ticket: StoredRecord {
    static let table = "tickets", entity = "ticket"
}
