import Foundation
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

/// One search over everything: free words in the palette (or `/` where a
/// screen has no filter of its own) find every kind of record at once,
/// grouped, the group whose best hit begins with the words first.
@MainActor
@Suite("Search everything")
struct SearchEverythingTests {
    @Test func freeWordsFindEveryKindGroupedAndEnterOpensTheRecord() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        let f = try h.dealsFixture(open: false)
        let mueller = try #require(try h.customer(named: "Müller GmbH"))
        let ticket = try h.database.tickets.create(
            TicketFields(subject: "Gerät defekt", customerID: mueller.id, firstMessage: "Der Server zeigt Fehlercode 0x80."), by: h.bob)
        _ = try h.database.products.create(ProductFields(sku: "SRV-1U", name: "Server 1U", price: "2.000,00"), by: h.session)

        h.press(.char("0"), .char("/"))
        var text = h.type("server")
        #expect(text.contains("Server rack") && text.contains("Deals"), "the deal, its group named:\n\(text)")
        #expect(text.contains("a few of each kind"), "no count that is not the whole truth:\n\(text)")
        #expect(text.contains("SRV-2U Server 2U") && text.contains("Products"), "\(text)")
        #expect(text.contains("#\(ticket.id) Gerät defekt") && text.contains("Tickets"), "found by its message:\n\(text)")
        let lines = text.split(separator: "\n").map(String.init)
        let deals = try #require(lines.firstIndex { $0.contains("Server rack") })
        let tickets = try #require(lines.firstIndex { $0.contains("Gerät defekt") })
        #expect(deals < tickets, "the deal's title begins with the word, the ticket's does not:\n\(text)")

        // What the customer wrote, shown where it was found.
        h.press(.escape, .char(":"))
        text = h.type("fehlercode")
        #expect(text.contains("#\(ticket.id) Gerät defekt") && text.contains("Fehlercode 0x80"), "\(text)")
        h.press(.enter)
        #expect(h.app.activeScreen.id == .tickets && h.screen.contains("Gerät defekt"), "Enter opened the ticket:\n\(h.screen)")
        _ = f
    }

    /// Digits are a record's number, and at the front desk as often a
    /// caller's phone number typed without spaces, or a customer's number:
    /// the search finds the customer too, as the customer list's filter does.
    @Test func digitsFindACustomerByPhoneOrNumberBesideTheNumberedRecords() throws {
        let h = try ScreenHarness()
        let caller = try h.database.customers.create(CustomerFields(name: "Bäckerei Weißhäupl", phone: "+49 89 1234567"), by: h.session)
        h.press(.char("0"), .char("/"))
        var text = h.type("0891234567")
        #expect(text.contains("Bäckerei Weißhäupl"), "\(text)")
        h.press(.ctrl("u"))
        text = h.type("\(caller.id)")
        #expect(text.contains("Bäckerei Weißhäupl"), "the customer of that number:\n\(text)")
        // A deal's number finds the deal beside a ticket of that number.
        let deal = try h.database.deals.create(DealFields(customerID: caller.id, title: "Ofen für die Backstube", valueCents: 1_250_000), by: h.session)
        h.press(.ctrl("u"))
        text = h.type("\(deal.id)")
        #expect(text.contains("Ofen für die Backstube"), "\(text)")
        h.press(.ctrl("u"))
        text = h.type("777777777")
        #expect(text.contains("Nothing numbered 777777777, and no customer with that phone number"), "\(text)")
    }

    @Test func aLetterShowsAtOnceAndTheRecordsJoinWhenFound() throws {
        let h = try ScreenHarness()
        h.press(.char(":"))
        h.type("zet")
        // The letter is handled without waiting for the search: it runs on its own queue.
        h.app.handle(.char("a"))
        #expect(h.app.palette?.searching == "zeta")
        #expect(h.app.palette?.text == "zeta")
        let text = h.screen // settles: the search's answer is taken in
        #expect(h.app.palette?.searching == nil)
        #expect(text.contains("Zeta Systems"), "\(text)")
        // A stale answer never lands on a newer line.
        h.app.handle(.char("x"))
        h.app.palette?.receive([], for: "zeta")
        #expect(h.app.palette?.searching == "zetax")
    }

    @Test func outerSpacesAndTwoCJKCharactersAreSearchedToo() throws {
        let h = try ScreenHarness()
        _ = try h.database.customers.create(CustomerFields(name: "東京商事", city: "東京"), by: h.session)
        h.press(.char(":"))
        var text = h.type("zeta ")
        #expect(text.contains("Zeta Systems") && !text.contains("Searching"), "the words without their space:\n\(text)")
        h.press(.ctrl("u"))
        text = h.type("  zeta")
        #expect(text.contains("Zeta Systems") && !text.contains("Searching"), "\(text)")
        h.press(.ctrl("u"))
        text = h.type("東京")
        #expect(text.contains("東京商事"), "two CJK characters say as much as three letters:\n\(text)")
    }

    @Test func namesThatBeginWithTheWordsComeFirst() throws {
        let h = try ScreenHarness()
        // Before them in the list's order, found by their contact person.
        for i in 1...5 {
            _ = try h.database.customers.create(CustomerFields(name: "Alpha Bau \(i)", contactName: "Ute Zwiebel"), by: h.session)
        }
        for name in ["Zwiebel Technik OHG", "Zwiebel & Hahn OHG"] {
            _ = try h.database.customers.create(CustomerFields(name: name), by: h.session)
        }
        let records = PaletteRecords(session: h.session)
        let customers = try records.customers("zwiebel", limit: 5).map(\.title)
        #expect(customers.prefix(2).sorted() == ["Zwiebel & Hahn OHG", "Zwiebel Technik OHG"], "\(customers)")
        #expect(customers.count == 5)
        #expect(records.total.count == 7, "the count is the filter's")
    }

    @Test func aSearchTypedPastStopsBeforeItsNextKind() throws {
        let h = try ScreenHarness()
        let records = PaletteRecords(session: h.session)
        #expect(!(try records.everything("müller")).isEmpty)
        // Superseded after the customers: nothing more is searched, nothing is returned.
        var asked = 0
        let stale = try records.everything("müller", wanted: { asked += 1; return asked == 1 })
        // Asked before each of the six kinds and once at the end.
        #expect(stale.isEmpty && asked == 7, "asked \(asked) times")
        let generation = Generation()
        let first = generation.next()
        #expect(generation.isLatest(first))
        let second = generation.next()
        #expect(!generation.isLatest(first) && generation.isLatest(second))
    }

    @Test func anAddressOrANumberTypedWholeIsSearchedEverywhere() throws {
        let h = try ScreenHarness()
        let customer = try h.database.customers.create(CustomerFields(name: "Hanse Kontor", email: "einkauf@hanse-kontor.de"), by: h.session)
        _ = try h.database.tickets.create(
            TicketFields(subject: "Rückfrage", customerID: customer.id, firstMessage: "Bitte an einkauf@hanse-kontor.de antworten"), by: h.bob)
        let records = PaletteRecords(session: h.session)
        // Words the message index splits, which keeps no positions for a phrase.
        let found = try records.everything("einkauf@hanse-kontor.de")
        #expect(found.contains { $0.title == "Hanse Kontor" }, "\(found.map(\.title))")
        #expect(found.contains { $0.title.hasSuffix("Rückfrage") }, "\(found.map(\.title))")
        #expect(throws: Never.self) { try records.everything("2026-00042") }
    }

    @Test func onAListSlashStillFilters() throws {
        let h = try ScreenHarness()
        h.press(.char("/"))
        let text = h.type("zeta")
        #expect(text.contains("filter") || text.contains("/ zeta"), "\(text)")
        #expect(text.contains("Zeta Systems"))
        #expect(!text.contains(" Command "), "no palette on a list:\n\(text)")
    }
}
