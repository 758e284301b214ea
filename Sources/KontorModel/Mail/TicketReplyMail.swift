import Foundation
import GRDB

/// A ticket's answers by mail: to whom, from which address, with which
/// subject and thread ids. Called inside the transaction that writes the
/// reply (or opens the ticket), so the message is in the outbox exactly
/// when the reply is in the thread.
public enum TicketMail {
    /// What became of a reply: queued, or why no message was written.
    public enum Outcome: Equatable, Sendable {
        case queued(OutboxEntry)
        case notSent(reason: UnsentReason)
    }

    /// Queues the reply `message` of `ticket` to its requester, or says why
    /// it cannot go (no sender address for the queue, nobody to send to) —
    /// which is not an error: the reply is kept either way.
    static func enqueueReply(_ db: Database, ticket: Ticket, message: TicketMessage, actor: String, now: Date) throws -> Outcome {
        let settings = try MailSettings.read(db)
        let known = try knownSenders(db, ticket: ticket)
        let from: Mailbox, to: Mailbox
        switch try route(db, ticket: ticket, settings: settings, known: known) {
        case let .success(route): (from, to) = route
        case let .failure(reason): return .notSent(reason: reason)
        }
        let cc = try replyCc(db, ticketID: ticket.id, to: to, settings: settings)
        let thread = try MailOutbox.threadIDs(db, ticket: ticket, known: known)
        let mail = OutgoingMail(
            from: Mailbox(from.address, name: try companyName(db)), to: [to], cc: cc,
            subject: subject(for: ticket, settings: settings), body: signed(message.body, settings: settings), date: now,
            inReplyTo: thread.lastInbound ?? thread.references.last, references: thread.references)
        return .queued(try MailOutbox.enqueue(db, mail, kind: .reply, ticketID: ticket.id, ticketMessageID: message.id, actor: actor, now: now))
    }

    /// Acknowledges a new ticket to `address`, once per ticket, marked
    /// `Auto-Submitted: auto-replied` so that other systems do not answer
    /// it in turn. For mail-in to call inside the transaction that opens
    /// the ticket. Returns nil, and writes nothing, when the settings do
    /// not ask for acknowledgements, the queue has no sender address,
    /// `address` is not usable or one of Kontor's own, or the ticket was
    /// acknowledged before.
    @discardableResult
    public static func enqueueAcknowledgement(_ db: Database, ticketID: Int64, to address: String, settings: MailSettings,
                                              actor: String = "kontor", now: Date = Date()) throws -> OutboxEntry? {
        guard settings.acknowledgeNewTickets, let ticket = try TicketRepository.fetch(db, id: ticketID) else { return nil }
        guard let fromAddress = settings.address(forQueue: ticket.queue), let from = Mailbox.parse(fromAddress),
              let to = Mailbox.parse(address) else { return nil }
        let ours = settings.queueAddresses.values.compactMap(Mailbox.parse)
        guard !ours.contains(where: { $0.key == to.key }) else { return nil }
        let done = try Bool.fetchOne(db, sql: """
            SELECT EXISTS (SELECT 1 FROM mail_outbox WHERE ticket_id = ? AND kind = 'acknowledgement')
            """, arguments: [ticketID]) ?? false
        guard !done else { return nil }
        let tag = settings.tag(ticketID: ticketID)
        let body = """
            Guten Tag,

            vielen Dank für Ihre Nachricht. Wir haben sie unter der Nummer \(tag) \
            aufgenommen und melden uns so bald wie möglich.

            Wenn Sie uns dazu noch etwas schreiben, antworten Sie bitte auf diese \
            Nachricht oder lassen Sie \(tag) im Betreff stehen.

            Dies ist eine automatische Antwort.
            """
        let thread = try MailOutbox.threadIDs(db, ticket: ticket, known: try knownSenders(db, ticket: ticket))
        let mail = OutgoingMail(
            from: Mailbox(from.address, name: try companyName(db)), to: [to],
            subject: subject(for: ticket, settings: settings), body: signed(body, settings: settings), date: now,
            inReplyTo: thread.lastInbound ?? thread.references.last, references: thread.references, autoReplied: true)
        return try MailOutbox.enqueue(db, mail, kind: .acknowledgement, ticketID: ticketID, actor: actor, now: now)
    }

    /// "Re: Drucker defekt [#1234]": the ticket's subject, answered once
    /// (no "Re: Re:"), with its tag unless it carries it already.
    public static func subject(for ticket: Ticket, settings: MailSettings) -> String {
        var subject = MIMEEncoding.headerText(ticket.subject)
        let answered = ["re:", "aw:", "antw:"].contains { subject.lowercased().hasPrefix($0) }
        if !answered { subject = "Re: " + subject }
        if settings.ticketID(inSubject: subject) != ticket.id { subject += " " + settings.tag(ticketID: ticket.id) }
        return subject
    }

    /// The text with the signature from the settings under the usual "-- " line.
    static func signed(_ text: String, settings: MailSettings) -> String {
        let signature = settings.signature.trimmingCharacters(in: .whitespacesAndNewlines)
        return signature.isEmpty ? text : text + "\n\n-- \n" + signature
    }

    /// The address a reply to `ticket` goes from and the one it goes to,
    /// or why it would not go by mail. `known`: the ticket's `knownSenders`.
    static func route(_ db: Database, ticket: Ticket, settings: MailSettings, known: KnownSenders) throws -> Result<(from: Mailbox, to: Mailbox), UnsentReason> {
        guard let fromAddress = settings.address(forQueue: ticket.queue), let from = Mailbox.parse(fromAddress) else {
            return .failure(.noSender(queue: ticket.queue))
        }
        let ours = settings.queueAddresses.values.compactMap(Mailbox.parse)
        guard let to = try requester(db, ticket: ticket, known: known), !ours.contains(where: { $0.key == to.key }) else {
            return .failure(.noAddressee)
        }
        return .success((from, to))
    }

    /// The addresses a message on `ticket` may come from and a reply go
    /// to: the customer's, its contact persons', any other at their firm's
    /// own domain (a colleague writing in), and the one the ticket was
    /// opened from (its first message, by mail, or its unknown sender).
    /// Anyone else who writes with the ticket's number in the subject is
    /// kept in the thread, marked, and not answered: else whoever learnt
    /// a ticket's number would be sent the replies.
    static func knownSenders(_ db: Database, ticket: Ticket) throws -> KnownSenders {
        let own = try String.fetchAll(db, sql: """
            SELECT email FROM customers WHERE id = :customer
            UNION ALL SELECT email FROM contacts WHERE customer_id = :customer
            """, arguments: ["customer": ticket.customerID]).compactMap(Mailbox.parse)
        let opener = try String.fetchAll(db, sql: """
            SELECT unknown_sender FROM tickets WHERE id = :ticket AND unknown_sender IS NOT NULL
            UNION ALL SELECT answer FROM (SELECT \(MailReplyToSchema.answerAddress) AS answer FROM ticket_messages WHERE ticket_id = :ticket ORDER BY id LIMIT 1)
            WHERE answer IS NOT NULL
            """, arguments: ["ticket": ticket.id]).compactMap(Mailbox.parse)
        return KnownSenders(addresses: Set((own + opener).map(\.key)),
                            domains: Set(own.map(\.domain).filter { !KnownSenders.sharedDomains.contains($0) }))
    }

    /// Who a reply goes to: the sender of the customer's latest message by
    /// mail from a known address (`knownSenders`), else the ticket's
    /// contact, else the customer, else the unknown sender the ticket was
    /// opened by.
    static func requester(_ db: Database, ticket: Ticket, known: KnownSenders) throws -> Mailbox? {
        for from in try String.fetchAll(db, sql: """
            SELECT \(MailReplyToSchema.answerAddress) FROM ticket_messages WHERE ticket_id = ? AND kind = 'customer' AND mail_from IS NOT NULL
            ORDER BY id DESC
            """, arguments: [ticket.id]) {
            if let address = Mailbox.parse(from), known.contains(address) { return address }
        }
        if let contactID = ticket.contactID,
           let row = try Row.fetchOne(db, sql: "SELECT name, email FROM contacts WHERE id = ?", arguments: [contactID]),
           let address = Mailbox.parse(row["email"] ?? "") {
            return Mailbox(address.address, name: row["name"] ?? "")
        }
        if let row = try Row.fetchOne(db, sql: "SELECT name, contact_name, email FROM customers WHERE id = ?", arguments: [ticket.customerID]),
           let address = Mailbox.parse(row["email"] ?? "") {
            let contact: String = row["contact_name"] ?? ""
            return Mailbox(address.address, name: contact.isEmpty ? row["name"] ?? "" : contact)
        }
        return try String.fetchOne(db, sql: "SELECT unknown_sender FROM tickets WHERE id = ?", arguments: [ticket.id]).flatMap(Mailbox.parse)
    }

    /// The Cc of the latest message that came in by mail: kept on the answer.
    /// The copy of a reply to `to`: the thread's Cc, without our own
    /// addresses and the addressee.
    static func replyCc(_ db: Database, ticketID: Int64, to: Mailbox, settings: MailSettings) throws -> [Mailbox] {
        let ours = settings.queueAddresses.values.compactMap(Mailbox.parse)
        return Mailbox.unique(try threadCc(db, ticketID: ticketID), excluding: ours + [to])
    }

    static func threadCc(_ db: Database, ticketID: Int64) throws -> [Mailbox] {
        let cc = try String.fetchOne(db, sql: """
            SELECT mail_cc FROM ticket_messages WHERE ticket_id = ? AND mail_message_id IS NOT NULL AND kind = 'customer'
            ORDER BY id DESC LIMIT 1
            """, arguments: [ticketID])
        return Mailbox.parseList(cc ?? "")
    }

    static func companyName(_ db: Database) throws -> String {
        try CompanySettings.read(db).name
    }
}

extension CustomerFields {
    /// A new customer made from a mail's sender: "Müller, Hans" as "Hans
    /// Müller"; a person when the address is at a mail provider (no firm
    /// says who they are), else a company named as the mail named it.
    public static func fromMailSender(name: String, address: String) -> CustomerFields {
        var shown = TextFolding.trimmed(name)
        let parts = shown.split(separator: ",", omittingEmptySubsequences: true).map { TextFolding.trimmed(String($0)) }
        if parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty, !parts.contains(where: { $0.contains(" ") && $0.split(separator: " ").count > 2 }) {
            shown = parts[1] + " " + parts[0]
        }
        if shown.isEmpty { shown = address }
        let provider = Mailbox.parse(address).map { KnownSenders.sharedDomains.contains($0.domain) } ?? false
        return CustomerFields(kind: provider ? .person : .company, name: shown, email: address)
    }
}

/// Who may write on a ticket and be answered (`TicketMail.knownSenders`).
struct KnownSenders {
    /// Addresses, as `Mailbox.key`.
    var addresses: Set<String>
    /// The customer's own mail domains: anyone there is a colleague.
    var domains: Set<String>

    func contains(_ mailbox: Mailbox) -> Bool {
        addresses.contains(mailbox.key) || domains.contains(mailbox.domain)
    }

    /// Whether a message's From names someone not known here: an address
    /// that reads as one and is none of these (a From that is no address
    /// at all tells nothing, and is not held against the message).
    func isStranger(_ from: String?) -> Bool {
        guard let mailbox = from.flatMap(Mailbox.parse) else { return false }
        return !contains(mailbox)
    }

    /// Domains that many unrelated people share (mail providers): an
    /// address there says nothing about the firm.
    static let sharedDomains: Set<String> = [
        "gmx.de", "gmx.net", "gmx.at", "gmx.ch", "gmx.com", "web.de", "t-online.de", "freenet.de", "arcor.de", "online.de",
        "posteo.de", "mailbox.org", "email.de", "1und1.de", "vodafone.de", "kabelmail.de", "magenta.de", "aol.de", "aol.com",
        "gmail.com", "googlemail.com", "outlook.com", "outlook.de", "hotmail.com", "hotmail.de", "live.com", "live.de", "msn.com",
        "yahoo.com", "yahoo.de", "ymail.com", "icloud.com", "me.com", "mac.com", "protonmail.com", "proton.me", "pm.me",
        "bluewin.ch", "gmx.li", "yandex.com", "mail.ru", "qq.com", "163.com",
    ]
}
