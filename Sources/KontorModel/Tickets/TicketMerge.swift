import KontorLocale
import GRDB

extension TicketRepository {
    /// Merges a duplicate ticket into the one that carries on (the
    /// survivor): every message moves over, marked with where it came from,
    /// and the duplicate is closed pointing at the survivor, so its number
    /// still leads somewhere.
    ///
    /// Refused into itself, into a closed or merged ticket (its thread would
    /// be buried where nobody works), and across customers (one customer's
    /// messages must never show on another's ticket). `survivorVersion` may
    /// be nil when the survivor was picked by number rather than opened.
    /// Returns the survivor.
    @discardableResult
    public func merge(_ id: Int64, into survivorID: Int64, expectedVersion: Int, survivorVersion: Int? = nil,
                      by session: Session) throws -> Ticket {
        guard id != survivorID else { throw KontorError.rule(tr("ticket {0} cannot be merged into itself", id)) }
        return try session.write(.writeFrontOffice) { db in
            let old = try Ticket.current(db, id: id, expectedVersion: expectedVersion)
            let survivor = try survivorVersion.map { try Ticket.current(db, id: survivorID, expectedVersion: $0) }
                ?? Self.existing(db, id: survivorID)
            try old.refuseIfMerged()
            if let further = survivor.mergedIntoID {
                throw KontorError.rule(tr("ticket {0} was itself merged into ticket {1}; merge into that one instead", survivorID, further))
            }
            guard survivor.status != .closed else {
                throw KontorError.rule(tr("ticket {0} is closed; reopen it first, or merge into an open ticket", survivorID))
            }
            guard old.customerID == survivor.customerID else {
                throw KontorError.rule(tr("ticket {0} and ticket {1} belong to different customers and cannot be merged", id, survivorID))
            }
            // A message that already came over in an earlier merge keeps
            // naming the ticket it was first written on.
            try db.execute(sql: """
                UPDATE ticket_messages SET ticket_id = ?, moved_from_id = coalesce(moved_from_id, ?) WHERE ticket_id = ?
                """, arguments: [survivorID, id, id])
            let moved = db.changesCount

            var closed = old
            closed.status = .closed
            closed.pendingUntil = nil
            closed.mergedIntoID = survivorID
            _ = try save(db, closed, over: old, action: "merge", by: session, force: true,
                         extra: [("messages_moved", nil, String(moved))])

            // The survivor's thread now holds the duplicate's replies too:
            // the customer was first answered at the earlier of the two, and
            // an answered ticket is no longer new.
            var kept = survivor
            kept.firstResponseAt = [survivor.firstResponseAt, old.firstResponseAt].compactMap { $0 }.min()
            if kept.status == .new, kept.firstResponseAt != nil { kept.status = .open }
            return try save(db, kept, over: survivor, action: "merge", by: session, force: true,
                            extra: [("merged_from_id", nil, String(id)), ("messages_moved", nil, String(moved))])
        }
    }
}
