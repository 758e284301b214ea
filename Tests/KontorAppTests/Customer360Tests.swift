import Foundation
import KontorModel
import KontorUI
import Testing

@MainActor
/// Business around one customer, made through the model as people would.
extension ScreenHarness {
    struct MuellerBusiness {
        var customer: Customer
        var invoice: Invoice
        var ticket: Ticket
        var deal: Deal
    }

    /// Müller GmbH gets an overdue invoice (partly paid), an open ticket with
    /// an internal note, and an open deal.
    @discardableResult
    func seedMuellerBusiness() throws -> MuellerBusiness {
        var settings = try session.settings()
        settings.name = "Kontor Test GmbH"
        settings.address = "Teststraße 1\n10115 Berlin"
        settings.vatID = "DE111111117"
        settings.completeForInvoices()
        try session.saveSettings(settings)
        try readyToInvoice()
        let customer = try #require(try customer(named: "Müller GmbH"))
        let draft = try database.invoices.createDraft(customerID: customer.id, lines: [
            InvoiceLineInput(description: "Beratung", quantity: 10, unit: "h", unitPriceCents: 12000, vatRate: .standard),
        ], by: session)
        let issueDay = CalendarDate.adding(days: -60, to: CalendarDate.today())!
        var invoice = try database.invoices.issue(draft.id, issueDate: issueDay, expectedVersion: draft.version, by: session)
        invoice = try database.invoices.recordPayment(to: invoice.id, amountCents: 40000, by: session)
        var ticket = try database.tickets.create(TicketFields(subject: "Drucker druckt nur Sonderzeichen", customerID: customer.id), by: session)
        ticket = try database.tickets.addMessage(to: ticket.id, kind: .note, body: "Kunde ruft täglich an", expectedVersion: ticket.version, by: session).ticket
        let deal = try database.deals.create(DealFields(customerID: customer.id, title: "Wartungsvertrag 2027", valueCents: 480000), by: session)
        return MuellerBusiness(customer: customer, invoice: invoice, ticket: ticket, deal: deal)
    }
}

@MainActor
@Suite("Customers 360°")
struct Customer360Tests {
    @Test func theListShowsOpenTicketsAndWhatIsOwedWithOverdueMarked() throws {
        let h = try ScreenHarness()
        try h.seedMuellerBusiness()
        let row = try #require(h.screen.split(separator: "\n").first { $0.contains("Müller GmbH") })
        // 1 428,00 gross less 400,00 paid; overdue is marked by "!" as well as colour.
        #expect(row.hasPrefix("!"), "row: \(row)")
        #expect(row.contains("! 1.028,00"), "row: \(row)")
        #expect(row.contains(" 1 "), "one open ticket: \(row)")
        let other = try #require(h.screen.split(separator: "\n").first { $0.contains("Zeta Systems") })
        #expect(!other.contains("!") && !other.contains(",00"), "row: \(other)")
    }

    @Test("a cancelled invoice and its credit note read as the invoice list says them")
    func cancelledAndCreditNoteUseTheListsWords() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let business = try h.seedMuellerBusiness()
        let draft = try h.database.invoices.createDraft(customerID: business.invoice.customerID,
                                                         lines: [InvoiceLineInput(description: "Fehlbuchung", quantity: 1, unit: "Stk", unitPriceCents: 5_000)],
                                                         by: h.session)
        let issued = try h.database.invoices.issue(draft.id, expectedVersion: draft.version, by: h.session)
        let credit = try h.database.invoices.cancel(issued.id, reason: "doppelt", on: CalendarDate.today(), expectedVersion: issued.version, by: h.session)
        h.press(.char("/"))
        h.type("müller gmbh")
        let text = h.press(.enter, .enter)
        let cancelled = try #require(text.split(separator: "\n").first { $0.contains(issued.number!) }, "\(text)")
        #expect(cancelled.contains("Cancelled"), "\(cancelled)")
        let note = try #require(text.split(separator: "\n").first { $0.contains(credit.number!) }, "\(text)")
        #expect(note.contains("credit note"), "\(note)")
        // Part paid and not yet due: as the list says it, not "Open".
        let partDraft = try h.database.invoices.createDraft(customerID: business.invoice.customerID,
                                                             lines: [InvoiceLineInput(description: "Wartung", quantity: 1, unit: "Stk", unitPriceCents: 10_000)],
                                                             by: h.session)
        let part = try h.database.invoices.issue(partDraft.id, expectedVersion: partDraft.version, by: h.session)
        try h.database.invoices.recordPayment(to: part.id, amountCents: 2_000, by: h.session)
        h.app.tick()
        let partLine = try #require(h.screen.split(separator: "\n").first { $0.contains(part.number!) }, "\(h.screen)")
        #expect(partLine.contains("Part paid"), "\(partLine)")
    }

    @Test(arguments: [Size(width: 80, height: 24), Size(width: 200, height: 50)])
    func theDetailShowsEverythingLinkedFromBothSides(size: Size) throws {
        let h = try ScreenHarness(size: size)
        let business = try h.seedMuellerBusiness()
        h.press(.char("/"))
        h.type("müller gmbh")
        h.press(.enter, .enter)
        var text = h.screen
        #expect(text.contains("⚠ 1 invoice overdue, 1.028,00 €"), "\(text)")
        #expect(text.contains("1 open ticket"))
        #expect(text.contains("1 open deal"))
        #expect(text.contains("#\(business.ticket.id)"))
        #expect(text.contains("Drucker druckt nur"))
        #expect(text.contains("Wartungsvertrag 2027"))
        let number = try #require(business.invoice.number)
        let invoiceLine = try #require(text.split(separator: "\n").first { $0.contains(number) }, "\(text)")
        #expect(invoiceLine.contains("!  \(number)") || invoiceLine.contains("›  \(number)"), "overdue marked: \(invoiceLine)")
        #expect(invoiceLine.contains("late 46d"), "the invoice list's words: \(invoiceLine)")
        // The timeline, newest first, further down.
        h.press(.char("G"))
        text = h.screen
        #expect(text.contains("Activity"))
        #expect(text.contains("Note on #\(business.ticket.id): Kunde ruft täglich an"), "\(text)")
        #expect(text.contains("Invoice \(number) issued, 1.428,00 €"), "\(text)")
        #expect(text.contains("Payment 400,00 € for \(number)"), "\(text)")
        h.press(.escape)
        #expect(h.screen.contains("filter: müller gmbh"))
    }

    @Test func contactsAreAddedAndEditedWithErrorsBesideTheField() throws {
        let h = try ScreenHarness()
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter, .enter, .char("c"))
        #expect(h.screen.contains("New contact · Zeta Systems"))
        h.type("Grüße Ångström 山田")
        h.press(.tab)
        h.type("Einkauf")
        h.press(.tab)
        h.type("no-mail")
        // Primary is a choice, yes or no, and cannot be typed wrong; the model's verdict stays beside its field.
        var text = h.press(.ctrl("s"))
        #expect(text.contains("E-mail must look like name@example.com"), "\(text)")
        // The focus is on the first field marked: the e-mail.
        h.press(.ctrl("u"))
        h.type("angstrom@zeta.example")
        h.press(.tab, .tab, .ctrl("u"))
        h.type("yes")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Saved contact Grüße Ångström 山田"), "\(text)")
        let customer = try #require(try h.customer(named: "Zeta Systems"))
        // Beside the one the customer was entered with, which is primary no more.
        let contacts = try h.database.customers.contacts(of: customer.id)
        #expect(contacts.map(\.fields.name) == ["Grüße Ångström 山田", "Lena Zimmermann"])
        #expect(contacts.map(\.fields.isPrimary) == [true, false])
        #expect(contacts.first?.fields.role == "Einkauf")
        // The new contact is highlighted: Enter edits it.
        #expect(h.cursorLine?.contains("Grüße Ångström 山田") == true, "\(h.screen)")
        h.press(.enter)
        #expect(h.screen.contains("Edit contact · Grüße Ångström 山田"))
        h.press(.tab, .tab, .tab)
        h.type("+49 221 998877")
        #expect(h.press(.ctrl("s")).contains("Saved contact"))
        #expect(try h.database.customers.contacts(of: customer.id).first?.fields.phone == "+49 221 998877")
    }

    @Test func aNewCustomerLikeAnExistingOneAsksFirst() throws {
        let h = try ScreenHarness()
        h.press(.char("n"))
        h.type("mueller gmbh")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Possible duplicate"), "\(text)")
        #expect(text.contains("Müller GmbH · Berlin"), "\(text)")
        #expect(try h.customer(named: "mueller gmbh") == nil)
        // n: back to the form, typing kept.
        text = h.press(.char("n"))
        #expect(text.contains("New customer"))
        #expect(text.contains("mueller gmbh"))
        h.press(.ctrl("s"))
        // o: open the existing one instead.
        text = h.press(.char("o"))
        #expect(text.contains("Müller GmbH") && text.contains("Contacts"), "\(text)")
        #expect(try h.customer(named: "mueller gmbh") == nil)
        // s: save anyway.
        h.press(.escape, .char("n"))
        h.type("Mueller GmbH")
        h.press(.ctrl("s"))
        text = h.press(.char("s"))
        #expect(text.contains("Saved Mueller GmbH"), "\(text)")
        #expect(try h.customer(named: "Mueller GmbH") != nil)
        // Typed as people type it (a lower-case country), the check still runs.
        h.press(.escape, .char("n"))
        h.type("Zeta Systems")
        h.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab)
        h.type("de")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Possible duplicate"), "\(text)")
    }

    @Test func theOwnerIsChosenInAStaffPicker() throws {
        let h = try ScreenHarness()
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter, .enter, .char("o"))
        #expect(h.screen.contains("Owner of Zeta Systems"))
        h.type("bob")
        var text = h.screen
        #expect(text.contains("Bob Front"))
        #expect(!text.contains("tester  "), "filtered to bob: \(text)")
        text = h.press(.enter)
        #expect(text.contains("Zeta Systems is looked after by Bob Front"), "\(text)")
        #expect(text.contains("owner Bob Front"))
        let bobID = try #require(try h.session.staffDirectory.find(username: "bob")?.id)
        #expect(try h.customer(named: "Zeta Systems")?.fields.ownerID == bobID)
        // Editing the customer keeps the owner.
        h.press(.char("e"))
        h.press(.tab, .tab, .tab, .tab, .tab, .tab, .ctrl("u"))
        h.type("Bonn")
        #expect(h.press(.ctrl("s")).contains("Saved Zeta Systems"))
        #expect(try h.customer(named: "Zeta Systems")?.fields.ownerID == bobID)
    }

    @Test func anotherSessionsChangeShowsUpInTheOpenView() throws {
        let h = try ScreenHarness()
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter, .enter)
        let customer = try #require(try h.customer(named: "Zeta Systems"))
        let other = try KontorDatabase(path: h.database.path)
        try other.customers.addContact(to: customer.id, ContactFields(name: "Neue Kollegin"), by: try other.session(for: Actor(username: "bob")))
        h.app.tick()
        #expect(h.screen.contains("Neue Kollegin"))
        #expect(h.screen.contains("Contacts (2)"))
    }

    @Test func bracketsStepThroughCustomersInTheView() throws {
        let h = try ScreenHarness()
        h.press(.char("j"), .enter)
        #expect(h.screen.split(separator: "\n")[1].contains("Evil"))
        h.press(.char("]"))
        #expect(h.screen.split(separator: "\n")[1].contains("Mueller Trading Ltd"))
        h.press(.char("["))
        #expect(h.screen.split(separator: "\n")[1].contains("Evil"))
    }
}

@MainActor
@Suite("Money owed back")
struct MoneyOwedBackTests {
    @Test func cancellingAPaidInvoiceSaysTheCustomerIsOwedTheMoney() throws {
        let h = try ScreenHarness()
        let business = try h.seedMuellerBusiness()
        let invoice = try #require(try h.database.invoices.find(id: business.invoice.id))
        let paid = try h.database.invoices.recordPayment(to: invoice.id, amountCents: invoice.grossCents - invoice.paidCents, by: h.session)
        h.app.open(.invoice(paid.id))
        let dialog = h.press(.char("X"))
        #expect(dialog.contains("1.428,00 EUR were paid on it"), "\(dialog)")
        h.press(.char("y"))
        h.app.open(.customer(business.customer.id))
        #expect(h.screen.contains("we owe 1.428,00 € (refund or credit)"), "\(h.screen)")
    }

    /// Beside a ticket of that customer, on a wide screen in German, the
    /// line is longer than the customer's card: it wraps, read whole.
    @Test func theTicketsCardSaysItWholeInGerman() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50), language: .german)
        let business = try h.seedMuellerBusiness()
        let invoice = try #require(try h.database.invoices.find(id: business.invoice.id))
        let paid = try h.database.invoices.recordPayment(to: invoice.id, amountCents: invoice.grossCents - invoice.paidCents, by: h.session)
        try h.database.invoices.cancel(paid.id, reason: "Doppelt", expectedVersion: paid.version, by: h.session)
        let ticket = try h.database.tickets.create(TicketFields(subject: "Erstattung?", customerID: business.customer.id), by: h.session)
        h.app.open(.ticket(ticket.id))
        let lines = h.screen.split(separator: "\n").map { $0.split(separator: "│").last.map(String.init) ?? "" }
        let owed = try #require(lines.firstIndex { $0.contains("wir schulden 1.428,00 €") }, "\(h.screen)")
        #expect((lines[owed] + lines[owed + 1]).contains("(Erstattung oder Guthaben)"), "\(lines[owed])\n\(lines[owed + 1])")
    }
}
