import KontorModel
import KontorLocale
import KontorUI

/// Work begun from a customer's 360° view: a new ticket, deal or draft
/// invoice for the customer, in the form of the screen that makes it, with
/// the customer (and the contact highlighted here, for a ticket) filled in.
///
/// Capital letters, because the small ones mean other things on the
/// record screens (`t` take, `d` remove, `i` a note or issue).
extension CustomersScreen {
    func newWorkActions(from shown: CustomerDetail) -> [Action] {
        let contact: Contact? = {
            guard case let .contact(id) = shown.selected else { return nil }
            return shown.overview.contacts.first { $0.id == id }
        }()
        let customer = shown.customer
        let work = { (kind: NewWork.Kind) in
            NewWork(kind: kind, customerID: customer.id, customerName: customer.name,
                    contactID: contact?.id, contactName: contact?.fields.name)
        }
        return [
            Action("customer.newTicket", [.char("T")], "new ticket",
                   help: "New ticket for this customer (and the highlighted contact), on Tickets", group: "Customer") { host in
                host.start(work(.ticket))
            }.requires(.writeFrontOffice, of: session),
            Action("customer.newDeal", [.char("D")], "new deal", help: "New deal for this customer, on Deals", group: "Customer") { host in
                host.start(work(.deal))
            }.requires(.writeFrontOffice, of: session),
            Action("customer.newInvoice", [.char("I")], "new invoice",
                   help: "New draft invoice for this customer, on Invoices (asks first)", group: "Customer") { [unowned self] _ in
                stack.push(Ask(tr("New draft invoice"), [tr("Start a draft invoice for {0}?", customer.name)], [
                    Ask.Answer(.char("y"), tr("start the draft")) { host in host.start(work(.invoice)) },
                    Ask.Answer(.char("n"), tr("not now")),
                ]))
            }.requires(.writeBackOffice, of: session),
        ]
    }
}
