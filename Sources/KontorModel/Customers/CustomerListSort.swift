import GRDB

/// The customer list sorted by a column the person chose: pages keyed by
/// (value, id) over the column's index, as the list's own order is over
/// the name's; or, for a column without one, keys sorted once in memory
/// where the list holds few customers.
extension CustomerRepository {
    /// The columns the list may be sorted by at any size, each over an
    /// index: the name (`customers_by_name`) and the city
    /// (`customers_by_city`).
    public static let sortableColumns = ["name", "city"]

    /// The columns without an index, sorted in memory while the list (the
    /// whole of a small office's, or a filter's) holds at most
    /// `sortNarrowLimit` customers: among them the open tickets and the
    /// balance, figures summed per customer as the list's columns show
    /// them ("who owes most", "who waits on us most").
    public static let sortableWhenFew = ["contact", "phone", "country", "tickets", "open"]

    /// Up to this many customers are sorted by any column, in memory.
    public static let sortNarrowLimit = 5_000

    /// The order of a chosen column, as its index has it (or, without one,
    /// as a person reads it); nil for the list's own.
    static func order(_ sort: ListSort?) -> ColumnOrder? { ColumnOrder(sort, orders) }

    static let orders = [
        "name": "sort_key", "city": "city COLLATE NOCASE", "contact": SQLiteSpecific.sortFolded("contact_name"),
        "phone": "phone", "country": "country COLLATE NOCASE",
        "tickets": openTicketsSQL, "open": balanceSQL,
    ]

    /// A customer's tickets that need work, as the list's column counts
    /// them (`TicketRepository.openCounts`), from `tickets_by_customer`.
    static let openTicketsSQL = """
        (SELECT count(*) FROM tickets t WHERE t.customer_id = customers.id AND t.status IN (\(TicketStatus.openSQL)))
        """

    /// What a customer owes, as the list's column says it
    /// (`InvoiceRepository.balances`): its issued documents' open amounts
    /// and its open dunning fees; a credit below zero.
    static let balanceSQL = """
        (coalesce((SELECT sum(i.gross_cents - i.paid_cents) FROM invoices i WHERE i.customer_id = customers.id AND i.status <> 'draft'), 0)
         + coalesce((SELECT sum(f.amount_cents - f.paid_cents) FROM dunning_fees f
                     WHERE f.customer_id = customers.id AND f.paid_cents < f.amount_cents), 0))
        """

    /// Whether `sort` names a column that sorts only a short list.
    static func sortsOnlyFew(_ sort: ListSort?) -> Bool {
        sort.map { sortableWhenFew.contains($0.column) } ?? false
    }

    func precedes(_ order: ColumnOrder?) -> (CustomerListKey, CustomerListKey) -> Bool {
        guard let order else { return (<) }
        return { order.precedes($0, $1) }
    }

    /// A key with its row's value of the sorted column (see `ColumnOrder.valued`).
    func valued(_ key: CustomerListKey, _ order: ColumnOrder?) throws -> CustomerListKey {
        try order?.valued(key, from: "customers", in: database) ?? key
    }
}
