import GRDB

/// Keyset paging over SQL: a list ordered by a few columns is read a window
/// at a time from the key of the row where the last window ended, so a page
/// costs the same wherever it is in the list.
///
/// Written once here for every list: the row-value comparison that bounds a
/// window and the ORDER BY that reads it (against the list's order when
/// paging back, nearest row first, for the caller to reverse).
struct Keyset {
    /// The ordering expressions, in list order ("t.sla_due", "t.id").
    var columns: [String]
    /// Whether the list shows the columns' largest values first.
    var descending = false

    init(_ columns: String..., descending: Bool = false) {
        self.columns = columns
        self.descending = descending
    }

    init(columns: [String], descending: Bool) {
        self.columns = columns
        self.descending = descending
    }

    /// The bound (` AND (…) > (…)`, empty without a key) and the ORDER BY
    /// of a window that reads from `key` on: in list order when `forward`,
    /// against it otherwise. `key` holds the row's values of `columns`.
    func window(from key: [(any DatabaseValueConvertible)?]?, forward: Bool, inclusive: Bool = false) -> (bound: SQL, order: SQL) {
        let ascending = forward != descending
        var bound: SQL = ""
        if let key {
            let op = (ascending ? ">" : "<") + (inclusive ? "=" : "")
            let placeholders = Array(repeating: "?", count: key.count).joined(separator: ", ")
            bound = SQL(sql: " AND (\(columns.joined(separator: ", "))) \(op) (\(placeholders))", arguments: StatementArguments(key))
        }
        let direction = ascending ? "" : " DESC"
        let order = SQL(sql: " ORDER BY " + columns.map { $0 + direction }.joined(separator: ", "))
        return (bound, order)
    }

    /// `filter` (a query ending in a WHERE clause) narrowed to one window
    /// of `limit` rows from `key`.
    func page(_ filter: SQL, from key: [(any DatabaseValueConvertible)?]?, forward: Bool, inclusive: Bool = false, limit: Int) -> SQL {
        let (bound, order) = window(from: key, forward: forward, inclusive: inclusive)
        let tail: SQL = " LIMIT \(limit)"
        return filter + bound + order + tail
    }
}
