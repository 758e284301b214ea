import Foundation
import GRDB
import KontorApp
import KontorModel
import KontorUI
import Testing

@MainActor
/// Invoices in the states the screen has to show, made through the model.
struct InvoiceScreenData {
    let coffee: Product   // 7 %, 12,50 per Pck
    let grinder: Product  // 19 %, 89,90
    /// A back-office colleague, for changes made "elsewhere".
    let carol: Session
    /// 2026-00001 for Müller GmbH, issued in January: overdue.
    let overdue: Invoice
    /// 2026-00002 for Weiß Logistik AG, issued today.
    let open: Invoice
    /// A draft for Schäfer & Söhne KG with one free-text line.
    let draft: Invoice
    /// A draft made from a won deal of Zeta Systems.
    let fromDeal: Invoice
    let dealID: Int64
}

@MainActor
extension ScreenHarness {
    /// The company's data an invoice prints, so that drafts can be issued.
    func companyReadyToInvoice() throws {
        var settings = try session.settings()
        settings.name = "Kontor Test GmbH"
        settings.address = "Hauptstraße 1\n10115 Berlin"
        settings.vatID = "DE123456788"
        settings.bank = "DE02 1001 0010 0006 8201 01"
        settings.completeForInvoices()
        try session.saveSettings(settings)
        try readyToInvoice()
    }

    func seedInvoices() throws -> InvoiceScreenData {
        try companyReadyToInvoice()
        try session.staffDirectory.add(StaffFields(username: "carol", fullName: "Carol Back"), role: .back)
        let carol = try database.session(for: Actor(username: "carol"))
        let products = database.products
        let coffee = try products.create(ProductFields(sku: "KAF-500", name: "Kaffee Crema 500 g", unit: "Pck", price: "12,50", vatRate: .reduced), by: carol)
        let grinder = try products.create(ProductFields(sku: "MUE-1", name: "Kaffeemühle", price: "89,90", vatRate: .standard), by: carol)
        try products.receive(productID: coffee.id, quantity: 100, by: carol)
        try products.receive(productID: grinder.id, quantity: 10, by: carol)
        let invoices = database.invoices
        func customer(_ name: String) throws -> Customer { try #require(try self.customer(named: name)) }

        var draft = try invoices.createDraft(customerID: customer("Müller GmbH").id, lines: [
            InvoiceLineInput(productID: grinder.id, description: "Kaffeemühle", quantity: 1, unitPriceCents: 8990, vatRate: .standard),
        ], by: carol)
        let overdue = try invoices.issue(draft.id, issueDate: "2026-01-05", expectedVersion: draft.version, by: carol)
        draft = try invoices.createDraft(customerID: customer("Weiß Logistik AG").id, lines: [
            InvoiceLineInput(description: "Beratung", quantity: 2, unit: "h", unitPriceCents: 10_000),
        ], by: carol)
        let open = try invoices.issue(draft.id, expectedVersion: draft.version, by: carol)
        let schaefer = try invoices.createDraft(customerID: customer("Schäfer & Söhne KG").id, lines: [
            InvoiceLineInput(description: "Wartung Kaffeeautomat", quantity: 1, unit: "Psch", unitPriceCents: 15_000),
        ], by: carol)
        let deal = try database.deals.create(DealFields(customerID: customer("Zeta Systems").id, title: "Büroausstattung Zeta", valueCents: 50_000),
                                             stage: .negotiation, by: session)
        let won = try database.deals.moveStage(id: deal.id, to: .won, expectedVersion: deal.version, by: session)
        let fromDeal = try invoices.createDraft(fromDeal: won.id, by: carol)
        return InvoiceScreenData(coffee: coffee, grinder: grinder, carol: carol, overdue: overdue, open: open, draft: schaefer,
                                 fromDeal: fromDeal, dealID: won.id)
    }

    /// Goes to Invoices and opens the invoice whose row contains `text`.
    @discardableResult
    func openInvoice(_ text: String) -> String {
        press(.char("4"), .char("/"))
        type(text)
        return press(.enter, .enter)
    }

    func invoice(_ id: Int64) throws -> Invoice { try #require(try database.invoices.find(id: id)) }
}

/// Presses keys on an app of another member of staff, a frame between keys as the loop does.
@MainActor
private func press(_ app: App, _ keys: Key..., size: Size = Size(width: 80, height: 24)) -> String {
    for key in keys {
        _ = app.frame(size: size)
        app.handle(key)
    }
    return app.frame(size: size).0.text
}

@MainActor
@Suite("Invoices screen")
struct InvoicesScreenTests {
    // MARK: The list

    /// At 80 columns the seller's VAT id and tax number stand one a line
    /// rather than the tax number cut off: a number cut short is none.
    @Test func theSellersTaxNumberIsShownWholeAt80Columns() throws {
        let h = try ScreenHarness()
        let business = try h.seedMuellerBusiness()
        var settings = try h.session.settings()
        settings.vatID = "DE298765435"
        settings.taxNumber = "27/123/45678"
        try h.session.saveSettings(settings)
        let draft = try h.database.invoices.createDraft(customerID: business.customer.id, lines: [
            InvoiceLineInput(description: "Beratung", quantity: 1, unit: "h", unitPriceCents: 12000, vatRate: .standard),
        ], by: h.session)
        let issued = try h.database.invoices.issue(draft.id, expectedVersion: draft.version, by: h.session)
        let text = h.openInvoice(try #require(issued.number))
        #expect(text.contains("VAT id DE298765435") && text.contains("Tax no. 27/123/45678"), "\(text)")
    }

    @Test func listShowsEveryColumnOverdueByMarkAndWordAndTheViewsTotals() throws {
        let h = try ScreenHarness()
        _ = try h.seedInvoices()
        let text = h.press(.char("4"))
        for column in ["Number", "Customer", "Issued", "Due", "Gross", "Paid", "Status"] {
            #expect(text.contains(column), "no column \(column):\n\(text)")
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let overdue = try #require(lines.first { $0.contains("2026-00001") })
        #expect(overdue.hasPrefix("!"), "overdue rows carry a mark: \(overdue)")
        #expect(overdue.contains("Late "), "and say so: \(overdue)")
        #expect(overdue.contains("Müller GmbH"))
        #expect(overdue.contains("106,98")) // 89,90 + 19 %
        #expect(lines.contains { $0.contains("draft #") && $0.contains("Schäfer") })
        #expect(lines.contains { $0.contains("2026-00002") && $0.contains("Open") })
        #expect(text.contains("[All]"))
        #expect(text.contains("4 invoices (2 of them drafts) · gross 344,98"), "totals of the view, the drafts out of the gross and said so:\n\(text)")
        #expect(lines[23].contains("n new draft") && lines[23].contains("/ filter"), "footer: \(lines[23])")
        // The newest first, the cursor on it.
        #expect(h.cursorLine?.contains("Zeta Systems") == true)
    }

    @Test func quickViewsNarrowTheListAndTheirTotals() throws {
        let h = try ScreenHarness()
        _ = try h.seedInvoices()
        h.press(.char("4"))
        var text = h.press(.char("v"))
        #expect(text.contains("[Drafts]"))
        #expect(text.contains("Schäfer") && text.contains("Zeta Systems"))
        #expect(!text.contains("2026-0000"))
        #expect(text.contains("2 invoices"))
        text = h.press(.char("v"))
        #expect(text.contains("[Open]"))
        #expect(text.contains("2026-00001") && text.contains("2026-00002"))
        text = h.press(.char("v"))
        #expect(text.contains("[Overdue]"))
        #expect(text.contains("2026-00001") && !text.contains("2026-00002"))
        #expect(text.contains("1 invoice · gross 106,98"))
        text = h.press(.char("v"))
        #expect(text.contains("[Paid]") && text.contains("Nothing") == false && text.contains("No paid invoices yet."))
        h.press(.char("v"), .char("v"))
        #expect(h.screen.contains("[Credit notes]") && h.screen.contains("No credit notes."))
        text = h.press(.char("V"), .char("V"), .char("V"), .char("V"), .char("V"), .char("V"))
        #expect(text.contains("[All]"))
    }

    @Test func theFilterFindsNumberSerialAndCustomer() throws {
        let h = try ScreenHarness()
        _ = try h.seedInvoices()
        h.press(.char("4"), .char("/"))
        var text = h.type("weiss")
        #expect(text.contains("Weiß Logis"))
        #expect(!text.contains("Müller GmbH"))
        #expect(text.contains("1 invoice"))
        h.type("x") // letters typed go to the filter, not to the screen's keys
        #expect(h.screen.contains("No invoice in all matches “weissx”"))
        h.press(.ctrl("u"))
        text = h.type("2026-0000")
        #expect(text.contains("2026-00001") && text.contains("2026-00002") && !text.contains("Schäfer"))
        h.press(.ctrl("u"))
        text = h.type("2")
        #expect(text.contains("2026-00002") && !text.contains("2026-00001"))
        h.press(.enter)
        #expect(h.screen.contains("filter: 2"))
        text = h.press(.escape)
        #expect(text.contains("Schäfer") && !text.contains("filter:"))
    }

    /// "42" also matches every invoice of a customer whose words hold 42,
    /// listed before an older 2026-00042; Enter puts the highlight on the
    /// invoice the number names, the filter kept.
    @Test func enterOnASerialHighlightsTheInvoiceItNames() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 40))
        let data = try h.seedInvoices()
        let haus = try h.database.customers.create(CustomerFields(name: "Haus 42 GmbH", street: "Ring 1", postalCode: "50667", city: "Köln", country: "DE"), by: h.session)
        var forty2: Invoice?
        // Up to 2026-00048: the six after it, newer, come first in the list.
        for _ in 0..<46 {
            let draft = try h.database.invoices.createDraft(customerID: haus.id, lines: [
                InvoiceLineInput(description: "Miete", quantity: 1, unit: "Mon", unitPriceCents: 100_000),
            ], by: data.carol)
            let issued = try h.database.invoices.issue(draft.id, expectedVersion: draft.version, by: data.carol)
            if issued.number?.hasSuffix("-00042") == true { forty2 = issued }
        }
        let named = try #require(forty2)
        h.press(.char("4"), .char("/"))
        h.type("42")
        #expect(h.cursorLine?.contains(named.number!) == false, "another invoice of Haus 42 is listed first: \(h.cursorLine ?? "")")
        let text = h.press(.enter)
        #expect(h.cursorLine?.contains(named.number!) == true, "\(h.cursorLine ?? "")\n\(text)")
        #expect(text.contains("filter: 42"), "\(text)")
        // A year typed is the start of numbers, not serial 02026.
        #expect(try h.database.invoices.document(numbered: "2026") == nil)
        #expect(try h.database.invoices.document(numbered: named.number!.lowercased())?.id == named.id)
        #expect(try h.database.invoices.document(numbered: "2026-0") == nil)
    }

    // MARK: The record

    @Test func theRecordShowsSellerBuyerLinesTotalsAndLinks() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        let data = try h.seedInvoices()
        try h.database.invoices.recordPayment(to: data.open.id, amountCents: 5_000, paidOn: "2026-11-20", method: .cash, reference: "Quittung 7", by: data.carol)
        let text = h.openInvoice("2026-00002")
        for part in ["Invoice 2026-00002", "Part paid", "Seller", "Kontor Test GmbH", "10115 Berlin", "VAT id DE123456788",
                     "Buyer", "Weiß Logistik AG", "Sabine Weiß", "Beratung", "Net at 19 %: 200,00", "VAT 19 %: 38,00",
                     "Gross 238,00 EUR", "Paid 50,00", "Balance 188,00", "Payments: 20.11.2026 50,00 cash “Quittung 7”"] {
            #expect(text.contains(part), "record lacks \(part):\n\(text)")
        }
        // A draft from a deal names the deal, and d goes there (no Deals screen built here: App says so).
        h.press(.escape, .escape)
        let draft = h.openInvoice("Zeta")
        #expect(draft.contains("Draft invoice #\(data.fromDeal.id)"))
        #expect(draft.contains("Deal: Büroausstattung Zeta"))
        #expect(draft.contains("d deal"))
        // c jumps to the customer on the Customers screen.
        let customer = h.press(.char("c"))
        #expect(customer.contains("Zeta Systems") && customer.contains("Lena Zimmermann"))
    }

    @Test func anotherScreenOpensAnInvoiceByItsLink() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        h.app.open(.invoice(data.overdue.id))
        let text = h.screen
        #expect(text.contains("Invoice 2026-00001"))
        #expect(text.contains("days overdue"))
        // Esc goes back to where the jump came from; on Invoices again, Esc closes the record onto the list.
        h.press(.escape)
        #expect(h.app.activeIndex == 0)
        h.press(.char("4"), .escape)
        #expect(h.cursorLine?.contains("2026-00001") == true, "the list stands on the invoice shown")
    }

    // MARK: Drafts

    @Test func aNewDraftGetsProductLinesFromThePickerWithLiveTotals() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        h.press(.char("4"), .char("n"))
        #expect(h.screen.contains("New draft invoice · choose the customer"))
        h.type("müller")
        var text = h.press(.enter)
        #expect(text.contains("Draft created for Müller GmbH"))
        #expect(text.contains("No lines yet"))
        // A product: its description, unit, price and rate are filled in.
        h.press(.char("a"))
        h.type("kaffee crema")
        text = h.press(.enter)
        #expect(text.contains("KAF-500 · Kaffee Crema 500 g"))
        #expect(text.contains("12,50") && text.contains("Pck"))
        h.press(.ctrl("u"))
        text = h.type("10")
        #expect(text.contains("This line: 10 × 12,50 = 125,00 net at 7 %"), "live totals:\n\(text)")
        #expect(text.contains("gross 133,75"))
        text = h.press(.ctrl("s"))
        #expect(text.contains("Line saved · gross now 133,75 EUR"))
        // More than is on hand: said at once, not first when issuing.
        let onHand = try h.database.products.stockLevel(of: data.coffee.id).onHand
        h.press(.char("a"))
        h.type("kaffee crema")
        h.press(.enter, .ctrl("u"))
        h.type(String(onHand + 5))
        text = h.press(.ctrl("s"))
        #expect(text.contains("Line saved · only \(onHand) on hand: issuing waits until more arrive"), "\(text)")
        h.press(.char("x"), .char("y"))
        // A second product at 19 %.
        h.press(.char("a"))
        h.type("mühle")
        h.press(.enter, .ctrl("s"))
        text = h.screen
        #expect(text.contains("Net at 19 %: 89,90") && text.contains("Net at 7 %: 125,00"), "net per rate:\n\(text)")
        let id = try #require(try h.database.invoices.page(h.database.invoices.prepare(InvoiceQuery(view: .drafts)), after: nil, limit: 1).first?.id)
        let lines = try h.database.invoices.lines(of: id)
        #expect(lines.map(\.productID) == [data.coffee.id, data.grinder.id])
        #expect(lines.map(\.quantity) == [10, 1])
        #expect(lines.map(\.vatRate) == [.reduced, .standard])
        #expect(try h.invoice(id).grossCents == 13_375 + 10_698)
    }

    @Test func aLineIsEditedAndWrongInputIsNamedBesideItsField() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        h.openInvoice("Schäfer")
        // A free-text line with mistakes in it.
        h.press(.char("t"))
        h.press(.tab)
        h.press(.ctrl("u"))
        h.type("zwei")
        h.press(.tab, .tab)
        h.type("abc")
        h.press(.tab, .ctrl("u"))
        h.type("0")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Description is required"), "\(text)")
        #expect(text.contains("Quantity must be a number with up to three decimals"))
        #expect(text.contains("Unit price must be an amount like 1.234,50"))
        #expect(text.contains("4 fields need attention"), "\(text)") // and the 0 % line needs its exemption reason
        h.press(.escape)
        #expect(h.screen.contains("Close it and lose them?"))
        h.press(.char("y"))
        // Edit the existing line: quantity 3.
        h.press(.char("e"), .tab)
        h.press(.ctrl("u"))
        h.type("3")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Line saved · gross now 535,50 EUR")) // 3 × 150,00 + 19 %
        #expect(try h.database.invoices.lines(of: data.draft.id).map(\.quantity) == [3])
        // Remove it, after a question.
        h.press(.char("x"))
        #expect(h.screen.contains("Remove line 1, Wartung Kaffeeautomat?"))
        h.press(.char("y"))
        #expect(try h.database.invoices.lines(of: data.draft.id).isEmpty)
    }

    /// A free-text line is a service unless its unit says otherwise: to a
    /// business in another EU country it goes under reverse charge (AE),
    /// not as an intra-community supply of goods (K).
    @Test func aFreeTextLineToAnEUBusinessIsAService() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        let kuhn = try h.database.customers.create(CustomerFields(name: "Bäckerei Kuhn", street: "Ring 1", postalCode: "1010", city: "Wien",
                                                                  country: "AT", vatID: "ATU33345934"), by: h.session)
        let draft = try h.database.invoices.createDraft(customerID: kuhn.id, lines: [], by: data.carol)
        h.openInvoice("Kuhn")
        h.press(.char("t"))
        h.type("Beratung")
        h.press(.tab, .ctrl("u"))
        h.type("2")
        h.press(.tab, .tab)
        h.type("1234,50")
        let text = h.press(.ctrl("s"))
        let line = try #require(try h.database.invoices.lines(of: draft.id).first, "\(text)")
        #expect(line.taxCategory == .reverseCharge && line.unit == "Psch", "\(line)")
    }

    /// The customer picker puts the names that begin with what was typed
    /// first: Enter took the customer whose contact person was a Ziegler.
    @Test func theCustomerPickerPutsNamesBeginningSoFirst() throws {
        let h = try ScreenHarness()
        _ = try h.seedInvoices()
        _ = try h.database.customers.create(CustomerFields(name: "Albrecht Maschinenbau", contactName: "Stefan Ziegler", city: "Ulm"), by: h.bob)
        _ = try h.database.customers.create(CustomerFields(name: "Ziegler Technik OHG", city: "Bonn"), by: h.bob)
        h.press(.char("4"), .char("n"))
        h.type("Ziegler")
        #expect(h.screen.contains("› Ziegler Technik OHG"), "\(h.screen)")
    }

    /// A large office's draft ids fit the number column whole.
    @Test func longDraftNumbersAreShownWhole() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 30))
        let data = try h.seedInvoices()
        try DatabaseQueue(path: h.database.path).write { db in
            let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(invoices)").map { $0["name"] as String }.filter { $0 != "id" }
                .joined(separator: ", ")
            try db.execute(sql: "INSERT INTO invoices (id, \(columns)) SELECT 7051234, \(columns) FROM invoices WHERE id = ?", arguments: [data.draft.id])
        }
        let screen = h.press(.char("4"))
        #expect(screen.contains("draft #7051234"), "\(screen)")
    }

    /// An article number typed into the product picker means that article
    /// first, before products whose names merely have a word starting so.
    @Test func theProductPickerPutsATypedSKUFirst() throws {
        let h = try ScreenHarness()
        _ = try h.seedInvoices()
        try h.database.products.create(ProductFields(sku: "ESP-1", name: "Espresso Kaffeebohnen", price: "9,90", vatRate: .reduced), by: h.session)
        h.openInvoice("Schäfer")
        h.press(.char("a"))
        h.type("KAF")
        let text = h.press(.enter)
        #expect(text.contains("KAF-500 · Kaffee Crema 500 g"), "\(text)")
    }

    /// Lines that need more of a product than is on hand (two lines of it
    /// summed) are named in the question, before `y` would be refused.
    @Test func theQuestionSaysWhatStockIsMissingBeforeY() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        var draft = try h.invoice(data.draft.id)
        for _ in 0..<2 {
            draft = try h.database.invoices.addLine(to: draft.id, InvoiceLineInput(productID: data.grinder.id, description: "Kaffeemühle", quantity: 5,
                                                                                   unitPriceCents: 8990, vatRate: .standard),
                                                    expectedVersion: draft.version, by: data.carol)
        }
        h.openInvoice("Schäfer")
        var question = h.press(.char("i"))
        #expect(question.contains("⚠ not enough stock of MUE-1 Kaffeemühle: 9 on hand, 10 needed"), "\(question)")
        #expect(question.contains("It cannot be issued until there is"), "\(question)")
        // y is not offered: it would only be refused.
        #expect(!question.contains("[y]") && question.contains("[n]"), "\(question)")
        h.press(.char("y"))
        #expect(try h.invoice(data.draft.id).status == .draft)
        h.press(.char("n"))
        // With what is missing received, the question says nothing of stock.
        try h.database.products.receive(productID: data.grinder.id, quantity: 1, by: data.carol)
        question = h.press(.char("i"))
        #expect(question.contains("Issue invoice") && !question.contains("not enough stock"), "\(question)")
    }

    @Test func issuingAsksFirstSaysItIsFinalAndShowsTheNumber() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        h.openInvoice("Schäfer")
        let question = h.press(.char("i"))
        #expect(question.contains("Issue invoice"))
        #expect(question.contains("cannot be changed afterwards"))
        // The customer's record lacks what an XRechnung needs: said before it is frozen.
        let customer = try #require(try h.database.customers.find(id: try h.invoice(data.draft.id).customerID))
        #expect(customer.fields.buyerReference.isEmpty && question.contains("As an XRechnung it would lack a buyer reference"), "\(question)")
        // Enter answers nothing: issuing cannot be taken back.
        let entered = h.press(.enter)
        #expect(entered.contains("Enter does not answer this: press y, d, n, Esc") && entered.contains("Issue invoice"), "\(entered)")
        #expect(try h.invoice(data.draft.id).status == .draft)
        h.press(.char("n"))
        #expect(try h.invoice(data.draft.id).status == .draft)
        let text = h.press(.char("i"), .char("y"))
        #expect(text.contains("Issued invoice 2026-00003"))
        #expect(text.contains("Invoice 2026-00003"))
        let issued = try h.invoice(data.draft.id)
        #expect(issued.status == .issued && issued.number == "2026-00003")
        // Issued: no more line keys; payments and the credit note instead.
        #expect(!text.contains("add product") && text.contains("r payment"))
        h.press(.char("a"))
        #expect(try h.database.invoices.lines(of: data.draft.id).count == 1)
    }

    // MARK: Payments and credit notes

    @Test func aPartialThenTheFullPaymentMarkItPaid() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        h.openInvoice("2026-00002")
        var text = h.press(.char("r"))
        #expect(text.contains("Payment for 2026-00002"))
        #expect(text.contains("238,00")) // the open amount, offered
        h.press(.ctrl("u"))
        h.type("100")
        h.press(.tab, .tab)
        h.press(.ctrl("u"))
        h.type("cash")
        h.press(.tab)
        h.type("Beleg 1")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Payment of 100,00 recorded · balance 138,00 EUR"), "\(text)")
        #expect(try h.invoice(data.open.id).paidCents == 10_000)
        #expect(try h.database.invoices.payments(of: data.open.id).first?.method == .cash)
        text = h.press(.char("r"))
        #expect(text.contains("138,00"))
        text = h.press(.ctrl("s"))
        #expect(text.contains("2026-00002 is paid in full"))
        #expect(try h.invoice(data.open.id).status == .paid)
        #expect(!h.screen.contains("r payment"))
    }

    /// An empty draft says at once why it cannot be issued, not after the
    /// question about issuing it.
    @Test func anEmptyDraftSaysOnTheKeyThatItNeedsALine() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        let empty = try h.database.invoices.createDraft(customerID: data.open.customerID, lines: [], by: data.carol)
        h.app.open(.invoice(empty.id))
        let text = h.press(.char("i"))
        #expect(text.contains("an invoice needs at least one line before it can be issued") && !text.contains("Issue invoice"), "\(text)")
    }

    /// The seeded business with the payment form of its open invoice
    /// (2026-00002, 238,00) open and `amount` typed in it.
    func payingTheOpenInvoice(_ amount: String) throws -> (ScreenHarness, InvoiceScreenData) {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        h.openInvoice("2026-00002")
        h.press(.char("r"), .ctrl("u"))
        h.type(amount)
        return (h, data)
    }

    /// A payment dated before the invoice was issued (a year mistyped) is
    /// asked about: n goes back to the form, y records it as dated.
    @Test func aPaymentDatedBeforeTheInvoiceIsAskedAbout() throws {
        let (h, data) = try payingTheOpenInvoice("100")
        h.press(.tab, .ctrl("u"))
        h.type("01.01.2020")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("01.01.2020 is before the invoice was issued on \(CalendarDate.german(data.open.issueDate!))"), "\(text)")
        text = h.press(.char("n"))
        #expect(text.contains("Payment for 2026-00002") && text.contains("01.01.2020"), "\(text)")
        #expect(try h.database.invoices.payments(of: data.open.id).isEmpty)
        h.press(.ctrl("s"))
        text = h.press(.char("y"))
        #expect(text.contains("Payment of 100,00 recorded"), "\(text)")
        #expect(try h.database.invoices.payments(of: data.open.id).map(\.paidOn) == ["2020-01-01"])
    }

    @Test func anOverpaymentIsRefusedBesideTheAmount() throws {
        let (h, data) = try payingTheOpenInvoice("500")
        let text = h.press(.ctrl("s"))
        #expect(text.contains("Amount is more than the open 238,00 EUR"), "\(text)")
        #expect(text.contains("Payment for 2026-00002"), "the form stays open")
        #expect(try h.database.invoices.payments(of: data.open.id).isEmpty)
    }

    @Test func cancellingIssuesACreditNote() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        h.openInvoice("2026-00001")
        let question = h.press(.char("X"))
        #expect(question.contains("Cancel by credit note"))
        #expect(question.contains("-106,98"))
        let text = h.press(.char("y"))
        #expect(text.contains("Cancelled 2026-00001 by credit note CN-2026-00001"))
        #expect(text.contains("Cancelled"))
        #expect(text.contains("Credit notes: CN-2026-00001"))
        #expect(try h.invoice(data.overdue.id).status == .cancelled)
        #expect(try h.database.invoices.creditNotes(for: data.overdue.id).first?.grossCents == -10_698)
        // o opens the credit note, and from there the original.
        #expect(h.press(.char("o")).contains("Credit note CN-2026-00001"))
        #expect(h.press(.char("o")).contains("Invoice 2026-00001"))
        #expect(try h.database.products.stockLevel(of: data.grinder.id).onHand == 10) // back in stock
    }

    // MARK: Printing

    @Test func printWritesEveryParticularToAFileBesideTheDatabase() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        _ = try h.seedInvoices()
        h.openInvoice("2026-00001")
        let text = h.press(.char("p"))
        let path = h.folder.appendingPathComponent("invoices/2026-00001.txt").path
        #expect(text.contains("Printed to \(path)"), "\(text)")
        let printed = try String(contentsOfFile: path, encoding: .utf8)
        for part in ["Kontor Test GmbH", "Hauptstraße 1", "USt-IdNr.: DE123456788", "Müller GmbH", "10115 Berlin",
                     "RECHNUNG 2026-00001", "Rechnungsdatum:   05.01.2026", "Lieferdatum:      05.01.2026", "Kaffeemühle",
                     "Netto 19 %", "89,90", "USt 19 % auf 89,90", "17,08", "Gesamtbetrag EUR", "106,98"] {
            #expect(printed.contains(part), "printed invoice lacks \(part):\n\(printed)")
        }
    }

    @Test func xWritesTheEInvoiceOrSaysWhichRuleItWouldBreak() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        // Müller GmbH gave no buyer reference: XRechnung needs one (BR-DE-15), so nothing is written.
        h.openInvoice("2026-00001")
        var text = h.press(.char("x"))
        #expect(text.contains("BR-DE-15"), "\(text)")
        let refused = h.folder.appendingPathComponent("invoices/2026-00001.xml").path
        #expect(!FileManager.default.fileExists(atPath: refused))
        // With the company's IBAN, a customer with a Leitweg-ID gets the e-invoice beside the database.
        var settings = try h.session.settings()
        settings.iban = "DE02 2005 0550 1015 8713 93"
        try h.session.saveSettings(settings)
        let amt = try h.database.customers.create(CustomerFields(name: "Stadtwerke Köln & Co. <AöR>", email: "rechnung@stadtwerke.example",
                                                                 street: "Am Wasserwerk 1", postalCode: "50667", city: "Köln", country: "DE",
                                                                 buyerReference: "04011000-12345-03"), by: h.session)
        let draft = try h.database.invoices.createDraft(customerID: amt.id, lines: [
            InvoiceLineInput(description: "Wartung", quantity: Quantity(milli: 1_500), unit: "Std", unitPriceCents: 9_500),
        ], by: data.carol)
        let issued = try h.database.invoices.issue(draft.id, expectedVersion: draft.version, by: data.carol)
        h.press(.escape, .escape)
        h.openInvoice(issued.number!)
        text = h.press(.char("x"))
        let path = h.folder.appendingPathComponent("invoices/\(issued.number!).xml").path
        #expect(text.contains("E-invoice (XRechnung, UBL) written to \(path)"), "\(text)")
        let xml = try String(contentsOfFile: path, encoding: .utf8)
        #expect(xml.contains("<cbc:BuyerReference>04011000-12345-03</cbc:BuyerReference>"))
        #expect(xml.contains("Stadtwerke Köln &amp; Co. &lt;AöR&gt;"))
        #expect(xml.contains("<cbc:InvoicedQuantity unitCode=\"HUR\">1.5</cbc:InvoicedQuantity>"))
    }

    // MARK: Company settings

    @Test func anAdminEditsTheCompanySettingsWithErrorsBesideTheField() throws {
        let h = try ScreenHarness()
        _ = try h.seedInvoices()
        #expect(h.press(.char("4")).contains("S settings"))
        var text = h.press(.char("S"))
        #expect(text.contains("Company settings"))
        #expect(text.contains("Kontor Test GmbH"))
        h.press(.tab, .tab, .tab, .tab, .ctrl("u")) // VAT id
        h.type("123456789")
        h.press(.tab, .tab, .tab, .ctrl("u")) // payment terms
        h.type("viele")
        text = h.press(.ctrl("s"))
        // Every problem at once: the form's (payment terms) and the model's (VAT id).
        #expect(text.contains("Payment terms must be a number of days") && text.contains("VAT id must be a country code"), "\(text)")
        // The focus is on the first field marked: the VAT id.
        h.press(.ctrl("u"))
        h.type("DE 999 999 995")
        h.press(.tab, .ctrl("u"))
        h.type("27/815/08150")
        h.press(.tab, .tab, .ctrl("u"))
        h.type("30")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Company settings saved"))
        let saved = try h.session.settings()
        #expect(saved.vatID == "DE999999995")
        #expect(saved.taxNumber == "27/815/08150")
        #expect(saved.paymentTermsDays == 30)
        #expect(saved.address == "Hauptstraße 1\n10115 Berlin")
    }

    @Test func settingsSavedMeanwhileByAnotherAdminAreNotOverwritten() throws {
        let h = try ScreenHarness()
        _ = try h.seedInvoices()
        try h.session.staffDirectory.add(StaffFields(username: "erin", fullName: "Erin Admin"), role: .admin)
        let erin = try h.database.session(for: Actor(username: "erin"))
        h.press(.char("4"), .char("S"))
        var theirs = try erin.settings()
        theirs.bank = "Sparkasse"
        try erin.saveSettings(theirs, expected: try erin.settingsRevision())
        h.press(.tab, .ctrl("u"))
        h.type("Andere Straße 2")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Erin Admin saved the settings at"), "\(text)")
        #expect(text.contains("Ctrl-R theirs/merge"))
        #expect(try h.session.settings().bank == "Sparkasse")
        // Theirs beside mine; merging takes their bank and keeps my address.
        text = h.press(.ctrl("r"))
        #expect(text.contains("Sparkasse") && text.contains("they changed") && text.contains("you changed"), "\(text)")
        text = h.press(.char("m"))
        #expect(text.contains("Merged with Erin Admin's save"), "\(text)")
        #expect(h.press(.ctrl("s")).contains("Company settings saved"))
        #expect(try h.session.settings().bank == "Sparkasse")
        #expect(try h.session.settings().address.hasPrefix("Andere Straße 2"))
    }

    // MARK: Roles

    @Test func aFrontOfficeUserIsNotOfferedChangesAndIsRefusedIfTrying() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        let app = App(session: h.bob, theme: .fallback)
        var text = press(app, .char("4"))
        #expect(text.contains("2026-00001"), "front office reads invoices")
        #expect(!text.contains("new draft") && !text.contains("S settings"))
        // The binding says who may before the model would refuse.
        text = press(app, .char("n"))
        #expect(text.contains("n new draft — back office, managers and admins only"), "\(text)")
        text = press(app, .char("S"))
        #expect(text.contains("S settings — admins only"))
        // The draft: no line, issue or delete keys; trying one is refused, saying who may.
        text = press(app, .char("/"), .char("S"), .char("c"), .char("h"), .enter, .enter)
        #expect(text.contains("Draft invoice #\(data.draft.id)"), "\(text)")
        #expect(!text.contains("i issue") && !text.contains("add product"))
        text = press(app, .char("i"))
        #expect(text.contains("i issue — back office, managers and admins only"), "\(text)")
        #expect(!text.contains("Issue invoice"))
        #expect(try h.invoice(data.draft.id).status == .draft)
        // Printing changes nothing: it is offered.
        #expect(text.contains("p print"))
    }

    // MARK: Others at work

    @Test func aDraftChangedMeanwhileIsNotOverwritten() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        h.openInvoice("Schäfer")
        h.press(.char("e"), .tab, .ctrl("u"))
        h.type("5")
        // Carol changes the same draft meanwhile.
        let line = try #require(try h.database.invoices.lines(of: data.draft.id).first)
        try h.database.invoices.addLine(to: data.draft.id, InvoiceLineInput(description: "Anfahrt", quantity: 1, unitPriceCents: 5_000),
                                        expectedVersion: data.draft.version, by: data.carol)
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Carol Back changed this draft at"), "\(text)")
        #expect(text.contains("Ctrl-R theirs/merge"))
        #expect(try h.database.invoices.lines(of: data.draft.id).first?.quantity == line.quantity)
        // Carol's change was another line: merging keeps the typed quantity.
        h.press(.ctrl("r"), .char("m"))
        text = h.press(.ctrl("s"))
        #expect(text.contains("Line saved"))
        #expect(try h.database.invoices.lines(of: data.draft.id).map(\.quantity) == [5, 1])
        #expect(text.contains("Anfahrt"), "their line shows too:\n\(text)")
    }

    @Test func anotherSessionsChangeShowsUpInListAndRecord() throws {
        let h = try ScreenHarness()
        let data = try h.seedInvoices()
        h.press(.char("4"), .char("j"))
        let before = try #require(h.cursorLine)
        let other = try KontorDatabase(path: h.database.path)
        let carol = try other.session(for: Actor(username: "carol"))
        try other.invoices.createDraft(customerID: try #require(try h.customer(named: "Café Crème 👍 Bistro")).id, by: carol)
        h.app.tick()
        #expect(h.screen.contains("Café Crème"))
        #expect(h.screen.contains("5 invoices"))
        #expect(h.cursorLine == before, "the cursor stays on its invoice")
        // The record follows a payment made elsewhere.
        h.openInvoice("2026-00002")
        try other.invoices.recordPayment(to: data.open.id, amountCents: 23_800, by: carol)
        h.app.tick()
        #expect(h.screen.contains("· Paid"))
        #expect(h.screen.contains("Balance 0,00"))
    }

    @Test("a draft a colleague issues while a form is open over it shows issued once the form is gone")
    func aDraftIssuedUnderAFormShowsIssuedAfterIt() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        let data = try h.seedInvoices()
        h.openInvoice("Schäfer")
        h.press(.char("t"))
        h.type("Fahrt")
        let other = try KontorDatabase(path: h.database.path)
        let carol = try other.session(for: Actor(username: "carol"))
        let draft = try #require(try other.invoices.find(id: data.draft.id))
        let issued = try other.invoices.issue(draft.id, expectedVersion: draft.version, by: carol)
        h.app.tick()
        h.press(.escape)
        var text = h.screen
        if text.contains("Discard") { text = h.press(.char("y")) }
        #expect(text.contains("Invoice \(issued.number!)") && !text.contains("Draft invoice"), "\(text)")
    }

    @Test func helpListsTheKeysOfTheRecord() throws {
        let h = try ScreenHarness()
        _ = try h.seedInvoices()
        h.openInvoice("Schäfer")
        let help = h.press(.char("?"))
        for text in ["Keys · Invoices", "Add a line for a product", "Issue: gives the next number"] {
            #expect(help.contains(text), "help lacks \(text)")
        }
    }
}

@MainActor
@Suite("Issuing with dates")
struct IssueDatesTests {
    @Test func dSetsTheDateOfSupplyAServicePeriodAndTheOrderReferenceBeforeIssuing() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        h.openInvoice("Schäfer")
        var text = h.press(.char("i"))
        #expect(text.contains("d sets them first"), "\(text)")
        text = h.press(.char("d"))
        #expect(text.contains("Date of supply") && text.contains("Service from") && text.contains("Order reference"), "\(text)")
        h.press(.tab, .tab, .ctrl("u"))
        h.type("1.10.2026")
        h.press(.tab, .ctrl("u"))
        h.type("31.13.2026")
        text = h.press(.ctrl("s"))
        #expect(text.contains("must be a date like 29.11.2026"), "\(text)")
        h.press(.ctrl("u"))
        h.type("31.10.2026")
        h.press(.tab)
        h.type("PO-4711")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Issued invoice 2026-00003"), "\(text)")
        let issued = try h.invoice(data.draft.id)
        #expect(issued.periodStart == "2026-10-01" && issued.periodEnd == "2026-10-31" && issued.orderReference == "PO-4711")
        let printed = try h.database.invoices.document(for: issued.id).text
        #expect(printed.contains("Leistungszeitraum: 01.10.2026 bis 31.10.2026") && printed.contains("Ihre Bestellung:   PO-4711"), "\(printed)")
    }

    /// A date in a year that is over is asked about before it takes a
    /// number of that year; the date of supply, left as it was, follows it.
    @Test func aDateInAYearThatIsOverIsAskedAboutAndTheSupplyDateFollows() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        let lastYear = Int(CalendarDate.today().prefix(4))! - 1
        h.openInvoice("Schäfer")
        h.press(.char("i"), .char("d"), .ctrl("u"))
        h.type("31.12.\(lastYear)")
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Issue in \(lastYear)?") && text.contains("in a year that is over"), "\(text)")
        #expect(try h.invoice(data.draft.id).status == .draft)
        text = h.press(.char("n"))
        #expect(text.contains("Issue date"), "back in the form:\n\(text)")
        #expect(try h.invoice(data.draft.id).status == .draft)
        h.press(.ctrl("s"))
        text = h.press(.char("y"))
        #expect(text.contains("Issued invoice \(lastYear)-"), "\(text)")
        let issued = try h.invoice(data.draft.id)
        #expect(issued.issueDate == "\(lastYear)-12-31" && issued.deliveryDate == "\(lastYear)-12-31")
    }
}

@MainActor
@Suite("Tax categories on the draft")
struct DraftTaxCategoryTests {
    @Test func aDraftForAnEUBusinessShowsReverseChargeBeforeItIsIssued() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let data = try h.seedInvoices()
        let milano = try h.database.customers.create(CustomerFields(name: "Jäger Feinkost S.r.l.", street: "Via Roma 1", postalCode: "20121",
                                                                    city: "Milano", country: "IT", vatID: "IT32918642301"), by: h.session)
        _ = try h.database.invoices.createDraft(customerID: milano.id, lines: [
            InvoiceLineInput(description: "Beratung Sortiment", quantity: Quantity(milli: 2_500), unit: "Std", unitPriceCents: 10_000),
        ], by: data.carol)
        let text = h.openInvoice("Jäger")
        #expect(text.contains("2,5 Std"), "\(text)")
        #expect(text.contains(" AE "), "\(text)")
        #expect(text.contains("AE reverse charge: net 250,00, no VAT · Steuerschuldnerschaft des Leistungsempfängers"), "\(text)")
    }
}
