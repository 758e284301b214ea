import KontorLocale
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
            .amount: "25,00, or 5 % of the group's lines", .reason: "printed, e.g. Treuerabatt",
            .vat: names.count > 1 ? tr("one of {0}", names.joined(separator: ", ")) : "the lines' only group",
        ]
        let values = InvoiceAllowanceFields(vat: names.count == 1 ? names[0] : "")
        form = Form(title: tr("Discount or surcharge on {0} as a whole", invoice.number ?? tr("draft #{0}", invoice.id)),
                    fields: InvoiceAllowanceFields.Field.allCases.map { field in
                        field == .kind
                            ? Form.Field(id: field.rawValue, label: Self.labels[field] ?? field.rawValue, choosing: values[field],
                                         from: [Form.Choice("discount", "discount"), Form.Choice("surcharge", "surcharge")])
                            : Form.Field(id: field.rawValue, label: Self.labels[field] ?? field.rawValue, value: values[field], maxLength: 200,
                                         hint: hints[field] ?? "")
                    })
    }

    var fields: InvoiceAllowanceFields {
        var values = InvoiceAllowanceFields()
        for field in InvoiceAllowanceFields.Field.allCases { values[field] = form.value(field.rawValue) }
        return values
    }
}
