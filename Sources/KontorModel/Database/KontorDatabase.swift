import Foundation
import GRDB

/// The shared business database: one SQLite file in WAL mode that every
/// session on the server opens at once.
///
/// All reads go through a `DatabasePool` so that a long report never blocks a
/// save; every write runs in an `IMMEDIATE` transaction so that two sessions
/// saving at the same moment queue on the busy timeout instead of failing
/// half-way with `SQLITE_BUSY`.
public final class KontorDatabase: Sendable {
    /// The file this database lives in.
    public let path: String
    let pool: DatabasePool

    /// How long a writer waits for another session's write before giving up.
    /// Kontor's own writes take milliseconds; a longer wait means another
    /// program holds a lock, and the person saving deserves an answer.
    public static let busyTimeout: TimeInterval = 5

    /// Opens (and creates, with its folder, if needed) the database at `path`
    /// and brings its schema up to date.
    /// - Parameter updating: told before a schema update starts, with a line
    ///   to show, since building new indexes on a large database takes seconds.
    public init(path: String, updating: ((String) -> Void)? = nil) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw KontorError.cannotOpen(path: path, reason: "cannot create folder \(folder): \(error.localizedDescription)")
            }
        }
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(Self.busyTimeout)
        config.label = "kontor"
        do {
            pool = try DatabasePool(path: path, configuration: config)
            let applied = try pool.read { db in try Schema.migrator.appliedIdentifiers(db) }
            let pending = Schema.migrator.migrations.filter { !applied.contains($0) }
            if let updating, !applied.isEmpty, !pending.isEmpty {
                updating("updating \(path) to this version of Kontor (\(pending.joined(separator: ", "))); this happens once and may take a while…")
            }
            try Schema.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw KontorError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Runs `body` in one IMMEDIATE transaction: all of it lands, or none.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw KontorError.busy
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER {
            // A rule the database itself enforces (an issued invoice, the stock
            // ledger): its message is already written for people.
            throw KontorError.rule(error.message ?? "the database refused the change")
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try pool.read(body)
    }

    /// Empties SQLite's page cache on every open connection, which stay
    /// open: the next reads come from the file (or the system's cache of
    /// it), as after a long pause. For measuring cold reads.
    ///
    /// Reads one after another reuse one reader connection; that one and the
    /// writer are emptied (the pool's own `releaseMemory()` would close the
    /// readers instead, and the next read would pay for opening one).
    public func dropPageCaches() {
        try? pool.writeWithoutTransaction { db in db.releaseMemory() }
        try? pool.unsafeRead { db in db.releaseMemory() }
    }

    /// Whether the database holds no business data yet.
    public func isEmpty() throws -> Bool {
        try read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM customers LIMIT 1)")! == 0 }
    }

    /// The identifiers of the applied schema migrations, oldest first.
    public func appliedMigrations() throws -> [String] {
        try read { db in try Array(Schema.migrator.appliedIdentifiers(db)).sorted() }
    }
}

extension KontorDatabase {
    /// What `PRAGMA integrity_check` and `foreign_key_check` report; empty when all is well.
    public func integrityProblems() throws -> [String] {
        try read { db in
            var problems = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            for row in try Row.fetchAll(db, sql: "PRAGMA foreign_key_check") {
                problems.append("foreign key: \(row[0] as String? ?? "?") row \(row[1] as Int64? ?? 0) → \(row[2] as String? ?? "?")")
            }
            return problems
        }
    }
}
