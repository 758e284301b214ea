import Foundation
import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

@MainActor
/// A small team: the harness's admin (tester) and front-office Bob, plus a
/// back-office colleague with a manager and contact data; Bob has open
/// tickets and an open deal.
struct StaffFixture {
    let h: ScreenHarness
    let bobID: Int64
    let carol: StaffMember
    let ticket: Ticket
    let deal: Deal

    init(size: Size = Size(width: 80, height: 24), language: Language? = nil) throws {
        h = try ScreenHarness(size: size, language: language)
        let staff = h.session.staffDirectory
        let tester = try #require(try staff.find(username: "tester"))
        carol = try staff.add(StaffFields(username: "carol", fullName: "Carol Lager", title: "Lagerleiterin", department: "Lager",
                                          managerID: tester.id, phone: "+49 30 555 0101", email: "carol@kontor.example"), role: .back)
        bobID = try #require(try staff.find(username: "bob")).id
        let customer = try #require(try h.customer(named: "Müller GmbH"))
        let tickets = h.database.tickets
        var made: Ticket?
        for subject in ["Gerät zeigt Fehler E07", "Lieferung unvollständig"] {
            let t = try tickets.create(TicketFields(subject: subject, customerID: customer.id), by: h.bob)
            made = try tickets.assign(id: t.id, to: bobID, expectedVersion: t.version, by: h.bob)
        }
        ticket = try #require(made)
        deal = try h.database.deals.create(DealFields(customerID: customer.id, title: "Zweites Gerät für die Kantine", valueCents: 189_000, ownerID: bobID),
                                           by: h.bob)
        h.press(.char("6"))
    }

    /// The bottom line: the keys on offer.
    var footer: String { String(h.screen.split(separator: "\n", omittingEmptySubsequences: false).last ?? "") }

    func line(containing text: String) -> String? {
        h.screen.split(separator: "\n").first { $0.contains(text) }.map(String.init)
    }

    /// Opens a member of staff through the filter.
    func open(_ name: String) {
        h.press(.char("/"), .ctrl("u"))
        h.type(name)
        h.press(.enter, .enter)
    }
}

@MainActor
@Suite("Staff screen")
struct StaffScreenTests {
    @Test func directoryShowsRoleDepartmentAndWorkload() throws {
        let f = try StaffFixture()
        let text = f.h.screen
        for header in ["Name", "Title", "Department", "Role", "Tickets", "Deals"] {
            #expect(text.contains(header), "directory lacks \(header)\n\(text)")
        }
        #expect(text.contains("3 active"))
        let bob = try #require(f.line(containing: "Bob Front"))
        #expect(bob.contains("front") && bob.hasSuffix("2      1") || bob.contains(" 2 ") && bob.contains(" 1"), "\(bob)")
        let carol = try #require(f.line(containing: "Carol Lager"))
        #expect(carol.contains("Lagerleiterin") && carol.contains("Lager") && carol.contains("back"))
        #expect(f.h.screen.split(separator: "\n").last?.contains("n add") == true)
    }

    @Test func aDemotionReachesTheRunningSessionsKeys() throws {
        let f = try StaffFixture()
        #expect(f.footer.contains("n add"))
        // Another admin, in another process, makes the tester front office.
        let other = try KontorDatabase(path: f.h.database.path)
        let staff = f.h.session.staffDirectory
        try staff.add(StaffFields(username: "dora", fullName: "Dora Admin"), role: .admin)
        let dora = try other.session(for: Actor(username: "dora"))
        let tester = try #require(try staff.find(username: "tester"))
        try dora.staffDirectory.setRole(id: tester.id, .front, expectedVersion: tester.version)
        f.h.app.tick()
        #expect(!f.footer.contains("n add"), "\(f.footer)")
        let text = f.h.press(.char("n"))
        #expect(text.contains("n add — admins only"), "\(text)")
        #expect(!text.contains("Add a member of staff"))
        f.h.press(.char("?"))
        #expect(f.h.screen.contains("— admins only"), "\(f.h.screen)")
    }

    @Test func aDeactivationEndsTheRunningSessionOnTheNextChangeCheck() throws {
        let f = try StaffFixture()
        let other = try KontorDatabase(path: f.h.database.path)
        let staff = f.h.session.staffDirectory
        try staff.add(StaffFields(username: "dora", fullName: "Dora Admin"), role: .admin)
        let dora = try other.session(for: Actor(username: "dora"))
        f.h.app.tick()
        #expect(!f.h.app.finished)
        let tester = try #require(try staff.find(username: "tester"))
        try dora.staffDirectory.setActive(id: tester.id, false, expectedVersion: tester.version)
        f.h.app.tick()
        #expect(f.h.app.finished)
        #expect(f.h.app.endedBecause?.contains("deactivated") == true)
    }

    @Test func comingBackReadsTheWorkloadAgainOnlyWhenSomethingChanged() throws {
        let f = try StaffFixture(size: Size(width: 120, height: 30))
        f.h.press(.char("j"))
        let cursor = try #require(f.h.cursorLine)
        let before = try #require(f.line(containing: "Bob Front"))
        f.h.press(.char("1"))
        f.h.press(.char("6"))
        #expect(f.line(containing: "Bob Front") == before)
        #expect(f.h.cursorLine == cursor)
        // A third ticket for Bob from another session while away.
        f.h.press(.char("1"))
        let other = try KontorDatabase(path: f.h.database.path)
        let bob = try other.session(for: Actor(username: "bob"))
        let customer = try #require(try f.h.customer(named: "Müller GmbH"))
        let t = try other.tickets.create(TicketFields(subject: "Drittes Problem", customerID: customer.id), by: bob)
        try other.tickets.assign(id: t.id, to: f.bobID, expectedVersion: t.version, by: bob)
        f.h.press(.char("6"))
        let after = try #require(f.line(containing: "Bob Front"))
        #expect(after != before && after.contains(" 3 "), "\(before)\n\(after)")
        #expect(f.h.cursorLine == cursor)
        // And his record lists it, read on his own index of open tickets.
        f.open("bob")
        #expect(f.h.screen.contains("[Open tickets 3]") && f.h.screen.contains("Drittes Problem"))
    }

    @Test func wideDirectoryShowsPhoneAndEmailToAdmins() throws {
        let f = try StaffFixture(size: Size(width: 200, height: 50))
        let carol = try #require(f.line(containing: "Carol Lager"))
        #expect(carol.contains("+49 30 555 0101") && carol.contains("carol@kontor.example") && carol.contains("yes"), "\(carol)")
    }

    @Test func detailShowsContactManagerTicketsAndDeals() throws {
        let f = try StaffFixture(size: Size(width: 120, height: 30))
        f.open("carol")
        var text = f.h.screen
        for part in ["Carol Lager", "Account", "carol", "back · Back office", "Lagerleiterin · Lager", "+49 30 555 0101", "carol@kontor.example",
                     "Manager", "tester"] {
            #expect(text.contains(part), "detail lacks \(part)\n\(text)")
        }
        f.h.press(.escape)
        f.open("bob")
        text = f.h.screen
        #expect(text.contains("2 open tickets · 1 open deal"), "one deal, said so: \(text)")
        #expect(text.contains("[Open tickets 2]"))
        #expect(text.contains("Gerät zeigt Fehler E07") && text.contains("Lieferung unvollständig"))
        f.h.press(.enter)
        let first = f.h.app.activeIndex == 1 || f.h.screen.contains("No screen shows ticket(")
        #expect(first, "\(f.h.screen)")
        f.h.press(.char("6"))
        text = f.h.press(.tab)
        #expect(text.contains("[Open deals 1]"))
        #expect(try #require(f.line(containing: "Zweites Gerät")).contains("1.890,00 €"))
        f.h.press(.enter)
        #expect(f.h.app.activeIndex == 2 || f.h.screen.contains("No screen shows deal(\(f.deal.id)) yet"), "\(f.h.screen)")
    }

    @Test func reportsPaneOpensAColleague() throws {
        let f = try StaffFixture(size: Size(width: 120, height: 30))
        f.open("tester")
        var text = f.h.press(.tab, .tab)
        #expect(text.contains("[Reports 1]"))
        #expect(text.contains("Carol Lager"))
        text = f.h.press(.enter)
        #expect(text.contains("Lagerleiterin · Lager"))
    }

    @Test func addingStaffRefusesAnImplausibleAccountBesideTheField() throws {
        let f = try StaffFixture()
        var text = f.h.press(.char("n"))
        #expect(text.contains("Add a member of staff"))
        f.h.type("Anna Schäfer")
        f.h.press(.tab)
        f.h.type("Anna Schäfer")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Account must be an operating-system account name"), "\(text)")
        #expect(try f.h.session.staffDirectory.count(StaffListQuery(view: .all)) == 3)
        // The role is one of the four: a choice, typed ahead.
        f.h.press(.ctrl("u"))
        f.h.type("anna")
        f.h.press(.backTab)
        f.h.press(.ctrl("u"))
        f.h.type("back")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Added Anna Schäfer (anna) as back"), "\(text)")
        #expect(f.h.cursorLine?.contains("Anna Schäfer") == true)
        #expect(try f.h.session.staffDirectory.find(username: "anna")?.role == .back)
    }

    @Test func addingAnAccountTwiceIsRefused() throws {
        let f = try StaffFixture()
        f.h.press(.char("n"))
        f.h.type("carol")
        f.h.press(.tab)
        f.h.type("Carol Zwei")
        let text = f.h.press(.ctrl("s"))
        #expect(text.contains("'carol' is already on the staff list"), "\(text)")
    }

    @Test func roleChangeAndDeactivate() throws {
        let f = try StaffFixture()
        f.open("bob")
        var text = f.h.press(.char("R"))
        #expect(text.contains("Change role") && text.contains("front (now)"))
        text = f.h.press(.char("m"))
        #expect(text.contains("Bob Front is now manager (Manager)"), "\(text)")
        #expect(text.contains("manager · Manager"))
        #expect(try f.h.session.staffDirectory.find(id: f.bobID)?.role == .manager)
        text = f.h.press(.char("x"))
        #expect(text.contains("Deactivate Bob Front (bob)?"))
        text = f.h.press(.char("y"))
        #expect(text.contains("Bob Front deactivated"))
        #expect(text.contains("× inactive"))
        #expect(try f.h.session.staffDirectory.find(id: f.bobID)?.active == false)
        f.h.press(.escape)
        // Deactivated people leave the active view; the list shows everyone to keep the cursor on them.
        #expect(f.h.cursorLine?.contains("Bob Front") == true || !f.h.screen.contains("Bob Front"))
        #expect(f.h.press(.char("v")).contains("[inactive]"))
        #expect(try #require(f.line(containing: "Bob Front")).contains("×") || f.h.cursorLine?.contains("Bob Front") == true)
    }

    @Test func deactivatingSaysWhatWorkStaysWithThem() throws {
        let f = try StaffFixture(size: Size(width: 160, height: 40))
        let row = try #require(try f.h.session.staffDirectory.row(id: f.bobID))
        #expect(row.openTickets == 2)
        f.open("bob")
        let text = f.h.press(.char("x"))
        #expect(text.contains("⚠ 2 open tickets and \(row.openDeals == 1 ? "1 open deal" : "\(row.openDeals) open deals") stay theirs until someone takes them over."), "\(text)")
        f.h.press(.char("n"))
        f.open("carol")
        #expect(!f.h.press(.char("x")).contains("stay theirs"), "nothing open: nothing said")
    }

    @Test func theLastAdminIsProtected() throws {
        let f = try StaffFixture()
        f.open("tester")
        var text = f.h.press(.char("R"), .char("f"))
        #expect(text.contains("this is the last active admin; make someone else admin first"), "\(text)")
        #expect(try f.h.session.staffDirectory.find(username: "tester")?.role == .admin)
        text = f.h.press(.char("x"), .char("y"))
        #expect(text.contains("this is the last active admin"))
        #expect(try f.h.session.staffDirectory.find(username: "tester")?.active == true)
    }

    @Test func frontOfficeSeesNoPrivateFieldsAndNoAdminKeys() throws {
        let f = try StaffFixture(size: Size(width: 200, height: 50))
        let front = SecondApp(session: f.h.bob, size: Size(width: 200, height: 50))
        var text = front.press(.char("6"))
        #expect(text.contains("Carol Lager"))
        #expect(!text.contains("+49 30 555 0101") && !text.contains("carol@kontor.example"))
        #expect(!text.contains("E-mail"))
        #expect(text.contains("phone and e-mail: back office, managers and admins"))
        for key in ["n add", "R role", "x deactivate", "e edit"] {
            #expect(!front.footer.contains(key), "front footer offers \(key): \(front.footer)")
        }
        front.press(.char("j"))
        text = front.press(.enter)
        #expect(text.contains("phone and e-mail: visible to back office"))
        #expect(!text.contains("555 0101"))
        text = front.press(.char("R"))
        // The binding says who may before the model would refuse.
        #expect(text.contains("R role — admins only"), "\(text)")
        text = front.press(.char("n"))
        #expect(text.contains("n add — admins only"))
        #expect(!text.contains("Add a member of staff"))
    }

    @Test("the pane beside a colleague reads again after their own saves, not after everyone's")
    func theStaffPaneFollowsThatPersonsActivityOnly() throws {
        let f = try StaffFixture(size: Size(width: 200, height: 50))
        f.h.press(.char("/"))
        f.h.type("bob")
        f.h.press(.enter)
        f.h.app.tick() // the pane's rows, read in the background after the first frame
        #expect(f.h.screen.contains("Recent activity"), "\(f.h.screen)")
        let other = try KontorDatabase(path: f.h.database.path)
        let admin = try other.session(for: Actor(username: f.h.session.username))
        try other.customers.create(CustomerFields(name: "Nicht von Bob"), by: admin)
        #expect(f.h.app.tick() == false, "someone else's save: Bob's pane is not read again")
        let bob = try other.session(for: Actor(username: "bob"))
        let made = try other.customers.create(CustomerFields(name: "Von Bob"), by: bob)
        #expect(f.h.app.tick(), "Bob's own save: read again")
        let deadline = Date().addingTimeInterval(10)
        while !f.h.screen.contains("created customer #\(made.id)"), Date() < deadline {
            f.h.app.update(size: f.h.size)
            Thread.sleep(forTimeInterval: 0.01)
        }
        #expect(f.h.screen.contains("created customer #\(made.id)"), "in words: \(f.h.screen)")
    }

    @Test func aChangeAgainstAStaleRecordIsRefusedAndReloaded() throws {
        let f = try StaffFixture()
        f.open("carol")
        var text = f.h.press(.char("x"))
        #expect(text.contains("Deactivate Carol Lager (carol)?"))
        // While the question is open, another admin session changes Carol.
        let other = try f.h.database.session(for: ScreenHarness.tester)
        try other.staffDirectory.setRole(id: f.carol.id, .manager, expectedVersion: f.carol.version)
        text = f.h.press(.char("y"))
        #expect(text.contains(" in another window changed Carol Lager at"), "the same login in another window: \(text)")
        #expect(text.contains("nothing was saved"))
        // Nothing was overwritten, and the record shows their version.
        let now = try #require(try f.h.session.staffDirectory.find(id: f.carol.id))
        #expect(now.role == .manager && now.active)
        #expect(text.contains("manager · Manager"))
        // The same for a role change.
        f.h.press(.char("R"))
        try other.staffDirectory.setRole(id: f.carol.id, .back, expectedVersion: now.version)
        text = f.h.press(.char("f"))
        #expect(text.contains(" in another window changed Carol Lager at"), "the same login in another window: \(text)")
        #expect(try f.h.session.staffDirectory.find(id: f.carol.id)?.role == .back)
    }

    @Test func otherScreensOpenAPersonByLink() throws {
        let f = try StaffFixture()
        f.h.press(.char("1"))
        f.h.app.open(.staff(f.carol.id))
        #expect(f.h.app.activeIndex == 5)
        #expect(f.h.screen.contains("Lagerleiterin · Lager"))
        // Esc goes back to where the jump came from; on Staff again, Esc closes the record onto the list.
        f.h.press(.escape)
        #expect(f.h.app.activeIndex == 0)
        f.h.press(.char("6"), .escape)
        #expect(f.h.cursorLine?.contains("Carol Lager") == true)
    }

    @Test func editContactDataRefusesAStaleSave() throws {
        let f = try StaffFixture()
        f.open("carol")
        var text = f.h.press(.char("e"))
        #expect(text.contains("Edit Carol Lager (carol)"))
        let other = try f.h.database.session(for: Actor(username: "carol"))
        var theirs = StaffFields(username: "carol", fullName: "Carol Lager", title: "Lagerleitung", department: "Lager",
                                 managerID: f.carol.managerID, phone: "+49 30 555 0101", email: "carol@kontor.example")
        theirs.title = "Lagerleitung"
        try other.staffDirectory.update(id: f.carol.id, theirs, expectedVersion: f.carol.version)
        f.h.press(.tab, .tab, .tab, .ctrl("u"))
        f.h.type("+49 30 555 9999")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Carol Lager saved this staff member at"), "\(text)")
        f.h.press(.ctrl("r"), .char("t"), .char("y"))
        f.h.press(.tab, .tab, .tab, .ctrl("u"))
        f.h.type("+49 30 555 9999")
        text = f.h.press(.ctrl("s"))
        #expect(text.contains("Saved Carol Lager"))
        let saved = try #require(try f.h.session.staffDirectory.find(id: f.carol.id))
        #expect(saved.phone == "+49 30 555 9999" && saved.title == "Lagerleitung")
    }

    @Test func anotherSessionsChangeShowsUpAndTheCursorStays() throws {
        let f = try StaffFixture()
        f.h.press(.char("j"))
        let before = try #require(f.h.cursorLine)
        let other = try KontorDatabase(path: f.h.database.path)
        let admin = try other.session(for: ScreenHarness.tester)
        try admin.staffDirectory.add(StaffFields(username: "aaron", fullName: "Aaron Neu"), role: .front)
        let customer = try #require(try f.h.customer(named: "Zeta Systems"))
        let t = try other.tickets.create(TicketFields(subject: "Noch ein Fall", customerID: customer.id), by: admin)
        try other.tickets.assign(id: t.id, to: f.bobID, expectedVersion: t.version, by: admin)
        f.h.app.tick()
        #expect(f.h.screen.contains("Aaron Neu"))
        #expect(f.h.cursorLine == before)
        #expect(try #require(f.line(containing: "Bob Front")).contains("3"))
    }
}

@MainActor
@Suite("Changing oneself")
struct ChangingOneselfTests {
    @Test func changingYourOwnRoleOrDeactivatingYourselfSaysItIsYou() throws {
        let h = try ScreenHarness()
        let me = try #require(try h.session.staffDirectory.find(username: "tester"))
        h.app.open(.staff(me.id))
        var text = h.press(.char("R"))
        #expect(text.contains("This is you"), "\(text)")
        h.press(.char("c"))
        let bob = try #require(try h.session.staffDirectory.find(username: "bob"))
        h.app.open(.staff(bob.id))
        text = h.press(.char("R"))
        #expect(!text.contains("This is you"), "\(text)")
    }
}
