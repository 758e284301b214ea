import KontorLocale
import GRDB

/// A change just made that its maker may take back for a short while: a
/// deal's stage move, a ticket's assignment, status or priority, a
/// customer archived, a product deactivated. Each step remembers the
/// record as it was before and the version the change left it at.
///
/// Taking it back is a change of its own: it checks the role as any
/// change does, runs in one transaction for every record the change
/// touched, is refused when anyone saved one of them since (the version
/// tells), and is written to the audit log with the action `undo`. What
/// cannot be undone this way (an invoice issued, a payment booked, a
/// colleague deactivated) never gets one: the business keeps those, or
/// corrects them by a record of their own (a credit note).
public struct Undoable: Sendable {
    /// What is undone, in a few words: "“Wartung 2027” back to Proposal",
    /// in the language of the moment it is read (the person may have
    /// changed it since the change was made).
    public var summary: String { words() }
    private let words: @Sendable () -> String
    let steps: [Step]

    init(words: @escaping @Sendable () -> String, steps: [Step]) {
        self.words = words
        self.steps = steps
    }

    /// The kind of record a change touched and their ids, for the screen
    /// to put its cursor on what came back.
    public enum Subject: Equatable, Sendable {
        case deal(Int64), tickets([Int64]), customer(Int64), product(Int64)
    }

    public var subject: Subject? {
        switch steps.first {
        case let .deal(before, _): return .deal(before.id)
        case .ticket: return .tickets(steps.compactMap { if case let .ticket(before, _) = $0 { return before.id } else { return nil } })
        case let .customerArchived(id, _, _): return .customer(id)
        case let .productActive(before, _): return .product(before.id)
        case nil: return nil
        }
    }

    enum Step: Sendable {
        case deal(before: Deal, version: Int)
        case ticket(before: Ticket, version: Int)
        case customerArchived(id: Int64, archived: Bool, version: Int)
        case productActive(before: Product, version: Int)
    }

    /// A deal moved from one stage to another (`>`, `<`, lost).
    public static func stageMove(from before: Deal, to after: Deal) -> Undoable {
        Undoable(words: { tr("“{0}” back to {1}", before.title, before.stage.displayName) }, steps: [.deal(before: before, version: after.version)])
    }

    /// Tickets assigned, or their status or priority changed: each back as
    /// it was before. Tickets the change left as they were are left out;
    /// nil when it changed none.
    public static func ticketChange(from before: [Ticket], to after: [Ticket]) -> Undoable? {
        let changed = Dictionary(after.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let pairs = before.compactMap { old in changed[old.id].flatMap { $0.version == old.version ? nil : (old, $0) } }
        // A version further on than this change's own: someone else saved
        // in between, and their change is not this one's to take back.
        guard let first = pairs.first, pairs.allSatisfy({ $0.1.version == $0.0.version + 1 }) else { return nil }
        let assignment = pairs.contains { $0.0.assigneeID != $0.1.assigneeID }
        let status = pairs.contains { $0.0.status != $0.1.status || $0.0.pendingUntil != $0.1.pendingUntil }
        let priority = pairs.contains { $0.0.priority != $0.1.priority }
        let (count, firstID) = (pairs.count, first.0.id)
        return Undoable(words: {
            let what = [(assignment, tr("assignment")), (status, tr("status")), (priority, tr("priority"))].filter(\.0).map(\.1)
            let whose = count == 1 ? "#\(firstID)" : Wording.count(count, one: "{0} ticket", other: "{0} tickets")
            return tr("{0} of {1}", what.isEmpty ? tr("change") : what.joined(separator: tr(" and ")), whose)
        }, steps: pairs.map { .ticket(before: $0.0, version: $0.1.version) })
    }

    /// A customer archived or restored.
    public static func archiving(from before: Customer, to after: Customer) -> Undoable {
        Undoable(words: { before.archived ? tr("“{0}” archived again", after.name) : tr("“{0}” restored", after.name) },
                 steps: [.customerArchived(id: before.id, archived: before.archived, version: after.version)])
    }

    /// A product deactivated or activated again.
    public static func activation(from before: Product, to after: Product) -> Undoable {
        Undoable(words: { before.fields.active ? tr("“{0}” active again", after.fields.name) : tr("“{0}” inactive again", after.fields.name) },
                 steps: [.productActive(before: before, version: after.version)])
    }
}

extension KontorDatabase {
    /// Takes a change back (see `Undoable`): all of it or, when anyone
    /// saved one of its records since, none of it.
    public func undo(_ change: Undoable, by session: Session) throws {
        try write { db in
            for step in change.steps { try undo(step, db, by: session) }
        }
    }

    private func undo(_ step: Undoable.Step, _ db: Database, by session: Session) throws {
        switch step {
        case let .deal(before, version):
            try session.check(.writeFrontOffice, db)
            let now = try Deal.current(db, id: before.id, expectedVersion: version)
            if let invoiceID = now.invoiceID, before.stage != .won {
                throw KontorError.rule(tr("the deal “{0}” was invoiced since ({1}) and stays won", now.title, try DealRepository.invoiceName(db, invoiceID)))
            }
            let planned = before.fields.expectedClose.isEmpty ? nil : before.fields.expectedClose
            try db.execute(sql: """
                UPDATE deals SET stage = ?, lost_reason = ?, closed_at = ?, probability = ?, expected_close = ?,
                       version = version + 1, updated_at = ?, updated_by = ?
                WHERE id = ?
                """, arguments: [before.stage.rawValue, before.lostReason, before.closedAt, before.fields.probability, planned,
                                 Timestamp.now(), session.username, before.id])
            try Audit.record(db, session: session, entity: "deal", id: before.id, action: "undo", changes: Audit.differences(
                ["stage": now.stage.rawValue, "lost_reason": now.lostReason, "closed_at": now.closedAt, "probability": now.fields.probability.map(String.init),
                 "expected_close": now.fields.expectedClose.isEmpty ? nil : now.fields.expectedClose],
                ["stage": before.stage.rawValue, "lost_reason": before.lostReason, "closed_at": before.closedAt,
                 "probability": before.fields.probability.map(String.init), "expected_close": planned]))
        case let .ticket(before, version):
            let now = try TicketRepository.worked(db, id: before.id, expectedVersion: version, by: session)
            _ = try tickets.save(db, before, over: now, action: "undo", by: session, force: true)
        case let .customerArchived(id, archived, version):
            try session.check(.writeFrontOffice, db)
            let now = try Customer.current(db, id: id, expectedVersion: version)
            try db.execute(sql: "UPDATE customers SET archived = ?, version = version + 1, updated_at = ?, updated_by = ? WHERE id = ?",
                           arguments: [archived, Timestamp.now(), session.username, id])
            try Audit.record(db, session: session, entity: "customer", id: id, action: "undo",
                             changes: [("archived", now.archived ? "1" : "0", archived ? "1" : "0")])
        case let .productActive(before, version):
            try session.check(.writeBackOffice, db)
            let now = try Product.current(db, id: before.id, expectedVersion: version)
            var fields = now.fields
            fields.active = before.fields.active
            try ProductRepository.update(db, now, to: fields, action: "undo", by: session)
        }
    }
}
