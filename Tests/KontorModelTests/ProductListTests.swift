import Foundation
import GRDB
@testable import KontorModel
import Testing

@Suite("Inventory list, reservations and where a product is used")
struct ProductListTests {
    /// Three products, one of them low on stock and one inactive.
    struct Fixture {
        let db: TestDatabase
        let coffee: Product
        let filter: Product
        let old: Product
        let customer: Customer

        init() throws {
            db = try TestDatabase()
            let products = db.database.products
            coffee = try products.create(ProductFields(sku: "KAF-1", ean: "4006381333931", name: "Kaffee Crema", price: "18,90", reorderPoint: "10"), by: db.carol)
            filter = try products.create(ProductFields(sku: "WFK-2", name: "Wasserfilter", price: "24,90", reorderPoint: "5"), by: db.carol)
            var oldFields = ProductFields(sku: "ALT-9", name: "Alte Mühle", price: "1,00")
            oldFields.active = false
            old = try products.create(oldFields, by: db.carol)
            try products.receive(productID: coffee.id, quantity: 50, reference: "LS-1", by: db.carol)
            try products.receive(productID: filter.id, quantity: 3, by: db.carol)
            customer = try db.database.customers.create(CustomerFields(name: "Müller GmbH"), by: db.bob)
        }
    }

    @Test func viewsAndSearchBySKUEANAndName() throws {
        let f = try Fixture()
        let products = f.db.database.products
        func names(_ query: ProductListQuery) throws -> [String] {
            try products.listPage(query, after: nil, limit: 10).map(\.product.fields.name)
        }
        #expect(try names(ProductListQuery()) == ["Kaffee Crema", "Wasserfilter"])
        #expect(try names(ProductListQuery(view: .lowStock)) == ["Wasserfilter"])
        #expect(try names(ProductListQuery(view: .inactive)) == ["Alte Mühle"])
        #expect(try names(ProductListQuery(view: .all)) == ["Alte Mühle", "Kaffee Crema", "Wasserfilter"])
        #expect(try names(ProductListQuery(view: .all, text: "wfk")) == ["Wasserfilter"])
        #expect(try names(ProductListQuery(view: .all, text: "4006381333931")) == ["Kaffee Crema"])
        #expect(try names(ProductListQuery(view: .all, text: "crem")) == ["Kaffee Crema"])
        #expect(try names(ProductListQuery(view: .all, text: "100%")) == [])
        // No letter or digit: nothing to match, so nothing is filtered out, as on every list.
        #expect(try names(ProductListQuery(view: .all, text: " -! ")) == ["Alte Mühle", "Kaffee Crema", "Wasserfilter"])
        #expect(try products.count(ProductListQuery(view: .all)) == 3)
        #expect(try products.count(ProductListQuery(view: .lowStock)) == 1)
    }

    @Test func theFilterFoldsAsEveryFilterDoesInAnyWordOrder() throws {
        let f = try Fixture()
        let products = f.db.database.products
        let rental = try products.create(ProductFields(sku: "MIET-0001", ean: "4000000000013", name: "Mietgerät Büro", price: "30,00"), by: f.db.carol)
        _ = try products.create(ProductFields(sku: "TEE-7", name: "Bio Tee 250 g", price: "4,50"), by: f.db.carol)
        _ = try products.create(ProductFields(sku: "FKM-1", name: "Filterkaffeemaschine Straße", price: "89,00"), by: f.db.carol)
        func names(_ text: String) throws -> [String] {
            try products.listPage(ProductListQuery(view: .all, text: text), after: nil, limit: 10).map(\.product.fields.name)
        }
        for typed in ["Mietgerät", "mietgerat", "MIETGERAET", "buero", "büro", "Buro miet", "0001", "miet-0001", "40000000000"] {
            #expect(try names(typed) == ["Mietgerät Büro"], "“\(typed)”")
        }
        #expect(try names("tee bio") == ["Bio Tee 250 g"], "words in any order")
        #expect(try names("kaffee") == ["Filterkaffeemaschine Straße", "Kaffee Crema"], "inside a word, as German joins them")
        #expect(try names("strasse") == ["Filterkaffeemaschine Straße"])
        #expect(try names("mühle") == ["Alte Mühle"])
        #expect(try names("tee kaffee").isEmpty, "every word")
        #expect(try names("%") == names("") && names("_") == names(""), "a wildcard alone is no word: nothing filtered out, as on every list")
        // Changed: the words follow.
        var fields = rental.fields
        fields.name = "Leihgerät"
        _ = try products.update(id: rental.id, fields, expectedVersion: rental.version, by: f.db.carol)
        #expect(try names("mietgerat").isEmpty)
        #expect(try names("leihgeraet") == ["Leihgerät"])
    }

    @Test func quantitiesAndPricesHaveTheInvoicesBounds() throws {
        let f = try Fixture()
        let products = f.db.database.products
        func field(_ body: () throws -> Void) -> String? {
            do { try body(); return nil } catch let KontorError.invalid(failure) { return failure.issues.first.map { "\($0.field): \($0.message)" } } catch { return "\(error)" }
        }
        #expect(field { try products.receive(productID: f.coffee.id, quantity: 99_999_999_999, by: f.db.carol) } == "quantity: must be 1 to 1000000")
        #expect(field { try products.adjust(productID: f.coffee.id, by: -1_123_456_788, reason: "Zählung", session: f.db.carol) }
                == "quantity: must be at most 1000000 either way")
        #expect(try products.stockLevel(of: f.coffee.id).onHand == 50, "nothing booked")
        #expect(field { try products.create(ProductFields(sku: "TEU-1", name: "Teuer", price: "1,00", cost: "99999999999"), by: f.db.carol) }
                == "cost: must be 0,00 to 100.000.000,00")
        #expect(field { try products.receive(productID: f.coffee.id, quantity: 1_000_000, by: f.db.carol) } == nil)
    }

    @Test func productsBeforeTheirWordsAreFoundAfterTheMigration() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("products-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let queue = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(queue, upTo: "v37-ticket-keys")
        try queue.write { db in
            try db.execute(sql: """
                INSERT INTO products (sku, ean, name, unit, price_cents, vat_rate_bp, created_at, updated_at, updated_by)
                VALUES ('MIET-1', NULL, 'Mietgerät Büro', 'Stk', 3000, 1900, '2026-01-01', '2026-01-01', 'alice')
                """)
        }
        let database = try KontorDatabase(writer: queue)
        let found = try database.products.listPage(ProductListQuery(view: .all, text: "buero mietgeraet"), after: nil, limit: 10)
        #expect(found.map(\.product.fields.name) == ["Mietgerät Büro"])
    }

    @Test func keysetPagesInBothDirections() throws {
        let db = try TestDatabase()
        for i in 0..<25 {
            try db.database.products.create(ProductFields(sku: "P-\(i)", name: String(format: "Produkt %02d", i), price: "1,00"), by: db.carol)
        }
        let products = db.database.products
        let first = try products.listPage(ProductListQuery(), after: nil, limit: 10)
        #expect(first.map(\.product.fields.sku) == (0..<10).map { "P-\($0)" })
        let second = try products.listPage(ProductListQuery(), after: first.last!.listKey, limit: 10)
        #expect(second.first?.product.fields.sku == "P-10")
        let inclusive = try products.listPage(ProductListQuery(), after: second[0].listKey, inclusive: true, limit: 1)
        #expect(inclusive.first?.id == second[0].id)
        let back = try products.listPage(ProductListQuery(), before: second[0].listKey, limit: 3)
        #expect(back.map(\.product.fields.sku) == ["P-7", "P-8", "P-9"])
        let last = try products.listPage(ProductListQuery(), before: nil, limit: 2)
        #expect(last.map(\.product.fields.sku) == ["P-23", "P-24"])
    }

    @Test func reservationsFromDraftInvoicesAndWonDeals() throws {
        let f = try Fixture()
        let products = f.db.database.products
        let draft = try f.db.database.invoices.createDraft(
            customerID: f.customer.id,
            lines: [InvoiceLineInput(productID: f.coffee.id, description: "Kaffee", quantity: 4, unitPriceCents: 1890, vatRate: .reduced)],
            by: f.db.carol)
        let deals = f.db.database.deals
        var deal = try deals.create(DealFields(customerID: f.customer.id, title: "Büroausstattung"), by: f.db.bob)
        deal = try deals.addLine(to: deal.id, DealLineFields(productID: f.coffee.id, quantity: 6), expectedVersion: deal.version, by: f.db.bob).deal
        // An open deal quotes the product but reserves nothing yet.
        #expect(try products.stockLevel(of: f.coffee.id).reserved == 4)
        deal = try deals.moveStage(id: deal.id, to: .won, expectedVersion: deal.version, by: f.db.bob)
        #expect(try products.stockLevel(of: f.coffee.id).reserved == 10)

        let row = try #require(try products.listPage(ProductListQuery(text: "KAF-1"), after: nil, limit: 1).first)
        #expect(row.reserved == 10 && row.available == 40)
        #expect(try products.listRow(id: f.coffee.id) == row)

        let open = try products.reservations(of: f.coffee.id, after: nil, limit: 10)
        #expect(open.map(\.source) == [.invoice, .deal])
        #expect(open.map(\.documentID) == [draft.id, deal.id])
        #expect(open.map(\.quantity) == [4, 6])
        #expect(open[1].title == "Büroausstattung" && open[1].customerName == "Müller GmbH")
        #expect(try products.reservations(of: f.coffee.id, after: open[0].id, limit: 10).map(\.source) == [.deal])
        #expect(try products.reservations(of: f.coffee.id, after: open[0].id, inclusive: true, limit: 10).count == 2)
        #expect(try products.reservations(of: f.coffee.id, before: nil, limit: 1).map(\.source) == [.deal])
        #expect(try products.reservations(of: f.coffee.id, before: open[1].id, limit: 5).map(\.source) == [.invoice])

        let dealUses = try products.dealUses(of: f.coffee.id, olderThan: nil, limit: 10)
        #expect(dealUses.map(\.dealID) == [deal.id])
        #expect(dealUses.first?.stage == .won)
        let invoiceUses = try products.invoiceUses(of: f.coffee.id, olderThan: nil, limit: 10)
        #expect(invoiceUses.map(\.invoiceID) == [draft.id])
        #expect(invoiceUses.first?.status == .draft && invoiceUses.first?.number == nil)
        #expect(invoiceUses.first?.customerName == "Müller GmbH")
        #expect(try products.invoiceUses(of: f.filter.id, olderThan: nil, limit: 10).isEmpty)
    }

    @Test func ledgerEntriesPageBothWaysWithBalances() throws {
        let f = try Fixture()
        let products = f.db.database.products
        for i in 1...5 { try products.adjust(productID: f.coffee.id, by: -i, reason: "Zählung \(i)", session: f.db.carol) }
        let newest = try products.ledgerEntries(of: f.coffee.id, olderThan: nil, limit: 3)
        #expect(newest.map(\.move.quantity) == [-5, -4, -3])
        #expect(newest.map(\.move.balance) == [35, 40, 44])
        let older = try products.ledgerEntries(of: f.coffee.id, olderThan: newest.last!.id, limit: 10)
        #expect(older.map(\.move.quantity) == [-2, -1, 50])
        #expect(older.last?.move.reference == "LS-1")
        let newer = try products.ledgerEntries(of: f.coffee.id, newerThan: older[0].id, limit: 2)
        #expect(newer.map(\.move.quantity) == [-4, -3])
        let oldest = try products.ledgerEntries(of: f.coffee.id, newerThan: nil, limit: 2)
        #expect(oldest.map(\.move.quantity) == [-1, 50])
        // The same balances as the model's own ledger.
        #expect(try products.ledger(of: f.coffee.id, limit: 3).map(\.balance) == newest.map(\.move.balance))
    }

    @Test func issuedInvoiceNumbersShowInTheLedger() throws {
        let f = try Fixture()
        var settings = try f.db.alice.settings()
        settings.name = "Kontor GmbH"
        settings.address = "Hauptstraße 1\n10115 Berlin"
        settings.vatID = "DE123456788"
        settings.completeForInvoices()
        try f.db.alice.saveSettings(settings)
        try f.db.readyToInvoice()
        let invoices = f.db.database.invoices
        let draft = try invoices.createDraft(
            customerID: f.customer.id,
            lines: [InvoiceLineInput(productID: f.coffee.id, description: "Kaffee", quantity: 2, unitPriceCents: 1890, vatRate: .reduced)],
            by: f.db.carol)
        let issued = try invoices.issue(draft.id, expectedVersion: draft.version, by: f.db.carol)
        let entry = try #require(try f.db.database.products.ledgerEntries(of: f.coffee.id, olderThan: nil, limit: 1).first)
        #expect(entry.move.kind == .issue && entry.move.quantity == -2)
        #expect(entry.invoiceNumber == issued.number)
        #expect(try f.db.database.products.stockLevel(of: f.coffee.id).reserved == 0)
    }
}
