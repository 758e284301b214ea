import GRDB

/// How the deal list orders the deals of one stage.
public enum DealListOrder: String, CaseIterable, Sendable {
    /// Largest value first.
    case value
    /// Soonest expected close first, deals without a date last: the board's order.
    case close
    /// By the owner's name, each owner's deals by expected close; deals
    /// without an owner last.
    case owner

    public var displayName: String {
        switch self {
        case .value: return "value"
        case .close: return "close date"
        case .owner: return "owner"
        }
    }

    /// The order after this one, for a key that cycles through them.
    public var next: DealListOrder {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }
}

/// The list view's pages: one stage at a time, in any `DealListOrder`,
/// keyset-paged like the board so that a stage of 20 000 deals costs what
/// one of twenty does.
extension DealRepository {
    /// Up to `limit` deals of `stage` after `row` in `order` (from the top
    /// when nil), including `row` itself when `inclusive`.
    public func page(stage: DealStage, order: DealListOrder, after row: DealSummary?, inclusive: Bool = false,
                     limit: Int) throws -> [DealSummary] {
        guard limit > 0 else { return [] }
        return try database.read { db in
            let segments = try DealListSegment.segments(db, order: order)
            let start = row.flatMap { row in segments.firstIndex { $0.contains(row) } } ?? 0
            var rows: [DealSummary] = []
            for index in start..<segments.count where rows.count < limit {
                let from = index == start ? row : nil
                rows += try segments[index].fetch(db, stage: stage, today: today, from: from, forward: true,
                                                  inclusive: inclusive, limit: limit - rows.count)
            }
            return rows
        }
    }

    /// Up to `limit` deals of `stage` before `row` in `order` (the last ones when nil), in list order.
    public func page(stage: DealStage, order: DealListOrder, before row: DealSummary?, limit: Int) throws -> [DealSummary] {
        guard limit > 0 else { return [] }
        return try database.read { db in
            let segments = try DealListSegment.segments(db, order: order)
            let start = row.flatMap { row in segments.firstIndex { $0.contains(row) } } ?? segments.count - 1
            var rows: [DealSummary] = []
            for index in stride(from: start, through: 0, by: -1) where rows.count < limit {
                let from = index == start ? row : nil
                rows += try segments[index].fetch(db, stage: stage, today: today, from: from, forward: false,
                                                  inclusive: false, limit: limit - rows.count)
            }
            return rows.reversed()
        }
    }
}

/// A run of the list in which one index range gives the order: "owner 3,
/// dated deals by (expected close, id)", say. An order is a sequence of
/// such runs; a page reads the run its key is in, then the next ones.
///
/// This is how NULLS LAST and ordering by a name in another table stay
/// index ranges: each run is one, and the runs are few (two per owner).
struct DealListSegment {
    /// Extra condition on `d`, with its arguments.
    var condition: String
    var arguments: StatementArguments
    /// The keyset columns, in list order.
    var columns: [String]
    var descending: Bool
    /// Whether a row belongs to this run.
    var contains: (DealSummary) -> Bool
    /// The row's values of `columns`.
    var key: (DealSummary) -> [DatabaseValueConvertible?]

    static func segments(_ db: Database, order: DealListOrder) throws -> [DealListSegment] {
        switch order {
        case .value:
            return [DealListSegment(condition: "1", arguments: [], columns: ["d.value_cents", "d.id"], descending: true,
                                    contains: { _ in true }, key: { [$0.valueCents, $0.id] })]
        case .close:
            return byClose(owner: nil)
        case .owner:
            // Inactive colleagues included: their deals are still listed under their name.
            let owners = try Int64.fetchAll(db, sql: "SELECT id FROM staff ORDER BY full_name COLLATE NOCASE, id")
            return owners.flatMap { byClose(owner: .some($0)) } + byClose(owner: .some(nil))
        }
    }

    /// Dated deals soonest first, then undated ones; for one owner (nil: no owner) when `owner` is given.
    static func byClose(owner: Int64??) -> [DealListSegment] {
        var condition = ""
        var arguments: StatementArguments = []
        var sameOwner: (DealSummary) -> Bool = { _ in true }
        if let owner {
            if let id = owner {
                condition = "d.owner_id = ? AND "
                arguments = [id]
            } else {
                condition = "d.owner_id IS NULL AND "
            }
            sameOwner = { $0.ownerID == owner }
        }
        return [
            DealListSegment(condition: condition + "d.expected_close IS NOT NULL", arguments: arguments,
                            columns: ["d.expected_close", "d.id"], descending: false,
                            contains: { sameOwner($0) && $0.expectedClose != nil }, key: { [$0.expectedClose, $0.id] }),
            DealListSegment(condition: condition + "d.expected_close IS NULL", arguments: arguments,
                            columns: ["d.id"], descending: false,
                            contains: { sameOwner($0) && $0.expectedClose == nil }, key: { [$0.id] }),
        ]
    }

    /// Rows of this run in `stage`, reading forward (list order) or backward
    /// from `from` (the run's start or end when nil); backward rows come
    /// nearest first.
    func fetch(_ db: Database, stage: DealStage, today: String, from row: DealSummary?, forward: Bool,
               inclusive: Bool, limit: Int) throws -> [DealSummary] {
        var sql = "SELECT \(DealSummary.columns) FROM \(DealSummary.from) WHERE d.stage = ? AND \(condition)"
        var args: StatementArguments = [today, stage.rawValue]
        args += arguments
        // Reading "up" the list in a descending run is reading the index ascending, and so on.
        let ascending = forward != descending
        if let row {
            let op = (ascending ? ">" : "<") + (inclusive ? "=" : "")
            let placeholders = columns.map { _ in "?" }.joined(separator: ", ")
            sql += " AND (\(columns.joined(separator: ", "))) \(op) (\(placeholders))"
            args += StatementArguments(key(row))
        }
        let direction = ascending ? "" : " DESC"
        sql += " ORDER BY " + columns.map { $0 + direction }.joined(separator: ", ") + " LIMIT ?"
        args += [limit]
        return try DealSummary.fetchAll(db, sql: sql, arguments: args)
    }
}
