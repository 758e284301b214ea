import KontorLocale
import GRDB

/// Staff from a file, matched by account. Only an admin may import staff,
/// as only an admin may add them by hand.
struct StaffImporter: RowImporter {
    let session: Session
    let update: Bool

    mutating func importRow(_ row: inout ImportRow, _ db: Database, source: String, notices: inout [String]) throws -> RowOutcome {
        let username = row.text("username")
        var role = Role.front
        if row.has("role"), !row.text("role").isEmpty {
            if let parsed = Self.role(row.text("role")) { role = parsed } else { row.failValue("role", tr("must be front, back, manager or admin")) }
        }
        var managerID: Int64?
        if row.has("manager"), !row.text("manager").isEmpty {
            let manager = row.text("manager")
            managerID = try Int64.fetchOne(db, sql: "SELECT id FROM staff WHERE username = ? OR full_name = ? COLLATE NOCASE LIMIT 1",
                                           arguments: [manager, manager])
            if managerID == nil { row.failValue("manager", tr("is nobody on the staff list (list managers above the people they manage)")) }
        }
        // An exported list says who left: they stay deactivated.
        let active = row.has("active") ? row.flag("active") : nil
        let existing = try StaffMember.fetchOne(db, sql: "SELECT * FROM staff WHERE username = ?", arguments: [username])
        // A column the file lacks, or an empty cell, leaves the field as it
        // is (a list of names and phones does not wipe titles or managers).
        func value(_ field: String, _ old: String?) -> String {
            row.has(field) && !row.text(field).isEmpty ? row.text(field) : old ?? ""
        }
        let givesRole = row.has("role") && !row.text("role").isEmpty
        let givesManager = row.has("manager") && !row.text("manager").isEmpty
        let fields = StaffFields(username: username, fullName: value("name", existing?.fullName), title: value("title", existing?.title),
                                 department: value("department", existing?.department),
                                 managerID: givesManager ? managerID : existing?.managerID,
                                 phone: value("phone", existing?.phone), email: value("email", existing?.email))
        if let failure = fields.validate() { row.add(failure, fieldFor: field(forIssue:)) }
        guard row.issues.isEmpty else { return .rejected }
        if let old = existing {
            guard update else { return .skipped(old.id) }
            let before: [String: String?] = ["full_name": old.fullName, "title": old.title, "department": old.department, "phone": old.phone,
                                             "email": old.email, "role": old.role.rawValue, "manager_id": old.managerID.map(String.init),
                                             "active": old.active ? "1" : "0"]
            let after: [String: String?] = ["full_name": fields.fullName, "title": fields.title, "department": fields.department, "phone": fields.phone,
                                            "email": fields.email, "role": (givesRole ? role : old.role).rawValue,
                                            "manager_id": fields.managerID.map(String.init),
                                            "active": (active ?? old.active) ? "1" : "0"]
            let changes = Audit.differences(before, after)
            if changes.isEmpty { return .unchanged }
            if fields.managerID == old.id {
                row.failValue("manager", tr("a member of staff cannot be their own manager"))
                return .rejected
            }
            if let manager = try StaffRepository.managerUnder(db, old.id, chosen: fields.managerID) {
                row.failValue("manager", StaffRepository.circle(manager, above: fields.fullName))
                return .rejected
            }
            try db.execute(sql: """
                UPDATE staff SET full_name = ?, title = ?, department = ?, phone = ?, email = ?, role = ?, manager_id = ?, active = ?,
                       version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
                """, arguments: [fields.fullName, fields.title, fields.department, fields.phone, fields.email, after["role"]!,
                                 fields.managerID, active ?? old.active, Timestamp.now(), session.username, old.id])
            try Audit.record(db, session: session, entity: "staff", id: old.id, action: "import", changes: changes)
            return .updated(old.id)
        }
        let id = try StaffRepository.insert(db, fields, role: role, by: session)
        var changes: [Audit.Change] = [("source", nil, source), ("role", nil, role.rawValue)]
        if active == false {
            try db.execute(sql: "UPDATE staff SET active = 0 WHERE id = ?", arguments: [id])
            changes.append(("active", nil, "0"))
        }
        try Audit.record(db, session: session, entity: "staff", id: id, action: "import", changes: changes)
        return .created(id)
    }

    /// An import that changes roles or deactivates may not leave the
    /// database without an active admin, as `kontor staff role` may not:
    /// nobody could then manage staff or settings again.
    func finish(_ db: Database) throws {
        if try Int.fetchOne(db, sql: "SELECT count(*) FROM staff WHERE role = 'admin' AND active = 1")! == 0 {
            throw KontorError.rule(tr("the import would leave no active admin; keep one in the file, or make someone else admin first"))
        }
    }

    /// A role by its name, its display name or a German word for it.
    static func role(_ text: String) -> Role? {
        switch TextFolding.fold(text).filter({ $0.isLetter }) {
        case "front", "frontoffice", "vertrieb", "empfang": return .front
        case "back", "backoffice", "buchhaltung", "verwaltung": return .back
        case "manager", "leitung", "geschaftsfuhrung": return .manager
        case "admin", "administrator", "administration": return .admin
        default: return nil
        }
    }

    func field(forIssue name: String) -> String {
        name == "e-mail" ? "email" : name
    }
}
