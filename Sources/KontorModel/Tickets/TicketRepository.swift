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
        try summaries(queuePage(query, from: key, forward: true, inclusive: inclusive, limit: limit))
    }

    /// Up to `limit` open tickets before `key` (the least urgent when nil),
    /// in queue order.
    public func page(_ query: TicketQueueQuery, before key: TicketQueueKey?, limit: Int) throws -> [TicketSummary] {
        try summaries(queuePage(query, from: key, forward: false, limit: limit)).reversed()
    }

    private func queuePage(_ query: TicketQueueQuery, from key: TicketQueueKey?, forward: Bool, inclusive: Bool = false,
                           limit: Int) -> SQL {
        TicketSummary.queueOrder.page("\(sql: TicketSummary.select) WHERE \(queueCondition(query))", from: key?.values,
                                      forward: forward, inclusive: inclusive, limit: limit)
    }

    /// How SQLite reads a queue page (EXPLAIN QUERY PLAN details), so tests
    /// can make sure it walks an index rather than the table.
    func queuePlan(_ query: TicketQueueQuery, after key: TicketQueueKey?) throws -> [String] {
        try database.read { db in try SQLiteSpecific.queryPlan(db, queuePage(query, from: key, forward: true, limit: 50)) }
    }

    /// How many open tickets the query matches, counting no further than
    /// `cap` (shown as "10 000+"), so a header never costs more than a page
    /// of that size.
    public func count(_ query: TicketQueueQuery, cap: Int = 10_000) throws -> Int {
        try database.read { db in
            try Int.fetchOne(db, SQLRequest<Int>(literal: """
                SELECT count(*) FROM (SELECT 1 FROM tickets t WHERE \(queueCondition(query)) LIMIT \(cap))
                """))!
        }
    }

    /// Which open tickets a queue query shows, as a condition over
    /// `tickets t`: the one queue filter, for the plain queue and its
    /// searches alike (see `TicketSummary.openCondition` for the indexes).
    func queueCondition(_ query: TicketQueueQuery) -> SQL {
        var condition = SQL(sql: TicketSummary.openCondition)
        switch query.assignee {
        case .anyone: break
        case let .staff(id): condition += " AND t.assignee_id = \(id)"
        case .nobody: condition += " AND t.assignee_id IS NULL"
        }
        if let status = query.status { condition += " AND t.status = \(status.rawValue)" }
        if query.breachedOnly { condition += " AND t.sla_due < \(Timestamp.string(from: now()))" }
        if let queue = query.queue { condition += " AND t.queue = \(queue)" }
        if let priority = query.priority { condition += " AND t.priority = \(priority.rawValue)" }
        if let age = query.age {
            // As the dashboard counts them: created within the bucket's days before now.
            if age.fromDays > 0 { condition += " AND t.created_at <= \(age.boundary(before: now()))" }
            if let next = TicketAge(rawValue: age.rawValue + 1) { condition += " AND t.created_at > \(next.boundary(before: now()))" }
        }
        return condition
    }

    func summaries(_ request: SQL) throws -> [TicketSummary] {
        try database.read { db in try TicketSummary.fetchAll(db, SQLRequest<TicketSummary>(literal: request)) }
    }

    // MARK: Per customer

    /// A customer's tickets, newest first, `limit` at a time: pass the last
    /// row's id as `before` for the next window.
    public func page(ofCustomer customerID: Int64, openOnly: Bool = false, before id: Int64? = nil, limit: Int) throws -> [TicketSummary] {
        var condition: SQL = "t.customer_id = \(customerID)"
        if openOnly { condition += " AND t.status IN (\(sql: TicketStatus.openSQL))" }
        return try summaries(Keyset("t.id", descending: true).page("\(sql: TicketSummary.select) WHERE \(condition)",
                                                                  from: id.map { [$0] }, forward: true, limit: limit))
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

}
