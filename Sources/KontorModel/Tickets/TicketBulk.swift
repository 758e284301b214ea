import Foundation
import GRDB

/// Changes to many tickets at once, from a selection in the queue.
///
/// All of them happen in one transaction: if any ticket cannot take the
/// change (it does not exist, was merged, cannot move to that status), none
/// changes, and the error names the ticket. No expected versions: the
/// person chose tickets from a list, not edited their contents, so each is
/// changed as it is when the transaction reads it. Tickets already as asked
/// are left untouched. Returns the tickets in the order given.
extension TicketRepository {
    @discardableResult
    public func assign(ids: [Int64], to staffID: Int64?, by session: Session) throws -> [Ticket] {
        try bulk(ids, by: session) { db, ticket in try assign(db, ticket, to: staffID, by: session) }
    }

    @discardableResult
    public func setStatus(ids: [Int64], _ status: TicketStatus, pendingUntil: Date? = nil, by session: Session) throws -> [Ticket] {
        try bulk(ids, by: session) { db, ticket in try setStatus(db, ticket, status, pendingUntil: pendingUntil, by: session) }
    }

    @discardableResult
    public func setPriority(ids: [Int64], _ priority: TicketPriority, by session: Session) throws -> [Ticket] {
        try bulk(ids, by: session) { db, ticket in try setPriority(db, ticket, priority, by: session) }
    }

    private func bulk(_ ids: [Int64], by session: Session, _ change: (Database, Ticket) throws -> Ticket) throws -> [Ticket] {
        var seen = Set<Int64>()
        let unique = ids.filter { seen.insert($0).inserted }
        return try session.write(.workBillingTickets) { db in
            try unique.map { id in
                let ticket = try Self.existing(db, id: id)
                try session.check(Self.permission(toWorkIn: ticket.queue), db)
                return try change(db, ticket)
            }
        }
    }
}
