import Foundation
import GRDB

/// Where one session stands in Kontor: the screen, the record open on it,
/// and whether a form on that record is open for editing.
public struct PresencePlace: Equatable, Sendable {
    /// The kinds of record a place can name.
    public enum Kind: String, Sendable {
        case customer, ticket, deal, invoice, product, staff
    }

    /// The screen's title: `Customers`, `Invoices`.
    public var screen: String
    /// The record open on it, if any.
    public var kind: Kind?
    public var recordID: Int64?
    /// How people know the record: "Müller GmbH", "Invoice 2026-00042".
    public var recordTitle: String
    public var editing: Bool

    public init(screen: String, kind: Kind? = nil, recordID: Int64? = nil, recordTitle: String = "", editing: Bool = false) {
        self.screen = screen
        self.kind = kind
        self.recordID = kind == nil ? nil : recordID
        self.recordTitle = kind == nil ? "" : recordTitle
        self.editing = kind != nil && editing
    }

    /// Whether this place has the given record open.
    public func has(_ kind: Kind, _ id: Int64) -> Bool { self.kind == kind && recordID == id }
}

/// One session at work now, as others see it.
public struct PresenceEntry: Equatable, Sendable {
    public var sessionID: String
    public var username: String
    public var fullName: String
    public var pid: Int32
    public var place: PresencePlace
    /// When the session last said it was there.
    public var heartbeat: Date
}

/// Who is in Kontor now and where: what lets a colleague see "Ben is
/// editing" on the invoice they are about to change, and the Staff screen
/// show who is connected.
///
/// Each running session keeps one row, written when its place changes and
/// otherwise at most every `heartbeatInterval` seconds, from the same idle
/// tick that looks for other sessions' changes. Rows not renewed for
/// `staleAfter` seconds are ignored and deleted by the next writer: a
/// session killed with `kill -9` disappears by age; one that quits removes
/// its row at once.
///
/// The rows live in a file of their own beside the database
/// (`kontor.sqlite-presence`), not in the business database. Every commit
/// to a SQLite file changes its `PRAGMA data_version`, which is how each
/// session learns that colleagues saved something and reloads what it
/// shows: heartbeats in the business file would wake every session every
/// few seconds to reload for nothing, and would take the business file's
/// write lock that saves wait on. In a file of their own they cost a save
/// nothing and an idle session one tiny read a second. The file holds
/// nothing worth keeping (no backup, `synchronous = OFF`); when it cannot
/// be opened or written, presence is simply not shown — never an error in
/// anyone's way.
public final class Presence {
    /// How often a session renews its row while its place stays the same.
    /// Every open session writes this often; with two hundred of them a
    /// shorter interval costs the server more than a colleague gains from a
    /// quicker "gone".
    public static let heartbeatInterval: TimeInterval = 5
    /// A row older than this belongs to a session that is gone.
    public static let staleAfter: TimeInterval = 15

    /// This session's row.
    public let sessionID: String
    private let username: String
    private let fullName: String
    private let queue: DatabaseQueue?
    private var written: (place: PresencePlace, at: Date)?

    /// Opens (creating it, readable by its owner only) the presence file of
    /// `session`'s database. A database in memory has no colleagues: then
    /// nothing is written and nobody else is ever seen.
    public init(session: Session) {
        sessionID = UUID().uuidString
        username = session.username
        fullName = session.staff.fullName
        queue = session.database.isFile ? Self.open(Self.path(of: session.database.path)) : nil
    }

    /// The presence file beside a database file.
    public static func path(of databasePath: String) -> String { databasePath + "-presence" }

    private static func open(_ path: String) -> DatabaseQueue? {
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        var config = Configuration()
        // A colleague's presence write takes milliseconds; never wait long for it.
        config.busyMode = .timeout(0.25)
        config.label = "kontor.presence"
        return try? DatabaseQueue(path: path, configuration: config).then { queue in
            try queue.writeWithoutTransaction { db in
                try SQLiteSpecific.useWAL(db, durable: false)
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS presence (
                        session_id   TEXT PRIMARY KEY,
                        username     TEXT NOT NULL,
                        full_name    TEXT NOT NULL,
                        pid          INTEGER NOT NULL,
                        screen       TEXT NOT NULL,
                        record_kind  TEXT,
                        record_id    INTEGER,
                        record_title TEXT NOT NULL DEFAULT '',
                        editing      INTEGER NOT NULL DEFAULT 0,
                        heartbeat    REAL NOT NULL
                    );
                    CREATE INDEX IF NOT EXISTS presence_by_heartbeat ON presence (heartbeat);
                    """)
            }
        }
    }

    /// Says where this session is now. Writes only when the place changed
    /// or the last write is `heartbeatInterval` old, in a short transaction
    /// of its own that also deletes the rows of sessions gone. Never
    /// throws: a failed write shows as a colleague not seeing this session
    /// for a few seconds, nothing worse.
    public func update(_ place: PresencePlace, now: Date = Date()) {
        guard let queue else { return }
        if let written, written.place == place, now.timeIntervalSince(written.at) < Self.heartbeatInterval, now >= written.at { return }
        do {
            try queue.inTransaction { db in
                // Both run every few seconds in every session: prepared once.
                try db.cachedStatement(sql: "DELETE FROM presence WHERE heartbeat < ?")
                    .execute(arguments: [now.timeIntervalSince1970 - Self.staleAfter])
                try db.cachedStatement(sql: """
                    INSERT OR REPLACE INTO presence (session_id, username, full_name, pid, screen, record_kind, record_id, record_title, editing, heartbeat)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """).execute(arguments: [sessionID, username, fullName, getpid(), place.screen, place.kind?.rawValue, place.recordID,
                                             place.recordTitle, place.editing, now.timeIntervalSince1970])
                return .commit
            }
            written = (place, now)
        } catch {
            written = nil
        }
    }

    /// Everyone at work now, this session too, by name.
    public func everyone(now: Date = Date()) -> [PresenceEntry] {
        entries("heartbeat >= \(now.timeIntervalSince1970 - Self.staleAfter)")
    }

    /// Everyone at work now who has the record open, this session too, by name.
    public func everyone(at kind: PresencePlace.Kind, _ id: Int64, now: Date = Date()) -> [PresenceEntry] {
        entries("record_kind = \(kind.rawValue) AND record_id = \(id) AND heartbeat >= \(now.timeIntervalSince1970 - Self.staleAfter)")
    }

    /// How many sessions are on the screen titled `screen` now, this one
    /// included once it has said so; 0 when presence cannot be read.
    public func count(onScreen screen: String, now: Date = Date()) -> Int {
        guard let queue else { return 0 }
        return (try? queue.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM presence WHERE screen = ? AND heartbeat >= ?",
                             arguments: [screen, now.timeIntervalSince1970 - Self.staleAfter])
        }) ?? 0
    }

    /// The rows that meet `condition`, by name; each reading's statement
    /// is prepared once per connection (a session reads every second).
    private func entries(_ condition: SQL) -> [PresenceEntry] {
        guard let queue else { return [] }
        let rows = (try? queue.read { db in
            try Row.fetchAll(db, SQLRequest<Row>(literal: "SELECT * FROM presence WHERE \(condition) ORDER BY full_name, username, heartbeat",
                                                 cached: true))
        }) ?? []
        return rows.map { row in
            PresenceEntry(
                sessionID: row["session_id"], username: row["username"], fullName: row["full_name"], pid: row["pid"],
                place: PresencePlace(screen: row["screen"], kind: (row["record_kind"] as String?).flatMap(PresencePlace.Kind.init(rawValue:)),
                                     recordID: row["record_id"], recordTitle: row["record_title"], editing: row["editing"]),
                heartbeat: Date(timeIntervalSince1970: row["heartbeat"]))
        }
    }

    /// The other sessions that have a record open, editors first.
    public func others(at kind: PresencePlace.Kind, _ id: Int64, now: Date = Date()) -> [PresenceEntry] {
        Self.others(of: sessionID, at: kind, id, in: everyone(at: kind, id, now: now))
    }

    /// The entries of `entries` other than `sessionID`'s that have the record open, editors first.
    public static func others(of sessionID: String, at kind: PresencePlace.Kind, _ id: Int64, in entries: [PresenceEntry]) -> [PresenceEntry] {
        entries.filter { $0.sessionID != sessionID && $0.place.has(kind, id) }
            .sorted { ($0.place.editing ? 0 : 1, $0.fullName) < ($1.place.editing ? 0 : 1, $1.fullName) }
    }

    /// Removes this session's row: on a clean exit colleagues stop seeing
    /// it at once instead of after `staleAfter`.
    public func leave() {
        guard let queue, written != nil else { return }
        _ = try? queue.write { db in try db.execute(sql: "DELETE FROM presence WHERE session_id = ?", arguments: [sessionID]) }
        written = nil
    }

    deinit { leave() }
}

private extension DatabaseQueue {
    func then(_ body: (DatabaseQueue) throws -> Void) throws -> DatabaseQueue {
        try body(self)
        return self
    }
}
