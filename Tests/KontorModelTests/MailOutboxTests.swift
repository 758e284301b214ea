import Foundation
import GRDB
import KontorLocale
@testable import KontorModel
import TestSupport
import Testing

/// The outbox: what a reply writes to it, whom it is addressed to, and how
/// the sender retries, backs off and gives up — with real sendmail commands
/// (small shell scripts) that fail or succeed.
@Suite("The outbox")
struct MailOutboxTests {
    /// A clock the tests move.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var value: Date
        init(_ date: Date) { value = date }
        var now: Date { lock.withLock { value } }
        func advance(_ seconds: TimeInterval) { lock.withLock { value = value.addingTimeInterval(seconds) } }
    }

    /// A business with a customer who has an e-mail address, a ticket of
    /// theirs, and the support queue's address set.
    struct Desk {
        let business: InvoiceBusiness
        let customer: Customer
        var ticket: Ticket
        var database: KontorDatabase { business.database }
        var alice: Session { business.alice }

        init(customerEmail: String = "j.mueller@mueller.example", queueAddress: Bool = true) throws {
            business = try InvoiceBusiness()
            customer = try business.customer("Müller & Söhne GmbH", email: customerEmail)
            ticket = try business.database.tickets.create(TicketFields(subject: "Drucker läuft nicht", customerID: customer.id,
                                                                       firstMessage: "Er druckt nichts mehr."), by: business.alice)
            if queueAddress {
                try business.alice.updateMailSettings { $0.queueAddresses = ["support": "support@kaffee-co.example"] }
            }
        }

        func script(_ name: String, _ body: String) throws -> String {
            let url = business.folder.appendingPathComponent(name)
            try ("#!/bin/sh\n" + body + "\n").write(to: url, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: url.path)
            return url.path
        }

        mutating func reply(_ text: String, kind: TicketMessageKind = .reply) throws -> TicketMessage {
            let (fresh, message) = try database.tickets.addMessage(to: ticket.id, kind: kind, body: text, expectedVersion: ticket.version, by: alice)
            ticket = fresh
            return message
        }

        func outbox() throws -> [OutboxEntry] { try database.mail.page().reversed() }
    }

    @Test func aReplyIsQueuedInItsTransactionAndANoteNever() throws {
        var desk = try Desk()
        let note = try desk.reply("Intern: Kunde zahlt schlecht", kind: .note)
        #expect(try desk.outbox().isEmpty, "an internal note is never sent")
        let reply = try desk.reply("Guten Tag, wir kommen morgen.")
        let entries = try desk.outbox()
        #expect(entries.count == 1)
        let entry = try #require(entries.first)
        #expect(entry.kind == .reply && entry.ticketID == desk.ticket.id && entry.ticketMessageID == reply.id)
        #expect(entry.recipients == "j.mueller@mueller.example")
        #expect(entry.subject == "Re: Drucker läuft nicht [#\(desk.ticket.id)]")
        #expect(entry.state == .queued && entry.attempts == 0)
        let raw = String(decoding: try #require(try desk.database.mail.raw(id: entry.id)), as: UTF8.self)
        #expect(raw.contains("From: \"Kaffee & Co. <R=C3=B6sterei> GmbH\"") || raw.contains("From: =?UTF-8?B?"), "\(raw)")
        #expect(raw.contains("<support@kaffee-co.example>"))
        #expect(raw.contains("Message-ID: <\(entry.messageID)>"))
        #expect(!raw.contains("Kunde zahlt schlecht"))
        let log = try desk.database.mail.log(ofTicket: desk.ticket.id)
        #expect(log.byMessage[note.id] == nil)
        guard case .queued? = log.byMessage[reply.id] else { Issue.record("\(log)"); return }
        // A refused reply writes no message either.
        let before = try desk.outbox().count
        #expect(throws: (any Error).self) {
            try desk.database.tickets.addMessage(to: desk.ticket.id, kind: .reply, body: "x", expectedVersion: desk.ticket.version - 1, by: desk.alice)
        }
        #expect(try desk.outbox().count == before)
    }

    @Test func aReplyThatCannotGoIsSavedAndSaysWhy() throws {
        var desk = try Desk(queueAddress: false)
        let first = try desk.reply("Ohne Absender")
        #expect(try desk.outbox().isEmpty)
        #expect(try desk.database.mail.log(ofTicket: desk.ticket.id).byMessage[first.id]
                == .notSent(reason: .noSender(queue: "support")))

        var nobody = try Desk(customerEmail: "")
        let second = try nobody.reply("Ohne Empfänger")
        #expect(try nobody.outbox().isEmpty)
        #expect(try nobody.database.mail.log(ofTicket: nobody.ticket.id).byMessage[second.id]
                == .notSent(reason: .noAddressee))
    }

    @Test func whyAReplyWasNotSentIsStoredInFixedWordsAndReadInTheReadersLanguage() {
        for reason in [UnsentReason.noSender(queue: "billing"), .noAddressee, .other("something else")] {
            #expect(UnsentReason(stored: reason.stored) == reason)
        }
        #expect(UnsentReason.noSender(queue: "support").stored == "no sender address is set for the support queue (mail settings)")
        Language.$scoped.withValue(.german) {
            #expect(UnsentReason.noSender(queue: "support").text == "keine Absenderadresse für die Queue Support (Mail-Einstellungen)")
            #expect(UnsentReason.noSender(queue: "billing").text == "keine Absenderadresse für die Queue Buchhaltung (Mail-Einstellungen)")
            #expect(UnsentReason.noAddressee.text.hasPrefix("weder der Absender"))
            #expect(UnsentReason.other("as stored").text == "as stored")
        }
    }

    @Test func theRequesterIsTheLastSenderByMailAndCcIsKeptWithoutOurAddresses() throws {
        var desk = try Desk()
        // What mail-in writes for a message that came by mail.
        try desk.database.write { db in
            try db.execute(sql: """
                INSERT INTO ticket_messages (ticket_id, kind, author_name, body, created_at, mail_message_id, mail_from, mail_to, mail_cc)
                VALUES (?, 'customer', 'Eva Einkauf', 'Noch da?', '2026-12-01T09:00:00Z', 'eins@mueller.example',
                        'Eva Einkauf <eva@mueller.example>', 'support@kaffee-co.example',
                        '"Weiß, Sabine" <sabine@mueller.example>, Support <SUPPORT@kaffee-co.example>, eva@mueller.example')
                """, arguments: [desk.ticket.id])
        }
        _ = try desk.reply("Antwort")
        let entry = try #require(try desk.outbox().last)
        #expect(entry.recipients == "eva@mueller.example, sabine@mueller.example")
        let raw = String(decoding: try #require(try desk.database.mail.raw(id: entry.id)), as: UTF8.self)
        #expect(raw.contains("In-Reply-To: <eins@mueller.example>"))
        #expect(raw.contains("References: <eins@mueller.example>"))
        _ = try desk.reply("Zweite Antwort")
        let second = try #require(try desk.outbox().last)
        let raw2 = String(decoding: try #require(try desk.database.mail.raw(id: second.id)), as: UTF8.self)
        // Folded between ids, as headers are at 78 characters.
        #expect(raw2.replacingOccurrences(of: "\r\n ", with: " ").contains("References: <eins@mueller.example> <\(entry.messageID)>"), "\(raw2)")
        #expect(raw2.contains("In-Reply-To: <eins@mueller.example>"))
    }

    /// What mail-in writes for a customer's message that came by mail.
    static func mailIn(_ desk: Desk, from: String, id: String) throws -> Int64 {
        try desk.database.write { db in
            try db.execute(sql: """
                INSERT INTO ticket_messages (ticket_id, kind, author_name, body, created_at, mail_message_id, mail_from, mail_to)
                VALUES (?, 'customer', 'x', 'Bitte an mich antworten', '2026-12-01T09:00:00Z', ?, ?, 'support@kaffee-co.example')
                """, arguments: [desk.ticket.id, id, from])
            return db.lastInsertedRowID
        }
    }

    @Test func aStrangerWritingWithTheTicketsNumberIsMarkedAndNotAnswered() throws {
        var desk = try Desk()
        let stranger = try Self.mailIn(desk, from: "Mallory <mallory@evil.example>", id: "m1@evil.example")
        var log = try desk.database.mail.log(ofTicket: desk.ticket.id)
        #expect(log.fromUnknownAddress == [stranger])
        #expect(try log.replyTo?.get().address == "j.mueller@mueller.example", "shown before the reply is written")
        _ = try desk.reply("Antwort")
        let entry = try #require(try desk.outbox().last)
        #expect(entry.recipients == "j.mueller@mueller.example")
        // Nor does the reply name the stranger's message: its id would thread the reply on theirs.
        let raw = String(decoding: try #require(try desk.database.mail.raw(id: entry.id)), as: UTF8.self)
        #expect(!raw.contains("m1@evil.example"), "\(raw)")

        // A colleague at the customer's own domain is answered.
        let colleague = try Self.mailIn(desk, from: "Eva <EVA@Mueller.example>", id: "m2@mueller.example")
        log = try desk.database.mail.log(ofTicket: desk.ticket.id)
        #expect(log.fromUnknownAddress == [stranger] && !log.fromUnknownAddress.contains(colleague))
        _ = try desk.reply("Antwort an Eva")
        #expect(try desk.outbox().last?.recipients == "EVA@Mueller.example")
    }

    @Test func aSharedMailProviderMakesNobodyAColleague() throws {
        var desk = try Desk(customerEmail: "hans.mueller@gmx.de")
        let other = try Self.mailIn(desk, from: "someone@gmx.de", id: "m3@gmx.de")
        #expect(try desk.database.mail.log(ofTicket: desk.ticket.id).fromUnknownAddress == [other])
        _ = try desk.reply("Antwort")
        #expect(try desk.outbox().last?.recipients == "hans.mueller@gmx.de")
        // A contact person's own address is known wherever it is.
        _ = try desk.database.customers.addContact(to: desk.customer.id, ContactFields(name: "Grete Müller", email: "grete@web.de"), by: desk.alice)
        let grete = try Self.mailIn(desk, from: "grete@web.de", id: "m4@web.de")
        #expect(try !desk.database.mail.log(ofTicket: desk.ticket.id).fromUnknownAddress.contains(grete))
    }

    @Test func aCustomerMadeFromAMailSenderReadsAsPeopleWriteIt() {
        let person = CustomerFields.fromMailSender(name: "Müller, Hans", address: "hans.mueller@gmx.de")
        #expect(person.name == "Hans Müller" && person.kind == .person && person.email == "hans.mueller@gmx.de")
        let firm = CustomerFields.fromMailSender(name: "Neu Künde", address: "neu@example.org")
        #expect(firm.name == "Neu Künde" && firm.kind == .company)
        #expect(CustomerFields.fromMailSender(name: "Weiß, Sabine, Einkauf", address: "s@weiss.example").name == "Weiß, Sabine, Einkauf")
        #expect(CustomerFields.fromMailSender(name: " ", address: "x@y.example").name == "x@y.example")
    }

    @Test func theAddressATicketWasOpenedFromIsAnswered() throws {
        var desk = try Desk(customerEmail: "")
        #expect(try desk.database.mail.log(ofTicket: desk.ticket.id).replyTo == .failure(.noAddressee))
        try desk.database.write { db in
            try db.execute(sql: "UPDATE tickets SET unknown_sender = 'neu@kunde.example' WHERE id = ?", arguments: [desk.ticket.id])
        }
        _ = try Self.mailIn(desk, from: "neu@kunde.example", id: "m5@kunde.example")
        #expect(try desk.database.mail.log(ofTicket: desk.ticket.id).fromUnknownAddress.isEmpty)
        _ = try desk.reply("Antwort")
        #expect(try desk.outbox().last?.recipients == "neu@kunde.example")
    }

    @Test func anAcknowledgementGoesOnceAndOnlyWhenAskedFor() throws {
        let desk = try Desk()
        let off = try desk.database.write { db in
            try TicketMail.enqueueAcknowledgement(db, ticketID: desk.ticket.id, to: "eva@mueller.example", settings: try MailSettings.read(db))
        }
        #expect(off == nil, "acknowledgements are off unless set")
        try desk.alice.updateMailSettings { $0.acknowledgeNewTickets = true }
        let settings = try desk.alice.mailSettings()
        let first = try desk.database.write { db in
            try TicketMail.enqueueAcknowledgement(db, ticketID: desk.ticket.id, to: "Eva <eva@mueller.example>", settings: settings)
        }
        let again = try desk.database.write { db in
            try TicketMail.enqueueAcknowledgement(db, ticketID: desk.ticket.id, to: "eva@mueller.example", settings: settings)
        }
        let ours = try desk.database.write { db in
            try TicketMail.enqueueAcknowledgement(db, ticketID: desk.ticket.id, to: "support@kaffee-co.example", settings: settings)
        }
        let entry = try #require(first)
        #expect(again == nil && ours == nil)
        #expect(entry.kind == .acknowledgement && entry.recipients == "eva@mueller.example")
        let raw = String(decoding: try #require(try desk.database.mail.raw(id: entry.id)), as: UTF8.self)
        #expect(raw.contains("Auto-Submitted: auto-replied"))
        #expect(try desk.database.mail.log(ofTicket: desk.ticket.id).acknowledgement?.id == entry.id)
    }

    @Test func aRefusingMailSystemIsRetriedWithBackoffThenGivenUp() throws {
        var desk = try Desk()
        let refusing = try desk.script("sendmail-tempfail", "cat > /dev/null\necho 'msmtp: cannot connect to mail.example: Connection refused' >&2\nexit 75")
        try desk.alice.updateMailSettings { $0.sendmailCommand = refusing + " -t -i" }
        let reply = try desk.reply("Hallo")
        let clock = Clock(Date())
        let delivery = MailDelivery(database: desk.database, actor: "cron", now: { clock.now })

        var report = try delivery.sendDue()
        #expect(report.retrying.count == 1 && report.sent.isEmpty)
        var entry = try #require(report.retrying.first)
        #expect(entry.attempts == 1)
        #expect(entry.lastError.contains("exited with 75 (temporary failure, try again later)"), "\(entry.lastError)")
        #expect(entry.lastError.contains("Connection refused"))
        #expect(entry.nextAttemptAt == Timestamp.string(from: clock.now.addingTimeInterval(60)))
        // Not due yet: nothing is tried.
        clock.advance(30)
        #expect(try delivery.sendDue().isEmpty)
        clock.advance(30)
        for (index, delay) in MailDelivery.retryDelays.enumerated().dropFirst() {
            report = try delivery.sendDue()
            entry = try #require(report.retrying.first, "try \(index + 1)")
            #expect(entry.attempts == index + 1)
            #expect(entry.nextAttemptAt == Timestamp.string(from: clock.now.addingTimeInterval(delay)))
            clock.advance(delay)
        }
        report = try delivery.sendDue()
        let failed = try #require(report.failed.first)
        #expect(failed.state == .failed && failed.attempts == MailDelivery.maxAttempts)
        #expect(try delivery.nextDue() == nil)
        clock.advance(86_400)
        #expect(try delivery.sendDue().isEmpty, "given up: never tried again by itself")
        guard case let .failed(to, error)? = try desk.database.mail.log(ofTicket: desk.ticket.id).byMessage[reply.id] else {
            Issue.record("the thread should say the reply was not sent"); return
        }
        #expect(to == "j.mueller@mueller.example" && error.contains("Connection refused"))

        // Repaired, and put back by hand: sent, and exactly what was queued.
        let received = desk.business.folder.appendingPathComponent("received.eml")
        let working = try desk.script("sendmail-ok", "cat > '\(received.path)'")
        try desk.alice.updateMailSettings { $0.sendmailCommand = working }
        try desk.database.mail.retry(id: failed.id, by: desk.alice)
        report = try delivery.sendDue()
        #expect(report.sent.map(\.id) == [failed.id])
        #expect(try Data(contentsOf: received) == desk.database.mail.raw(id: failed.id))
        #expect(try desk.database.mail.entry(id: failed.id)?.sentAt == Timestamp.string(from: clock.now))
    }

    /// Every open session looks at the outbox after each commit it sees:
    /// with nothing due, the look must not wait for the write lock a
    /// colleague's save holds.
    @Test func aLookAtAnOutboxWithNothingDueTakesNoWriteLock() throws {
        let desk = try Desk()
        let delivery = MailDelivery(database: desk.database, actor: "cron")
        let colleague = try DatabaseQueue(path: desk.database.path)
        try colleague.inTransaction(.immediate) { db in
            try db.execute(sql: "UPDATE customers SET notes = 'in the middle of a save' WHERE id = ?", arguments: [desk.customer.id])
            let started = Date()
            #expect(try delivery.sendDue().isEmpty)
            #expect(Date().timeIntervalSince(started) < 1)
            return .rollback
        }
    }

    @Test func sendmailThatCannotRunOrFailsSaysSo() throws {
        var desk = try Desk()
        _ = try desk.reply("Hallo")
        try desk.alice.updateMailSettings { $0.sendmailCommand = "/bin/false" }
        let delivery = MailDelivery(database: desk.database, actor: "cron")
        #expect(try delivery.sendDue().retrying.first?.lastError == "false exited with 1")
        try desk.alice.updateMailSettings { $0.sendmailCommand = "/nonexistent/sendmail -t -i" }
        try desk.database.write { db in try db.execute(sql: "UPDATE mail_outbox SET next_attempt_at = '2000-01-01T00:00:00Z'") }
        let error = try #require(try delivery.sendDue().retrying.first?.lastError)
        #expect(error.contains("no such program"), "\(error)")
        let hanging = try desk.script("sendmail-hangs", "exec sleep 30")
        try desk.alice.updateMailSettings { $0.sendmailCommand = hanging }
        try desk.database.write { db in try db.execute(sql: "UPDATE mail_outbox SET next_attempt_at = '2000-01-01T00:00:00Z'") }
        var quick = delivery
        quick.timeout = 1
        let started = Date()
        #expect(try quick.sendDue().retrying.first?.lastError.contains("did not finish within 1 s") == true)
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test func twoSendersAtOnceSendEachMessageOnce() throws {
        var desk = try Desk()
        for i in 1...12 { _ = try desk.reply("Antwort \(i)") }
        let log = desk.business.folder.appendingPathComponent("sent.log")
        // Slow enough that both senders are at work at the same time.
        let sendmail = try desk.script("sendmail-log", "grep '^Message-ID:' >> '\(log.path)'\nsleep 0.05")
        try desk.alice.updateMailSettings { $0.sendmailCommand = sendmail }
        let other = try KontorDatabase(path: desk.database.path)
        let senders = [MailDelivery(database: desk.database, actor: "one"), MailDelivery(database: other, actor: "two")]
        let counts = Counts()
        DispatchQueue.concurrentPerform(iterations: 2) { index in
            counts.add(index, (try? senders[index].sendDue().sent.count) ?? -100)
        }
        #expect(counts.total == 12, "\(counts.values)")
        let lines = try String(contentsOf: log, encoding: .utf8).split(whereSeparator: \.isNewline)
        #expect(lines.count == 12 && Set(lines).count == 12, "each message once: \(lines)")
        #expect(try desk.outbox().allSatisfy { $0.state == .sent && $0.attempts == 1 })
    }

    final class Counts: @unchecked Sendable {
        private let lock = NSLock()
        private var stored = [0, 0]
        func add(_ index: Int, _ n: Int) { lock.withLock { stored[index] += n } }
        var values: [Int] { lock.withLock { stored } }
        var total: Int { values.reduce(0, +) }
    }

    /// On a server the sendmail command is the server's configuration's:
    /// one set from inside Kontor would run any program as the service
    /// account, which may write the database past Kontor's rules.
    @Test func onAServerMailGoesOutThroughTheServersCommandAlone() throws {
        var desk = try Desk()
        try desk.alice.updateMailSettings { $0.sendmailCommand = "/bin/false" }
        let received = desk.business.folder.appendingPathComponent("received.eml")
        let servers = try desk.script("servers-sendmail", "cat > '\(received.path)'")
        let server = try KontorDatabase(path: desk.database.path, serverSendmail: servers)
        let admin = try server.session(for: Actor(username: "alice"))
        #expect(try admin.mailSettings().sendmailCommand == servers)
        #expect { try admin.updateMailSettings { $0.sendmailCommand = "/bin/sh -c id" } } throws: {
            "\($0)".contains("sendmail: is the server's on this server")
        }
        #expect { try admin.saveMailSettings({ var s = try admin.mailSettings(); s.sendmailCommand = "/bin/sh"; return s }(),
                                            expected: try admin.settingsRevision()) } throws: { "\($0)".contains("is the server's") }
        // Other mail settings still change, and the stored command is left as it was.
        try admin.updateMailSettings { $0.signature = "Grüße" }
        #expect(try desk.alice.mailSettings().sendmailCommand == "/bin/false")
        _ = try desk.reply("Hallo")
        let report = try MailDelivery(database: server, actor: "cron").sendDue()
        #expect(report.sent.count == 1, "\(report)")
        #expect(FileManager.default.fileExists(atPath: received.path))
    }
}
