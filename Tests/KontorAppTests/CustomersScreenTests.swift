import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

@MainActor
@Suite("Customers screen")
struct CustomersScreenTests {
    @Test func goldenList80x24() throws {
        let h = try ScreenHarness()
        try expectGolden(h.screen, "customers-80x24")
    }

    @Test func goldenList120x40WithPreview() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        h.press(.char("j"))
        try expectGolden(h.screen, "customers-120x40")
    }

    /// The filter being typed gets the free width of the title row: a long
    /// e-mail address shows whole, at 200 columns and at 80.
    /// On a narrow terminal the 360° view's card is a few lines: notes of
    /// several lines show all of them, not the first alone.
    @Test func everyLineOfTheNotesShowsInTheNarrowCard() throws {
        let h = try ScreenHarness()
        let weiss = try #require(try h.customer(named: "Weiß Logistik AG"))
        var fields = weiss.fields
        fields.notes = "erste Zeile\nzweite Zeile wichtig"
        _ = try h.database.customers.update(id: weiss.id, fields, expectedVersion: weiss.version, by: h.session)
        h.press(.char("/"))
        h.type("weiß")
        let text = h.press(.enter, .enter)
        #expect(text.contains("Notes: erste Zeile / zweite Zeile wichtig"), "\(text)")
    }

    /// The record's columns give their room where their words need it: a
    /// long role beside a short phone at 80 columns, and a ticket's whole
    /// deadline on a wide screen.
    @Test func aLongRoleAndATicketsDeadlineShowWhole() throws {
        for width in [80, 200] {
            let h = try ScreenHarness(size: Size(width: width, height: 40))
            let weiss = try #require(try h.customer(named: "Weiß Logistik AG"))
            try h.database.customers.addContact(to: weiss.id, ContactFields(name: "Ida Ihle", role: "Rechnungsempfängerin", phone: "040 12"), by: h.session)
            let ticket = try h.database.tickets.create(TicketFields(subject: "Rückruf", customerID: weiss.id), by: h.session)
            h.press(.char("/"))
            h.type("weiß")
            let text = h.press(.enter, .enter)
            #expect(text.contains("Rechnungsempfängerin"), "\(width): \(text)")
            let row = try #require(text.split(separator: "\n").first { $0.contains("#\(ticket.id)") }, "\(width): \(text)")
            #expect(row.range(of: #"due ([0-9.]+ )?[0-9]{2}:[0-9]{2}"#, options: .regularExpression) != nil, "\(width): \(row)")
        }
    }

    @Test func aLongFilterShowsWholeWhileTyped() throws {
        for width in [200, 80] {
            let h = try ScreenHarness(size: Size(width: width, height: 30))
            try h.database.customers.create(CustomerFields(name: "Wolff Maschinenbau GmbH", email: "buchhaltung@wolff-maschinenbau.de", city: "Kassel"),
                                            by: h.session)
            h.press(.char("/"))
            let text = h.type("buchhaltung@wolff-maschinenbau.de")
            let title = try #require(text.split(separator: "\n").first { $0.contains(" / ") }, "\(text)")
            #expect(title.contains("/ buchhaltung@wolff-maschinenbau.de"), "\(width): \(title)")
            #expect(text.contains("Wolff Maschinenba"), "the customer is found:\n\(text)")
        }
    }

    @Test func escapeSequencesInDataAreShownNotSent() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        let text = h.press(.char("j"))
        #expect(text.contains("Evil␛[31mRed␛[0m␇ Corp"))
        #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    @Test func headerShowsBothSidesAndFooterShowsTheKeys() throws {
        let h = try ScreenHarness()
        let lines = h.screen.split(separator: "\n", omittingEmptySubsequences: false)
        for tab in ["1 Customers", "2 Tickets", "3 Deals", "4 Invoices", "5 Inventory", "6 Staff"] {
            #expect(lines[0].contains(tab))
        }
        for hint in ["Enter open", "/ filter", "n new", "e edit", "a archive", "q quit"] {
            #expect(lines[23].contains(hint), "footer lacks \(hint): \(lines[23])")
        }
    }

    @Test func movingWithJKArrowsAndJumps() throws {
        let h = try ScreenHarness(extraCustomers: 60)
        #expect(h.cursorLine?.contains("Café Crème") == true)
        h.press(.char("j"))
        #expect(h.cursorLine?.contains("Evil") == true)
        h.press(.down, .up, .char("k"))
        #expect(h.cursorLine?.contains("Café Crème") == true)
        h.press(.char("G"))
        #expect(h.cursorLine?.contains("山田商事株式会社") == true) // CJK sorts after Latin
        h.press(.home)
        #expect(h.cursorLine?.contains("Café Crème") == true)
        h.press(.end, .char("g"), .pageDown)
        let afterPage = try #require(h.cursorLine)
        #expect(afterPage.contains("Filler 00"))
        h.press(.pageUp)
        #expect(h.cursorLine?.contains("Café Crème") == true)
    }

    @Test func aContactWhoIsNotThePrimaryOneFindsItsCustomerInTheFilterAndThePalette() throws {
        let h = try ScreenHarness()
        let zeta = try #require(try h.customer(named: "Zeta Systems"))
        try h.database.customers.addContact(to: zeta.id, ContactFields(name: "Jürgen Weiß", role: "Einkauf", email: "einkauf@zeta.example"), by: h.session)
        h.press(.char("/"))
        var typed = h.type("juergen weiss")
        #expect(typed.contains("Zeta Systems") && typed.contains("1 matching"), "\(typed)")
        h.press(.ctrl("u"))
        typed = h.type("einkauf@zeta")
        #expect(typed.contains("Zeta Systems") && typed.contains("1 matching"), "\(typed)")
        h.press(.escape)
        h.press(.char(":"))
        h.type("cust jürgen")
        #expect(h.paletteRows.contains { $0.contains("Zeta Systems") }, "\(h.screen)")
    }

    @Test func filterAsYouTypeFoldsDiacritics() throws {
        let h = try ScreenHarness()
        h.press(.char("/"))
        let typed = h.type("müller")
        #expect(typed.contains("Müller GmbH"))
        #expect(!typed.contains("Schäfer"))
        #expect(!typed.contains("Mueller Trading")) // "mueller" is another spelling, not a fold
        #expect(typed.contains("1 matching"))
        h.press(.ctrl("u"))
        let folded = h.type("muller")
        #expect(folded.contains("Müller GmbH"))
        #expect(folded.contains("1 matching"))
        // Letters typed into the filter are not screen keys: q did not quit, n opened no form.
        h.type(" qn")
        #expect(!h.app.finished)
        #expect(h.screen.contains("No customer matches “muller qn”"))
        h.press(.ctrl("w"), .enter)
        #expect(h.screen.contains("filter: muller"))
        h.press(.escape)
        #expect(h.screen.contains("Schäfer & Söhne KG"))
        #expect(!h.screen.contains("filter:"))
    }

    @Test func openShowsTheWholeRecordAndEscGoesBack() throws {
        let h = try ScreenHarness()
        h.press(.char("/"))
        h.type("weiss")
        #expect(h.screen.contains("Weiß Logistik AG")) // ß folds to ss
        h.press(.enter, .enter)
        let detail = h.screen
        for text in ["Weiß Logistik AG", "Sabine Weiß", "+49 40 999 1234", "Hamburg", "Lieferung nur werktags.", "by tester"] {
            #expect(detail.contains(text), "detail lacks \(text)")
        }
        h.press(.escape)
        #expect(h.screen.contains("filter: weiss"))
    }

    @Test func newCustomerFormSaysWhichFieldIsWrongAndWhy() throws {
        let h = try ScreenHarness()
        h.press(.char("n"))
        #expect(h.screen.contains("New customer"))
        var text = h.press(.ctrl("s"))
        #expect(text.contains("Name is required"))
        h.press(.tab, .tab)
        h.type("not-an-email")
        h.press(.tab)
        h.type("call me")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Name is required"))
        #expect(text.contains("E-mail must look like name@example.com"))
        #expect(text.contains("Phone may hold only digits"))
        #expect(text.contains("3 fields need attention"))
        #expect(try h.database.customers.count(CustomerQuery()) == 9)
        // The focus went to the first wrong field: typing fills the name.
        h.type("Jürgen Größe 山田 GmbH")
        h.press(.tab, .tab, .ctrl("u"))
        h.type("jg@example.de")
        h.press(.tab, .ctrl("u"))
        h.type("+49 711 123456")
        text = h.press(.ctrl("s"))
        #expect(text.contains("Saved Jürgen Größe 山田 GmbH · c adds a contact"))
        // The new customer opens in its 360° view; back in the list, the cursor is on it.
        #expect(text.contains("Contacts (0)"))
        h.press(.escape)
        #expect(h.cursorLine?.contains("Jürgen Größe 山田") == true, "\(h.screen)")
        let saved = try #require(try h.customer(named: "Jürgen Größe 山田 GmbH"))
        #expect(saved.fields.email == "jg@example.de")
        #expect(saved.updatedBy == "tester")
    }

    /// The field holds what the model allows, and says its limit as the
    /// typing or a paste meets it: the same one the save would name.
    @Test func overLongValuesAreReportedWithTheLimit() throws {
        let h = try ScreenHarness()
        h.press(.char("n"))
        h.type(String(repeating: "x", count: 125))
        var text = h.screen
        #expect(text.contains("Name holds at most 120 characters: 5 more did not fit"), "\(text)")
        text = h.press(.ctrl("s"))
        #expect(try h.customer(named: String(repeating: "x", count: 120)) != nil, "\(text)")
    }

    @Test func editSavesAndRefusesAStaleSave() throws {
        let h = try ScreenHarness()
        h.press(.char("/"))
        h.type("zeta")
        h.press(.enter, .char("e"))
        #expect(h.screen.contains("Edit customer · Zeta Systems"))
        // Someone else saves the same customer meanwhile.
        let original = try #require(try h.customer(named: "Zeta Systems"))
        var theirs = original.fields
        theirs.city = "Bonn"
        try h.database.customers.update(id: original.id, theirs, expectedVersion: original.version, by: h.bob)
        h.press(.tab, .tab, .tab, .tab, .tab, .tab, .ctrl("u"))
        h.type("Düsseldorf")
        let refused = h.press(.ctrl("s"))
        #expect(refused.contains("Bob Front saved this customer at"))
        #expect(refused.contains("Ctrl-R theirs/merge"))
        #expect(try h.customer(named: "Zeta Systems")?.fields.city == "Bonn")
        h.press(.ctrl("r"), .char("t"), .char("y"))
        h.press(.tab, .tab, .tab, .tab, .tab, .tab, .ctrl("u"))
        h.type("Düsseldorf")
        #expect(h.press(.ctrl("s")).contains("Saved Zeta Systems"))
        #expect(try h.customer(named: "Zeta Systems")?.fields.city == "Düsseldorf")
        #expect(try h.customer(named: "Zeta Systems")?.version == 3)
    }

    @Test func archiveAsksThenHidesAndRestores() throws {
        let h = try ScreenHarness()
        let schaefer = try #require(try h.customer(named: "Schäfer & Söhne KG"))
        _ = try h.database.tickets.create(TicketFields(subject: "Drucker", customerID: schaefer.id), by: h.session)
        h.app.tick()
        h.press(.char("/"))
        h.type("schäfer")
        h.press(.enter)
        let dialog = h.press(.char("a"))
        #expect(dialog.contains("Archive Schäfer & Söhne KG?"))
        #expect(dialog.contains("This stays as it is:") && dialog.contains("1 open ticket"), "what stays open is said first:\n\(dialog)")
        h.press(.char("n"))
        #expect(try h.customer(named: "Schäfer & Söhne KG")?.archived == false)
        h.press(.char("a"), .char("y"))
        #expect(h.screen.contains("Schäfer & Söhne KG archived"))
        #expect(try h.customer(named: "Schäfer & Söhne KG")?.archived == true)
        h.press(.escape)
        // Gone from the list (the footer's undo still names it).
        #expect(!h.screen.split(separator: "\n").dropLast().contains { $0.contains("Schäfer") }, "\(h.screen)")
        let archived = h.press(.char("A"))
        #expect(archived.contains("Archived customers"))
        #expect(archived.contains("Schäfer & Söhne KG"))
        h.press(.char("a"), .char("y"))
        #expect(try h.customer(named: "Schäfer & Söhne KG")?.archived == false)
    }

    /// Money still owed is said before archiving: archiving settles nothing.
    @Test func archivingSaysWhatTheCustomerStillOwes() throws {
        let h = try ScreenHarness()
        let business = try h.seedMuellerBusiness()
        // Only the invoice is left open: no ticket, no deal.
        let ticket = try #require(try h.database.tickets.find(id: business.ticket.id))
        try h.database.tickets.setStatus(id: ticket.id, .closed, expectedVersion: ticket.version, by: h.session)
        let deal = try #require(try h.database.deals.find(id: business.deal.id))
        try h.database.deals.moveStage(id: deal.id, to: .lost, lostReason: "Preis", expectedVersion: deal.version, by: h.session)
        h.press(.char("/"))
        h.type("müller gmbh")
        h.press(.enter)
        let open = Money.format(cents: business.invoice.grossCents - business.invoice.paidCents)
        let dialog = h.press(.char("a"))
        #expect(dialog.contains("This stays as it is: ⚠ 1 invoice overdue, \(open)"), "\(dialog)")
        h.press(.char("n"))
    }

    @Test func helpListsEveryKeyOfTheScreen() throws {
        let h = try ScreenHarness()
        let help = h.press(.char("?"))
        for text in ["Keys · Customers", "Filter as you type", "New customer", "Next row", "PgDn", "j/k scroll"] {
            #expect(help.contains(text), "help lacks \(text)")
        }
        let scrolled = (0..<6).map { _ in h.press(.pageDown) }.joined(separator: "\n")
        for text in ["Go to a screen: 1 Customers, 2 Tickets", "Quit", "Ctrl-L", "Redraw the whole screen", "Move into the related pane"] {
            #expect(scrolled.contains(text), "help lacks \(text)")
        }
        h.press(.escape)
        #expect(!h.screen.contains("Keys · Customers"))
    }

    @Test func quitAsksOnlyWhenAFormHasChanges() throws {
        let h = try ScreenHarness()
        h.press(.char("n"))
        h.type("q") // typed into the name field, not a quit
        #expect(!h.app.finished)
        let asked = h.press(.ctrl("c"))
        #expect(asked.contains("Quit and lose them?"))
        h.press(.char("n"))
        #expect(!h.app.finished)
        h.press(.escape)
        #expect(h.screen.contains("Close it and lose them?"))
        h.press(.char("y"), .char("q"))
        #expect(h.app.finished)
    }

    @Test func everyScreenIsOneKeyAway() throws {
        let h = try ScreenHarness()
        for (key, title) in [("2", "Tickets"), ("3", "Deals"), ("4", "Invoices"), ("5", "Inventory"), ("6", "Staff")] {
            let text = h.press(.char(Character(key)))
            #expect(!text.contains("not built yet"), "\(title): \(text)")
            #expect(text.split(separator: "\n").dropFirst().prefix(3).contains { $0.contains(title) || $0.contains(title.dropLast()) },
                    "\(title) should name itself near the top:\n\(text)")
        }
        #expect(h.press(.char("1")).contains("Müller GmbH"))
    }

    @Test func tooSmallTerminalSaysSo() throws {
        let h = try ScreenHarness(size: Size(width: 30, height: 8))
        #expect(h.screen.contains("Terminal too small"))
        #expect(h.screen.contains("need 80×24"))
        h.press(.char("n")) // does nothing while too small
        h.size = Size(width: 80, height: 24)
        #expect(h.screen.contains("Müller GmbH"))
    }

    @Test func anotherSessionsChangeShowsUpAndTheCursorStays() throws {
        let h = try ScreenHarness()
        h.press(.char("j"), .char("j"), .char("j"))
        let before = try #require(h.cursorLine)
        let other = try KontorDatabase(path: h.database.path)
        try other.customers.create(CustomerFields(name: "Aaron Neukunde"), by: try other.session(for: Actor(username: "bob")))
        h.app.tick()
        #expect(h.screen.contains("Aaron Neukunde"))
        #expect(h.cursorLine == before)
    }

    /// An idle session draws its frame again only when a tick found
    /// something to show: a hundred open sessions then cost next to nothing.
    @Test func anIdleTickAsksForAFrameOnlyWhenSomethingChanged() throws {
        let h = try ScreenHarness()
        h.app.tick()
        #expect(!h.app.tick())
        #expect(!h.app.tick())
        let other = try KontorDatabase(path: h.database.path)
        try other.customers.create(CustomerFields(name: "Aaron Neukunde"), by: try other.session(for: Actor(username: "bob")))
        #expect(h.app.tick())
        #expect(h.screen.contains("Aaron Neukunde"))
        // A message shown from the tick is something to draw too.
        try other.customers.create(CustomerFields(name: "Berta Neukundin"), by: try other.session(for: Actor(username: "bob")))
        h.app.tick()
        #expect(!h.app.tick())
    }
}

@MainActor
@Suite("The loop on a headless terminal")
struct HeadlessLoopTests {
    @Test func keysGoInFramesComeOutAndQQuits() throws {
        let h = try ScreenHarness()
        let backend = HeadlessBackend(size: Size(width: 80, height: 24))
        backend.pendingKeys = [.char("j"), .char("j"), .char("/"), .char("w"), .enter, .char("q")]
        h.app.run(on: backend)
        #expect(h.app.finished)
        #expect(backend.framesPresented == 6)
        #expect(backend.text.contains("filter: w"))
        #expect(backend.text.contains("Weiß Logistik AG"))
        #expect(backend.cursor == nil) // no text cursor outside fields
    }

    @Test func aHangupEndsTheLoop() throws {
        let h = try ScreenHarness()
        let backend = HeadlessBackend()
        backend.hangup = true
        h.app.run(on: backend)
        #expect(!h.app.finished)
        #expect(backend.framesPresented == 0)
    }
}
