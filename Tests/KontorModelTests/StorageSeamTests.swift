import Foundation
import GRDB
@testable import KontorModel
import Testing

/// The model over a database that is not a file: what unit tests and a
/// second backend lean on.
struct StorageSeamTests {
    @Test func theModelRunsOnADatabaseInMemory() throws {
        let database = try KontorDatabase.inMemory()
        #expect(!database.isFile)
        #expect(try database.appliedMigrations() == Schema.migrator.migrations.sorted())
        let admin = try database.session(for: Actor(username: "alice"))
        let customer = try database.customers.create(CustomerFields(name: "Müller Büro GmbH"), by: admin)
        #expect(try database.customers.page(CustomerQuery(text: "muller"), after: nil, limit: 10).map(\.id) == [customer.id])
        #expect(try database.integrityProblems().isEmpty)
        // Nobody else can change a database in memory: the watcher stays quiet.
        let watcher = try ChangeWatcher(database: database)
        _ = try database.customers.create(CustomerFields(name: "Weiß AG"), by: admin)
        #expect(!watcher.hasChanged())
    }

    @Test func anyWriterWillDo() throws {
        let queue = try DatabaseQueue(configuration: KontorDatabase.configuration())
        let database = try KontorDatabase(writer: queue)
        #expect(try database.isEmpty())
        #expect(try queue.read { db in try db.tableExists("customers") })
    }

    @Test func everyProductSearchFindsAnEANTypedWithSpaces() throws {
        let database = try KontorDatabase.inMemory()
        let admin = try database.session(for: Actor(username: "alice"))
        let coffee = try database.products.create(ProductFields(sku: "KAF-1", ean: "4006381333931", name: "Kaffee Crema",
                                                                price: "18,90", reorderPoint: "10"), by: admin)
        let typed = "4 006381 333931"
        // The inventory list…
        #expect(try database.products.listPage(ProductListQuery(text: typed), after: nil, limit: 10).map(\.id) == [coffee.id])
        #expect(try database.products.count(ProductListQuery(text: typed)) == 1)
        // …and the picker of the line forms and the palette find the same.
        #expect(try database.products.page(.active, text: typed, after: nil, limit: 10).map(\.id) == [coffee.id])
        #expect(try database.products.page(.all, text: "kaf-", after: nil, limit: 10).map(\.id) == [coffee.id])
        #expect(try database.products.page(.active, text: "100%", after: nil, limit: 10).isEmpty)
    }

    @Test func likePatternsTakeTypedTextLiterally() {
        #expect(LikePattern.escape("50%_a\\b") == "50\\%\\_a\\\\b")
        #expect(LikePattern.containing("a_b") == "%a\\_b%")
        #expect(LikePattern.starting("10%") == "10\\%%")
    }
}
