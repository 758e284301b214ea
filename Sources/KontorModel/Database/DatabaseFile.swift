import KontorLocale
import Foundation
import GRDB

/// A look at a database file before Kontor opens it for writing.
///
/// Opening for writing is not harmless: SQLite and GRDB turn on WAL mode,
/// create the `-wal` and `-shm` files beside the database, and (with no
/// `-wal` yet) write a probe table to it. Done to a damaged file, a file of
/// another program, one from a newer Kontor, or by an account that is then
/// refused, that changes a file nobody asked Kontor to change. So the file
/// is first read without any side effect — the header by hand, the rest
/// through SQLite in `immutable` mode (no locks, no side files), or plainly
/// read-only when other sessions already keep a `-wal` — and refused with
/// what can be done about it, unchanged.
public enum DatabaseFile {
    /// What the look found, when the file may be opened.
    public struct Inspection: Sendable {
        /// No file yet, or an SQLite file without a single table: Kontor
        /// creates its schema.
        public var isNew: Bool
        /// Whether `PRAGMA quick_check` ran (it is skipped above the size
        /// the setting `database.quick_check_max_mb` allows).
        public var quickChecked: Bool
        /// The staff member of the given account: nil when none was asked
        /// for or the account is not on the list (and whether the list has
        /// anybody, for the first account, which becomes admin).
        public var staffActive: Bool?
        public var staffListEmpty: Bool
    }

    /// SQLite's magic: the first 16 bytes of every database file.
    static let magic = Array("SQLite format 3\0".utf8)

    /// The size above which opening skips `quick_check`, unless the
    /// company setting `database.quick_check_max_mb` says otherwise.
    /// `quick_check` reads and checks every page: about 13 ms per MB here,
    /// so 0.9 s at this limit, 4.5 s for a 100 000-customer demo (340 MB).
    public static let defaultQuickCheckLimitMB = 64

    /// Looks at the file at `path`; throws `KontorError.cannotOpen` saying
    /// why it may not be opened, having changed nothing.
    /// - Parameter username: an account to look up on the staff list, so
    ///   that a refused account is refused before anything is written.
    public static func inspect(path: String, username: String? = nil) throws -> Inspection {
        func refuse(_ reason: String) -> KontorError { .cannotOpen(path: path, reason: reason) }
        var info = stat()
        guard stat(path, &info) == 0 else {
            if errno == ENOENT { return Inspection(isNew: true, quickChecked: false, staffActive: nil, staffListEmpty: true) }
            throw refuse(String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR { throw refuse(tr("it is a folder, not a database file")) }
        // SQLite keeps the write-ahead log beside the name it was given: two
        // sessions through two names of one file write two logs, and damage it.
        if info.st_nlink > 1 {
            throw refuse(tr("the file has {0} names (hard links): sessions opening it by different names would damage it; keep one name (ln -s makes a link that is safe)", Int(info.st_nlink)))
        }
        if info.st_size == 0 {
            throw refuse(tr("the file is empty (0 bytes), so it is no Kontor database; if a new one should be made there, delete the empty file first, else check --db or $KONTOR_DB"))
        }
        try checkHeader(path: path, size: Int64(info.st_size), refuse: refuse)
        try checkWritable(path: path, refuse: refuse)
        return try inspectContents(path: path, size: Int64(info.st_size), username: username, refuse: refuse)
    }

    private static func checkHeader(path: String, size: Int64, refuse: (String) -> KontorError) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw refuse(tr("cannot read the file: {0}", String(cString: strerror(errno))))
        }
        defer { try? handle.close() }
        let header = Array((try? handle.read(upToCount: 100)) ?? Data())
        guard header.count == 100, Array(header.prefix(16)) == magic else {
            throw refuse(tr("it is not an SQLite database (the file does not start as one); nothing was changed — check --db or $KONTOR_DB"))
        }
        // Bytes 16–17: the page size (1 meaning 65 536), a power of two.
        let raw = Int(header[16]) << 8 | Int(header[17])
        let pageSize = raw == 1 ? 65536 : raw
        guard pageSize >= 512, pageSize & (pageSize - 1) == 0, size % Int64(pageSize) == 0 else {
            throw refuse(tr("the file is damaged (its size, {0} bytes, is no whole number of {1}-byte pages: {2}). {3}", size, pageSize, Self.cutShort, rescue(path)))
        }
    }

    /// Kontor writes every session's changes to the file, and SQLite needs
    /// the `-wal` and `-shm` files beside it: refused here, before SQLite
    /// would leave those files behind for everybody else.
    private static func checkWritable(path: String, refuse: (String) -> KontorError) throws {
        guard access(path, W_OK) == 0 else {
            throw refuse(tr("this account may read the file but not write it; Kontor needs to write (ask an administrator to check its owner and mode)"))
        }
        let folder = (path as NSString).deletingLastPathComponent
        let sidesExist = ["-wal", "-shm"].allSatisfy { access(path + $0, W_OK) == 0 }
        guard sidesExist || access(folder.isEmpty ? "." : folder, W_OK) == 0 else {
            throw refuse(tr("this account may not create files in {0}, where SQLite keeps the -wal and -shm files beside the database", folder))
        }
    }

    private static func inspectContents(path: String, size: Int64, username: String?, refuse: (String) -> KontorError) throws -> Inspection {
        do {
            let queue = try readOnlyQueue(path)
            defer { try? queue.close() }
            return try queue.read { db in
                let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
                let limitMB = tables.contains("settings")
                    ? (try? Int.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'database.quick_check_max_mb'")) ?? nil
                    : nil
                let quickChecked = size <= Int64(limitMB ?? defaultQuickCheckLimitMB) * 1_048_576
                if quickChecked {
                    let problems = try String.fetchAll(db, sql: "PRAGMA quick_check(5)")
                    if problems != ["ok"] {
                        throw refuse(tr("the file is damaged ({0}). {1}", problems.prefix(3).joined(separator: "; "), rescue(path)))
                    }
                }
                if tables.isEmpty {
                    return Inspection(isNew: true, quickChecked: quickChecked, staffActive: nil, staffListEmpty: true)
                }
                guard tables.contains("grdb_migrations"), tables.contains("staff") else {
                    let shown = tables.sorted().prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
                    throw refuse(tr("it is an SQLite database of another program (tables: {0}), not Kontor's; nothing was changed", shown))
                }
                let applied = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations")
                let unknown = applied.filter { !Schema.migrator.migrations.contains($0) }
                if !unknown.isEmpty {
                    throw refuse(tr("it was written by a newer Kontor (schema changes this version does not know: {0}); open it with that version or a newer one; nothing was changed", unknown.sorted().joined(separator: ", ")))
                }
                let staffCount = try Int.fetchOne(db, sql: "SELECT count(*) FROM staff") ?? 0
                let active = try username.flatMap { try Bool.fetchOne(db, sql: "SELECT active FROM staff WHERE username = ?", arguments: [$0]) }
                return Inspection(isNew: false, quickChecked: quickChecked, staffActive: active, staffListEmpty: staffCount == 0)
            }
        } catch let error as KontorError {
            throw error
        } catch let error as DatabaseError where [.SQLITE_CORRUPT, .SQLITE_NOTADB].contains(error.resultCode) {
            throw refuse(tr("the file is damaged ({0}). {1}", error.message ?? "\(error.resultCode)", rescue(path)))
        } catch let error as DatabaseError {
            throw refuse(error.message ?? "\(error)")
        }
    }

    /// Every problem `PRAGMA integrity_check` and `foreign_key_check` find,
    /// read without changing the file (for `kontor check`): empty when all
    /// is well. Throws, unchanged, for a file that is no SQLite database.
    public static func problems(path: String) throws -> [String] {
        func refuse(_ reason: String) -> KontorError { .cannotOpen(path: path, reason: reason) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw refuse(String(cString: strerror(errno))) }
        if info.st_size == 0 { throw refuse(tr("the file is empty (0 bytes)")) }
        do {
            try checkHeader(path: path, size: Int64(info.st_size), refuse: refuse)
        } catch KontorError.cannotOpen(_, let reason) where reason.contains(Self.cutShort) {
            // Go on: SQLite says what the missing pages held.
        }
        do {
            let queue = try readOnlyQueue(path)
            defer { try? queue.close() }
            return try queue.read(SQLiteSpecific.integrityProblems)
        } catch let error as DatabaseError {
            return [error.message ?? "\(error)"]
        }
    }

    /// A connection that cannot change the file. Without a -wal file
    /// nobody has the database open: it is read as an unchanging file,
    /// which takes no locks and creates no side files. With one, other
    /// sessions are at work: an ordinary read-only connection sees their
    /// latest commits, and its side files exist already.
    static func readOnlyQueue(_ path: String) throws -> DatabaseQueue {
        var config = Configuration()
        config.readonly = true
        config.label = "kontor.inspect"
        let hasWAL = FileManager.default.fileExists(atPath: path + "-wal")
        return try DatabaseQueue(path: "file:" + escapedForURI(path) + (hasWAL ? "?mode=ro" : "?immutable=1"), configuration: config)
    }

    /// The guess that a file of part pages was cut short, which `problems`
    /// looks past to let SQLite say what the missing pages held.
    static var cutShort: String { tr("cut short?") }

    /// What a person can do about a damaged file.
    static func rescue(_ path: String) -> String {
        tr("Nothing was changed. `kontor check --db {0}` lists every problem; `sqlite3 {0} .recover | sqlite3 rescued.sqlite` copies out what can still be read", path)
    }

    /// `path` as the path part of an SQLite URI: `%`, `?` and `#` would
    /// otherwise be read as escapes, the query and the fragment.
    static func escapedForURI(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "%?#")
        return path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path
    }
}
