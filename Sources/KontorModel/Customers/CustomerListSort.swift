import GRDB

/// The customer list sorted by a column the person chose: pages keyed by
/// (value, id) over the column's index, as the list's own order is over
/// the name's.
extension CustomerRepository {
    /// The columns the list may be sorted by, each over an index: the name
    /// (`customers_by_name`) and the city (`customers_by_city`). Contact,
    /// phone and country have none and are not sorted by; open tickets and
    /// balances are figures summed per row and cannot be.
    public static let sortableColumns = ["name", "city"]

    /// The order of a chosen column, as its index has it; nil for the list's own.
    static func order(_ sort: ListSort?) -> ColumnOrder? {
        switch sort?.column {
        case "name": return ColumnOrder(expression: "sort_key", descending: sort!.descending)
        case "city": return ColumnOrder(expression: "city COLLATE NOCASE", descending: sort!.descending)
        default: return nil
        }
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
