import Foundation
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

@MainActor
@Suite("Related pane and history")
struct NavigationTests {
    @Test func theRelatedPaneFollowsTheCursorBesideTheList() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let business = try h.seedMuellerBusiness()
        h.press(.char("/"))
        h.type("müller gmbh")
        var text = h.press(.enter)
        // Both sides of the business beside the list, with the money first.
        #expect(text.contains("⚠ 1 invoice overdue, 1.028,00 € · payment reminder") || text.contains("⚠ 1 invoice overdue, 1.028,00 €"), "\(text)")
        #expect(text.contains("Open tickets (1)"))
        #expect(text.contains("#\(business.ticket.id) Drucker druckt nur Sonderzeichen"))
        #expect(text.contains("Open deals (1)"))
        #expect(text.contains("Wartungsvertrag 2027"))
        #expect(text.contains(business.invoice.number!))
        h.press(.escape)
        text = h.press(.char("g"))
        #expect(text.contains("Café Crème 👍 Bistro"))
        #expect(text.contains("nothing owed"), "the pane followed the cursor:\n\(text)")
    }

    /// The pane is read away from the keyboard: the frame after a move
    /// shows the list moved at once, with the pane marked "…" until its
    /// rows arrive; then they are the new record's.
    @Test func aMoveDrawsTheListAtOnceAndThePaneFillsAfter() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        _ = try h.seedMuellerBusiness()
        h.press(.char("g"))
        let first = h.screen
        #expect(first.contains("Café Crème 👍 Bistro"), "\(first)")
        let before = h.cursorLine
        h.app.handle(.char("j"))
        let moved = h.app.frame(size: h.size).0.text
        let cursorNow = moved.split(separator: "\n").first { $0.hasPrefix("›") }.map(String.init)
        #expect(cursorNow != before, "the list moved in the first frame:\n\(moved)")
        #expect(!h.app.pane.isCurrent)
        h.app.settle()
        let filled = h.app.frame(size: h.size).0.text
        #expect(h.app.pane.isCurrent)
        #expect(h.app.pane.shown == h.app.activeScreen.highlighted)
        // The "…" in the pane's corner is gone once it has caught up.
        #expect(moved.filter { $0 == "…" }.count == filled.filter { $0 == "…" }.count + 1, "\(moved)\n\(filled)")
    }

    /// Holding `j` does not queue a reading per row: one runs at a time,
    /// and the pane ends on the record the cursor rests on.
    @Test func holdingJReadsOneAtATimeAndEndsWhereTheCursorRests() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        _ = try h.seedMuellerBusiness()
        h.press(.char("g"))
        for _ in 0..<12 {
            h.app.handle(.char("j"))
            _ = h.app.frame(size: h.size)
            #expect(h.app.pane.background.running <= 1)
        }
        h.app.settle()
        _ = h.app.frame(size: h.size)
        h.app.settle()
        #expect(h.app.pane.isCurrent)
        #expect(h.app.pane.shown == h.app.activeScreen.highlighted)
    }

    @Test func tabEntersThePaneAndEnterJumpsEscComesBack() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let business = try h.seedMuellerBusiness()
        h.press(.char("/"))
        h.type("müller gmbh")
        h.press(.enter, .tab)
        #expect(h.screen.contains("back to list"), "the footer offers the pane's keys:\n\(h.screen)")
        // The first linked row is the ticket.
        var text = h.press(.enter)
        #expect(h.app.activeIndex == 1, "on the Tickets screen:\n\(text)")
        #expect(text.contains("Drucker druckt nur Sonderzeichen"))
        #expect(text.contains("Customers › "), "the trail:\n\(text)")
        text = h.press(.escape)
        #expect(h.app.activeIndex == 0)
        #expect(text.contains("filter: müller gmbh"), "the filter is back:\n\(text)")
        #expect(h.cursorLine?.contains("Müller GmbH") == true)
        // And forward again.
        text = h.press(.char("f"))
        #expect(h.app.activeIndex == 1)
        #expect(text.contains("#\(business.ticket.id)"))
    }

    @Test func atEightyColumnsThePaneFoldsUnderTheListOnTab() throws {
        let h = try ScreenHarness()
        try h.seedMuellerBusiness()
        h.press(.char("/"))
        h.type("müller gmbh")
        var text = h.press(.enter)
        #expect(!text.contains("Open tickets (1)"), "no room for the pane at 80 columns:\n\(text)")
        text = h.press(.tab)
        #expect(text.contains("Open tickets (1)"), "Tab folds it open under the list:\n\(text)")
        #expect(text.contains("Customers"), "the list stays above it")
        text = h.press(.tab)
        #expect(!text.contains("Open tickets (1)"))
    }

    @Test func fromTheThreeSixtyViewToAnInvoiceAndBackToTheSameCustomer() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        let business = try h.seedMuellerBusiness()
        h.press(.char("/"))
        h.type("müller gmbh")
        h.press(.enter, .enter)
        // Walk to the invoice row: the contact, ticket, deal, invoice.
        h.press(.char("j"), .char("j"), .char("j"))
        var text = h.press(.enter)
        #expect(h.app.activeIndex == 3, "on the Invoices screen:\n\(text)")
        #expect(text.contains(business.invoice.number!))
        text = h.press(.escape)
        #expect(h.app.activeIndex == 0)
        #expect(text.contains("Contacts (1)") && text.contains("Müller GmbH"), "back in the 360° view:\n\(text)")
        // Esc now is the view's own: back to the list, filter kept.
        text = h.press(.escape)
        #expect(text.contains("filter: müller gmbh"))
    }
}

@MainActor
@Suite("Related pane on the deal board")
struct DealPaneTests {
    @Test func theBoardFoldsThePaneUnderItAndEscReturnsToTheSameDeal() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let business = try h.seedMuellerBusiness()
        let product = try h.database.products.create(ProductFields(sku: "DRU-1", name: "Druckerpatrone", price: "39,90"), by: h.session)
        try h.database.products.receive(productID: product.id, quantity: 2, by: h.session)
        _ = try h.database.deals.addLine(to: business.deal.id, DealLineFields(productID: product.id, description: "Druckerpatrone", quantity: 5, unitPriceCents: 3990),
                                         expectedVersion: business.deal.version, by: h.session)
        var text = h.press(.char("3"))
        #expect(text.contains("Wartungsvertrag 2027"))
        #expect(!text.contains("short 3"), "the board keeps its width:\n\(text)")
        text = h.press(.tab)
        // Deal → customer, lines with the stock available, the invoice it became.
        #expect(text.contains("Müller GmbH · Berlin"), "\(text)")
        #expect(text.contains("5 × Druckerpatrone · 2 available · short 3"), "\(text)")
        #expect(text.contains("not invoiced") || text.contains("Invoice"), "\(text)")
        // The first link is the customer: Enter opens it, Esc comes back to the deal.
        text = h.press(.enter)
        #expect(h.app.activeIndex == 0, "\(text)")
        #expect(text.contains("Contacts (1)"), "the customer's 360° view:\n\(text)")
        text = h.press(.escape)
        #expect(h.app.activeIndex == 2)
        #expect(text.contains("Wartungsvertrag 2027"))
    }
}

@MainActor
@Suite("Related pane on every screen")
struct RelatedPaneEveryScreenTests {
    @Test func aTicketShowsTheCustomersDunningState() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let business = try h.seedMuellerBusiness()
        h.app.open(screen: .tickets, at: ScreenLocation(highlighted: .ticket(business.ticket.id), title: "Tickets"))
        let text = h.screen
        #expect(h.cursorLine?.contains("Drucker druckt") == true, "\(text)")
        // The agent sees what is owed and how late at a glance.
        #expect(text.contains("⚠ 1 invoice overdue, 1.028,00 € · 2nd dunning notice (46 days)"), "\(text)")
        #expect(text.contains("Open and overdue invoices (1)"))
        #expect(text.contains("Open deals (1)"))
        // And in the ticket itself, beside its thread.
        h.press(.enter)
        #expect(h.screen.contains("2nd dunning notice"), "\(h.screen)")
    }

    @Test func anInvoiceShowsItsCustomerPaymentsAndProducts() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let business = try h.seedMuellerBusiness()
        h.app.open(screen: .invoices, at: ScreenLocation(highlighted: .invoice(business.invoice.id), title: "Invoices"))
        let text = h.screen
        #expect(text.contains("Invoice \(business.invoice.number!)"), "\(text)")
        #expect(text.contains("Müller GmbH · Berlin"))
        #expect(text.contains("Payments (1)"))
        #expect(text.contains("400,00 € · transfer"))
    }

    @Test func aProductShowsItsLedgerAndTheDealsQuotingIt() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let business = try h.seedMuellerBusiness()
        let product = try h.database.products.create(ProductFields(sku: "DRU-1", name: "Druckerpatrone", price: "39,90"), by: h.session)
        try h.database.products.receive(productID: product.id, quantity: 12, reference: "LS-1", by: h.session)
        _ = try h.database.deals.addLine(to: business.deal.id, DealLineFields(productID: product.id, description: "Druckerpatrone", quantity: 3),
                                         expectedVersion: business.deal.version, by: h.session)
        h.app.open(screen: .inventory, at: ScreenLocation(highlighted: .product(product.id), view: .inventory(.all), title: "Inventory"))
        let text = h.screen
        #expect(text.contains("DRU-1 · Druckerpatrone"), "\(text)")
        #expect(text.contains("Stock ledger"))
        #expect(text.contains("+12 → 12 · LS-1"), "\(text)")
        #expect(text.contains("Wartungsvertrag 2027 · Müller GmbH · 3 ×"), "\(text)")
    }

    @Test func aColleagueShowsTheirWorkAndRecentActivity() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let business = try h.seedMuellerBusiness()
        let me = try #require(try h.session.staffDirectory.find(username: "tester"))
        _ = try h.database.tickets.take(id: business.ticket.id, expectedVersion: business.ticket.version, by: h.session)
        h.app.open(screen: .staff, at: ScreenLocation(highlighted: .staff(me.id), title: "Staff"))
        let text = h.screen
        #expect(text.contains("Open tickets"), "\(text)")
        #expect(text.contains("#\(business.ticket.id) Drucker druckt nur Sonderzeichen"), "\(text)")
        #expect(text.contains("Recent activity"))
        #expect(text.contains("ticket #\(business.ticket.id)"), "\(text)")
    }
}

@MainActor
@Suite("Screen keys within a chain of jumps")
struct ScreenKeysInHistoryTests {
    @Test func aScreenKeyAfterAJumpIsOneMoreStepAndEscLeadsBack() throws {
        let h = try ScreenHarness()
        let business = try h.seedMuellerBusiness()
        // Without jumps, screen keys only change the tab: no trail.
        var text = h.press(.char("2"))
        #expect(!text.contains(" › "), "\(text)")
        h.press(.char("1"))
        h.app.open(.invoice(business.invoice.id))
        text = h.press(.char("2"))
        #expect(text.contains("Customers › Invoice \(business.invoice.number!) › Tickets"), "\(text)")
        h.press(.escape)
        #expect(h.app.activeIndex == 3, "back on the invoice")
        #expect(h.screen.contains("Invoice \(business.invoice.number!)"))
    }
}

@MainActor
@Suite("Coming back to a record view")
struct ComingBackToARecordTests {
    @Test func theThreeSixtyViewComesBackOnTheRowThatWasLeft() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        let business = try h.seedMuellerBusiness()
        h.app.open(.customer(business.customer.id))
        // Down past the contact to the invoice row, then the deal row above it; open the deal.
        h.press(.char("j"), .char("j"), .char("j"), .char("k"))
        // The cursor, with the row's own mark beside it ("~" a deal with nothing planned).
        let highlighted = { h.screen.split(separator: "\n").first { $0.range(of: "›[ ~★!] ", options: .regularExpression) != nil }.map(String.init) }
        let before = try #require(highlighted(), "\(h.screen)")
        #expect(before.contains("Wartungsvertrag 2027"), "\(h.screen)")
        h.press(.enter)
        #expect(h.app.activeIndex == 2)
        h.press(.escape)
        #expect(h.app.activeIndex == 0)
        #expect(highlighted() == before, "\(h.screen)")
        // Still in the record it was jumped to: Esc goes on back along the history.
        h.press(.escape)
        #expect(h.screen.contains("Customers  9 active"), "back on the list the jump came from:\n\(h.screen)")
    }
}
