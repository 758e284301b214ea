import GRDB

/// The invoice list sorted by a column the person chose instead of its
/// view's own order: the issue date (`invoices_by_issued`), the due date
/// (`invoices_by_due`) or the gross amount (`invoices_by_gross`), each
/// paged by (value, id). A draft has neither date yet: it sorts as an
/// empty date, before every issued one.
///
/// A view or search of at most `sortNarrowLimit` invoices (drafts, the
/// cancelled, a customer's) is collected through its own index and sorted
/// once in memory; more are found by walking the column's index in
/// order, keeping the rows that match, as a broad search walks the list.
///
/// Number, customer, paid and status only where the view or search
/// leaves few invoices: each would want an index of its own to be walked
/// for a whole list that has its order already (the newest first); the
/// customer as printed is a choice of two columns. A list of more keeps
/// its own order (`refusedSort`).
extension InvoiceRepository {
    /// The columns the list may be sorted by at any size.
    public static let sortableColumns = ["issued", "due", "gross"]

    /// The columns the list may be sorted by while it holds at most
    /// `sortNarrowLimit` invoices (see `PreparedInvoiceQuery.sortsEveryColumn`).
    public static let sortableWhenFew = ["number", "customer", "paid", "status"]

    static let sortNarrowLimit = 5_000

    static let createSortIndexes = """
        CREATE INDEX invoices_by_issued ON invoices (ifnull(issue_date, ''), id);
        CREATE INDEX invoices_by_due ON invoices (ifnull(due_date, ''), id);
        CREATE INDEX invoices_by_gross ON invoices (gross_cents, id);
        """

    /// The column's order and the index that holds it (nil for a column
    /// sorted only in memory). The number as printed (drafts, without
    /// one, first), the customer as printed and as a person reads it,
    /// the status in its course.
    static func order(_ sort: ListSort?) -> (order: ColumnOrder, index: String?)? {
        guard let sort else { return nil }
        let expression: String, index: String?
        switch sort.column {
        case "issued": (expression, index) = ("ifnull(i.issue_date, '')", "invoices_by_issued")
        case "due": (expression, index) = ("ifnull(i.due_date, '')", "invoices_by_due")
        case "gross": (expression, index) = ("i.gross_cents", "invoices_by_gross")
        case "number": (expression, index) = ("ifnull(i.number, '')", nil)
        case "customer":
            let printed = "(CASE WHEN i.buyer_name <> '' THEN i.buyer_name ELSE (SELECT c.name FROM customers c WHERE c.id = i.customer_id) END)"
            (expression, index) = (SQLiteSpecific.sortFolded(printed), nil)
        case "paid": (expression, index) = ("i.paid_cents", nil)
        case "status": (expression, index) = ("(CASE i.status WHEN 'draft' THEN 0 WHEN 'issued' THEN 1 WHEN 'paid' THEN 2 ELSE 3 END)", nil)
        default: return nil
        }
        return (ColumnOrder(expression: expression, idColumn: "i.id", descending: sort.descending), index)
    }

    /// `prepared` sorted by its query's column: the same invoices, a plan
    /// that reads them in that order; as it was, saying so, when they are
    /// too many for a column without an index.
    func sorted(_ prepared: PreparedInvoiceQuery) throws -> PreparedInvoiceQuery {
        guard let (order, index) = Self.order(prepared.query.sort) else { return prepared }
        let view = Self.condition(prepared.query)
        let plan: PreparedInvoiceQuery.Plan
        switch prepared.plan {
        case .all:
            if prepared.sortsEveryColumn {
                plan = .sortedKeys(try sortedKeys(view, order))
            } else {
                guard index != nil else { return prepared.refusing(prepared.query.sort) }
                plan = .sortedWalk(view)
            }
        case let .keys(keys):
            guard index != nil || prepared.sortsEveryColumn else { return prepared.refusing(prepared.query.sort) }
            plan = .sortedKeys(try sortedKeys("i.id IN (\(SQLiteSpecific.idList(keys.map(\.id))))", order))
        case let .walk(walk):
            guard index != nil else { return prepared.refusing(prepared.query.sort) }
            plan = .sortedWalk("\(view) AND (\(Self.walkMatch(walk)))")
        case .sortedKeys, .sortedWalk:
            return prepared
        }
        var sorted = prepared
        sorted.plan = plan
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
            guard let index else { return [] }
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
            guard let index else { return [] }
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
        guard let (order, index) = Self.order(query.sort), let index else { return [] }
        return try database.read { db in
            try SQLiteSpecific.queryPlan(db, walk(Self.condition(query), order, index, from: nil, forward: true, limit: 50))
        }
    }
}
