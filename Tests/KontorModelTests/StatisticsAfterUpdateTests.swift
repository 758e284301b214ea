import Foundation
import GRDB
import Testing
@testable import KontorModel

@Suite("Planner statistics after an update")
struct StatisticsAfterUpdateTests {
    /// A database of the version before the list sort indexes, as an office
    /// has it: analysed, then updated by opening it with this version.
    @Test func indexesAddedByAnUpdateGetStatisticsAndTheListKeepsItsIndex() throws {
        let t = try TestDatabase(demoScale: 300)
        let added = ["customers_by_city", "products_by_stock", "staff_by_name", "staff_by_department",
                     "tickets_by_urgency", "invoices_by_issued", "invoices_by_due", "invoices_by_gross"]
        try t.database.writer.writeWithoutTransaction { db in
            for index in added { try db.execute(sql: "DROP INDEX \(index)") }
            try db.execute(sql: "DELETE FROM grdb_migrations WHERE identifier = 'v30-list-sort-indexes'")
        }
        let updated = try KontorDatabase(path: t.path)
        let statistics = try updated.read { db in
            try String.fetchAll(db, sql: "SELECT idx FROM sqlite_stat1 WHERE idx IN (\(added.map { "'\($0)'" }.joined(separator: ", ")))")
        }
        #expect(Set(statistics) == Set(added))
        let plan = try updated.read { db in
            try SQLiteSpecific.queryPlan(db, "SELECT \(sql: CustomerSummary.columns) FROM customers WHERE archived = 0 ORDER BY sort_key, id LIMIT 96")
        }
        #expect(plan.contains { $0.contains("customers_by_name") } && !plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
    }
}
