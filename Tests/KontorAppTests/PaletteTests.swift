import Foundation
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

@MainActor
/// Records for the palette to find, made through the model as people would.
extension ScreenHarness {
    struct PaletteBusiness {
        var customer: Customer
        var invoice: Invoice
        var ticket: Ticket
        var deal: Deal
        var product: Product
    }

    @discardableResult
    func seedPaletteBusiness() throws -> PaletteBusiness {
        var settings = try session.settings()
        settings.name = "Kontor Test GmbH"
        settings.address = "Teststraße 1\n10115 Berlin"
        settings.vatID = "DE111111117"
        settings.completeForInvoices()
        try session.saveSettings(settings)
        try readyToInvoice()
        let customer = try #require(try customer(named: "Müller GmbH"))
        let draft = try database.invoices.createDraft(customerID: customer.id, lines: [
            InvoiceLineInput(description: "Beratung", quantity: 3, unit: "h", unitPriceCents: 12000, vatRate: .standard),
        ], by: session)
        let invoice = try database.invoices.issue(draft.id, expectedVersion: draft.version, by: session)
        let ticket = try database.tickets.create(TicketFields(subject: "Rechnung doppelt erhalten", customerID: customer.id), by: session)
        let deal = try database.deals.create(DealFields(customerID: customer.id, title: "Rahmenvertrag Kaffeemaschinen", valueCents: 990000), by: session)
        let product = try database.products.create(ProductFields(sku: "ABC-1", ean: "4006381333931", name: "Kaffeemühle Deluxe", price: "89,00"), by: session)
        return PaletteBusiness(customer: customer, invoice: invoice, ticket: ticket, deal: deal, product: product)
    }

    /// Opens the palette and types `line` into it.
    @discardableResult
    func command(_ line: String) -> String {
        press(.char(":"))
        return type(line)
    }

    /// The palette's rows as drawn: the lines between its heading and its input line.
    var paletteRows: [String] {
        let lines = screen.split(separator: "\n").map(String.init)
        guard let top = lines.lastIndex(where: { $0.contains("Command ·") }) else { return [] }
        return Array(lines[(top + 1)...].prefix { !$0.hasPrefix(":") })
    }

    /// The palette's input line as drawn: the line that starts with ":".
    var commandLine: String? { screen.split(separator: "\n").last { $0.hasPrefix(":") }.map(String.init) }
}

@MainActor
@Suite("Command palette")
struct PaletteTests {
    @Test func colonOpensItAndTheFooterAndHelpOfferIt() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        #expect(h.screen.split(separator: "\n").last?.contains(": command") == true, "footer:\n\(h.screen)")
        // The help is drawn from the same list.
        #expect(h.app.activeBindings.contains { $0.id == "app.palette" && $0.keys == [.char(":")] })
        let opened = h.press(.char(":"))
        #expect(h.app.palette != nil)
        #expect(opened.contains("Command ·"), "\(opened)")
        // With nothing typed, the screen's own actions come first, with their keys.
        let newLine = try #require(opened.split(separator: "\n").first { $0.contains("New customer") }, "\(opened)")
        #expect(newLine.hasSuffix(" n"), "the key is shown beside: \(newLine)")
        #expect(opened.split(separator: "\n").last?.contains("Enter run") == true, "footer shows the palette's keys:\n\(opened)")
        let help = h.press(.function(1))
        #expect(help.contains("Keys ·") && help.contains("Complete the line"), "\(help)")
        h.press(.escape) // closes the help, the palette stays
        #expect(h.app.palette != nil)
        h.press(.escape)
        #expect(h.app.palette == nil)
    }

    @Test func typingCustMuListsMuellerAndTabCompletesIt() throws {
        let h = try ScreenHarness()
        let listed = h.command("cust mü")
        let rows = h.paletteRows
        let first = try #require(rows.first { $0.hasPrefix("›") }, "\(listed)")
        #expect(first.contains("Müller GmbH") && first.contains("customer · Berlin"), "\(listed)")
        #expect(rows.contains { $0.contains("Mueller Trading Ltd") }, "muller also finds Mueller: \(listed)")
        #expect(!rows.contains { $0.contains("Zeta Systems") })
        h.press(.tab)
        #expect(h.commandLine == ": cust Müller GmbH" || h.commandLine?.hasPrefix(":cust Müller GmbH") == true, "\(h.commandLine ?? h.screen)")
        let opened = h.press(.enter)
        #expect(h.app.palette == nil)
        #expect(opened.contains("Müller GmbH") && opened.contains("Contacts ("), "the 360° view opens:\n\(opened)")
    }

    @Test func anIssuedInvoiceNumberOpensTheInvoicesScreenOnIt() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedPaletteBusiness()
        let number = try #require(business.invoice.number)
        let listed = h.command(number)
        #expect(listed.contains("› \(number)"), "the invoice is offered:\n\(listed)")
        let shown = h.press(.enter)
        #expect(h.app.activeScreen.title == "Invoices")
        #expect(shown.contains("Invoice \(number) · ") && shown.contains("Beratung"), "the invoice is open:\n\(shown)")
        // The same with the verb, and with just the serial.
        h.press(.char("1"))
        #expect(!h.screen.contains("Invoice \(number) · "), "the invoice is no longer shown (the trail still names it)")
        h.command("inv \(number.suffix(5).drop { $0 == "0" })")
        #expect(h.paletteRows.first?.contains(number) == true, "\(h.screen)")
        let again = h.press(.enter)
        #expect(h.app.activeScreen.title == "Invoices")
        #expect(again.contains("Invoice \(number) · "), "\(again)")
        // Paid twice, it is offered as the list says it: overpaid, not paid.
        try h.database.invoices.recordPayment(to: business.invoice.id, amountCents: business.invoice.grossCents + 1_000,
                                              acceptingOverpayment: true, by: h.session)
        h.press(.escape)
        h.command(number)
        #expect(h.paletteRows.first?.contains("overpaid 10,00") == true, "\(h.screen)")
    }

    @Test func hashAndNumberOpensATicket() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedPaletteBusiness()
        let listed = h.command("#\(business.ticket.id)")
        #expect(listed.contains("#\(business.ticket.id) Rechnung doppelt erhalten"), "\(listed)")
        let shown = h.press(.enter)
        #expect(h.app.activeScreen.title == "Tickets")
        #expect(shown.contains("Rechnung doppelt erhalten") && shown.contains("Müller GmbH"), "\(shown)")
        #expect(h.app.palette == nil)
    }

    @Test func dealsProductsAndStaffAreFoundByTheirWords() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedPaletteBusiness()
        #expect(h.command("deal kaffee").contains("Rahmenvertrag Kaffeemaschinen"))
        h.press(.enter)
        #expect(h.app.activeScreen.location.record == .deal(business.deal.id))

        #expect(h.command("sku abc").contains("ABC-1 Kaffeemühle Deluxe"))
        #expect(h.press(.enter).contains("Stock ledger") && h.screen.contains("Kaffeemühle Deluxe"), "\(h.screen)")
        #expect(h.app.activeScreen.title == "Inventory")

        // An EAN on its own, as a scanner types it.
        h.press(.char("1"))
        let scanned = h.command("4006381333931")
        #expect(h.paletteRows.first?.contains("ABC-1 Kaffeemühle Deluxe") == true, "\(scanned)")
        h.press(.enter)
        #expect(h.app.activeScreen.title == "Inventory")

        let staff = h.command("staff bob")
        #expect(staff.contains("Bob Front"), "\(staff)")
        h.press(.enter)
        #expect(h.app.activeScreen.title == "Staff")
    }

    @Test func actionsRunByName() throws {
        let h = try ScreenHarness()
        let listed = h.command("edit")
        #expect(listed.contains("› edit"), "\(listed)")
        let form = h.press(.enter)
        #expect(form.contains("Edit") && form.contains("Name"), "the highlighted customer's form opens:\n\(form)")
    }

    @Test func newCustomerOpensItsFormFromACustomersOwnView() throws {
        let h = try ScreenHarness()
        h.press(.enter)
        #expect(h.app.activeScreen.location.record != nil)
        let listed = h.command("new cu")
        #expect(listed.contains("› new customer"), "\(listed)")
        let form = h.press(.enter)
        #expect(form.contains("New customer"), "\(form)")
    }

    @Test func newCustomerOpensTheNewCustomerFormFromAnotherScreen() throws {
        let h = try ScreenHarness()
        h.press(.char("4"))
        let listed = h.command("new cu")
        #expect(listed.contains("› new customer"), "\(listed)")
        let form = h.press(.enter)
        #expect(h.app.activeScreen.title == "Customers")
        #expect(form.contains("New customer"), "\(form)")
    }

    @Test func themeSwitchesTheTheme() throws {
        let h = try ScreenHarness()
        #expect(h.command("theme m").contains("theme mono"))
        h.press(.enter)
        #expect(h.app.theme.name == "mono")
        #expect(h.screen.contains("Theme mono"))
        let unknown = h.command("theme purple")
        #expect(unknown.contains("No theme “purple”"), "\(unknown)")
    }

    @Test func quitQuits() throws {
        let h = try ScreenHarness()
        h.command("quit")
        h.press(.enter)
        #expect(h.app.finished)
    }

    @Test func quitAsksWhenAFormHasUnsavedChanges() throws {
        let h = try ScreenHarness()
        // A half-typed customer on Customers; the palette opens on another screen.
        h.press(.char("n"))
        h.type("Halbfertig")
        let customers = h.app.activeScreen
        #expect(customers.hasUnsavedChanges)
        h.app.switchTo(1)
        h.command("quit")
        let asked = h.press(.enter)
        #expect(!h.app.finished)
        #expect(asked.contains("Quit and lose them?"), "\(asked)")
    }

    @Test func unknownInputSaysSo() throws {
        let h = try ScreenHarness()
        let said = h.command("xyzzy")
        #expect(said.contains("✗ Nothing matches “xyzzy”"), "\(said)")
        h.press(.enter)
        #expect(h.app.palette != nil, "nothing ran")
        let missing = h.command("")
        _ = missing
        h.press(.escape)
        #expect(h.command("#999999").contains("No ticket #999999"))
        h.press(.escape)
        #expect(h.command("2026-99999").contains("No invoice or credit note numbered “2026-99999”"))
    }

    @Test func aFrontOfficeUserIsNotOfferedWhatTheRoleMayNotDo() throws {
        let h = try ScreenHarness()
        let app = App(session: h.bob, theme: .fallback)
        let size = Size(width: 100, height: 40)
        func press(_ keys: [Key]) -> String {
            for key in keys {
                _ = app.frame(size: size)
                app.handle(key)
            }
            return app.frame(size: size).0.text
        }
        let creatable = press([.char(":")] + "new ".map { Key.char($0) })
        #expect(creatable.contains("new customer") && creatable.contains("new ticket") && creatable.contains("new deal"), "\(creatable)")
        #expect(!creatable.contains("new invoice") && !creatable.contains("new product") && !creatable.contains("new staff"), "\(creatable)")
        let refused = press("invoice".map { Key.char($0) })
        #expect(refused.contains("may not create invoice"), "\(refused)")
        _ = press([.escape])

        // Inventory lists its keys for everyone; the palette leaves out the changing ones.
        _ = press([.char("5"), .char(":")])
        let inventory = app.palette?.candidates.map(\.command) ?? []
        #expect(inventory.contains(.screenBinding("product.new")) == false, "\(inventory)")
        #expect(inventory.contains(.new(screen: 0)), "bob may still create front-office records")
        _ = press([.escape, .char("6"), .char(":")])
        let staff = app.palette?.candidates.map(\.command) ?? []
        #expect(staff.contains(.screenBinding("staff.add")) == false, "\(staff)")
        _ = press([.escape, .char("4"), .char(":")])
        let invoices = app.palette?.candidates.map(\.command) ?? []
        #expect(invoices.contains(.screenBinding("invoice.new")) == false && invoices.contains(.screenBinding("list.filter")), "\(invoices)")
        _ = press([.escape])

        // The admin is offered them.
        h.press(.char("5"), .char(":"))
        #expect(h.app.palette?.candidates.map(\.command).contains(.screenBinding("product.new")) == true)

        // With a record open on the screen that creates, bob is still not
        // offered what his role may not create.
        _ = press([.char("6"), .enter, .char(":")])
        #expect(app.activeScreen.location.record != nil)
        let creatableNow = app.palette?.candidates.map(\.command) ?? []
        #expect(!creatableNow.contains(.new(screen: 5)) && creatableNow.contains(.new(screen: 0)), "\(creatableNow)")
        _ = press([.escape])
    }

    @Test func eachTypedTextIsSearchedOnceAndMovingSearchesNothing() throws {
        let h = try ScreenHarness()
        h.command("cust m")
        let after = try #require(h.app.palette?.searches)
        h.press(.down, .down, .up)
        #expect(h.app.palette?.searches == after)
        h.type("ü")
        #expect(h.app.palette?.searches == after + 1)
        h.press(.tab)
        #expect(h.app.palette?.searches == after + 1, "completing keeps the list")
    }

    @Test func theCommandLineFitsAt80x24AndUsesTheRoomAt200x50() throws {
        let small = try ScreenHarness()
        let text = small.command("cust")
        #expect(text.split(separator: "\n", omittingEmptySubsequences: false).count == 24)
        let big = try ScreenHarness(size: Size(width: 200, height: 50))
        big.command("")
        let rows = big.screen.split(separator: "\n").filter { $0.hasPrefix("›") || $0.hasPrefix("  ") }
        #expect(rows.count >= 10, "\(big.screen)")
    }
}
