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
