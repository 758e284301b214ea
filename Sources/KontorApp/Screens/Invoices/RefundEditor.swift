import KontorLocale
import KontorModel
import KontorUI

/// The form for money paid back to a customer, against a credit note or an
/// overpaid invoice: what is owed back is offered; less is a part refund,
/// more is refused by the model beside the amount. The same fields as a
/// payment (`PaymentFields`), since a refund is a payment the other way.
struct RefundEditor: FormEditor {
    var document: Invoice
    var form: Form

    init(document: Invoice) {
        self.document = document
        let owed = "\(Money.format(cents: document.owedToCustomerCents)) \(document.currency)"
        let values = PaymentFields(amount: Money.format(cents: document.owedToCustomerCents))
        let labels: [PaymentFields.Field: String] = [.amount: "Amount", .date: "Paid back on", .method: "Method", .reference: "Reference"]
        let hints: [PaymentFields.Field: String] = [
            .amount: tr("owed to the customer: {0}", owed), .date: "2026-11-29 or 29.11.2026",
            .reference: "bank reference, receipt no.",
        ]
        let fields = values.formFields(labels: labels, hints: hints, methods: Self.methods)
        form = Form(title: tr("Refund on {0} · {1} · owed to customer {2}", Self.name(document), document.buyer.name, owed), fields: fields)
    }

    /// "credit note CN-2026-00001" or "invoice 2026-00042".
    static func name(_ document: Invoice) -> String {
        document.kind == .creditNote ? tr("credit note {0}", document.number ?? "") : tr("invoice {0}", document.number ?? "")
    }

    /// How money goes back: as a payment comes in, but no direct debit.
    static var methods: [Form.Choice] { PaymentFields.methodNames.filter { $0.method != .directDebit }.map { Form.Choice($0.name, $0.name) } }

    var fields: PaymentFields { PaymentFields(form: form) }
}
