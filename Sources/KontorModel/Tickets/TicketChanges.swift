import KontorLocale
import Foundation
import GRDB

/// Opening tickets, and the everyday changes to one ticket. Each runs in one
/// transaction after checking the front-office permission, refuses a ticket
/// someone else saved since `expectedVersion` was read, and records who
/// changed what from what to what in the audit log.
extension TicketRepository {
    /// Validates and stores a new ticket, with the customer's first message
    /// when there is one. Its SLA deadlines start now. A queue that does not
    /// exist yet is refused unless `allowingNewQueue` (see `queueExists`).
    @discardableResult
    public func create(_ fields: TicketFields, allowingNewQueue: Bool = false, by session: Session) throws -> Ticket {
        // Every problem at once: the fields', the customer's and contact's, the queue's.
        let lookups: [(Database) throws -> Void] = [
            { db in _ = try Self.customerAuthor(db, customerID: fields.customerID, contactID: fields.contactID) },
            { db in
                let queue = fields.normalized().queue
                if !allowingNewQueue, TicketText.queueProblem(queue) == nil, try !Self.queueExists(db, queue) { throw Self.unknownQueue(queue) }
            },
        ]
        let fields = try fields.checked(in: database, alsoLooking: lookups)
        let now = Timestamp.string(from: self.now())
        return try session.write(.writeFrontOffice) { db in
            try FieldIssues.throwAll([], lookups.map { lookup in { try lookup(db) } })
            let author = try Self.customerAuthor(db, customerID: fields.customerID, contactID: fields.contactID)
            let due = TicketSLA.dueTimes(createdAt: now, priority: fields.priority)
            try db.execute(sql: """
                INSERT INTO tickets (subject, customer_id, contact_id, queue, status, priority, first_response_due,
                                     resolution_due, sla_due, created_at, updated_at, updated_by)
                VALUES (?, ?, ?, ?, 'new', ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [fields.subject, fields.customerID, fields.contactID, fields.queue, fields.priority.rawValue,
                                 due.firstResponse, due.resolution, due.firstResponse, now, now, session.username])
            let id = db.lastInsertedRowID
            var changes: [Audit.Change] = [
                ("subject", nil, fields.subject), ("customer_id", nil, String(fields.customerID)),
                ("queue", nil, fields.queue), ("priority", nil, fields.priority.rawValue), ("status", nil, TicketStatus.new.rawValue),
            ]
            if let contactID = fields.contactID { changes.append(("contact_id", nil, String(contactID))) }
            if !fields.firstMessage.isEmpty {
                let message = try Self.insertMessage(db, ticketID: id, kind: .customer, authorStaffID: nil, authorName: author,
                                                     body: fields.firstMessage, at: now)
                changes.append(("message", nil, "\(TicketMessageKind.customer.rawValue) \(message.id)"))
            }
            try Audit.record(db, session: session, entity: "ticket", id: id, action: "create", changes: changes)
            return try Self.existing(db, id: id)
        }
    }

    /// Gives the ticket to an active member of staff, or to nobody (nil).
    @discardableResult
    public func assign(id: Int64, to staffID: Int64?, expectedVersion: Int, by session: Session) throws -> Ticket {
        try session.write(.workBillingTickets) { db in
            try assign(db, Self.worked(db, id: id, expectedVersion: expectedVersion, by: session), to: staffID, by: session)
        }
    }

    /// Assigns the ticket to whoever is signed in: "I'll take this one".
    @discardableResult
    public func take(id: Int64, expectedVersion: Int, by session: Session) throws -> Ticket {
        try assign(id: id, to: session.staff.id, expectedVersion: expectedVersion, by: session)
    }

    /// Moves the ticket to `status` (see `TicketStatus.allowedNext`).
    /// `pendingUntil` is required for, and only for, `.pending`.
    @discardableResult
    public func setStatus(id: Int64, _ status: TicketStatus, pendingUntil: Date? = nil, expectedVersion: Int, by session: Session) throws -> Ticket {
        try session.write(.workBillingTickets) { db in
            try setStatus(db, Self.worked(db, id: id, expectedVersion: expectedVersion, by: session), status, pendingUntil: pendingUntil, by: session)
        }
    }

    /// Changes the priority, and with it the SLA deadlines (still counted
    /// from the ticket's creation).
    @discardableResult
    public func setPriority(id: Int64, _ priority: TicketPriority, expectedVersion: Int, by session: Session) throws -> Ticket {
        try session.write(.workBillingTickets) { db in
            try setPriority(db, Self.worked(db, id: id, expectedVersion: expectedVersion, by: session), priority, by: session)
        }
    }

    /// Adds a message to the thread (see `Ticket.receiving` for how it moves
    /// the status and the SLA). A reply is also queued to the customer by
    /// mail (`TicketMail.enqueueReply`); `KontorDatabase.mail.log(ofTicket:)`
    /// says what became of it.
    ///
    /// Replies and notes are signed by the session's member of staff. A
    /// customer message is signed with the ticket's contact, else the
    /// customer; `authorName` overrides that ("Frau Weber, by phone").
    @discardableResult
    public func addMessage(to id: Int64, kind: TicketMessageKind, body: String, authorName: String? = nil,
                           expectedVersion: Int, by session: Session) throws -> (ticket: Ticket, message: TicketMessage) {
        let body = TicketText.normalizedBody(body)
        if let problem = TicketText.bodyProblem(body) { throw Ticket.invalid("message", problem) }
        let override = authorName.map(TextFolding.trimmed).flatMap { $0.isEmpty ? nil : $0 }
        if let override, let problem = Self.authorProblem(override) { throw Ticket.invalid("author", problem) }
        let now = Timestamp.string(from: self.now())
        return try session.write(.workBillingTickets) { db in
            let old = try Self.worked(db, id: id, expectedVersion: expectedVersion, by: session)
            let new = try old.receiving(kind, at: now)
            let message: TicketMessage
            if kind == .customer {
                let author = try override ?? Self.customerAuthor(db, customerID: old.customerID, contactID: old.contactID)
                message = try Self.insertMessage(db, ticketID: id, kind: kind, authorStaffID: nil, authorName: author, body: body, at: now)
            } else {
                message = try Self.insertMessage(db, ticketID: id, kind: kind, authorStaffID: session.staff.id,
                                                 authorName: session.staff.fullName, body: body, at: now)
            }
            var extra: [Audit.Change] = [("message", nil, "\(kind.rawValue) \(message.id)")]
            // A reply goes to the customer by mail in this same transaction;
            // one that cannot go says why in the ticket's history. Notes never go.
            if kind == .reply,
               case let .notSent(reason) = try TicketMail.enqueueReply(db, ticket: old, message: message, actor: session.username, now: self.now()) {
                extra.append(("mail", nil, "reply \(message.id): \(reason.stored)"))
            }
            let ticket = try save(db, new, over: old, action: "message", by: session, force: true, extra: extra)
            return (ticket, message)
        }
    }

    // MARK: Shared by single and bulk changes

    /// What working a ticket needs: the front office's permission, or for
    /// a ticket in the billing queue, that of anyone at work.
    public static func permission(toWorkIn queue: String) -> Permission {
        queue == TicketText.billingQueue ? .workBillingTickets : .writeFrontOffice
    }

    /// The ticket as it is at `expectedVersion`, once the session's role may work it.
    static func worked(_ db: Database, id: Int64, expectedVersion: Int, by session: Session) throws -> Ticket {
        let ticket = try Ticket.current(db, id: id, expectedVersion: expectedVersion)
        try session.check(permission(toWorkIn: ticket.queue), db)
        return ticket
    }

    func assign(_ db: Database, _ old: Ticket, to staffID: Int64?, by session: Session) throws -> Ticket {
        try old.refuseIfMerged()
        if let staffID, staffID != old.assigneeID {
            guard try Bool.fetchOne(db, sql: "SELECT active FROM staff WHERE id = ?", arguments: [staffID]) == true else {
                throw Ticket.invalid("assignee", tr("must be an active member of staff"))
            }
        }
        var new = old
        new.assigneeID = staffID
        return try save(db, new, over: old, action: "assign", by: session)
    }

    func setStatus(_ db: Database, _ old: Ticket, _ status: TicketStatus, pendingUntil: Date?, by session: Session) throws -> Ticket {
        let new = try old.changingStatus(to: status, pendingUntil: pendingUntil, now: now())
        return try save(db, new, over: old, action: "status", by: session)
    }

    func setPriority(_ db: Database, _ old: Ticket, _ priority: TicketPriority, by session: Session) throws -> Ticket {
        try old.refuseIfMerged()
        var new = old
        new.priority = priority
        return try save(db, new, over: old, action: "priority", by: session)
    }

    /// Writes `new` over `old`, its SLA columns recomputed, bumping the
    /// version, and records every audited field that changed (after
    /// `extra`). When nothing changed and `force` is false, nothing is
    /// written and `old` is returned: repeating an action is harmless, and
    /// a bulk change does not touch the tickets already as asked.
    func save(_ db: Database, _ new: Ticket, over old: Ticket, action: String, by session: Session,
              force: Bool = false, extra: [Audit.Change] = []) throws -> Ticket {
        try save(db, new, over: old, action: action, actor: session.username, force: force, extra: extra)
    }

    /// `save` for a change no member of staff makes (mail coming in): signed
    /// by `actor`.
    func save(_ db: Database, _ new: Ticket, over old: Ticket, action: String, actor: String,
              force: Bool = false, extra: [Audit.Change] = []) throws -> Ticket {
        let new = new.withSLA()
        guard force || new != old else { return old }
        try db.execute(sql: """
            UPDATE tickets SET subject = ?, contact_id = ?, queue = ?, status = ?, pending_until = ?, priority = ?,
                   assignee_id = ?, first_response_due = ?, resolution_due = ?, first_response_at = ?, resolved_at = ?,
                   sla_due = ?, merged_into_id = ?, tags = ?, version = version + 1, updated_at = ?, updated_by = ?
            WHERE id = ? AND version = ?
            """, arguments: [new.subject, new.contactID, new.queue, new.status.rawValue, new.pendingUntil, new.priority.rawValue,
                             new.assigneeID, new.firstResponseDue, new.resolutionDue, new.firstResponseAt, new.resolvedAt,
                             new.slaDue, new.mergedIntoID, new.tags, Timestamp.string(from: now()), actor,
                             old.id, old.version])
        guard db.changesCount == 1 else {
            // Only possible if `old` was read outside this transaction.
            let current = try Self.existing(db, id: old.id)
            throw KontorError.conflict(entity: "ticket", id: old.id, changedBy: current.updatedBy, changedAt: current.updatedAt)
        }
        try Audit.record(db, actor: actor, entity: "ticket", id: old.id, action: action,
                         changes: extra + Audit.differences(old.auditValues, new.auditValues))
        return try Self.existing(db, id: old.id)
    }

    static func insertMessage(_ db: Database, ticketID: Int64, kind: TicketMessageKind, authorStaffID: Int64?,
                              authorName: String, body: String, at now: String) throws -> TicketMessage {
        try db.execute(sql: """
            INSERT INTO ticket_messages (ticket_id, kind, author_staff_id, author_name, body, created_at)
            VALUES (?, ?, ?, ?, ?, ?)
            """, arguments: [ticketID, kind.rawValue, authorStaffID, authorName, body, now])
        return try TicketMessage.fetchOne(db, sql: "SELECT * FROM ticket_messages WHERE id = ?", arguments: [db.lastInsertedRowID])!
    }

    /// Who a customer message is from: the contact, else the customer's
    /// contact person, else the customer. Also checks that the customer
    /// exists and the contact is one of theirs.
    static func customerAuthor(_ db: Database, customerID: Int64, contactID: Int64?) throws -> String {
        guard let customer = try Row.fetchOne(db, sql: "SELECT name, contact_name FROM customers WHERE id = ?", arguments: [customerID]) else {
            throw Ticket.invalid("customer", tr("does not exist (it may have been deleted)"))
        }
        if let contactID {
            guard let contact = try Row.fetchOne(db, sql: "SELECT customer_id, name FROM contacts WHERE id = ?", arguments: [contactID]),
                  contact["customer_id"] as Int64 == customerID else {
                throw Ticket.invalid("contact", tr("is not a contact of this customer"))
            }
            return contact["name"]
        }
        let contactName: String = customer["contact_name"]
        return contactName.isEmpty ? customer["name"] : contactName
    }

    static func authorProblem(_ name: String) -> String? {
        if name.count > 120 { return tr("is too long: {0} characters, at most 120", name.count) }
        if name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { return tr("contains a control character") }
        return nil
    }
}
