import KontorLocale
import KontorModel
import KontorUI

/// The form that adds a member of staff, or edits one's contact data.
/// Field ids are the model's field names, so its `ValidationFailure` lands
/// beside the right field.
struct StaffEditor: FormEditor {
    /// The member being edited; nil when adding one.
    var original: StaffMember?
    var form: Form
    /// Set after a save was refused because someone else saved first.
    var conflict = false

    init(adding: Void = ()) {
        original = nil
        form = Form(title: tr("Add a member of staff"), fields: [
            Form.Field(id: "username", label: "Account", value: "", maxLength: 40, hint: "their login name, e.g. anna"),
            Form.Field(id: "name", label: "Full name", value: "", maxLength: StaffFields.fullNameLimit, hint: "required"),
            Form.Field(id: "title", label: "Title", value: "", maxLength: 80),
            Form.Field(id: "department", label: "Department", value: "", maxLength: 80),
            Form.Field(id: "phone", label: "Phone", value: "", maxLength: 40),
            Form.Field(id: "e-mail", label: "E-mail", value: "", maxLength: 120, hint: "name@example.com"),
            Form.Field(id: "manager", label: StaffScreen.managerWord, value: "", maxLength: 40, hint: "their account, optional"),
            Form.Field(id: "role", label: "Role", choosing: "front", from: [Form.Choice("front", "front office"), Form.Choice("back", "back office"),
                                                                   Form.Choice("manager", "manager"), Form.Choice("admin", "admin")]),
        ])
    }

    init(editing member: StaffMember, managerUsername: String) {
        original = member
        form = Form(title: tr("Edit {0} ({1})", member.fullName, member.username), fields: [
            Form.Field(id: "name", label: "Full name", value: member.fullName, maxLength: StaffFields.fullNameLimit, hint: "required"),
            Form.Field(id: "title", label: "Title", value: member.title, maxLength: 80),
            Form.Field(id: "department", label: "Department", value: member.department, maxLength: 80),
            Form.Field(id: "phone", label: "Phone", value: member.phone, maxLength: 40),
            Form.Field(id: "e-mail", label: "E-mail", value: member.email, maxLength: 120, hint: "name@example.com"),
            Form.Field(id: "manager", label: StaffScreen.managerWord, value: managerUsername, maxLength: 40, hint: "their account, optional"),
        ])
    }

    /// "front", "Back", "admin" → the role; nil for anything else.
    static func role(_ text: String) -> Role? {
        Role(rawValue: text.lowercased().filter { !$0.isWhitespace })
    }

    func fields(managerID: Int64?) -> StaffFields {
        StaffFields(username: original?.username ?? form.value("username").filter { !$0.isWhitespace },
                    fullName: form.value("name"), title: form.value("title"), department: form.value("department"),
                    managerID: managerID, phone: form.value("phone"), email: form.value("e-mail"))
    }

    mutating func show(_ issues: [FieldIssue]) {
        form.show(issues)
    }
}

extension StaffEditor {
    var workRecord: WorkRecord? { WorkRecord("member of staff", id: original?.id, version: original?.version) }
    mutating func expect(version: Int) { original?.version = version }
}
