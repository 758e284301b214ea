import KontorLocale
import KontorText
import GRDB

/// An SSH public key as `authorized_keys` and `ssh-keygen` write it:
/// "ssh-ed25519 AAAA… anna@laptop". The key says who someone is when they
/// come in through the service account: the only identity Kontor trusts
/// over SSH.
public struct PublicKey: Equatable, Sendable {
    public var type: String
    /// The key itself, base64 as in the file.
    public var data: String
    public var comment: String

    /// The key types OpenSSH accepts for users.
    public static let types: Set<String> = [
        "ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com",
    ]

    /// Reads one line of a `.pub` file. Refuses options in front of the key
    /// (`command=…`, `from=…`): Kontor writes its own, and a key that brings
    /// its own could run anything.
    public init(line: String) throws {
        let words = line.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        guard let first = words.first else { throw KontorError.rule(tr("the key file is empty: give a public key such as ~/.ssh/id_ed25519.pub")) }
        guard Self.types.contains(String(first)) else {
            if first.contains("=") || first.contains(",") {
                throw KontorError.rule(tr("the key line starts with options ({0}); give the public key alone, Kontor adds the options", VisibleText.clean(String(first.prefix(40)))))
            }
            throw KontorError.rule(tr("not an SSH public key: it should start with ssh-ed25519, ssh-rsa or ecdsa-sha2-…; is it the .pub file?"))
        }
        guard words.count >= 2, words[1].count >= 40,
              words[1].allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+/=".contains($0)) }) else {
            throw KontorError.rule(tr("the key's data is missing or not base64"))
        }
        type = String(first)
        data = String(words[1])
        comment = words.count > 2 ? String(words[2]) : ""
        if let reason = VisibleText.forbiddenReason(in: comment) { throw KontorError.rule(tr("the key's comment {0}", reason)) }
    }

    public var line: String { comment.isEmpty ? "\(type) \(data)" : "\(type) \(data) \(comment)" }
}

/// A key on the staff list: whose it is, and its fingerprint as
/// `ssh-keygen -l` shows it (SHA256:…), by which it is removed.
public struct StaffKey: Equatable, Sendable, FetchableRecord {
    public var id: Int64
    public var username: String
    public var active: Bool
    public var key: PublicKey
    public var fingerprint: String
    public var addedAt: String

    public init(row: Row) {
        id = row["id"]
        username = row["username"]
        active = row["active"]
        key = PublicKey(type: row["key_type"], data: row["key_data"], comment: row["comment"])
        fingerprint = row["fingerprint"]
        addedAt = row["added_at"]
    }
}

extension PublicKey {
    init(type: String, data: String, comment: String) {
        self.type = type
        self.data = data
        self.comment = comment
    }
}

extension StaffRepository {
    static let keyColumns = """
        SELECT k.id, s.username, s.active, k.key_type, k.key_data, k.comment, k.fingerprint, k.added_at
        FROM staff_keys k JOIN staff s ON s.id = k.staff_id
        """

    /// Adds `key` for `username`; refused when the key is anybody's already
    /// (one key, one person). Admins only.
    @discardableResult
    public func addKey(_ key: PublicKey, fingerprint: String, for username: String) throws -> StaffKey {
        try session.write(.manageStaff) { db in
            guard let staffID = try Int64.fetchOne(db, sql: "SELECT id FROM staff WHERE username = ?", arguments: [username]) else {
                throw KontorError.rule(tr("no member of staff has the account '{0}'", username))
            }
            if let owner = try String.fetchOne(db, sql: "SELECT s.username FROM staff_keys k JOIN staff s ON s.id = k.staff_id WHERE k.key_data = ?", arguments: [key.data]) {
                throw KontorError.rule(tr("this key is already {0}: one key names one person", owner == username ? "theirs" : "the key of '\(owner)'"))
            }
            try db.execute(sql: """
                INSERT INTO staff_keys (staff_id, key_type, key_data, comment, fingerprint, added_at, added_by)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """, arguments: [staffID, key.type, key.data, key.comment, fingerprint, Timestamp.now(), session.username])
            let id = db.lastInsertedRowID
            try Audit.record(db, session: session, entity: "staff", id: staffID, action: "update",
                             changes: [("key", nil, "\(key.type) \(fingerprint)")])
            return try StaffKey.fetchOne(db, sql: Self.keyColumns + " WHERE k.id = ?", arguments: [id])!
        }
    }

    /// Removes `username`'s key with `fingerprint`, or all their keys when
    /// nil; returns how many went. Admins only.
    @discardableResult
    public func removeKeys(of username: String, fingerprint: String? = nil) throws -> Int {
        try session.write(.manageStaff) { db in
            let keys = try StaffKey.fetchAll(db, sql: Self.keyColumns + " WHERE s.username = ?", arguments: [username])
                .filter { fingerprint == nil || $0.fingerprint == fingerprint }
            let adminsWithKeys = """
                SELECT count(DISTINCT s.id) FROM staff s JOIN staff_keys k ON k.staff_id = s.id WHERE s.role = 'admin' AND s.active = 1
                """
            let before = try Int.fetchOne(db, sql: adminsWithKeys) ?? 0
            for key in keys {
                try db.execute(sql: "DELETE FROM staff_keys WHERE id = ?", arguments: [key.id])
                let staffID = try Int64.fetchOne(db, sql: "SELECT id FROM staff WHERE username = ?", arguments: [username])!
                try Audit.record(db, session: session, entity: "staff", id: staffID, action: "update",
                                 changes: [("key", "\(key.key.type) \(key.fingerprint)", nil)])
            }
            // The last key of the last admin who could come in: nobody could
            // then manage staff, keys or settings over SSH again.
            if before > 0, try Int.fetchOne(db, sql: adminsWithKeys) == 0 {
                throw KontorError.rule(tr("this is the last key of the last active admin: nobody could log in to manage staff again; add another admin's key first"))
            }
            return keys.count
        }
    }

    /// The keys on the list (of one person when `username` is given), for
    /// admins; and what `authorized_keys` must hold: the keys of active staff.
    public func keys(of username: String? = nil) throws -> [StaffKey] {
        try session.require(.manageStaff)
        return try session.database.read { db in
            if let username {
                return try StaffKey.fetchAll(db, sql: Self.keyColumns + " WHERE s.username = ? ORDER BY k.id", arguments: [username])
            }
            return try StaffKey.fetchAll(db, sql: Self.keyColumns + " ORDER BY s.username, k.id")
        }
    }
}

extension KontorDatabase {
    /// Every key on the staff list, for writing `authorized_keys` on the
    /// server (`accessChanged`): asked by the server's own process, after
    /// a change that may have ended the session that made it.
    public func staffKeysForServer() throws -> [StaffKey] {
        try read { db in try StaffKey.fetchAll(db, sql: StaffRepository.keyColumns + " ORDER BY s.username, k.id") }
    }
}

/// The table of keys.
enum StaffKeySchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE staff_keys (
                id          INTEGER PRIMARY KEY,
                staff_id    INTEGER NOT NULL REFERENCES staff (id),
                key_type    TEXT NOT NULL,
                -- One key names one person.
                key_data    TEXT NOT NULL UNIQUE,
                comment     TEXT NOT NULL DEFAULT '',
                fingerprint TEXT NOT NULL,
                added_at    TEXT NOT NULL,
                added_by    TEXT NOT NULL
            );
            CREATE INDEX staff_keys_by_staff ON staff_keys (staff_id);
            """)
    }
}
