import Foundation
import GRDB
@testable import KontorApp
import KontorModel
import KontorUI
import Testing

@MainActor
extension ScreenHarness {
    /// Tickets for the fixture's customers, created by bob: the queue sorts
    /// them by deadline (urgent first). Returns them by subject.
    @discardableResult
    func addTickets() throws -> [String: Ticket] {
        let rows: [(String, String, TicketPriority, String, String)] = [
            ("Drucker brennt", "Müller GmbH", .urgent, "support", "Hilfe, es raucht!"),
            ("Rechnung doppelt", "Schäfer & Söhne KG", .high, "billing", "Wir haben zwei Rechnungen erhalten."),
            ("発注の確認", "山田商事株式会社", .normal, "sales", "注文を確認してください。"),
            ("Toner leer", "Müller GmbH", .low, "support", ""),
        ]
        var tickets: [String: Ticket] = [:]
        for (subject, customer, priority, queue, message) in rows {
            let id = try #require(try self.customer(named: customer)).id
            tickets[subject] = try database.tickets.create(
                TicketFields(subject: subject, customerID: id, queue: queue, priority: priority, firstMessage: message), by: bob)
        }
        return tickets
    }

    /// Goes to the Tickets screen.
    @discardableResult
    func openTickets() -> String { press(.char("2")) }

    func ticket(_ id: Int64) throws -> Ticket { try #require(try database.tickets.find(id: id)) }

    /// Another process's session on the same file, as a colleague elsewhere.
    func elsewhere() throws -> (KontorDatabase, Session) {
        let other = try KontorDatabase(path: database.path)
        return (other, try other.session(for: Actor(username: "bob")))
    }
}

@MainActor
@Suite("Tickets screen")
struct TicketsScreenTests {
    /// A large office's six-digit numbers, and a mark before them, fit
    /// their column at either width ("#13195…" was all that showed).
    @Test func longTicketNumbersAreShownWhole() throws {
        for width in [80, 200] {
            let h = try ScreenHarness(size: Size(width: width, height: 24))
            let tickets = try h.addTickets()
            let copied = tickets["Drucker brennt"]!.id
            try DatabaseQueue(path: h.database.path).write { db in
                let columns = try Row.fetchAll(db, sql: "PRAGMA table_info(tickets)").map { $0["name"] as String }.filter { $0 != "id" }
                    .joined(separator: ", ")
                try db.execute(sql: "INSERT INTO tickets (id, \(columns)) SELECT 131952, \(columns) FROM tickets WHERE id = ?", arguments: [copied])
            }
            let screen = h.openTickets()
            #expect(screen.contains("#131952"), "at \(width) columns:\n\(screen)")
        }
    }

    @Test func queueIsSortedByUrgencyWithEveryColumn() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let screen = h.openTickets()
        #expect(screen.contains("Tickets · All open  4 open"))
        for header in ["#", "Subject", "Customer", "Prio", "Status", "Assignee", "Due in"] { #expect(screen.contains(header)) }
        let lines = screen.split(separator: "\n").map(String.init)
        let order = ["Drucker brennt", "Rechnung doppelt", "発注の確認", "Toner leer"].map { subject in
            lines.firstIndex { $0.contains(subject) } ?? -1
        }
        #expect(order == order.sorted() && !order.contains(-1), "\(screen)")
        #expect(h.cursorLine?.contains("#\(tickets["Drucker brennt"]!.id)") == true)
        #expect(h.cursorLine?.contains("Urgent!") == true)
        #expect(h.cursorLine?.contains("Müller GmbH") == true)
        // Nothing overflows at 80 columns, CJK included.
        for line in lines { #expect(TextWidth.of(line) <= 80, "too wide: \(line)") }
    }

    @Test func breachedTicketsStandOutByAMarkAndAWord() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        // A ticket whose deadline passed: written as another tool could.
        let late = tickets["Toner leer"]!
        try DatabaseQueue(path: h.database.path).write { db in
            try db.execute(sql: "UPDATE tickets SET sla_due = '2020-01-01T00:00:00Z', first_response_due = '2020-01-01T00:00:00Z' WHERE id = ?",
                           arguments: [late.id])
        }
        let screen = h.openTickets()
        let row = try #require(screen.split(separator: "\n").first { $0.contains("Toner leer") })
        #expect(row.contains("late "), "\(row)")
        #expect(row.hasPrefix("›!") || row.hasPrefix("!"), "\(row)")
        h.press(.char("B"))
        #expect(h.screen.contains("Tickets · Breached  1 open"))
        #expect(!h.screen.contains("Drucker brennt"))
    }

    @Test func takeAssignsTheHighlightedTicketToMe() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        h.openTickets()
        let screen = h.press(.char("t"))
        let id = tickets["Drucker brennt"]!.id
        #expect(screen.contains("#\(id) taken"))
        #expect(try h.ticket(id).assigneeID == h.session.staff.id)
        #expect(h.cursorLine?.contains("tester") == true)
        h.press(.char("M"))
        #expect(h.screen.contains("Tickets · Mine  1 open"))
    }

    @Test func assignUsesTheStaffPicker() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        h.openTickets()
        h.press(.char("j"), .char("a"))
        #expect(h.screen.contains("Assign #\(tickets["Rechnung doppelt"]!.id) to"))
        h.type("bob")
        let screen = h.press(.enter)
        #expect(screen.contains("assigned to Bob Front"))
        #expect(try h.ticket(tickets["Rechnung doppelt"]!.id).assigneeID == h.bob.staff.id)
    }

    @Test func onlyPeopleWhoMayWorkTicketsAreOfferedAndAClosedTicketSaysSoBeforeTyping() throws {
        let h = try ScreenHarness()
        try h.session.staffDirectory.add(StaffFields(username: "carol", fullName: "Carol Buchhaltung"), role: .back)
        let tickets = try h.addTickets()
        h.openTickets()
        h.press(.char("a"))
        var text = h.screen
        #expect(text.contains("Bob Front"))
        #expect(!text.contains("Carol Buchhaltung"), "back office does not work tickets:\n\(text)")
        // Matched as the staff list matches: German spellings, any word.
        try h.session.staffDirectory.add(StaffFields(username: "anna", fullName: "Anna Schäfer"), role: .front)
        h.press(.escape)
        h.press(.char("a"))
        h.type("schae")
        text = h.screen
        #expect(text.contains("Anna Schäfer") && !text.contains("Bob Front"), "\(text)")
        h.press(.escape)
        // Closed elsewhere: r says so at once, nothing to lose.
        let drucker = try h.ticket(tickets["Drucker brennt"]!.id)
        try h.database.tickets.setStatus(id: drucker.id, .closed, expectedVersion: drucker.version, by: h.session)
        h.app.tick()
        h.app.open(.ticket(drucker.id))
        text = h.press(.char("r"))
        #expect(text.contains("is closed; s reopens it, then r writes"), "\(text)")
        #expect(!h.app.activeBindings.contains { $0.id == "compose.save" })
    }

    /// A closed ticket is in no view of the queue; its number typed into
    /// the filter says how to open it, and Enter does.
    @Test func aClosedTicketsNumberTypedAndEnterOpensIt() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 40))
        let tickets = try h.addTickets()
        let drucker = try h.ticket(tickets["Drucker brennt"]!.id)
        try h.database.tickets.setStatus(id: drucker.id, .closed, expectedVersion: drucker.version, by: h.session)
        h.openTickets()
        h.press(.char("/"))
        var text = h.type("#\(drucker.id)")
        #expect(text.contains("No open ticket matches “#\(drucker.id)”. Enter opens ticket #\(drucker.id)"), "\(text)")
        text = h.press(.enter)
        #expect(text.contains("Drucker brennt") && text.contains("Closed"), "\(text)")
        // A number that is no ticket leaves the list as it was.
        h.press(.escape, .escape, .char("/"))
        h.type("999999")
        text = h.press(.enter)
        #expect(text.contains("No open ticket matches “999999”"), "\(text)")
        // "#N" of a ticket the view holds opens it too, at the first Enter.
        let toner = tickets["Toner leer"]!
        h.press(.escape, .char("/"))
        h.type("#\(toner.id)")
        text = h.press(.enter)
        #expect(text.contains("#\(toner.id)  Toner leer"), "the ticket is open:\n\(text)")
    }

    @Test func statusAndPriorityFromMenus() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let id = tickets["Drucker brennt"]!.id
        h.openTickets()
        h.press(.enter) // open the ticket
        #expect(h.press(.char("s")).contains("Status of #\(id)"))
        h.press(.char("o"))
        #expect(try h.ticket(id).status == .open)
        #expect(h.screen.contains("Open · Urgent!"))
        #expect(h.press(.char("p")).contains("Priority of #\(id)"))
        h.press(.char("l"))
        #expect(try h.ticket(id).priority == .low)
        #expect(h.screen.contains("Open · Low"))
        // Resolving leaves the queue.
        h.press(.char("s"), .char("r"))
        #expect(try h.ticket(id).status == .resolved)
        h.press(.escape)
        #expect(h.screen.contains("3 open"))
    }

    @Test func replyAndNoteAreWrittenInAMultiLineEditorAndShownApart() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let id = tickets["Drucker brennt"]!.id
        h.openTickets()
        h.press(.enter, .char("r"))
        #expect(h.screen.contains("Reply to the customer"))
        h.type("Guten Tag Herr Müller,")
        h.press(.enter)
        h.type("wir kümmern uns. 山田 👍 q")
        #expect(!h.app.finished) // q typed into the reply, not quit
        h.press(.ctrl("s"))
        #expect(h.screen.contains("Reply saved on #\(id)"))
        h.press(.char("i"))
        #expect(h.screen.contains("Internal note · never shown to the customer"))
        h.type("Kunde ist verärgert")
        let screen = h.press(.ctrl("s"))
        #expect(screen.contains("◀ Reply · tester"))
        #expect(screen.contains("  wir kümmern uns. 山田 👍 q"))
        #expect(screen.contains("✎ INTERNAL NOTE · tester"))
        #expect(screen.contains("┃ Kunde ist verärgert"))
        #expect(screen.contains("▶ Customer · Jürgen Müller"))
        let messages = try h.database.tickets.messages(of: id)
        #expect(messages.map(\.kind) == [.customer, .reply, .note])
        #expect(messages[1].body == "Guten Tag Herr Müller,\nwir kümmern uns. 山田 👍 q")
        #expect(try h.ticket(id).status == .open) // a first reply opens a new ticket
    }

    /// A colleague merges the ticket while a note is written on it: the
    /// note is not lost. The composer turns to the ticket that lives on,
    /// says so, and the next Ctrl-S saves the note there.
    @Test func aNoteOnATicketMergedMeanwhileIsSavedOnTheOneItWasMergedInto() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let toner = tickets["Toner leer"]!, printer = tickets["Drucker brennt"]!
        h.openTickets()
        h.press(.enter, .char("i"))
        h.type("Ersatzteil bestellt")
        try h.database.tickets.merge(printer.id, into: toner.id, expectedVersion: printer.version, by: h.bob)
        h.app.tick()
        var screen = h.press(.ctrl("s"))
        #expect(screen.contains("#\(printer.id) was merged into #\(toner.id) while you wrote; Ctrl-S saves your text on #\(toner.id)"), "\(screen)")
        #expect(screen.contains("Ersatzteil bestellt"))
        screen = h.press(.ctrl("s"))
        #expect(screen.contains("Note saved on #\(toner.id)"), "\(screen)")
        let notes = try h.database.tickets.messages(of: toner.id).filter { $0.kind == .note }.map(\.body)
        #expect(notes.contains("Ersatzteil bestellt"))
    }

    /// Merged on along a chain (#A into #B, then #B into #C) while the note
    /// was written: it goes to the ticket at the end of the chain.
    @Test func aNoteFollowsAChainOfMergesToTheTicketThatLivesOn() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let toner = tickets["Toner leer"]!, printer = tickets["Drucker brennt"]!
        let mueller = try #require(try h.customer(named: "Müller GmbH"))
        let third = try h.database.tickets.create(TicketFields(subject: "Drucker tauschen", customerID: mueller.id), by: h.bob)
        h.openTickets()
        h.press(.enter, .char("i"))
        h.type("Techniker kommt")
        try h.database.tickets.merge(printer.id, into: toner.id, expectedVersion: printer.version, by: h.bob)
        let merged = try #require(try h.database.tickets.find(id: toner.id))
        try h.database.tickets.merge(toner.id, into: third.id, expectedVersion: merged.version, by: h.bob)
        h.app.tick()
        var screen = h.press(.ctrl("s"))
        #expect(screen.contains("#\(printer.id) was merged into #\(third.id) while you wrote"), "\(screen)")
        screen = h.press(.ctrl("s"))
        #expect(screen.contains("Note saved on #\(third.id)"), "\(screen)")
        #expect(try h.database.tickets.messages(of: third.id).contains { $0.body == "Techniker kommt" })
    }

    @Test func anEmptyNoteIsRefusedAndEscAsksBeforeDiscarding() throws {
        let h = try ScreenHarness()
        try h.addTickets()
        h.openTickets()
        h.press(.char("i"))
        h.press(.ctrl("s"))
        #expect(h.screen.contains("Message is required"))
        h.type("Entwurf")
        #expect(h.app.activeBindings.contains { $0.id == "compose.save" })
        h.press(.escape)
        #expect(h.screen.contains("Close it and lose it?"))
        h.press(.char("n"))
        #expect(h.screen.contains("Entwurf"))
        h.press(.escape, .char("y"))
        #expect(!h.screen.contains("Internal note ·"))
    }

    @Test func pendingUntilADate() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let id = tickets["Drucker brennt"]!.id
        h.openTickets()
        h.press(.char("w"))
        #expect(h.screen.contains("Pending until · #\(id)"))
        // The "+3" filled in, and each date typed, says which day it is.
        let inThree = try #require(CalendarDate.adding(days: 3, to: CalendarDate.today()))
        #expect(h.screen.contains("+3") && h.screen.contains("= \(Format.dayWithWeekday(inThree))"), "\(h.screen)")
        #expect(Format.dayWithWeekday("2026-12-10") == "Thu 10.12.2026")
        h.press(.ctrl("u"))
        h.type("fri")
        #expect(h.screen.contains("= Fri "), "\(h.screen)")
        h.press(.ctrl("u"))
        h.type("morgen früh")
        #expect(!h.screen.contains("= "), "no day for what is no date: \(h.screen)")
        h.press(.ctrl("s"))
        #expect(h.screen.contains("Until is not a date"))
        h.press(.ctrl("u"))
        h.type("2020-01-01")
        h.press(.ctrl("s"))
        #expect(h.screen.contains("must be in the future"))
        h.press(.ctrl("u"))
        h.type("+5")
        h.press(.enter)
        let ticket = try h.ticket(id)
        #expect(ticket.status == .pending)
        #expect(ticket.pendingUntil != nil)
        #expect(h.screen.contains("pending until"))
        // Opened, it says it waits rather than that its resolution is due on the day it waits for.
        h.app.open(.ticket(id))
        #expect(h.screen.contains("pending until") && h.screen.contains("the deadlines wait meanwhile") && !h.screen.contains("resolution due in"),
                "\(h.screen)")
        h.press(.escape)
        h.press(.char("P"))
        #expect(h.screen.contains("Tickets · Pending  1 open"))
    }

    @Test func mergeIntoAnotherTicketOfTheSameCustomer() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let duplicate = tickets["Toner leer"]!.id, survivor = tickets["Drucker brennt"]!.id
        h.openTickets()
        h.press(.char("/"))
        h.type("toner")
        h.press(.enter, .char("m"))
        let picker = h.screen
        #expect(picker.contains("Merge #\(duplicate) into which ticket?"))
        #expect(picker.contains("Drucker brennt"))
        #expect(!picker.contains("Rechnung doppelt")) // another customer's
        h.press(.enter)
        #expect(h.screen.contains("Merge #\(duplicate) into #\(survivor)"))
        h.press(.char("y"))
        #expect(try h.ticket(duplicate).mergedIntoID == survivor)
        #expect(h.screen.contains("#\(survivor)  Drucker brennt"))
    }

    @Test func newTicketWithCustomerPickerAndValidationBesideTheField() throws {
        let h = try ScreenHarness()
        h.openTickets()
        #expect(h.screen.contains("No tickets in this view"))
        h.press(.char("n"))
        #expect(h.screen.contains("New ticket for which customer?"))
        h.type("schäfer")
        h.press(.enter)
        #expect(h.screen.contains("New ticket · Schäfer & Söhne KG"))
        h.press(.tab, .ctrl("u"))
        h.type("Buchhaltung!")
        h.press(.ctrl("s"))
        #expect(h.screen.contains("Subject is required"))
        #expect(h.screen.contains("Queue must be one lower-case word"))
        h.type("Lieferung fehlt") // the focus is on the first wrong field
        h.press(.tab, .ctrl("u"))
        h.type("support")
        h.press(.tab, .ctrl("u"))
        h.type("h")
        h.press(.tab) // into the message
        h.type("Zwei Kartons fehlen.")
        h.press(.enter)
        h.type("Grüße, Käthe")
        let screen = h.press(.ctrl("s"))
        #expect(screen.contains("opened for Schäfer & Söhne KG"), "\(screen)")
        #expect(screen.contains("Lieferung fehlt"))
        #expect(screen.contains("Grüße, Käthe"))
        let row = try #require(try h.database.tickets.page(.allOpen, after: nil, limit: 5).first)
        #expect(row.subject == "Lieferung fehlt" && row.priority == .high && row.customerName == "Schäfer & Söhne KG")
    }

    @Test func bulkActionsOnMarkedRows() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        h.openTickets()
        h.press(.space, .space) // marks two rows, moving down
        #expect(h.screen.contains("* 2 marked"))
        #expect(h.app.activeBindings.contains { $0.label == "assign 2" })
        h.press(.char("p"), .char("u"))
        #expect(h.screen.contains("2 tickets now urgent"))
        #expect(try h.ticket(tickets["Rechnung doppelt"]!.id).priority == .urgent)
        #expect(!h.screen.contains("marked"))
        h.press(.char("g"), .space, .space, .char("a"))
        h.type("bob")
        h.press(.enter)
        #expect(try h.ticket(tickets["Drucker brennt"]!.id).assigneeID == h.bob.staff.id)
        #expect(try h.ticket(tickets["Rechnung doppelt"]!.id).assigneeID == h.bob.staff.id)
        h.press(.char("g"), .space, .space, .char("s"), .char("c"))
        #expect(try h.ticket(tickets["Drucker brennt"]!.id).status == .closed)
        #expect(h.screen.contains("2 open"))
        // PgDn still pages rather than marks.
        h.press(.pageDown)
        #expect(!h.screen.contains("marked"))
    }

    /// A marked ticket a colleague resolves meanwhile drops out of the
    /// marks: a bulk "open" reopened it unseen.
    @Test func aMarkedTicketAColleagueResolvedIsNoLongerChanged() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        h.openTickets()
        h.press(.space, .space)
        #expect(h.screen.contains("* 2 marked"))
        let burning = tickets["Drucker brennt"]!.id
        let (other, bob) = try h.elsewhere()
        let current = try #require(try other.tickets.find(id: burning))
        try other.tickets.setStatus(id: burning, .resolved, expectedVersion: current.version, by: bob)
        let asked = h.press(.char("s"))
        #expect(asked.contains("1 marked ticket"), "\(asked)")
        h.press(.char("o"))
        #expect(try h.ticket(burning).status == .resolved, "the colleague's resolution stands")
        #expect(try h.ticket(tickets["Rechnung doppelt"]!.id).status == .open)
    }

    @Test func aConflictNamesWhoChangedTheTicketAndCtrlRReloads() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let id = tickets["Drucker brennt"]!.id
        h.openTickets()
        h.press(.enter)
        let (other, bob) = try h.elsewhere()
        let current = try #require(try other.tickets.find(id: id))
        try other.tickets.setPriority(id: id, .low, expectedVersion: current.version, by: bob)
        h.press(.char("t"))
        #expect(h.screen.contains("Bob Front saved this ticket at"), "\(h.screen)")
        #expect(h.screen.contains("Ctrl-R loads their version"))
        #expect(try h.ticket(id).assigneeID == nil) // nothing overwritten
        h.press(.ctrl("r"))
        #expect(h.screen.contains("Open") || h.screen.contains("New · Low"))
        h.press(.char("t"))
        #expect(try h.ticket(id).assigneeID == h.session.staff.id)
    }

    @Test func anotherSessionsChangeShowsUpWithoutAKey() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        h.openTickets()
        h.press(.char("j"))
        let before = try #require(h.cursorLine)
        let (other, bob) = try h.elsewhere()
        let customer = try #require(try h.customer(named: "Zeta Systems"))
        try other.tickets.create(TicketFields(subject: "Server steht", customerID: customer.id, priority: .urgent), by: bob)
        h.app.tick()
        #expect(h.screen.contains("Server steht"))
        #expect(h.cursorLine == before) // the cursor stays on its ticket
        // And in an open ticket: a colleague's note appears.
        h.press(.enter)
        let id = tickets["Rechnung doppelt"]!.id
        let current = try #require(try other.tickets.find(id: id))
        try other.tickets.addMessage(to: id, kind: .note, body: "Ich rufe an.", expectedVersion: current.version, by: bob)
        h.app.tick()
        #expect(h.screen.contains("✎ INTERNAL NOTE · Bob Front"))
        #expect(h.screen.contains("Ich rufe an."))
    }

    @Test func filterSearchesSubjectCustomerAndNumber() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        h.openTickets()
        h.press(.char("/"))
        #expect(h.type("muller").contains("2 matching"))
        #expect(h.screen.contains("Drucker brennt") && h.screen.contains("Toner leer"))
        h.press(.ctrl("u"))
        #expect(h.type("rechnung").contains("1 matching"))
        h.press(.ctrl("u"))
        // Subjects by their words' starts, case and accents folded.
        #expect(h.type("TONER").contains("1 matching"))
        #expect(h.screen.contains("Toner leer") && !h.screen.contains("Drucker brennt"))
        h.press(.ctrl("u"))
        #expect(h.type("brénnt").contains("1 matching"))
        #expect(h.screen.contains("Drucker brennt"))
        h.press(.ctrl("u"))
        let id = tickets["発注の確認"]!.id
        let byNumber = h.type("#\(id)")
        #expect(byNumber.contains("発注の確認"))
        #expect(!byNumber.contains("Toner leer"))
        h.press(.ctrl("u"))
        h.type("nichts qn")
        #expect(!h.app.finished)
        #expect(h.screen.contains("No ticket matches “nichts qn”"))
        h.press(.escape)
        #expect(h.screen.contains("4 open"))
        // In one queue, the empty list says where it looked: the rest are outside it.
        let scoped = h.press(.char("Q"))
        let title: String = try #require(scoped.split(separator: "\n").first { $0.contains("· queue ") }.map(String.init), "\(scoped)")
        let named: Substring? = title.components(separatedBy: "· queue ").last?.split(separator: " ").first
        let queue = String(try #require(named))
        h.press(.char("/"))
        h.type("nichts qn")
        #expect(h.screen.contains("No ticket in queue \(queue) matches “nichts qn”. Esc clears the filter."),
                "\(h.screen)")
    }

    @Test func quickViewsAndQueues() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let taken = tickets["Toner leer"]!
        try h.database.tickets.take(id: taken.id, expectedVersion: taken.version, by: h.bob)
        h.openTickets()
        #expect(h.press(.char("U")).contains("Tickets · Unassigned  3 open"))
        #expect(h.press(.char("M")).contains("No tickets in this view"))
        #expect(h.press(.char("O")).contains("4 open"))
        #expect(h.press(.char("v")).contains("Tickets · Mine"))
        h.press(.char("O"))
        #expect(h.press(.char("Q")).contains("queue Support  2 open"))
        #expect(h.press(.char("Q")).contains("queue Billing  1 open"))
        #expect(h.press(.char("Q")).contains("queue Sales  1 open"))
        #expect(h.press(.char("Q")).contains("All open  4 open"))
    }

    @Test func enterOnATicketShowsTheCustomerAndJumpsThere() throws {
        let h = try ScreenHarness(size: Size(width: 160, height: 40))
        try h.addTickets()
        h.openTickets()
        let detail = h.press(.enter)
        #expect(detail.contains("Jürgen Müller")) // the card beside the thread
        #expect(detail.contains("Enter or c: go to the customer"))
        h.press(.enter)
        #expect(h.app.activeIndex == 0)
        #expect(h.screen.contains("Müller GmbH"))
    }

    @Test func showTicketLinkOpensItFromAnywhere() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let id = tickets["発注の確認"]!.id
        h.app.open(.ticket(id))
        #expect(h.app.activeIndex == 1)
        #expect(h.screen.contains("#\(id)  発注の確認"))
        #expect(h.screen.contains("注文を確認してください。"))
    }
}
