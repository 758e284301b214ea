import Foundation
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

/// `u` as a person meets it: offered in the footer right after a change it
/// can take back, naming what it undoes, and gone a minute later.
@MainActor
@Suite("Undo on the screens")
struct UndoScreenTests {
    @Test func aSlipOfGreaterOnTheBoardIsTakenBackWithU() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        // Nothing done yet: u says why it does nothing.
        #expect(h.press(.char("u")).contains("nothing to undo now"))
        var text = h.press(.char(">"))
        #expect(try h.deal(f.rack).stage == .qualified)
        #expect(text.contains("u undo “Server rack” back to Lead"), "offered in the footer, naming what it undoes:\n\(text)")
        text = h.press(.char("u"))
        #expect(text.contains("Undone: “Server rack” back to Lead"), "\(text)")
        #expect(try h.deal(f.rack).stage == .lead)
        #expect(h.app.activeScreen.highlighted == .deal(f.rack), "the cursor follows the deal back, so the next key acts on it")
        #expect(!text.contains("u undo"), "used once:\n\(text)")
        #expect(try h.database.history(of: "deal", id: f.rack).last?.action == "undo")
    }

    /// At 80 columns the footer names the change in 28 cells; a wide
    /// terminal has the room to name it whole.
    @Test func aWideTerminalNamesTheChangeWhole() throws {
        let title = "Rechenzentrum Süd mit Notstromversorgung"
        for (width, whole) in [(80, false), (200, true)] {
            let h = try ScreenHarness(size: Size(width: width, height: width == 80 ? 24 : 50))
            let f = try h.dealsFixture(open: false)
            let rack = try #require(try h.database.deals.find(id: f.rack))
            var fields = rack.fields
            fields.title = title
            _ = try h.database.deals.update(id: f.rack, fields, expectedVersion: rack.version, by: h.session)
            h.press(.char("3"))
            let text = h.press(.char(">"))
            #expect(try h.deal(f.rack).stage == .qualified)
            #expect(text.contains("u undo “\(title)” back to Lead") == whole, "at \(width) columns:\n\(text)")
            #expect(text.contains("u undo “Rechenzentrum"), "at \(width) columns:\n\(text)")
        }
        #expect(App.footerRoom(28, terminal: 80) == 28)
        #expect(App.footerRoom(28, terminal: 200) == 88)
    }

    @Test func aTakenTicketIsGivenBackAndTheOfferEndsAfterAMinute() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let id = tickets["Drucker brennt"]!.id
        h.openTickets()
        h.press(.char("t"))
        #expect(try h.ticket(id).assigneeID == h.session.staff.id)
        var text = h.press(.char("u"))
        #expect(text.contains("Undone: assignment of #\(id)"), "\(text)")
        #expect(try h.ticket(id).assigneeID == nil)

        h.press(.char("t"))
        #expect(h.screen.contains("u undo"))
        // Taken again: already hers, said so, nothing written.
        let audit = try h.database.history(of: "ticket", id: id).count
        #expect(h.press(.char("t")).contains("#\(id) is yours already"), "\(h.screen)")
        #expect(try h.database.history(of: "ticket", id: id).count == audit)
        h.app.undoOffer?.until = Date().addingTimeInterval(-1)
        #expect(h.app.tick(), "the footer is drawn again when the offer ends")
        text = h.screen
        #expect(!text.contains("u undo"), "\(text)")
        #expect(h.press(.char("u")).contains("nothing to undo now"))
        #expect(try h.ticket(id).assigneeID == h.session.staff.id)
    }

    @Test func aColleaguesChangeSinceIsNeverOverwritten() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let id = tickets["Drucker brennt"]!.id
        h.openTickets()
        h.press(.char("t"))
        let (other, bob) = try h.elsewhere()
        let current = try #require(try other.tickets.find(id: id))
        try other.tickets.setPriority(id: id, .low, expectedVersion: current.version, by: bob)
        let text = h.press(.char("u"))
        #expect(text.contains("Not undone (assignment of #\(id)): Bob Front changed it at"), "\(text)")
        #expect(try h.ticket(id).assigneeID == h.session.staff.id)
        #expect(try h.ticket(id).priority == .low)
    }

    @Test func aDraftInvoiceMadeFromTheWinWithdrawsTheUndo() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        h.app.open(.deal(f.firewall))
        var text = h.press(.char(">"))
        #expect(text.contains("create draft invoice"), "\(text)")
        text = h.press(.char("y"))
        #expect(try h.deal(f.firewall).isInvoiced)
        #expect(!text.contains("u undo"), "the win is built on now:\n\(text)")
        #expect(h.press(.char("u")).contains("nothing to undo now"))
    }
}
