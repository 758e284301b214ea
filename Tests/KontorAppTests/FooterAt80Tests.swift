import Foundation
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

/// At 80×24 the footer keeps `? help` on every screen and record, however
/// many keys the screen has: it is the way to those left out.
@MainActor
@Suite("Footer at 80×24")
struct FooterAt80Tests {
    @Test func everyScreenAndRecordKeepsTheHelpKey() throws {
        let h = try ScreenHarness()
        let business = try h.seedMuellerBusiness()
        var places: [(String, () -> Void)] = "123456".map { key in (String(key), { h.press(.char(key)) }) }
        for link in [RecordLink.customer(business.customer.id), .ticket(business.ticket.id), .deal(business.deal.id), .invoice(business.invoice.id)] {
            places.append(("\(link)", { h.app.open(link) }))
        }
        for (name, go) in places {
            go()
            let footer = h.screen.split(separator: "\n").last.map(String.init) ?? ""
            #expect(footer.contains("? help"), "\(name): \(footer)")
        }
    }

    @Test func aLongNameToGoBackToLeavesRoomForTheRecordsKeys() throws {
        let h = try ScreenHarness()
        let long = try h.database.customers.create(CustomerFields(name: "東京商事株式会社 Müller & Söhne GmbH mit einem sehr sehr langen Namen der nicht passt"), by: h.session)
        let ticket = try h.database.tickets.create(TicketFields(subject: "Drucker", customerID: long.id), by: h.session)
        h.app.open(.customer(long.id))
        h.app.open(.ticket(ticket.id))
        let footer = h.screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("back to 東京商事") && footer.contains("…"), "\(footer)")
        #expect(footer.contains("reply") && footer.contains("? help"), "\(footer)")
    }

    /// On a wide terminal a name that was cut at 80 columns is read whole.
    @Test func aWideTerminalNamesWhereBackLeadsWhole() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let name = "Busch Solar GmbH & Co. KG Niederlassung Süd"
        let customer = try h.database.customers.create(CustomerFields(name: name), by: h.session)
        let ticket = try h.database.tickets.create(TicketFields(subject: "Drucker", customerID: customer.id), by: h.session)
        h.app.open(.customer(customer.id))
        h.app.open(.ticket(ticket.id))
        let footer = h.screen.split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("back to \(name)"), "\(footer)")
    }
}
