import Foundation
import GRDB

/// What `kontor doctor` asks of the storage engine: which SQLite this is,
/// whether it has what Kontor needs, and how the file is journalled.
public struct StorageFacts: Equatable, Sendable {
    /// The library's version, "3.40.1".
    public var engineVersion: String
    /// The journal mode of the file: `wal` lets people read while one saves.
    public var journalMode: String
    /// Whether full-text search (FTS5) is built in: the customer search needs it.
    public var fullTextSearch: Bool

    /// The oldest SQLite Kontor runs on: generated columns (3.31) and the
    /// `ON CONFLICT … DO UPDATE` the derived tables use.
    public static let oldestEngine = "3.31.0"

    public init(engineVersion: String, journalMode: String, fullTextSearch: Bool) {
        self.engineVersion = engineVersion
        self.journalMode = journalMode
        self.fullTextSearch = fullTextSearch
    }

    /// Whether `engineVersion` is at least `oldestEngine`.
    public var engineIsRecentEnough: Bool {
        let have = engineVersion.split(separator: ".").compactMap { Int($0) }
        let need = Self.oldestEngine.split(separator: ".").compactMap { Int($0) }
        return have.lexicographicallyPrecedes(need) == false
    }
}

extension KontorDatabase {
    /// The facts about the database file at `path`, read through a
    /// connection that cannot change it.
    public static func storageFacts(path: String) throws -> StorageFacts {
        let queue = try DatabaseFile.readOnlyQueue(path)
        defer { try? queue.close() }
        var facts = try queue.read(SQLiteSpecific.storageFacts)
        // A connection that only looks (immutable) reports no WAL; the
        // file's header says what the file is.
        if SQLiteSpecific.headerSaysWAL(path) { facts.journalMode = "wal" }
        return facts
    }
}

extension SQLiteSpecific {
    /// Whether the file's header names WAL: bytes 18 and 19 (the read and
    /// write format versions) are 2 for WAL, 1 for a rollback journal.
    static func headerSaysWAL(_ path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        guard let bytes = try? handle.read(upToCount: 20), bytes.count == 20 else { return false }
        return bytes[18] == 2 && bytes[19] == 2
    }

    static func storageFacts(_ db: Database) throws -> StorageFacts {
        StorageFacts(
            engineVersion: try String.fetchOne(db, sql: "SELECT sqlite_version()") ?? "?",
            journalMode: try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "?",
            fullTextSearch: try Bool.fetchOne(db, sql: "SELECT sqlite_compileoption_used('ENABLE_FTS5')") ?? false)
    }
}
