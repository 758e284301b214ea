import Foundation
import GRDB
import KontorMail
@testable import KontorModel
import TestSupport
import Testing

/// Mail taken in: new tickets in the right queue for the right customer,
/// answers on the ticket they answer, machines' mail as notes, nothing twice.
@Suite("Taking mail in")
struct MailIntakeTests {
    final class Office {
        let db: TestDatabase
        let weiss: Customer
        let mueller: Customer
        var intake: MailIntake { db.database.mailIntake }

        init() throws {
            db = try TestDatabase()
            try db.alice.updateMailSettings {
                $0.queueAddresses = ["support": "support@firma.de", "billing": "rechnung@firma.de", "sales": "vertrieb@firma.de"]
                $0.attachmentLimitKiB = 1024
            }
            weiss = try db.database.customers.create(CustomerFields(name: "Weiß AG", email: "info@weiss-ag.de"), by: db.bob)
            _ = try db.database.customers.addContact(to: weiss.id, ContactFields(name: "Sabine Weiß", email: "S.Weiss@weiss-ag.de"), by: db.bob)
            mueller = try db.database.customers.create(CustomerFields(name: "Müller Handel GmbH", email: "juergen@mueller-handel.de"), by: db.bob)
        }

        func take(_ data: Data, recipient: String? = nil) throws -> MailIntakeOutcome {
            try intake.receive(try MailReader.read(data), raw: data, recipient: recipient)
        }

        func ticket(_ id: Int64) throws -> Ticket { try #require(try db.database.tickets.find(id: id)) }
        func messages(_ id: Int64) throws -> [TicketMessage] { try db.database.tickets.messages(of: id) }

        func count(_ sql: String) throws -> Int { try db.database.read { try Int.fetchOne($0, sql: sql) ?? -1 } }
    }

    static func mail(from: String = "Sabine Weiß <s.weiss@weiss-ag.de>", to: String = "support@firma.de", subject: String,
                     id: String, extra: String = "", body: String = "Hallo") -> Data {
        MailSamples.crlf("From: \(from)\nTo: \(to)\nSubject: \(subject)\nMessage-ID: <\(id)>\n\(extra)Content-Type: text/plain; charset=utf-8\n\n\(body)\n")
    }

    @Test func aNewMailOpensATicketForTheSendersCustomerInTheQueueOfItsAddress() throws {
        let o = try Office()
        guard case let .opened(id) = try o.take(MailSamples.thunderbird) else { Issue.record("no ticket"); return }
        let ticket = try o.ticket(id)
        #expect(ticket.customerID == o.mueller.id && ticket.contactID == nil && ticket.unknownSender == nil)
        #expect(ticket.subject == "Drucker im Büro druckt nicht – bitte um Rückruf")
        #expect(ticket.queue == "support" && ticket.status == .new)
        let message = try #require(try o.messages(id).first)
        #expect(message.kind == .customer && message.authorName == "Jürgen Müller")
        #expect(message.mailFrom == "Jürgen Müller <juergen@mueller-handel.de>" && message.mailTo == "support@firma.de")
        #expect(message.mailMessageID == "5f1c2a9e-1d2b-4c61-9f8e-7a3b2c1d0e9f@mueller-handel.de")
        #expect(message.body.contains("druckt seit gestern nicht mehr"))
        let file = try o.db.database.read { try Row.fetchOne($0, sql: "SELECT filename, size, content FROM ticket_attachments WHERE message_id = ?", arguments: [message.id]) }
        #expect(file?["filename"] == "Fehlerbericht Büro.pdf")
        #expect((file?["content"] as Data?)?.starts(with: Array("%PDF".utf8)) == true)

        // To the invoices address, from a contact (case aside): the billing queue, the contact named.
        guard case let .opened(billing) = try o.take(Self.mail(to: "Rechnung <rechnung@firma.de>", subject: "Frage zur Rechnung", id: "q1@weiss-ag.de"))
        else { Issue.record("no ticket"); return }
        #expect(try o.ticket(billing).queue == "billing")
        #expect(try o.ticket(billing).customerID == o.weiss.id)
        #expect(try o.ticket(billing).contactID != nil)
        // The mail system's recipient wins over the headers.
        guard case let .opened(sales) = try o.take(Self.mail(subject: "Angebot", id: "q2@weiss-ag.de"), recipient: "vertrieb@firma.de")
        else { Issue.record("no ticket"); return }
        #expect(try o.ticket(sales).queue == "sales")
    }

    @Test func answersFindTheirTicketByTagByTheMessageTheyAnswerAndThroughMerges() throws {
        let o = try Office()
        guard case let .opened(id) = try o.take(Self.mail(subject: "Lieferung", id: "first@weiss-ag.de")) else { Issue.record("no ticket"); return }
        // By the tag in the subject, whatever else the subject says.
        #expect(try o.take(Self.mail(subject: "AW: Lieferung [#\(id)]", id: "second@weiss-ag.de")) == .added(ticketID: id))
        // By In-Reply-To a message taken before.
        #expect(try o.take(Self.mail(subject: "Nachtrag", id: "third@weiss-ag.de", extra: "In-Reply-To: <second@weiss-ag.de>\n")) == .added(ticketID: id))
        // By References naming a message Kontor sent.
        let now = Timestamp.now()
        try o.db.database.write { db in
            try db.execute(sql: """
                INSERT INTO mail_outbox (message_id, kind, ticket_id, recipients, subject, raw, next_attempt_at, created_at, created_by)
                VALUES ('kontor.sent.1@firma.de', 'reply', ?, 's.weiss@weiss-ag.de', 'Re: Lieferung', x'00', ?, ?, 'bob')
                """, arguments: [id, now, now])
        }
        #expect(try o.take(Self.mail(subject: "Re: Re: Lieferung", id: "fourth@weiss-ag.de",
                                     extra: "References: <elsewhere@x.de> <kontor.sent.1@firma.de>\n")) == .added(ticketID: id))
        #expect(try o.messages(id).count == 4)

        // A resolved ticket is reopened by the answer.
        let ticket = try o.ticket(id)
        _ = try o.db.database.tickets.setStatus(id: id, .resolved, expectedVersion: ticket.version, by: o.db.bob)
        #expect(try o.take(Self.mail(subject: "[#\(id)] doch nicht", id: "fifth@weiss-ag.de")) == .added(ticketID: id))
        #expect(try o.ticket(id).status == .open)

        // A merged ticket's answers go to the survivor.
        guard case let .opened(other) = try o.take(Self.mail(subject: "Zweites Thema", id: "other@weiss-ag.de")) else { Issue.record("no ticket"); return }
        _ = try o.db.database.tickets.merge(other, into: id, expectedVersion: try o.ticket(other).version, by: o.db.bob)
        #expect(try o.take(Self.mail(subject: "Re: Zweites Thema [#\(other)]", id: "sixth@weiss-ag.de")) == .added(ticketID: id))
    }

    /// A shop or web form sends from a no-reply address and names the
    /// person in Reply-To: that address finds the customer and gets the
    /// answer; the thread keeps who sent it.
    @Test func replyToFindsTheCustomerAndGetsTheAnswer() throws {
        let o = try Office()
        let data = Self.mail(from: "Shop-System <noreply@shop.example>", subject: "Bestellung 4711", id: "shop1@shop.example",
                             extra: "Reply-To: Sabine Weiß <s.weiss@weiss-ag.de>\n")
        guard case let .opened(id) = try o.take(data) else { Issue.record("no ticket"); return }
        let ticket = try o.ticket(id)
        #expect(ticket.customerID == o.weiss.id && ticket.unknownSender == nil && ticket.contactID != nil)
        let message = try #require(try o.messages(id).first)
        #expect(message.mailFrom == "Shop-System <noreply@shop.example>")
        let route = try o.db.database.read { db in
            try TicketMail.route(db, ticket: ticket, settings: MailSettings.read(db), known: TicketMail.knownSenders(db, ticket: ticket))
        }
        guard case let .success((_, to)) = route else { Issue.record("\(route)"); return }
        #expect(to.address == "s.weiss@weiss-ag.de", "\(to)")
    }

    @Test func aStrangerWritingOnATicketWakesNothing() throws {
        let o = try Office()
        guard case let .opened(id) = try o.take(Self.mail(subject: "Lieferung", id: "w1@weiss-ag.de")) else { Issue.record("no ticket"); return }
        let waiting = try o.db.database.tickets.setStatus(id: id, .pending, pendingUntil: Date().addingTimeInterval(5 * 86_400),
                                                           expectedVersion: try o.ticket(id).version, by: o.db.bob)
        #expect(waiting.status == .pending)
        // Kept on the ticket, but the ticket waits on.
        #expect(try o.take(Self.mail(from: "spam@evil.example", subject: "[#\(id)] win", id: "s1@evil.example")) == .added(ticketID: id))
        #expect(try o.ticket(id).status == .pending && o.messages(id).count == 2)
        #expect(try o.take(Self.mail(from: "support@firma.de", subject: "[#\(id)] loop", id: "s2@firma.de")) == .added(ticketID: id))
        #expect(try o.ticket(id).status == .pending)
        // The customer's own answer wakes it.
        #expect(try o.take(Self.mail(from: "info@weiss-ag.de", subject: "[#\(id)] da", id: "w2@weiss-ag.de")) == .added(ticketID: id))
        #expect(try o.ticket(id).status == .open)
    }

    @Test func theSameMessageTwiceIsStoredOnce() throws {
        let o = try Office()
        let data = MailSamples.outlook
        guard case let .opened(id) = try o.take(data) else { Issue.record("no ticket"); return }
        #expect(try o.take(data) == .duplicate(ticketID: id))
        // A message without Message-ID is known again by its bytes.
        let bare = MailSamples.crlf("From: a@b.de\nTo: support@firma.de\nSubject: ohne ID\n\nText\n")
        guard case let .opened(second) = try o.take(bare) else { Issue.record("no ticket"); return }
        #expect(try o.take(bare) == .duplicate(ticketID: second))
        #expect(try o.count("SELECT count(*) FROM ticket_messages") == 2)
    }

    @Test("a ticket from an unknown sender is found by the sender's address, until the sender is a customer")
    func anUnknownSendersTicketIsFoundByTheAddress() throws {
        let o = try Office()
        guard case let .opened(id) = try o.take(Self.mail(from: "Wang Wei <wang.wei@huatong.cn>", subject: "Angebot", id: "w1@huatong.cn"))
        else { Issue.record("no ticket"); return }
        let tickets = o.db.database.tickets
        func found(_ text: String) throws -> [Int64] {
            try tickets.page(tickets.prepareSearch(TicketQueueQuery(), matching: text), after: nil, limit: 20).map(\.id)
        }
        #expect(try found("wang.wei") == [id])
        #expect(try found("huatong") == [id])
        #expect(try found("wang.wei@huatong.cn") == [id])
        // Linked to a customer, it is that customer's: the address is no longer its words.
        let customer = try o.db.database.customers.create(CustomerFields(name: "Huatong Trading"), by: o.db.bob)
        _ = try tickets.linkSender(ofTicket: id, toCustomer: customer.id, expectedVersion: try o.ticket(id).version, by: o.db.bob)
        #expect(try found("wang.wei").isEmpty)
        #expect(try found("huatong") == [id], "by the customer's name now")
    }

    @Test func anUnknownSenderGetsATicketThatSaysSoUnderOneHiddenCustomer() throws {
        let o = try Office()
        guard case let .opened(a) = try o.take(Self.mail(from: "Neu Kunde <neu@example.org>", subject: "Anfrage", id: "n1@example.org")),
              case let .opened(b) = try o.take(Self.mail(from: "other@example.org", subject: "Noch eine", id: "n2@example.org"))
        else { Issue.record("no ticket"); return }
        let first = try o.ticket(a), second = try o.ticket(b)
        #expect(first.unknownSender == "neu@example.org" && second.unknownSender == "other@example.org")
        #expect(first.customerID == second.customerID)
        let holder = try #require(try o.db.database.customers.find(id: first.customerID))
        #expect(holder.fields.name == MailIntake.unknownSenderName && holder.archived)
        #expect(try o.db.database.customers.count(CustomerQuery()) == 2)  // the list still shows only the real two
    }

    @Test func machinesMailIsANoteOnItsTicketNeverANewOne() throws {
        let o = try Office()
        guard case let .opened(id) = try o.take(Self.mail(subject: "Lieferung", id: "l1@weiss-ag.de")) else { Issue.record("no ticket"); return }
        let status = try o.ticket(id).status
        let now = Timestamp.now()
        try o.db.database.write { db in
            try db.execute(sql: """
                INSERT INTO mail_outbox (message_id, kind, ticket_id, recipients, subject, raw, next_attempt_at, created_at, created_by)
                VALUES ('kontor.1234.3@firma.de', 'reply', ?, 'nobody@weiss-ag.de', 'Re: Lieferung', x'00', ?, ?, 'bob')
                """, arguments: [id, now, now])
        }
        // The bounce names the sent message in its attached original.
        guard case let .noted(bounced, why) = try o.take(MailSamples.bounce) else { Issue.record("bounce not noted"); return }
        #expect(bounced == id && why == "unzustellbar an nobody@weiss-ag.de")
        // The out-of-office answers the same sent message.
        guard case let .noted(away, _) = try o.take(MailSamples.outOfOffice) else { Issue.record("away not noted"); return }
        #expect(away == id)
        let notes = try o.messages(id).filter { $0.kind == .note }
        #expect(notes.count == 2 && notes[0].body.hasPrefix("[unzustellbar an nobody@weiss-ag.de]"))
        #expect(try o.ticket(id).status == status)
        // List mail concerning nothing opens nothing.
        guard case .ignored = try o.take(MailSamples.mailingList) else { Issue.record("list mail not ignored"); return }
        let before = try o.count("SELECT count(*) FROM tickets")
        let autoReply = Self.mail(subject: "Wir haben Ihre Nachricht erhalten", id: "auto@x.de", extra: "Auto-Submitted: auto-replied\n")
        guard case .ignored = try o.take(autoReply) else { Issue.record("auto reply not ignored"); return }
        #expect(try o.count("SELECT count(*) FROM tickets") == before)
    }

    @Test func attachmentsOverTheLimitAreLeftOutAndTheTextSaysSo() throws {
        let o = try Office()
        guard case let .opened(id) = try o.take(MailSamples.bigAttachment(kib: 2048)) else { Issue.record("no ticket"); return }
        let message = try #require(try o.messages(id).first)
        #expect(message.body.contains("1 Anhänge mit 2,0 MB nicht übernommen: über der Grenze von 1,0 MB — gross.bin"), "\(message.body)")
        #expect(try o.count("SELECT count(*) FROM ticket_attachments") == 0)
    }

    /// What the intake writes into a message (no subject, what it left
    /// out) is in the business's language, whatever the mail system's locale.
    @Test func theWordsStoredWithAMailAreInTheBusinesssLanguage() throws {
        let o = try Office()
        guard case let .opened(german) = try o.take(Self.mail(subject: "", id: "leer-1@x.de", body: "")) else { Issue.record("no ticket"); return }
        #expect(try o.ticket(german).subject == "(ohne Betreff)" && o.messages(german).first?.body == "(ohne Text)")
        try o.db.alice.updateSettings { $0.documentLanguage = .en }
        guard case let .opened(english) = try o.take(Self.mail(subject: "", id: "leer-2@x.de", body: "")) else { Issue.record("no ticket"); return }
        #expect(try o.ticket(english).subject == "(no subject)" && o.messages(english).first?.body == "(no text)")
        guard case let .opened(deep) = try o.take(MailSamples.nested(50)) else { Issue.record("no ticket"); return }
        #expect(try o.messages(deep).first?.body == "(no text)\n\n[parts nested deeper than 32 levels were left out]")
    }

    @Test func hostileMessagesBecomeCleanTicketsOrAClearNote() throws {
        let o = try Office()
        guard case let .opened(id) = try o.take(MailSamples.hostileEscapes) else { Issue.record("no ticket"); return }
        let ticket = try o.ticket(id)
        #expect(!ticket.subject.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F })
        let message = try #require(try o.messages(id).first)
        #expect(!message.body.contains("\u{1B}") && !message.authorName.contains("\u{1B}") && !(message.mailFrom ?? "").contains("\u{1B}"))
        guard case let .opened(deep) = try o.take(MailSamples.nested(50)) else { Issue.record("no ticket"); return }
        #expect(try o.messages(deep).first?.body == "(ohne Text)\n\n[tiefer als 32 Ebenen verschachtelte Teile wurden ausgelassen]")
        guard case .opened = try o.take(MailSamples.longHeader()) else { Issue.record("no ticket"); return }
        guard case .opened = try o.take(MailSamples.missingClosingBoundary) else { Issue.record("no ticket"); return }
    }

    @Test func anAnswerToAClosedTicketOpensAFollowUp() throws {
        let o = try Office()
        guard case let .opened(id) = try o.take(Self.mail(subject: "Alt", id: "old@weiss-ag.de")) else { Issue.record("no ticket"); return }
        var ticket = try o.ticket(id)
        ticket = try o.db.database.tickets.setStatus(id: id, .resolved, expectedVersion: ticket.version, by: o.db.bob)
        _ = try o.db.database.tickets.setStatus(id: id, .closed, expectedVersion: ticket.version, by: o.db.bob)
        guard case let .opened(follow) = try o.take(Self.mail(subject: "Re: Alt [#\(id)]", id: "again@weiss-ag.de")) else {
            Issue.record("no follow-up"); return
        }
        #expect(follow != id)
        #expect(try o.messages(follow).first?.body.contains("[#\(id)]") == true)
        // Its subject without the old ticket's tag: its own replies say [#follow] alone.
        let subject = try o.ticket(follow).subject
        #expect(subject == "Re: Alt", "\(subject)")
        #expect(MailSettings([:]).withoutTags("AW: Drucker [#12] kaputt [#x] [#7]") == "AW: Drucker kaputt [#x]")
    }
}
