import Foundation
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

/// The header's badge, the bell and `!`, as a person at the desk meets them.
@MainActor
@Suite("Notices on the screen")
struct NoticeScreenTests {
    @Test func aColleaguesNewTicketShowsAsABadgeAt80ColumnsWithoutTakingTheKeys() throws {
        let h = try ScreenHarness()
        let backend = HeadlessBackend(size: h.size)
        h.app.backend = backend
        let customer = try #require(try h.customer(named: "Müller GmbH"))
        // Typing into the filter when it arrives: the typing goes on.
        h.press(.char("/"))
        h.type("mü")
        let ticket = try h.database.tickets.create(TicketFields(subject: "Drucker brennt", customerID: customer.id), by: h.bob)
        #expect(h.app.tick())
        h.type("ller")
        var text = h.screen
        let header = String(text.split(separator: "\n")[0])
        #expect(header.hasSuffix(" !1"), "the badge at the right of the header:\n\(header)")
        #expect(header.contains("0 Dashboard"), "every tab still there:\n\(header)")
        #expect(text.contains("filter") || text.contains("müller"), "\(text)")
        #expect(backend.bells == 0, "no bell unless asked for")

        h.press(.enter, .char("!"))
        text = h.screen
        #expect(text.contains("What arrived"), "\(text)")
        #expect(text.contains("new (bob)") && text.contains("#\(ticket.id) Drucker brennt · Müller GmbH"), "\(text)")
        #expect(!String(text.split(separator: "\n")[0]).contains("!1"), "seen: the badge is gone")

        // b rings the bell from now on, and the choice is kept.
        h.press(.char("b"))
        #expect(h.screen.contains("bell on"))
        #expect(try h.session.preferences().isOn(.bell))
        h.press(.enter)
        #expect(h.screen.contains("Drucker brennt") && h.app.activeScreen.id == .tickets, "Enter opened the ticket:\n\(h.screen)")

        _ = try h.database.tickets.create(TicketFields(subject: "Toner leer", customerID: customer.id), by: h.bob)
        #expect(h.app.tick())
        #expect(backend.bells == 1)
    }

    @Test func aNoticeWhoseChangeWasTakenBackIsNotListed() throws {
        let h = try ScreenHarness()
        let customer = try #require(try h.customer(named: "Müller GmbH"))
        var ticket = try h.database.tickets.create(TicketFields(subject: "Toner leer", customerID: customer.id, queue: "sales"), by: h.session)
        _ = h.screen
        ticket = try h.database.tickets.assign(id: ticket.id, to: h.session.staff.id, expectedVersion: ticket.version, by: h.bob)
        #expect(h.app.tick())
        #expect(String(h.screen.split(separator: "\n")[0]).hasSuffix(" !1"))
        // Bob takes it back before it was looked at.
        _ = try h.database.tickets.assign(id: ticket.id, to: nil, expectedVersion: ticket.version, by: h.bob)
        _ = h.app.tick()
        let text = h.press(.char("!"))
        #expect(text.contains("Nothing new since you last looked."), "\(text)")
    }

    @Test func aDoubleClickOnANoticeOpensItsTicket() throws {
        let h = try ScreenHarness()
        let customer = try #require(try h.customer(named: "Müller GmbH"))
        let first = try h.database.tickets.create(TicketFields(subject: "Drucker brennt", customerID: customer.id), by: h.bob)
        let second = try h.database.tickets.create(TicketFields(subject: "Kaffee alle", customerID: customer.id), by: h.bob)
        #expect(h.app.tick())
        h.press(.char("!"))
        let lines = h.screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let row = try #require(lines.firstIndex { $0.contains("#\(first.id) Drucker brennt") }, "\(h.screen)")
        let column = try #require(lines[row].range(of: "Drucker")).lowerBound.utf16Offset(in: lines[row])
        // A click picks the row; the list stays open.
        h.press(.mouse(Mouse(.click, x: column, y: row)))
        #expect(h.screen.contains("What arrived") && h.screen.split(separator: "\n")[row].contains("›"), "\(h.screen)")
        h.press(.mouse(Mouse(.doubleClick, x: column, y: row)))
        #expect(h.app.activeScreen.location.record == .ticket(first.id), "the double click opened #\(first.id), not #\(second.id):\n\(h.screen)")
    }

    @Test func theKeyIsInTheHelp() throws {
        let h = try ScreenHarness()
        let key = try #require(h.app.activeBindings.first { $0.id == "app.notices" })
        #expect(key.keys == [.char("!")])
        #expect(key.help.hasPrefix("What arrived for you"))
        h.press(.char(":"))
        h.type("notices")
        #expect(h.screen.contains("notices"), "reachable from the palette:\n\(h.screen)")
        h.press(.enter)
        #expect(h.screen.contains("Nothing new since you last looked."), "\(h.screen)")
    }
}
