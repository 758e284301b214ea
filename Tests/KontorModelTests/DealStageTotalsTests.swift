import GRDB
@testable import KontorModel
import Testing

/// The board's column heads come from `deal_stage_totals`, kept by
/// triggers: whatever writes the deals, they stay what summing the deals
/// gives.
@Suite("Deal stage totals")
struct DealStageTotalsTests {
    /// What the totals must be: the deals summed, stage by stage.
    static func summed(_ db: TestDatabase) throws -> [String: [Int]] {
        try db.database.writer.read { db in
            var out: [String: [Int]] = [:]
            for row in try Row.fetchAll(db, sql: """
                SELECT d.stage, count(*) AS n, sum(d.value_cents) AS value, \(DealSQL.weightedSum) AS weighted FROM deals d GROUP BY d.stage
                """) {
                out[row["stage"]] = [row["n"], row["value"], row["weighted"]]
            }
            return out
        }
    }

    static func kept(_ db: TestDatabase) throws -> [String: [Int]] {
        var out: [String: [Int]] = [:]
        for total in try db.database.deals.stageTotals() where total.count > 0 {
            out[total.stage.rawValue] = [total.count, total.valueCents, total.weightedValueCents]
        }
        return out
    }

    @Test func theKeptTotalsFollowEveryWriteToTheDeals() throws {
        let db = try TestDatabase(demoScale: 300)
        #expect(try Self.kept(db) == Self.summed(db), "after the bulk-loaded demo")
        #expect(try Self.kept(db).count == DealStage.allCases.count)
        // Writes as another tool (or a later feature) would make them.
        try db.raw("UPDATE deals SET stage = 'proposal' WHERE id IN (SELECT id FROM deals WHERE stage = 'lead' LIMIT 5)")
        try db.raw("UPDATE deals SET value_cents = value_cents + 12345 WHERE id % 7 = 0")
        try db.raw("UPDATE deals SET probability = 33 WHERE stage IN ('qualified', 'proposal') AND id % 3 = 0")
        try db.raw("UPDATE deals SET probability = NULL WHERE id % 5 = 0 AND stage NOT IN ('won', 'lost')")
        try db.raw("DELETE FROM deal_lines WHERE deal_id IN (SELECT id FROM deals WHERE stage = 'negotiation' AND invoice_id IS NULL LIMIT 3)")
        try db.raw("DELETE FROM deals WHERE id IN (SELECT id FROM deals WHERE stage = 'negotiation' AND invoice_id IS NULL LIMIT 3)")
        try db.raw("""
            INSERT INTO deals (customer_id, title, stage, value_cents, probability, created_at, updated_at, updated_by)
            VALUES ((SELECT min(id) FROM customers), 'Neu', 'lead', 99999, 40, '2026-12-05T10:00:00Z', '2026-12-05T10:00:00Z', 'test')
            """)
        #expect(try Self.kept(db) == Self.summed(db), "after direct writes")
    }

    @Test func bulkAndRowByRowSeedingKeepTheSameTotals() throws {
        let bulk = try TestDatabase()
        try DemoSeeder.seed(bulk.database, scale: 150, actor: Actor(username: "alice"), rowByRow: false, now: DemoMoment.fixed)
        let rowByRow = try TestDatabase()
        _ = try DemoSeeder.seed(rowByRow.database, scale: 150, actor: Actor(username: "alice"), rowByRow: true, now: DemoMoment.fixed)
        #expect(try Self.kept(bulk) == Self.summed(bulk))
        #expect(try Self.kept(rowByRow) == Self.summed(rowByRow))
        #expect(try Self.kept(bulk) == Self.kept(rowByRow))
    }
}
