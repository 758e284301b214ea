import GRDB

/// The queue sorted by a column the person chose instead of by SLA.
///
/// The priority, at any size: over `tickets_by_urgency`, an index of open
/// tickets on the priority (as a digit, urgent first) followed by the next
/// deadline, so that "Prio ▼" lists the urgent tickets first and, among
/// them, the one due soonest, and "Prio ▲" is that list backwards.
///
/// Number, subject, customer, queue, status and assignee only where the
/// view or search leaves few tickets (`sortNarrowLimit`: mine, pending, one
/// queue, a narrow search): their keys are collected with the column's
/// value and sorted once in memory. Each would want an index of its own
/// to be walked in order for a whole queue that has its order already
/// (the SLA's); a list of more is shown in SLA order (`refusedSort`).
///
/// A view or search that leaves few tickets (mine, pending, one queue,
/// a narrow search) is collected through its own index and sorted once in
/// memory, as a narrow search is; walking the urgency index for it would
/// read every open ticket to find a few. Many are found by walking the
/// urgency index in order, keeping the rows that match.
extension TicketRepository {
    /// The columns the queue may be sorted by, at any size.
    public static let sortableColumns = ["priority"]

    /// The columns the queue may be sorted by while it holds at most
    /// `sortNarrowLimit` tickets (see `PreparedTicketSearch.sortsEveryColumn`).
    public static let sortableWhenFew = ["number", "subject", "customer", "queue", "status", "assignee"]

    /// Up to this many tickets are collected and sorted in memory.
    static let sortNarrowLimit = 5_000

    /// The urgency as `tickets_by_urgency` has it: the same expression,
    /// so that SQLite walks that index.
    static let urgency = "(CASE t.priority WHEN 'urgent' THEN '0' WHEN 'high' THEN '1' WHEN 'normal' THEN '2' ELSE '3' END || t.sla_due)"

    static let createUrgencyIndex = """
        CREATE INDEX tickets_by_urgency ON tickets
            ((CASE priority WHEN 'urgent' THEN '0' WHEN 'high' THEN '1' WHEN 'normal' THEN '2' ELSE '3' END || sla_due), id)
            WHERE sla_due IS NOT NULL
        """

    /// "Prio ▼" (falling, urgent first) is the urgency rising. The other
    /// columns as a person reads them: the customer by its list's order,
    /// words without regard to case or umlauts, statuses in their course.
    static func order(_ sort: ListSort?) -> ColumnOrder? {
        guard let sort else { return nil }
        let expression: String
        switch sort.column {
        case "priority": return ColumnOrder(expression: urgency, idColumn: "t.id", descending: !sort.descending)
        case "number": expression = "t.id"
        case "subject": expression = SQLiteSpecific.sortFolded("t.subject")
        case "customer": expression = "(SELECT c.sort_key FROM customers c WHERE c.id = t.customer_id)"
        case "queue": expression = "t.queue"
        case "status": expression = "(CASE t.status WHEN 'new' THEN 0 WHEN 'open' THEN 1 ELSE 2 END)"
        case "assignee": expression = "(SELECT \(SQLiteSpecific.sortFolded("s.full_name")) FROM staff s WHERE s.id = t.assignee_id)"
        default: return nil
        }
        return ColumnOrder(expression: expression, idColumn: "t.id", descending: sort.descending)
    }

    /// `search` sorted by `sort`: the same tickets, a plan that reads them
    /// in that order; as it was when there are too many for that column.
    func sorted(_ search: PreparedTicketSearch, by sort: ListSort?) throws -> PreparedTicketSearch {
        guard let order = Self.order(sort) else { return search }
        let walks = Self.sortableColumns.contains(sort!.column)
        var search = search
        let plan: PreparedTicketSearch.Plan
        switch search.plan {
        case .all:
            let view = queueCondition(search.query)
            guard try search.isFew(self) else {
                guard walks else { return search.refusing(sort) }
                plan = .sortedWalk(view)
                break
            }
            plan = .sortedKeys(try sortedKeys(view, order))
        case let .keys(keys):
            plan = .sortedKeys(try sortedKeys("t.id IN (\(SQLiteSpecific.idList(keys.map(\.id))))", order))
        case let .scan(filter, _):
            guard walks else { return search.refusing(sort) }
            plan = .sortedWalk(filter)
        case .sortedKeys, .sortedWalk:
            return search
        }
        search.plan = plan
        search.sort = sort
        return search
    }

    /// The keys of the tickets `condition` finds, with their urgency, in `order`.
    private func sortedKeys(_ condition: SQL, _ order: ColumnOrder) throws -> [TicketQueueKey] {
        try order.sorted(database.read { db in
            try Row.fetchAll(db, SQLRequest<Row>(literal: "SELECT \(sql: order.selected), t.id, t.sla_due FROM tickets t WHERE \(condition)"))
                .map { TicketQueueKey(slaDue: $0["sla_due"], id: $0["id"], value: $0.sortValue ?? .null) }
        })
    }

    func sortedPage(_ search: PreparedTicketSearch, after key: TicketQueueKey?, inclusive: Bool, limit: Int) throws -> [TicketSummary] {
        guard let order = Self.order(search.sort) else { return [] }
        let key = try key.map { try order.valued($0, from: "tickets t", in: database) }
        switch search.plan {
        case let .sortedKeys(keys):
            return try rows(for: KeyedPages.after(key, in: keys, inclusive: inclusive, limit: limit, precedes: order.precedes))
        case let .sortedWalk(filter):
            return try summaries(walk(filter, order, from: key, forward: true, inclusive: inclusive, limit: limit))
        default:
            return []
        }
    }

    func sortedPage(_ search: PreparedTicketSearch, before key: TicketQueueKey?, limit: Int) throws -> [TicketSummary] {
        guard let order = Self.order(search.sort) else { return [] }
        let key = try key.map { try order.valued($0, from: "tickets t", in: database) }
        switch search.plan {
        case let .sortedKeys(keys):
            return try rows(for: KeyedPages.before(key, in: keys, limit: limit, precedes: order.precedes))
        case let .sortedWalk(filter):
            return try summaries(walk(filter, order, from: key, forward: false, limit: limit)).reversed()
        default:
            return []
        }
    }

    private func walk(_ filter: SQL, _ order: ColumnOrder, from key: TicketQueueKey?, forward: Bool, inclusive: Bool = false,
                      limit: Int) -> SQL {
        let select = TicketSummary.selecting(from: SQLiteSpecific.table("tickets t", indexedBy: "tickets_by_urgency"), adding: order.selected)
        return order.keyset.page("\(sql: select) WHERE \(filter)", from: key.map { order.key($0.value, $0.id) }, forward: forward,
                                 inclusive: inclusive, limit: limit)
    }

    /// How SQLite reads a sorted walk's first page, for tests.
    func sortedWalkPlan(_ query: TicketQueueQuery, sort: ListSort) throws -> [String] {
        guard let order = Self.order(sort) else { return [] }
        return try database.read { db in try SQLiteSpecific.queryPlan(db, walk(queueCondition(query), order, from: nil, forward: true, limit: 50)) }
    }
}
