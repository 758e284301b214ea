import Foundation
import GRDB
import KontorLocale

/// What an outgoing message carries.
public enum MailKind: String, Sendable, CaseIterable {
    case reply, acknowledgement, invoice, dunning

    /// What the message is, in the person's words.
    public var label: String {
        switch self {
        case .reply: return tr("reply")
        case .acknowledgement: return tr("acknowledgement of receipt")
        case .invoice: return tr("invoice or credit note")
        case .dunning: return tr("dunning letter")
        }
    }
}

/// Where an outgoing message stands.
public enum MailState: String, Sendable, CaseIterable {
    /// Waiting for its (next) try.
    case queued
    /// Taken by the mail system.
    case sent
    /// Given up after the last try; shown as "not sent: …".
    case failed
}

/// One message in the outbox, as the thread, the invoice and `kontor mail
/// outbox` show it (the message itself, `raw`, is read only to send it).
public struct OutboxEntry: Equatable, Sendable, Identifiable, FetchableRecord {
    public var id: Int64
    public var messageID: String
    public var kind: MailKind
    public var ticketID: Int64?
    public var ticketMessageID: Int64?
    public var invoiceID: Int64?
    /// Comma-separated addresses.
    public var recipients: String
    public var subject: String
    public var state: MailState
    public var attempts: Int
    public var nextAttemptAt: String
    public var lastError: String
    public var createdAt: String
    public var createdBy: String
    public var sentAt: String?

    public init(row: Row) {
        id = row["id"]
        messageID = row["message_id"]
        kind = MailKind(rawValue: row["kind"]) ?? .reply
        ticketID = row["ticket_id"]
        ticketMessageID = row["ticket_message_id"]
        invoiceID = row["invoice_id"]
        recipients = row["recipients"]
        subject = row["subject"]
        state = MailState(rawValue: row["state"]) ?? .queued
        attempts = row["attempts"]
        nextAttemptAt = row["next_attempt_at"]
        lastError = row["last_error"]
        createdAt = row["created_at"]
        createdBy = row["created_by"]
        sentAt = row["sent_at"]
    }

    /// Where it stands, in one line for people: "sent to a@b.de at
    /// 2026-12-05T14:03:00Z", "queued for a@b.de (try 2 failed: …; next
    /// try 2026-…)", "not sent: …". Times as stored; screens format them.
    public var report: MailReport {
        switch state {
        case .sent: return .sent(to: recipients, at: sentAt ?? createdAt)
        case .failed: return .failed(to: recipients, error: lastError)
        case .queued: return .queued(for: recipients, attempts: attempts, lastError: lastError, nextAttemptAt: nextAttemptAt)
        }
    }
}

/// Where a message stands, for the words a screen or the command line puts to it.
public enum MailReport: Equatable, Sendable {
    case sent(to: String, at: String)
    case queued(for: String, attempts: Int, lastError: String, nextAttemptAt: String)
    case failed(to: String, error: String)
    /// Never written to the outbox: why (no sender address, no addressee).
    case notSent(reason: UnsentReason)
}

/// Why a reply was kept but not sent by mail. Stored in the ticket's
/// history in fixed English words (`stored`), as data is; shown in the
/// reader's language (`text`).
public enum UnsentReason: Error, Equatable, Sendable {
    /// The ticket's queue has no address to send from.
    case noSender(queue: String)
    /// Neither the ticket's sender, its contact nor the customer has an address.
    case noAddressee
    /// Words stored otherwise, shown as they are.
    case other(String)

    private static let noSenderStart = "no sender address is set for the "
    private static let noSenderEnd = " queue (mail settings)"
    private static let noAddresseeWords = "neither the ticket's sender, its contact nor the customer has an e-mail address"

    /// The words the ticket's history keeps.
    public var stored: String {
        switch self {
        case let .noSender(queue): return Self.noSenderStart + queue + Self.noSenderEnd
        case .noAddressee: return Self.noAddresseeWords
        case let .other(text): return text
        }
    }

    /// Read back from the history's words.
    public init(stored: String) {
        if stored == Self.noAddresseeWords {
            self = .noAddressee
        } else if stored.hasPrefix(Self.noSenderStart), stored.hasSuffix(Self.noSenderEnd),
                  stored.count > Self.noSenderStart.count + Self.noSenderEnd.count {
            self = .noSender(queue: String(stored.dropFirst(Self.noSenderStart.count).dropLast(Self.noSenderEnd.count)))
        } else {
            self = .other(stored)
        }
    }

    /// In the reader's language.
    public var text: String {
        switch self {
        case let .noSender(queue):
            // A standard queue by its name in the reader's language, as the screens show it.
            let name = TicketText.standardQueues.contains(queue) ? tr(queue, meaning: "a ticket queue") : queue
            return tr("no sender address is set for the {0} queue (mail settings)", name)
        case .noAddressee: return tr("neither the ticket's sender, its contact nor the customer has an e-mail address")
        case let .other(text): return text
        }
    }
}

/// Writing to and reading the outbox. Every write happens inside the
/// transaction of what the message belongs to (a reply, an invoice sent),
/// so a message exists exactly when what it carries does.
enum MailOutbox {
    /// Every column but the message itself.
    static let columns = """
        id, message_id, kind, ticket_id, ticket_message_id, invoice_id, recipients, subject, state, attempts,
        next_attempt_at, last_error, created_at, created_by, sent_at
        """

    /// Renders `mail` and queues it, due at once; audited as the mail's `queue`.
    static func enqueue(_ db: Database, _ mail: OutgoingMail, kind: MailKind, ticketID: Int64? = nil, ticketMessageID: Int64? = nil,
                        invoiceID: Int64? = nil, actor: String, now: Date) throws -> OutboxEntry {
        let raw = try mail.rendered()
        let recipients = mail.recipients.map(\.address).joined(separator: ", ")
        let at = Timestamp.string(from: now)
        try db.execute(sql: """
            INSERT INTO mail_outbox (message_id, kind, ticket_id, ticket_message_id, invoice_id, recipients, subject, raw,
                                     next_attempt_at, created_at, created_by)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [mail.messageID, kind.rawValue, ticketID, ticketMessageID, invoiceID, recipients,
                             MIMEEncoding.headerText(mail.subject), raw, at, at, actor])
        let id = db.lastInsertedRowID
        try Audit.record(db, actor: actor, entity: "mail", id: id, action: "queue", changes: [
            ("kind", nil, kind.rawValue), ("recipients", nil, recipients), ("subject", nil, MIMEEncoding.headerText(mail.subject)),
        ])
        return try entry(db, id: id)!
    }

    static func entry(_ db: Database, id: Int64) throws -> OutboxEntry? {
        try OutboxEntry.fetchOne(db, sql: "SELECT \(columns) FROM mail_outbox WHERE id = ?", arguments: [id])
    }

    /// The ids of a ticket's thread so far, oldest first: messages that came
    /// by mail and messages Kontor sent (those given up on left out), for
    /// `In-Reply-To` and `References`. The last one that came in, if any,
    /// is what an answer replies to. A stranger's messages are left out
    /// (`known`: the ticket's `TicketMail.knownSenders`): their ids would
    /// tell them and thread the reply on theirs.
    static func threadIDs(_ db: Database, ticket: Ticket, known: KnownSenders) throws -> (references: [String], lastInbound: String?) {
        let rows = try Row.fetchAll(db, sql: """
            SELECT mail_message_id AS mid, created_at, 0 AS outbound, id, \(MailReplyToSchema.answerAddress) AS mail_from FROM ticket_messages
             WHERE ticket_id = ? AND mail_message_id IS NOT NULL
            UNION ALL
            SELECT message_id, created_at, 1, id, NULL FROM mail_outbox WHERE ticket_id = ? AND state <> 'failed'
            ORDER BY created_at, outbound, id
            """, arguments: [ticket.id, ticket.id]).filter { !known.isStranger($0["mail_from"]) }
        let ids = rows.map { $0["mid"] as String }.filter(OutgoingMail.isUsableID)
        let inbound = rows.filter { $0["outbound"] as Int == 0 }.map { $0["mid"] as String }.filter(OutgoingMail.isUsableID)
        var seen = Set<String>()
        return (ids.filter { seen.insert($0).inserted }, inbound.last)
    }
}

extension KontorDatabase {
    /// The outbox: what was sent, what waits, what failed.
    public var mail: MailRepository { MailRepository(database: self) }
}

/// Reads the outbox for the screens and the command line.
public struct MailRepository: Sendable {
    let database: KontorDatabase

    public func entry(id: Int64) throws -> OutboxEntry? {
        try database.read { db in try MailOutbox.entry(db, id: id) }
    }

    /// The message as it was handed (or will be handed) to sendmail.
    public func raw(id: Int64) throws -> Data? {
        try database.read { db in try Data.fetchOne(db, sql: "SELECT raw FROM mail_outbox WHERE id = ?", arguments: [id]) }
    }

    /// The newest messages first, `limit` at a time: pass the last row's id
    /// as `before` for the next window. `state` narrows to one state.
    public func page(state: MailState? = nil, before id: Int64? = nil, limit: Int = 50) throws -> [OutboxEntry] {
        try database.read { db in
            var request: SQL = "SELECT \(sql: MailOutbox.columns) FROM mail_outbox WHERE 1"
            if let state { request += " AND state = \(state.rawValue)" }
            if let id { request += " AND id < \(id)" }
            request += " ORDER BY id DESC LIMIT \(limit)"
            return try OutboxEntry.fetchAll(db, SQLRequest<OutboxEntry>(literal: request))
        }
    }

    /// Everything sent (or to be sent) about an invoice, oldest first.
    public func entries(ofInvoice invoiceID: Int64) throws -> [OutboxEntry] {
        try database.read { db in
            try OutboxEntry.fetchAll(db, sql: "SELECT \(MailOutbox.columns) FROM mail_outbox WHERE invoice_id = ? ORDER BY id",
                                     arguments: [invoiceID])
        }
    }

    /// What mail did with a ticket's replies and its acknowledgement.
    public func log(ofTicket ticketID: Int64) throws -> TicketMailLog {
        try database.read { db in try TicketMailLog.read(db, ticketID: ticketID) }
    }

    /// How many messages wait for a try and how many were given up.
    public func counts() throws -> (queued: Int, failed: Int) {
        try database.read { db in
            let row = try Row.fetchOne(db, sql: """
                SELECT sum(state = 'queued') AS queued, sum(state = 'failed') AS failed FROM mail_outbox
                """)
            return ((row?["queued"] as Int?) ?? 0, (row?["failed"] as Int?) ?? 0)
        }
    }
}

/// A ticket's mail as its thread shows it: each reply's message (or why
/// none was written), and the acknowledgement of the ticket if one went out.
public struct TicketMailLog: Equatable, Sendable {
    public var byMessage: [Int64: MailReport] = [:]
    public var acknowledgement: OutboxEntry?
    /// Where a reply written now would go, or why it would not go by mail.
    public var replyTo: Result<Mailbox, UnsentReason>?
    /// Who a reply written now would go to in copy (the thread's Cc), shown
    /// before it is sent.
    public var replyCc: [Mailbox] = []
    /// The customer's messages that came by mail from an address not
    /// known for the ticket (see `TicketMail.knownSenders`): kept, not answered.
    public var fromUnknownAddress: Set<Int64> = []

    public init() {}

    static func read(_ db: Database, ticketID: Int64) throws -> TicketMailLog {
        var log = TicketMailLog()
        if let ticket = try TicketRepository.fetch(db, id: ticketID) {
            let known = try TicketMail.knownSenders(db, ticket: ticket)
            let settings = try MailSettings.read(db)
            log.replyTo = try TicketMail.route(db, ticket: ticket, settings: settings, known: known).map(\.to)
            if case let .success(to)? = log.replyTo { log.replyCc = try TicketMail.replyCc(db, ticketID: ticket.id, to: to, settings: settings) }
            for row in try Row.fetchAll(db, sql: """
                SELECT id, \(MailReplyToSchema.answerAddress) AS mail_from FROM ticket_messages WHERE ticket_id = ? AND kind = 'customer' AND mail_from IS NOT NULL
                """, arguments: [ticketID]) where known.isStranger(row["mail_from"]) {
                log.fromUnknownAddress.insert(row["id"])
            }
        }
        for entry in try OutboxEntry.fetchAll(db, sql: "SELECT \(MailOutbox.columns) FROM mail_outbox WHERE ticket_id = ? ORDER BY id",
                                              arguments: [ticketID]) {
            if let message = entry.ticketMessageID {
                log.byMessage[message] = entry.report
            } else if entry.kind == .acknowledgement {
                log.acknowledgement = entry
            }
        }
        // Replies nothing was written for say why in the ticket's audit
        // entry: "reply 42: <reason>".
        for value in try String.fetchAll(db, sql: """
            SELECT new_value FROM \(Audit.byEntity())
            WHERE entity = 'ticket' AND entity_id = ? AND field = 'mail' AND new_value IS NOT NULL
            """, arguments: [ticketID]) {
            guard value.hasPrefix("reply "), let colon = value.firstIndex(of: ":"),
                  let id = Int64(value[value.index(value.startIndex, offsetBy: 6)..<colon]) else { continue }
            log.byMessage[id] = .notSent(reason: UnsentReason(stored: String(value[value.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
        }
        return log
    }
}
