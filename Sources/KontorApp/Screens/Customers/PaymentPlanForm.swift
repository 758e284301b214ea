import KontorModel
import KontorLocale
import KontorUI

/// `P` in the 360° view: the customer pays by instalments until a date, so
/// dunning runs leave them out until then; an empty date ends the plan.
/// The back office agrees such plans.
extension CustomersScreen {
    func paymentPlanAction(for customer: Customer) -> Action {
        Action("customer.paymentPlan", [.char("P")], "payment plan",
               help: "Payment plan: the customer pays by instalments until a date; dunning runs leave them out until then",
               group: "Customer", inFooter: false) { [unowned self] _ in
            try session.require(.writeBackOffice)
            let plan = try session.database.dunning.paymentPlan(ofCustomer: customer.id)
            let layer = FormLayer(PaymentPlanEditor(customer: customer, plan: plan), noun: tr("this payment plan")) { [unowned self] layer, host in
                let typed = layer.editor.form.value("until").trimmingCharacters(in: .whitespaces)
                var until: String?
                if !typed.isEmpty {
                    guard let day = CalendarDate.typed(typed, future: true) else {
                        throw KontorError.invalid(ValidationFailure([FieldIssue(field: "until", message: tr("must be a date like 31.03.2027"))]))
                    }
                    until = day
                }
                try session.setPaymentPlan(customerID: customer.id, until: until, note: layer.editor.form.value("note"))
                layer.close()
                try detail?.reload()
                host.show(until.map { tr("{0} pays by plan until {1}: dunning leaves them out", customer.name, Format.day($0)) }
                          ?? tr("{0} has no payment plan", customer.name), isError: false)
            }
            // Wide enough for the hint beside the field, in German too.
            layer.box = (76, 9)
            stack.push(layer)
        }.requires(.writeBackOffice, of: session)
    }
}

/// The plan's last day and a note ("3 instalments of 400 €").
struct PaymentPlanEditor: FormEditor {
    var form: Form

    init(customer: Customer, plan: (until: String, note: String)?) {
        form = Form(title: tr("Payment plan of {0}", customer.name), fields: [
            Form.Field(id: "until", label: "Until", value: plan.map { Format.day($0.until) } ?? "", maxLength: 10,
                       hint: "the plan's last day, e.g. 31.03.2027; empty ends the plan").explained(by: Format.typedDay(future: true)),
            Form.Field(id: "note", label: "Note", value: plan?.note ?? "", maxLength: 120, hint: "e.g. 3 instalments of 400 €"),
        ])
    }
}
