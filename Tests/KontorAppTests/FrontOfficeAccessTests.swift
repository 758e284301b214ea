import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

@MainActor
/// Customers and Deals say who may change them before the model refuses:
/// the footer leaves out what the role may not do, a key says why.
@Suite("Front-office keys and roles")
struct FrontOfficeAccessTests {
    private func backOffice(_ h: ScreenHarness) throws -> SecondApp {
        try h.session.staffDirectory.add(StaffFields(username: "carl", fullName: "Carl Back"), role: .back)
        return SecondApp(session: try h.database.session(for: Actor(username: "carl")))
    }

    @Test func theBackOfficeReadsCustomersButIsToldWhyItCannotChangeThem() throws {
        let h = try ScreenHarness()
        let carl = try backOffice(h)
        let list = carl.press(.char("n"))
        #expect(list.contains("n new — front office, managers and admins only"), "\(list)")
        #expect(!list.contains("New customer"))
        let footer = try #require(list.split(separator: "\n").last)
        #expect(footer.contains("Enter open") && !footer.contains("n new") && !footer.contains("e edit"), "\(footer)")
        let record = carl.press(.enter, .char("o"))
        #expect(record.contains("o owner — front office, managers and admins only"), "\(record)")
        #expect(!record.contains("Owner of"))
    }

    @Test func theBackOfficeIsToldBeforeEditingAContact() throws {
        let h = try ScreenHarness()
        let zeta = try #require(try h.customer(named: "Zeta Systems"))
        try h.database.customers.addContact(to: zeta.id, ContactFields(name: "Lena Zimmermann"), by: h.session)
        let carl = try backOffice(h)
        carl.press(.char("/"))
        for c in "Zeta" { carl.press(.char(c)) }
        let view = carl.press(.enter, .enter)
        #expect(view.contains("Lena Zimmermann"), "\(view)")
        let said = carl.press(.enter)
        #expect(said.contains("Editing a contact — front office, managers and admins only"), "\(said)")
        #expect(!said.contains("Edit contact"))
    }

    @Test func theBackOfficeIsToldWhyItCannotMoveDeals() throws {
        let h = try ScreenHarness()
        let zeta = try #require(try h.customer(named: "Zeta Systems")).id
        let deal = try h.database.deals.create(DealFields(customerID: zeta, title: "Small lead", valueCents: 1_000), by: h.session)
        let carl = try backOffice(h)
        let board = carl.press(.char("3"), .char(">"))
        #expect(board.contains("> next — front office, managers and admins only"), "\(board)")
        #expect(try h.database.deals.summary(id: deal.id)?.stage == .lead)
    }
}
