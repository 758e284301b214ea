import Foundation
@testable import KontorModel
import Testing

@Suite("Inventory and the stock ledger")
struct InventoryTests {
    func product(_ db: TestDatabase, sku: String = "KAF-500", price: String = "12,50", rate: VATRate = .reduced) throws -> Product {
        try db.database.products.create(ProductFields(sku: sku, ean: "4006381333931", name: "Kaffee Crema 500 g", unit: "Pck",
                                                      price: price, vatRate: rate, cost: "7,80", reorderPoint: "10"), by: db.carol)
    }

    @Test func createValidatesAndKeepsSKUUnique() throws {
        let db = try TestDatabase()
        let created = try product(db, sku: " kaf-500 ")
        #expect(created.fields.sku == "KAF-500")
        #expect(created.priceCents == 1250)
        #expect {
            try db.database.products.create(ProductFields(sku: "Kaf-500", name: "Other", price: "1,00"), by: db.carol)
        } throws: { error in
            (error as? KontorError).map { "\($0)".contains("KAF-500 is already used by Kaffee Crema 500 g") } ?? false
        }
        #expect {
            try db.database.products.create(ProductFields(sku: "X 1", ean: "4006381333932", name: "", price: "abc", reorderPoint: "-1"), by: db.carol)
        } throws: { error in
            guard case let .invalid(failure) = error as? KontorError else { return false }
            return Set(failure.issues.map(\.field)) == ["SKU", "EAN", "name", "price", "reorder point"]
        }
    }

    @Test func moneyParsesGermanAndPlainAmounts() {
        #expect(Money.parse("12,50") == 1250)
        #expect(Money.parse("1.234,5") == 123450)
        #expect(Money.parse("1234.56") == 123456)
        #expect(Money.parse("7") == 700)
        #expect(Money.parse("12.345") == 1234500) // a point groups thousands
        #expect(Money.parse("1,234.50") == 123450)
        // A comma is decimal: three places are refused, not read as thousands.
        #expect(Money.parse("12,345") == nil)
        #expect(Money.parse("0,125") == nil)
        #expect(Money.parse("1,2,3") == nil || Money.parse("1,2,3") == 1230)
        #expect(Money.parse("abc") == nil)
        #expect(Money.parse("") == nil)
        #expect(Money.format(cents: 123450) == "1.234,50")
        #expect(Money.format(cents: -5) == "-0,05")
    }

    @Test func eanCheckDigits() {
        #expect(ProductFields.isValidEAN("4006381333931"))
        #expect(!ProductFields.isValidEAN("4006381333932"))
        #expect(ProductFields.isValidEAN("96385074"))
        #expect(!ProductFields.isValidEAN("12345"))
    }

    @Test func onHandIsTheSumOfTheLedger() throws {
        let db = try TestDatabase()
        let p = try product(db)
        try db.database.products.receive(productID: p.id, quantity: 40, reference: "LS-4711", by: db.carol)
        try db.database.products.adjust(productID: p.id, by: -3, reason: "Bruch beim Auspacken", session: db.carol)
        let level = try db.database.products.stockLevel(of: p.id)
        #expect(level.onHand == 37)
        let ledger = try db.database.products.ledger(of: p.id, limit: 10)
        #expect(ledger.map(\.quantity) == [-3, 40])
        #expect(ledger.map(\.balance) == [37, 40])
        #expect(ledger.first?.reason == "Bruch beim Auspacken")
        #expect(ledger.first?.createdBy == "carol")
        let sum = try db.database.read { db in try Int.fetchOne(db, sql: "SELECT sum(quantity) FROM stock_moves WHERE product_id = ?", arguments: [p.id]) }
        #expect(sum == 37)
    }

    @Test func stockNeverGoesNegativeUnlessAllowed() throws {
        let db = try TestDatabase()
        let p = try product(db)
        try db.database.products.receive(productID: p.id, quantity: 2, by: db.carol)
        #expect {
            try db.database.products.adjust(productID: p.id, by: -3, reason: "Inventur", session: db.carol)
        } throws: { error in "\(error)".contains("not enough stock of KAF-500 Kaffee Crema 500 g: 2 on hand, 3 needed") }
        // The database refuses it too, whatever tool writes.
        #expect(throws: (any Error).self) {
            try db.raw("INSERT INTO stock_moves (product_id, quantity, kind, reason, created_by, created_at) VALUES (\(p.id), -5, 'adjustment', 'x', 'sqlite3', 'now')")
        }
        var settings = try db.alice.settings()
        settings.allowNegativeStock = true
        settings.completeForInvoices()
        try db.alice.saveSettings(settings)
        try db.database.products.adjust(productID: p.id, by: -3, reason: "Nachlieferung folgt", session: db.carol)
        #expect(try db.database.products.stockLevel(of: p.id).onHand == -1)
    }

    @Test func adjustmentsNeedAReasonAndLedgerIsAppendOnly() throws {
        let db = try TestDatabase()
        let p = try product(db)
        #expect(throws: KontorError.self) { try db.database.products.adjust(productID: p.id, by: 5, reason: "  ", session: db.carol) }
        try db.database.products.receive(productID: p.id, quantity: 5, by: db.carol)
        #expect(throws: (any Error).self) { try db.raw("UPDATE stock_moves SET quantity = 500") }
        #expect(throws: (any Error).self) { try db.raw("DELETE FROM stock_moves") }
        #expect(throws: (any Error).self) { try db.raw("UPDATE products SET on_hand = 999 WHERE id = \(p.id)") }
        #expect(try db.database.products.stockLevel(of: p.id).onHand == 5)
    }

    @Test func barcodeFindsTheProduct() throws {
        let db = try TestDatabase()
        let p = try product(db)
        #expect(try db.database.products.find(code: "4006381333931")?.id == p.id)
        #expect(try db.database.products.find(code: "kaf-500")?.id == p.id)
        #expect(try db.database.products.page(.active, text: "kaffee", after: nil, limit: 10).map(\.id) == [p.id])
        #expect(try db.database.products.page(.lowStock, after: nil, limit: 10).map(\.id) == [p.id])
    }

    @Test func frontOfficeCannotChangeStock() throws {
        let db = try TestDatabase()
        let p = try product(db)
        #expect(throws: KontorError.denied(username: "bob", role: .front, action: "change invoices, payments, products or stock")) {
            try db.database.products.receive(productID: p.id, quantity: 1, by: db.bob)
        }
        try db.database.products.receive(productID: p.id, quantity: 1, by: db.dave)
    }
    /// A service has no stock: pieces still on hand could be neither sold
    /// from stock nor written off once it was one.
    @Test func aProductWithStockOnHandDoesNotBecomeAService() throws {
        let db = try TestDatabase()
        var coffee = try product(db)
        try db.database.products.receive(productID: coffee.id, quantity: 5, by: db.carol)
        coffee = try #require(try db.database.products.find(id: coffee.id))
        var fields = coffee.fields
        fields.stocked = false
        #expect { try db.database.products.update(id: coffee.id, fields, expectedVersion: coffee.version, by: db.carol) } throws: {
            "\($0)".contains("kind: cannot be set while 5 pieces are on hand")
        }
        try db.database.products.adjust(productID: coffee.id, by: -5, reason: "Inventur", session: db.carol)
        coffee = try #require(try db.database.products.find(id: coffee.id))
        let service = try db.database.products.update(id: coffee.id, fields, expectedVersion: coffee.version, by: db.carol)
        #expect(service.fields.stocked == false)
    }
}

@Suite("Services")
struct ServiceTests {
    @Test func aServiceIsInvoicedWithoutStockAndCannotBeReceived() throws {
        let f = try InvoiceFixture()
        let callOut = try f.db.database.products.create(ProductFields(sku: "ANF-1", name: "Anfahrtspauschale", unit: "Psch", price: "49,00",
                                                                      stocked: false), by: f.db.carol)
        #expect(callOut.fields.stocked == false)
        #expect(!callOut.isBelowReorderPoint)
        #expect(throws: KontorError.self) { try f.db.database.products.receive(productID: callOut.id, quantity: 1, by: f.db.carol) }
        let draft = try f.invoices.createDraft(customerID: f.customer.id, lines: [
            InvoiceLineInput(productID: callOut.id, description: "Anfahrtspauschale", quantity: 2, unit: "Psch", unitPriceCents: 4900, vatRate: .standard),
            InvoiceLineInput(productID: f.coffee.id, description: "Kaffee Crema 500 g", quantity: 1, unit: "Pck", unitPriceCents: 1250, vatRate: .reduced),
        ], by: f.db.carol)
        let issued = try f.invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.carol)
        #expect(issued.status == .issued)
        // The goods left stock; the service moved nothing.
        #expect(try f.db.database.products.find(id: f.coffee.id)?.onHand == 99)
        #expect(try f.db.database.products.find(id: callOut.id)?.onHand == 0)
        #expect(try f.db.database.products.ledger(of: callOut.id, limit: 10).isEmpty)
        // Cancelling returns the goods and, again, nothing for the service.
        _ = try f.invoices.cancel(issued.id, expectedVersion: issued.version, by: f.db.carol)
        #expect(try f.db.database.products.find(id: f.coffee.id)?.onHand == 100)
        #expect(try f.db.database.products.ledger(of: callOut.id, limit: 10).isEmpty)
    }

    /// What a draft would lack in stock: goods only, their lines summed,
    /// nothing when the company allows negative stock.
    @Test func aDraftsShortagesAreItsGoodsBeyondWhatIsOnHand() throws {
        let f = try InvoiceFixture()
        let callOut = try f.db.database.products.create(ProductFields(sku: "ANF-1", name: "Anfahrtspauschale", unit: "Psch", price: "49,00",
                                                                      stocked: false), by: f.db.carol)
        func line(_ product: Product, _ quantity: Int) -> InvoiceLineInput {
            InvoiceLineInput(productID: product.id, description: product.fields.name, quantity: Quantity(quantity), unit: product.fields.unit,
                             unitPriceCents: 100, vatRate: .standard)
        }
        let draft = try f.invoices.createDraft(customerID: f.customer.id, lines: [line(callOut, 500), line(f.coffee, 60), line(f.coffee, 41)],
                                               by: f.db.carol)
        #expect(try f.invoices.stockShortages(of: draft.id) == [StockShortage(sku: "KAF-500", name: "Kaffee Crema 500 g", onHand: 100, needed: 101)])
        #expect(throws: KontorError.self) { try f.invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.carol) }
        var settings = try f.db.alice.settings()
        settings.allowNegativeStock = true
        try f.db.alice.saveSettings(settings)
        #expect(try f.invoices.stockShortages(of: draft.id).isEmpty)
        #expect(try f.invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.carol).status == .issued)
    }

}
