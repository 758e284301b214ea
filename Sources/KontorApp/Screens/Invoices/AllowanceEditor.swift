import KontorModel
import KontorUI

/// The form for a discount or surcharge on a whole draft: "5 %
/// Treuerabatt" or "4,90 Versandkosten", in the VAT group of the lines it
/// changes (asked only when the draft has more than one).
struct AllowanceEditor: FormEditor {
    /// The draft as it was when the form opened: its version is what the save expects.
    var invoice: Invoice
    var form: Form

    static let labels: [InvoiceAllowanceFields.Field: String] = [.kind: "Kind", .amount: "Amount", .reason: "Reason", .vat: "VAT group"]

    init(invoice: Invoice, groups: [InvoiceTotals.RateTotal]) {
        self.invoice = invoice
        let names = groups.map { $0.category == .standard ? String($0.rate.rawValue / 100) : $0.category.code }
        let hints: [InvoiceAllowanceFields.Field: String] = [
            .kind: "discount or surcharge", .amount: "25,00, or 5 % of the group's lines", .reason: "printed, e.g. Treuerabatt",
            .vat: names.count > 1 ? "one of \(names.joined(separator: ", "))" : "the lines' only group",
        ]
        let values = InvoiceAllowanceFields(vat: names.count == 1 ? names[0] : "")
        form = Form(title: "Discount or surcharge on \(invoice.number ?? "draft #\(invoice.id)") as a whole",
                    fields: InvoiceAllowanceFields.Field.allCases.map { field in
                        Form.Field(id: field.rawValue, label: Self.labels[field] ?? field.rawValue, value: values[field], maxLength: 200,
                                   hint: hints[field] ?? "")
                    })
    }

    var fields: InvoiceAllowanceFields {
        var values = InvoiceAllowanceFields()
        for field in InvoiceAllowanceFields.Field.allCases { values[field] = form.value(field.rawValue) }
        return values
    }
}
