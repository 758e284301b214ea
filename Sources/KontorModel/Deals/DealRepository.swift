import GRDB

extension KontorDatabase {
    /// Deal queries and changes, with today's date (`CalendarDate.today()`) for the stale flag.
    public var deals: DealRepository { DealRepository(database: self, today: CalendarDate.today()) }

    /// Deal queries as of another day ("2026-03-31"), for reports and tests.
    public func deals(today: String) -> DealRepository { DealRepository(database: self, today: today) }
}

/// Reads deals and saves them with optimistic locking.
///
/// The board reads one stage a window at a time, keyset-paged on the
/// `deals_by_stage` index `(stage, expected_close, id)`, so a column of
/// 100 000 won deals costs what a column of ten does. Totals are SQL
/// aggregates; no method here returns a whole table.
public struct DealRepository: Sendable {
    let database: KontorDatabase
    /// The day against which next activities are overdue ("2026-03-31").
    public let today: String

    // MARK: Records

    public func find(id: Int64) throws -> Deal? {
        try database.read { db in try Self.fetch(db, id: id) }
    }

    /// The deal's lines, in order.
    public func lines(of dealID: Int64) throws -> [DealLine] {
        try database.read { db in try Self.lines(db, dealID: dealID) }
    }

    /// The list row of one deal, e.g. to place the board's cursor on a deal just saved.
    public func summary(id: Int64) throws -> DealSummary? {
        try database.read { db in
            try DealSummary.fetchOne(db, SQLRequest<DealSummary>(literal: "\(DealSummary.select(today: today)) WHERE d.id = \(id)"))
        }
    }

    // MARK: Board

    /// Up to `limit` deals of `stage` after `key` (from the top when nil),
    /// in board order: dated deals soonest first, then undated ones.
    ///
    /// The two parts are read as two index ranges rather than one sort with
    /// NULLS LAST, which the index cannot deliver in order.
    public func page(stage: DealStage, after key: DealBoardKey?, inclusive: Bool = false, limit: Int) throws -> [DealSummary] {
        try database.read { db in
            try DealListSegment.read(db, DealListSegment.byClose(owner: nil), stage: stage, today: today, from: key.map(Self.start),
                                     forward: true, inclusive: inclusive, limit: limit)
        }
    }

    /// Up to `limit` deals of `stage` before `key` (the last ones when nil), in board order.
    public func page(stage: DealStage, before key: DealBoardKey?, limit: Int) throws -> [DealSummary] {
        try database.read { db in
            try DealListSegment.read(db, DealListSegment.byClose(owner: nil), stage: stage, today: today, from: key.map(Self.start),
                                     forward: false, inclusive: false, limit: limit).reversed()
        }
    }

    /// Where a board key sits among `DealListSegment.byClose`'s runs.
    private static func start(_ key: DealBoardKey) -> (segment: Int, key: [(any DatabaseValueConvertible)?]) {
        if let close = key.expectedClose { return (0, [close, key.id]) }
        return (1, [key.id])
    }

    /// Count, value and weighted value of every stage, in board order
    /// (stages without deals included, at zero): the board's column heads.
    public func stageTotals() throws -> [DealStageTotal] {
        let found = try database.read { db in
            // Kept by triggers (`DealStageTotals`): six rows, whatever the number of deals.
            try Row.fetchAll(db, sql: """
                SELECT stage, n, value_cents AS value, (weighted + 50) / 100 AS weighted FROM deal_stage_totals WHERE n > 0
                """)
        }
        var byStage: [DealStage: DealStageTotal] = [:]
        for row in found {
            guard let stage = DealStage(rawValue: row["stage"]) else { continue }
            byStage[stage] = DealStageTotal(stage: stage, count: row["n"], valueCents: row["value"], weightedValueCents: row["weighted"])
        }
        return DealStage.allCases.map { byStage[$0] ?? DealStageTotal(stage: $0, count: 0, valueCents: 0, weightedValueCents: 0) }
    }

    /// The open pipeline by month of expected close, earliest first, with
    /// the deals that have no expected close last (month nil). Won and lost
    /// deals are outcomes, not forecast, and are left out.
    public func forecastByMonth() throws -> [DealMonthForecast] {
        try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT substr(d.expected_close, 1, 7) AS month, count(*) AS n, coalesce(sum(d.value_cents), 0) AS value,
                       \(DealSQL.weightedSum) AS weighted
                FROM deals d WHERE d.stage IN (\(DealSQL.openStages))
                GROUP BY month ORDER BY month IS NULL, month
                """).map { DealMonthForecast(month: $0["month"], count: $0["n"], valueCents: $0["value"], weightedValueCents: $0["weighted"]) }
        }
    }

    // MARK: Lists

    /// A customer's deals: open ones first in stage order, then won, then
    /// lost; within a stage by expected close.
    public func ofCustomer(_ customerID: Int64, limit: Int = 200) throws -> [DealSummary] {
        try list(where: "d.customer_id = \(customerID)", limit: limit)
    }

    /// The deals a member of staff owns, open ones only unless asked.
    public func ofOwner(_ ownerID: Int64, includeClosed: Bool = false, limit: Int = 200) throws -> [DealSummary] {
        try list(where: "d.owner_id = \(ownerID)" + (includeClosed ? "" : " AND d.stage IN (\(sql: DealSQL.openStages))"), limit: limit)
    }

    /// Open deals with nothing planned (no next activity, or one before
    /// today), those never planned first, then the longest overdue;
    /// optionally only one owner's.
    public func stale(ownerID: Int64? = nil, limit: Int = 200) throws -> [DealSummary] {
        var condition: SQL = "d.stage IN (\(sql: DealSQL.openStages)) AND (d.next_activity IS NULL OR d.next_activity < \(today))"
        if let ownerID { condition += " AND d.owner_id = \(ownerID)" }
        return try database.read { db in
            try DealSummary.fetchAll(db, SQLRequest<DealSummary>(literal: """
                \(DealSummary.select(today: today)) WHERE \(condition)
                ORDER BY d.next_activity, d.id LIMIT \(limit)
                """))
        }
    }

    private func list(where condition: SQL, limit: Int) throws -> [DealSummary] {
        try database.read { db in
            try DealSummary.fetchAll(db, SQLRequest<DealSummary>(literal: """
                \(DealSummary.select(today: today)) WHERE \(condition)
                ORDER BY \(sql: DealSQL.stageOrder), d.expected_close IS NULL, d.expected_close, d.id LIMIT \(limit)
                """))
        }
    }

    // MARK: Shared with the writes

    static func fetch(_ db: Database, id: Int64) throws -> Deal? {
        try Deal.fetchOne(db, sql: "SELECT * FROM deals WHERE id = ?", arguments: [id])
    }

    static func lines(_ db: Database, dealID: Int64) throws -> [DealLine] {
        try DealLine.fetchAll(db, sql: "SELECT * FROM deal_lines WHERE deal_id = ? ORDER BY position, id", arguments: [dealID])
    }

}

/// One column head of the board.
public struct DealStageTotal: Equatable, Sendable {
    public var stage: DealStage
    public var count: Int
    public var valueCents: Int
    /// Σ value × probability, rounded once to the cent.
    public var weightedValueCents: Int

    public init(stage: DealStage, count: Int, valueCents: Int, weightedValueCents: Int) {
        self.stage = stage
        self.count = count
        self.valueCents = valueCents
        self.weightedValueCents = weightedValueCents
    }
}

/// The open pipeline expected to close in one month.
public struct DealMonthForecast: Equatable, Sendable {
    /// "2026-12"; nil for deals without an expected close date.
    public var month: String?
    public var count: Int
    public var valueCents: Int
    /// Σ value × probability, rounded once to the cent.
    public var weightedValueCents: Int

    public init(month: String?, count: Int, valueCents: Int, weightedValueCents: Int) {
        self.month = month
        self.count = count
        self.valueCents = valueCents
        self.weightedValueCents = weightedValueCents
    }
}
