import KontorModel
import KontorLocale
import KontorUI

/// `D` on an open ticket: the customer disputes an invoice. A picker lists
/// the customer's open invoices, the disputed ones marked; choosing one
/// marks it disputed from this ticket (dunning runs leave it out), or lifts
/// a dispute. Whoever may work the ticket may: the complaint arrives here.
extension TicketDetail {
    var disputeAction: Action {
        Action("ticket.dispute", [.char("D")], "dispute invoice",
               help: "The customer disputes an invoice: mark one disputed from this ticket (dunning leaves it out), or lift a dispute",
               group: "Ticket", inFooter: false) { [unowned self] _ in try pickDisputedInvoice() }
            .requires(TicketRepository.permission(toWorkIn: ticket.queue), of: screen.session)
    }

    private func pickDisputedInvoice() throws {
        let session = screen.session
        let ticketID = ticket.id
        let customerID = ticket.customerID
        let picker = Picker(title: tr("Which invoice does the customer dispute?"), columns: [
            .init(tr("Invoice"), .fixed(12)), .init(tr("Due"), .fixed(10)), .init(tr("Open"), .fixed(13), alignRight: true),
            .init(tr("State"), .flexible(min: 10, weight: 1)),
        ]) { text, limit in
            let open = try session.database.invoices.of(customer: customerID, limit: 200)
                .filter { $0.kind == .invoice && $0.status == .issued && $0.openCents > 0 }
                .filter { text.isEmpty || ($0.number ?? "").contains(text) }
            return try open.prefix(limit).map { invoice in
                let dispute = try session.database.dunning.dispute(ofInvoice: invoice.id)
                return Picker.Item(id: invoice.id, cells: [invoice.number ?? "", Format.day(invoice.dueDate),
                                                           Format.money(invoice.openCents),
                                                           dispute.map { tr("disputed (#{0}): Enter lifts it", $0.ticketID) } ?? tr("Enter marks it disputed")],
                                   role: dispute == nil ? nil : .warning)
            }
        }
        stack?.push(PickerLayer(picker) { [unowned self] item, host in
            let disputed = try session.database.dunning.dispute(ofInvoice: item.id) != nil
            try session.setDisputed(invoiceID: item.id, ticketID: ticketID, !disputed)
            try dataChanged(host)
            host.show(disputed ? tr("Invoice {0} is no longer disputed: dunning runs include it again", item.cells[0])
                      : tr("Invoice {0} marked disputed from #{1}: dunning runs leave it out", item.cells[0], ticketID), isError: false)
        })
    }
}
