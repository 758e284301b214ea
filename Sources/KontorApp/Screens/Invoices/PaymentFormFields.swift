import KontorModel
import KontorUI

/// A payment's fields as a form shows them, money coming in (`PaymentEditor`)
/// or going back (`RefundEditor`): one way to lay them out and read them
/// back, so the two forms write the day and offer the methods alike.
extension PaymentFields {
    /// The form's fields: the method chosen from `methods`, the day as
    /// every form writes it (06.12.2026) with the day a date typed
    /// otherwise stands for beside it ("gestern = Mo 07.12.2026"), the
    /// rest as typed.
    func formFields(labels: [Field: String], hints: [Field: String], methods: [Form.Choice]) -> [Form.Field] {
        Field.allCases.map { field in
            field == .method
                ? Form.Field(id: field.rawValue, label: labels[field] ?? field.rawValue, choosing: self[field], from: methods)
                : field == .date
                ? Form.Field(id: field.rawValue, label: labels[field] ?? field.rawValue, value: Format.day(self[field]), maxLength: 160,
                             hint: hints[field] ?? "").explained(by: Format.typedDay(future: false))
                : Form.Field(id: field.rawValue, label: labels[field] ?? field.rawValue, value: self[field], maxLength: 160, hint: hints[field] ?? "")
        }
    }

    /// What is typed into a form laid out by `formFields`.
    init(form: Form) {
        self.init()
        for field in Field.allCases { self[field] = form.value(field.rawValue) }
    }
}
