import KontorLocale
import Foundation
import GRDB

/// The shared business database: in production one SQLite file in WAL mode
/// that every session on the server opens at once.
///
/// The model reads and writes through any GRDB `DatabaseWriter`: a
/// `DatabasePool` for the file (so that a long report never blocks a save),
/// an in-memory `DatabaseQueue` in unit tests. Every write runs in an
/// `IMMEDIATE` transaction so that two sessions saving at the same moment
/// queue on the busy timeout instead of failing half-way with `SQLITE_BUSY`.
public final class KontorDatabase: Sendable {
    /// The file this database lives in (`:memory:` for one in memory).
    public let path: String
    /// Where every read and write goes.
    let writer: any DatabaseWriter
    /// The sendmail command of the server's configuration, on a server:
    /// used instead of the mail settings' and not to be changed from
    /// inside Kontor (see `ServerConfig.sendmail`); nil on a personal
    /// installation, where the settings' command is the one.
    public let serverSendmail: String?
    /// Told after a change of who may come in (a colleague deactivated or
    /// activated), on a server: it writes the SSH keys' file again from the
    /// staff list, whichever screen or command made the change. Given the
    /// database, not the session: the session may be the very person just
    /// deactivated.
    public let accessChanged: (@Sendable (KontorDatabase) throws -> Void)?
    /// Where the files a person makes go (printed invoices, exports,
    /// dunning letters, a mail's attachments), each kind in a folder of its
    /// own under it: beside the database on a personal installation; on a
    /// server, for a member of staff who came in by SSH, a folder of their
    /// own (`files/USER` beside the database), from which `kontor files`
    /// hands them over the same key (`personalFiles`).
    public let filesFolder: String
    /// True when `filesFolder` is a person's own on a server, fetched
    /// with `ssh … files get PATH`.
    public let personalFiles: Bool

    /// How long a writer waits for another session's write before giving up.
    /// Kontor's own writes take milliseconds; a longer wait means another
    /// program holds a lock, and the person saving deserves an answer.
    public static let busyTimeout: TimeInterval = 5

    /// Opens (and creates, with its folder, if needed) the database at `path`
    /// and brings its schema up to date — after `DatabaseFile.inspect` found
    /// the file healthy and Kontor's, so that a file refused is unchanged.
    /// - Parameters:
    ///   - username: the account about to use it: refused here, before
    ///     anything is written, when it is not on the staff list or inactive.
    ///   - updating: told before a schema update starts, with a line
    ///     to show, since building new indexes on a large database takes seconds.
    ///   - serverSendmail: the server's sendmail command, on a server.
    ///   - accessChanged: see `accessChanged`; nil on a personal installation.
    ///   - personalFilesOf: on a server, the member of staff served over SSH,
    ///     whose files go to a folder of their own (see `filesFolder`).
    public convenience init(path: String, username: String? = nil, serverSendmail: String? = nil,
                            accessChanged: (@Sendable (KontorDatabase) throws -> Void)? = nil, personalFilesOf: String? = nil,
                            updating: ((String) -> Void)? = nil) throws {
        // The file itself, not a link to it: what lies beside it (presence,
        // the dunning run's lock, the letters) is the same by any link.
        let path = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let inspection = try DatabaseFile.inspect(path: path, username: username)
        if let username, !inspection.isNew {
            switch inspection.staffActive {
            case false?: throw KontorError.inactiveStaff(username: username)
            case nil where !inspection.staffListEmpty: throw KontorError.notStaff(username: username)
            default: break
            }
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw KontorError.cannotOpen(path: path, reason: tr("cannot create folder {0}: {1}", folder, ErrorText.describe(error)))
            }
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration())
        } catch let error as DatabaseError {
            throw KontorError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
        try self.init(writer: pool, serverSendmail: serverSendmail, accessChanged: accessChanged,
                      filesFolder: personalFilesOf.map { Self.personalFilesFolder(of: $0, besideDatabaseAt: path) }, updating: updating)
    }

    /// `files/USER` beside the database: a served person's own files.
    public static func personalFilesFolder(of username: String, besideDatabaseAt path: String) -> String {
        (((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("files") as NSString).appendingPathComponent(username)
    }

    /// A database of its own in memory, empty but for the schema: for unit
    /// tests that need no file, no folder and no second connection.
    public static func inMemory() throws -> KontorDatabase {
        try KontorDatabase(writer: DatabaseQueue(configuration: configuration()))
    }

    /// Uses `writer` (opened with `configuration()`, or one like it) and
    /// brings its schema up to date.
    public init(writer: any DatabaseWriter, serverSendmail: String? = nil, accessChanged: (@Sendable (KontorDatabase) throws -> Void)? = nil,
                filesFolder: String? = nil, updating: ((String) -> Void)? = nil) throws {
        self.path = writer.path
        self.writer = writer
        self.serverSendmail = serverSendmail
        self.accessChanged = accessChanged
        let beside = (writer.path as NSString).deletingLastPathComponent
        self.filesFolder = filesFolder ?? (beside.isEmpty ? FileManager.default.currentDirectoryPath : beside)
        self.personalFiles = filesFolder != nil
        do {
            let applied = try writer.read { db in try Schema.migrator.appliedIdentifiers(db) }
            let pending = Schema.migrator.migrations.filter { !applied.contains($0) }
            if let updating, !applied.isEmpty, !pending.isEmpty {
                updating(tr("updating {0} to this version of Kontor ({1}); this happens once and may take a while…", path, pending.joined(separator: ", ")))
            }
            // Only when there is something to do: migrating takes the write
            // lock, and a database that is up to date opens for reading
            // while a colleague writes.
            if !pending.isEmpty { try Schema.migrator.migrate(writer) }
            if !applied.isEmpty, !pending.isEmpty { try Self.refreshStatistics(writer) }
        } catch let error as DatabaseError {
            throw KontorError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        }
    }

    /// Statistics for the planner after an update of a database that has
    /// them: an index a migration adds has none, and beside indexes that
    /// have, SQLite takes it for the most selective. At a million customers
    /// the list then read `customers_by_city` and sorted every customer
    /// for its first window (1 s) instead of walking `customers_by_name`.
    static func refreshStatistics(_ writer: any DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in
            guard try db.tableExists("sqlite_stat1") else { return }
            try SQLiteSpecific.analyze(db)
        }
    }

    /// How Kontor opens a connection: foreign keys on, writers waiting
    /// `busyTimeout` for one another.
    public static func configuration() -> Configuration {
        _ = SQLiteSpecific.processSettings
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.busyMode = BusyWaits.counting ? BusyWaits.mode(timeout: busyTimeout) : .timeout(busyTimeout)
        config.label = "kontor"
        return config
    }

    /// Whether the database lives in a file other processes can open.
    public var isFile: Bool { !path.isEmpty && path != ":memory:" && !path.hasPrefix("file::memory:") }

    /// Runs `body` in one IMMEDIATE transaction: all of it lands, or none.
    /// The areas its tables belong to are marked in the same transaction,
    /// for the other sessions' change checks (`ChangeMarks`).
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do {
            return try writer.writeWithoutTransaction { db in
                var result: T?
                let recorder = ChangeMarks.Recorder()
                db.add(transactionObserver: recorder, extent: .nextTransaction)
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    try ChangeMarks.raise(recorder.areas, db)
                    return .commit
                }
                return result!
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED {
            throw KontorError.busy
        } catch let error as DatabaseError where [.SQLITE_FULL, .SQLITE_READONLY, .SQLITE_IOERR].contains(error.resultCode) {
            // A full disk, a read-only file: said in words, nothing half saved.
            throw KontorError.rule(ErrorText.describe(error))
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_TRIGGER {
            // A rule the database itself enforces (an issued invoice, the stock
            // ledger): its message is already written for people.
            throw KontorError.rule(error.message ?? tr("the database refused the change"))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try writer.read(body)
    }

    /// Empties SQLite's page cache on every open connection, which stay
    /// open: the next reads come from the file (or the system's cache of
    /// it), as after a long pause. For measuring cold reads.
    ///
    /// Reads one after another reuse one reader connection; that one and the
    /// writer are emptied (the pool's own `releaseMemory()` would close the
    /// readers instead, and the next read would pay for opening one).
    public func dropPageCaches() {
        writer.writeWithoutTransaction { db in db.releaseMemory() }
        try? writer.unsafeRead { db in db.releaseMemory() }
    }

    /// Closes the pool's idle reader connections, so that the writer is the
    /// one connection on the file (a bulk load changes the journal mode).
    func closeIdleReaders() {
        (writer as? DatabasePool)?.releaseMemory()
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
        try read { db in try SQLiteSpecific.integrityProblems(db) }
    }
}
