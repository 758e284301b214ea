import Foundation
import GRDB

extension KontorDatabase {
    /// Ticket queries and changes.
    public var tickets: TicketRepository { TicketRepository(database: self) }

    /// The same, with the clock stopped at `date`: SLA deadlines, "breached"
    /// and timestamps are computed from it. For tests.
    func tickets(at date: Date) -> TicketRepository { TicketRepository(database: self, fixedNow: date) }
}

/// Reads tickets a window at a time and changes them with optimistic locking.
///
/// The queue uses keyset pagination on `(sla_due, id)` over the partial index
/// `tickets_queue`, which holds only tickets that need work: the next window
/// starts after the last row's key, so a page costs the same wherever it is
/// and resolved tickets, however many, are never read. No method here
/// returns a whole table.
public struct TicketRepository: Sendable {
    let database: KontorDatabase
    /// When set, the time every computation uses instead of the real clock.
    var fixedNow: Date?

    init(database: KontorDatabase, fixedNow: Date? = nil) {
        self.database = database
        self.fixedNow = fixedNow
    }

    func now() -> Date { fixedNow ?? Date() }

    // MARK: Records

    public func find(id: Int64) throws -> Ticket? {
        try database.read { db in try Self.fetch(db, id: id) }
    }

    /// The thread of a ticket, oldest first (messages merged in from other
    /// tickets take their place by when they were written).
    public func messages(of ticketID: Int64) throws -> [TicketMessage] {
        try database.read { db in
            try TicketMessage.fetchAll(db, sql: "SELECT * FROM ticket_messages WHERE ticket_id = ? ORDER BY id", arguments: [ticketID])
        }
    }

    // MARK: The queue

    /// Up to `limit` open tickets after `key` (from the most urgent when
    /// nil), most urgent first.
    public func page(_ query: TicketQueueQuery, after key: TicketQueueKey?, inclusive: Bool = false, limit: Int) throws -> [TicketSummary] {
        let (sql, arguments) = queuePage(query, after: key, inclusive: inclusive, limit: limit)
        return try database.read { db in try TicketSummary.fetchAll(db, sql: sql, arguments: arguments) }
    }

    private func queuePage(_ query: TicketQueueQuery, after key: TicketQueueKey?, inclusive: Bool, limit: Int) -> (String, StatementArguments) {
        var (sql, arguments) = queueFilter(query)
        if let key {
            sql += " AND (t.sla_due, t.id) \(inclusive ? ">=" : ">") (?, ?)"
            arguments += [key.slaDue, key.id]
        }
        sql += " ORDER BY t.sla_due, t.id LIMIT ?"
        arguments += [limit]
        return (TicketSummary.select + sql, arguments)
    }

    /// How SQLite reads a queue page (EXPLAIN QUERY PLAN details), so tests
    /// can make sure it walks an index rather than the table.
    func queuePlan(_ query: TicketQueueQuery, after key: TicketQueueKey?) throws -> [String] {
        let (sql, arguments) = queuePage(query, after: key, inclusive: false, limit: 50)
        return try database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] }
        }
    }

    /// Up to `limit` open tickets before `key` (the least urgent when nil),
    /// in queue order.
    public func page(_ query: TicketQueueQuery, before key: TicketQueueKey?, limit: Int) throws -> [TicketSummary] {
        var (sql, arguments) = queueFilter(query)
        if let key {
            sql += " AND (t.sla_due, t.id) < (?, ?)"
            arguments += [key.slaDue, key.id]
        }
        sql += " ORDER BY t.sla_due DESC, t.id DESC LIMIT ?"
        arguments += [limit]
        return try database.read { db in
            try TicketSummary.fetchAll(db, sql: TicketSummary.select + sql, arguments: arguments).reversed()
        }
    }

    /// How many open tickets the query matches, counting no further than
    /// `cap` (shown as "10 000+"), so a header never costs more than a page
    /// of that size.
    public func count(_ query: TicketQueueQuery, cap: Int = 10_000) throws -> Int {
        let (filter, arguments) = queueFilter(query)
        return try database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM (SELECT 1 FROM tickets t \(filter) LIMIT ?)", arguments: arguments + [cap])!
        }
    }

    /// The WHERE clause of a queue query. `sla_due IS NOT NULL` is what
    /// makes SQLite use the partial index: it holds exactly the open tickets.
    /// The status condition says the same again for the assignee index, so
    /// that "mine" reads only the assignee's open tickets, not their history.
    private func queueFilter(_ query: TicketQueueQuery) -> (String, StatementArguments) {
        var sql = " WHERE t.sla_due IS NOT NULL AND t.status IN (\(TicketStatus.openSQL))"
        var arguments: StatementArguments = []
        switch query.assignee {
        case .anyone: break
        case let .staff(id):
            sql += " AND t.assignee_id = ?"
            arguments += [id]
        case .nobody:
            sql += " AND t.assignee_id IS NULL"
        }
        if let status = query.status {
            sql += " AND t.status = ?"
            arguments += [status.rawValue]
        }
        if query.breachedOnly {
            sql += " AND t.sla_due < ?"
            arguments += [Timestamp.string(from: now())]
        }
        if let queue = query.queue {
            sql += " AND t.queue = ?"
            arguments += [queue]
        }
        return (sql, arguments)
    }

    // MARK: Per customer

    /// A customer's tickets, newest first, `limit` at a time: pass the last
    /// row's id as `before` for the next window.
    public func page(ofCustomer customerID: Int64, openOnly: Bool = false, before id: Int64? = nil, limit: Int) throws -> [TicketSummary] {
        var sql = " WHERE t.customer_id = ?"
        var arguments: StatementArguments = [customerID]
        if openOnly { sql += " AND t.status IN (\(TicketStatus.openSQL))" }
        if let id {
            sql += " AND t.id < ?"
            arguments += [id]
        }
        sql += " ORDER BY t.id DESC LIMIT ?"
        arguments += [limit]
        return try database.read { db in try TicketSummary.fetchAll(db, sql: TicketSummary.select + sql, arguments: arguments) }
    }

    /// How many tickets need work (new, open or pending) for each of these
    /// customers, for a column in the customer list. Customers without any
    /// are left out. One query over the `tickets_by_customer` index, whose
    /// `(customer_id, status)` entries answer it without reading a ticket.
    public func openCounts(forCustomers ids: [Int64]) throws -> [Int64: Int] {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids))
        let placeholders = Array(repeating: "?", count: unique.count).joined(separator: ",")
        return try database.read { db in
            let rows = try Row.fetchAll(db, sql: """
                SELECT customer_id, count(*) FROM tickets
                WHERE customer_id IN (\(placeholders)) AND status IN (\(TicketStatus.openSQL))
                GROUP BY customer_id
                """, arguments: StatementArguments(unique))
            return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as Int) })
        }
    }

    // MARK: Shared

    static func fetch(_ db: Database, id: Int64) throws -> Ticket? {
        try Ticket.fetchOne(db, sql: "SELECT * FROM tickets WHERE id = ?", arguments: [id])
    }

    /// The ticket as it is now; `.notFound` when there is none.
    static func existing(_ db: Database, id: Int64) throws -> Ticket {
        guard let ticket = try fetch(db, id: id) else { throw KontorError.notFound(entity: "ticket", id: id) }
        return ticket
    }

    /// The ticket as it is now, if nobody saved it since `expectedVersion`;
    /// otherwise `.conflict` naming who did.
    static func current(_ db: Database, id: Int64, expectedVersion: Int) throws -> Ticket {
        try existing(db, id: id).checked(version: expectedVersion, entity: "ticket", id: id)
    }
}
