import Foundation
import GRDB
@testable import KontorModel
import Testing

/// The indexed reads behind Inventory and Staff give what the plain
/// definitions give: reservations as the `product_reservations` view sums
/// them, the ledger's balances as a running sum, a person's open deals and
/// tickets as the unindexed queries list them.
@Suite("Reservations, ledger and workload read on indexes")
struct StockAndStaffIndexTests {
    /// What the view says each product has reserved.
    static func viewReserved(_ db: TestDatabase) throws -> [Int64: Int] {
        try db.database.read { db in
            var result: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT product_id, sum(quantity) AS q FROM product_reservations GROUP BY product_id") {
                result[row["product_id"]] = row["q"]
            }
            return result
        }
    }

    /// The non-zero quantities by product that `sql` (`product_id`, `quantity`) gives.
    static func quantities(_ db: TestDatabase, _ sql: String) throws -> [Int64: Int] {
        try db.database.read { db in
            var result: [Int64: Int] = [:]
            for row in try Row.fetchAll(db, sql: sql) where row["quantity"] as Int != 0 {
                result[row["product_id"]] = row["quantity"]
            }
            return result
        }
    }

    /// Every way the model reads reservations agrees with the view, for every product.
    static func expectAgreement(_ db: TestDatabase, _ productIDs: [Int64], _ note: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let products = db.database.products
        let view = try viewReserved(db)
        let kept = try quantities(db, "SELECT product_id, quantity FROM reservation_totals")
        #expect(kept == view.filter { $0.value != 0 }, "kept vs view: \(note)", sourceLocation: sourceLocation)
        let summed = try quantities(db, ReservationSQL.summed)
        #expect(summed == view.filter { $0.value != 0 }, "summed vs view: \(note)", sourceLocation: sourceLocation)
        for id in productIDs {
            let expected = view[id] ?? 0
            #expect(try products.stockLevel(of: id).reserved == expected, "stock level of \(id): \(note)", sourceLocation: sourceLocation)
            #expect(try products.listRow(id: id)?.reserved == expected, "list row of \(id): \(note)", sourceLocation: sourceLocation)
            let pane = try products.reservations(of: id, after: nil, limit: 1000)
            #expect(pane.reduce(0) { $0 + $1.quantity } == expected, "reservations pane of \(id): \(note)", sourceLocation: sourceLocation)
        }
    }

    @Test func reservationsFollowDraftsAndWonDealsThroughTheirLives() throws {
        let db = try TestDatabase()
        var settings = try db.alice.settings()
        settings.vatID = "DE123456788" // an invoice must name one to be issued
        settings.completeForInvoices()
        try db.alice.saveSettings(settings)
        let products = db.database.products
        let coffee = try products.create(ProductFields(sku: "KAF-1", name: "Kaffee", price: "18,90"), by: db.carol)
        let mill = try products.create(ProductFields(sku: "MUE-1", name: "Mühle", price: "99,00"), by: db.carol)
        try products.receive(productID: coffee.id, quantity: 100, by: db.carol)
        try products.receive(productID: mill.id, quantity: 10, by: db.carol)
        let ids = [coffee.id, mill.id]
        let customer = try db.database.customers.create(CustomerFields(name: "Müller GmbH"), by: db.bob)
        try db.readyToInvoice()
        let invoices = db.database.invoices
        let deals = db.database.deals
        try Self.expectAgreement(db, ids, "nothing yet")

        // Draft invoices: lines added, changed, removed; one deleted, one issued.
        var draft = try invoices.createDraft(customerID: customer.id, lines: [
            InvoiceLineInput(productID: coffee.id, description: "Kaffee", quantity: 4, unitPriceCents: 1890, vatRate: .reduced),
            InvoiceLineInput(productID: mill.id, description: "Mühle", quantity: 1, unitPriceCents: 9900, vatRate: .standard),
            InvoiceLineInput(description: "Versand", quantity: 1, unitPriceCents: 500, vatRate: .standard),
        ], by: db.carol)
        try Self.expectAgreement(db, ids, "one draft")
        draft = try invoices.addLine(to: draft.id, InvoiceLineInput(productID: coffee.id, description: "Kaffee extra", quantity: 3,
                                                                    unitPriceCents: 1890, vatRate: .reduced),
                                     expectedVersion: draft.version, by: db.carol)
        try Self.expectAgreement(db, ids, "a line added")
        let lines = try invoices.lines(of: draft.id)
        let millLine = try #require(lines.first { $0.productID == mill.id })
        draft = try invoices.removeLine(millLine.id, expectedVersion: draft.version, by: db.carol)
        try Self.expectAgreement(db, ids, "a line removed")
        let doomed = try invoices.createDraft(customerID: customer.id, lines: [
            InvoiceLineInput(productID: mill.id, description: "Mühle", quantity: 2, unitPriceCents: 9900, vatRate: .standard),
        ], by: db.carol)
        try Self.expectAgreement(db, ids, "two drafts")
        try invoices.deleteDraft(doomed.id, expectedVersion: doomed.version, by: db.carol)
        try Self.expectAgreement(db, ids, "a draft deleted")
        let issued = try invoices.issue(draft.id, expectedVersion: draft.version, by: db.carol)
        try Self.expectAgreement(db, ids, "the draft issued")
        _ = try invoices.cancel(issued.id, reason: "falsch", expectedVersion: issued.version, by: db.carol)
        try Self.expectAgreement(db, ids, "cancelled by a credit note")

        // Deals: open, won, invoiced (the draft takes over the reservation),
        // the draft deleted (the deal reserves again), back to an open stage.
        var deal = try deals.create(DealFields(customerID: customer.id, title: "Büro"), by: db.bob)
        deal = try deals.addLine(to: deal.id, DealLineFields(productID: coffee.id, quantity: 6), expectedVersion: deal.version, by: db.bob).deal
        deal = try deals.addLine(to: deal.id, DealLineFields(productID: mill.id, quantity: 2), expectedVersion: deal.version, by: db.bob).deal
        try Self.expectAgreement(db, ids, "an open deal")
        deal = try deals.moveStage(id: deal.id, to: .won, expectedVersion: deal.version, by: db.bob)
        try Self.expectAgreement(db, ids, "the deal won")
        #expect(try products.stockLevel(of: coffee.id).reserved == 6)
        let fromDeal = try invoices.createDraft(fromDeal: deal.id, by: db.carol)
        try Self.expectAgreement(db, ids, "the won deal invoiced as a draft")
        try invoices.deleteDraft(fromDeal.id, expectedVersion: fromDeal.version, by: db.carol)
        try Self.expectAgreement(db, ids, "its draft deleted")
        deal = try #require(try deals.find(id: deal.id))
        deal = try deals.moveStage(id: deal.id, to: .negotiation, expectedVersion: deal.version, by: db.bob)
        try Self.expectAgreement(db, ids, "the deal back in negotiation")
    }

    @Test func ledgerBalancesMatchTheRunningSumInEveryWindow() throws {
        let db = try TestDatabase()
        let products = db.database.products
        let coffee = try products.create(ProductFields(sku: "KAF-1", name: "Kaffee", price: "18,90"), by: db.carol)
        let other = try products.create(ProductFields(sku: "TEE-1", name: "Tee", price: "4,90"), by: db.carol)
        for i in 1...12 {
            try products.receive(productID: coffee.id, quantity: 10 * i, by: db.carol)
            try products.receive(productID: other.id, quantity: 1, by: db.carol)
            try products.adjust(productID: coffee.id, by: -i, reason: "Zählung \(i)", session: db.carol)
        }
        // The model's window-function ledger is the reference.
        let all = try products.ledger(of: coffee.id, limit: 100)
        #expect(all.count == 24)
        for size in [1, 3, 5, 24, 30] {
            var seen: [StockMove] = []
            var page = try products.ledgerEntries(of: coffee.id, olderThan: nil, limit: size)
            while !page.isEmpty {
                seen += page.map(\.move)
                page = try products.ledgerEntries(of: coffee.id, olderThan: page.last!.id, limit: size)
            }
            #expect(seen == all, "older windows of \(size)")
            var back: [StockMove] = []
            page = try products.ledgerEntries(of: coffee.id, newerThan: nil, limit: size)
            while !page.isEmpty {
                back = page.map(\.move) + back
                page = try products.ledgerEntries(of: coffee.id, newerThan: page.first!.id, limit: size)
            }
            #expect(back == all, "newer windows of \(size)")
        }
        #expect(try products.ledgerEntries(of: coffee.id, olderThan: all.last!.id, limit: 5).isEmpty)
    }

    @Test func openDealsAndTicketsWindowsMatchTheUnindexedLists() throws {
        let db = try TestDatabase()
        let bobID = db.bob.staff.id
        let customer = try db.database.customers.create(CustomerFields(name: "Müller GmbH"), by: db.bob)
        let deals = db.database.deals
        var expected: [Int64] = []
        let stages: [DealStage] = [.lead, .qualified, .proposal, .negotiation, .won, .lead, .negotiation, .qualified, .lost, .proposal, .lead]
        for (i, stage) in stages.enumerated() {
            var deal = try deals.create(DealFields(customerID: customer.id, title: "Deal \(i)", ownerID: bobID), by: db.bob)
            if stage == .lost {
                try deals.moveStage(id: deal.id, to: .lost, lostReason: "zu teuer", expectedVersion: deal.version, by: db.bob)
            } else if stage != .lead {
                deal = try deals.moveStage(id: deal.id, to: stage, expectedVersion: deal.version, by: db.bob)
            }
            if DealStage.open.contains(stage) { expected.append(deal.id) }
        }
        _ = try deals.create(DealFields(customerID: customer.id, title: "Carols", ownerID: db.carol.staff.id), by: db.bob)
        expected.sort(by: >)
        let directory = db.alice.staffDirectory
        for size in [1, 2, 4, 20] {
            var seen: [Int64] = []
            var page = try directory.openDeals(of: bobID, olderThan: nil, limit: size)
            while !page.isEmpty {
                #expect(page.count <= size)
                seen += page.map(\.id)
                page = try directory.openDeals(of: bobID, olderThan: page.last!.id, limit: size)
            }
            #expect(seen == expected, "older windows of \(size)")
            var back: [Int64] = []
            page = try directory.openDeals(of: bobID, newerThan: nil, limit: size)
            while !page.isEmpty {
                back = page.map(\.id) + back
                page = try directory.openDeals(of: bobID, newerThan: page.first!.id, limit: size)
            }
            #expect(back == expected, "newer windows of \(size)")
        }
        #expect(try directory.row(id: bobID)?.openDeals == expected.count)

        let tickets = db.database.tickets
        for i in 0..<7 {
            let ticket = try tickets.create(TicketFields(subject: "Ticket \(i)", customerID: customer.id), by: db.bob)
            let mine = try tickets.assign(id: ticket.id, to: i == 3 ? db.carol.staff.id : bobID, expectedVersion: ticket.version, by: db.bob)
            if i == 5 { try tickets.setStatus(id: ticket.id, .resolved, expectedVersion: mine.version, by: db.bob) }
        }
        let queue = try tickets.page(.mine(bobID), after: nil, limit: 100)
        #expect(queue.count == 5)
        #expect(try directory.openTickets(of: bobID, after: nil, limit: 100) == queue)
        let second = try directory.openTickets(of: bobID, after: queue[1].queueKey, limit: 2)
        #expect(second.map(\.id) == queue[2...3].map(\.id))
        #expect(try directory.openTickets(of: bobID, after: queue[1].queueKey, inclusive: true, limit: 1).map(\.id) == [queue[1].id])
        #expect(try directory.openTickets(of: bobID, before: nil, limit: 2).map(\.id) == queue[3...4].map(\.id))
        #expect(try directory.openTickets(of: bobID, before: queue[2].queueKey, limit: 5).map(\.id) == queue[0...1].map(\.id))
    }

    @Test func theReadsWalkTheirIndexes() throws {
        let db = try TestDatabase()
        let plans: [String] = try db.database.read { db in
            try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + ReservationSQL.summed).map { $0["detail"] as String }
        }
        // No pass over a whole table: every step searches or walks an index
        // (the outer sum reads the per-kind sums, not a table).
        #expect(!plans.contains { $0.hasPrefix("SCAN") && !$0.contains("INDEX") && !$0.contains("CONSTANT ROW") && !$0.contains("(subquery") }, "\(plans)")
        #expect(plans.contains { $0.contains("invoices_open_drafts") } && plans.contains { $0.contains("deals_won_uninvoiced") })
    }
}
