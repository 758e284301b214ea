import GRDB

/// Writes a large amount of data into an empty database the way bulk
/// loaders do: one transaction, no write-ahead log and no syncing while it
/// runs, WAL again at the end.
///
/// In WAL mode every page of a fresh database is written twice, into the
/// log and again when the log is copied back; without it, once. The
/// rollback journal used meanwhile holds only the pages that existed before
/// the load (SQLite never journals pages past the file's original end), a
/// few dozen for an empty schema, so it costs nothing and still lets an
/// interrupted load roll back to the empty database rather than leave a
/// broken file. Not syncing is safe for the same reason: until the commit
/// there is nothing to lose but the demo itself.
enum BulkLoad {
    /// Runs `load` in one transaction on the writer connection, with the
    /// journal and syncing relaxed as described above when SQLite allows it
    /// (it does when no other connection has the file open); otherwise in
    /// WAL mode as usual, only slower.
    static func run(_ database: KontorDatabase, _ load: (Database) throws -> Void) throws {
        // The journal mode changes only while this is the one connection.
        database.closeIdleReaders()
        try database.writer.writeWithoutTransaction { db in
            let synchronous = try Int.fetchOne(db, sql: "PRAGMA synchronous") ?? 1
            let foreignKeys = try Int.fetchOne(db, sql: "PRAGMA foreign_keys") ?? 1
            let relaxed = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")?.lowercased() == "delete"
            try db.execute(sql: "PRAGMA synchronous = OFF")
            // The loader writes its rows in order, each after the rows it
            // refers to: looking every parent up again would only cost time
            // (the tests check the result with foreign_key_check). Sorting
            // for the indexes may use the second core and memory.
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            try db.execute(sql: "PRAGMA threads = 2")
            try db.execute(sql: "PRAGMA temp_store = MEMORY")
            defer {
                if relaxed { _ = try? String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
                try? db.execute(sql: "PRAGMA synchronous = \(synchronous)")
                try? db.execute(sql: "PRAGMA foreign_keys = \(foreignKeys)")
                try? db.execute(sql: "PRAGMA threads = 0")
                try? db.execute(sql: "PRAGMA temp_store = DEFAULT")
            }
            try db.inTransaction(.immediate) {
                try load(db)
                return .commit
            }
        }
    }
}
