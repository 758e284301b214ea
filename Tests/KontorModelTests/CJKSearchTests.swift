import Foundation
import GRDB
@testable import KontorModel
import Testing

/// Chinese, Japanese and Korean write no spaces between words: a customer
/// so written is found by any part of its name, city or street, in the
/// list, the pickers and the ticket queue, as a Latin name is by a word.
@Suite("Searching names written in CJK")
struct CJKSearchTests {
    private func fixture() throws -> (TestDatabase, (String) throws -> [String]) {
        let db = try TestDatabase()
        for (name, city) in [("東京精機株式会社", "東京"), ("山田商事株式会社", "大阪"), ("부산해운", "부산"), ("北京华通科技有限公司", "北京"),
                             ("Müller GmbH", "Köln")] {
            try db.database.customers.create(CustomerFields(name: name, city: city), by: db.bob)
        }
        func names(_ text: String) throws -> [String] {
            try db.database.customers.page(CustomerQuery(text: text), after: nil, limit: 50).map(\.name).sorted()
        }
        return (db, names)
    }

    @Test func anyPartOfANameFindsIt() throws {
        let (_, names) = try fixture()
        #expect(try names("精機") == ["東京精機株式会社"])
        #expect(try names("京") == ["北京华通科技有限公司", "東京精機株式会社"])
        #expect(try names("商事") == ["山田商事株式会社"])
        #expect(try names("株式会社") == ["山田商事株式会社", "東京精機株式会社"])
        #expect(try names("해운") == ["부산해운"])
        #expect(try names("华通") == ["北京华通科技有限公司"])
        // Still by its start, with a Latin word beside it, and Latin names as before.
        #expect(try names("東京精機") == ["東京精機株式会社"])
        #expect(try names("大阪 商事") == ["山田商事株式会社"])
        #expect(try names("müller") == ["Müller GmbH"])
        #expect(TextFolding.cjkSuffixes("Müller GmbH", "Köln").isEmpty)
        #expect(TextFolding.cjkSuffixes("부산해운 Ltd") == "산해운 해운 운")
    }

    /// The open tickets' index takes the customer's words: a ticket is found
    /// by part of its customer's name too.
    @Test func aTicketIsFoundByPartOfItsCustomersName() throws {
        let (db, _) = try fixture()
        let customer = try #require(try db.database.customers.page(CustomerQuery(text: "华通"), after: nil, limit: 1).first)
        let ticket = try db.database.tickets.create(TicketFields(subject: "Rechnung fehlt", customerID: customer.id), by: db.bob)
        #expect(try db.database.tickets.page(TicketQueueQuery(), matching: "华通", after: nil, limit: 10).map(\.id) == [ticket.id])
    }

    /// A database whose customers were written before: `v46-cjk-search`
    /// gives those so written their new words, and leaves the rest alone.
    @Test func theMigrationGivesExistingCustomersTheirWords() throws {
        let (db, names) = try fixture()
        try db.database.write { db in
            try db.execute(sql: "UPDATE customers SET search_alias = '', search_text = ' ' || lower(name) || ' ' WHERE name GLOB '*\(CJKSearchSchema.letters)*'")
        }
        #expect(try names("精機").isEmpty && names("해운").isEmpty)
        let before = try db.database.read { db in try String.fetchOne(db, sql: "SELECT search_text FROM customers WHERE name = 'Müller GmbH'") }
        try db.database.write { db in try CJKSearchSchema.migrate(db) }
        #expect(try names("精機") == ["東京精機株式会社"] && names("해운") == ["부산해운"])
        #expect(try db.database.read { db in try String.fetchOne(db, sql: "SELECT search_text FROM customers WHERE name = 'Müller GmbH'") } == before)
    }
}
