import Foundation
import GRDB
@testable import KontorModel
import Testing

/// The customer list's windows come from its index alone: at a million
/// customers the table's wide rows lie on ninety pages for one window, the
/// index's on a few.
@Suite("List windows read the index alone")
struct ListIndexTests {
    /// Every SELECT the list runs for a window, a page either way and a
    /// broad filter's walk, planned by SQLite as a covering-index search.
    @Test func customerWindowsAreCoveredByTheirIndex() throws {
        let statements = Statements()
        var config = KontorDatabase.configuration()
        config.publicStatementArguments = true // the trace shows the values, for EXPLAIN
        config.prepareDatabase { db in
            db.trace(options: .statement) { event in
                if case let .statement(statement) = event { statements.append(statement.expandedSQL) }
            }
        }
        let database = try KontorDatabase(writer: DatabaseQueue(configuration: config))
        let session = try database.session(for: Actor(username: "alice"))
        for name in ["Müller GmbH", "Meyer AG", "Schmidt KG", "Mars Bistro", "Weiß Logistik"] {
            _ = try database.customers.create(CustomerFields(name: name, city: "Berlin"), by: session)
        }
        let repo = database.customers
        _ = statements.take()
        let first = try repo.page(CustomerQuery(), after: nil, limit: 2)
        _ = try repo.page(CustomerQuery(), after: first.last?.listKey, limit: 2)
        _ = try repo.page(CustomerQuery(), before: first.last?.listKey, limit: 2)
        let broad = PreparedCustomerQuery(query: CustomerQuery(text: "m"), plan: .scan(TextFolding.likePatterns("m"), contacts: nil), count: 0, isCountCapped: false)
        _ = try repo.page(broad, after: nil, limit: 2)
        let selects = statements.take().filter { $0.hasPrefix("SELECT") && $0.contains("FROM customers") }
        #expect(selects.count == 4, "\(selects)")
        for sql in selects {
            let plan = try database.writer.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN \(sql)").map { $0["detail"] as String }.joined(separator: "; ")
            }
            #expect(plan.contains("COVERING INDEX customers_by_name"), "\(sql)\n→ \(plan)")
        }
    }
}

/// The SQL a connection ran, collected from its trace.
private final class Statements: @unchecked Sendable {
    private let lock = NSLock()
    private var sql: [String] = []
    func append(_ statement: String) { lock.withLock { sql.append(statement) } }
    func take() -> [String] { lock.withLock { defer { sql = [] }; return sql } }
}
