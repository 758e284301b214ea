import GRDB
@testable import KontorModel
import Testing

/// The staff directory's workload columns come from `staff_workload`, kept
/// by triggers on tickets and deals: whatever writes them, the figures stay
/// what counting gives — and each trigger is needed for that.
@Suite("Staff workload")
struct StaffWorkloadTests {
    /// What the workload must be: open tickets and deals counted per person.
    static func counted(_ db: TestDatabase) throws -> [Int64: [Int]] {
        try workload(db, StaffWorkloadSchema.summed)
    }

    static func kept(_ db: TestDatabase) throws -> [Int64: [Int]] {
        try workload(db, "SELECT staff_id, open_tickets, open_deals FROM staff_workload")
    }

    private static func workload(_ db: TestDatabase, _ sql: String) throws -> [Int64: [Int]] {
        try db.database.read { db in
            var out: [Int64: [Int]] = [:]
            for row in try Row.fetchAll(db, sql: sql) { out[row["staff_id"]] = [row["open_tickets"], row["open_deals"]] }
            return out
        }
    }

    /// Writes as another tool (or a later feature) would make them: new,
    /// reassigned, closed, reopened and deleted tickets and deals.
    static func writeDirectly(_ db: TestDatabase) throws {
        let someone = "(SELECT min(id) FROM staff)"
        let other = "(SELECT max(id) FROM staff)"
        let openTicket = "SELECT id FROM tickets WHERE status IN ('new', 'open') AND assignee_id IS NOT NULL"
        let openDeal = "SELECT id FROM deals WHERE stage IN ('lead', 'qualified', 'proposal', 'negotiation') AND owner_id IS NOT NULL"
        try db.raw("""
            INSERT INTO tickets (subject, customer_id, status, assignee_id, first_response_due, resolution_due, sla_due, created_at, updated_at, updated_by)
            VALUES ('Neu', (SELECT min(id) FROM customers), 'new', \(someone), '2026-12-06T10:00:00Z', '2026-12-08T10:00:00Z',
                    '2026-12-06T10:00:00Z', '2026-12-05T10:00:00Z', '2026-12-05T10:00:00Z', 'test'),
                   ('Weg', (SELECT min(id) FROM customers), 'open', \(other), '2026-12-06T10:00:00Z', '2026-12-08T10:00:00Z',
                    '2026-12-06T10:00:00Z', '2026-12-05T10:00:00Z', '2026-12-05T10:00:00Z', 'test')
            """)
        try db.raw("DELETE FROM tickets WHERE subject = 'Weg' AND updated_by = 'test'")
        try db.raw("UPDATE tickets SET assignee_id = \(other) WHERE id IN (\(openTicket) AND assignee_id <> \(other) ORDER BY id LIMIT 3)")
        try db.raw("UPDATE tickets SET status = 'resolved', resolved_at = '2026-12-05T10:00:00Z', sla_due = NULL WHERE id IN (\(openTicket) ORDER BY id DESC LIMIT 4)")
        try db.raw("UPDATE tickets SET status = 'open', resolved_at = NULL, sla_due = resolution_due WHERE id IN (SELECT id FROM tickets WHERE status = 'closed' AND assignee_id IS NOT NULL ORDER BY id LIMIT 2)")
        try db.raw("""
            INSERT INTO deals (customer_id, title, stage, value_cents, owner_id, created_at, updated_at, updated_by)
            VALUES ((SELECT min(id) FROM customers), 'Neu', 'lead', 99999, \(someone), '2026-12-05T10:00:00Z', '2026-12-05T10:00:00Z', 'test'),
                   ((SELECT min(id) FROM customers), 'Weg', 'proposal', 5, \(other), '2026-12-05T10:00:00Z', '2026-12-05T10:00:00Z', 'test')
            """)
        try db.raw("DELETE FROM deals WHERE title = 'Weg' AND updated_by = 'test'")
        try db.raw("UPDATE deals SET owner_id = \(other) WHERE id IN (\(openDeal) AND owner_id <> \(other) ORDER BY id LIMIT 3)")
        try db.raw("UPDATE deals SET stage = 'lost', lost_reason = 'zu teuer' WHERE id IN (\(openDeal) ORDER BY id DESC LIMIT 4)")
        try db.raw("UPDATE deals SET stage = 'negotiation' WHERE id IN (SELECT id FROM deals WHERE stage = 'won' AND owner_id IS NOT NULL ORDER BY id LIMIT 2)")
    }

    @Test func theKeptWorkloadFollowsEveryWriteToTicketsAndDeals() throws {
        let db = try TestDatabase(demoScale: 300)
        let before = try Self.kept(db)
        #expect(!before.isEmpty)
        #expect(before == (try Self.counted(db)), "after the bulk-loaded demo")
        try Self.writeDirectly(db)
        #expect(try Self.kept(db) != before, "the writes change the workload")
        #expect(try Self.kept(db) == Self.counted(db), "after direct writes")
        #expect(try db.database.checkInvariants([.staffWorkload]).allSatisfy(\.holds))
        // The directory shows the kept figures.
        for row in try db.alice.staffDirectory.page(StaffListQuery(view: .all), after: nil, limit: 100) {
            let kept = try Self.kept(db)[row.id] ?? [0, 0]
            #expect([row.openTickets, row.openDeals] == kept, "\(row.member.username)")
        }
    }

    @Test(arguments: StaffWorkloadSchema.triggerNames)
    func withoutOneTriggerTheWorkloadGoesWrong(_ trigger: String) throws {
        let db = try TestDatabase(demoScale: 300)
        try db.raw("DROP TRIGGER \(trigger)")
        try Self.writeDirectly(db)
        #expect(try Self.kept(db) != Self.counted(db))
        let found = try #require(try db.database.checkInvariants([.staffWorkload]).first)
        #expect(found.violations.first?.hasPrefix("staff_workload ") == true, "\(found.violations)")
    }

    @Test func bulkAndRowByRowSeedingKeepTheSameWorkload() throws {
        let bulk = try TestDatabase()
        try DemoSeeder.seed(bulk.database, scale: 150, actor: Actor(username: "alice"), rowByRow: false, now: DemoMoment.fixed)
        let rowByRow = try TestDatabase()
        _ = try DemoSeeder.seed(rowByRow.database, scale: 150, actor: Actor(username: "alice"), rowByRow: true, now: DemoMoment.fixed)
        #expect(!(try Self.kept(bulk)).isEmpty)
        #expect(try Self.kept(bulk) == Self.counted(bulk))
        #expect(try Self.kept(rowByRow) == Self.counted(rowByRow))
        #expect(try Self.kept(bulk) == Self.kept(rowByRow))
    }
}
