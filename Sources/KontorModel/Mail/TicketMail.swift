import KontorLocale
import Foundation
import GRDB
import KontorText
import KontorMail

/// A file that came with a message, without its bytes: what the thread lists.
public struct TicketAttachment: Equatable, Sendable, Identifiable {
    public var id: Int64
    public var messageID: Int64
    public var filename: String
    public var mimeType: String
    public var size: Int
}

extension TicketRepository {
    /// The files of a ticket's messages, in the order they came; the bytes
    /// stay in the database until one is saved (`attachmentContent`).
    public func attachments(of ticketID: Int64) throws -> [TicketAttachment] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.id, a.message_id, a.filename, a.mime_type, a.size FROM ticket_attachments a
                JOIN ticket_messages m ON m.id = a.message_id WHERE m.ticket_id = ? ORDER BY a.id
                """, arguments: [ticketID]).map {
                TicketAttachment(id: $0["id"], messageID: $0["message_id"], filename: $0["filename"], mimeType: $0["mime_type"], size: $0["size"])
            }
        }
    }

    public func attachmentContent(_ id: Int64) throws -> Data {
        guard let data = try database.read({ db in try Data.fetchOne(db, sql: "SELECT content FROM ticket_attachments WHERE id = ?", arguments: [id]) }) else {
            throw KontorError.notFound(entity: "attachment", id: id)
        }
        return data
    }

    /// Writes an attachment into `folder` under its own name (made unique
    /// with " (2)", " (3)" when a file of that name is there), readable by
    /// the owner and group only. Returns the path.
    public func saveAttachment(_ attachment: TicketAttachment, into folder: String) throws -> String {
        let data = try attachmentContent(attachment.id)
        let fm = FileManager.default
        try fm.createDirectory(atPath: folder, withIntermediateDirectories: true)
        // (Names kept before they were cut to a file system's length are cut here.)
        let name = MailReader.safeFilename(attachment.filename)
        let stem = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
        var path = (folder as NSString).appendingPathComponent(name)
        var n = 2
        while fm.fileExists(atPath: path) {
            path = (folder as NSString).appendingPathComponent("\(stem) (\(n))" + (ext.isEmpty ? "" : ".\(ext)"))
            n += 1
        }
        guard fm.createFile(atPath: path, contents: data, attributes: [.posixPermissions: 0o640]) else {
            throw KontorError.rule(tr("cannot write {0}", path))
        }
        return path
    }

    /// Gives a ticket from an unknown sender to a customer, with every other
    /// ticket still waiting under the same address; the address becomes a
    /// contact of the customer unless it is theirs already, so the next mail
    /// from it finds them. Returns the tickets moved.
    @discardableResult
    public func linkSender(ofTicket id: Int64, toCustomer customerID: Int64, expectedVersion: Int, by session: Session) throws -> [Int64] {
        try session.write(.writeFrontOffice) { db in
            let ticket = try Ticket.current(db, id: id, expectedVersion: expectedVersion)
            guard let address = ticket.unknownSender else { throw KontorError.rule(tr("ticket {0} has a known customer already", id)) }
            guard let customer = try Row.fetchOne(db, sql: "SELECT name, email FROM customers WHERE id = ?", arguments: [customerID]) else {
                throw KontorError.notFound(entity: "customer", id: customerID)
            }
            // A mail that named no address shares nothing with another such mail: this ticket alone.
            let ids = !address.contains("@") ? [id] : try Int64.fetchAll(db, sql: "SELECT id FROM tickets WHERE unknown_sender = ? AND customer_id = ? ORDER BY id",
                                                                         arguments: [address, ticket.customerID])
            let now = Timestamp.now()
            for moved in ids {
                try db.execute(sql: """
                    UPDATE tickets SET customer_id = ?, unknown_sender = NULL, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?
                    """, arguments: [customerID, now, session.username, moved])
                try Audit.record(db, session: session, entity: "ticket", id: moved, action: "link sender",
                                 changes: [("customer_id", String(ticket.customerID), String(customerID)), ("unknown_sender", address, nil)])
            }
            let theirs = (customer["email"] as String).lowercased() == address.lowercased()
            let known = try Bool.fetchOne(db, sql: "SELECT 1 FROM contacts WHERE customer_id = ? AND email = ? COLLATE NOCASE",
                                          arguments: [customerID, address]) == true
            if !theirs && !known && address.contains("@") {
                // Named as the mail named its sender.
                let name = try String.fetchOne(db, sql: "SELECT author_name FROM ticket_messages WHERE ticket_id = ? AND kind = 'customer' ORDER BY id LIMIT 1",
                                               arguments: [id]).flatMap { $0.isEmpty ? nil : $0 } ?? address
                let contactID = try CustomerRepository.insertContact(db, customerID: customerID, ContactFields(name: name, email: address), by: session)
                try Audit.record(db, session: session, entity: "contact", id: contactID, action: "create",
                                 changes: [("customer_id", nil, String(customerID)), ("email", nil, address)])
            }
            return ids
        }
    }
}
