/// A short list's query counted once, to decide its order: a column
/// without an index sorts the list while it holds at most a few thousand
/// rows (SQLite sorts them for each window, a few milliseconds); a list
/// of more keeps its own order, and says which order it did not take.
///
/// For the lists that are short in every office (products, staff); the
/// long ones (customers, tickets, invoices) decide the same when they
/// prepare their search.
public struct CountedListQuery<Query: Equatable & Sendable>: Equatable, Sendable {
    /// The query as its rows are read: the order asked for, unless refused.
    public let query: Query
    /// How many rows it finds.
    public let count: Int
    /// Whether it holds few enough rows for every column to sort it.
    public let sortsEveryColumn: Bool
    /// The order asked for that it did not take, for holding too many rows.
    public let refusedSort: ListSort?

    /// `asked` counted (`count` rows), its order `sort`, refused when it
    /// names one of `whenFew` and the list holds more than `limit` rows.
    init(_ asked: Query, sort: WritableKeyPath<Query, ListSort?>, count: Int, limit: Int, whenFew: [String]) {
        self.count = count
        sortsEveryColumn = count <= limit
        var query = asked
        if let chosen = asked[keyPath: sort], whenFew.contains(chosen.column), !sortsEveryColumn {
            refusedSort = chosen
            query[keyPath: sort] = nil
        } else {
            refusedSort = nil
        }
        self.query = query
    }
}
