import Foundation
import KontorApp
import KontorModel
import KontorUI
import Testing

/// The ticket queue as a day at the desk meets it: a queue typo, every
/// problem of the form at once, billing tickets for the back office, taking
/// a colleague's ticket, and customers told apart at 80 columns.
@MainActor
@Suite("Tickets at the desk")
struct DailyDeskTicketTests {
    /// Opens the new-ticket form for Schäfer & Söhne KG with `subject` and `queue` typed.
    private func newTicket(_ h: ScreenHarness, subject: String, queue: String) {
        h.openTickets()
        h.press(.char("n"))
        h.type("schäfer")
        h.press(.enter)
        h.type(subject)
        h.press(.tab, .ctrl("u"))
        h.type(queue)
    }

    @Test func aTypoInTheQueueAsksAndOffersTheQueueMeant() throws {
        let h = try ScreenHarness()
        newTicket(h, subject: "Drucker streikt", queue: "suport")
        let asked = h.press(.ctrl("s"))
        #expect(asked.contains("There is no queue “suport” yet.") && asked.contains("Did you mean Support?"), "\(asked)")
        #expect(try h.database.tickets.page(.allOpen, after: nil, limit: 5).isEmpty, "nothing created while asking")
        h.press(.char("u"))
        let row = try #require(try h.database.tickets.page(.allOpen, after: nil, limit: 5).first)
        #expect(row.queue == "support" && row.subject == "Drucker streikt")
        #expect(try h.database.tickets.knownQueues() == ["support", "billing", "sales"], "no queue “suport” was made")
    }

    @Test("in German the standard queues read as Support, Buchhaltung, Vertrieb, are typed so, and are stored as they were")
    func theStandardQueuesSpeakGerman() throws {
        let h = try ScreenHarness(size: Size(width: 200, height: 40), language: .german)
        h.openTickets()
        h.press(.char("n"))
        h.type("schäfer")
        h.press(.enter)
        h.type("Mahnung unklar")
        var form = h.press(.tab)
        #expect(form.contains("Queue  Support"), "the standard queue by its German name: \(form)")
        h.press(.ctrl("u"))
        h.type("Buchhaltung")
        form = h.press(.ctrl("s"))
        let row = try #require(try h.database.tickets.page(.allOpen, after: nil, limit: 5).first { $0.subject == "Mahnung unklar" }, "\(form)")
        #expect(row.queue == "billing", "stored under its own name")
        let list = h.press(.escape)
        let line = try #require(list.split(separator: "\n").first { $0.contains("Mahnung unklar") })
        #expect(line.contains("Buchhaltung"), "\(line)")
        // A typo in German is met in German.
        h.press(.char("n"))
        h.type("schäfer")
        h.press(.enter)
        h.type("Noch eine Frage")
        h.press(.tab, .ctrl("u"))
        h.type("vertrib")
        let asked = h.press(.ctrl("s"))
        #expect(asked.contains("Vertrieb?"), "the queue meant, by its German name: \(asked)")
    }

    @Test func aNewQueueIsMadeOnlyWhenConfirmed() throws {
        let h = try ScreenHarness()
        newTicket(h, subject: "Server down", queue: "it-ops")
        h.press(.ctrl("s"))
        // No: back to the form, the queue marked.
        let back = h.press(.char("n"))
        #expect(back.contains("New ticket · Schäfer & Söhne KG") && back.contains("“it-ops” is no queue"), "\(back)")
        h.press(.ctrl("s"))
        let made = h.press(.char("c"))
        #expect(made.contains("in the new queue it-ops"), "\(made)")
        #expect(try h.database.tickets.knownQueues().contains("it-ops"))
    }

    @Test func theNewTicketFormMarksEveryProblemAtOnce() throws {
        let h = try ScreenHarness()
        // The priority is a choice and cannot be typed wrong; the subject and the queue can, together.
        newTicket(h, subject: "", queue: "Buchhaltung!")
        let text = h.press(.ctrl("s"))
        #expect(text.contains("Subject is required") && text.contains("Queue must be one lower-case word"), "\(text)")
    }

    @Test func tOnATicketAColleagueHoldsAsksFirst() throws {
        let h = try ScreenHarness()
        let tickets = try h.addTickets()
        let drucker = try #require(tickets["Drucker brennt"])
        try h.database.tickets.take(id: drucker.id, expectedVersion: drucker.version, by: h.bob)
        h.openTickets()
        let asked = h.press(.char("t"))
        #expect(asked.contains("#\(drucker.id) is Bob Front's.") && asked.contains("Take it over from Bob Front?"), "\(asked)")
        h.press(.char("n"))
        #expect(try h.ticket(drucker.id).assigneeID == h.bob.staff.id, "left with Bob")
        h.press(.char("t"), .char("y"))
        #expect(try h.ticket(drucker.id).assigneeID == h.session.staff.id)
        // My own or nobody's: taken without a question.
        h.press(.char("j"))
        #expect(h.press(.char("t")).contains("taken"))
    }

    @Test func theBackOfficeIsOfferedForBillingTicketsAndWorksThem() throws {
        let h = try ScreenHarness()
        try h.session.staffDirectory.add(StaffFields(username: "carol", fullName: "Carol Buchhaltung"), role: .back)
        let tickets = try h.addTickets()
        let billing = try #require(tickets["Rechnung doppelt"])
        h.openTickets()
        h.press(.char("j"), .char("a"))
        #expect(h.screen.contains("Carol Buchhaltung"), "a billing ticket may go to the back office:\n\(h.screen)")
        h.type("carol")
        h.press(.enter)
        let carolID = try #require(try h.database.tickets.find(id: billing.id)?.assigneeID)
        // Carol, in her own session, works it: a note, then resolved.
        let carol = try h.database.session(for: Actor(username: "carol"))
        #expect(carol.staff.id == carolID)
        let app = App(session: carol, theme: .fallback)
        let size = Size(width: 100, height: 30)
        for key in [Key.char("2")] + [.char("j")] { _ = app.frame(size: size); app.handle(key) }
        let footer = app.frame(size: size).0.text.split(separator: "\n").last.map(String.init) ?? ""
        #expect(footer.contains("t take") && footer.contains("s status"), "the keys are hers on a billing ticket: \(footer)")
        var ticket = try h.ticket(billing.id)
        ticket = try h.database.tickets.addMessage(to: ticket.id, kind: .note, body: "Gutschrift veranlasst", expectedVersion: ticket.version, by: carol).ticket
        ticket = try h.database.tickets.setStatus(id: ticket.id, .resolved, expectedVersion: ticket.version, by: carol)
        #expect(ticket.status == .resolved)
        // A support ticket stays the front office's.
        let support = try h.ticket(try #require(tickets["Drucker brennt"]).id)
        #expect(throws: KontorError.self) { try h.database.tickets.take(id: support.id, expectedVersion: support.version, by: carol) }
    }

    @Test func customersAndAssigneesAreToldApartAt80Columns() throws {
        let h = try ScreenHarness()
        var ids: [Int64] = []
        for name in ["Schreinerei Krause GmbH", "Schreinerei Wolf GmbH", "Ingenieurbüro Bauer GmbH"] {
            let customer = try h.database.customers.create(CustomerFields(name: name), by: h.session)
            ids.append(try h.database.tickets.create(TicketFields(subject: "Angebot", customerID: customer.id), by: h.session).id)
        }
        let text = h.openTickets()
        let rows = text.split(separator: "\n").filter { $0.contains("Angebot") }.map(String.init)
        #expect(rows.count == 3)
        // The word that tells them apart is kept: "S. Krause", not "Schreinerei…" twice.
        #expect(rows.contains { $0.contains("S. Krause") } && rows.contains { $0.contains("S. Wolf") }, "\(text)")
        #expect(rows.contains { $0.contains("I. Bauer") || $0.contains("Ingenieurbüro B.") }, "\(text)")
        #expect(!text.contains("Schreinerei…"), "\(text)")
    }

    /// Two customers whose first fitting short forms are the same
    /// ("Schreinerei K.") are shown by forms that differ, at every width.
    @Test func lookAlikeShortFormsAreToldApart() throws {
        let h = try ScreenHarness()
        for name in ["Schreinerei Krause GmbH", "Schreinerei Kunz GmbH"] {
            let customer = try h.database.customers.create(CustomerFields(name: name), by: h.session)
            _ = try h.database.tickets.create(TicketFields(subject: "Angebot", customerID: customer.id), by: h.session)
        }
        for width in stride(from: 80, through: 130, by: 2) {
            h.size = Size(width: width, height: 24)
            let rows = h.openTickets().split(separator: "\n").filter { $0.contains("Angebot") }.map(String.init)
            #expect(rows.count == 2)
            for shown in ["Schreinerei K.", "Schreinerei…", "Schreinerei K…", "S. K."] {
                #expect(rows.filter { $0.contains(shown + " ") }.count < 2, "\(width) columns: \(rows)")
            }
        }
    }

    @Test("a message's indented lines (a table, numbered steps) keep their indent in the thread")
    func indentedLinesKeepTheirIndent() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40))
        let customer = try h.database.customers.create(CustomerFields(name: "Café Einzug"), by: h.session)
        var ticket = try h.database.tickets.create(TicketFields(subject: "Gerät defekt", customerID: customer.id), by: h.session)
        ticket = try h.database.tickets.addMessage(to: ticket.id, kind: .note, body: "Liste:\n    Gerät    Seriennr.\n    Mühle    4711\n\tTab-Zeile",
                                                   expectedVersion: ticket.version, by: h.session).ticket
        h.app.open(.ticket(ticket.id))
        let lines = h.lines
        #expect(lines.contains { $0.contains("Liste:") }, "\(h.screen)")
        let liste = try #require(lines.first { $0.contains("Liste:") })
        let column = try #require(liste.range(of: "Liste:")).lowerBound
        let table = try #require(lines.first { $0.contains("Gerät    Seriennr.") })
        #expect(table.distance(from: table.startIndex, to: try #require(table.range(of: "Gerät")).lowerBound)
                == liste.distance(from: liste.startIndex, to: column) + 4, "\(h.screen)")
        #expect(lines.contains { $0.contains("    Tab-Zeile") }, "\(h.screen)")
    }

    @Test func theAssignPickerNamesRolesAsTheStaffScreenDoes() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40), language: .german)
        try h.session.staffDirectory.add(StaffFields(username: "mia", fullName: "Mia Meier"), role: .manager)
        let customer = try h.database.customers.create(CustomerFields(name: "Rollen GmbH"), by: h.session)
        let ticket = try h.database.tickets.create(TicketFields(subject: "Wer übernimmt?", customerID: customer.id), by: h.session)
        h.app.open(.ticket(ticket.id))
        let picker = h.press(.char("a"))
        let mia = try #require(picker.split(separator: "\n").first { $0.contains("Mia Meier") }, "\(picker)")
        #expect(mia.contains("Leitung") && !mia.contains(" manager "), "\(mia)")
    }
}
