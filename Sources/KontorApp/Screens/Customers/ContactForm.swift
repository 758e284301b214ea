import Foundation
import KontorModel
import KontorLocale
import KontorUI

/// The new/edit form for a person at a customer.
struct ContactEditor: FormEditor {
    var customer: Customer
    /// The contact being edited; nil for a new one.
    var original: Contact?
    var form: Form

    init(customer: Customer, editing contact: Contact?) {
        self.customer = customer
        original = contact
        let f = contact?.fields ?? ContactFields(name: "")
        form = Form(title: contact.map { tr("Edit contact · {0} · {1}", $0.fields.name, customer.name) } ?? tr("New contact · {0}", customer.name), fields: [
            // The model's own limits (a contact's fields are checked as the
            // customer's of the same name): a paste is cut where a save
            // would refuse it, never later.
            Form.Field(id: "name", label: "Name", value: f.name, maxLength: CustomerFields.Field.name.maxLength, hint: "required"),
            Form.Field(id: "role", label: "Role", value: f.role, maxLength: CustomerFields.Field.contactName.maxLength, hint: "Einkauf, CEO, …"),
            Form.Field(id: "e-mail", label: "E-mail", value: f.email, maxLength: CustomerFields.Field.email.maxLength, hint: "name@example.com"),
            Form.Field(id: "phone", label: "Phone", value: f.phone, maxLength: CustomerFields.Field.phone.maxLength, hint: "+49 30 1234567"),
            // Yes or no, the one invoices go to: a choice, never an English word to type.
            Form.Field(id: "primary", label: "Primary", choosing: f.isPrimary ? "yes" : "no", from: [Form.Choice("no", "no"), Form.Choice("yes", "yes")]),
        ])
    }

    var workRecord: WorkRecord? { WorkRecord("contact", id: original?.id, version: original?.version, under: "customer \(customer.id)") }
    mutating func expect(version: Int) { original?.version = version }

    /// The typed values, or which fields are wrong: only "yes"/"no" is the
    /// form's own rule; with it, the model's verdict on the rest, so that
    /// every field is marked at once.
    func fields() -> Result<ContactFields, ValidationFailure> {
        var primary: Bool?
        switch TextFolding.fold(form.value("primary")).trimmingCharacters(in: .whitespaces) {
        case "yes", "y", "ja", "j", "true", "1": primary = true
        case "no", "n", "nein", "false", "0", "": primary = false
        default: primary = nil
        }
        let fields = ContactFields(name: form.value("name"), role: form.value("role"), email: form.value("e-mail"),
                                   phone: form.value("phone"), isPrimary: primary ?? false)
        guard primary == nil else { return .success(fields) }
        let others = (fields.normalized().validate()?.issues ?? []).filter { $0.field != "primary" }
        return .failure(ValidationFailure([FieldIssue(field: "primary", message: tr("must be yes or no"))] + others))
    }

    mutating func show(_ failure: ValidationFailure) {
        form.show(failure.issues)
    }
}
