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
}
