import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

/// Sorting a list by a column (`>`, `<`), choosing its columns (`C`), as
/// a person at the desk uses them, on the Customers list.
@MainActor
@Suite("Lists sorted by a column, with chosen columns")
struct ListSortScreenTests {
    static let size = Size(width: 140, height: 30)

    /// The fixture's customers by city, rising; the sixty fillers (all in
    /// Bonn) tie and come in the order they were added.
    static let byCity = ["Müller GmbH"] + (0..<60).map { String(format: "Filler %04d", $0) } + [
        "Überlange", "Weiß Logistik AG", "Zeta Systems", "Mueller Trading Ltd", "Schäfer & Söhne KG", "Evil", "Café Crème", "山田",
    ]

    /// The header row of the list: the one naming the columns.
    static func header(_ screen: String) -> String {
        screen.split(separator: "\n").first { $0.contains("Contact") || $0.contains("Kontakt") }.map(String.init) ?? ""
    }

    /// The first cell of the highlighted row.
    static func highlightedName(_ h: ScreenHarness) -> String {
        guard let line = h.cursorLine else { return "" }
        return String(line.dropFirst(2).prefix { $0 != "│" }).components(separatedBy: "  ").first ?? ""
    }

    /// Walks the whole list with `key` from where the cursor is, naming each row.
    static func walk(_ h: ScreenHarness, _ key: Key, rows: Int) -> [String] {
        var names = [highlightedName(h)]
        for _ in 1..<rows {
            h.press(key)
            names.append(highlightedName(h))
        }
        return names
    }

    /// Presses `key` (`>` or `<`) until the list says it is sorted by
    /// `order` ("City ▲"), at most twenty times; the screen then.
    @discardableResult
    static func sort(_ h: ScreenHarness, to order: String, key: Key = .char(">"), saying: String = "Sorted by {0}.") -> String {
        let said = saying.replacingOccurrences(of: "{0}", with: order)
        var screen = ""
        for _ in 0..<20 where !screen.contains(said) { screen = h.press(key) }
        #expect(screen.contains(said), "\(screen)")
        return screen
    }

    static func matches(_ shown: [String], _ expected: [String]) -> Bool {
        shown.count == expected.count && zip(shown, expected).allSatisfy { name, full in
            let cut = name.hasSuffix("…") ? String(name.dropLast()) : name
            return full.hasPrefix(cut) || cut.hasPrefix(full)
        }
    }

    @Test func theSortKeyCyclesAndTheHeaderShowsIt() throws {
        let h = try ScreenHarness(size: Self.size)
        // The list's own order is marked as any other.
        #expect(Self.header(h.screen).contains("Name ▲") && !Self.header(h.screen).contains("▼"))
        var screen = h.press(.char(">"))
        #expect(Self.header(screen).contains("Name ▼"))
        #expect(screen.contains("Sorted by Name ▼."))
        // Contact has no index, but a list this short sorts by it in memory.
        screen = h.press(.char(">"))
        #expect(Self.header(screen).contains("Contact ▲"))
        #expect(!Self.header(screen).contains("Name ▼"))
        #expect(screen.contains("Sorted by Contact ▲."))
        screen = h.press(.char(">"), .char(">"))
        #expect(Self.header(screen).contains("City ▲"))
        #expect(screen.contains("Sorted by City ▲.") && !screen.contains("Not sortable"))
        screen = h.press(.char(">"))
        #expect(Self.header(screen).contains("City ▼"))
        screen = h.press(.char(">"), .char(">"))
        #expect(Self.header(screen).contains("Phone ▼"))
        // Open tickets and what is owed: figures, sorted as the list is short.
        screen = h.press(.char(">"))
        #expect(Self.header(screen).contains("Tickets ▲") && screen.contains("Sorted by Tickets ▲."), "\(screen)")
        screen = h.press(.char(">"), .char(">"), .char(">"))
        #expect(Self.header(screen).contains("Open € ▼") && screen.contains("Sorted by Open € ▼."), "\(screen)")
        // Then back to the list's own order.
        screen = h.press(.char(">"))
        #expect(screen.contains("Sorted by Name ▲."), "\(screen)")
        #expect(Self.header(screen).contains("Name ▲") && !Self.header(screen).contains("▼"), "as the message says")
        #expect(h.cursorLine?.contains("Café Crème") == true)
        // `<` walks back.
        screen = h.press(.char("<"))
        #expect(Self.header(screen).contains("Open € ▼"))
        screen = h.press(.char("<"), .char("<"), .char("<"), .char("<"))
        #expect(Self.header(screen).contains("Phone ▼"))
        screen = h.press(.char("<"), .char("<"))
        #expect(Self.header(screen).contains("City ▼"))
    }

    /// A filter that finds more customers than are sorted in memory (600
    /// fillers, walked): the contact is passed over with a word on why,
    /// and an order by contact kept from before is not taken, said so.
    @Test func aLongFilteredListSaysWhyContactDoesNotSortIt() throws {
        let h = try ScreenHarness(size: Self.size, extraCustomers: 600)
        Self.sort(h, to: "Contact ▲")
        h.press(.char("/"))
        h.type("filler")
        var screen = h.press(.enter)
        #expect(screen.contains("too many to sort by Contact"), "\(screen)")
        #expect(!Self.header(screen).contains("Contact ▲"))
        #expect(h.cursorLine?.contains("Filler 0000") == true, "the list's own order")
        // `>` goes on from the order shown, the list's own.
        screen = h.press(.char(">"))
        #expect(screen.contains("Sorted by Name ▼."), "\(screen)")
        screen = h.press(.char(">"))
        #expect(screen.contains("Sorted by City ▲. Sortable in a shorter list (a view or filter): Contact."), "\(screen)")
    }

    @Test(arguments: [false, true])
    func theOrderHoldsAcrossPagesForwardAndBackward(descending: Bool) throws {
        let h = try ScreenHarness(size: Self.size, extraCustomers: 60)
        Self.sort(h, to: descending ? "City ▼" : "City ▲")
        let expected = descending ? Self.byCity.reversed() : Self.byCity
        let forward = Self.walk(h, .char("j"), rows: expected.count)
        #expect(Self.matches(forward, expected), "\(forward)")
        h.press(.char("G"))
        let backward = Self.walk(h, .char("k"), rows: expected.count)
        #expect(Self.matches(backward.reversed(), expected), "\(backward)")
        // Paging lands on the same rows as stepping.
        h.press(.char("g"), .pageDown, .pageDown)
        let paged = Self.highlightedName(h)
        #expect(expected.contains { $0.hasPrefix(paged) || paged.hasPrefix($0) })
    }

    /// A filter keeps the order chosen, and the order the filter.
    @Test func aFilteredListKeepsItsOrder() throws {
        let h = try ScreenHarness(size: Self.size)
        Self.sort(h, to: "City ▼")
        h.press(.char("/"))
        h.type("m")
        h.press(.enter)
        // Nowhere (Mallory), München, London, Frankfurt am Main, Berlin.
        let rows = Self.walk(h, .char("j"), rows: 5)
        #expect(Self.matches(rows, ["Evil", "Schäfer & Söhne KG", "Mueller Trading Ltd", "Überlange", "Müller GmbH"]), "\(rows)")
        #expect(Self.header(h.screen).contains("City ▼"))
    }

    @Test func theOrderIsRememberedForThePersonOnly() throws {
        let h = try ScreenHarness(size: Self.size)
        Self.sort(h, to: "City ▲")
        let again = App(session: h.session, theme: .fallback)
        _ = again.frame(size: Self.size)
        let screen = again.frame(size: Self.size).0.text
        #expect(Self.header(screen).contains("City ▲"))
        #expect(screen.split(separator: "\n").first { $0.hasPrefix("›") }?.contains("Müller GmbH") == true)
        let bob = App(session: h.bob, theme: .fallback)
        _ = bob.frame(size: Self.size)
        let bobsHeader = Self.header(bob.frame(size: Self.size).0.text)
        #expect(!bobsHeader.contains("City ▲") && bobsHeader.contains("Name ▲"), "bob's list in its own order: \(bobsHeader)")
    }

    @Test func aHiddenColumnIsNotDrawnAndStaysHidden() throws {
        let h = try ScreenHarness(size: Self.size)
        #expect(Self.header(h.screen).contains("Phone"))
        var screen = h.press(.char("C"))
        #expect(screen.contains("Columns"))
        #expect(screen.contains("[x] Phone"))
        h.type("pho")
        screen = h.press(.enter)
        #expect(screen.contains("[ ] Phone"), "the picker stays open, the column marked hidden")
        screen = h.press(.escape)
        #expect(!Self.header(screen).contains("Phone"))
        #expect(!screen.contains("+49 30 1234567"), "the hidden column's cells are not drawn either")
        #expect(Self.header(screen).contains("City"))
        let again = App(session: h.session, theme: .fallback)
        _ = again.frame(size: Self.size)
        #expect(!Self.header(again.frame(size: Self.size).0.text).contains("Phone"))
        let bob = App(session: h.bob, theme: .fallback)
        _ = bob.frame(size: Self.size)
        #expect(Self.header(bob.frame(size: Self.size).0.text).contains("Phone"))
        // Shown again the same way.
        h.press(.char("C"))
        h.type("pho")
        h.press(.enter, .escape)
        #expect(Self.header(h.screen).contains("Phone"))
    }

    /// Hiding the column the list is sorted by returns it to its own order;
    /// the last column cannot be hidden.
    @Test func hidingTheSortedColumnAndTheLastColumn() throws {
        let h = try ScreenHarness(size: Self.size)
        Self.sort(h, to: "City ▲")
        h.press(.char("C"))
        h.type("city")
        let screen = h.press(.enter, .escape)
        #expect(!Self.header(screen).contains("City"))
        #expect(Self.header(screen).contains("Name ▲"), "back in its own order: \(Self.header(screen))")
        #expect(h.cursorLine?.contains("Café Crème") == true)
        for column in ["name", "contact", "phone", "tickets"] {
            h.press(.char("C"))
            h.type(column)
            h.press(.enter, .escape)
        }
        h.press(.char("C"))
        h.type("open")
        #expect(h.press(.enter).contains("The list keeps at least one column."))
        let header = h.press(.escape).split(separator: "\n").first { $0.contains("Open €") }.map(String.init) ?? ""
        #expect(!header.isEmpty, "the last column stays")
        for gone in ["Name", "Contact", "City", "Phone", "Tickets"] { #expect(!header.contains(gone)) }
    }
}

/// The inventory sorted by what is on hand, and the columns chosen there.
@MainActor
@Suite("Inventory sorted by stock")
struct InventorySortScreenTests {
    @Test func stockOnHandSortsRisingAndFalling() throws {
        let f = try InventoryFixture(size: Size(width: 120, height: 30))
        // The list's own order's column first, its other way one key away,
        // though SKU stands before it.
        var screen = f.h.press(.char(">"))
        #expect(screen.contains("Sorted by Name ▼."), "\(screen)")
        screen = f.h.press(.char(">"))
        #expect(screen.contains("Sorted by SKU ▲."), "\(screen)")
        screen = f.h.press(.char(">"), .char(">"))
        #expect(screen.contains("Sorted by On hand ▲."))
        // Reserved and available are sums per row: passed over, and said so.
        screen = f.h.press(.char(">"))
        #expect(screen.contains("Sorted by On hand ▼."))
        let rows = screen.split(separator: "\n").map(String.init)
        let order = ["Kaffee Crema", "Wasserfilter", "Porzellantasse"].map { name in rows.firstIndex { $0.contains(name) } ?? -1 }
        #expect(order[0] >= 0 && order[0] < order[1] && order[1] < order[2], "\(order)")
        #expect(rows.contains { $0.contains("On hand ▼") })
        // Reserved, available, reorder point and price have no index, but
        // a list this short sorts by them too.
        screen = f.h.press(.char(">"))
        #expect(screen.contains("Sorted by Reserv. ▲."), "\(screen)")
        screen = ListSortScreenTests.sort(f.h, to: "Price ▲")
        let byPrice = screen.split(separator: "\n").map(String.init)
        let prices = ["Porzellantasse", "Kaffee Crema", "Wasserfilter"].map { name in byPrice.firstIndex { $0.contains(name) } ?? -1 }
        #expect(prices[0] >= 0 && prices == prices.sorted(), "4,50 before 18,90 before 24,90: \(prices)")
        #expect(byPrice.contains { $0.contains("Price ▲") })
    }
}

/// Saved views: the list as shown, under a name, for the person only.
@MainActor
@Suite("Saved views of a list")
struct SavedViewScreenTests {
    static let size = Size(width: 140, height: 30)
    static func header(_ screen: String) -> String { ListSortScreenTests.header(screen) }

    /// Filter "m", sorted by City ▼, Phone hidden, saved as "Meine dringenden".
    static func saveOne(_ h: ScreenHarness) {
        h.press(.char("/"))
        h.type("m")
        h.press(.enter)
        ListSortScreenTests.sort(h, to: "City ▼")
        h.press(.char("C"))
        h.type("phone")
        h.press(.enter, .escape)
        save(h, as: "Meine dringenden")
    }

    /// Saves the list as shown under `name`: `W`, Enter on "save", the name.
    static func save(_ h: ScreenHarness, as name: String) {
        h.press(.char("W"), .enter)
        h.type(name)
        h.press(.enter)
    }

    @Test func aSavedViewRestoresFilterOrderAndColumns() throws {
        let h = try ScreenHarness(size: Self.size)
        Self.saveOne(h)
        #expect(h.screen.contains("Customers · Meine dringenden"))
        // Back to the whole list, in its own order, every column.
        h.press(.escape, .char(">"))
        h.press(.char("C"))
        h.type("phone")
        h.press(.enter, .escape)
        var screen = h.screen
        #expect(Self.header(screen).contains("Phone") && !Self.header(screen).contains("▼"))
        #expect(!screen.contains("Customers · Meine dringenden"))
        #expect(screen.contains("v view: Meine dringenden"), "the footer offers it")
        // v walks the quick views, then the saved ones.
        screen = h.press(.char("v"))
        #expect(screen.contains("Customers · Meine dringenden"))
        #expect(screen.contains("filter: m"))
        #expect(Self.header(screen).contains("City ▼"))
        #expect(!Self.header(screen).contains("Phone"))
        #expect(h.cursorLine?.contains("Evil") == true, "Nowhere comes first, falling")
        // Changing the order leaves the saved view: the title says so no more.
        screen = h.press(.char(">"))
        #expect(!screen.contains("Customers · Meine dringenden"))
    }

    /// v from a saved view to the next quick view leaves the saved view's
    /// filter and order with it: the whole list, in its own order.
    @Test func leavingASavedViewWithVShowsTheWholeListAgain() throws {
        let h = try ScreenHarness(size: Self.size)
        Self.saveOne(h)
        h.press(.escape)
        var screen = h.press(.char("v"))
        #expect(screen.contains("Customers · Meine dringenden") && screen.contains("filter: m"), "\(screen)")
        screen = h.press(.char("v"))
        #expect(!screen.contains("Customers · Meine dringenden") && !screen.contains("filter: m") && !Self.header(screen).contains("▼"), "\(screen)")
        #expect(screen.contains("9 active") && h.cursorLine?.contains("Café Crème") == true, "\(screen)")
    }

    @Test func thePaletteFindsASavedViewForItsPersonOnly() throws {
        let h = try ScreenHarness(size: Self.size)
        Self.saveOne(h)
        h.press(.char("3")) // away, on Deals
        let again = SecondApp(session: h.session, size: Self.size)
        again.press(.char(":"))
        for c in "meine dring" { again.press(.char(c)) }
        var screen = again.screen
        #expect(screen.contains("Meine dringenden"))
        #expect(screen.contains("Saved view of Customers"))
        screen = again.press(.enter)
        #expect(screen.contains("Customers · Meine dringenden"))
        #expect(Self.header(screen).contains("City ▼"))
        #expect(!Self.header(screen).contains("Phone"))
        // Bob has none.
        let bob = SecondApp(session: h.bob, size: Self.size)
        bob.press(.char(":"))
        for c in "meine dring" { bob.press(.char(c)) }
        #expect(!bob.screen.contains("Saved view of Customers"))
    }

    /// The same person in two terminals: a view saved in one is offered by
    /// `W` in the other once its change check has seen the save.
    @Test func aViewSavedInAnotherSessionIsOfferedThere() throws {
        let h = try ScreenHarness(size: Self.size)
        let other = SecondApp(session: h.session, size: Self.size)
        var screen = other.press(.char("W"))
        #expect(!screen.contains("Meine dringenden"))
        other.press(.escape)
        Self.saveOne(h)
        other.app.tick()
        screen = other.press(.char("W"))
        #expect(screen.contains("Meine dringenden"), "\(screen)")
    }

    @Test func aSavedViewIsDeletedAfterAskingAndGoneFromThePalette() throws {
        let h = try ScreenHarness(size: Self.size)
        Self.saveOne(h)
        var screen = h.press(.char("W"))
        #expect(screen.contains("Meine dringenden"))
        #expect(screen.contains("filter: m · City ▼ · 1 co"), "what the view shows, cut to the box")
        h.type("meine")
        screen = h.press(.ctrl("d"))
        #expect(screen.contains("Delete the saved view “Meine dringenden”?"))
        screen = h.press(.char("y"))
        #expect(screen.contains("Saved view “Meine dringenden” deleted"))
        #expect(try h.session.savedViews().isEmpty)
        h.press(.char(":"))
        h.type("meine dring")
        #expect(!h.screen.contains("Saved view of Customers"))
    }

    @Test func aViewWithoutANameIsRefusedInTheBox() throws {
        let h = try ScreenHarness(size: Self.size)
        h.press(.char("W"), .enter)
        let screen = h.press(.enter)
        #expect(screen.contains("A saved view needs a name."))
        #expect(try h.session.savedViews().isEmpty)
    }
}

/// The staff directory sorted by department.
@MainActor
@Suite("Staff sorted by department")
struct StaffSortScreenTests {
    @Test func departmentSortsAndIsRemembered() throws {
        let f = try StaffFixture(size: Size(width: 120, height: 30))
        let screen = ListSortScreenTests.sort(f.h, to: "Department ▼")
        #expect(screen.split(separator: "\n").contains { $0.contains("Department ▼") })
        #expect(f.h.cursorLine?.contains("Carol Lager") == true, "Lager before the empty departments, falling")
        let again = SecondApp(session: f.h.session, size: Size(width: 120, height: 30))
        let other = again.press(.char("6"))
        #expect(other.split(separator: "\n").contains { $0.contains("Department ▼") })
    }

    /// Open tickets have no index; a directory sorts by them all the same.
    @Test func openTicketsSortTheDirectory() throws {
        let f = try StaffFixture(size: Size(width: 120, height: 30))
        let screen = ListSortScreenTests.sort(f.h, to: "Tickets ▼")
        #expect(screen.split(separator: "\n").contains { $0.contains("Tickets ▼") })
        #expect(f.h.cursorLine?.contains("Bob") == true, "Bob's two open tickets first: \(screen)")
    }
}

/// "Meine dringenden": my tickets, most urgent first, saved and found again.
@MainActor
@Suite("Tickets sorted by priority, saved as a view")
struct TicketSortScreenTests {
    static let size = Size(width: 140, height: 30)

    @Test func myUrgentTicketsSavedAndOpenedFromThePalette() throws {
        let h = try ScreenHarness(size: Self.size)
        let tickets = try h.addTickets()
        for subject in ["Toner leer", "Rechnung doppelt", "発注の確認"] {
            let t = try #require(tickets[subject])
            try h.database.tickets.assign(id: t.id, to: h.session.staff.id, expectedVersion: t.version, by: h.session)
        }
        h.openTickets()
        h.press(.char("M"))
        // Number, subject and customer sort my few tickets too, before the priority (the list beside the pane has no queue column).
        var said: [String] = []
        var screen = ""
        for _ in 0..<20 where !screen.contains("Sorted by Prio ▼.") {
            screen = h.press(.char(">"))
            said += screen.split(separator: "\n").compactMap { line in line.range(of: "Sorted by ").map { String(line[$0.lowerBound...]) } }
        }
        #expect(screen.contains("Sorted by Prio ▼."))
        let steps = ["Sorted by # ▲.", "Sorted by # ▼.", "Sorted by Subject ▲.", "Sorted by Subject ▼.", "Sorted by Customer ▲.",
                     "Sorted by Customer ▼.", "Sorted by Prio ▲.", "Sorted by Prio ▼."]
        #expect(said.map { $0.trimmingCharacters(in: .whitespaces) } == steps, "\(said)")
        let rows = screen.split(separator: "\n").map(String.init)
        let order = ["Rechnung doppelt", "発注の確認", "Toner leer"].map { subject in rows.firstIndex { $0.contains(subject) } ?? -1 }
        #expect(order[0] >= 0 && order[0] < order[1] && order[1] < order[2], "\(order)")
        #expect(!rows.contains { $0.contains("Drucker brennt") }, "not mine")
        // Back to the SLA order by status and assignee, which sort a short list.
        screen = h.press(.char(">"))
        #expect(screen.contains("Sorted by Status ▲."))
        screen = h.press(.char(">"), .char(">"), .char(">"), .char(">"))
        #expect(screen.contains("Sorted by Due in ▲.") && !screen.contains("Not sortable"), "\(screen)")
        h.press(.char("<"), .char("<"), .char("<"), .char("<"), .char("<"))
        h.press(.char("W"), .enter)
        h.type("Meine dringenden")
        h.press(.enter)
        // Elsewhere, later: the palette finds it by a few letters.
        h.press(.char("v"), .char("1"))
        let again = SecondApp(session: h.session, size: Self.size)
        again.press(.char(":"))
        for c in "meine dr" { again.press(.char(c)) }
        #expect(again.screen.contains("Saved view of Tickets"))
        screen = again.press(.enter)
        #expect(screen.contains("Tickets · Mine · Meine dringenden"))
        #expect(screen.split(separator: "\n").contains { $0.contains("Prio ▼") })
        #expect(!screen.contains("Drucker brennt"))
    }

    /// A queue of a few tickets sorts by its customer, which has no index
    /// of its own, as the customer list orders names; remembered.
    @Test func aShortQueueSortsByCustomer() throws {
        let h = try ScreenHarness(size: Self.size)
        _ = try h.addTickets()
        h.openTickets()
        var screen = ""
        for _ in 0..<10 where !screen.contains("Sorted by Customer ▲.") { screen = h.press(.char(">")) }
        #expect(screen.contains("Sorted by Customer ▲."))
        let rows = screen.split(separator: "\n").map(String.init)
        #expect(rows.contains { $0.contains("Customer ▲") })
        let order = ["Drucker brennt", "Toner leer", "Rechnung doppelt", "発注の確認"].map { subject in rows.firstIndex { $0.contains(subject) } ?? -1 }
        #expect(order[0] >= 0 && order == order.sorted(), "Müller, Schäfer, then 山田: \(order)")
        let again = SecondApp(session: h.session, size: Self.size)
        #expect(again.press(.char("2")).split(separator: "\n").contains { $0.contains("Customer ▲") })
    }

    @Test("a saved view keeps the one queue it was saved with")
    func aSavedViewKeepsItsQueue() throws {
        let h = try ScreenHarness(size: Self.size)
        _ = try h.addTickets()
        h.openTickets()
        var screen = h.press(.char("Q"))
        let title = try #require(screen.split(separator: "\n").first { $0.contains("· queue ") }.map(String.init), "\(screen)")
        let queue = try #require(title.components(separatedBy: "· queue ").last?.split(separator: " ").first.map(String.init))
        SavedViewScreenTests.save(h, as: "Eine Queue")
        screen = h.press(.char("W"))
        #expect(screen.contains("queue \(queue)"), "the saved views name the queue: \(screen)")
        h.press(.escape)
        // All queues again, then the saved view from the palette of another session.
        while h.screen.contains("· queue ") { h.press(.char("Q")) }
        let again = SecondApp(session: h.session, size: Self.size)
        again.press(.char(":"))
        for c in "eine queue" { again.press(.char(c)) }
        screen = again.press(.enter)
        #expect(screen.contains("· queue \(queue)"), "\(screen)")
    }
}

/// The invoice list sorted by amount or due date, and "Überfällig > 30 Tage" kept as a view.
@MainActor
@Suite("Invoices sorted, with a saved view")
struct InvoiceSortScreenTests {
    static let size = Size(width: 140, height: 30)

    static func header(_ screen: String) -> String {
        screen.split(separator: "\n").first { $0.contains("Customer") && $0.contains("Gross") }.map(String.init) ?? ""
    }

    @Test func grossSortsFallingAndPaidCanBeHidden() throws {
        let h = try ScreenHarness(size: Self.size)
        _ = try h.seedInvoices()
        h.press(.char("4"))
        var screen = ListSortScreenTests.sort(h, to: "Gross ▼", key: .char("<"))
        #expect(Self.header(screen).contains("Gross ▼"))
        // The gross amounts as shown, top to bottom, fall.
        let rows = screen.split(separator: "\n").filter { $0.contains("Müller") || $0.contains("Weiß") || $0.contains("Schäfer") || $0.contains("Zeta") }
        // The first four are the list's rows; a line of the related pane may follow.
        let amounts = rows.prefix(4).compactMap { row -> Int? in
            let cells = row.split(separator: " ").filter { $0.contains(",") && $0.first?.isNumber == true }
            return cells.first.map { Int($0.replacingOccurrences(of: ".", with: "").replacingOccurrences(of: ",", with: "")) ?? 0 }
        }
        #expect(amounts.count == 4 && amounts == amounts.sorted(by: >), "\(amounts)")
        h.press(.char("C"))
        h.type("paid")
        screen = h.press(.enter, .escape)
        #expect(!Self.header(screen).contains("Paid"))
        let again = SecondApp(session: h.session, size: Self.size)
        screen = again.press(.char("4"))
        #expect(Self.header(screen).contains("Gross ▼") && !Self.header(screen).contains("Paid"))
    }

    /// The customer as printed has no index; a list of few invoices sorts
    /// by it all the same, as a person reads names (Müller among the m's).
    @Test func aShortListSortsByCustomer() throws {
        let h = try ScreenHarness(size: Self.size)
        _ = try h.seedInvoices()
        h.press(.char("4"))
        let screen = ListSortScreenTests.sort(h, to: "Customer ▼")
        #expect(Self.header(screen).contains("Customer ▼"))
        // The list's rows: below its header, left of the preview.
        let rows = screen.split(separator: "\n").drop { !$0.contains("Customer ▼") }.dropFirst()
        let names = rows.compactMap { row in
            let listed = row.split(separator: "│", omittingEmptySubsequences: false).first ?? ""
            return ["Zeta", "Weiß", "Schäfer", "Müller"].first { listed.contains($0) }
        }
        #expect(names.count >= 4 && names == names.sorted(by: >), "\(names)")
    }

    @Test func overdueByDueDateIsSavedAndOpenedFromThePalette() throws {
        let h = try ScreenHarness(size: Self.size)
        let data = try h.seedInvoices()
        h.press(.char("4"), .char("v"), .char("v"), .char("v"))
        var screen = ListSortScreenTests.sort(h, to: "Due ▲")
        #expect(screen.contains("[Overdue]"))
        #expect(Self.header(screen).contains("Due ▲"))
        h.press(.char("W"), .enter)
        h.type("Überfällig > 30 Tage")
        screen = h.press(.enter)
        #expect(screen.contains("· Überfäll"), "the title names the saved view (cut at this width)")
        h.press(.char("v"), .char("1")) // elsewhere
        let again = SecondApp(session: h.session, size: Self.size)
        again.press(.char(":"))
        for c in "uberfallig" { again.press(.char(c)) }
        #expect(again.screen.contains("Saved view of Invoices"))
        screen = again.press(.enter)
        #expect(screen.contains("[Overdue]") && screen.contains("· Überfäll"))
        #expect(Self.header(screen).contains("Due ▲"))
        #expect(screen.contains(try #require(data.overdue.number)))
    }

    @Test("A narrows the overdue view to more than 30, 60, 90 days; a saved view keeps the days")
    func overdueByMoreThanThirtyDays() throws {
        let h = try ScreenHarness(size: Self.size)
        let data = try h.seedInvoices() // the overdue invoice was due early in 2026
        var screen = h.press(.char("4"))
        #expect(!screen.contains("A > 30 days"), "only the overdue view offers it")
        h.press(.char("v"), .char("v"), .char("v"))
        screen = h.press(.char("A"))
        #expect(screen.contains("[Overdue > 30 days]"), "\(screen)")
        #expect(screen.contains(try #require(data.overdue.number)))
        #expect(screen.contains("A > 60 days"))
        SavedViewScreenTests.save(h, as: "Überfällig > 30 Tage")
        screen = h.press(.char("W"))
        #expect(screen.contains("Overdue · more than 30 days"), "the saved views say what it holds: \(screen)")
        h.press(.escape)
        screen = h.press(.char("A"), .char("A"), .char("A"))
        #expect(screen.contains("[Overdue]"), "back to every overdue invoice")
        let again = SecondApp(session: h.session, size: Self.size)
        again.press(.char(":"))
        for c in "uberfallig" { again.press(.char(c)) }
        screen = again.press(.enter)
        #expect(screen.contains("[Overdue > 30 days]"), "\(screen)")
        #expect(screen.contains(try #require(data.overdue.number)))
    }
}

/// The same keys in German: the message, the header mark, the column picker.
@MainActor
@Suite("Sorting and columns in German")
struct GermanListSortScreenTests {
    @Test func theSortMessageAndThePickerSpeakGerman() throws {
        let h = try ScreenHarness(size: Size(width: 140, height: 30), language: .german)
        var screen = h.press(.char(">"), .char(">"))
        #expect(screen.contains("Sortiert nach Kontakt ▲."), "\(screen)")
        screen = ListSortScreenTests.sort(h, to: "Ort ▲", saying: "Sortiert nach {0}.")
        #expect(screen.split(separator: "\n").contains { $0.contains("Ort ▲") })
        screen = h.press(.char("C"))
        #expect(screen.contains("Spalten · Enter zeigt oder verbirgt"))
        screen = h.press(.escape, .char("W"))
        #expect(screen.contains("+ wie gezeigt speichern …"))
    }
}
