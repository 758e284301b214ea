import GRDB

/// The indexes behind the deal list's sort orders and the board's column heads.
///
/// The board's own order (stage, expected close, id) has had its index since
/// the first business schema. The list view sorts a stage by value and by
/// owner as well, and the column heads add up every deal of a stage; without
/// these indexes each of those would read the whole `deals` table (about
/// 80 000 rows in the 200 000-customer demo: a tenth of a second a key).
enum DealListSchema {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            -- By value within a stage. It also carries probability, so that
            -- the board's totals (count, value, weighted value by stage) are
            -- read from this index alone.
            CREATE INDEX deals_by_stage_value ON deals (stage, value_cents, id, probability);
            -- By owner within a stage, each owner's deals by expected close.
            CREATE INDEX deals_by_stage_owner ON deals (stage, owner_id, expected_close, id);
            """)
    }
}
