import Foundation
import KontorModel
import KontorText
import KontorLocale
import KontorUI

/// What an open ticket offers for the mail it came by: the quoted history
/// shown or folded, the files saved, an unknown sender linked to a customer.
extension TicketsScreen {
    func mailActions(on detail: TicketDetail) -> [Action] {
        var keys: [Action] = []
        let record = detail.record
        // Always bound, refused with the reason where the ticket has nothing for them:
        // the help, the palette and the key table name them all.
        keys.append(Action("mail.quoted", [.char("z")], detail.showQuoted ? tr("fold quotes") : tr("show quotes"),
                           help: "Show or fold the earlier messages mails quote", group: "Mail") { [unowned detail] _ in
            detail.showQuoted.toggle()
        }.disabled(if: !record.messages.contains(where: { $0.mailMessageID != nil }), tr("no message of this ticket came by mail")))
        keys.append(Action("mail.files", [.char("A")], "save files",
                           help: "Save the files that came by mail into exports/ beside the database", group: "Mail") {
            [unowned self] host in try saveAttachments(record, host)
        }.disabled(if: record.attachments.isEmpty, tr("no file came with this ticket's mail")))
        keys.append(Action("mail.link", [.char("L")], "link sender",
                           help: "Give the unknown sender's tickets to a customer, new or existing", group: "Mail") {
            [unowned self, unowned detail] _ in pickSenderCustomer(for: detail)
        }.requires(.writeFrontOffice, of: session).disabled(if: record.ticket.unknownSender == nil, tr("the sender is a customer already")))
        return keys
    }

    private func saveAttachments(_ record: TicketRecord, _ host: ScreenHost) throws {
        let folder = (MadeFilesFolder.exports.path(in: session.database.filesFolder) as NSString).appendingPathComponent("ticket-\(record.ticket.id)")
        let paths = try record.attachments.map { try repository.saveAttachment($0, into: folder) }
        let database = session.database
        let said = paths.count == 1 ? database.withFetch(tr("Saved to {0}", database.shownPath(paths[0])), paths[0])
            : database.withFetch(tr("{0} files saved to {1}/", paths.count, database.shownPath(folder)), folder: folder)
        host.show(VisibleText.clean(said), isError: false)
    }

    /// The customer the unknown sender is: one made from the mail's name
    /// and address (first in the list until a name is typed, then last, so
    /// Enter takes the customer found), or one chosen. A mail that named no
    /// address offers only the customers: there is nobody to make one of.
    private func pickSenderCustomer(for detail: TicketDetail) {
        guard let address = detail.ticket.unknownSender else { return }
        let hasAddress = address.contains("@")
        let name = detail.record.messages.first { $0.kind == .customer }?.authorName ?? address
        let search = Pickers.customerSearch(session)
        let newItem = hasAddress ? Picker.Item(id: 0, cells: [tr("+ new customer: {0}", CustomerFields.fromMailSender(name: name, address: address).name), "", address, ""]) : nil
        let title = hasAddress ? tr("Link {0} to which customer?", address) : tr("Give the ticket to which customer?")
        let picker = Picker(title: title, columns: Pickers.customerColumns) { text, limit in
            let found = try search(text, limit - 1)
            guard let newItem else { return found }
            return text.allSatisfy(\.isWhitespace) ? [newItem] + found : found + [newItem]
        }
        stack.push(PickerLayer(picker) { [unowned self, unowned detail] item, host in
            var customerID = item.id
            if customerID == 0 {
                let created = try session.database.customers.create(CustomerFields.fromMailSender(name: name, address: address), by: session)
                customerID = created.id
            }
            let moved = try repository.linkSender(ofTicket: detail.ticket.id, toCustomer: customerID,
                                                  expectedVersion: detail.ticket.version, by: session)
            if let fresh = try repository.find(id: detail.ticket.id) { detail.show(try makeRecord(fresh)) }
            host.show(hasAddress ? Wording.count(moved.count, one: "{1} linked: {0} ticket moved to the customer", other: "{1} linked: {0} tickets moved to the customer",
                                                 [VisibleText.clean(address)])
                                 : tr("Ticket #{0} given to the customer", detail.ticket.id), isError: false)
        })
    }
}
