import Foundation
import GRDB
@testable import KontorModel
import Testing

/// Tickets found by what their messages say, open or closed.
@Suite("Ticket message search")
struct TicketMessageSearchTests {
    @Test func aTicketIsFoundByWordsOfAnyMessageOnceNewestFirst() throws {
        let db = try TestDatabase()
        let customer = try db.add(["Müller GmbH"])[0]
        let older = try db.database.tickets.create(
            TicketFields(subject: "Alte Sache", customerID: customer.id, firstMessage: "Damals schon Fehlercode 0x10"), by: db.bob)
        _ = try db.database.tickets.setStatus(id: older.id, .closed, expectedVersion: older.version, by: db.bob)
        var printer = try db.database.tickets.create(
            TicketFields(subject: "Gerät defekt", customerID: customer.id, firstMessage: "Der Drucker zeigt Fehlercode 0x80\nund piept."), by: db.bob)
        printer = try db.database.tickets.addMessage(to: printer.id, kind: .note, body: "Fehlercode laut Handbuch: Trommel prüfen",
                                                     expectedVersion: printer.version, by: db.bob).ticket

        let hits = try db.database.tickets.searchMessages("fehlercode")
        #expect(hits.map(\.ticketID) == [printer.id, older.id], "each ticket once, the newest message first, closed ones too")
        #expect(hits.first?.excerpt == "Fehlercode laut Handbuch: Trommel prüfen")
        #expect(try db.database.tickets.searchMessages("fehlercode", limit: 1).map(\.excerpt) == ["Fehlercode laut Handbuch: Trommel prüfen"],
                "the first ticket, read from its newest message")
        #expect(try db.database.tickets.searchMessages("TROMMEL prufen").map(\.ticketID) == [printer.id], "folded, every word")
        #expect(try db.database.tickets.searchMessages("Tromm").isEmpty, "whole words only: a prefix of a common word would merge millions")
        #expect(try db.database.tickets.searchMessages("piept drucker").map(\.ticketID) == [printer.id], "words of one message in any order")
        #expect(try db.database.tickets.searchMessages("0x80 Alte").isEmpty, "all words in one message")
        #expect(try db.database.tickets.searchMessages("\"; DROP").isEmpty, "FTS syntax typed is taken as words")
        let mail = try db.database.tickets.create(
            TicketFields(subject: "Rückfrage", customerID: customer.id, firstMessage: "Antwort bitte an info@müller-gmbh.de, Fehler E-42."), by: db.bob)
        #expect(try db.database.tickets.searchMessages("info@müller-gmbh.de").map(\.ticketID) == [mail.id],
                "an address is its words (the index keeps no positions, so no phrase)")
        #expect(try db.database.tickets.searchMessages("e-42").map(\.ticketID) == [mail.id])
        #expect(try db.database.tickets.searchMessages("info@schmidt.de").isEmpty, "every part of it")
        let check = try DatabaseQueue(path: db.path).write { d in
            try d.execute(sql: "INSERT INTO ticket_messages_fts (ticket_messages_fts) VALUES ('integrity-check')")
            return true
        }
        #expect(check)
    }

    @Test func theExcerptStartsNearTheWord() {
        let body = "Sehr geehrte Damen und Herren, seit gestern druckt unser Gerät nur noch Sonderzeichen auf jede Seite, bitte um Rückruf."
        #expect(TicketRepository.excerpt(body, around: "sonderz") == "…Gerät nur noch Sonderzeichen auf jede Seite, bitte um Rückr…", "cut to 60 characters")
    }
}
