import GRDB

/// The invoice list sorted by a column the person chose instead of its
/// view's own order: the issue date (`invoices_by_issued`), the due date
/// (`invoices_by_due`) or the gross amount (`invoices_by_gross`), each
/// paged by (value, id). A draft has neither date yet: it sorts as an
/// empty date, before every issued one. Number, customer, paid and status
/// are not sorted by: the number is the list's own order (newest first),
/// the customer as printed is a choice of two columns, and paid and status
/// have no index worth its upkeep.
///
/// A view or search of at most `sortNarrowLimit` invoices (drafts, the
/// cancelled, a customer's) is collected through its own index and sorted
/// once in memory; more are found by walking the column's index in
/// order, keeping the rows that match, as a broad search walks the list.
extension InvoiceRepository {
    /// The columns the list may be sorted by.
    public static let sortableColumns = ["issued", "due", "gross"]

    static let sortNarrowLimit = 5_000

    static let createSortIndexes = """
        CREATE INDEX invoices_by_issued ON invoices (ifnull(issue_date, ''), id);
        CREATE INDEX invoices_by_due ON invoices (ifnull(due_date, ''), id);
        CREATE INDEX invoices_by_gross ON invoices (gross_cents, id);
        """

    /// The column's order and the index that holds it.
    static func order(_ sort: ListSort?) -> (order: ColumnOrder, index: String)? {
        guard let sort else { return nil }
        let expression: String, index: String
        switch sort.column {
        case "issued": (expression, index) = ("ifnull(i.issue_date, '')", "invoices_by_issued")
        case "due": (expression, index) = ("ifnull(i.due_date, '')", "invoices_by_due")
        case "gross": (expression, index) = ("i.gross_cents", "invoices_by_gross")
        default: return nil
        }
        return (ColumnOrder(expression: expression, idColumn: "i.id", descending: sort.descending), index)
    }

    /// `prepared` sorted by its query's column: the same invoices, a plan that reads them in that order.
    func sorted(_ prepared: PreparedInvoiceQuery) throws -> PreparedInvoiceQuery {
        guard let (order, _) = Self.order(prepared.query.sort) else { return prepared }
        let view = Self.condition(prepared.query)
        let plan: PreparedInvoiceQuery.Plan
        switch prepared.plan {
        case .all:
            let few = (prepared.totals?.count ?? Int.max) <= Self.sortNarrowLimit
            plan = few ? .sortedKeys(try sortedKeys(view, order)) : .sortedWalk(view)
        case let .keys(keys):
            plan = .sortedKeys(try sortedKeys("i.id IN (\(SQLiteSpecific.idList(keys.map(\.id))))", order))
        case let .walk(walk):
            plan = .sortedWalk("\(view) AND (\(Self.walkMatch(walk)))")
        case .sortedKeys, .sortedWalk:
            return prepared
        }
        var sorted = PreparedInvoiceQuery(query: prepared.query, plan: plan, totals: prepared.totals)
        sorted.sort = prepared.query.sort
        return sorted
    }

    private func sortedKeys(_ condition: SQL, _ order: ColumnOrder) throws -> [InvoiceListKey] {
        try order.sorted(database.read { db in
            try Row.fetchAll(db, SQLRequest<Row>(literal: "SELECT \(sql: order.selected), i.id FROM invoices i WHERE \(condition)"))
                .map { InvoiceListKey(dueDate: "", id: $0["id"], value: $0.sortValue ?? .null) }
        })
    }

    func sortedPage(_ prepared: PreparedInvoiceQuery, after key: InvoiceListKey?, inclusive: Bool, limit: Int) throws -> [InvoiceSummary] {
        guard let (order, index) = Self.order(prepared.sort) else { return [] }
        let key = try key.map { try order.valued($0, from: "invoices i", in: database) }
        switch prepared.plan {
        case let .sortedKeys(keys):
            return try rows(for: KeyedPages.after(key, in: keys, inclusive: inclusive, limit: limit, precedes: order.precedes))
        case let .sortedWalk(filter):
            return try summaries(walk(filter, order, index, from: key, forward: true, inclusive: inclusive, limit: limit))
        default:
            return []
        }
    }

    func sortedPage(_ prepared: PreparedInvoiceQuery, before key: InvoiceListKey?, limit: Int) throws -> [InvoiceSummary] {
        guard let (order, index) = Self.order(prepared.sort) else { return [] }
        let key = try key.map { try order.valued($0, from: "invoices i", in: database) }
        switch prepared.plan {
        case let .sortedKeys(keys):
            return try rows(for: KeyedPages.before(key, in: keys, limit: limit, precedes: order.precedes))
        case let .sortedWalk(filter):
            return try summaries(walk(filter, order, index, from: key, forward: false, limit: limit)).reversed()
        default:
            return []
        }
    }

    private func summaries(_ request: SQL) throws -> [InvoiceSummary] {
        try database.read { db in try InvoiceSummary.fetchAll(db, SQLRequest<InvoiceSummary>(literal: request)) }
    }

    private func walk(_ filter: SQL, _ order: ColumnOrder, _ index: String, from key: InvoiceListKey?, forward: Bool,
                      inclusive: Bool = false, limit: Int) -> SQL {
        let invoices = SQLiteSpecific.table("invoices i", indexedBy: index)
        return order.keyset.page("SELECT \(sql: InvoiceSummary.columns), \(sql: order.selected) FROM \(sql: invoices) WHERE \(filter)",
                                 from: key.map { order.key($0.value, $0.id) }, forward: forward, inclusive: inclusive, limit: limit)
    }

    /// How SQLite reads a sorted walk's first page, for tests.
    func sortedWalkPlan(_ query: InvoiceQuery) throws -> [String] {
        guard let (order, index) = Self.order(query.sort) else { return [] }
        return try database.read { db in
            try SQLiteSpecific.queryPlan(db, walk(Self.condition(query), order, index, from: nil, forward: true, limit: 50))
        }
    }
}
