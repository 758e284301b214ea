import Foundation
import KontorModel
import Testing

@Suite("Database")
struct DatabaseTests {
    @Test func changeWatcherSeesCommitsFromAnotherConnection() throws {
        let db = try TestDatabase()
        let watcher = try ChangeWatcher(database: db.database)
        #expect(!watcher.hasChanged())
        // A second, independent opening of the same file stands in for another process.
        let other = try KontorDatabase(path: db.path)
        try other.customers.create(CustomerFields(name: "From elsewhere"), by: try other.session(for: Actor(username: "dave")))
        #expect(watcher.hasChanged())
        #expect(!watcher.hasChanged())
    }

    @Test func reopeningKeepsDataAndSchema() throws {
        let db = try TestDatabase()
        try db.add(["Persisted"])
        let again = try KontorDatabase(path: db.path)
        #expect(try again.customers.count(CustomerQuery()) == 1)
        #expect(try again.appliedMigrations() == ["v1-customers", "v2-business"])
    }

    @Test func aFolderThatCannotBeCreatedIsAClearError() {
        #expect {
            _ = try KontorDatabase(path: "/proc/kontor-cannot-be-here/x.sqlite")
        } throws: { error in
            "\(error)".contains("cannot open database /proc/kontor-cannot-be-here/x.sqlite")
        }
    }

    @Test func demoSeedingIsCoherentAndRefusesAFullDatabase() throws {
        let db = try TestDatabase()
        let report = try DemoSeeder.seed(db.database, scale: 500, actor: Actor(username: "alice"))
        #expect(report.rows == 500)
        let repo = db.database.customers
        #expect(try repo.count(CustomerQuery()) + repo.count(CustomerQuery(archived: true)) == 500)
        // The search index was rebuilt and is kept up to date afterwards.
        #expect(try repo.count(CustomerQuery(text: "gmbh")) > 0)
        #expect(try repo.count(CustomerQuery(text: "muller")) == repo.count(CustomerQuery(text: "müller")))
        // Umlauts and CJK names are present, and every seeded record passes validation.
        let all = try repo.page(CustomerQuery(), after: nil, limit: 1000)
        #expect(all.contains { $0.name.contains("ü") || $0.contactName.contains("ü") })
        #expect(all.contains { $0.name.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) || (0xAC00...0xD7A3).contains($0.value) } })
        for row in all.prefix(200) {
            let customer = try #require(try repo.find(id: row.id))
            #expect(customer.fields.validate() == nil, "\(customer.fields)")
        }
        #expect(throws: KontorError.self) { try DemoSeeder.seed(db.database, scale: 10, actor: Actor(username: "alice")) }
    }

    @Test func demoSeedingIsDeterministic() throws {
        let a = try TestDatabase(), b = try TestDatabase()
        try DemoSeeder.seed(a.database, scale: 50, actor: Actor(username: "alice"))
        try DemoSeeder.seed(b.database, scale: 50, actor: Actor(username: "alice"))
        let namesA = try a.database.customers.page(CustomerQuery(), after: nil, limit: 100).map(\.name)
        let namesB = try b.database.customers.page(CustomerQuery(), after: nil, limit: 100).map(\.name)
        #expect(namesA == namesB)
    }
}
