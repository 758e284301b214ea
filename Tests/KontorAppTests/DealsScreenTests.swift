import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

@MainActor
/// Deals in every stage, made through the model as a person would make them.
struct DealsFixture {
    var rack: Int64      // Lead, Müller, 12.500,00, planned
    var cloud: Int64     // Lead, Schäfer, stale (nothing planned)
    var support: Int64   // Qualified
    var chairs: Int64    // Proposal
    var firewall: Int64  // Negotiation, 48.000,00
    var archive: Int64   // Won, already invoiced? no: won, not invoiced
    var printer: Int64   // Lost
    var server: Int64    // product SRV-2U
    var cable: Int64     // product CAB-5
}

@MainActor
extension ScreenHarness {
    /// Creates the deals fixture and opens the Deals screen.
    func dealsFixture(open: Bool = true) throws -> DealsFixture {
        let deals = database.deals
        func customer(_ name: String) throws -> Int64 { try #require(try self.customer(named: name)).id }
        let bobID = try #require(try session.staffDirectory.find(username: "bob")).id
        func make(_ title: String, _ customerName: String, value: Int, close: String = "", next: String = "2099-01-01",
                  owner: Int64? = nil) throws -> Deal {
            try deals.create(DealFields(customerID: try customer(customerName), title: title, valueCents: value,
                                        expectedClose: close, ownerID: owner, nextActivity: next), by: session)
        }
        let rack = try make("Server rack", "Müller GmbH", value: 1_250_000, close: "2027-01-31", owner: bobID)
        let cloud = try make("Cloud migration", "Schäfer & Söhne KG", value: 880_000, close: "2027-02-28", next: "")
        var support = try make("Support contract", "山田商事株式会社", value: 2_400_000, close: "2027-05-31", owner: session.staff.id)
        support = try deals.moveForward(id: support.id, expectedVersion: support.version, by: session)
        var chairs = try make("Office chairs", "Café Crème 👍 Bistro", value: 310_000)
        for _ in 0..<2 { chairs = try deals.moveForward(id: chairs.id, expectedVersion: chairs.version, by: session) }
        var firewall = try make("Firewall appliance", "Weiß Logistik AG", value: 4_800_000, close: "2027-01-15", owner: bobID)
        for _ in 0..<3 { firewall = try deals.moveForward(id: firewall.id, expectedVersion: firewall.version, by: session) }
        var archive = try make("Archive scanning", "Zeta Systems", value: 150_000, close: "2026-01-10")
        archive = try deals.moveStage(id: archive.id, to: .won, expectedVersion: archive.version, by: session)
        var printer = try make("Printer fleet", "Mueller Trading Ltd", value: 90_000)
        printer = try deals.moveStage(id: printer.id, to: .lost, lostReason: "Price too high", expectedVersion: printer.version, by: session)
        let server = try database.products.create(ProductFields(sku: "SRV-2U", name: "Server 2U", price: "4.000,00"), by: session)
        let cable = try database.products.create(ProductFields(sku: "CAB-5", name: "Patch cable 5 m", price: "9,90"), by: session)
        if open { press(.char("3")) }
        return DealsFixture(rack: rack.id, cloud: cloud.id, support: support.id, chairs: chairs.id, firewall: firewall.id,
                            archive: archive.id, printer: printer.id, server: server.id, cable: cable.id)
    }

    func deal(_ id: Int64) throws -> Deal { try #require(try database.deals.find(id: id)) }

    /// The screen's lines, for looking at one row.
    var lines: [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
}

@MainActor
@Suite("Deals screen")
struct DealsScreenTests {
    nonisolated static let sizes = [Size(width: 80, height: 24), Size(width: 200, height: 50)]

    // MARK: The board

    /// Deals of Müller GmbH planned to close on 31.01.27, each `(title, cents)`,
    /// owned by `owner` (Bob Front when nil); then the board.
    @discardableResult
    private static func board(_ h: ScreenHarness, _ deals: [(String, Int)], owner: Int64? = nil) throws -> String {
        let owner = try owner ?? #require(try h.session.staffDirectory.find(username: "bob")).id
        let customer = try #require(try h.customer(named: "Müller GmbH")).id
        for (title, cents) in deals {
            try h.database.deals.create(DealFields(customerID: customer, title: title, valueCents: cents, expectedClose: "2027-01-31",
                                                   ownerID: owner, nextActivity: "2099-01-01"), by: h.session)
        }
        return h.press(.char("3"))
    }

    /// Every card writes its owner the same way: a large value that
    /// leaves room only for initials makes the others use them too, or
    /// "Bob Front" on one card and "BF" on the next read as two people.
    @Test func everyCardWritesItsOwnerAlike() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let board = try Self.board(h, [("Small order", 100), ("Large order", 123_456_789)])
        let owners = h.lines.filter { $0.contains("31.01.27") }
        #expect(owners.count == 2, "\(board)")
        for line in owners { #expect(line.contains(" BF "), "initials on every card: \(line)") }
        #expect(!board.contains("Bob Front") && !board.contains("B. Front"), "\(board)")
    }

    /// A card whose value leaves no room for an owner at all shows none,
    /// and does not make the others write theirs as initials.
    @Test func aCardWithoutRoomForItsOwnerDecidesNothing() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let board = try Self.board(h, [("Small order", 100), ("Huge order", 123_456_789_012)])
        let small = try #require(h.lines.first { $0.contains("1,00") && $0.contains("31.01.27") }, "\(board)")
        #expect(small.contains("Bob Front"), "\(small)")
    }

    /// A name written in Chinese with its Latin writing in brackets is
    /// shortened to the name itself, never to "王(".
    @Test func anOwnerNamedInChineseIsShortenedToTheName() throws {
        let h = try ScreenHarness(size: Size(width: 80, height: 24))
        let mei = try h.session.staffDirectory.add(StaffFields(username: "mei", fullName: "王梅 (Wang Mei)"), role: .front)
        let board = try Self.board(h, [("Großauftrag", 123_456)], owner: mei.id)
        let card = try #require(h.lines.first { $0.contains("31.01.27") }, "\(board)")
        #expect(card.contains("王梅") && !card.contains("王("), "\(card)")
    }

    @Test(arguments: sizes) func boardShowsColumnsCardsAndTotals(size: Size) throws {
        let h = try ScreenHarness(size: size)
        _ = try h.dealsFixture()
        let text = h.screen
        #expect(text.contains("Lead") && text.contains("Qualified") && text.contains("Proposal"))
        #expect(text.contains("Server rack") && text.contains("Müller GmbH") && text.contains("12.500,00"))
        #expect(text.contains("31.01.27"), "close date on the card")
        #expect(text.contains("Bob Front") || text.contains("B. Front") || text.contains(" BF "), "owner on the card\n\(text)")
        // Lead holds two deals worth 21.300,00; weighted at 10 %: 2.130,00.
        #expect(text.contains("Σ 21.300") && text.contains("2.130"), "\(text)")
        // The stale deal is marked, not only coloured.
        let stale = try #require(h.lines.first { $0.contains("Cloud migration") })
        #expect(stale.contains(" !Cloud migration"), "\(stale)")
        let planned = try #require(h.lines.first { $0.contains("Server rack") })
        #expect(planned.contains("› Server rack"), "\(planned)")
        if size.width >= 200 {
            for stage in ["Negotiation", "Won", "Lost"] { #expect(text.contains(stage), "all six columns at 200 wide") }
            #expect(!text.contains("more ›"))
        } else {
            #expect(text.contains("3 more ›"), "hint of the hidden columns\n\(text)")
            #expect(!text.contains("Negotiation"))
        }
        #expect(h.lines.last?.contains("> next") == true, "footer: \(h.lines.last ?? "")")
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func hAndLMoveBetweenColumnsAndKeepTheFocusVisible() throws {
        let h = try ScreenHarness()
        _ = try h.dealsFixture()
        h.press(.char("l"), .char("l"), .char("l"))
        var text = h.screen
        #expect(text.contains("Negotiation") && text.contains("Firewall appliance"), "\(text)")
        #expect(text.contains("‹ 1 more") && text.contains("2 more ›"), "\(text)")
        #expect(h.cursorLine?.contains("Firewall appliance") == true || text.contains("› Firewall"))
        h.press(.right, .right, .right)
        text = h.screen
        #expect(text.contains("Lost") && text.contains("Printer fleet") && text.contains("‹ 3 more"), "\(text)")
        h.press(.char("h"), .left, .left, .left, .left, .left)
        text = h.screen
        #expect(text.contains("Server rack") && text.contains("3 more ›"))
    }

    @Test(arguments: sizes) func greaterAndLessMoveTheDealAndTheCursorFollows(size: Size) throws {
        let h = try ScreenHarness(size: size)
        let f = try h.dealsFixture()
        #expect(h.screen.contains("› Server rack") || h.screen.contains("›  Server rack"))
        h.press(.char(">"))
        #expect(try h.deal(f.rack).stage == .qualified)
        var text = h.screen
        #expect(text.contains("“Server rack” moved from Lead to Qualified"), "\(text)")
        #expect(text.contains("› Server rack") || text.contains("›! Server rack"), "the cursor follows the deal\n\(text)")
        h.press(.char("<"))
        #expect(try h.deal(f.rack).stage == .lead)
        text = h.screen
        #expect(text.contains("moved from Qualified to Lead"))
        // At Lead there is no way back: the model says why.
        h.press(.char("<"))
        #expect(h.screen.contains("first stage"))
        #expect(try h.deal(f.rack).stage == .lead)
    }

    @Test func markingLostAsksForTheReasonAndTheModelChecksIt() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        h.press(.char("x"))
        #expect(h.screen.contains("Why was “Server rack” lost?"))
        h.press(.enter)
        #expect(h.screen.contains("Reason is required to mark a deal lost"), "\(h.screen)")
        #expect(try h.deal(f.rack).stage == .lead)
        // At 80 columns the field shows a long reason whole, not through a slit beside its hint.
        let reason = "Went with a competitor – Müller, price and delivery"
        let typed = h.type(reason)
        #expect(typed.contains(reason), "\(typed)")
        h.press(.enter)
        let lost = try h.deal(f.rack)
        #expect(lost.stage == .lost)
        #expect(lost.lostReason == reason)
        #expect(h.screen.contains("“Server rack” marked lost"))
        // Esc on an untouched prompt just closes it.
        h.press(.char("x"))
        h.press(.escape)
        #expect(!h.screen.contains("Why was"))
    }

    /// On a wide terminal the prompt widens with a long reason, which is
    /// read whole as it is typed.
    @Test func aLongLostReasonIsReadWholeOnAWideScreen() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        _ = try h.dealsFixture()
        h.press(.char("x"))
        let reason = "Der Kunde hat sich für einen Wettbewerber entschieden, der zwei Geräte mit Wartung um 15 % günstiger anbietet und früher liefert"
        let typed = h.type(reason)
        #expect(typed.contains(reason), "\(typed)")
    }

    @Test func wonAndLostFoldAway() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        _ = try h.dealsFixture()
        #expect(h.screen.contains("Archive scanning"))
        h.press(.char("z"))
        let text = h.screen
        #expect(!text.contains("Archive scanning") && !text.contains("Printer fleet"), "\(text)")
        #expect(text.contains("Won 1 · Lost 1 folded (z)"), "\(text)")
        h.press(.char("l"), .char("l"), .char("l"), .char("l"), .char("l"))
        #expect(h.screen.contains("› Firewall appliance"), "the focus stops at Negotiation")
        h.press(.char("z"))
        #expect(h.screen.contains("Archive scanning"))
    }

    @Test func foldingAt80ColumnsLeavesFewerHiddenColumns() throws {
        let h = try ScreenHarness()
        _ = try h.dealsFixture()
        h.press(.char("z"))
        #expect(h.screen.contains("1 more ›"), "\(h.screen)")
    }

    // MARK: The list

    @Test(arguments: sizes) func listViewSortsByValueCloseDateAndOwner(size: Size) throws {
        let h = try ScreenHarness(size: size)
        let f = try h.dealsFixture()
        // Three more leads to sort.
        let deals = h.database.deals
        let zeta = try #require(try h.customer(named: "Zeta Systems")).id
        let bobID = try #require(try h.session.staffDirectory.find(username: "bob")).id
        try deals.create(DealFields(customerID: zeta, title: "Big lead", valueCents: 9_900_000, expectedClose: "2027-12-01",
                                    nextActivity: "2099-01-01"), by: h.session)
        try deals.create(DealFields(customerID: zeta, title: "Small lead", valueCents: 1_000, expectedClose: "2027-01-01",
                                    ownerID: bobID, nextActivity: "2099-01-01"), by: h.session)
        h.app.tick()
        h.press(.char("v"))
        // The list's own rows: left of the related pane, which stands beside the list at 200 columns.
        let rows = { h.lines.map { $0.components(separatedBy: "│")[0] }.filter { line in ["Big lead", "Small lead", "Server rack", "Cloud migration"].contains { line.contains($0) } } }
        #expect(h.screen.contains("list · Lead (4) · by value"), "\(h.screen)")
        #expect(rows().map { $0.contains("Big lead") } == [true, false, false, false])
        #expect(rows().last?.contains("Small lead") == true)
        h.press(.char("s"))
        #expect(h.screen.contains("by close date"))
        let byClose = rows()
        #expect(byClose.first?.contains("Small lead") == true && byClose.last?.contains("Big lead") == true, "\(byClose)")
        h.press(.char("s"))
        #expect(h.screen.contains("by owner"))
        // Bob Front's deals first (by close date), then the tester's, then none.
        let byOwner = rows()
        #expect(byOwner.first?.contains("Small lead") == true, "\(byOwner)")
        #expect(byOwner[1].contains("Server rack"), "\(byOwner)")
        // l lists the next stage; the list marks stale deals.
        h.press(.char("l"))
        #expect(h.screen.contains("list · Qualified (1)") && h.screen.contains("Support contract"))
        h.press(.char("h"))
        #expect(h.lines.contains { $0.hasPrefix("!") && $0.contains("Cloud migration") }, "\(h.screen)")
        // > works in the list too, and the list follows the deal.
        #expect(h.cursorLine?.contains("Small lead") == true)
        h.press(.char("v"))
        #expect(h.screen.contains("board ·"))
        _ = f
    }

    @Test func pagingAColumnStaysWindowed() throws {
        let h = try ScreenHarness()
        _ = try h.dealsFixture(open: false)
        let zeta = try #require(try h.customer(named: "Zeta Systems")).id
        for i in 0..<60 {
            try h.database.deals.create(DealFields(customerID: zeta, title: String(format: "Lead %02d", i), valueCents: 100 * i,
                                                   expectedClose: String(format: "2028-01-%02d", i % 28 + 1), nextActivity: "2099-01-01"),
                                        by: h.session)
        }
        h.press(.char("3"))
        #expect(h.screen.contains("62"), "the column head counts all deals")
        h.press(.pageDown, .pageDown)
        let paged = try #require(h.cursorLine)
        #expect(paged.contains("Lead "), "\(h.screen)")
        h.press(.char("G"))
        #expect(h.screen.contains("› Lead 27") || h.screen.contains("Lead 55"), "\(h.screen)")
        h.press(.char("g"))
        #expect(h.cursorLine?.contains("Server rack") == true, "the soonest close date first")
    }

    // MARK: Detail

    @Test(arguments: sizes) func detailShowsLinesProbabilityAndHistory(size: Size) throws {
        let h = try ScreenHarness(size: size)
        let f = try h.dealsFixture()
        var rack = try h.deal(f.rack)
        rack = try h.database.deals.addLine(to: f.rack, DealLineFields(productID: f.server, quantity: 3), expectedVersion: rack.version, by: h.session).deal
        rack = try h.database.deals.addLine(to: f.rack, DealLineFields(productID: f.cable, quantity: 10), expectedVersion: rack.version, by: h.session).deal
        rack = try h.database.deals.moveForward(id: f.rack, expectedVersion: rack.version, by: h.session)
        h.app.tick()
        // The cursor was on the deal, and went with it.
        #expect(h.screen.contains("“Server rack” was moved to Qualified meanwhile; the cursor went with it"), "\(h.screen)")
        h.press(.enter)
        let text = h.screen
        #expect(text.contains("Server rack") && text.contains("[Qualified]"), "\(text)")
        #expect(text.contains("SRV-2U") && text.contains("Server 2U") && text.contains("12.000,00"), "\(text)")
        #expect(text.contains("CAB-5") && text.contains("99,00"))
        #expect(text.contains("12.099,00 EUR (lines)"))
        #expect(text.contains("25 % (stage)"), "probability\n\(text)")
        #expect(text.contains("created at Lead") && text.contains("Lead → Qualified"), "history\n\(text)")
        h.press(.escape)
        #expect(h.screen.contains("board ·"))
    }

    @Test("keys a deal or ticket has nothing for yet are there, and say why not")
    func keysWithNothingToDoSayWhy() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let f = try h.dealsFixture()
        h.app.open(.deal(f.printer))
        #expect(h.press(.char("i")).contains("only a won deal is invoiced: > moves it on"), "\(h.screen)")
        let customer = try h.database.customers.create(CustomerFields(name: "Ohne Mail GmbH"), by: h.session)
        let ticket = try h.database.tickets.create(TicketFields(subject: "Anruf", customerID: customer.id), by: h.session)
        h.app.open(.ticket(ticket.id))
        #expect(h.press(.char("L")).contains("the sender is a customer already"), "\(h.screen)")
        #expect(h.press(.char("A")).contains("no file came with this ticket's mail"), "\(h.screen)")
    }

    @Test func detailOfALostDealShowsTheReason() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let f = try h.dealsFixture()
        h.app.open(.deal(f.printer))
        let text = h.screen
        #expect(text.contains("Lost because: Price too high") && text.contains("Lead → Lost"), "\(text)")
        // Closed: when it was, not the next activity it had while open.
        #expect(text.contains("Closed on") && !text.contains("01.01.2099") && !text.contains("Next  "), "\(text)")
        h.press(.char("<"))
        #expect(try h.deal(f.printer).stage == .lead)
        #expect(h.screen.contains("[Lead]"))
        #expect(h.screen.contains("01.01.2099") && !h.screen.contains("Closed on"), "reopened, its plans show again\n\(h.screen)")
    }

    // MARK: Forms

    @Test(arguments: sizes) func newDealWithCustomerAndOwnerPickers(size: Size) throws {
        let h = try ScreenHarness(size: size)
        _ = try h.dealsFixture()
        h.press(.char("n"))
        #expect(h.screen.contains("New deal"))
        h.type("Weiß")
        #expect(h.screen.contains("Choose a customer") && h.screen.contains("Weiß Logistik AG"), "\(h.screen)")
        h.press(.enter)
        #expect(h.screen.contains("Weiß Logistik AG") && !h.screen.contains("Choose a customer"))
        h.type("Forklift fleet")
        h.press(.tab)
        h.type("75.000")
        h.press(.tab, .tab, .tab)
        // The owner starts as the one who creates it; Ctrl-U clears, typing picks anew.
        h.press(.ctrl("u"))
        h.type("bob")
        #expect(h.screen.contains("Choose the owner") && h.screen.contains("Bob Front"))
        h.press(.enter)
        h.press(.ctrl("s"))
        #expect(h.screen.contains("Saved “Forklift fleet”"), "\(h.screen)")
        let saved = try #require(try h.database.deals.page(stage: .lead, order: .value, after: nil, limit: 10).first { $0.title == "Forklift fleet" })
        #expect(saved.valueCents == 7_500_000 && saved.customerName == "Weiß Logistik AG" && saved.ownerName == "Bob Front")
        #expect(h.cursorLine?.contains("!Forklift fleet") == true, "the cursor is on the new deal\n\(h.screen)")
    }

    @Test func theFormShowsTheModelsErrorsBesideTheFields() throws {
        let h = try ScreenHarness()
        _ = try h.dealsFixture()
        h.press(.char("n"), .tab, .tab)
        h.type("zwölf")
        h.press(.tab, .tab)
        h.type("2027-02-30")
        h.press(.ctrl("s"))
        let text = h.screen
        #expect(text.contains("Value must be an amount"), "\(text)")
        #expect(text.contains("Customer is required") && text.contains("Title is required"), "\(text)")
        #expect(text.contains("Expected close must be a real date"), "\(text)")
        #expect(text.contains("fields need attention"))
        // Esc asks before throwing the typing away.
        h.press(.escape)
        #expect(h.screen.contains("Discard changes"))
        h.press(.char("y"))
        #expect(h.screen.contains("board ·"))
    }

    @Test func editingSavesThroughTheModel() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        h.press(.char("e"))
        #expect(h.screen.contains("Edit deal · Server rack"))
        h.press(.tab)
        h.press(.ctrl("u"))
        h.type("Server rack, 42U")
        h.press(.ctrl("s"))
        #expect(try h.deal(f.rack).title == "Server rack, 42U")
        #expect(h.screen.contains("Saved “Server rack, 42U”"))
    }

    @Test func addingAndRemovingLines() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        h.press(.enter)
        #expect(h.screen.contains("none: the value was typed in"))
        h.press(.char("a"))
        #expect(h.screen.contains("Choose a product"), "the product picker opens at once\n\(h.screen)")
        h.type("SRV")
        h.press(.enter)
        #expect(h.screen.contains("New line") && h.screen.contains("SRV-2U · Server 2U"))
        h.press(.tab)
        h.press(.ctrl("u"))
        h.type("0")
        // Refused beside its field before any question about the value.
        let refused = h.press(.ctrl("s"))
        #expect(!refused.contains("Replace the typed value?") && refused.contains("must be above 0 and at most 1000000"), "\(refused)")
        h.press(.ctrl("u"))
        h.type("2")
        let asked = h.press(.ctrl("s"))
        #expect(asked.contains("Replace the typed value?") && asked.contains("12.500,00") && asked.contains("8.000,00"), "\(asked)")
        h.press(.char("y"))
        #expect(h.screen.contains("Line added · the deal is now worth 8.000,00 EUR"), "\(h.screen)")
        var lines = try h.database.deals.lines(of: f.rack)
        #expect(lines.count == 1 && lines[0].quantity == 2 && lines[0].unitPriceCents == 400_000)
        #expect(try h.deal(f.rack).valueCents == 800_000)
        #expect(h.screen.contains("8.000,00 EUR (lines)"))
        // A service without product: the model asks for what the product would have given.
        h.press(.char("a"), .escape)
        h.press(.tab)
        h.type("Installation")
        h.press(.ctrl("s"))
        #expect(h.screen.contains("Unit price is required without a product"), "\(h.screen)")
        #expect(h.screen.contains("VAT % is required without a product"))
        // The focus went to the first field marked.
        h.type("250")
        h.press(.tab)
        h.type("19")
        h.press(.ctrl("s"))
        lines = try h.database.deals.lines(of: f.rack)
        #expect(lines.count == 2 && lines[1].description == "Installation")
        // Remove the highlighted (last added) line.
        h.press(.char("d"))
        #expect(h.screen.contains("Remove line 2"))
        h.press(.char("y"))
        lines = try h.database.deals.lines(of: f.rack)
        #expect(lines.count == 1 && lines[0].description == "Server 2U")
        #expect(h.screen.contains("Line 2 removed"))
    }

    @Test func theFirstLineDoesNotSilentlyReplaceATypedValue() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        h.press(.enter)
        h.press(.char("a"))
        h.type("SRV")
        h.press(.enter)
        h.press(.tab, .ctrl("u"))
        h.type("1")
        let asked = h.press(.ctrl("s"))
        #expect(asked.contains("“Server rack” is worth 12.500,00 EUR, typed in."), "the question names the typed value:\n\(asked)")
        #expect(asked.contains("with this line it would be worth 4.000,00 EUR"), "and what the lines would make it:\n\(asked)")
        // Keeping the value leaves the deal as it was, the line still in the form.
        h.press(.char("n"))
        #expect(try h.deal(f.rack).valueCents == 1_250_000)
        #expect(try h.database.deals.lines(of: f.rack).isEmpty)
        #expect(h.screen.contains("New line") && h.screen.contains("SRV-2U · Server 2U"), "\(h.screen)")
        // A second line is added without a question: the value already follows the lines.
        h.press(.ctrl("s"), .char("y"))
        #expect(try h.deal(f.rack).valueCents == 400_000)
        h.press(.char("a"))
        h.type("SRV")
        h.press(.enter, .ctrl("s"))
        #expect(!h.screen.contains("Replace the typed value?"))
        #expect(try h.deal(f.rack).valueCents == 800_000, "\(h.screen)")
    }

    // MARK: Won → invoice

    @Test(arguments: sizes) func winningOffersTheDraftInvoice(size: Size) throws {
        let h = try ScreenHarness(size: size)
        let f = try h.dealsFixture()
        var firewall = try h.deal(f.firewall)
        firewall = try h.database.deals.addLine(to: f.firewall, DealLineFields(productID: f.server, quantity: 2),
                                                expectedVersion: firewall.version, by: h.session).deal
        h.app.open(.deal(f.firewall))
        h.press(.char(">"))
        #expect(try h.deal(f.firewall).stage == .won)
        #expect(h.screen.contains("Deal won") && h.screen.contains("Create the draft invoice"), "\(h.screen)")
        h.press(.char("y"))
        let won = try h.deal(f.firewall)
        let invoiceID = try #require(won.invoiceID)
        let invoice = try #require(try h.database.invoices.find(id: invoiceID))
        #expect(invoice.dealID == f.firewall && invoice.status == .draft)
        #expect(h.screen.contains("Draft invoice created from “Firewall appliance”"), "\(h.screen)")
    }

    @Test func aWonDealDeclinedIsInvoicedFromItsDetail() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        h.app.open(.deal(f.archive))
        #expect(h.screen.contains("none yet: i creates it"))
        h.press(.char("i"))
        let invoiceID = try #require(try h.deal(f.archive).invoiceID)
        #expect(h.screen.contains("Draft invoice #\(invoiceID)"))
        // Invoiced: the stage stays won, the model says why.
        h.app.switchTo(2)
        h.app.open(.deal(f.archive))
        // A draft only: not "invoiced" until it is issued.
        #expect(h.screen.contains("Won · draft invoice") && !h.screen.contains("Won · invoiced"), "\(h.screen)")
        h.press(.char("<"))
        #expect(h.screen.contains("invoiced") && h.screen.contains("stays won"), "\(h.screen)")
    }

    // MARK: Others at work

    @Test func aConflictInTheFormNamesWhoSavedAndTheirsCanBeTaken() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        h.press(.char("e"), .tab)
        h.type(" (mine)")
        let theirs = try h.deal(f.rack)
        var changed = theirs.fields
        changed.title = "Server rack by Bob"
        try h.database.deals.update(id: f.rack, changed, expectedVersion: theirs.version, by: h.bob)
        h.press(.ctrl("s"))
        let refused = h.screen
        #expect(refused.contains("Bob Front saved this deal at") && refused.contains("Ctrl-R: theirs, merge"), "\(refused)")
        #expect(try h.deal(f.rack).title == "Server rack by Bob")
        h.press(.ctrl("r"), .char("t"), .char("y"))
        #expect(h.screen.contains("Edit deal · Server rack by Bob"))
        h.press(.ctrl("s"))
        #expect(h.screen.contains("Saved “Server rack by Bob”"))
    }

    @Test func aMoveOnAStaleCardIsRefusedWithWhoChangedIt() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        let rack = try h.deal(f.rack)
        try h.database.deals.moveForward(id: f.rack, expectedVersion: rack.version, by: h.bob)
        // No tick yet: the board still shows the old version.
        h.press(.char(">"))
        #expect(h.screen.contains("Bob Front changed deal \(f.rack)") && h.screen.contains("Ctrl-R reloads"), "\(h.screen)")
        #expect(try h.deal(f.rack).stage == .qualified)
        h.press(.ctrl("r"))
        // The cursor goes with the deal, and says so: a quiet step to the
        // next card would have the next `>` move a deal nobody chose.
        #expect(h.cursorLine?.contains("Server rack") == true, "\(h.screen)")
        #expect(h.screen.contains("“Server rack” was moved to Qualified meanwhile; the cursor went with it"), "\(h.screen)")
        h.press(.char(">"))
        #expect(try h.deal(f.rack).stage == .proposal)
        #expect(try h.deal(f.cloud).stage == .lead)
    }

    /// A colleague marks the deal under the cursor lost while the board
    /// folds the closed stages away: the board says so, and that the
    /// cursor is on the next deal now.
    @Test func theCursorsDealLeavingTheBoardIsSaid() throws {
        let h = try ScreenHarness()
        let f = try h.dealsFixture()
        #expect(h.cursorLine?.contains("Server rack") == true, "\(h.screen)")
        h.press(.char("z"))
        #expect(h.screen.contains("Lost 1 folded (z)"), "\(h.screen)")
        try h.database.deals.moveStage(id: f.rack, to: .lost, lostReason: "Preis", expectedVersion: try h.deal(f.rack).version, by: h.bob)
        h.app.tick()
        #expect(h.screen.contains("“Server rack” was moved to Lost meanwhile; the cursor is on the next deal"), "\(h.screen)")
        #expect(h.cursorLine?.contains("Cloud migration") == true, "\(h.screen)")
    }

    @Test(arguments: sizes) func anotherSessionsChangeShowsUpWithoutAKey(size: Size) throws {
        let h = try ScreenHarness(size: size)
        let f = try h.dealsFixture()
        h.press(.char("j"))
        let before = try #require(h.cursorLine)
        let other = try KontorDatabase(path: h.database.path)
        let bob = try other.session(for: Actor(username: "bob"))
        let zeta = try #require(try h.customer(named: "Zeta Systems")).id
        try other.deals.create(DealFields(customerID: zeta, title: "Walk-in lead", valueCents: 5_000, expectedClose: "2026-01-01",
                                          nextActivity: "2099-01-01"), by: bob)
        let support = try other.deals.find(id: f.support)!
        try other.deals.moveBack(id: f.support, expectedVersion: support.version, by: bob)
        h.app.tick()
        let text = h.screen
        #expect(text.contains("Walk-in lead") && text.contains("Support contract"), "\(text)")
        #expect(h.cursorLine == before, "the cursor stays on the same deal")
        #expect(h.lines.contains { $0.range(of: #"^ Lead +4 "#, options: .regularExpression) != nil }, "the Lead count went up\n\(text)")
    }
}

@MainActor
@Suite("Finding a deal")
struct FindingADealTests {
    @Test func slashFindsADealByTitleWordsAndTheBoardShowsIt() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 50))
        let business = try h.seedMuellerBusiness()
        h.press(.char("3"))
        var text = h.press(.char("/"))
        #expect(text.contains("Find a deal"), "\(text)")
        h.type("wartung")
        text = h.screen
        #expect(text.contains("Wartungsvertrag 2027") && text.contains("Müller GmbH"), "\(text)")
        text = h.press(.enter)
        #expect(!text.contains("Find a deal"))
        #expect(h.app.activeIndex == 2)
        #expect(text.split(separator: "\n").contains { $0.contains("›") && $0.contains("Wartungsvertrag 2027") }, "the board's cursor is on it:\n\(text)")
        // Enter opens it.
        text = h.press(.enter)
        #expect(text.contains("Wartungsvertrag 2027") && h.app.activeBindings.contains { $0.id == "deal.customer" }, "\(text)")
        _ = business
    }

    @Test func aWordOfTheTitleAndOneOfTheCustomerFindTheDealOnTheBoardAndInThePalette() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        let business = try h.seedMuellerBusiness()
        let zeta = try #require(try h.customer(named: "Zeta Systems"))
        try h.database.deals.create(DealFields(customerID: zeta.id, title: "Wartungsvertrag Kantine"), by: h.session)
        h.press(.char("3"))
        h.press(.char("/"))
        var text = h.type("wartung mueller")
        #expect(text.contains("Wartungsvertrag 2027") && !text.contains("Wartungsvertrag Kantine"), "\(text)")
        text = h.press(.enter)
        #expect(text.split(separator: "\n").contains { $0.contains("›") && $0.contains("Wartungsvertrag 2027") }, "\(text)")
        h.press(.escape)
        h.command("deal wartung müller")
        let rows = h.paletteRows.joined(separator: "\n")
        #expect(rows.contains("Wartungsvertrag 2027") && !rows.contains("Wartungsvertrag Kantine"), "\(h.screen)")
        text = h.press(.enter)
        #expect(h.app.activeIndex == 2 && text.contains("Wartungsvertrag 2027"), "\(text)")
        _ = business
    }
}
