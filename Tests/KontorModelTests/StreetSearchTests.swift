import Foundation
import GRDB
@testable import KontorModel
import Testing

/// Streets are found as German speakers type them: with ss for ß, oe for
/// ö, and by the "…straße" inside a street's name.
@Suite("Street search")
struct StreetSearchTests {
    /// Four customers on four streets; `names(text)` lists those a filter finds.
    private func fixture() throws -> (TestDatabase, (String) throws -> [String]) {
        let db = try TestDatabase()
        for (name, street) in [("Bäckerei Krause", "Hauptstraße 12"), ("Optik Werner", "Königstraße 3"),
                               ("Lange Logistik", "Am Mühlenweg 7"), ("Schulte Sanitär", "Bahnhofstr. 1")] {
            try db.database.customers.create(CustomerFields(name: name, street: street, postalCode: "20095", city: "Hamburg"), by: db.bob)
        }
        func names(_ text: String) throws -> [String] {
            try db.database.customers.page(CustomerQuery(text: text), after: nil, limit: 50).map(\.name).sorted()
        }
        return (db, names)
    }

    @Test func hauptstrasseFindsHauptstrasseWithSharpS() throws {
        let (_, names) = try fixture()
        #expect(try names("hauptstraße") == ["Bäckerei Krause"])
        #expect(try names("hauptstrasse") == ["Bäckerei Krause"])
        #expect(try names("Hauptstrasse 12") == ["Bäckerei Krause"])
        #expect(try names("hauptstraße 12 hamburg") == ["Bäckerei Krause"], "with other words beside it")
        #expect(try names("krause hauptstraße") == ["Bäckerei Krause"])
    }

    @Test func koenigstrFindsKoenigstrasse() throws {
        let (_, names) = try fixture()
        #expect(try names("königstr") == ["Optik Werner"])
        #expect(try names("koenigstr") == ["Optik Werner"])
        #expect(try names("konigstrasse") == ["Optik Werner"])
        #expect(try names("muehlenweg") == ["Lange Logistik"])
    }

    @Test func strasseAloneFindsEveryStreetWithStrasseInside() throws {
        let (_, names) = try fixture()
        let streets = ["Bäckerei Krause", "Optik Werner", "Schulte Sanitär"]
        #expect(try names("strasse") == streets, "an abbreviated Bahnhofstr. is a Straße too")
        #expect(try names("straße") == streets)
        #expect(try names("weg") == ["Lange Logistik"])
        #expect(try names("bahnhofstrasse") == ["Schulte Sanitär"])
    }

    @Test func aBroadFilterFindsTheSameAsTheIndex() throws {
        // Past the narrow limit the list scans the folded words instead of
        // asking the FTS index; both must agree.
        let (db, names) = try fixture()
        let fromIndex = try names("strasse")
        let scanned = try db.database.customers.page(
            PreparedCustomerQuery(query: CustomerQuery(text: "strasse"), plan: .scan(TextFolding.likePatterns("strasse"), contacts: nil), count: 0, isCountCapped: true),
            after: nil, limit: 50).map(\.name).sorted()
        #expect(scanned == fromIndex)
        let koenig = try db.database.customers.page(
            PreparedCustomerQuery(query: CustomerQuery(text: "koenigstr"), plan: .scan(TextFolding.likePatterns("koenigstr"), contacts: nil), count: 0, isCountCapped: true),
            after: nil, limit: 50).map(\.name)
        #expect(koenig == ["Optik Werner"])
    }

    @Test func aDatabaseOfThePreviousVersionFindsStreetsAfterTheMigration() throws {
        let queue = try DatabaseQueue(configuration: KontorDatabase.configuration())
        try Schema.migrator.migrate(queue, upTo: "v11-einvoice")
        try queue.write { db in
            // As the previous version stored it: the street as typed in the alias only.
            try db.execute(sql: """
                INSERT INTO customers (id, name, street, city, sort_key, search_alias, search_text, created_at, updated_at, updated_by)
                VALUES (1, 'Optik Werner', 'Königstraße 3', 'Hamburg', 'optik werner', 'Königstraße 3',
                        ' optik werner ; hamburg ; konigstrasse 3 ; ', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'alice')
                """)
        }
        let database = try KontorDatabase(writer: queue)
        #expect(try database.customers.page(CustomerQuery(text: "koenigstr"), after: nil, limit: 5).map(\.name) == ["Optik Werner"])
        #expect(try database.customers.page(CustomerQuery(text: "strasse"), after: nil, limit: 5).map(\.name) == ["Optik Werner"])
        let problems = try queue.read { db in try SQLiteSpecific.integrityProblems(db) }
        #expect(problems.isEmpty)
    }
}
