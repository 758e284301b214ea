import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

/// From a customer's 360° view, one key each starts a ticket, a deal or a
/// draft invoice for that customer on its own screen; once saved, the new
/// record is open and Esc leads back to the customer.
@MainActor
@Suite("New work from a customer")
struct CustomerNewWorkTests {
    private func openZeta(_ h: ScreenHarness) throws -> Customer {
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter, .enter)
        #expect(h.screen.contains("Zeta Systems"))
        return try #require(try h.customer(named: "Zeta Systems"))
    }

    @Test func aNewTicketHasTheCustomerAndTheHighlightedContact() throws {
        let h = try ScreenHarness()
        let zeta = try #require(try h.customer(named: "Zeta Systems"))
        // The contact person the customer was entered with.
        let lena = try #require(try h.database.customers.contacts(of: zeta.id).first)
        #expect(lena.fields.name == "Lena Zimmermann")
        _ = try openZeta(h)
        let help = h.press(.char("?"))
        #expect(help.contains("New ticket for this customer") && help.contains("New deal for this customer"), "\(help)")
        h.press(.escape)
        var text = h.press(.char("T"))
        #expect(text.contains("New ticket · Zeta Systems · Lena Zimmermann"), "\(text)")
        h.type("Rechnung fehlt")
        text = h.press(.ctrl("s"))
        #expect(text.contains("opened for Zeta Systems"), "\(text)")
        let ticket = try #require(try h.database.tickets.page(ofCustomer: zeta.id, openOnly: true, limit: 5).first)
        let saved = try #require(try h.database.tickets.find(id: ticket.id))
        #expect(saved.subject == "Rechnung fehlt" && saved.customerID == zeta.id && saved.contactID == lena.id)
        #expect(text.contains("#\(ticket.id)"), "the new ticket is open:\n\(text)")
        // Back leads to the customer.
        text = h.press(.escape)
        #expect(text.contains("Zeta Systems") && text.contains("Contacts (1)"), "\(text)")
    }

    @Test func aNewDealHasTheCustomerAndOpensOnceSaved() throws {
        let h = try ScreenHarness()
        let zeta = try openZeta(h)
        var text = h.press(.char("D"))
        #expect(text.contains("New deal") && text.contains("Zeta Systems"), "\(text)")
        h.type("Wartung 2027") // the focus is on the title
        text = h.press(.ctrl("s"))
        #expect(text.contains("Saved “Wartung 2027”"), "\(text)")
        #expect(try h.database.deals.ofCustomer(zeta.id).map(\.title).contains("Wartung 2027"))
        text = h.press(.escape)
        #expect(text.contains("Zeta Systems") && !text.contains("Wartung 2027 ·"), "back at the customer:\n\(text)")
    }

    @Test func aNewDraftInvoiceAsksThenOpensForTheCustomer() throws {
        let h = try ScreenHarness()
        let zeta = try openZeta(h)
        var text = h.press(.char("I"))
        #expect(text.contains("Start a draft invoice for Zeta Systems?"), "\(text)")
        text = h.press(.char("y"))
        #expect(text.contains("Draft created for Zeta Systems"), "\(text)")
        let invoices = try h.database.invoices.of(customer: zeta.id)
        #expect(invoices.map(\.status) == [.draft])
        text = h.press(.escape)
        #expect(text.contains("Zeta Systems") && text.contains("Invoices (open 0,00 €)") && text.contains("Draft"), "\(text)")
    }

    @Test func givingUpTheFormPutsTheUserBackAtTheCustomer() throws {
        let h = try ScreenHarness()
        _ = try openZeta(h)
        h.press(.char("T"))
        let text = h.press(.escape)
        #expect(text.contains("Zeta Systems") && text.contains("Contacts (1)") && !text.contains("New ticket"), "\(text)")
        #expect(try h.database.tickets.page(ofCustomer: try #require(try h.customer(named: "Zeta Systems")).id, limit: 5).isEmpty)
    }

    @Test func theFrontOfficeSeesTheInvoiceKeyDisabledWithTheReason() throws {
        let h = try ScreenHarness()
        let bob = SecondApp(session: h.bob, size: Size(width: 80, height: 40))
        bob.press(.char("/"))
        for c in "zeta" { bob.press(.char(c)) }
        bob.press(.enter, .enter)
        var text = bob.press(.char("?"))
        #expect(text.contains("New draft invoice for this customer"), "\(text)")
        text = bob.press(.escape, .char("I"))
        #expect(text.contains("I new invoice — back office, managers and admins only"), "\(text)")
        #expect(!text.contains("Start a draft invoice"))
    }
}
