import Foundation
import GRDB
@testable import KontorModel
import Testing

/// The demo looks like a business that is being looked after: no ticket
/// open for months past its due time, addresses whose postal codes belong
/// to their cities.
@Suite("A demo that looks looked after")
struct DemoLooksLookedAfterTests {
    @Test func noOpenTicketIsMonthsPastItsDueTime() throws {
        let db = try TestDatabase()
        try DemoSeeder.seed(db.database, scale: 2_000, actor: Actor(username: "alice"))
        let (open, oldestDue) = try db.database.read { db -> (Int, String?) in
            let open = try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets WHERE sla_due IS NOT NULL")!
            let oldest = try String.fetchOne(db, sql: "SELECT min(sla_due) FROM tickets WHERE sla_due IS NOT NULL")
            return (open, oldest)
        }
        #expect(open > 50, "the queue still has work in it")
        let due = try #require(oldestDue.flatMap { Timestamp.date(from: $0) })
        let daysLate = Date().timeIntervalSince(due) / 86_400
        #expect(daysLate < 60, "the most overdue open ticket is \(Int(daysLate)) days late")
    }

    /// Nothing in the demo has happened after the moment it was made, and
    /// each product's stock ledger reads in time order, as its running
    /// balance (entry order) does.
    @Test func nothingHappensLaterThanNowAndLedgersReadInTimeOrder() throws {
        let db = try TestDatabase()
        try DemoSeeder.seed(db.database, scale: 2_000, actor: Actor(username: "alice"))
        let now = Timestamp.now()
        let latest = try db.database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT 'invoice', max(created_at), max(updated_at) FROM invoices
                UNION ALL SELECT 'ticket', max(created_at), max(updated_at) FROM tickets
                UNION ALL SELECT 'ticket answered', max(first_response_at), max(resolved_at) FROM tickets
                UNION ALL SELECT 'message', max(created_at), NULL FROM ticket_messages
                UNION ALL SELECT 'payment', max(created_at), NULL FROM payments
                UNION ALL SELECT 'stock', max(created_at), NULL FROM stock_moves
                """)
        }
        for row in latest {
            for column in [1, 2] {
                guard let moment = row[column] as String? else { continue }
                #expect(moment <= now, "\(row[0] as String): \(moment) after \(now)")
            }
        }
        let outOfOrder = try db.database.read { db in
            try Int.fetchOne(db, sql: """
                SELECT count(*) FROM stock_moves a JOIN stock_moves b ON b.product_id = a.product_id AND b.id > a.id AND b.created_at < a.created_at
                """)!
        }
        #expect(outOfOrder == 0)
    }

    @Test func postalCodesBelongToTheirCities() throws {
        let db = try TestDatabase()
        try DemoSeeder.seed(db.database, scale: 2_000, actor: Actor(username: "alice"))
        let rows = try db.database.read { db in
            try Row.fetchAll(db, sql: "SELECT DISTINCT city, postal_code FROM customers WHERE city IN ('Hamburg', 'Milano', 'Berlin', 'Wien')")
        }
        #expect(!rows.isEmpty)
        for row in rows {
            let city: String = row["city"], code: String = row["postal_code"]
            guard let number = Int(code) else { Issue.record("\(city): \(code) is not a number"); continue }
            switch city {
            case "Hamburg": #expect((20095...22769).contains(number), "Hamburg \(code)")
            case "Milano": #expect((20121...20162).contains(number), "Milano \(code)")
            case "Berlin": #expect((10115...14199).contains(number), "Berlin \(code)")
            default: #expect(code.count == 4 && (1010...1230).contains(number), "Wien \(code)")
            }
        }
        // No Milano customer carries the demo company's own Hamburg code.
        let milanoWithHamburgCode = try db.database.read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM customers WHERE city = 'Milano' AND postal_code NOT BETWEEN '20121' AND '20162'")!
        }
        #expect(milanoWithHamburgCode == 0)
    }
}
