import GRDB
import Foundation
import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

@MainActor
/// Products for the inventory tests: one plentiful, one below its reorder
/// point, one inactive, one with a wide name; a won deal and a draft
/// invoice that reserve some coffee.
struct InventoryFixture {
    let h: ScreenHarness
    /// Back office: changes stock "elsewhere".
    let carol: Session
    let coffee: Product
    let filter: Product
    let old: Product
    let deal: Deal
    let draft: Invoice

    static let coffeeEAN = "4006381333931"

    init(size: Size = Size(width: 80, height: 24), language: Language? = nil) throws {
        h = try ScreenHarness(size: size, language: language)
        try h.session.staffDirectory.add(StaffFields(username: "carol", fullName: "Carol Lager"), role: .back)
        carol = try h.database.session(for: Actor(username: "carol"))
        let products = h.database.products
        coffee = try products.create(ProductFields(sku: "KAF-1", ean: Self.coffeeEAN, name: "Kaffee Crema 1 kg", unit: "Pck", price: "18,90",
                                                   vatRate: .reduced, cost: "9,00", reorderPoint: "10"), by: h.session)
        filter = try products.create(ProductFields(sku: "WFK-2", name: "Wasserfilter-Kartusche", price: "24,90", reorderPoint: "5"), by: h.session)
        var oldFields = ProductFields(sku: "ALT-9", name: "Alte Kaffeemühle", price: "1,00")
        oldFields.active = false
        old = try products.create(oldFields, by: h.session)
        try products.create(ProductFields(sku: "TAS-3", name: "Porzellantasse 0,2 l 山田 👍", price: "4,50"), by: h.session)
        try products.receive(productID: coffee.id, quantity: 50, reference: "LS-1000", by: h.session)
        try products.adjust(productID: coffee.id, by: -2, reason: "Bruch beim Auspacken", session: h.session)
        try products.receive(productID: filter.id, quantity: 3, by: h.session)

        let customer = try #require(try h.customer(named: "Müller GmbH"))
        let deals = h.database.deals
        var deal = try deals.create(DealFields(customerID: customer.id, title: "Kaffee für die Kantine"), by: h.session)
        deal = try deals.addLine(to: deal.id, DealLineFields(productID: coffee.id, quantity: 6), expectedVersion: deal.version, by: h.session).deal
        self.deal = try deals.moveStage(id: deal.id, to: .won, expectedVersion: deal.version, by: h.session)
        draft = try h.database.invoices.createDraft(
            customerID: customer.id,
            lines: [InvoiceLineInput(productID: coffee.id, description: "Kaffee Crema", quantity: 4, unitPriceCents: 1890, vatRate: .reduced)],
            by: h.session)
        h.press(.char("5"))
    }

    func line(containing text: String) -> String? {
        h.screen.split(separator: "\n").first { $0.contains(text) }.map(String.init)
    }

    /// Opens a product through the search, as a scanner would.
    func open(_ code: String) {
        h.press(.char("/"), .ctrl("u"))
        h.type(code)
        h.press(.enter)
    }

    /// On a product: `key` opens a stock form (`r` receipt, `a` adjust),
    /// `quantity` is typed, and Ctrl-S saves; the screen after it.
    @discardableResult
    func book(_ key: Character, _ quantity: String) -> String {
        h.press(.char(key))
        h.type(quantity)
        return h.press(.ctrl("s"))
    }
}

@MainActor
/// An app for another member of staff, driven like the harness's.
final class SecondApp {
    let app: App
    let size: Size

    init(session: Session, size: Size = Size(width: 80, height: 24)) {
        app = App(session: session, theme: .fallback)
        self.size = size
    }

    @discardableResult
    func press(_ keys: Key...) -> String {
        for key in keys {
            _ = app.frame(size: size)
            app.handle(key)
        }
        return screen
    }

    var screen: String { app.frame(size: size).0.text }
    var footer: String { String(screen.split(separator: "\n", omittingEmptySubsequences: false).last ?? "") }
}

@MainActor
@Suite("Inventory screen")
struct InventoryScreenTests {
    @Test func listShowsStockColumnsAndMarksLowStockWithoutColour() throws {
        let f = try InventoryFixture()
        let text = f.h.screen
        for header in ["SKU", "Name", "On hand", "Reserv.", "Avail.", "Reorder", "Price"] {
            #expect(text.contains(header), "list lacks column \(header)\n\(text)")
        }
        #expect(text.contains("[active]"))
        #expect(text.contains("3 active"))
        let coffee = try #require(f.line(containing: "Kaffee Crema"))
        // 48 on hand, 10 reserved (6 on the won deal, 4 on the draft), 38 available.
        #expect(coffee.contains("48") && coffee.contains("10") && coffee.contains("38") && coffee.contains("18,90"), "\(coffee)")
        let low = try #require(f.line(containing: "Wasserfilter"))
        #expect(low.hasPrefix("!"), "below the reorder point is marked: \(low)")
        #expect(!coffee.hasPrefix("!"))
        #expect(text.contains("! below reorder point"))
        #expect(!text.contains("Alte Kaffeemühle")) // inactive: not in the active view
        #expect(text.contains("Porzellantasse 0,2 l"))
        #expect(f.h.screen.split(separator: "\n").last?.contains("r receive") == true)
    }

    @Test("the legend fits at 80 columns, in both languages, and says what reserves where there is room", arguments: [Language.english, .german])
    func theLegendIsNeverCut(language: Language) throws {
        let narrow = try InventoryFixture(language: language)
        let legend = try #require(narrow.h.screen.split(separator: "\n").last { $0.contains("× ") }.map(String.init), "\(narrow.h.screen)")
        #expect(!legend.contains("…"), "\(legend)")
        #expect(legend.contains(language == .german ? "Verfüg. = Bestand − reserviert" : "Avail. = on hand − reserved"), "\(legend)")
        let wide = try InventoryFixture(size: Size(width: 200, height: 40), language: language)
        #expect(wide.h.screen.contains(language == .german ? "(Entwürfe, Deals)" : "(draft invoices, won deals)"), "\(wide.h.screen)")
    }

    @Test func quickViewsLowStockInactiveAll() throws {
        let f = try InventoryFixture()
        var text = f.h.press(.char("v"))
        #expect(text.contains("[low stock]"))
        #expect(text.contains("Wasserfilter") && !text.contains("Kaffee Crema"))
        text = f.h.press(.char("v"))
        #expect(text.contains("[inactive]"))
        let old = try #require(f.line(containing: "Alte Kaffeemühle"))
        #expect(old.hasPrefix("›") || old.hasPrefix("×"))
        #expect(!text.contains("Wasserfilter"))
        text = f.h.press(.char("v"))
        #expect(text.contains("[all]") && text.contains("4 all"))
        #expect(text.contains("Alte Kaffeemühle") && text.contains("Kaffee Crema") && text.contains("Wasserfilter"))
        text = f.h.press(.char("V"))
        #expect(text.contains("[inactive]"))
    }

    @Test func searchBySKUAndNameAsYouType() throws {
        let f = try InventoryFixture()
        f.h.press(.char("/"))
        var text = f.h.type("wfk")
        #expect(text.contains("Wasserfilter") && !text.contains("Kaffee Crema"))
        f.h.press(.ctrl("u"))
        text = f.h.type("crema")
        #expect(text.contains("Kaffee Crema") && !text.contains("Wasserfilter"))
        // Letters typed are not screen keys: v did not change the view.
        f.h.type(" v")
        #expect(f.h.screen.contains("[active]"))
        #expect(f.h.screen.contains("No product matches “crema v”"))
        f.h.press(.ctrl("w"), .enter)
        #expect(f.h.screen.contains("search: crema"))
        f.h.press(.escape)
        #expect(f.h.screen.contains("Wasserfilter"))
    }

    @Test func aScannedEANFollowedByEnterOpensExactlyThatProduct() throws {
        let f = try InventoryFixture()
        f.h.press(.char("j"), .char("j")) // the cursor elsewhere first
        f.h.press(.char("/"))
        let typed = f.h.type(InventoryFixture.coffeeEAN)
        #expect(typed.contains("Kaffee Crema") && !typed.contains("Wasserfilter"))
        let detail = f.h.press(.enter)
        #expect(detail.contains("Kaffee Crema 1 kg"))
        #expect(detail.contains("EAN \(InventoryFixture.coffeeEAN)"))
        #expect(detail.contains("Stock ledger"))
        // Back in the list, the search is gone and the cursor sits on the product.
        f.h.press(.escape)
        #expect(f.h.cursorLine?.contains("Kaffee Crema") == true)
        #expect(!f.h.screen.contains("search:"))
        // The same for a SKU typed in lower case.
        f.open("wfk-2")
        #expect(f.h.screen.contains("Wasserfilter-Kartusche") && f.h.screen.contains("SKU WFK-2"))
    }

    @Test func detailShowsLedgerWithRunningBalanceAndWho() throws {
        let f = try InventoryFixture(size: Size(width: 120, height: 30))
        f.open("KAF-1")
        let text = f.h.screen
        for part in ["Kaffee Crema 1 kg", "SKU KAF-1", "Price 18,90 €", "VAT 7 %", "Reorder point 10", "On hand 48 Pck", "Reserved 10", "Available 38",
                     "[Stock ledger]", "Reservations 10"] {
            #expect(text.contains(part), "detail lacks \(part)\n\(text)")
        }
        let adjustment = try #require(f.line(containing: "Bruch beim Auspacken"))
        #expect(adjustment.contains("adjustment") && adjustment.contains("-2") && adjustment.contains("48") && adjustment.contains("tester"))
        let receipt = try #require(f.line(containing: "LS-1000"))
        #expect(receipt.contains("receipt") && receipt.contains("+50") && receipt.contains("50"))
        // Newest first.
        #expect(text.range(of: "Bruch beim")!.lowerBound < text.range(of: "LS-1000")!.lowerBound)
    }

    @Test func reservationsDealsAndInvoicesPanesJumpToTheirRecords() throws {
        let f = try InventoryFixture(size: Size(width: 120, height: 30))
        f.open("KAF-1")
        var text = f.h.press(.tab)
        #expect(text.contains("[Reservations 10]"))
        #expect(text.contains("draft invoice") && text.contains("Draft #\(f.draft.id)"))
        #expect(text.contains("won deal") && text.contains("Kaffee für die Kantine"))
        text = f.h.press(.tab)
        #expect(text.contains("[Deals]"))
        let deal = try #require(f.line(containing: "Kaffee für die Kantine"))
        #expect(deal.contains("Won") && deal.contains("6") && deal.contains("18,90"))
        f.h.press(.enter)
        #expect(f.h.app.activeIndex == 2 || f.h.screen.contains("No screen shows deal(\(f.deal.id)) yet"), "\(f.h.screen)")
        f.h.press(.char("5"))
        text = f.h.press(.tab)
        #expect(text.contains("[Invoices]"))
        #expect(try #require(f.line(containing: "draft #\(f.draft.id)")).contains("Draft"))
        f.h.press(.enter)
        #expect(f.h.app.activeIndex == 3 || f.h.screen.contains("No screen shows invoice(\(f.draft.id)) yet"), "\(f.h.screen)")
    }

    @Test func receiveStockAddsALedgerLineAndRaisesOnHand() throws {
        let f = try InventoryFixture(size: Size(width: 120, height: 30))
        f.open("WFK-2")
        var text = f.h.press(.char("r"))
        #expect(text.contains("Receive goods · WFK-2 Wasserfilter-Kartusche · 3 Stk on hand"))
        f.h.type("40")
        f.h.press(.tab)
        f.h.type("LS-4711")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Received 40 Stk of WFK-2 Wasserfilter-Kartusche; 43 Stk on hand"))
        #expect(text.contains("On hand 43 Stk"))
        let row = try #require(f.line(containing: "LS-4711"))
        #expect(row.contains("receipt") && row.contains("+40") && row.contains("43") && row.contains("tester"))
        #expect(try f.h.database.products.find(id: f.filter.id)?.onHand == 43)
        // No longer below the reorder point: the list mark is gone.
        f.h.press(.escape)
        #expect(f.h.cursorLine?.contains("Wasserfilter") == true)
        #expect(f.h.cursorLine?.hasPrefix("› ") == true, "no low-stock mark: \(f.h.cursorLine ?? "")")
        f.h.press(.char("k"))
        #expect(f.h.cursorLine?.contains("Wasserfilter") == false)
    }

    @Test func receivingNothingOrTextIsRefusedBesideTheField() throws {
        let f = try InventoryFixture()
        f.open("WFK-2")
        f.h.press(.char("r"))
        var text = f.h.press(.ctrl("s"))
        #expect(text.contains("Quantity is required"), "nothing typed is said as such:\n\(text)")
        f.h.type("1000000000000")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Quantity is too large: at most 1\u{202F}000\u{202F}000"), "a count too large is no fraction:\n\(text)")
        f.h.press(.ctrl("u"))
        f.h.type("0")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Quantity must be more than 0"))
        #expect(try f.h.database.products.find(id: f.filter.id)?.onHand == 3)
    }

    /// A thousand written as Germans group it, and the minus sign as Kontor
    /// shows it, read as an invoice line reads them; a fraction is no count.
    @Test func stockQuantitiesAreReadAsInvoiceLinesReadThem() throws {
        let f = try InventoryFixture()
        f.open("WFK-2")
        var text = f.book("r", "1.000")
        #expect(text.contains("Received 1\u{202F}000 Stk of WFK-2") && text.contains("1\u{202F}003 Stk on hand"), "counts grouped as elsewhere:\n\(text)")
        #expect(try f.h.database.products.find(id: f.filter.id)?.onHand == 1_003)
        f.h.press(.char("a"))
        f.h.type("\u{2212}3")
        f.h.press(.tab)
        f.h.type("Inventur")
        text = f.h.press(.ctrl("s"))
        #expect(try f.h.database.products.find(id: f.filter.id)?.onHand == 1_000, "\(text)")
        for typed in ["2,5", "1,000", "1.00"] {
            text = f.book("r", typed)
            #expect(text.contains("Quantity must be a whole number, like 12"), "\(typed)")
            f.h.press(.escape)
            if f.h.screen.contains("Close it and lose it?") || f.h.screen.contains("Discard") { f.h.press(.char("y")) }
        }
        #expect(try f.h.database.products.find(id: f.filter.id)?.onHand == 1_000)
    }

    @Test func adjustWithoutAReasonIsRefusedBesideTheField() throws {
        let f = try InventoryFixture()
        f.open("KAF-1")
        var text = f.book("a", "-3")
        #expect(text.contains("Reason is required for an adjustment"), "\(text)")
        #expect(text.contains("✗"))
        #expect(try f.h.database.products.find(id: f.coffee.id)?.onHand == 48)
        // The focus went to the reason.
        f.h.type("Inventur: 3 fehlen")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Adjusted by -3 Pck: KAF-1 Kaffee Crema 1 kg; 45 Pck on hand"))
        #expect(try f.h.database.products.find(id: f.coffee.id)?.onHand == 45)
        #expect(try f.h.database.products.ledger(of: f.coffee.id, limit: 1).first?.reason == "Inventur: 3 fehlen")
    }

    @Test func adjustingBelowZeroIsRefusedByTheLedgerRule() throws {
        let f = try InventoryFixture()
        f.open("WFK-2")
        f.h.press(.char("a"))
        f.h.type("-9")
        f.h.press(.tab)
        f.h.type("Schwund")
        let text = f.h.press(.ctrl("s"))
        #expect(text.contains("not enough stock of WFK-2"), "\(text)")
        #expect(try f.h.database.products.find(id: f.filter.id)?.onHand == 3)
    }

    @Test func newProductShowsTheModelsErrorsBesideTheFields() throws {
        let f = try InventoryFixture()
        var text = f.h.press(.char("n"))
        #expect(text.contains("New product"))
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("SKU is required"))
        #expect(text.contains("Name is required"))
        // Fill in: a bad EAN, a bad price and a VAT rate that does not exist.
        f.h.type("TON-1")
        f.h.press(.tab)
        f.h.type("4006381333932")
        f.h.press(.tab)
        f.h.type("Toner schwarz XL")
        f.h.press(.tab, .tab)
        f.h.type("zwölf")
        f.h.press(.tab, .ctrl("u"))
        f.h.type("25")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("EAN must be 8 or 13 digits with a correct check digit"), "\(text)")
        #expect(text.contains("Price must be an amount like 12,50"))
        #expect(text.contains("VAT rate must be 19, 7 or 0 (%)"))
        #expect(text.contains("3 fields need attention"))
        #expect(try f.h.database.products.find(code: "TON-1") == nil)
        // The focus went to the first wrong field (EAN): fix all three.
        f.h.press(.ctrl("u"))
        f.h.type("96385074")
        f.h.press(.tab, .tab, .tab, .ctrl("u"))
        f.h.type("89,90")
        f.h.press(.tab, .ctrl("u"))
        f.h.type("19")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Saved TON-1 Toner schwarz XL"), "\(text)")
        #expect(f.h.cursorLine?.contains("Toner schwarz XL") == true)
        let saved = try #require(try f.h.database.products.find(code: "TON-1"))
        #expect(saved.priceCents == 8990 && saved.fields.vatRate == .standard && saved.fields.ean == "96385074")
    }

    @Test func aDuplicateSKUIsRefused() throws {
        let f = try InventoryFixture()
        f.h.press(.char("n"))
        f.h.type("kaf-1")
        f.h.press(.tab, .tab)
        f.h.type("Noch ein Kaffee")
        f.h.press(.tab, .tab)
        f.h.type("5,00")
        let text = f.h.press(.ctrl("s"))
        #expect(text.contains("SKU KAF-1 is already used by Kaffee Crema 1 kg"), "\(text)")
        #expect(try f.h.database.products.count(ProductListQuery(view: .all)) == 4)
    }

    @Test func editSavesAndRefusesAStaleSave() throws {
        let f = try InventoryFixture()
        f.open("KAF-1")
        var text = f.h.press(.char("e"))
        #expect(text.contains("Edit product · Kaffee Crema 1 kg"))
        // Carol changes the price meanwhile.
        var theirs = f.coffee.fields
        theirs.price = "19,50"
        try f.h.database.products.update(id: f.coffee.id, theirs, expectedVersion: f.coffee.version, by: f.carol)
        f.h.press(.tab, .tab, .tab, .tab, .ctrl("u"))
        f.h.type("17,90")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Carol Lager saved this product at"), "by her name: \(text)")
        #expect(text.contains("Ctrl-R theirs/merge"))
        #expect(try f.h.database.products.find(id: f.coffee.id)?.priceCents == 1950)
        text = f.h.press(.ctrl("r"), .char("t"), .char("y"))
        #expect(text.contains("19,50"))
        f.h.press(.tab, .tab, .tab, .tab, .ctrl("u"))
        f.h.type("17,90")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Saved KAF-1 Kaffee Crema 1 kg"))
        #expect(text.contains("Price 17,90 €")) // back on the record
        #expect(try f.h.database.products.find(id: f.coffee.id)?.priceCents == 1790)
    }

    @Test func deactivateAsksAndMovesTheProductToInactive() throws {
        let f = try InventoryFixture()
        f.open("WFK-2")
        var text = f.h.press(.char("x"))
        #expect(text.contains("Deactivate WFK-2 Wasserfilter-Kartusche?"))
        text = f.h.press(.char("y"))
        #expect(text.contains("Wasserfilter-Kartusche deactivated"))
        #expect(text.contains("× inactive"))
        #expect(try f.h.database.products.find(id: f.filter.id)?.fields.active == false)
    }

    @Test func frontOfficeIsNotOfferedStockKeysAndIsRefusedWhenTrying() throws {
        let f = try InventoryFixture()
        let front = SecondApp(session: f.h.bob)
        var text = front.press(.char("5"))
        #expect(text.contains("Kaffee Crema"))
        for key in ["r receive", "a adjust", "n new", "e edit"] {
            #expect(!front.footer.contains(key), "front office footer offers \(key): \(front.footer)")
        }
        // The binding says who may before the model would refuse.
        text = front.press(.char("r"))
        #expect(text.contains("r receive — back office, managers and admins only"), "\(text)")
        #expect(!text.contains("Receive goods"))
        text = front.press(.char("n"))
        #expect(text.contains("n new — back office, managers and admins only"))
        // Reading is fine.
        front.press(.enter)
        #expect(front.screen.contains("Stock ledger"))
    }

    /// A new colleague on the staff list or someone's own list choices are
    /// no reason to read the stock list or its pane again: the tick reads and draws nothing.
    /// A receipt is, and so is a change made past the model (no marks).
    @Test func onlySavesToWhatTheListShowsReadItAgain() throws {
        let f = try InventoryFixture(size: Size(width: 160, height: 40))
        let other = try KontorDatabase(path: f.h.database.path)
        let carol = try other.session(for: Actor(username: "carol"))
        f.h.app.tick() // the related pane's rows, read in the background after the first frame
        let admin = try other.session(for: Actor(username: f.h.session.staff.username))
        try admin.staffDirectory.add(StaffFields(username: "erik", fullName: "Erik Einkauf"), role: .front)
        try carol.setPreference(.bell, on: true)
        #expect(f.h.app.tick() == false, "nothing shown changed")
        try other.products.receive(productID: f.coffee.id, quantity: 7, by: carol)
        #expect(f.h.app.tick())
        #expect(try #require(f.h.cursorLine).contains("55"))
        let raw = try DatabaseQueue(path: f.h.database.path)
        try raw.write { db in try db.execute(sql: "UPDATE products SET name = 'Kaffee Gold 1 kg' WHERE id = ?", arguments: [f.coffee.id]) }
        #expect(f.h.app.tick())
        #expect(f.line(containing: "Kaffee Gold") != nil)
    }

    @Test func anotherSessionsReceiptShowsUpAndTheCursorStays() throws {
        let f = try InventoryFixture()
        f.h.press(.char("j"))
        let before = try #require(f.h.cursorLine)
        #expect(before.contains("Porzellantasse"))
        let other = try KontorDatabase(path: f.h.database.path)
        try other.products.receive(productID: f.coffee.id, quantity: 7, by: try other.session(for: Actor(username: "carol")))
        f.h.app.tick()
        let coffee = try #require(f.line(containing: "Kaffee Crema"))
        #expect(coffee.contains("55"), "\(coffee)")
        #expect(f.h.cursorLine == before)
        // And on an open record.
        f.open("KAF-1")
        try other.products.receive(productID: f.coffee.id, quantity: 5, reference: "LS-LIVE", by: try other.session(for: Actor(username: "carol")))
        f.h.app.tick()
        #expect(f.h.screen.contains("On hand 60 Pck"))
        #expect(f.h.screen.contains("LS-LIVE"))
    }

    @Test func comingBackReadsAgainOnlyWhenSomethingChanged() throws {
        let f = try InventoryFixture()
        f.h.press(.char("j"))
        let before = try #require(f.h.cursorLine)
        // Away and back with nothing changed: the same rows, the same cursor.
        f.h.press(.char("1"))
        f.h.press(.char("5"))
        #expect(f.h.cursorLine == before)
        #expect(f.line(containing: "Kaffee Crema")?.contains("48") == true)
        // Away, a receipt and a new draft elsewhere, back: on hand and reserved are read again.
        f.h.press(.char("1"))
        let other = try KontorDatabase(path: f.h.database.path)
        let carol = try other.session(for: Actor(username: "carol"))
        try other.products.receive(productID: f.coffee.id, quantity: 7, by: carol)
        let customer = try #require(try f.h.customer(named: "Müller GmbH"))
        try other.invoices.createDraft(customerID: customer.id, lines: [
            InvoiceLineInput(productID: f.coffee.id, description: "Kaffee Crema", quantity: 5, unitPriceCents: 1890, vatRate: .reduced),
        ], by: carol)
        f.h.press(.char("5"))
        let coffee = try #require(f.line(containing: "Kaffee Crema"))
        #expect(coffee.contains("55") && coffee.contains("15") && coffee.contains("40"), "on hand 55, reserved 6 + 4 + 5, available 40: \(coffee)")
        #expect(f.h.cursorLine == before)
    }

    @Test func wideTerminalShowsTheRelatedPaneBesideTheList() throws {
        let f = try InventoryFixture(size: Size(width: 200, height: 50))
        let text = f.h.screen
        #expect(text.contains("Stock ledger"))
        #expect(text.contains("Open deals quoting it"))
        #expect(text.contains("Avail. = on hand − reserved"))
        // The pane follows the cursor.
        f.h.press(.char("j"), .char("j"))
        #expect(f.h.cursorLine?.contains("Wasserfilter") == true)
        #expect(f.h.screen.contains("WFK-2 · Wasserfilter-Kartusche"))
    }

    @Test func otherScreensOpenAProductByLink() throws {
        let f = try InventoryFixture()
        f.h.press(.char("1"))
        f.h.app.open(.product(f.old.id))
        #expect(f.h.app.activeIndex == 4)
        let text = f.h.screen
        #expect(text.contains("Alte Kaffeemühle") && text.contains("× inactive"))
        // Esc goes back to where the jump came from; on Inventory again, Esc
        // closes the record onto the list, in the view that holds the
        // product, the cursor on it.
        f.h.press(.escape)
        #expect(f.h.app.activeIndex == 0)
        f.h.press(.char("5"), .escape)
        #expect(f.h.screen.contains("[inactive]"))
        #expect(f.h.cursorLine?.contains("Alte Kaffeemühle") == true)
    }

    @Test func helpListsTheInventoryKeys() throws {
        let f = try InventoryFixture()
        let help = f.h.press(.char("?"))
        for text in ["Keys · Inventory", "Receive goods", "Adjust the stock", "barcode scan"] {
            #expect(help.contains(text), "help lacks \(text)")
        }
    }
}
