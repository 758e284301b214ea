import GRDB

/// The queue sorted by a column the person chose instead of by SLA.
///
/// Only the priority is: over `tickets_by_urgency`, an index of open
/// tickets on the priority (as a digit, urgent first) followed by the next
/// deadline, so that "Prio ▼" lists the urgent tickets first and, among
/// them, the one due soonest, and "Prio ▲" is that list backwards. The
/// other columns are not sorted by: number, subject, customer, status and
/// assignee would each want an index of their own for a list that has its
/// order already (the SLA's).
///
/// A view or search that leaves few tickets (mine, pending, one queue,
/// a narrow search) is collected through its own index and sorted once in
/// memory, as a narrow search is; walking the urgency index for it would
/// read every open ticket to find a few. Many are found by walking the
/// urgency index in order, keeping the rows that match.
extension TicketRepository {
    /// The columns the queue may be sorted by.
    public static let sortableColumns = ["priority"]

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

    /// "Prio ▼" (falling, urgent first) is the urgency rising.
    static func order(_ sort: ListSort?) -> ColumnOrder? {
        guard let sort, sort.column == "priority" else { return nil }
        return ColumnOrder(expression: urgency, idColumn: "t.id", descending: !sort.descending)
    }

    /// `search` sorted by `sort`: the same tickets, a plan that reads them in that order.
    func sorted(_ search: PreparedTicketSearch, by sort: ListSort?) throws -> PreparedTicketSearch {
        guard let order = Self.order(sort) else { return search }
        let plan: PreparedTicketSearch.Plan
        switch search.plan {
        case .all:
            let view = queueCondition(search.query)
            // The search counted the queue already; again only past its cap.
            let counted = search.count.flatMap { search.isCountCapped ? nil : $0 }
            let few = try (counted ?? count(search.query, cap: Self.sortNarrowLimit + 1)) <= Self.sortNarrowLimit
            plan = few ? .sortedKeys(try sortedKeys(view, order)) : .sortedWalk(view)
        case let .keys(keys):
            plan = .sortedKeys(try sortedKeys("t.id IN (\(SQLiteSpecific.idList(keys.map(\.id))))", order))
        case let .scan(filter):
            plan = .sortedWalk(filter)
        case .sortedKeys, .sortedWalk:
            return search
        }
        var sorted = PreparedTicketSearch(query: search.query, text: search.text, plan: plan, count: search.count,
                                          isCountCapped: search.isCountCapped)
        sorted.sort = sort
        return sorted
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
