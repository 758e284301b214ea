import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

@MainActor
@Suite("Paste and mouse")
struct PasteAndMouseTests {
    /// The screen's lines.
    func lines(_ h: ScreenHarness) -> [String] { h.screen.components(separatedBy: "\n") }

    /// A row's name column, without the cursor mark.
    func name(_ line: String) -> String { String(line.dropFirst(2).prefix(30)).trimmingCharacters(in: .whitespaces) }

    // MARK: Paste

    @Test func aPasteIntoAFormFieldIsOneLine() throws {
        let h = try ScreenHarness()
        h.press(.char("n"))
        h.press(.paste("Blau Müller\nGmbH\n"))
        #expect(h.screen.contains("Blau Müller GmbH"))
        let saved = h.press(.ctrl("s"))
        #expect(saved.contains("Saved Blau Müller GmbH"), "\(saved)")
        #expect(try h.customer(named: "Blau Müller GmbH") != nil)
    }

    /// A paste too long for a contact's name is cut where the save would
    /// refuse it, not later: what fits is saved as it stands.
    @Test func aPasteIsCutWhereTheSaveWouldRefuseIt() throws {
        let h = try ScreenHarness()
        let customer = try #require(try h.customer(named: "Müller GmbH"))
        h.app.open(.customer(customer.id))
        h.press(.char("c"))
        var text = h.press(.paste(String(repeating: "Lang ", count: 40)))
        #expect(text.contains("holds at most 120 characters: 80 more did not fit"), "\(text)")
        text = h.press(.ctrl("s"))
        #expect(!text.contains("is too long"), "\(text)")
        #expect(try h.database.customers.contacts(of: customer.id).contains { $0.fields.name.count == 119 }, "\(text)")
    }

    @Test func escapeSequencesInAPasteAreNeverStored() throws {
        let h = try ScreenHarness()
        h.press(.char("n"))
        h.press(.paste("Rot\u{1B}[31mFirma\u{1B}[0m\u{07} KG"))
        h.press(.ctrl("s"))
        #expect(try h.customer(named: "RotFirma KG") != nil)
    }

    @Test func aMultiLinePasteIntoATicketNoteKeepsItsLines() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let id = tickets["Drucker brennt"]!.id
        h.openTickets()
        h.press(.enter, .char("i"))
        #expect(h.screen.contains("Internal note · never shown to the customer"))
        h.press(.paste("Zeile eins\r\nZeile zwei\n\tEingerückt"))
        let screen = h.press(.ctrl("s"))
        #expect(screen.contains("┃ Zeile eins"), "\(screen)")
        let messages = try h.database.tickets.messages(of: id)
        #expect(messages.last?.kind == .note)
        #expect(messages.last?.body == "Zeile eins\nZeile zwei\n    Eingerückt")
    }

    @Test func aPasteOnAListRunsNoKey() throws {
        let h = try ScreenHarness()
        let before = h.screen
        // a archives, y answers yes, d, x, 2 switches, q quits: none may happen.
        let after = h.press(.paste("ay\nd\nx2q\n"))
        #expect(!h.app.finished)
        #expect(after.contains("Paste ignored"), "\(after)")
        #expect(!after.contains("Archive"))
        #expect(h.app.activeIndex == 0)
        #expect(try h.database.customers.count(CustomerQuery(archived: true)) == 0)
        // The list stands as it stood.
        #expect(lines(h).dropFirst(1).prefix(20) == before.components(separatedBy: "\n").dropFirst(1).prefix(20))
    }

    @Test func aPasteIntoTheOpenFilterTypesIntoIt() throws {
        let h = try ScreenHarness()
        h.press(.char("/"))
        let screen = h.press(.paste("weiss\n"))
        #expect(screen.contains("/ weiss"), "\(screen)")
        #expect(screen.contains("Weiß Logistik AG"))
        #expect(!screen.contains("Zeta Systems"))
    }

    @Test func aPasteIntoThePaletteIsText() throws {
        let h = try ScreenHarness()
        h.press(.char(":"))
        let screen = h.press(.paste("cust weiß\n"))
        #expect(screen.contains("cust weiß"), "\(screen)")
        #expect(h.app.activeIndex == 0)
    }

    // MARK: Mouse

    @Test func aClickSelectsTheRowUnderIt() throws {
        let h = try ScreenHarness()
        let rows = lines(h)
        #expect(rows[3].hasPrefix("›"))
        // Rows start under the tabs, the list's title and the column header.
        let screen = h.press(.mouse(Mouse(.click, x: 10, y: 5)))
        let clicked = screen.components(separatedBy: "\n")
        #expect(clicked[5].hasPrefix("›"), "\(screen)")
        #expect(clicked[5].dropFirst() == rows[5].dropFirst())
        #expect(!clicked[3].hasPrefix("›"))
        // Below the last row: nothing changes.
        h.press(.mouse(Mouse(.click, x: 10, y: 20)))
        #expect(lines(h)[5].hasPrefix("›"))
    }

    @Test func aDoubleClickOpensTheRowAsEnterDoes() throws {
        let h = try ScreenHarness()
        let row = lines(h)[4]
        let name = String(row.dropFirst(2).prefix(8))
        h.press(.mouse(Mouse(.click, x: 10, y: 4)))
        let screen = h.press(.mouse(Mouse(.doubleClick, x: 10, y: 4)))
        #expect(screen.contains("Contacts ("), "\(screen)")
        #expect(screen.components(separatedBy: "\n")[1].contains(name), "\(screen)")
        // A click on the record's page does not reach the list beneath.
        h.press(.mouse(Mouse(.doubleClick, x: 10, y: 8)))
        #expect(h.screen.contains("Contacts ("))
    }

    @Test func aDoubleClickWhileTheFilterIsTypedOpensTheRow() throws {
        let h = try ScreenHarness()
        h.press(.char("/"))
        h.type("weiss")
        let screen = h.press(.mouse(Mouse(.doubleClick, x: 10, y: 3)))
        #expect(screen.contains("Sabine Weiß") && screen.contains("Contacts ("), "\(screen)")
        h.press(.escape)
        #expect(h.screen.contains("filter: weiss"))
    }

    @Test func theWheelScrollsTheList() throws {
        let h = try ScreenHarness(extraCustomers: 60)
        let before = lines(h)
        #expect(before[3].hasPrefix("›"))
        let screen = h.press(.mouse(Mouse(.wheelDown, x: 10, y: 10))).components(separatedBy: "\n")
        // The rows moved up three; the cursor kept its height on screen.
        #expect(name(screen[3]) == name(before[6]), "\(screen.joined(separator: "\n"))")
        #expect(screen[3].hasPrefix("›"))
        h.press(.mouse(Mouse(.wheelUp, x: 10, y: 10)))
        #expect(name(lines(h)[3]) == name(before[3]))
    }

    @Test func aClickOnATabSwitchesScreens() throws {
        let h = try ScreenHarness()
        let header = lines(h)[0]
        for (title, index) in [("2 Tickets", 1), ("4 Invoices", 3), ("0 Dashboard", 6), ("1 Customers", 0)] {
            let range = try #require(header.range(of: title), "\(header)")
            let x = header.distance(from: header.startIndex, to: range.lowerBound) + 3
            h.press(.mouse(Mouse(.click, x: x, y: 0)))
            #expect(h.app.activeIndex == index, "\(title)")
        }
        // Between the tabs: nothing.
        h.press(.mouse(Mouse(.click, x: 79, y: 0)))
        #expect(h.app.activeIndex == 0)
    }

    @Test func aClickOnAnInvoiceRowSelectsIt() throws {
        let h = try ScreenHarness()
        let customer = try #require(try h.customer(named: "Müller GmbH"))
        for _ in 0..<3 { _ = try h.database.invoices.createDraft(customerID: customer.id, by: h.session) }
        h.press(.char("4"))
        let rows = lines(h)
        let screen = h.press(.mouse(Mouse(.click, x: 20, y: 5)))
        #expect(screen.components(separatedBy: "\n")[5].hasPrefix("›"), "\(screen)\n\(rows.joined(separator: "\n"))")
    }

    @Test func aDoubleClickOnACardOfTheDealBoardOpensIt() throws {
        let h = try ScreenHarness()
        try h.dealsFixture()
        // Columns of 26 cells at 80; cards under the title row and the column's head, every four rows.
        h.press(.mouse(Mouse(.doubleClick, x: 30, y: 5)))
        #expect(h.screen.contains("Support contract"), "\(h.screen)")
        #expect(h.lines[1].contains("Support contract"), "\(h.screen)")
        h.press(.escape)
        // The second card of the first column, then the first: two different deals.
        h.press(.mouse(Mouse(.doubleClick, x: 5, y: 9)))
        let second = h.lines[1]
        h.press(.escape)
        h.press(.mouse(Mouse(.doubleClick, x: 5, y: 5)))
        let first = h.lines[1]
        #expect(Set([first.contains("Server rack"), second.contains("Server rack")]) == [true, false], "\(first)\n\(second)")
        #expect(Set([first.contains("Cloud migration"), second.contains("Cloud migration")]) == [true, false], "\(first)\n\(second)")
    }

    @Test func aDoubleClickOnALinkedRecordInThePaneOpensIt() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 30))
        try h.addTickets()
        h.press(.char("/"))
        h.type("müller gmbh")
        h.press(.enter)
        let screen = h.screen.components(separatedBy: "\n")
        let row = try #require(screen.firstIndex { $0.contains("Drucker brennt") }, "\(h.screen)")
        let column = screen[row].distance(from: screen[row].startIndex, to: screen[row].range(of: "Drucker brennt")!.lowerBound)
        h.press(.mouse(Mouse(.click, x: column + 2, y: row)))
        #expect(h.app.activeBindings.contains { $0.id == "pane.open" }, "the pane has the focus")
        h.press(.mouse(Mouse(.doubleClick, x: column + 2, y: row)))
        #expect(h.app.activeIndex == 1, "\(h.screen)")
        #expect(h.screen.contains("Hilfe, es raucht!"))
    }

    @Test func thePaletteTurnsTheMouseOffAndOn() throws {
        let h = try ScreenHarness()
        let backend = HeadlessBackend(size: Size(width: 80, height: 24))
        backend.pendingKeys = [.char(":")] + "mouse off".map { Key.char($0) } + [.enter]
        backend.pendingKeys.append(.char("q"))
        h.app.run(on: backend)
        #expect(!backend.mouseReports)
        #expect(backend.text.contains("Mouse off: the terminal selects text again"), "\(backend.text)")

        let again = try ScreenHarness()
        let on = HeadlessBackend(size: Size(width: 80, height: 24))
        _ = on.setMouseReports(false)
        on.pendingKeys = [.char(":")] + "mouse on".map { Key.char($0) } + [.enter, .char("q")]
        again.app.run(on: on)
        #expect(on.mouseReports)
    }

    @Test func aDoubleClickOnAFigureOfTheDashboardFollowsIt() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        try h.seedDashboardBusiness()
        let text = try h.openDashboard().components(separatedBy: "\n")
        let row = try #require(text.firstIndex { $0.contains("Unassigned") }, "\(text.joined(separator: "\n"))")
        let column = text[row].distance(from: text[row].startIndex, to: text[row].range(of: "Unassigned")!.lowerBound)
        h.press(.mouse(Mouse(.click, x: column, y: row)))
        #expect(h.screen.components(separatedBy: "\n")[row].contains("› Unassigned"), "\(h.screen)")
        h.press(.mouse(Mouse(.doubleClick, x: column, y: row)))
        #expect(h.app.activeIndex == 1, "\(h.screen)")
    }

    @Test func aDoubleClickInAPickerPicksTheRow() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        h.openTickets()
        h.press(.char("j"), .char("a"))
        let lines = h.screen.components(separatedBy: "\n")
        let row = try #require(lines.firstIndex { $0.contains("Bob Front") }, "\(h.screen)")
        let column = lines[row].distance(from: lines[row].startIndex, to: lines[row].range(of: "Bob Front")!.lowerBound)
        h.press(.mouse(Mouse(.click, x: column, y: row)))
        #expect(h.screen.components(separatedBy: "\n")[row].contains("›"), "\(h.screen)")
        let screen = h.press(.mouse(Mouse(.doubleClick, x: column, y: row)))
        #expect(screen.contains("assigned to Bob Front"), "\(screen)")
        #expect(try h.ticket(tickets["Rechnung doppelt"]!.id).assigneeID == h.bob.staff.id)
    }

    @Test func aDoubleClickInThePaletteRunsTheLine() throws {
        let h = try ScreenHarness()
        h.press(.char(":"))
        h.type("tickets")
        let lines = h.screen.components(separatedBy: "\n")
        let row = try #require(lines.firstIndex { $0.contains("Tickets") && $0.contains("Go to the Tickets screen") }, "\(h.screen)")
        h.press(.mouse(Mouse(.click, x: 5, y: row)))
        #expect(h.screen.components(separatedBy: "\n")[row].hasPrefix("›"), "\(h.screen)")
        h.press(.mouse(Mouse(.doubleClick, x: 5, y: row)))
        #expect(h.app.activeIndex == 1, "\(h.screen)")
    }

    @Test func overAFormTheMouseChangesNothing() throws {
        let h = try ScreenHarness()
        h.press(.char("n"))
        h.type("Neu")
        h.press(.mouse(Mouse(.doubleClick, x: 10, y: 5)), .mouse(Mouse(.wheelDown, x: 10, y: 5)))
        #expect(h.screen.contains("New customer"))
        h.press(.ctrl("s"))
        #expect(try h.customer(named: "Neu") != nil)
    }
}
