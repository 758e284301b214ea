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
}
