import KontorLocale
import KontorText
import GRDB

/// A member of staff: an operating-system account with a name and a role.
public struct StaffMember: Equatable, Sendable, Identifiable, FetchableRecord {
    public var id: Int64
    public var username: String
    public var fullName: String
    public var title: String
    public var department: String
    public var managerID: Int64?
    /// Empty unless the reader may see staff details.
    public var phone: String
    /// Empty unless the reader may see staff details.
    public var email: String
    public var role: Role
    public var active: Bool
    public var version: Int
    public var updatedAt: String
    public var updatedBy: String

    public init(row: Row) {
        id = row["id"]
        username = row["username"]
        fullName = row["full_name"]
        title = row["title"]
        department = row["department"]
        managerID = row["manager_id"]
        phone = row["phone"]
        email = row["email"]
        role = Role(rawValue: row["role"]) ?? .front
        active = row["active"]
        version = row["version"]
        updatedAt = row["updated_at"]
        updatedBy = row["updated_by"]
    }

    /// The same record without private fields, for readers who may not see them.
    var withoutDetails: StaffMember {
        var copy = self
        copy.phone = ""
        copy.email = ""
        return copy
    }
}

/// The editable fields of a staff record.
public struct StaffFields: Equatable, Sendable {
    public var username: String
    public var fullName: String
    public var title: String
    public var department: String
    public var managerID: Int64?
    public var phone: String
    public var email: String

    public init(username: String, fullName: String, title: String = "", department: String = "",
                managerID: Int64? = nil, phone: String = "", email: String = "") {
        self.username = username
        self.fullName = fullName
        self.title = title
        self.department = department
        self.managerID = managerID
        self.phone = phone
        self.email = email
    }

    /// The longest full name, in characters; the form stops typing there.
    public static let fullNameLimit = 120

    /// Every problem with the fields, or nil.
    public func validate() -> ValidationFailure? {
        var issues: [FieldIssue] = []
        if !Self.isPlausibleUsername(username) {
            issues.append(FieldIssue(field: "username", message: tr("must be an operating-system account name: lower-case a–z without umlauts, digits, _ or -, starting with a letter or _, at most 32 characters")))
        }
        if fullName.trimmingCharacters(in: .whitespaces).isEmpty { issues.append(FieldIssue(field: "name", message: tr("is required"))) }
        if fullName.count > Self.fullNameLimit {
            issues.append(FieldIssue(field: "name", message: tr("is too long: {0} characters, at most {1}", fullName.count, Self.fullNameLimit)))
        }
        if !email.isEmpty && !CustomerFields.looksLikeEmail(email) { issues.append(FieldIssue(field: "e-mail", message: tr("must look like name@example.com"))) }
        if let problem = CustomerFields.phoneProblem(phone) { issues.append(FieldIssue(field: "phone", message: problem)) }
        for (field, value) in [("name", fullName), ("title", title), ("department", department), ("phone", phone), ("e-mail", email)] {
            if let reason = VisibleText.forbiddenReason(in: value) { issues.append(FieldIssue(field: field, message: reason)) }
        }
        return issues.isEmpty ? nil : ValidationFailure(issues)
    }

    /// POSIX-portable user names, as `useradd` accepts them by default.
    public static func isPlausibleUsername(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, name.unicodeScalars.count <= 32 else { return false }
        let lower = "abcdefghijklmnopqrstuvwxyz"
        guard lower.unicodeScalars.contains(first) || first == "_" else { return false }
        let allowed = lower + "0123456789_-"
        return name.unicodeScalars.dropFirst().allSatisfy { allowed.unicodeScalars.contains($0) || $0 == "$" && name.hasSuffix("$") }
    }
}

extension Session {
    public var staffDirectory: StaffRepository { StaffRepository(session: self) }
}

/// The staff list. Everybody reads it (without private fields unless their
/// role allows); back office edits records; admins add, change roles and
/// deactivate.
public struct StaffRepository: Sendable {
    let session: Session

    public func all(includeInactive: Bool = false) throws -> [StaffMember] {
        let members = try session.database.read { db in
            try StaffMember.fetchAll(db, sql: "SELECT * FROM staff \(includeInactive ? "" : "WHERE active = 1") ORDER BY full_name COLLATE NOCASE, id")
        }
        return session.may(.readStaffDetails) ? members : members.map(\.withoutDetails)
    }

    public func find(id: Int64) throws -> StaffMember? {
        let member = try session.database.read { db in try StaffMember.fetchOne(db, sql: "SELECT * FROM staff WHERE id = ?", arguments: [id]) }
        return session.may(.readStaffDetails) ? member : member?.withoutDetails
    }

    public func find(username: String) throws -> StaffMember? {
        let member = try session.database.read { db in try StaffMember.fetchOne(db, sql: "SELECT * FROM staff WHERE username = ?", arguments: [username]) }
        return session.may(.readStaffDetails) ? member : member?.withoutDetails
    }

    @discardableResult
    public func add(_ fields: StaffFields, role: Role) throws -> StaffMember {
        if let failure = fields.validate() { throw KontorError.invalid(failure) }
        return try session.write(.manageStaff) { db in
            let id = try Self.insert(db, fields, role: role, by: session)
            try Audit.record(db, session: session, entity: "staff", id: id, action: "create",
                             changes: [("username", nil, fields.username), ("full_name", nil, fields.fullName), ("role", nil, role.rawValue)])
            return try StaffMember.existing(db, id: id)
        }
    }

    /// Inserts valid fields inside the caller's transaction, refusing an
    /// account already on the list; returns the id. The caller audits.
    static func insert(_ db: Database, _ fields: StaffFields, role: Role, by session: Session) throws -> Int64 {
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM staff WHERE username = ?", arguments: [fields.username])! > 0 {
            throw KontorError.invalid(ValidationFailure([FieldIssue(field: "username", message: tr("'{0}' is already on the staff list", fields.username))]))
        }
        let now = Timestamp.now()
        try db.execute(sql: """
            INSERT INTO staff (username, full_name, title, department, manager_id, phone, email, role, created_at, updated_at, updated_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [fields.username, fields.fullName, fields.title, fields.department, fields.managerID,
                             fields.phone, fields.email, role.rawValue, now, now, session.username])
        return db.lastInsertedRowID
    }

    /// Changes contact data (not the username, role or active flag).
    @discardableResult
    public func update(id: Int64, _ fields: StaffFields, expectedVersion: Int) throws -> StaffMember {
        if let failure = fields.validate() { throw KontorError.invalid(failure) }
        return try session.write(.editStaffRecords) { db in
            let old = try StaffMember.current(db, id: id, expectedVersion: expectedVersion)
            if fields.managerID == id { throw KontorError.rule(tr("a member of staff cannot be their own manager")) }
            if let manager = try Self.managerUnder(db, id, chosen: fields.managerID) {
                throw KontorError.rule(Self.circle(manager, above: fields.fullName))
            }
            try db.execute(sql: """
                UPDATE staff SET full_name = ?, title = ?, department = ?, manager_id = ?, phone = ?, email = ?,
                       version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
                """, arguments: [fields.fullName, fields.title, fields.department, fields.managerID, fields.phone, fields.email,
                                 Timestamp.now(), session.username, id])
            try Audit.recordSave(db, session: session, entity: "staff", id: id, over: old, changes: Audit.differences(
                ["full_name": old.fullName, "title": old.title, "department": old.department, "manager_id": old.managerID.map(String.init),
                 "phone": old.phone, "email": old.email],
                ["full_name": fields.fullName, "title": fields.title, "department": fields.department, "manager_id": fields.managerID.map(String.init),
                 "phone": fields.phone, "email": fields.email]))
            return try StaffMember.existing(db, id: id)
        }
    }

    /// Why `manager` cannot be `person`'s manager: the form's and the import's words.
    static func circle(_ manager: String, above person: String) -> String {
        tr("{0} works under {1} (directly or through others), so cannot be {1}'s manager: the chain of managers would go round in a circle",
           manager, person)
    }

    /// The name of the manager chosen for `id` when that manager already
    /// works under `id` (directly, or through managers in between), so that
    /// the choice would close a circle; nil when the chain stays a tree.
    static func managerUnder(_ db: Database, _ id: Int64, chosen managerID: Int64?) throws -> String? {
        guard let managerID, managerID != id else { return nil }
        // Up the chain from the chosen manager; UNION stops at a circle
        // already in the data (an old import), which then ends the walk.
        let reaches = try Bool.fetchOne(db, sql: """
            WITH RECURSIVE above(id) AS (
                SELECT ? UNION SELECT s.manager_id FROM staff s JOIN above ON s.id = above.id WHERE s.manager_id IS NOT NULL
            ) SELECT EXISTS (SELECT 1 FROM above WHERE id = ?)
            """, arguments: [managerID, id]) ?? false
        guard reaches else { return nil }
        return try String.fetchOne(db, sql: "SELECT full_name FROM staff WHERE id = ?", arguments: [managerID])
    }

    @discardableResult
    public func setRole(id: Int64, _ role: Role, expectedVersion: Int) throws -> StaffMember {
        try session.write(.manageStaff) { db in
            let old = try StaffMember.current(db, id: id, expectedVersion: expectedVersion)
            if old.role == .admin, role != .admin { try Self.keepAnAdmin(db, leaving: id) }
            try db.execute(sql: "UPDATE staff SET role = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                           arguments: [role.rawValue, Timestamp.now(), session.username, id])
            try Audit.record(db, session: session, entity: "staff", id: id, action: "update", changes: [("role", old.role.rawValue, role.rawValue)])
            return try StaffMember.existing(db, id: id)
        }
    }

    @discardableResult
    public func setActive(id: Int64, _ active: Bool, expectedVersion: Int) throws -> StaffMember {
        let saved = try session.write(.manageStaff) { db in
            let old = try StaffMember.current(db, id: id, expectedVersion: expectedVersion)
            if !active, old.role == .admin { try Self.keepAnAdmin(db, leaving: id) }
            try db.execute(sql: "UPDATE staff SET active = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                           arguments: [active, Timestamp.now(), session.username, id])
            try Audit.record(db, session: session, entity: "staff", id: id, action: "update",
                             changes: [("active", old.active ? "1" : "0", active ? "1" : "0")])
            return try StaffMember.existing(db, id: id)
        }
        // Their keys leave the server's authorized_keys at once (or come back).
        try session.database.accessChanged?(session.database)
        return saved
    }

    /// Refuses to leave the database without an active admin.
    static func keepAnAdmin(_ db: Database, leaving id: Int64) throws {
        let others = try Int.fetchOne(db, sql: "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1 AND id <> ?", arguments: [id])!
        if others == 0 { throw KontorError.rule(tr("this is the last active admin; make someone else admin first")) }
    }
}
