import Foundation
import GRDB
import KontorApp
import KontorLocale
import KontorModel
import KontorUI
import Testing

/// The Tickets screen in German at 80×24: the queue, a ticket, the new-ticket
/// form, the questions and the help read in German, nothing cut so that it
/// loses its meaning, and the priority chosen by its German word.
@MainActor
@Suite("Tickets screen in German")
struct GermanTicketsScreenTests {
    private func lines(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func theQueueReadsInGerman() throws {
        let h = try ScreenHarness(language: .german)
        let tickets = try h.addTickets()
        let screen = h.openTickets()
        #expect(screen.contains("Tickets · Alle offenen  4 offen"), "\(screen)")
        for header in ["Betreff", "Kunde", "Prio", "Status", "Bearb.", "Fällig in"] { #expect(screen.contains(header), "\(header): \(screen)") }
        #expect(h.cursorLine?.contains("#\(tickets["Drucker brennt"]!.id)") == true)
        #expect(h.cursorLine?.contains("Dringend!") == true, "the priority whole, not cut: \(screen)")
        #expect(screen.contains("Neu"), "the status in German")
        #expect(screen.contains("? Hilfe"), "\(screen)")
        #expect(!screen.contains("Subject") && !screen.contains("Assignee") && !screen.contains("Urgent"), "\(screen)")
        for line in lines(screen) { #expect(TextWidth.of(line) <= 80, "too wide: \(line)") }
        // The next view, named in German in the footer and the title.
        let pending = h.press(.char("v"))
        #expect(pending.contains("Tickets · Meine"), "\(pending)")
    }

    @Test func anEmptyQueueSaysWhatToDoInGerman() throws {
        let h = try ScreenHarness(language: .german)
        let screen = h.openTickets()
        #expect(screen.contains("Keine Tickets in dieser Ansicht."), "\(screen)")
    }

    /// A customer's message taken down as just "Kunde" names the contact
    /// rather than read "Kunde · Kunde".
    @Test func aMessageByJustTheCustomerNamesTheContact() throws {
        let h = try ScreenHarness(language: .german)
        let ticket = try #require(try h.addTickets()["Drucker brennt"])
        _ = try h.database.tickets.addMessage(to: ticket.id, kind: .customer, body: "Es raucht immer noch.", authorName: "Kunde",
                                              expectedVersion: ticket.version, by: h.session)
        h.openTickets()
        let screen = h.press(.enter)
        #expect(!screen.contains("Kunde · Kunde") && screen.components(separatedBy: "▶ Kunde · Jürgen Müller").count == 3, "\(screen)")
    }

    @Test func aTicketReadsInGerman() throws {
        let h = try ScreenHarness(language: .german)
        try h.addTickets()
        h.openTickets()
        let screen = h.press(.enter)
        #expect(screen.contains("Drucker brennt"), "\(screen)")
        #expect(screen.contains("Neu · Dringend! · Support · nicht zugewiesen"), "the queue by its German name: \(screen)")
        #expect(screen.contains("Erstantwort fällig in"), "\(screen)")
        #expect(screen.contains("▶ Kunde · Jürgen Müller"), "\(screen)")
        #expect(screen.contains("Kunde Müller GmbH"), "\(screen)")
        #expect(screen.contains("Antwort") && screen.contains("Notiz") && screen.contains("? Hilfe"), "the footer: \(screen)")
        // The priority asked in German, answered by its key, said in German.
        let asked = h.press(.char("p"))
        #expect(asked.contains("Priorität für #") && asked.contains("Jetzt dringend.") && asked.contains("niedrig"), "\(asked)")
        let done = h.press(.char("h"))
        #expect(done.contains("jetzt hoch"), "\(done)")
        for line in lines(done) { #expect(TextWidth.of(line) <= 80, "too wide: \(line)") }
    }

    @Test func theHelpListsTheKeysInGerman() throws {
        let h = try ScreenHarness(language: .german)
        try h.addTickets()
        h.openTickets()
        let help = h.press(.char("?"))
        #expect(help.contains("Mir zuweisen") && help.contains("Den Status ändern"), "\(help)")
        #expect(help.contains("Esc oder ? schließt"), "\(help)")
    }

    @Test func aNewTicketTakesItsPriorityByTheGermanWord() throws {
        let h = try ScreenHarness(language: .german)
        h.openTickets()
        #expect(h.press(.char("n")).contains("Neues Ticket für welchen Kunden?"))
        h.type("schäfer")
        let form = h.press(.enter)
        #expect(form.contains("Neues Ticket · Schäfer & Söhne KG"), "\(form)")
        #expect(form.contains("Betreff") && form.contains("Queue") && form.contains("Priorität") && form.contains("Nachricht"), "\(form)")
        #expect(form.contains("Pflichtfeld"), "\(form)")
        h.type("Lieferung fehlt")
        h.press(.tab, .tab)
        let choosing = h.type("hoch")
        #expect(choosing.contains("‹ hoch ›"), "\(choosing)")
        h.press(.tab)
        h.type("Zwei Kartons fehlen.")
        let saved = h.press(.ctrl("s"))
        #expect(saved.contains("für Schäfer & Söhne KG angelegt"), "\(saved)")
        let row = try #require(try h.database.tickets.page(.allOpen, after: nil, limit: 5).first)
        #expect(row.subject == "Lieferung fehlt" && row.priority == .high)
    }

    @Test func theNewTicketFormSaysItsProblemsInGerman() throws {
        let h = try ScreenHarness(language: .german)
        h.openTickets()
        h.press(.char("n"))
        h.type("schäfer")
        h.press(.enter)
        let text = h.press(.ctrl("s"))
        #expect(text.contains("Feld bitte prüfen") || text.contains("Felder bitte prüfen"), "\(text)")
    }

    @Test func pendingUntilAsksInGerman() throws {
        let h = try ScreenHarness(language: .german)
        try h.addTickets()
        h.openTickets()
        let form = h.press(.char("w"))
        #expect(form.contains("Wartend bis · #") && form.contains("Bis"), "\(form)")
        h.press(.ctrl("u"))
        h.type("morgen")
        let done = h.press(.ctrl("s"))
        #expect(done.contains("wartend bis"), "\(done)")
        // Dates as typed everywhere else, a two-digit year too.
        h.press(.char("j"), .char("w"), .ctrl("u"))
        h.type("24.12.35")
        let later = h.press(.ctrl("s"))
        #expect(later.contains("wartend bis") && later.contains("24.12.2035") && !later.contains("kein Datum"), "\(later)")
    }
}

@MainActor
@Suite("The queue's assignee and due columns in German")
struct GermanQueueColumnsTests {
    /// A ticket long overdue, assigned to `name`: the queue's line for it.
    private func line(width: Int, assignee name: String) throws -> String {
        let h = try ScreenHarness(size: Size(width: width, height: 24), language: .german)
        let tickets = try h.addTickets()
        let late = try #require(tickets["Toner leer"])
        let member = try h.session.staffDirectory.add(StaffFields(username: "tobias", fullName: name), role: .front)
        _ = try h.database.tickets.assign(ids: [late.id], to: member.id, by: h.session)
        let due = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-(10 * 86_400 + 23 * 3_600 + 1_800)))
        try DatabaseQueue(path: h.database.path).write { db in
            try db.execute(sql: "UPDATE tickets SET sla_due = ?, first_response_due = ? WHERE id = ?", arguments: [due, due, late.id])
        }
        let screen = h.openTickets()
        let row = try #require(screen.split(separator: "\n").first { $0.contains("überf. 10T 23h") }, "\(screen)")
        #expect(TextWidth.of(String(row)) <= width, "\(row)")
        return String(row)
    }

    /// On a wide screen "überf. 10T 23h" stands two spaces from an
    /// assignee's name that fills its column, not one.
    @Test func aLongOverdueStandsApartFromTheAssigneeOnAWideScreen() throws {
        let row = try line(width: 200, assignee: "Maximilianfriedrichwilhelmsohn")
        #expect(row.contains("…  überf. 10T 23h"), "the name cut, then two spaces: \(row)")
    }

    /// At 80 columns the due column gives the assignee that space back:
    /// a first name is read whole ("Tobias…", not "Tobia…").
    @Test func anAssigneesFirstNameIsReadWholeAt80Columns() throws {
        let row = try line(width: 80, assignee: "Tobias Becker")
        #expect(row.contains(" Tobias… überf. 10T 23h"), "\(row)")
    }
}

@MainActor
@Suite("Wide screens in German")
struct GermanWideScreenTests {
    private func lines(_ screen: String) -> [String] { screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }

    @Test func theQueueAndATicketFitAt120Columns() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40), language: .german)
        try h.addTickets()
        let queue = h.openTickets()
        #expect(queue.contains("Dringend!") && queue.contains("Fällig in"), "\(queue)")
        for line in lines(queue) { #expect(TextWidth.of(line) <= 120, "too wide: \(line)") }
        let ticket = h.press(.enter)
        #expect(ticket.contains("Enter oder c: zum Kunden"), "the customer's card beside the thread: \(ticket)")
        #expect(ticket.contains("Kontakt") && ticket.contains("Telefon"), "\(ticket)")
        for line in lines(ticket) { #expect(TextWidth.of(line) <= 120, "too wide: \(line)") }
    }

    @Test func aCustomerFitsAt120Columns() throws {
        let h = try ScreenHarness(size: Size(width: 120, height: 40), language: .german)
        try h.addTickets()
        h.press(.char("/"))
        h.type("müller gmbh")
        let screen = h.press(.enter, .enter)
        for label in ["Kontakt", "Telefon", "Anschrift", "USt-IdNr.", "Zahlziel", "Geändert"] { #expect(screen.contains(label), "\(label): \(screen)") }
        #expect(screen.contains("Geschlossen") == false && screen.contains("Dringend"), "\(screen)")
        for line in lines(screen) { #expect(TextWidth.of(line) <= 120, "too wide: \(line)") }
    }
}
