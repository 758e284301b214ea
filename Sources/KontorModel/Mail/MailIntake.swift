import KontorLocale
import Foundation
import GRDB
import KontorMail
import KontorText

extension KontorDatabase {
    public var mailIntake: MailIntake { MailIntake(database: self) }
}

/// What became of a message that came in.
public enum MailIntakeOutcome: Equatable, Sendable {
    /// A new ticket was opened with it.
    case opened(ticketID: Int64)
    /// It was added to the thread of a ticket it answers.
    case added(ticketID: Int64)
    /// A machine sent it (an automatic reply, a bounce, list mail): kept as
    /// an internal note on the ticket it concerns, never answered.
    case noted(ticketID: Int64, why: String)
    /// A machine sent it and it concerns no ticket: nothing is stored.
    case ignored(why: String)
    /// The same message (by its Message-ID) was taken before.
    case duplicate(ticketID: Int64)

    /// One line for the mail log.
    public var logLine: String {
        switch self {
        case let .opened(id): return "opened ticket \(id)"
        case let .added(id): return "added to ticket \(id)"
        case let .noted(id, why): return "noted on ticket \(id) (\(why)), not answered"
        case let .ignored(why): return "ignored (\(why)): it concerns no ticket"
        case let .duplicate(id): return "already taken (ticket \(id)); stored once"
        }
    }
}

/// Takes mail in: a message becomes a new ticket, or a message on the
/// ticket it answers (by the tag in its subject, else by the message it
/// replies to), or, when a machine sent it, a note on the ticket it
/// concerns. One transaction per message; the same Message-ID is stored
/// once. Signed "mail" in the audit log: no member of staff wrote it.
public struct MailIntake: Sendable {
    let database: KontorDatabase
    /// Who the audit log names for what mail does.
    public static let actor = "mail"
    /// The customer that holds tickets from senders nobody knows, until a
    /// member of staff links them to a real one.
    public static let unknownSenderName = "Unbekannter Absender"

    public func receive(_ message: MailMessage, raw: Data? = nil, recipient: String? = nil, now: String? = nil) throws -> MailIntakeOutcome {
        // The words stored with a message ("(no subject)", what was left
        // out) are data everyone reads: in the business's language, as
        // its documents are, not in the mail system's locale.
        let language = try database.read(CompanySettings.storedWordsLanguage)
        return try Language.$scoped.withValue(language) { try receiveSpeaking(message, raw: raw, recipient: recipient, now: now) }
    }

    /// `receive`, inside the business's language.
    private func receiveSpeaking(_ message: MailMessage, raw: Data?, recipient: String?, now: String?) throws -> MailIntakeOutcome {
        let now = now ?? Timestamp.now()
        let settings = try database.read(MailSettings.read)
        let messageID = message.messageID ?? Self.madeUpID(raw: raw, message: message)
        return try database.write { db in
            if let known = try Row.fetchOne(db.cachedStatement(sql: "SELECT ticket_id FROM ticket_messages WHERE mail_message_id = ?"),
                                            arguments: [messageID]) {
                return .duplicate(ticketID: known["ticket_id"])
            }
            if let automation = message.automation {
                return try note(db, message, automation: automation, messageID: messageID, settings: settings, now: now)
            }
            let ticket = try concerned(db, message, settings: settings)
            if let ticket, ticket.status != .closed {
                try add(db, message, messageID: messageID, to: ticket, settings: settings, now: now)
                return .added(ticketID: ticket.id)
            }
            // An answer to a closed ticket opens a follow-up of it.
            return .opened(ticketID: try open(db, message, messageID: messageID, settings: settings, recipient: recipient,
                                              followUpOf: ticket?.id, now: now))
        }
    }

    // MARK: Which ticket

    /// The ticket a message concerns: the one its subject's tag names, else
    /// the one whose message it answers (In-Reply-To, then References, the
    /// newest first), sent or received; a merged ticket's survivor.
    func concerned(_ db: Database, _ message: MailMessage, settings: MailSettings) throws -> Ticket? {
        var subjectTag = settings.ticketID(inSubject: message.subject)
        var ids = [message.inReplyTo].compactMap { $0 } + message.references.reversed()
        if case let .bounce(original)? = message.automation {
            subjectTag = subjectTag ?? settings.ticketID(inSubject: original.subject)
            ids = [original.messageID].compactMap { $0 } + original.references.reversed() + ids
        }
        var found: Int64?
        if let tagged = subjectTag, try Bool.fetchOne(db, sql: "SELECT 1 FROM tickets WHERE id = ?", arguments: [tagged]) == true {
            found = tagged
        }
        for id in ids.prefix(50) where found == nil {
            found = try Int64.fetchOne(db.cachedStatement(sql: "SELECT ticket_id FROM mail_outbox WHERE message_id = ?"), arguments: [id])
                ?? Int64.fetchOne(db.cachedStatement(sql: "SELECT ticket_id FROM ticket_messages WHERE mail_message_id = ?"), arguments: [id])
        }
        guard var id = found else { return nil }
        // Follow merges to the ticket that lives on.
        for _ in 0..<20 {
            guard let next = try Int64.fetchOne(db, sql: "SELECT merged_into_id FROM tickets WHERE id = ?", arguments: [id]) else { break }
            id = next
        }
        return try TicketRepository.existing(db, id: id)
    }

    // MARK: Storing

    /// A person's message on the ticket it answers: reopens a resolved or
    /// waiting ticket, as a customer's message typed in by staff does;
    /// from an address not known for the ticket (`TicketMail.knownSenders`)
    /// it is kept, marked in the thread, and wakes nothing.
    private func add(_ db: Database, _ message: MailMessage, messageID: String, to old: Ticket, settings: MailSettings, now: String) throws {
        let received = try old.receiving(.customer, at: now)
        let new = try TicketMail.knownSenders(db, ticket: old).isStranger(message.answerAddress?.address) ? old : received
        let stored = try insert(db, message, messageID: messageID, ticketID: old.id, kind: .customer, settings: settings, now: now)
        _ = try TicketRepository(database: database).save(db, new, over: old, action: "message", actor: Self.actor, force: true,
                                                          extra: [("message", nil, "customer \(stored) by mail")])
    }

    /// A new ticket, in the queue of the address the mail was sent to, for
    /// the customer the sender is (a contact's address, else a customer's),
    /// else for "Unbekannter Absender" with the address kept to link later.
    private func open(_ db: Database, _ message: MailMessage, messageID: String, settings: MailSettings, recipient: String?,
                      followUpOf closed: Int64?, now: String) throws -> Int64 {
        let sender = message.answerAddress?.address ?? ""
        var customerID: Int64
        var contactID: Int64?
        var unknown: String?
        if let contact = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, customer_id FROM contacts WHERE email = ? COLLATE NOCASE AND email <> '' ORDER BY is_primary DESC, id LIMIT 1
            """), arguments: [sender]), !sender.isEmpty {
            customerID = contact["customer_id"]
            contactID = contact["id"]
        } else if !sender.isEmpty, let id = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT id FROM customers WHERE email = ? COLLATE NOCASE AND email <> '' ORDER BY archived, id LIMIT 1
            """), arguments: [sender]) {
            customerID = id
        } else {
            customerID = try Self.unknownSenderCustomer(db, now: now)
            unknown = sender.isEmpty ? "(no sender)" : String(VisibleText.clean(sender).prefix(254))
        }
        let queue = Self.queue(for: message, recipient: recipient, settings: settings)
        // A new ticket's subject without an earlier ticket's tag: a mail
        // about a closed ticket opens a new one, and its replies were
        // headed "[#1] [#6]".
        var subject = VisibleText.clean(TextFolding.trimmed(settings.withoutTags(message.subject)))
        if subject.isEmpty { subject = tr("(no subject)") }
        if subject.count > TicketText.subjectMaxLength { subject = String(subject.prefix(TicketText.subjectMaxLength - 1)) + "…" }
        let due = TicketSLA.dueTimes(createdAt: now, priority: .normal)
        try db.execute(sql: """
            INSERT INTO tickets (subject, customer_id, contact_id, queue, status, priority, first_response_due,
                                 resolution_due, sla_due, created_at, updated_at, updated_by, unknown_sender)
            VALUES (?, ?, ?, ?, 'new', 'normal', ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [subject, customerID, contactID, queue, due.firstResponse, due.resolution, due.firstResponse,
                             now, now, Self.actor, unknown])
        let id = db.lastInsertedRowID
        if let closed {
            _ = try TicketRepository.insertMessage(db, ticketID: id, kind: .note, authorStaffID: nil, authorName: "Kontor",
                                                   body: "Antwort auf das geschlossene Ticket \(settings.tag(ticketID: closed)): als neues Ticket geöffnet.",
                                                   at: now)
        }
        let stored = try insert(db, message, messageID: messageID, ticketID: id, kind: .customer, settings: settings, now: now)
        var changes: [Audit.Change] = [("subject", nil, subject), ("customer_id", nil, String(customerID)), ("queue", nil, queue),
                                       ("message", nil, "customer \(stored) by mail")]
        if let unknown { changes.append(("unknown_sender", nil, unknown)) }
        try Audit.record(db, actor: Self.actor, entity: "ticket", id: id, action: "create", changes: changes)
        // Acknowledged once, when the settings ask for it, as an automatic reply.
        if let sender = message.answerAddress?.address {
            try TicketMail.enqueueAcknowledgement(db, ticketID: id, to: sender, settings: settings, actor: Self.actor,
                                                  now: Timestamp.date(from: now) ?? Date())
        }
        return id
    }

    /// A machine's message as an internal note on the ticket it concerns.
    private func note(_ db: Database, _ message: MailMessage, automation: MailAutomation, messageID: String, settings: MailSettings,
                      now: String) throws -> MailIntakeOutcome {
        // Stored with the note, in the company's language (as its documents are).
        let german = (try? CompanySettings.read(db))?.documentLanguage != .en
        let why: String
        switch automation {
        case let .autoReply(reason): why = (german ? "automatische Antwort: " : "automatic reply: ") + reason
        case let .bounce(original):
            why = (german ? "unzustellbar" : "undeliverable")
                + (original.recipients.isEmpty ? "" : (german ? " an " : " to ") + original.recipients.joined(separator: ", "))
        case let .bulk(reason): why = (german ? "Massenmail: " : "bulk mail: ") + reason
        }
        guard let ticket = try concerned(db, message, settings: settings) else { return .ignored(why: why) }
        let stored = try insert(db, message, messageID: messageID, ticketID: ticket.id, kind: .note, settings: settings, now: now,
                                heading: "[\(why)]")
        try Audit.record(db, actor: Self.actor, entity: "ticket", id: ticket.id, action: "message",
                         changes: [("message", nil, "note \(stored) by mail (\(why))")])
        return .noted(ticketID: ticket.id, why: why)
    }

    /// The message row, its mail headers and its attachments (within the
    /// size limit: over it, none are kept and the text says so).
    private func insert(_ db: Database, _ message: MailMessage, messageID: String, ticketID: Int64, kind: TicketMessageKind,
                        settings: MailSettings, now: String, heading: String? = nil) throws -> Int64 {
        var body = VisibleText.cleanLines(TicketText.normalizedBody(message.text).replacingOccurrences(of: "\t", with: "    "))
        var files = message.attachments
        // A problem may name a part by the sender's file name: cleaned as the text is.
        var remarks: [String] = message.problems.map { "[\(VisibleText.clean(Wording.text($0.template, $0.values)))]" }
        if body.count > TicketText.bodyMaxLength - 500 {
            files.append(MailAttachment(filename: "Nachricht.txt", mimeType: "text/plain", content: Data(message.text.utf8)))
            body = String(body.prefix(TicketText.bodyMaxLength - 500)) + "\n[" + tr("… cut short: the whole text is attached as Nachricht.txt") + "]"
        }
        let total = files.reduce(0) { $0 + $1.content.count }
        if total > settings.attachmentLimitKiB * 1024 {
            remarks.append("[" + tr("{0} attachments of {1} not kept: over the limit of {2}", files.count, ByteCount.text(total), ByteCount.text(settings.attachmentLimitKiB * 1024))
                           + " — " + files.map { VisibleText.clean($0.filename) }.joined(separator: ", ") + "]")
            files = []
        }
        if body.isEmpty { body = tr("(no text)") }
        body = ([heading].compactMap { $0 } + [body] + remarks).joined(separator: "\n\n")
        let author = message.sender.map { VisibleText.clean($0.name.isEmpty ? $0.address : $0.name) } ?? tr("(unknown)")
        func list(_ addresses: [MailAddress]) -> String? {
            addresses.isEmpty ? nil : VisibleText.clean(addresses.map(\.display).joined(separator: ", "))
        }
        try db.cachedStatement(sql: """
            INSERT INTO ticket_messages (ticket_id, kind, author_staff_id, author_name, body, created_at,
                                         mail_message_id, mail_from, mail_to, mail_cc, mail_reply_to)
            VALUES (?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [ticketID, kind.rawValue, String(author.prefix(200)), body, now, messageID,
                                     list(message.from), list(message.to), list(message.cc), list(message.replyTo)])
        let id = db.lastInsertedRowID
        for file in files {
            try db.cachedStatement(sql: """
                INSERT INTO ticket_attachments (message_id, filename, mime_type, size, content) VALUES (?, ?, ?, ?, ?)
                """).execute(arguments: [id, VisibleText.clean(file.filename), VisibleText.clean(file.mimeType), file.content.count, file.content])
        }
        return id
    }

    // MARK: Small decisions

    /// The queue the mail was sent to: the address the mail system
    /// delivered it for, else the first recipient with a queue of its own,
    /// else the default queue.
    static func queue(for message: MailMessage, recipient: String?, settings: MailSettings) -> String {
        let addresses = [recipient].compactMap { $0 } + message.deliveredTo + (message.to + message.cc).map(\.address)
        let queues = Set(settings.queueAddresses.values.map { $0.lowercased() })
        let queue = addresses.first { queues.contains($0.lowercased()) }.map(settings.queue(forAddress:)) ?? settings.defaultQueue
        return TicketText.queueProblem(queue) == nil ? queue : "support"
    }

    /// The customer "Unbekannter Absender", made on first need and kept
    /// archived, so that it appears in no list and no search.
    static func unknownSenderCustomer(_ db: Database, now: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'mail.unknown_customer_id'"),
           try Bool.fetchOne(db, sql: "SELECT 1 FROM customers WHERE id = ?", arguments: [id]) == true {
            return id
        }
        let fields = CustomerFields(name: unknownSenderName, notes: "Hält Tickets aus Mails von Absendern, die keinem Kunden gehören, bis sie einem zugeordnet sind.")
        try db.cachedStatement(sql: CustomerRepository.insertSQL).execute(arguments: CustomerRepository.arguments(fields) + [now, now, actor, nil])
        let id = db.lastInsertedRowID
        try db.execute(sql: "UPDATE customers SET archived = 1 WHERE id = ?", arguments: [id])
        try db.execute(sql: """
            INSERT INTO settings (key, value, updated_at, updated_by) VALUES ('mail.unknown_customer_id', ?, ?, ?)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = version + 1, updated_at = excluded.updated_at
            """, arguments: [String(id), now, actor])
        try Audit.record(db, actor: actor, entity: "customer", id: id, action: "create", changes: [("name", nil, unknownSenderName)])
        return id
    }

    /// An id for a message that has none, from its bytes: the same message
    /// delivered twice still gets the same one.
    static func madeUpID(raw: Data?, message: MailMessage) -> String {
        let bytes = raw ?? Data((message.subject + message.text + (message.sender?.address ?? "") + (message.date ?? "")).utf8)
        return "\(madeUpIDPrefix)\(Fingerprint.hex(bytes))-\(bytes.count)@kontor"
    }

    static let madeUpIDPrefix = "no-message-id-"
}
