import Foundation
import GRDB

/// Someone at work: an active member of staff, identified by the
/// operating-system account that runs the process. Every change to the
/// database goes through a session, which checks the role and signs the
/// audit log.
public struct Session: Sendable {
    public let database: KontorDatabase
    public let staff: StaffMember
    /// The role as last read: an admin may change it while the session runs.
    private let current: CurrentRole

    public var username: String { staff.username }
    /// Whether this session's saves knowingly replace a colleague's version
    /// (see `overwriting()`).
    public private(set) var overwritesKnowingly = false
    /// The role as last read (at the start, then on every `refreshRole`).
    public var role: Role { current.role }

    init(database: KontorDatabase, staff: StaffMember) {
        self.database = database
        self.staff = staff
        current = CurrentRole(staff.role)
    }

    /// Reads the role again, after someone may have changed it: what the
    /// session offers then follows the role as it is now. Returns whether
    /// it changed. Throws `.inactiveStaff` once the account was deactivated
    /// or removed: such a session ends, rather than go on reading
    /// colleagues' phone numbers and customers' data.
    @discardableResult
    public func refreshRole() throws -> Bool {
        let row = try database.read { db in
            try Row.fetchOne(db, sql: "SELECT role, active FROM staff WHERE id = ?", arguments: [staff.id])
        }
        guard let row, row["active"] as Bool? == true else { throw KontorError.inactiveStaff(username: username) }
        guard let now = (row["role"] as String?).flatMap(Role.init(rawValue:)), now != current.role else { return false }
        current.role = now
        return true
    }

    /// The same session for a save that knowingly replaces what a
    /// colleague saved: after an edit conflict, the person saw the
    /// colleague's version and chose to keep their own. The save is checked
    /// against the version as always; the audit log records it as an
    /// overwrite of that version, naming who saved it, not as a plain update.
    public func overwriting() -> Session {
        var copy = self
        copy.overwritesKnowingly = true
        return copy
    }

    /// Throws `.denied` unless the role allows `permission`; `.inactiveStaff`
    /// once the account was deactivated. Reads the role as it is now: an
    /// admin may have changed it since this session began.
    public func require(_ permission: Permission) throws {
        try database.read { db in try check(permission, db) }
    }

    /// Whether the role as last read allows `permission`: for offering
    /// actions. Doing them checks the role as it is then.
    public func may(_ permission: Permission) -> Bool { role.allows(permission) }

    /// Runs a change in one IMMEDIATE transaction, after checking
    /// `permission` against the role as it is inside that transaction, so a
    /// demotion or deactivation takes effect on sessions already running.
    func write<T>(_ permission: Permission, _ body: (Database) throws -> T) throws -> T {
        try database.write { db in
            try check(permission, db)
            return try body(db)
        }
    }

    /// The role check of `write`, for a change whose permission depends on
    /// what the transaction reads (a ticket's queue).
    func check(_ permission: Permission, _ db: Database) throws {
        guard let row = try Row.fetchOne(db, sql: "SELECT role, active FROM staff WHERE id = ?", arguments: [staff.id]) else {
            throw KontorError.notStaff(username: staff.username)
        }
        guard row["active"] as Bool else { throw KontorError.inactiveStaff(username: staff.username) }
        let role = Role(rawValue: row["role"]) ?? .front
        guard role.allows(permission) else {
            throw KontorError.denied(username: staff.username, role: role, action: permission.sentence)
        }
    }
}

/// The one mutable part of a session, shared by its copies.
private final class CurrentRole: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Role

    init(_ role: Role) { value = role }

    var role: Role {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

extension KontorDatabase {
    /// Opens a session for an operating-system account.
    ///
    /// On a database without staff, the first account to open it becomes its
    /// admin. Otherwise the account must belong to an active member of staff.
    public func session(for actor: Actor) throws -> Session {
        // Read first: a member of staff opens a session without waiting for
        // a colleague's write (a long import) to end.
        let known = try read { db in
            try StaffMember.fetchOne(db, sql: "SELECT * FROM staff WHERE username = ?", arguments: [actor.username])
        }
        let staff: StaffMember = try known ?? write { db in
            if let member = try StaffMember.fetchOne(db, sql: "SELECT * FROM staff WHERE username = ?", arguments: [actor.username]) {
                return member
            }
            let count = try Int.fetchOne(db, sql: "SELECT count(*) FROM staff") ?? 0
            guard count == 0 else { throw KontorError.notStaff(username: actor.username) }
            let now = Timestamp.now()
            try db.execute(sql: """
                INSERT INTO staff (username, full_name, role, created_at, updated_at, updated_by)
                VALUES (?, ?, 'admin', ?, ?, ?)
                """, arguments: [actor.username, actor.username, now, now, actor.username])
            let id = db.lastInsertedRowID
            try Audit.record(db, actor: actor.username, entity: "staff", id: id, action: "create",
                             changes: [("username", nil, actor.username), ("role", nil, "admin")])
            return try StaffMember.fetchOne(db, sql: "SELECT * FROM staff WHERE id = ?", arguments: [id])!
        }
        guard staff.active else { throw KontorError.inactiveStaff(username: actor.username) }
        return Session(database: self, staff: staff)
    }
}
