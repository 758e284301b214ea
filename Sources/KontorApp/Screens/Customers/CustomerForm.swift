import KontorModel
import KontorLocale
import KontorUI

/// The new/edit form for a customer: fields from the model, errors from the
/// model's validation, nothing decided here.
struct CustomerEditor: FormEditor {
    /// The customer being edited; nil for a new one.
    var original: Customer?
    var form: Form

    static let labels: [CustomerFields.Field: String] = [
        .name: "Name", .contactName: "Contact", .email: "E-mail", .phone: "Phone", .street: "Street",
        .postalCode: "Postal code", .city: "City", .country: "Country", .vatID: "VAT id", .notes: "Notes",
        .buyerReference: "Buyer reference", .paymentTerms: "Payment terms", .tags: "Tags",
    ]

    static let hints: [CustomerFields.Field: String] = [
        .name: "required", .email: "name@example.com", .phone: "+49 30 1234567", .vatID: "DE123456788",
        .country: "DE, AT, …", .paymentTerms: "days, e.g. 14", .tags: "vip wholesale", .buyerReference: "Leitweg-ID or PO",
    ]

    init(editing customer: Customer?) {
        original = customer
        let values = customer?.fields ?? CustomerFields()
        let fields = CustomerFields.Field.allCases.map { field in
            var shown = Form.Field(id: field.rawValue, label: Self.labels[field] ?? field.rawValue, value: values[field],
                                   maxLength: field.maxLength, hint: Self.hints[field] ?? "")
            // A new customer's usual values: typing replaces them.
            shown.isSuggested = customer == nil && !values[field].isEmpty
            return shown
        }
        let title = customer.map { tr("Edit customer · {0}", $0.name) } ?? tr("New customer")
        form = Form(title: title, fields: fields)
    }

    var fields: CustomerFields {
        // Kind and owner are not typed in this form: keep what the customer has.
        var values = original?.fields ?? CustomerFields()
        for field in CustomerFields.Field.allCases { values[field] = form.value(field.rawValue) }
        return values
    }

    var workRecord: WorkRecord? { WorkRecord("customer", id: original?.id, version: original?.version) }
    mutating func expect(version: Int) { original?.version = version }

    /// Shows the model's verdict beside each field.
    mutating func show(_ failure: ValidationFailure) {
        form.show(failure.issues)
    }
}
