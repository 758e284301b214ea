import KontorLocale
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
        case .value: return tr("value")
        case .close: return tr("close date")
        case .owner: return tr("owner")
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
        try database.read { db in
            let segments = try DealListSegment.segments(db, order: order)
            let start = row.flatMap { row in segments.firstIndex { $0.contains(row) } }
            return try DealListSegment.read(db, segments, stage: stage, today: today, from: start.map { ($0, segments[$0].key(row!)) },
                                            forward: true, inclusive: inclusive, limit: limit)
        }
    }

    /// Up to `limit` deals of `stage` before `row` in `order` (the last ones when nil), in list order.
    public func page(stage: DealStage, order: DealListOrder, before row: DealSummary?, limit: Int) throws -> [DealSummary] {
        try database.read { db in
            let segments = try DealListSegment.segments(db, order: order)
            let start = row.flatMap { row in segments.firstIndex { $0.contains(row) } }
            return try DealListSegment.read(db, segments, stage: stage, today: today, from: start.map { ($0, segments[$0].key(row!)) },
                                            forward: false, inclusive: false, limit: limit).reversed()
        }
    }
}

/// A run of the list in which one index range gives the order: "owner 3,
/// dated deals by (expected close, id)", say. An order is a sequence of
/// such runs; a page reads the run its key is in, then the next ones.
///
/// This is how NULLS LAST and ordering by a name in another table stay
/// index ranges: each run is one, and the runs are few (two per owner).
/// The board's columns are the `.close` order's two runs.
struct DealListSegment {
    /// Extra condition on `d`, with its arguments.
    var condition: SQL
    /// The run's order (its keyset columns).
    var order: Keyset
    /// Whether a row belongs to this run.
    var contains: (DealSummary) -> Bool
    /// The row's values of the order's columns.
    var key: (DealSummary) -> [(any DatabaseValueConvertible)?]

    static func segments(_ db: Database, order: DealListOrder) throws -> [DealListSegment] {
        switch order {
        case .value:
            return [DealListSegment(condition: "1", order: Keyset("d.value_cents", "d.id", descending: true),
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
        var condition: SQL = ""
        var sameOwner: (DealSummary) -> Bool = { _ in true }
        if let owner {
            if let id = owner {
                condition = "d.owner_id = \(id) AND "
            } else {
                condition = "d.owner_id IS NULL AND "
            }
            sameOwner = { $0.ownerID == owner }
        }
        return [
            DealListSegment(condition: condition + "d.expected_close IS NOT NULL", order: Keyset("d.expected_close", "d.id"),
                            contains: { sameOwner($0) && $0.expectedClose != nil }, key: { [$0.expectedClose, $0.id] }),
            DealListSegment(condition: condition + "d.expected_close IS NULL", order: Keyset("d.id"),
                            contains: { sameOwner($0) && $0.expectedClose == nil }, key: { [$0.id] }),
        ]
    }

    /// Up to `limit` rows of `stage` across `segments`, from a key in one
    /// of them (the segment's index and the key's values; the first or last
    /// segment's end when nil): forward in list order, or backward, nearest
    /// first.
    static func read(_ db: Database, _ segments: [DealListSegment], stage: DealStage, today: String,
                     from start: (segment: Int, key: [(any DatabaseValueConvertible)?])?, forward: Bool, inclusive: Bool,
                     limit: Int) throws -> [DealSummary] {
        guard limit > 0, !segments.isEmpty else { return [] }
        let first = start?.segment ?? (forward ? 0 : segments.count - 1)
        let indices = forward ? Array(first..<segments.count) : Array(stride(from: first, through: 0, by: -1))
        var rows: [DealSummary] = []
        for index in indices where rows.count < limit {
            let key = index == first ? start?.key : nil
            rows += try segments[index].fetch(db, stage: stage, today: today, from: key, forward: forward,
                                              inclusive: inclusive, limit: limit - rows.count)
        }
        return rows
    }

    /// Rows of this run in `stage`, reading forward (list order) or backward
    /// from `key` (the run's start or end when nil); backward rows come
    /// nearest first.
    func fetch(_ db: Database, stage: DealStage, today: String, from key: [(any DatabaseValueConvertible)?]?, forward: Bool,
               inclusive: Bool, limit: Int) throws -> [DealSummary] {
        let filter: SQL = "\(DealSummary.select(today: today)) WHERE d.stage = \(stage.rawValue) AND \(condition)"
        let request = order.page(filter, from: key, forward: forward, inclusive: inclusive, limit: limit)
        return try DealSummary.fetchAll(db, SQLRequest<DealSummary>(literal: request))
    }
}
