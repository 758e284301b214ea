import GRDB

/// A list sorted by one of its columns, rising or falling: what a person
/// chose for a list, kept with their preferences as a short code ("city",
/// "-city"). nil in a query is the list's own order (name, SLA urgency,
/// newest first).
public struct ListSort: Hashable, Sendable {
    /// The column's stable name ("city"), the same in every language.
    public var column: String
    public var descending: Bool

    public init(_ column: String, descending: Bool = false) {
        self.column = column
        self.descending = descending
    }

    /// Read from its code; nil for an empty or malformed one.
    public init?(code: String) {
        let descending = code.hasPrefix("-")
        let column = descending ? String(code.dropFirst()) : code
        guard !column.isEmpty, column.allSatisfy({ $0.isLetter || $0 == "_" }) else { return nil }
        self.init(column, descending: descending)
    }

    /// "city" or "-city".
    public var code: String { (descending ? "-" : "") + column }
}

/// A value a list is sorted by, compared as SQLite compares it in the
/// column's index: NULL first, then numbers, then text (ASCII letters
/// without regard to case, as `COLLATE NOCASE`; the rest by bytes).
public enum SortValue: Hashable, Sendable, Comparable {
    case null
    case integer(Int64)
    case text(String)

    init(_ value: DatabaseValue) {
        switch value.storage {
        case let .int64(n): self = .integer(n)
        case let .double(d): self = .integer(Int64(d))
        case let .string(s): self = .text(s)
        case .null, .blob: self = .null
        }
    }

    var databaseValue: (any DatabaseValueConvertible)? {
        switch self {
        case .null: return nil
        case let .integer(n): return n
        case let .text(s): return s
        }
    }

    public static func < (a: SortValue, b: SortValue) -> Bool {
        switch (a, b) {
        case let (.integer(x), .integer(y)): return x < y
        case let (.text(x), .text(y)): return x.utf8.lazy.map(Self.lower).lexicographicallyPrecedes(y.utf8.lazy.map(Self.lower))
        default: return a.rank < b.rank
        }
    }

    private var rank: Int {
        switch self {
        case .null: return 0
        case .integer: return 1
        case .text: return 2
        }
    }

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
}

/// A list's order by a chosen column: keyset paging on (value, id) over
/// the column's index, the same wherever the window is. The column's SQL
/// is written as its index is (`city COLLATE NOCASE`), so that SQLite
/// walks that index instead of sorting the table.
struct ColumnOrder: Sendable {
    /// The value's SQL, as the index has it.
    var expression: String
    /// The table's id column ("id", "i.id").
    var idColumn = "id"
    var descending = false

    var keyset: Keyset { Keyset(columns: [expression, idColumn], descending: descending) }

    /// The value as a list row selects it, to page on from that row.
    var selected: String { "\(expression) AS sort_value" }

    func key(_ value: SortValue?, _ id: Int64) -> [(any DatabaseValueConvertible)?] {
        [(value ?? .null).databaseValue, id]
    }

    /// Whether `a` comes before `b` in this order: for keys sorted in memory.
    func precedes(_ a: (value: SortValue, id: Int64), _ b: (value: SortValue, id: Int64)) -> Bool {
        // Values equal to the index ("Berlin", "berlin") fall to the id.
        if a.value < b.value { return !descending }
        if b.value < a.value { return descending }
        return descending ? a.id > b.id : a.id < b.id
    }
}

/// A list's key that carries, in a list sorted by a chosen column, its
/// row's value of that column: what paging in that order starts from.
protocol ValuedListKey {
    var id: Int64 { get }
    var value: SortValue? { get set }
}

extension ColumnOrder {
    /// `sort`'s order, its column's SQL taken from `expressions` (by the
    /// column's name); nil for the list's own order or a column not there.
    init?(_ sort: ListSort?, _ expressions: [String: String], idColumn: String = "id") {
        guard let sort, let expression = expressions[sort.column] else { return nil }
        self.init(expression: expression, idColumn: idColumn, descending: sort.descending)
    }

    /// Whether key `a` comes before `b` in this order (a key without its
    /// value counts as NULL): for keys sorted and paged in memory.
    func precedes<Key: ValuedListKey>(_ a: Key, _ b: Key) -> Bool {
        precedes((a.value ?? .null, a.id), (b.value ?? .null, b.id))
    }

    /// Keys read in any order, in this order.
    func sorted<Key: ValuedListKey>(_ keys: [Key]) -> [Key] {
        keys.sorted(by: precedes)
    }

    /// `key` with its row's value of the column, read from `table` (named
    /// as `expression` and `idColumn` expect it: "invoices i") when the key
    /// comes without it: a row placed from a record just saved. NULL when
    /// the row is gone.
    func valued<Key: ValuedListKey>(_ key: Key, from table: String, in database: KontorDatabase) throws -> Key {
        guard key.value == nil else { return key }
        var key = key
        key.value = try database.read { db in
            try Row.fetchOne(db, sql: "SELECT \(selected) FROM \(table) WHERE \(idColumn) = ?", arguments: [key.id])?.sortValue
        } ?? .null
        return key
    }
}

extension Row {
    /// The `sort_value` a sorted list selected, nil when the list is in its own order.
    var sortValue: SortValue? {
        guard hasColumn("sort_value") else { return nil }
        return SortValue(self["sort_value"] as DatabaseValue)
    }
}
