import KontorLocale
import GRDB

/// The full-text rows of an import's new customers, written a batch at a
/// time instead of by the insert trigger, one row at a time.
///
/// SQLite gives a virtual table a savepoint for every statement that
/// writes to it, and FTS5 (as of SQLite 3.40) writes its pending terms to
/// disk at each one: through the trigger, every imported customer became
/// a segment of its own, merged again and again — two thirds of SQLite's
/// time in a 100 000-row import. So for the import's transaction the
/// insert trigger (`customers_fts_insert`) is dropped, each new customer's
/// id noted, and the notes written as one `INSERT … SELECT` per batch with
/// exactly the trigger's columns; at the end the trigger is created again
/// from its own stored text. The index then holds what the trigger would
/// have put there (the equivalence test compares it term by term).
///
/// A contact import writes `contacts_fts` the same way, for the same
/// reason (`Index.contacts`).
///
/// All inside the import's one transaction: a rolled-back import (a dry
/// run, a refused file) takes the dropped trigger back with everything
/// else, and no other connection ever sees the table without it. Rows
/// are flushed before any other change to a customer (an `--update`), so
/// the update trigger never meets a row missing from the index.
final class ImportedCustomerSearch {
    private let db: Database
    private let triggerSQL: String
    private var pending: [Int64] = []
    /// Ids per statement: few enough to be nothing in memory (64 KiB;
    /// FTS5 bounds its own pending terms), many enough that FTS5 writes a
    /// handful of segments for a whole file. Each statement also copies
    /// the pages it changes to a statement journal and leaves the page
    /// cache fuller of the index's pages: at 100 000 rows 8 192 a batch
    /// spilled 72 000 pages to the log where 2 048 spilled 101 000, for
    /// 1.5 MB more peak memory (32 768 saved a little more for 3 MB).
    static let batchSize = 8192

    /// The full-text index written so: the customers' own, or their
    /// contact persons' (`contacts_fts`, a contact import's).
    enum Index {
        case customers, contacts

        var trigger: String { self == .customers ? "customers_fts_insert" : "contacts_fts_insert" }

        /// The trigger's insert for the ids in `ids`, exactly its columns.
        func insert(_ ids: SQL) -> SQL {
            switch self {
            case .customers:
                return """
                    INSERT INTO customers_fts (rowid, name, contact_name, email, city, phone, vat_id, search_alias)
                    SELECT id, name, contact_name, email, city, phone, vat_id, search_alias FROM customers
                    WHERE id IN (\(ids))
                    """
            case .contacts:
                // Those whose words are not all their customer's (`ContactSearchIndex`).
                return "INSERT INTO contacts_fts (rowid, search_text) SELECT id, search_text FROM contacts_own_words WHERE id IN (\(ids))"
            }
        }
    }

    private let index: Index

    init(_ db: Database, _ index: Index = .customers) throws {
        self.db = db
        self.index = index
        guard let sql = try SQLiteSpecific.storedSQL(db, "trigger", index.trigger) else {
            throw KontorError.rule(index == .customers
                ? tr("the customers' search index has no insert trigger; run `kontor check` on the database")
                : tr("the contacts' search index has no insert trigger; run `kontor check` on the database"))
        }
        triggerSQL = sql
        try db.execute(sql: "DROP TRIGGER \(index.trigger)")
        pending.reserveCapacity(Self.batchSize)
    }

    /// Notes a new customer (or contact), to be indexed with its batch.
    func inserted(_ id: Int64) throws {
        pending.append(id)
        if pending.count >= Self.batchSize { try flush() }
    }

    /// Indexes the noted rows now: before anything else changes one.
    func flush() throws {
        guard !pending.isEmpty else { return }
        try db.execute(literal: index.insert(SQLiteSpecific.idList(pending)))
        pending.removeAll(keepingCapacity: true)
    }

    /// Indexes the rest and puts the trigger back.
    func finish() throws {
        try flush()
        try db.execute(sql: triggerSQL)
    }
}
