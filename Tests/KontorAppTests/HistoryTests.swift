import Foundation
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

/// The history behaves like a browser's: forward only until the user goes
/// somewhere new, a trail that holds each place once, Esc that goes back
/// only where a jump put the user, and a key up from a record to its list.
@MainActor
@Suite("History like a browser's")
struct HistoryTests {
    @Test func forwardBringsNothingBackAfterANewCustomerIsCreated() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedMuellerBusiness()
        h.app.open(.invoice(business.invoice.id))
        h.press(.escape)
        #expect(h.app.activeIndex == 0 && h.app.history.canGoForward, "back out of the invoice, forward offered")
        // Something new: a customer created opens in its 360° view.
        h.press(.char("n"))
        h.type("Neue Rösterei GmbH")
        h.press(.ctrl("s"))
        #expect(h.screen.contains("Saved Neue Rösterei GmbH"), "\(h.screen)")
        #expect(!h.app.history.canGoForward)
        #expect(!h.screen.contains("f forward"), "the footer offers no forward:\n\(h.screen)")
        h.press(.char("f"))
        #expect(h.app.activeIndex == 0, "f did not open the old invoice")
        #expect(!h.screen.contains("Invoice \(business.invoice.number!)"), "\(h.screen)")
    }

    /// A report opened after a jump (the open items) closes with Esc, back
    /// to the list beneath it; Esc only then goes back along the jumps.
    @Test func escClosesAReportOpenedAfterAJumpBeforeGoingBack() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedMuellerBusiness()
        h.app.open(.ticket(business.ticket.id))
        h.press(.char("4"))
        #expect(h.app.activeIndex == 3, "\(h.screen)")
        h.press(.char("o"))
        #expect(h.screen.contains("Open items as of"), "\(h.screen)")
        h.press(.escape)
        #expect(h.app.activeIndex == 3 && !h.screen.contains("Open items as of"), "back on the invoice list:\n\(h.screen)")
    }

    @Test func movingInTheListAfterGoingBackKeepsTheWayForward() throws {
        let h = try ScreenHarness()
        let business = try h.seedMuellerBusiness()
        h.app.open(.invoice(business.invoice.id))
        h.press(.escape)
        h.press(.char("j"), .char("k"))
        h.press(.char("f"))
        #expect(h.app.activeIndex == 3 && h.screen.contains("Invoice \(business.invoice.number!)"), "\(h.screen)")
    }

    @Test func screenKeysInsideAChainDoNotGrowTheTrail() throws {
        let h = try ScreenHarness()
        let business = try h.seedMuellerBusiness()
        h.app.open(.invoice(business.invoice.id))
        var longest = 0
        for _ in 0..<10 {
            for key in ["2", "3", "4", "2", "3"] as [Character] {
                h.press(.char(key))
                longest = max(longest, h.app.history.trail.count)
            }
        }
        #expect(longest <= 4, "each of the four places once on the trail, however often the keys are pressed")
        // Back on the invoice the chain began with, each place is on the trail once,
        // the one just left on top: Esc goes back there, as a browser's back does.
        h.press(.char("4"))
        #expect(h.app.history.trail == ["Customers", "Invoice \(business.invoice.number!)", "Tickets", "Deals"], "\(h.app.history.trail)")
        h.press(.escape)
        #expect(h.app.activeIndex == 2, "Esc leads back to where the person just was")
    }

    /// Palette → customer → one of its tickets → `c` to the customer again:
    /// Esc goes back to the ticket, not past it to the list.
    @Test func aJumpToAPlaceBehindKeepsTheWayBackToWhereThePersonWas() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedMuellerBusiness()
        h.press(.char("2"))
        h.app.open(.customer(business.customer.id))
        h.app.open(.ticket(business.ticket.id))
        #expect(h.app.history.trail == ["Tickets", "Müller GmbH"], "\(h.app.history.trail)")
        h.app.open(.customer(business.customer.id))
        #expect(h.app.history.trail == ["Tickets", "Müller GmbH", "Ticket #\(business.ticket.id)"], "\(h.app.history.trail)")
        // Back retraces: the ticket, the customer it was opened from, the list before.
        let back = h.press(.escape)
        #expect(back.contains("Ticket #\(business.ticket.id)") && h.app.activeIndex == 1, "\(back)")
        h.press(.escape)
        #expect(h.app.activeScreen.location.record == .customer(business.customer.id), "\(h.screen)")
        h.press(.escape)
        #expect(h.app.activeIndex == 1 && h.app.activeScreen.location.record == nil, "\(h.screen)")
    }

    /// A screen's own key in its record goes up to its list, and the
    /// trail does not then name the list twice ("Customers › Customers").
    @Test func aScreensOwnKeyInItsRecordLeavesNoTrailNamingItself() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedMuellerBusiness()
        let cases: [(key: Character, line: String, list: String, record: String)] = [
            ("1", "cust müller gmbh", "Customers", "Müller GmbH"),
            ("2", "ticket #\(business.ticket.id)", "Tickets", "Ticket #\(business.ticket.id)"),
            ("4", "inv \(business.invoice.number!)", "Invoices", "Invoice \(business.invoice.number!)"),
        ]
        for step in cases {
            h.press(.char(step.key))
            h.command(step.line)
            let opened = h.press(.enter)
            #expect(opened.contains("\(step.list) › \(step.record)"), "\(step.line):\n\(opened)")
            let list = h.press(.char(step.key))
            #expect(h.app.activeScreen.location.record == nil, "\(step.key) goes up to the list:\n\(list)")
            #expect(!list.contains("\(step.list) › \(step.list)"), "\(step.key):\n\(list)")
            #expect(!list.contains("back to \(step.list)"), "the footer offers no way back to where the person is:\n\(list)")
        }
    }

    @Test func kundenKundenNeitherInGerman() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30), language: .german)
        h.press(.char("1"))
        h.command("cust zeta systems")
        let opened = h.press(.enter)
        #expect(opened.contains("Kunden › Zeta Systems"), "\(opened)")
        let list = h.press(.char("1"))
        #expect(!list.contains("Kunden › Kunden"), "\(list)")
        #expect(!list.contains("zurück: Kunden"), "\(list)")
    }

    @Test func escOnARecordOpenedFromItsListClosesItAfterSteppingBack() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedMuellerBusiness()
        h.app.open(.customer(business.customer.id))
        h.press(.char("2"))
        // The ticket is opened from the queue by the screen's own Enter, not by a jump.
        h.press(.enter)
        #expect(h.app.activeScreen.location.record == .ticket(business.ticket.id))
        h.app.open(.invoice(business.invoice.id))
        h.press(.escape)
        #expect(h.app.activeScreen.location.record == .ticket(business.ticket.id), "back on the ticket")
        // Esc now closes the ticket to the queue, as before the jump; it does not leave the screen.
        h.press(.escape)
        #expect(h.app.activeIndex == 1 && h.app.activeScreen.location.record == nil, "\(h.screen)")
        // From the queue, Esc goes on back along the history.
        h.press(.escape)
        #expect(h.app.activeIndex == 0 && h.app.activeScreen.location.record == .customer(business.customer.id))
    }

    @Test func theScreensOwnKeyGoesUpFromARecordToItsList() throws {
        let h = try ScreenHarness()
        let business = try h.seedMuellerBusiness()
        h.app.open(.ticket(business.ticket.id))
        h.press(.char("1"))
        // 2 comes back to the ticket as it was left …
        h.press(.char("2"))
        #expect(h.app.activeScreen.location.record == .ticket(business.ticket.id))
        // … and 2 again goes up to the queue.
        h.press(.char("2"))
        #expect(h.app.activeIndex == 1 && h.app.activeScreen.location.record == nil)
        #expect(h.screen.contains("Tickets · "), "\(h.screen)")
        // :tickets does the same.
        h.press(.enter)
        #expect(h.app.activeScreen.location.record != nil)
        h.command("tickets")
        h.press(.enter)
        #expect(h.app.activeIndex == 1 && h.app.activeScreen.location.record == nil, "\(h.screen)")
    }

    @Test func theOwnKeyDoesNotThrowAwayAFormsTyping() throws {
        let h = try ScreenHarness()
        let business = try h.seedMuellerBusiness()
        h.app.open(.customer(business.customer.id))
        h.press(.char("e"))
        h.type("x")
        h.press(.tab)
        // In a form, 1 is typed into the field; the form stays.
        h.press(.char("1"))
        #expect(h.app.activeScreen.hasUnsavedChanges)
    }
}
