import Foundation
@testable import KontorModel
import Testing

@Suite("A customer's activity")
struct CustomerActivityTests {
    @Test func aNewDealIsCreatedOnceAndAMoveShowsBothStages() throws {
        let db = try TestDatabase()
        let customer = try db.database.customers.create(CustomerFields(name: "Zeta Systems"), by: db.bob)
        let deal = try db.database.deals.create(DealFields(customerID: customer.id, title: "Serverschrank"), by: db.bob)
        var texts = try db.database.customers.activity(of: customer.id).map(\.text)
        #expect(texts.filter { $0.contains("Serverschrank") } == ["Deal created: Serverschrank"], "no move from nowhere: \(texts)")
        _ = try db.database.deals.moveStage(id: deal.id, to: .qualified, expectedVersion: deal.version, by: db.bob)
        texts = try db.database.customers.activity(of: customer.id).map(\.text)
        #expect(texts.contains("Deal Serverschrank: Lead → Qualified"), "\(texts)")
        #expect(!texts.contains { $0.contains("?") }, "\(texts)")
    }

    /// An imported customer's first line says the file it came from; a
    /// second import that changes it says what it changed.
    @Test func anImportSaysTheFileAndWhatItChanged() throws {
        let db = try TestDatabase()
        let file = db.folder.appendingPathComponent("kunden.csv")
        try "Name;Ort;E-Mail\nZeilen GmbH;Köln;info@zeilen.example\n".write(to: file, atomically: true, encoding: .utf8)
        _ = try db.bob.importFile(ImportOptions(kind: .customers, path: file.path))
        let id = try #require(try db.database.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM customers WHERE name = 'Zeilen GmbH'") })
        var texts = try db.database.customers.activity(of: id).map(\.text)
        #expect(texts == ["Customer imported from kunden.csv:2"], "\(texts)")
        // The log's lines are told apart by their second: the next import comes in the next.
        let second = Timestamp.now()
        while Timestamp.now() == second { usleep(20_000) }
        try "Name;Ort;E-Mail\nZeilen GmbH;Bonn;info@zeilen.example\n".write(to: file, atomically: true, encoding: .utf8)
        let again = try db.bob.importFile(ImportOptions(kind: .customers, path: file.path, update: true))
        #expect(again.updated == 1, "\(again)")
        texts = try db.database.customers.activity(of: id).map(\.text)
        #expect(texts.first == "Customer changed by an import: City", "\(texts)")
    }
}
